/**
 * The evidence ledger's format: each published finding the model can be checked against, its
 * source and grade, the target and the band the model must fall in, and which model statistic
 * stands for it. The data is in `ledger.yaml` beside this file (read by `io/ledger.ts`); this module
 * only validates it, so that the check stays pure.
 */
import { z } from 'zod';
import { STATISTIC_IDS, UNITS } from './statistics.js';

/** A: primary source read; B: author or vendor material; C: secondary summary, to confirm. */
export const GRADES = ['A', 'B', 'C'] as const;
export type Grade = (typeof GRADES)[number];

export const LedgerEntry = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and "-"').describe('Stable key of the finding.'),
    finding: z.string().min(1).max(60).describe('Short label for tables.'),
    statement: z.string().min(1).describe('What the research says, in its own terms.'),
    source: z.string().min(1).describe('Where the figure comes from.'),
    grade: z.enum(GRADES).describe('A: primary source read; B: author or vendor material; C: secondary summary.'),
    target: z.number().describe('The published figure, in the unit of the statistic.'),
    band: z.tuple([z.number(), z.number()]).describe('The range the model statistic must fall in.'),
    bandReason: z.string().min(1).describe('Why the band is as wide as it is.'),
    unit: z.enum(UNITS).describe('share (0-1), ratio (x) or change (relative, +/-).'),
    stated: z.boolean().describe('A stated intention or self-report from a survey (then a band, not a point).'),
    measured: z.string().min(1).describe('How the research measured it.'),
    statistic: z.enum(STATISTIC_IDS).describe('The model statistic that stands for it (forecast/evidence/statistics.ts).'),
    method: z.string().min(1).describe('How the model statistic is computed.'),
    calibrates: z.array(z.string().min(1)).describe('Scenario paths whose defaults this finding sets or constrains.'),
    checked: z.boolean().default(true).describe('false: reported, not a test (a known gap of the model, explained in `gap`).'),
    gap: z.string().optional().describe('Why the finding is not checked.'),
  })
  .strict()
  .superRefine((e, ctx) => {
    const [lo, hi] = e.band;
    if (!(lo <= hi)) ctx.addIssue({ code: 'custom', path: ['band'], message: `band [${lo}, ${hi}] is empty` });
    else if (e.checked && (e.target < lo || e.target > hi)) ctx.addIssue({ code: 'custom', path: ['target'], message: `target ${e.target} is outside its band [${lo}, ${hi}]` });
    if (!e.checked && !e.gap) ctx.addIssue({ code: 'custom', path: ['gap'], message: 'an unchecked finding must say why (gap)' });
  });

export const Ledger = z
  .object({
    version: z.literal(1),
    findings: z.array(LedgerEntry).min(1),
  })
  .strict()
  .superRefine((l, ctx) => {
    const seen = new Set<string>();
    l.findings.forEach((f, i) => {
      if (seen.has(f.id)) ctx.addIssue({ code: 'custom', path: ['findings', i, 'id'], message: `duplicate id "${f.id}"` });
      seen.add(f.id);
    });
  });

export type LedgerEntry = z.infer<typeof LedgerEntry>;
export type Ledger = z.infer<typeof Ledger>;

export type LedgerResult = { ok: true; ledger: Ledger } | { ok: false; errors: string[] };

/** Validates parsed ledger data; every issue as `path: message`. */
export function parseLedger(data: unknown): LedgerResult {
  const r = Ledger.safeParse(data);
  if (r.success) return { ok: true, ledger: r.data };
  return { ok: false, errors: r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`) };
}
