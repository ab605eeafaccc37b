/** The clock, read only here (timings go into run.json, never into the forecast). */
export const now = (): number => performance.now();
