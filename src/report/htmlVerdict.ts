/**
 * The verdict of the report in plain words: which policy to back, how often it beats the baseline
 * over the simulated futures (with the Monte Carlo standard error of that share), how much NPV it
 * gains (median, P5 to P95), and the caveats. Pure: a forecast in, sentences out (plain text; the
 * page escapes them).
 */
import { count, money, percent, percentagePoints } from '../charts/format.js';
import { futures, horizon, plainLabel } from '../charts/theme.js';
import type { Comparison, Forecast } from '../forecast/types.js';

export interface Verdict {
  /** The one sentence at the top. */
  readonly headline: string;
  /** What qualifies it: how sure, payback, the other policies, the precision of the estimate. */
  readonly details: readonly string[];
  /** 'gain': a policy beats the baseline in most futures; 'none': none does; 'single': nothing to compare. */
  readonly kind: 'gain' | 'none' | 'single';
  /** The policy the headline is about (absent for 'single'). */
  readonly policy?: string;
}

/** "in 99.3% of 1,000 simulated futures (Monte Carlo standard error 0.3 pp)", or the all / none case. */
export function shareOfFutures(p: number, se: number, forecast: Forecast): string {
  const n = forecast.scenario.runs;
  if (p >= 1) return `in all ${futures(forecast)} (so the chance it does not is below ${percent(Math.min(1, 3 / n), 2)}, by the rule of three)`;
  if (p <= 0) return `in none of ${futures(forecast)}`;
  return `in ${percent(p)} of ${futures(forecast)} (Monte Carlo standard error ${percentagePoints(se)})`;
}

function gainText(c: Comparison, currency: string): string {
  const d = c.deltaNpv;
  return `${money(d.p50, currency)} (P5 ${money(d.p5, currency)} to P95 ${money(d.p95, currency)})`;
}

function paybackText(c: Comparison, forecast: Forecast): string | undefined {
  const pb = c.paybackMonth;
  if (pb.p50 === null) {
    return c.pPayback > 0 ? `It pays back within ${horizon(forecast)} in only ${percent(c.pPayback)} of futures.` : `It does not pay back within ${horizon(forecast)}.`;
  }
  const range = pb.p5 === pb.p50 && pb.p95 === pb.p50 ? '' : pb.p5 !== null && pb.p95 !== null ? ` (P5 month ${count(pb.p5)} to P95 month ${count(pb.p95)})` : pb.p5 !== null ? ` (P5 month ${count(pb.p5)}; later than month ${forecast.scenario.horizonMonths} in more than 5% of futures)` : '';
  return `It pays back, staying ahead of the baseline in cumulative NPV, from month ${count(pb.p50)}${range}; within ${horizon(forecast)} in ${percent(c.pPayback)} of futures.`;
}

export function verdict(forecast: Forecast): Verdict {
  const currency = forecast.scenario.currency;
  const baseline = plainLabel(forecast, forecast.scenario.baseline);
  const comps = [...forecast.comparisons].sort((a, b) => b.deltaNpv.mean - a.deltaNpv.mean || b.pBeatBaseline - a.pBeatBaseline);
  if (comps.length === 0) {
    return { kind: 'single', headline: `Only one policy, ${baseline}, was simulated: there is nothing to compare it with.`, details: [] };
  }
  const winners = comps.filter((c) => c.pBeatBaseline > 0.5 && c.deltaNpv.p50 > 0);
  const over = `over ${horizon(forecast)}`;
  if (winners.length === 0) {
    const best = [...comps].sort((a, b) => b.pBeatBaseline - a.pBeatBaseline || b.deltaNpv.p50 - a.deltaNpv.p50)[0] as Comparison;
    const name = plainLabel(forecast, best.policy);
    const headline =
      comps.length === 1
        ? `${name} does not beat ${baseline}: it comes out ahead only ${shareOfFutures(best.pBeatBaseline, best.pBeatStandardError, forecast)}; median NPV change ${gainText(best, currency)} ${over}.`
        : `No policy beats ${baseline}: the best alternative, ${name}, comes out ahead only ${shareOfFutures(best.pBeatBaseline, best.pBeatStandardError, forecast)}; median NPV change ${gainText(best, currency)} ${over}.`;
    const details = comps
      .filter((c) => c !== best)
      .map((c) => `${plainLabel(forecast, c.policy)} beats it ${shareOfFutures(c.pBeatBaseline, c.pBeatStandardError, forecast)}; median NPV change ${gainText(c, currency)}.`);
    return { kind: 'none', policy: best.policy, headline, details: [`On these assumptions, staying with ${baseline} is the better bet.`, ...details] };
  }
  const best = winners[0] as Comparison;
  const name = plainLabel(forecast, best.policy);
  const headline = `${name} beats ${baseline} ${shareOfFutures(best.pBeatBaseline, best.pBeatStandardError, forecast)}; median NPV gain ${gainText(best, currency)} ${over}.`;
  const details: string[] = [];
  const lose = 1 - best.pBeatBaseline;
  if (best.pBeatBaseline >= 0.95) details.push(`A clear result: ${name} does worse than the baseline in ${lose > 0 ? `only ${percent(lose)}` : 'none'} of the futures.`);
  else if (best.pBeatBaseline >= 0.8) details.push(`A likely gain, not a sure one: ${name} does worse than the baseline in ${percent(lose)} of the futures (P5 ${money(best.deltaNpv.p5, currency)}).`);
  else details.push(`A close call: ${name} does worse than the baseline in ${percent(lose)} of the futures (P5 ${money(best.deltaNpv.p5, currency)}); better information on the uncertain inputs could change the answer.`);
  details.push(`Mean NPV gain ${money(best.deltaNpv.mean, currency)} (Monte Carlo standard error ${money(best.deltaNpvStandardError, currency)}).`);
  if (best.roi) details.push(`Return on its programme cost: median ${percent(best.roi.p50)} (P5 ${percent(best.roi.p5)} to P95 ${percent(best.roi.p95)}).`);
  const pb = paybackText(best, forecast);
  if (pb) details.push(pb);
  const others = comps.filter((c) => c !== best);
  if (others.length > 0) {
    details.push(
      `Against ${baseline}, the others: ` +
        others.map((c) => `${plainLabel(forecast, c.policy)} beats it in ${percent(c.pBeatBaseline)} of futures, median ${money(c.deltaNpv.p50, currency)}`).join('; ') +
        '.',
    );
  }
  return { kind: 'gain', policy: best.policy, headline, details };
}
