/**
 * Reading a scenario file: the only code that reads scenario files.
 *
 *   file --1 read + parse YAML (positions kept)--> tree --2 resolve `extends` (deep merge)-->
 *   tree --3 apply --set overrides--> tree --4 validate (zod)--> Scenario, or every issue mapped
 *   back to its file, line and column with a message from `scenario/messages.ts`.
 *
 * The tree keeps, for every value, where it was written (file, line, column), so that an issue
 * found after merging a base file and overrides still points at the line that caused it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { expect, msg, ROOT_PATH } from '../scenario/messages.js';
import { Scenario } from '../scenario/schema.js';

export interface ScenarioError {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path of the field, e.g. `segments.consumer.grossMargin`; empty for file-level errors. */
  path: string;
  message: string;
}

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
  /** Output folder name: the scenario's `name`, else the file name without extension. */
  name: string;
  /** sha256 (hex) of the canonical JSON (sorted keys) of the validated scenario. */
  hash: string;
}

export type LoadResult = { ok: true; value: LoadedScenario } | { ok: false; errors: ScenarioError[] };

/** The pseudo file name of errors in `--set` overrides. */
export const SET_FILE = '--set';

// ---------------------------------------------------------------------------------------------
// The positioned tree

interface Pos {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

interface Entry {
  keyAt: Pos;
  node: Tree;
}

type Tree =
  | { kind: 'map'; at: Pos; entries: Map<string, Entry> }
  | { kind: 'seq'; at: Pos; items: Tree[] }
  | { kind: 'scalar'; at: Pos; value: unknown };

type Segment = string | number;

const MAX_DEPTH = 64;

class Source {
  constructor(
    readonly file: string,
    private readonly lines: LineCounter | undefined,
  ) {}

  pos(offset: number | undefined): Pos {
    if (this.lines === undefined || offset === undefined) return { file: this.file };
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }
}

function toTree(node: unknown, doc: Document, src: Source, fallback: Pos, depth = 0): Tree {
  if (depth > MAX_DEPTH) return { kind: 'scalar', at: fallback, value: null };
  if (isAlias(node)) return toTree(node.resolve(doc), doc, src, fallback, depth + 1);
  if (isMap(node)) {
    const at = src.pos(node.range?.[0]);
    const entries = new Map<string, Entry>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key;
      const keyText = isScalar(key) ? String(key.value) : String(key);
      const keyAt = isScalar(key) || isMap(key) || isSeq(key) ? src.pos(key.range?.[0]) : at;
      entries.set(keyText, { keyAt, node: toTree(pair.value, doc, src, keyAt, depth + 1) });
    }
    return { kind: 'map', at, entries };
  }
  if (isSeq(node)) {
    return { kind: 'seq', at: src.pos(node.range?.[0]), items: node.items.map((item) => toTree(item, doc, src, fallback, depth + 1)) };
  }
  if (isScalar(node)) return { kind: 'scalar', at: src.pos(node.range?.[0]), value: node.value };
  return { kind: 'scalar', at: fallback, value: null };
}

/** The plain value of a tree (what zod validates). */
function toValue(t: Tree): unknown {
  switch (t.kind) {
    case 'map':
      return Object.fromEntries([...t.entries].map(([k, e]) => [k, toValue(e.node)]));
    case 'seq':
      return t.items.map(toValue);
    case 'scalar':
      return t.value;
  }
}

/** Deep merge: maps merged key by key (`over` wins), anything else replaced by `over`. */
function merge(base: Tree, over: Tree): Tree {
  if (base.kind !== 'map' || over.kind !== 'map') return over;
  const entries = new Map(base.entries);
  for (const [k, e] of over.entries) {
    const b = entries.get(k);
    entries.set(k, b === undefined ? e : { keyAt: e.keyAt, node: merge(b.node, e.node) });
  }
  return { kind: 'map', at: over.at, entries };
}

function childOf(t: Tree, seg: Segment): Entry | undefined {
  if (t.kind === 'map') return t.entries.get(String(seg));
  if (t.kind === 'seq') {
    const i = typeof seg === 'number' ? seg : Number(seg);
    const item = Number.isInteger(i) ? t.items[i] : undefined;
    return item === undefined ? undefined : { keyAt: item.at, node: item };
  }
  return undefined;
}

/** Where a path was written: the value itself, or for a missing one the nearest parent's key. */
function positionOf(root: Tree, segs: readonly Segment[], key = false): Pos {
  let here: Entry = { keyAt: root.at, node: root };
  for (let i = 0; i < segs.length; i++) {
    const next = childOf(here.node, segs[i] as Segment);
    if (next === undefined) return here.keyAt;
    here = next;
  }
  return key ? here.keyAt : here.node.at;
}

// ---------------------------------------------------------------------------------------------
// Paths and values

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function formatPath(segs: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && IDENT.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

function valueAt(v: unknown, segs: readonly PropertyKey[]): unknown {
  let here = v;
  for (const s of segs) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[s];
  }
  return here;
}

function toSegments(p: readonly PropertyKey[]): Segment[] {
  return p.map((s) => (typeof s === 'number' ? s : String(s)));
}

// ---------------------------------------------------------------------------------------------
// Suggestions

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The closest candidate to `word`, if close enough to be what was meant. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= Math.max(1, Math.ceil(word.length / 3)) ? best : undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading the schema at a path (for allowed keys and the expected value in messages)

type Schema = z.core.$ZodType;

function defOf(s: Schema): z.core.$ZodTypeDef {
  return s._zod.def;
}

function unwrap(s: Schema): Schema {
  let here = s;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const def = defOf(here);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        here = (def as z.core.$ZodOptionalDef).innerType;
        break;
      case 'pipe':
        here = (def as z.core.$ZodPipeDef).in;
        break;
      case 'lazy':
        here = (def as z.core.$ZodLazyDef).getter();
        break;
      default:
        return here;
    }
  }
  return here;
}

function literalValues(s: Schema): unknown[] {
  const u = unwrap(s);
  const def = defOf(u);
  if (def.type === 'literal') return [...(def as z.core.$ZodLiteralDef<z.core.util.Literal>).values];
  if (def.type === 'enum') return Object.values((def as z.core.$ZodEnumDef).entries);
  return [];
}

/** The option of a union that the value was meant for. */
function pickOption(union: Schema, value: unknown): Schema | undefined {
  const def = defOf(union) as z.core.$ZodUnionDef & { discriminator?: string };
  const options = def.options.map(unwrap);
  if (def.discriminator !== undefined && value !== null && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[def.discriminator];
    const hit = options.find((o) => {
      const shape = defOf(o).type === 'object' ? (defOf(o) as z.core.$ZodObjectDef).shape : undefined;
      const field = shape?.[def.discriminator as string];
      return field !== undefined && literalValues(field).includes(tag);
    });
    if (hit) return hit;
  }
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return options.find((o) => {
    const t = defOf(o).type;
    if (kind === 'object') return t === 'object' || t === 'record' || (t === 'union' && pickOption(o, value) !== undefined);
    if (kind === 'array') return t === 'array' || t === 'tuple';
    return t === kind;
  });
}

/** The schema at a path, following the data through unions. */
function schemaAt(root: Schema, segs: readonly PropertyKey[], data: unknown): Schema | undefined {
  let here: Schema | undefined = unwrap(root);
  let value = data;
  for (const seg of segs) {
    if (here === undefined) return undefined;
    here = resolveUnion(here, value);
    if (here === undefined) return undefined;
    const def = defOf(here);
    let next: Schema | undefined;
    if (def.type === 'object') next = (def as z.core.$ZodObjectDef).shape[String(seg)];
    else if (def.type === 'record') next = (def as z.core.$ZodRecordDef).valueType;
    else if (def.type === 'array') next = (def as z.core.$ZodArrayDef).element;
    here = next === undefined ? undefined : unwrap(next);
    value = valueAt(value, [seg]);
  }
  return here;
}

function resolveUnion(s: Schema, value: unknown): Schema | undefined {
  let here: Schema | undefined = unwrap(s);
  for (let i = 0; i < MAX_DEPTH && here !== undefined && defOf(here).type === 'union'; i++) {
    const picked: Schema | undefined = pickOption(here, value);
    here = picked === undefined ? undefined : unwrap(picked);
  }
  return here;
}

/** The keys an object at this path may have, read from the schema. */
function allowedKeys(segs: readonly PropertyKey[], data: unknown): string[] {
  const s = schemaAt(Scenario, segs, data);
  const o = s === undefined ? undefined : resolveUnion(s, valueAt(data, segs));
  return o !== undefined && defOf(o).type === 'object' ? Object.keys((defOf(o) as z.core.$ZodObjectDef).shape) : [];
}

function bound(n: number): string {
  return String(n);
}

function describeNumber(def: z.core.$ZodNumberDef): string {
  let int = false;
  let lo: { value: number; inclusive: boolean } | undefined;
  let hi: { value: number; inclusive: boolean } | undefined;
  for (const check of def.checks ?? []) {
    const c = check._zod.def as { check: string; value?: unknown; inclusive?: boolean; format?: string };
    if (c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32' || c.format === 'uint32')) int = true;
    if (typeof c.value === 'number' && !Number.isFinite(c.value)) continue;
    if (c.check === 'greater_than' && typeof c.value === 'number' && (lo === undefined || c.value >= lo.value)) {
      lo = { value: c.value, inclusive: c.inclusive ?? true };
    }
    if (c.check === 'less_than' && typeof c.value === 'number' && (hi === undefined || c.value <= hi.value)) {
      hi = { value: c.value, inclusive: c.inclusive ?? true };
    }
  }
  if (!int && lo?.value === 0 && hi?.value === 1) return expect.probability;
  const noun = int ? expect.wholeNumber : expect.number;
  if (lo && hi) return expect.between(noun, bound(lo.value), bound(hi.value));
  if (lo) return lo.inclusive ? expect.atLeast(noun, bound(lo.value)) : expect.greaterThan(noun, bound(lo.value));
  if (hi) return hi.inclusive ? expect.atMost(noun, bound(hi.value)) : expect.lessThan(noun, bound(hi.value));
  return noun;
}

/** What a schema accepts, in words. `name` is the field's key (for records: "named segments"). */
function describe(s: Schema | undefined, name: string | undefined, depth = 0): string {
  if (s === undefined || depth > 8) return 'a valid value';
  const u = unwrap(s);
  const def = defOf(u);
  switch (def.type) {
    case 'number':
      return describeNumber(def as z.core.$ZodNumberDef);
    case 'string':
      return expect.string;
    case 'boolean':
      return expect.boolean;
    case 'enum':
    case 'literal':
      return expect.oneOf(literalValues(u).map(String));
    case 'object':
      return expect.objectWithKeys(Object.keys((def as z.core.$ZodObjectDef).shape));
    case 'record':
      return expect.record(name ?? 'entries');
    case 'array':
      return expect.list;
    case 'union': {
      const d = def as z.core.$ZodUnionDef & { discriminator?: string };
      if (d.discriminator !== undefined) return expect.distribution(discriminatorValues(u));
      return expect.either(d.options.map((o) => describe(o, name, depth + 1)));
    }
    default:
      return 'a valid value';
  }
}

function discriminatorValues(union: Schema): string[] {
  const def = defOf(union) as z.core.$ZodUnionDef & { discriminator?: string };
  const key = def.discriminator;
  if (key === undefined) return [];
  return def.options.flatMap((o) => {
    const od = defOf(unwrap(o));
    const field = od.type === 'object' ? (od as z.core.$ZodObjectDef).shape[key] : undefined;
    return field === undefined ? [] : literalValues(field).map(String);
  });
}

// ---------------------------------------------------------------------------------------------
// Issues to errors

interface Ctx {
  readonly data: unknown;
  readonly tree: Tree;
  readonly out: ScenarioError[];
}

function push(ctx: Ctx, segs: readonly PropertyKey[], message: string, at?: Pos): void {
  const pos = at ?? positionOf(ctx.tree, toSegments(segs));
  const e: ScenarioError = { file: pos.file, path: segs.length === 0 ? ROOT_PATH : formatPath(segs), message };
  if (pos.line !== undefined) e.line = pos.line;
  if (pos.column !== undefined) e.column = pos.column;
  ctx.out.push(e);
}

/** A union branch that failed on more than the value's type: the branch the value was meant for. */
function meantBranch(errors: readonly z.core.$ZodIssue[]): boolean {
  return errors.length > 0 && !errors.every((e) => e.code === 'invalid_type' && e.path.length === 0);
}

function mapIssue(issue: z.core.$ZodIssue, base: readonly PropertyKey[], ctx: Ctx): void {
  const segs = [...base, ...issue.path];
  const found = valueAt(ctx.data, segs);
  const last = segs[segs.length - 1];
  const name = typeof last === 'string' ? last : undefined;
  const expected = (): string => describe(schemaAt(Scenario, segs, ctx.data), name);
  /** For a value of the right type but out of range: what that type allows (not the other union options). */
  const expectedOfFound = (): string => {
    const s = schemaAt(Scenario, segs, ctx.data);
    return describe(s === undefined ? undefined : (resolveUnion(s, found) ?? s), name);
  };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(segs, ctx.data);
      for (const key of issue.keys) {
        const at = [...segs, key];
        push(ctx, at, msg.unknownKey(key, allowed, suggest(key, allowed)), positionOf(ctx.tree, toSegments(at), true));
      }
      return;
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined && issue.errors.length === 0) {
        const names = ('options' in issue ? (issue.options ?? []) : []).map(String);
        const m = found === undefined ? msg.missing(expect.oneOf(names)) : msg.unknownDistribution(found, names, typeof found === 'string' ? suggest(found, names) : undefined);
        push(ctx, segs, m);
        return;
      }
      const meant = issue.errors.filter(meantBranch);
      if (meant.length === 1 && meant[0] !== undefined) {
        for (const inner of meant[0]) mapIssue(inner, segs, ctx);
        return;
      }
      push(ctx, segs, found === undefined ? msg.missing(expected()) : msg.wrongType(found, expected()));
      return;
    }
    case 'invalid_type': {
      if (segs.length === 0) push(ctx, segs, msg.notAnObject(found));
      else if (found === undefined) push(ctx, segs, msg.missing(expected()));
      else if (issue.expected === 'int' && typeof found === 'number') push(ctx, segs, msg.notWhole(found, expectedOfFound()));
      else push(ctx, segs, msg.wrongType(found, expected()));
      return;
    }
    case 'too_big':
    case 'too_small': {
      if (issue.origin === 'array' || issue.origin === 'string' || issue.origin === 'set') {
        const what = issue.origin === 'string' ? 'characters' : 'items';
        const n = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
        const want = issue.exact ? msg.exactly(n, what) : issue.code === 'too_big' ? msg.atMostItems(n, what) : msg.atLeastItems(n, what);
        push(ctx, segs, msg.listLength(found, issue.origin === 'string' ? `a string of ${want}` : `a list of ${want}`));
        return;
      }
      push(ctx, segs, issue.code === 'too_big' ? msg.tooBig(found, expectedOfFound()) : msg.tooSmall(found, expectedOfFound()));
      return;
    }
    case 'invalid_format': {
      const custom = !issue.message.startsWith('Invalid');
      const want = custom ? issue.message : issue.pattern !== undefined ? `a string matching ${issue.pattern}` : `a valid ${issue.format}`;
      push(ctx, segs, msg.badFormat(found, want));
      return;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      push(ctx, segs, msg.badValue(found, values, typeof found === 'string' ? suggest(found, values) : undefined));
      return;
    }
    case 'not_multiple_of':
      push(ctx, segs, msg.notMultipleOf(found, String(issue.divisor)));
      return;
    case 'invalid_key':
    case 'invalid_element':
      for (const inner of issue.issues) mapIssue(inner, segs, ctx);
      return;
    default:
      push(ctx, segs, msg.custom(issue.message));
  }
}

// ---------------------------------------------------------------------------------------------
// Reading files

function readReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

function readText(file: string): { ok: true; text: string } | { ok: false; reason: string } {
  try {
    return { ok: true, text: fs.readFileSync(file, 'utf8') };
  } catch (err) {
    return { ok: false, reason: readReason(err) };
  }
}

function fileError(pos: Pos, pathText: string, message: string): ScenarioError {
  const e: ScenarioError = { file: pos.file, path: pathText, message };
  if (pos.line !== undefined) e.line = pos.line;
  if (pos.column !== undefined) e.column = pos.column;
  return e;
}

/** Parses YAML text into a positioned tree, or reports its syntax errors. */
function parseYaml(text: string, src: Source, lines: LineCounter | undefined, out: ScenarioError[]): Tree | undefined {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, ...(lines ? { lineCounter: lines } : {}) });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const first = err.message.split('\n')[0] ?? err.message;
      out.push(fileError(src.pos(err.pos[0]), '', msg.yamlSyntax(first.replace(/ at line \d+, column \d+.*$/, ''))));
    }
    return undefined;
  }
  return toTree(doc.contents, doc, src, src.pos(0));
}

/** Loads a file and the chain of files it extends, merged. `chain` holds the absolute paths above it. */
function loadTree(file: string, text: string, chain: readonly string[], out: ScenarioError[]): Tree | undefined {
  const lines = new LineCounter();
  const tree = parseYaml(text, new Source(file, lines), lines, out);
  if (tree === undefined || tree.kind !== 'map') return tree;
  const ext = tree.entries.get('extends');
  if (ext === undefined) return tree;
  if (ext.node.kind !== 'scalar' || typeof ext.node.value !== 'string') {
    out.push(fileError(ext.node.at, 'extends', msg.extendsNotString(toValue(ext.node))));
    return undefined;
  }
  const baseFile = path.join(path.dirname(file), ext.node.value);
  const abs = path.resolve(baseFile);
  const names = [...chain, path.resolve(file)];
  if (names.includes(abs)) {
    const shown = [...names.map((n) => path.relative(process.cwd(), n) || n), path.relative(process.cwd(), abs) || abs];
    out.push(fileError(ext.node.at, 'extends', msg.extendsCycle(shown)));
    return undefined;
  }
  const read = readText(baseFile);
  if (!read.ok) {
    out.push(fileError(ext.node.at, 'extends', msg.extendsUnreadable(baseFile, read.reason)));
    return undefined;
  }
  const base = loadTree(baseFile, read.text, names, out);
  if (base === undefined) return undefined;
  if (base.kind === 'map') {
    // The base's own `extends` is resolved, and its `name` names its own output folder.
    base.entries.delete('extends');
    base.entries.delete('name');
  }
  return merge(base, tree);
}

// ---------------------------------------------------------------------------------------------
// --set overrides

const SET_PATH = /^(?:[^.[\]=]+)(?:\.[^.[\]=]+|\[\d+\])*$/;

function parseSetPath(text: string): Segment[] | undefined {
  if (!SET_PATH.test(text)) return undefined;
  const segs: Segment[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segs.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''));
  return segs;
}

function applySet(root: Tree, text: string, out: ScenarioError[]): Tree {
  const at: Pos = { file: SET_FILE };
  const eq = text.indexOf('=');
  if (eq <= 0) {
    out.push(fileError(at, '', msg.setNoEquals(text)));
    return root;
  }
  const pathText = text.slice(0, eq).trim();
  const segs = parseSetPath(pathText);
  if (segs === undefined || segs.length === 0) {
    out.push(fileError(at, pathText, msg.setBadPath(pathText)));
    return root;
  }
  const errs: ScenarioError[] = [];
  const value = parseYaml(text.slice(eq + 1), new Source(SET_FILE, undefined), undefined, errs);
  if (value === undefined) {
    for (const e of errs) out.push({ ...e, path: pathText, message: msg.setBadValue(e.message.replace(/^YAML syntax error: /, '')) });
    return root;
  }
  const shownPath = formatPath(segs);
  let newRoot = root;
  if (root.kind === 'scalar' && root.value === null) newRoot = { kind: 'map', at, entries: new Map() };
  let here = newRoot;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as Segment;
    const isLast = i === segs.length - 1;
    if (here.kind === 'seq') {
      const idx = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : Number.NaN;
      const item = here.items[idx];
      if (item === undefined) {
        out.push(fileError(at, shownPath, msg.setBadIndex(String(seg), here.items.length)));
        return root;
      }
      const items = here.items;
      if (isLast) items[idx] = value;
      else here = nextContainer(item, (n) => (items[idx] = n));
      continue;
    }
    if (here.kind !== 'map') {
      out.push(fileError(at, shownPath, msg.setThroughScalar(formatPath(segs.slice(0, i)) || ROOT_PATH, here.value)));
      return root;
    }
    const key = String(seg);
    const entries = here.entries;
    if (isLast) {
      entries.set(key, { keyAt: at, node: value });
      continue;
    }
    const existing = entries.get(key);
    if (existing === undefined) {
      const fresh: Tree = { kind: 'map', at, entries: new Map() };
      entries.set(key, { keyAt: at, node: fresh });
      here = fresh;
    } else {
      here = nextContainer(existing.node, (n) => {
        existing.node = n;
        return n;
      });
    }
  }
  return newRoot;
}

/** A container to descend into; an empty value (`key:` with nothing) becomes an empty map. */
function nextContainer(t: Tree, replace: (n: Tree) => Tree): Tree {
  if (t.kind === 'scalar' && t.value === null) return replace({ kind: 'map', at: { file: SET_FILE }, entries: new Map() });
  return t;
}

// ---------------------------------------------------------------------------------------------
// Hash

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    const parts = keys.flatMap((k) => {
      const x = (v as Record<string, unknown>)[k];
      return x === undefined ? [] : [`${JSON.stringify(k)}:${canonical(x)}`];
    });
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** sha256 hex of the canonical JSON of a validated scenario (file-only keys left out). */
export function scenarioHash(scenario: Scenario): string {
  const { $schema: _schema, extends: _extends, ...rest } = scenario;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// The entry point

function sortErrors(errors: ScenarioError[], files: readonly string[]): ScenarioError[] {
  const rank = (f: string): number => (f === SET_FILE ? files.length : Math.max(0, files.indexOf(f)));
  const seen = new Set<string>();
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e.file) - rank(b.e.file) || (a.e.line ?? 0) - (b.e.line ?? 0) || (a.e.column ?? 0) - (b.e.column ?? 0) || a.i - b.i)
    .map(({ e }) => e)
    .filter((e) => {
      const k = `${e.file}\u0000${e.line}\u0000${e.column}\u0000${e.path}\u0000${e.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

function filesOf(t: Tree, acc: string[] = []): string[] {
  if (!acc.includes(t.at.file)) acc.push(t.at.file);
  if (t.kind === 'map') for (const e of t.entries.values()) filesOf(e.node, acc);
  if (t.kind === 'seq') for (const n of t.items) filesOf(n, acc);
  return acc;
}

/**
 * Reads, merges (`extends`), overrides (`sets`, each `path=value` with a YAML value) and validates
 * a scenario file. Every problem is returned at once, each with its file, line and column.
 */
export function loadScenario(file: string, sets: readonly string[] = []): LoadResult {
  const errors: ScenarioError[] = [];
  const read = readText(file);
  if (!read.ok) return { ok: false, errors: [fileError({ file }, '', msg.cannotRead(read.reason))] };
  let tree = loadTree(file, read.text, [], errors);
  if (tree === undefined) return { ok: false, errors: sortErrors(errors, [file]) };
  for (const s of sets) tree = applySet(tree, s, errors);
  const files = [file, ...filesOf(tree).filter((f) => f !== file)];
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors, files) };
  const data = toValue(tree);
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) {
    const ctx: Ctx = { data, tree, out: errors };
    for (const issue of parsed.error.issues) mapIssue(issue, [], ctx);
    return { ok: false, errors: sortErrors(errors, files) };
  }
  const scenario = parsed.data;
  const name = scenario.name ?? path.basename(file, path.extname(file));
  return { ok: true, value: { scenario, file, name, hash: scenarioHash(scenario) } };
}

/** One line per error: `file:line:col  path: message` (no stack traces). */
export function formatErrors(errors: readonly ScenarioError[]): string {
  return errors
    .map((e) => {
      const where = e.line === undefined ? e.file : `${e.file}:${e.line}:${e.column ?? 1}`;
      return `${where}  ${e.path === '' ? '' : `${e.path}: `}${e.message}`;
    })
    .join('\n');
}
