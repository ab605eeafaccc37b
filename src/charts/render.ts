/**
 * Rendering a chart without a browser:
 *
 *   Vega-Lite spec --1 compile (vega-lite)--> Vega spec --2 parse + run a headless View (vega,
 *   renderer 'none', text measured with the font's own metrics)--> SVG --3 rasterise (resvg, with
 *   the DejaVu Sans font files loaded explicitly)--> PNG, at least 1200 px wide
 *
 * resvg draws text only with fonts it has loaded; this module finds DejaVu Sans (Debian package
 * `fonts-dejavu-core`) in the usual font folders, or takes font files from the options, and fails
 * with a clear message when it finds none, rather than writing charts without text.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import resvg from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { parseFontMetrics, textWidth, type FontMetrics } from './fontMetrics.js';

export interface RenderOptions {
  /** Minimum width of the PNG in pixels (default 1200). */
  readonly minPngWidth?: number;
  /** Pixels of PNG per CSS pixel of the chart (default 2). */
  readonly scale?: number;
  /** Font files: the regular face first, then the bold; default: DejaVu Sans found on the system. */
  readonly fontFiles?: readonly string[];
}

export interface RenderedChart {
  readonly svg: string;
  readonly png: Uint8Array;
}

/** Folders searched for DejaVu Sans (Debian/Ubuntu, Fedora, Arch, Alpine, macOS with Homebrew). */
const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/dejavu-sans-fonts',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/ttf-dejavu',
  '/usr/local/share/fonts',
  '/opt/homebrew/share/fonts',
  '/Library/Fonts',
];

export const FONT_MISSING =
  'No DejaVu Sans font found to draw chart text (looked for DejaVuSans.ttf in ' +
  FONT_DIRS.join(', ') +
  '). Install it (Debian/Ubuntu: apt-get install fonts-dejavu-core) or pass fontFiles.';

/** The regular and bold DejaVu Sans files, if installed. */
export function findFontFiles(): string[] {
  for (const dir of FONT_DIRS) {
    const regular = path.join(dir, 'DejaVuSans.ttf');
    if (!existsSync(regular)) continue;
    const bold = path.join(dir, 'DejaVuSans-Bold.ttf');
    return existsSync(bold) ? [regular, bold] : [regular];
  }
  return [];
}

interface TextItem {
  readonly fontSize?: number | string | null;
  readonly fontWeight?: number | string | null;
  readonly limit?: number | null;
}
interface TextMetrics {
  width: (item: TextItem, text?: unknown) => number;
}

const metricsCache = new Map<string, FontMetrics>();
function loadMetrics(file: string): FontMetrics {
  let m = metricsCache.get(file);
  if (!m) {
    m = parseFontMetrics(readFileSync(file));
    metricsCache.set(file, m);
  }
  return m;
}

/** Makes Vega measure text with the fonts' advance widths (Vega's own guess is 0.8 em per character). */
function useFontMetrics(files: readonly string[]): void {
  const regular = files[0];
  if (regular === undefined) return;
  const normal = loadMetrics(regular);
  const bold = files[1] !== undefined ? loadMetrics(files[1]) : normal;
  const tm = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  tm.width = (item: TextItem, text?: unknown): number => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const s = text == null ? '' : String(text).trim();
    const w = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600 ? bold : normal;
    const width = textWidth(w, s, size);
    const limit = item.limit ?? 0;
    return limit > 0 ? Math.min(width, limit) : width;
  };
}

/** A Vega-Lite spec compiled to Vega, with Vega-Lite's warnings (which a chart should not have). */
export function compileChart(spec: TopLevelSpec): { readonly vega: vega.Spec; readonly warnings: string[] } {
  const warnings: string[] = [];
  let level = 2;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: unknown[]) {
      warnings.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  const out = compile(spec, { logger });
  return { vega: out.spec as vega.Spec, warnings };
}

/** The chart as SVG (as Vega draws it) and as PNG (at least `minPngWidth` px wide). */
export async function renderChart(spec: TopLevelSpec, options: RenderOptions = {}): Promise<RenderedChart> {
  const fontFiles = options.fontFiles ? [...options.fontFiles] : findFontFiles();
  if (fontFiles.length === 0) throw new Error(FONT_MISSING);
  useFontMetrics(fontFiles);
  // 1. compile
  const { vega: vgSpec } = compileChart(spec);
  // 2. headless view
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  let svg: string;
  try {
    await view.runAsync();
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  // 3. rasterise
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 800);
  const zoom = Math.max(options.scale ?? 2, (options.minPngWidth ?? 1200) / width);
  // renderAsync rasterises on libuv's thread pool: charts rendered together (chartFiles) use both
  // cores, and Vega lays out the next chart meanwhile. Same renderer, same bytes as Resvg.render.
  const image = await resvg.renderAsync(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: 'white',
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    shapeRendering: 2,
    textRendering: 1,
  });
  return { svg, png: new Uint8Array(image.asPng()) };
}
