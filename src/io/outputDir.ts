/**
 * Writes an output folder all at once: files go to a temporary sibling folder that replaces the
 * target only when every file is written, so a failed run never leaves a half-written `out/`.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `files` (name -> content) as the folder `dir`, replacing what was there. Entries of the
 * old folder whose name satisfies `keep` and that the new files do not replace are carried over
 * (e.g. sweep and calibration results, which `run` does not recompute).
 */
export function writeOutputDir(
  dir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
  keep: (name: string) => boolean = () => false,
): void {
  const parent = path.dirname(dir);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}-`));
  try {
    for (const [name, content] of files) {
      const file = path.join(tmp, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    if (fs.existsSync(dir)) {
      for (const name of fs.readdirSync(dir)) {
        if (keep(name) && !fs.existsSync(path.join(tmp, name))) fs.cpSync(path.join(dir, name), path.join(tmp, name), { recursive: true });
      }
    }
    const old = fs.existsSync(dir) ? `${tmp}-old` : undefined;
    if (old) fs.renameSync(dir, old);
    fs.renameSync(tmp, dir);
    if (old) fs.rmSync(old, { recursive: true, force: true });
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
