import { describe, expect, it } from 'vitest';
import { buildCharts, compileChart } from '../../src/charts/index.js';
import { renderChart } from '../../src/charts/render.js';
import { tornadoChart } from '../../src/charts/tornado.js';
import { fixtureDeltaNpvRuns, fixtureForecast, fixtureSensitivity } from './fixture.js';
import { checkGolden } from './golden.js';

const forecast = fixtureForecast();
const sensitivity = fixtureSensitivity();
const spec = tornadoChart(forecast, sensitivity);

interface Panel {
  title: { text: string };
  layer: { data: { values: Record<string, unknown>[] }; mark: { type: string } }[];
}
const panels = (spec as unknown as { vconcat: Panel[] }).vconcat;

describe('tornadoChart', () => {
  it('matches its golden spec', () => {
    const problem = checkGolden('tornado', spec);
    expect(problem, problem).toBeUndefined();
  });

  it('compiles to Vega without warnings and renders', async () => {
    expect(compileChart(spec).warnings).toEqual([]);
    const r = await renderChart(spec);
    expect(r.svg).toContain('<svg');
    expect(r.png.byteLength).toBeGreaterThan(10_000);
  });

  it('has one panel per policy against the baseline, titled with both labels', () => {
    expect(panels.map((p) => p.title.text)).toEqual(['Meet expectations against Exceed expectations', 'Effort reduction against Exceed expectations']);
  });

  it('draws each input from the centre to its P10 and P90 differences, longest swing first', () => {
    const meet = sensitivity.tornado.policies[0];
    const bars = panels[0]?.layer[0]?.data.values ?? [];
    expect(bars).toHaveLength(2 * (meet?.bars.length ?? 0));
    expect(bars.map((b) => b['input'])).toEqual(meet?.bars.flatMap((b) => [b.input, b.input]));
    expect(bars[0]).toMatchObject({ rank: 0, input: 'service.channels.phone.costPerContact', from: 24_000, to: 33_000 });
    expect(bars[1]).toMatchObject({ rank: 0, from: 24_000, to: 12_000 });
  });

  it('marks the centre and zero', () => {
    const rules = panels[0]?.layer.filter((l) => l.mark.type === 'rule').map((l) => l.data.values[0]?.['x']);
    expect(rules).toEqual([24_000, 0]);
  });

  it('shows at most `top` inputs', () => {
    const two = tornadoChart(forecast, sensitivity, 2) as unknown as { vconcat: Panel[] };
    expect(two.vconcat[0]?.layer[0]?.data.values).toHaveLength(4);
  });

  it('is added to the charts only with a sensitivity analysis and uncertain inputs', () => {
    const runs = fixtureDeltaNpvRuns();
    expect(buildCharts(forecast, { deltaNpvRuns: runs }).map((c) => c.id)).not.toContain('tornado');
    expect(buildCharts(forecast, { deltaNpvRuns: runs, sensitivity }).at(-1)?.id).toBe('tornado');
    expect(buildCharts(fixtureForecast({ inputs: [] }), { sensitivity }).map((c) => c.id)).not.toContain('tornado');
  });
});
