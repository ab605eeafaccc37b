/**
 * The built command as a process (`npm test` builds dist/ first): what a user's shell sees.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = path.resolve('dist/cli/main.js');
const out = mkdtempSync(path.join(os.tmpdir(), 'servicecast-main-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Runs the command with its stdout closed by the reader at once (as `... | true` does); exit code and stderr. */
function withClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('servicecast as a process', () => {
  it('exits quietly with its own exit code when the reader closes stdout early', async () => {
    const r = await withClosedStdout(['run', 'scenarios/b2b.yaml', '--runs', '3', '--engine', 'expected', '--workers', '1', '--quiet', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(out, 'b2b'))).toContain('summary.csv');
  });
});
