/**
 * What the report shows of the evidence check: the table of findings, the findings that fail, and
 * the assumptions that rest on weak (grade-C) or failing evidence, with the headline numbers they
 * feed, so that the report can flag those numbers.
 */
import type { Grade } from './ledger.js';
import { fails, type EvidenceRow } from './evaluate.js';

/** A scenario field whose default rests on weak evidence. */
export interface WeakAssumption {
  /** Scenario path (may contain `*` for every key, e.g. `segments.*.contactShare`). */
  readonly path: string;
  /** The best grade among the findings that constrain it; `fail` if any of them falls outside its band. */
  readonly grade: Grade | 'fail';
  /** The findings (ids) that constrain it. */
  readonly findings: readonly string[];
  /** One line for the report. */
  readonly text: string;
}

export interface EvidenceSection {
  readonly rows: readonly EvidenceRow[];
  /** Checked, applicable findings outside their band. */
  readonly failures: readonly EvidenceRow[];
  /** Grade-A findings among the failures (the CLI exits non-zero on these). */
  readonly gradeAFailures: readonly EvidenceRow[];
  /** Known gaps: reported, not checked. */
  readonly gaps: readonly EvidenceRow[];
  /** Findings the surveyed policy gives nothing to measure (e.g. no delight gestures). */
  readonly notApplicable: readonly EvidenceRow[];
  /** Scenario fields whose defaults rest only on grade-C or failing findings. */
  readonly weakAssumptions: readonly WeakAssumption[];
  /** The same, one line each (`path: grade C (finding, finding)`). */
  readonly lowGradeAssumptions: readonly string[];
  /** Per headline number of the report, the weak assumptions it rests on (empty: none). */
  readonly headlineFlags: Readonly<Record<Headline, readonly string[]>>;
}

/** The headline numbers of the report and the scenario fields that drive them. */
export const HEADLINE_INPUTS = {
  npv: ['spend.*', 'churn.*', 'wordOfMouth.*', 'response.*', 'service.*', 'policies.*'],
  deltaNpvVsBaseline: ['spend.*', 'churn.*', 'wordOfMouth.*', 'response.*', 'service.*', 'policies.*'],
  clv: ['spend.*', 'churn.*', 'response.*', 'service.*', 'policies.*'],
  activeAtHorizon: ['churn.*', 'wordOfMouth.*', 'response.*', 'service.*', 'policies.*'],
  meanChurnRate: ['churn.*', 'response.*', 'service.*', 'policies.*'],
  supportCost: ['service.*', 'policies.*'],
  npsAtHorizon: ['response.*', 'service.*', 'policies.*', 'segments.*.initialScores'],
} as const satisfies Record<string, readonly string[]>;
export type Headline = keyof typeof HEADLINE_INPUTS;

const RANK: Record<Grade, number> = { A: 3, B: 2, C: 1 };

/** Does scenario path `path` (which may hold `*`) fall under `pattern` (`a.b.*` = a.b and below)? */
export function pathUnder(path: string, pattern: string): boolean {
  const p = path.split('.');
  const q = pattern.split('.');
  const open = q[q.length - 1] === '*';
  const fixed = open ? q.slice(0, -1) : q;
  if (p.length < fixed.length || (!open && p.length !== fixed.length)) return false;
  return fixed.every((seg, i) => seg === '*' || p[i] === '*' || seg === p[i]);
}

/** The report's evidence section from the rows of `evaluateEvidence`. */
export function evidenceSection(rows: readonly EvidenceRow[]): EvidenceSection {
  const failures = rows.filter(fails);
  const byPath = new Map<string, { best: number; failed: string[]; findings: string[] }>();
  for (const r of rows) {
    if (!r.checked || !r.applicable) continue;
    for (const path of r.calibrates) {
      const e = byPath.get(path) ?? { best: 0, failed: [], findings: [] };
      e.best = Math.max(e.best, RANK[r.grade]);
      if (!r.inBand) e.failed.push(r.id);
      e.findings.push(r.id);
      byPath.set(path, e);
    }
  }
  const weakAssumptions: WeakAssumption[] = [];
  for (const [path, { best, failed, findings }] of byPath) {
    if (failed.length > 0) {
      weakAssumptions.push({ path, grade: 'fail', findings, text: `${path}: the model misses ${failed.join(', ')}` });
    } else if (best <= RANK.C) {
      weakAssumptions.push({ path, grade: 'C', findings, text: `${path}: grade C evidence only (${findings.join(', ')})` });
    }
  }
  weakAssumptions.sort((a, b) => a.path.localeCompare(b.path));
  const headlineFlags = Object.fromEntries(
    (Object.keys(HEADLINE_INPUTS) as Headline[]).map((h) => [
      h,
      weakAssumptions.filter((w) => HEADLINE_INPUTS[h].some((pattern) => pathUnder(w.path, pattern))).map((w) => w.path),
    ]),
  ) as Record<Headline, string[]>;
  return {
    rows,
    failures,
    gradeAFailures: failures.filter((r) => r.grade === 'A'),
    gaps: rows.filter((r) => !r.checked),
    notApplicable: rows.filter((r) => r.checked && !r.applicable),
    weakAssumptions,
    lowGradeAssumptions: weakAssumptions.map((w) => w.text),
    headlineFlags,
  };
}
