/**
 * Every user-facing message about a scenario file, in one place. Each says what was found and what
 * would be valid. The loader (`io/scenarioFile.ts`) picks the template; nothing else words them.
 */

/** How a found value is shown: `1.5`, `"many"`, `a list of 3 items`, `an object`, `nothing`. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length === 1 ? 'a list of 1 item' : `a list of ${v.length} items`;
  if (v instanceof Date) return `the date ${v.toISOString().slice(0, 10)}`;
  return 'an object';
}

/** A list of names as shown in messages: `a, b, c`. */
export function showList(names: readonly string[]): string {
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, ...` : names.join(', ');
}

const didYouMean = (suggestion: string | undefined): string => (suggestion === undefined ? '' : `did you mean "${suggestion}"? `);

/** Descriptions of expected values, composed by the loader from the schema. */
export const expect = {
  probability: 'a probability between 0 and 1',
  number: 'a number',
  wholeNumber: 'a whole number',
  between: (noun: string, lo: string, hi: string) => `${noun} between ${lo} and ${hi}`,
  atLeast: (noun: string, lo: string) => (lo === '0' ? `a non-negative ${noun.replace(/^an? /, '')}` : `${noun} of at least ${lo}`),
  greaterThan: (noun: string, lo: string) => (lo === '0' ? `a positive ${noun.replace(/^an? /, '')}` : `${noun} greater than ${lo}`),
  atMost: (noun: string, hi: string) => `${noun} of at most ${hi}`,
  lessThan: (noun: string, hi: string) => `${noun} less than ${hi}`,
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  objectWithKeys: (keys: readonly string[]) => `an object with keys ${showList(keys)}`,
  record: (of: string) => `an object of named ${of}`,
  list: 'a list',
  oneOf: (values: readonly string[]) => `one of: ${showList(values)}`,
  distribution: (names: readonly string[]) => `a distribution ({dist: ${names.join('|')}, ...})`,
  either: (options: readonly string[]) => options.join(' or '),
} as const;

/** The message templates, keyed by what went wrong. */
export const msg = {
  missing: (expected: string) => `missing; expected ${expected}`,
  wrongType: (found: unknown, expected: string) => `found ${showValue(found)}; expected ${expected}`,
  notWhole: (found: unknown, expected: string) => `${showValue(found)} is not a whole number; expected ${expected}`,
  tooBig: (found: unknown, expected: string) => `${showValue(found)} is too big; expected ${expected}`,
  tooSmall: (found: unknown, expected: string) => `${showValue(found)} is too small; expected ${expected}`,
  listLength: (found: unknown, expected: string) => `found ${showValue(found)}; expected ${expected}`,
  exactly: (n: number, what: string) => `exactly ${n} ${what}`,
  atLeastItems: (n: number, what: string) => `at least ${n} ${what}`,
  atMostItems: (n: number, what: string) => `at most ${n} ${what}`,
  badFormat: (found: unknown, expected: string) => `${showValue(found)} is not valid; expected ${expected}`,
  badValue: (found: unknown, values: readonly string[], suggestion: string | undefined) =>
    `${showValue(found)} is not valid; ${didYouMean(suggestion)}expected ${expect.oneOf(values)}`,
  unknownKey: (key: string, allowed: readonly string[], suggestion: string | undefined) =>
    suggestion === undefined
      ? `unknown key "${key}"; expected one of: ${showList(allowed)}`
      : `unknown key "${key}"; did you mean "${suggestion}"?`,
  unknownDistribution: (found: unknown, names: readonly string[], suggestion: string | undefined) =>
    `${showValue(found)} is not a distribution; ${didYouMean(suggestion)}expected ${expect.oneOf(names)}`,
  notMultipleOf: (found: unknown, step: string) => `${showValue(found)} is not a multiple of ${step}`,
  /** A message the schema itself words (refinements); passed through. */
  custom: (message: string) => message,

  // the file and its syntax
  cannotRead: (reason: string) => `cannot read the file: ${reason}`,
  yamlSyntax: (message: string) => `YAML syntax error: ${message}`,
  notAnObject: (found: unknown) => `found ${showValue(found)}; expected a scenario (an object with baseline, segments and policies)`,

  // extends
  extendsNotString: (found: unknown) => `found ${showValue(found)}; expected the path of a base scenario file (a string)`,
  extendsCycle: (chain: readonly string[]) => `extends forms a cycle: ${chain.join(' -> ')}`,
  extendsUnreadable: (file: string, reason: string) => `cannot read the base scenario "${file}": ${reason}`,

  // --set
  setNoEquals: (text: string) => `"${text}" is not an override; expected path=value, e.g. segments.consumer.baseChurn=0.02`,
  setBadPath: (text: string) => `"${text}" is not a valid path; expected dotted keys such as policies.effort.costs.oneOff`,
  setBadValue: (message: string) => `the value is not valid YAML: ${message}`,
  setThroughScalar: (prefix: string, found: unknown) => `cannot set a key inside ${prefix}, which is ${showValue(found)}`,
  setBadIndex: (segment: string, length: number) => `"${segment}" is not an index of this list of ${length} items`,
} as const;

/** Where a message has no path: the scenario as a whole. */
export const ROOT_PATH = '(scenario)';
