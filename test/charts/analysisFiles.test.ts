import { describe, expect, it } from 'vitest';
import { analysisChartFiles } from '../../src/charts/analysisFiles.js';
import { buildCharts, specJson } from '../../src/charts/index.js';
import { findFontFiles, FONT_MISSING } from '../../src/charts/render.js';
import { fixtureForecast } from './fixture.js';

const chart = buildCharts(fixtureForecast()).find((c) => c.id === 'nps-mix');
if (!chart) throw new Error('the fixture has no nps-mix chart');
const missing = findFontFiles().length === 0 && !process.env.CI;

describe('analysisChartFiles', () => {
  it.skipIf(missing)('writes the spec, SVG and PNG beside the analysis, with no warning', async () => {
    const { files, warning } = await analysisChartFiles('sweep-x', chart, 'sweep');
    expect([...files.keys()]).toEqual(['sweep-x.vl.json', 'sweep-x.svg', 'sweep-x.png']);
    expect(files.get('sweep-x.svg')).toContain('<svg');
    expect(warning).toBe('');
  });

  it('without a font, writes the spec alone and says why, naming the chart', async () => {
    const { files, warning } = await analysisChartFiles('backtest', chart, 'backtest', { fontFiles: [] });
    expect([...files.keys()]).toEqual(['backtest.vl.json']);
    expect(files.get('backtest.vl.json')).toBe(specJson(chart));
    expect(warning).toBe(`backtest chart not drawn (only backtest.vl.json written): ${FONT_MISSING}\n`);
  });
});
