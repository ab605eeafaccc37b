import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package version, from package.json (two folders up from src/io or dist/io). */
export function packageVersion(): string {
  const file = fileURLToPath(new URL('../../package.json', import.meta.url));
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
