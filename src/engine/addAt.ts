/** a[i] += v for typed arrays under `noUncheckedIndexedAccess` (V8 inlines it in hot loops). */
export function addAt(a: Float64Array, i: number, v: number): void {
  a[i] = (a[i] ?? 0) + v;
}
