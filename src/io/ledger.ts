/**
 * Reading the evidence ledger: `forecast/evidence/ledger.yaml`, found relative to this module (in
 * `src/` under tsx and vitest; in `dist/`, where `npm run build` copies it). The data is validated
 * by `forecast/evidence/ledger.ts`.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseLedger, type Ledger, type LedgerResult } from '../forecast/evidence/ledger.js';

/** Where the shipped ledger is. */
export function ledgerPath(): string {
  return fileURLToPath(new URL('../forecast/evidence/ledger.yaml', import.meta.url));
}

/** Reads and validates a ledger file (default: the shipped one); every problem as a message. */
export function readLedger(file: string = ledgerPath()): LedgerResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, errors: [`${file}: cannot read the ledger: ${err instanceof Error ? err.message : String(err)}`] };
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    return { ok: false, errors: [`${file}: not valid YAML: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const r = parseLedger(data);
  return r.ok ? r : { ok: false, errors: r.errors.map((e) => `${file}: ${e}`) };
}

/** The shipped ledger; throws if it is missing or invalid (a packaging error, not a user error). */
export function loadLedger(): Ledger {
  const r = readLedger();
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.ledger;
}
