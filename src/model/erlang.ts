/**
 * Erlang C: the queue of an assisted channel with `agents` servers and `traffic` Erlangs of offered
 * load (arrival rate x handle time). Used for the wait of staffed channels, which feeds effort.
 */

/** Erlang B blocking probability, by the stable recursion B(0) = 1, B(n) = A B(n-1) / (n + A B(n-1)). */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/** Probability that a contact waits (Erlang C); 1 when the load reaches the number of agents. */
export function erlangC(agents: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (traffic >= agents) return 1;
  const b = erlangB(agents, traffic);
  return b / (1 - (traffic / agents) * (1 - b));
}

/**
 * Mean wait in minutes of an M/M/N queue: C(N, A) x handle / (N - A). Overloaded queues
 * (A >= N) have no steady state; they get `maxWaitMinutes`, as does any wait above it.
 */
export function meanWaitMinutes(
  agents: number,
  contactsPerHour: number,
  handleMinutes: number,
  maxWaitMinutes: number,
): number {
  const traffic = (contactsPerHour * handleMinutes) / 60;
  if (traffic <= 0) return 0;
  if (traffic >= agents) return maxWaitMinutes;
  const w = (erlangC(agents, traffic) * handleMinutes) / (agents - traffic);
  return Math.min(w, maxWaitMinutes);
}
