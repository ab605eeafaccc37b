/**
 * The sweep chart: each policy's NPV difference against the baseline as a lever varies
 * (`servicecast sweep`).
 *
 *   SweepResult --one lever--> a panel per policy: the mean difference (line, points at the swept
 *                              values) and its P5-P95 band against the lever, zero marked, the
 *                              break-evens marked (vertical rules with their values), and under it a
 *                              strip of P(beat baseline) with the break-even probability marked
 *               --two levers--> a heatmap per policy: the mean difference in each cell of the grid,
 *                              cells where P(beat) reaches the break-even probability outlined
 *
 * Pure: the same sweep gives the same spec. The lever's unit is read from the last part of its path
 * (`leverUnit`): money for the cost fields, a share for rates, months for `rampMonths`.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BreakEven, SweepPolicyPoint, SweepResult } from '../forecast/sweep.js';
import { count, money, moneyExpr, percent, plain, roundTo } from './format.js';
import { CONFIG, POLICY_COLOURS, REFERENCE_COLOUR, WIDTH } from './theme.js';

/** How a lever's values read: money (in the sweep's currency), a share (0..1), months or a plain number. */
export type LeverKind = 'money' | 'share' | 'months' | 'plain';

/** A lever's kind and the unit its axis title names (null: none known). */
export interface LeverUnit {
  readonly kind: LeverKind;
  readonly unit: string | null;
}

/** Money fields of the scenario by the last part of their path, and the unit after the currency. */
const MONEY_FIELDS: Readonly<Record<string, string>> = {
  oneOff: 'one-off, paid in month 1',
  monthly: 'per month',
  perContact: 'per contact',
  costPerContact: 'per contact',
  gestureCost: 'per gesture',
  revenuePerMonth: 'per customer per month',
  agentCostPerMonth: 'per agent per month',
};

/** Fields that are shares or probabilities (0..1), by the last part of their path. */
const SHARE_FIELDS = new Set(['rate', 'resolution', 'switchRate', 'avoidance', 'grossMargin', 'baseChurn', 'problemRate', 'low', 'medium', 'high', 'discountRate']);

/**
 * The unit of a lever from its dotted path: `policies.effort.costs.oneOff` is money paid once,
 * `policies.exceed.delight.rate` a share, `...rampMonths` months; anything else a plain number.
 */
export function leverUnit(param: string, currency: string): LeverUnit {
  const last = param.split('.').pop() ?? param;
  const money = MONEY_FIELDS[last];
  if (money !== undefined) return { kind: 'money', unit: `${currency}, ${money}` };
  if (SHARE_FIELDS.has(last)) return { kind: 'share', unit: 'share, 0 to 1' };
  if (/Months$/.test(last)) return { kind: 'months', unit: 'months' };
  return { kind: 'plain', unit: null };
}

/** A lever's value as text: "$1.2M", "35%", "6 months", "0.35". */
export function leverText(x: number | null | undefined, kind: LeverKind, currency: string): string {
  switch (kind) {
    case 'money':
      return money(x, currency);
    case 'share':
      return percent(x);
    case 'months':
      return `${plain(x)} months`;
    case 'plain':
      return plain(x);
  }
}

/** The axis-label format of a lever (a Vega-Lite axis fragment). */
function leverAxis(kind: LeverKind, currency: string): Record<string, string> {
  switch (kind) {
    case 'money':
      return { labelExpr: moneyExpr('datum.value', currency) };
    case 'share':
      return { format: '.3~%' };
    case 'months':
    case 'plain':
      return { format: ',~g' };
  }
}

/** The lever's axis title: its path and unit. */
function leverTitle(param: string, u: LeverUnit): string {
  return u.unit === null ? param : `${param} (${u.unit})`;
}

/** Options of the sweep chart. */
export interface SweepChartOptions {
  /** Policy labels by key, as in the scenario (default: the keys). */
  readonly labels?: Readonly<Record<string, string>>;
}

const label = (key: string, o: SweepChartOptions): string => o.labels?.[key] ?? key;

/** The colour of the i-th non-baseline policy: the report's colours (the baseline's grey is never used here). */
const colourOf = (i: number): string => POLICY_COLOURS[i % POLICY_COLOURS.length] ?? '#4c78a8';

/** "1,000 simulated futures". */
const futuresText = (runs: number): string => `${count(runs)} simulated future${runs === 1 ? '' : 's'}`;

/** The sweep chart: a line-and-band panel per policy for one lever, a heatmap per policy for two. */
export function sweepChart(r: SweepResult, o: SweepChartOptions = {}): TopLevelSpec {
  return r.param2 === undefined ? lineChart(r, o) : heatmapChart(r, o);
}

/**
 * The text of a break-even marker: "break-even at P(beat) = 80%: $1.2M" or "mean break-even
 * (difference 0): $1.5M"; null when there is no crossing to mark.
 */
export function breakEvenMarkerText(r: SweepResult, b: BreakEven, which: 'probability' | 'mean'): string | null {
  const u = leverUnit(r.param, r.currency);
  const value = which === 'probability' ? b.value : b.meanValue;
  if (value === null) return null;
  const v = leverText(value, u.kind, r.currency);
  return which === 'probability' ? `break-even at P(beat) = ${percent(r.probability)}: ${v}` : `mean break-even (difference 0): ${v}`;
}

/** One sentence on a break-even: "beats X in at least 80% of futures up to $1.2M". */
function breakEvenSentence(r: SweepResult, status: BreakEven['status'], value: number | null, direction: string | undefined, what: string): string {
  const u = leverUnit(r.param, r.currency);
  if (status === 'always') return `${what} at every value swept`;
  if (status === 'never') return `${what} at no value swept`;
  return `${what} ${direction === 'beats-above' ? 'from' : 'up to'} ${leverText(value, u.kind, r.currency)}`;
}

/** The subtitle of a policy's panel: both break-evens in words. */
function panelSubtitle(r: SweepResult, b: BreakEven | undefined, baseline: string): string {
  if (!b) return '';
  const dir = b.crossings.find((c) => c.value === b.value)?.direction;
  const mdir = b.meanCrossings.find((c) => c.value === b.meanValue)?.direction;
  const first = breakEvenSentence(r, b.status, b.value, dir, `Beats ${baseline} in at least ${percent(r.probability)} of futures`);
  const second = breakEvenSentence(r, b.meanStatus, b.meanValue, mdir, 'on average');
  return `${first}; ${second}.`;
}

/** The data row of one policy at one sweep point. */
function row(r: SweepResult, x: SweepPolicyPoint, value: number, value2?: number) {
  const u = leverUnit(r.param, r.currency);
  const cur = r.currency;
  const d = x.deltaNpv;
  return {
    value: roundTo(value),
    ...(value2 === undefined ? {} : { value2: roundTo(value2) }),
    mean: roundTo(d.mean),
    p5: roundTo(d.p5),
    p50: roundTo(d.p50),
    p95: roundTo(d.p95),
    pBeat: roundTo(x.pBeat),
    valueText: leverText(value, u.kind, cur),
    meanText: `${money(d.mean, cur)} (standard error ${money(x.deltaNpvStandardError, cur)})`,
    medianText: money(d.p50, cur),
    rangeText: `${money(d.p5, cur)} to ${money(d.p95, cur)}`,
    pBeatText: `${percent(x.pBeat)} (standard error ${percent(x.pBeatStandardError)})`,
  };
}

const NPV_HEIGHT = 220;
/** Room kept for the y axis labels of every panel (px), so that the panels and their titles line up. */
const Y_AXIS_EXTENT = 56;
/** Font size of the break-even labels (px). */
const MARKER_FONT = 12.5;

/** Estimated width of a break-even label (px): 0.66 em per character of bold DejaVu Sans, on the safe side. */
const labelWidth = (text: string): number => 0.66 * MARKER_FONT * text.length;

/**
 * Which side of its rule at `px` (px from the plot's left) a label of width `w` goes: the side
 * preferred (away from the other marker) if it fits in the plot, else the other if that fits, else
 * the roomier one.
 */
function markerSide(px: number, w: number, prefer: 'left' | 'right'): 'left' | 'right' {
  const fits = (side: 'left' | 'right') => (side === 'left' ? px - 6 - w >= 0 : px + 6 + w <= WIDTH);
  const other = prefer === 'left' ? 'right' : 'left';
  if (fits(prefer)) return prefer;
  if (fits(other)) return other;
  return px > WIDTH / 2 ? 'left' : 'right';
}
const STRIP_HEIGHT = 80;

function lineChart(r: SweepResult, o: SweepChartOptions): TopLevelSpec {
  const cur = r.currency;
  const u = leverUnit(r.param, cur);
  const baseline = label(r.baseline, o);
  const lo = Math.min(...r.values);
  const hi = Math.max(...r.values);
  const domain = hi > lo ? [roundTo(lo), roundTo(hi)] : [roundTo(lo - 1), roundTo(hi + 1)];
  const xScale = { domain, nice: false, zero: false };
  const xValue = { field: 'value', type: 'quantitative' as const, scale: xScale };
  const xAxisTitle = `Lever: ${leverTitle(r.param, u)}`;
  const q = r.probability;
  const tooltip = [
    { field: 'policy', title: 'Policy' },
    { field: 'valueText', title: r.param },
    { field: 'meanText', title: 'Mean NPV difference' },
    { field: 'medianText', title: 'Median' },
    { field: 'rangeText', title: 'P5 to P95' },
    { field: 'pBeatText', title: 'P(beats baseline)' },
  ];
  const panels = r.policies.map((policy, i) => {
    const last = i === r.policies.length - 1;
    const colour = colourOf(i);
    const name = label(policy, o);
    const values = r.points.flatMap((p) => {
      const x = p.policies.find((y) => y.policy === policy);
      return x ? [{ policy: name, ...row(r, x, p.value) }] : [];
    });
    const b = r.breakEven.find((e) => e.policy === policy);
    // Break-even markers: the P(beat) one on the first text line, the mean one on the second.
    const markers = (['probability', 'mean'] as const).flatMap((which, line) => {
      const value = b ? (which === 'probability' ? b.value : b.meanValue) : null;
      const text = b ? breakEvenMarkerText(r, b, which) : null;
      return value === null || text === null ? [] : [{ x: roundTo(value), text, which, line }];
    });
    const placed = markers.map((m) => {
      const others = markers.filter((n) => n !== m);
      const side = markerSide(hi > lo ? ((m.x - lo) / (hi - lo)) * WIDTH : 0, labelWidth(m.text), others.some((n) => n.x > m.x) ? 'left' : 'right');
      return { ...m, align: side === 'left' ? ('right' as const) : ('left' as const), dx: side === 'left' ? -6 : 6 };
    });
    const rules = markers.map((m) => ({ x: m.x, text: m.text, dash: m.which === 'probability' ? 'solid' : 'dashed' }));
    const ruleLayer = {
      data: { values: rules },
      mark: { type: 'rule' as const, color: '#222', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'x', type: 'quantitative' as const, scale: xScale },
        strokeDash: { field: 'dash', type: 'nominal' as const, scale: { domain: ['solid', 'dashed'], range: [[1, 0], [6, 4]] }, legend: null },
        tooltip: [{ field: 'text', title: 'Break-even' }],
      },
    };
    const npv = {
      title: { text: name, subtitle: panelSubtitle(r, b, baseline), fontSize: 15, subtitleFontSize: 13, subtitleColor: '#333', offset: 8 },
      width: WIDTH,
      height: NPV_HEIGHT,
      data: { values },
      layer: [
        {
          mark: { type: 'area' as const, opacity: 0.16, color: colour },
          encoding: {
            x: { ...xValue, title: null, axis: { ...leverAxis(u.kind, cur), labels: false, ticks: false, domain: false } },
            y: { field: 'p5', type: 'quantitative' as const, title: `NPV difference (${cur}, discounted)`, scale: { zero: true }, axis: { labelExpr: moneyExpr('datum.value', cur), tickCount: 5, minExtent: Y_AXIS_EXTENT } },
            y2: { field: 'p95' },
          },
        },
        { mark: { type: 'line' as const, strokeWidth: 1, strokeDash: [4, 3], opacity: 0.8, color: colour }, encoding: { x: xValue, y: { field: 'p5', type: 'quantitative' as const } } },
        { mark: { type: 'line' as const, strokeWidth: 1, strokeDash: [4, 3], opacity: 0.8, color: colour }, encoding: { x: xValue, y: { field: 'p95', type: 'quantitative' as const } } },
        {
          data: { values: [{ y: 0, text: 'no difference' }] },
          mark: { type: 'rule' as const, color: REFERENCE_COLOUR, strokeWidth: 2, strokeDash: [5, 3] },
          encoding: { y: { field: 'y', type: 'quantitative' as const }, tooltip: [{ field: 'text', title: 'Zero' }] },
        },
        { mark: { type: 'line' as const, strokeWidth: 2.4, color: colour, point: { filled: true, size: 45, color: colour } }, encoding: { x: xValue, y: { field: 'mean', type: 'quantitative' as const } } },
        ruleLayer,
        // Each label twice: a white halo first, so that it stays readable across lines and the band.
        ...placed.flatMap((m) =>
          [{ stroke: 'white', strokeWidth: 4, strokeJoin: 'round' as const }, {}].map((halo) => ({
            data: { values: [m] },
            mark: { type: 'text' as const, align: m.align, dx: m.dx, fontSize: MARKER_FONT, fontWeight: 'bold' as const, baseline: 'middle' as const, color: '#222', ...halo },
            encoding: { x: { field: 'x', type: 'quantitative' as const, scale: xScale }, y: { value: 10 + 18 * m.line }, text: { field: 'text', type: 'nominal' as const } },
          })),
        ),
        {
          params: [{ name: `hover${i}`, select: { type: 'point' as const, on: 'pointerover', clear: 'pointerout', nearest: true } }],
          mark: { type: 'point' as const, filled: true, size: 90, color: colour },
          encoding: {
            x: xValue,
            y: { field: 'mean', type: 'quantitative' as const },
            opacity: { condition: { param: `hover${i}`, empty: false, value: 1 }, value: 0 },
            tooltip,
          },
        },
      ],
    };
    const strip = {
      width: WIDTH,
      height: STRIP_HEIGHT,
      data: { values },
      layer: [
        {
          data: { values: [{ y: q, text: `P(beat) = ${percent(q)}, the break-even probability` }] },
          mark: { type: 'rule' as const, color: REFERENCE_COLOUR, strokeWidth: 1.5, strokeDash: [5, 3] },
          encoding: { y: { field: 'y', type: 'quantitative' as const }, tooltip: [{ field: 'text', title: 'Level' }] },
        },
        {
          mark: { type: 'line' as const, strokeWidth: 2, color: colour, point: { filled: true, size: 30, color: colour } },
          encoding: {
            x: { ...xValue, title: last ? xAxisTitle : null, axis: { ...leverAxis(u.kind, cur), tickCount: 8, labelFlush: true } },
            y: { field: 'pBeat', type: 'quantitative' as const, title: 'P(beat)', scale: { domain: [0, 1], nice: false }, axis: { format: '.0%', values: [0, 0.5, 1], minExtent: Y_AXIS_EXTENT } },
            tooltip,
          },
        },
        ruleLayer,
      ],
    };
    return { vconcat: [npv, strip], spacing: 4 };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `NPV difference against ${baseline} as ${r.param} varies`,
      subtitle: [
        `Line: mean; shaded: 5th to 95th percentile of ${futuresText(r.runs)} at each value (the same futures at every value and under both policies, ${r.engine} engine, seed ${r.seed}).`,
        `Red dashed line: no difference. Vertical lines: break-even, interpolated between the swept values (solid: P(beat) = ${percent(q)}; dashed: mean difference = 0).`,
        `Strip under each panel: the probability of beating the baseline, ${percent(q)} marked.`,
      ],
    },
    config: CONFIG,
    vconcat: panels,
    spacing: 34,
    resolve: { scale: { x: 'shared', y: 'independent' } },
  };
}

/** Cells of a grid wider than this many columns get no text (the tooltip still has it). */
const MAX_TEXT_COLUMNS = 12;

function heatmapChart(r: SweepResult, o: SweepChartOptions): TopLevelSpec {
  const cur = r.currency;
  const u = leverUnit(r.param, cur);
  const param2 = r.param2 ?? '';
  const u2 = leverUnit(param2, cur);
  const baseline = label(r.baseline, o);
  const q = r.probability;
  const all = r.points.flatMap((p) => p.policies.map((x) => Math.abs(x.deltaNpv.mean))).filter(Number.isFinite);
  const extent = roundTo(Math.max(1, ...all));
  const columns = new Set(r.points.map((p) => p.value)).size;
  const rows = new Set(r.points.map((p) => p.value2)).size;
  const withText = columns <= MAX_TEXT_COLUMNS;
  const tooltip = [
    { field: 'policy', title: 'Policy' },
    { field: 'valueText', title: r.param },
    { field: 'value2Text', title: param2 },
    { field: 'meanText', title: 'Mean NPV difference' },
    { field: 'rangeText', title: 'P5 to P95' },
    { field: 'pBeatText', title: 'P(beats baseline)' },
  ];
  const panels = r.policies.map((policy, i) => {
    const last = i === r.policies.length - 1;
    const name = label(policy, o);
    const values = r.points.flatMap((p) => {
      const x = p.policies.find((y) => y.policy === policy);
      if (!x) return [];
      const base = row(r, x, p.value, p.value2);
      return [
        {
          policy: name,
          ...base,
          value2Text: leverText(p.value2, u2.kind, cur),
          cellText: money(x.deltaNpv.mean, cur),
          cellBeat: `${percent(x.pBeat, 2)} beat`,
          meets: x.pBeat >= q,
          dark: Math.abs(x.deltaNpv.mean) > 0.55 * extent,
        },
      ];
    });
    const x = { field: 'value', type: 'ordinal' as const, sort: 'ascending' as const, title: last ? `Lever: ${leverTitle(r.param, u)}` : null, axis: { labelExpr: axisExpr(u.kind, cur), labelAngle: 0 } };
    const y = { field: 'value2', type: 'ordinal' as const, sort: 'descending' as const, title: `Second lever: ${leverTitle(param2, u2)}`, axis: { labelExpr: axisExpr(u2.kind, cur), minExtent: Y_AXIS_EXTENT, titleAngle: 0, titleAlign: 'left' as const, titleAnchor: 'end' as const, titleBaseline: 'bottom' as const, titleX: -Y_AXIS_EXTENT, titleY: -8 } };
    const text = (field: string, dy: number, size: number) => ({
      mark: { type: 'text' as const, fontSize: size, dy, baseline: 'middle' as const },
      encoding: { x, y, text: { field, type: 'nominal' as const }, color: { condition: { test: 'datum.dark', value: 'white' }, value: '#222' }, tooltip },
    });
    return {
      title: { text: name, fontSize: 15, offset: 8 },
      width: WIDTH,
      height: { step: Math.max(36, Math.min(60, Math.round(300 / Math.max(1, rows)))) },
      data: { values },
      layer: [
        {
          mark: { type: 'rect' as const },
          encoding: {
            x,
            y,
            color: {
              field: 'mean',
              type: 'quantitative' as const,
              title: `Mean NPV difference (${cur}, discounted)`,
              scale: { scheme: 'redblue', domain: [-extent, extent], domainMid: 0 },
              legend: { labelExpr: moneyExpr('datum.value', cur), gradientLength: 360, direction: 'horizontal' as const, orient: 'bottom' as const, titleLimit: 400 },
            },
            tooltip,
          },
        },
        // The outlines after every cell, so that no neighbour covers them.
        {
          transform: [{ filter: 'datum.meets' }],
          mark: { type: 'rect' as const, fill: null, stroke: '#111', strokeWidth: 2.5 },
          encoding: { x, y, tooltip },
        },
        ...(withText ? [text('cellText', -8, 12.5), text('cellBeat', 9, 11)] : []),
      ],
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `NPV difference against ${baseline} over ${r.param} and ${param2}`,
      subtitle: [
        `Each cell: the mean NPV difference over ${futuresText(r.runs)} (the same futures in every cell and under both policies, ${r.engine} engine, seed ${r.seed}); blue: the policy earns more, red: less.`,
        `Black outline: the policy beats the baseline in at least ${percent(q)} of the futures there. Hover a cell for the 5th to 95th percentile.`,
      ],
    },
    config: CONFIG,
    vconcat: panels,
    spacing: 30,
    resolve: { scale: { color: 'shared', x: 'shared' } },
  };
}

/** A Vega expression for the labels of an ordinal lever axis. */
function axisExpr(kind: LeverKind, currency: string): string {
  switch (kind) {
    case 'money':
      return moneyExpr('datum.value', currency);
    case 'share':
      return "format(datum.value, '.3~%')";
    case 'months':
    case 'plain':
      return "format(datum.value, ',~g')";
  }
}
