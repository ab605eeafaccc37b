/**
 * The JavaScript the HTML report inlines so that it works offline: the browser builds of vega,
 * vega-lite and vega-embed, read once from their installed packages (their `unpkg` files, the
 * self-contained UMD builds). Reading files is all this module does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface ReportAssets {
  /** Scripts in load order (vega, then vega-lite, then vega-embed), each with its package and version. */
  readonly scripts: readonly { readonly name: string; readonly version: string; readonly code: string }[];
}

const require = createRequire(import.meta.url);

/** The folder of an installed package: up from its resolved entry to its own package.json. */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name === name) return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of the package ${name}`);
    dir = up;
  }
}

function browserBuild(name: string): { name: string; version: string; code: string } {
  const dir = packageDir(name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string; unpkg?: string; jsdelivr?: string };
  const file = pkg.unpkg ?? pkg.jsdelivr;
  if (!file) throw new Error(`the package ${name} has no browser build (no "unpkg" field)`);
  const code = readFileSync(path.join(dir, file), 'utf8').replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
  return { name, version: pkg.version ?? '', code };
}

let cached: ReportAssets | undefined;

/** vega, vega-lite and vega-embed as inlined scripts (read once per process). */
export function loadReportAssets(): ReportAssets {
  cached ??= { scripts: ['vega', 'vega-lite', 'vega-embed'].map(browserBuild) };
  return cached;
}
