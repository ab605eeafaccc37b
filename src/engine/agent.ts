/**
 * The `agent` engine: one customer at a time, over struct-of-arrays typed arrays. Each customer has
 * their own random stream (seedrandom's tychei, seeded from the run seed and the customer's number),
 * so a customer meets the same luck under every policy (common random numbers) and any customer
 * can be replayed. Gives per-customer outputs: the distribution of value across customers.
 */
import { EXPERIENCES } from '../model/experience.js';
import { OUTCOMES, outcomeDelta, type MonthKernel, type PolicyModel } from '../model/kernel.js';
import { PENDING, PENDING_FOLLOW_ON, PENDING_NONE, SCORES } from '../model/state.js';
import { summarise } from '../forecast/quantile.js';
import { PoissonSampler } from '../random/samplers/poisson.js';
import { customerSeed } from '../random/streams.js';
import { Tychei, seedAt, uniformAt } from '../random/tychei.js';
import { cumulativeRows, pick, pickFrom, rowModes } from './cdf.js';
import type { PerCustomerSummary, Population, StepCounts } from './engine.js';
import { NEXT_PENDING } from './transitions.js';
import { experienceCosts } from './experienceCosts.js';

interface KernelViews {
  readonly kernel: MonthKernel;
  readonly expCdf: Float64Array;
  readonly moveCdf: Float64Array;
  /** The most likely outcome of each move row. */
  readonly moveMode: Uint8Array;
  /** Expected support cost of one customer by (g, p, e) (currency). */
  readonly cost: Float64Array;
}

function views(k: MonthKernel): KernelViews {
  return { kernel: k, expCdf: cumulativeRows(k.exp, EXPERIENCES), moveCdf: cumulativeRows(k.move, OUTCOMES), moveMode: rowModes(k.move, OUTCOMES), cost: experienceCosts(k) };
}

export class AgentPopulation implements Population {
  private size = 0;
  private readonly initial: number;
  private seg: Uint8Array;
  private score: Uint8Array;
  private pend: Uint8Array;
  /** The active customers' indices, ascending; `liveCount` of them. Churned customers leave it. */
  private live: Int32Array;
  private liveCount = 0;
  /** Each customer's random stream: Tyche-i state words a, b, c, d at 4i .. 4i + 3. */
  private rs: Int32Array;
  /** Discounted net contribution so far, per initial customer. */
  private readonly value: Float64Array;
  private readonly G: number;
  private readonly runSeed: number;
  private readonly poisson: PoissonSampler;
  private readonly risk: Float64Array;
  private cached: KernelViews | undefined;
  /** `monthValues`' table. */
  private readonly net: Float64Array;

  constructor(model: PolicyModel, seed: number) {
    this.G = model.segments.length;
    this.runSeed = seed;
    this.poisson = new PoissonSampler(Tychei.fromSeed(seed));
    this.risk = new Float64Array(this.G * PENDING);
    this.net = new Float64Array(this.G * SCORES * PENDING * EXPERIENCES);
    this.initial = model.segments.reduce((a, s) => a + s.customers, 0);
    const expectedNew = model.segments.reduce((a, s) => a + s.acquisitionPerMonth, 0) * model.horizon;
    const capacity = Math.max(16, Math.ceil(this.initial + expectedNew * 1.25));
    this.seg = new Uint8Array(capacity);
    this.score = new Uint8Array(capacity);
    this.pend = new Uint8Array(capacity);
    this.live = new Int32Array(capacity);
    this.rs = new Int32Array(4 * capacity);
    this.value = new Float64Array(this.initial);
    model.segments.forEach((seg, g) => {
      const cdf = cumulativeRows(seg.initialScores, SCORES);
      for (let i = 0; i < seg.customers; i++) this.add(g, cdf);
    });
  }

  private grow(): void {
    const cap = Math.ceil(this.seg.length * 1.5) + 16;
    const g8 = (a: Uint8Array) => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    const rs = new Int32Array(4 * cap);
    rs.set(this.rs);
    this.seg = g8(this.seg);
    this.score = g8(this.score);
    this.pend = g8(this.pend);
    const live = new Int32Array(cap);
    live.set(this.live);
    this.live = live;
    this.rs = rs;
  }

  /** Adds one customer of segment g, their score drawn from their own stream; returns the score. */
  private add(g: number, scoreCdf: Float64Array): number {
    if (this.size === this.seg.length) this.grow();
    const i = this.size++;
    seedAt(this.rs, 4 * i, customerSeed(this.runSeed, i));
    const s = pick(scoreCdf, 0, SCORES, uniformAt(this.rs, 4 * i));
    this.seg[i] = g;
    this.score[i] = s;
    this.pend[i] = PENDING_NONE;
    this.risk[g * PENDING + PENDING_NONE] = (this.risk[g * PENDING + PENDING_NONE] ?? 0) + 1;
    this.live[this.liveCount++] = i;
    return s;
  }

  /** Kept up to date by `step` and `add`: active customers by (g, p). */
  atRisk(): Float64Array {
    return this.risk;
  }

  step(k: MonthKernel, c: StepCounts, discount: number): void {
    if (this.cached?.kernel !== k) this.cached = views(k);
    this.risk.fill(0);
    const n = this.liveCount;
    const { seg, score, pend, live, rs, value, risk, initial } = this;
    this.liveCount = stepCustomers({ seg, score, pend, live, rs, value, risk, initial }, this.cached, c, this.monthValues(k, discount), n);
    c.churned = n - this.liveCount;
  }

  /**
   * This month's discounted net contribution of one customer by (g, s, p, e):
   * `[((g * SCORES + s) * PENDING + p) * EXPERIENCES + e]`, margin less expected support cost, times
   * `discount`. One table read per customer-month instead of two, a subtraction and a product:
   * 1.045x customer-months/s (paired A/B, both orders).
   */
  private monthValues(k: MonthKernel, discount: number): Float64Array {
    const cost = (this.cached as KernelViews).cost;
    const net = this.net;
    for (let g = 0; g < this.G; g++)
      for (let s = 0; s < SCORES; s++)
        for (let p = 0; p < PENDING; p++)
          for (let e = 0; e < EXPERIENCES; e++) {
            net[((g * SCORES + s) * PENDING + p) * EXPERIENCES + e] = discount * ((k.margin[g * SCORES + s] ?? 0) - (cost[(g * PENDING + p) * EXPERIENCES + e] ?? 0));
          }
    return net;
  }

  acquire(g: number, mean: number, scores: Float64Array, end: Float64Array): number {
    const n = this.poisson.sample(mean);
    if (n === 0) return 0;
    const cdf = cumulativeRows(scores, SCORES);
    for (let j = 0; j < n; j++) {
      const s = this.add(g, cdf);
      end[g * SCORES + s] = (end[g * SCORES + s] ?? 0) + 1;
    }
    return n;
  }

  finish(): PerCustomerSummary {
    return { horizonValue: summarise(Float64Array.from(this.value)) };
  }
}

/** The arrays `stepCustomers` reads and writes: an `AgentPopulation`'s. */
interface CustomerArrays {
  readonly seg: Uint8Array;
  readonly score: Uint8Array;
  readonly pend: Uint8Array;
  readonly live: Int32Array;
  readonly rs: Int32Array;
  readonly value: Float64Array;
  readonly risk: Float64Array;
  readonly initial: number;
}

/**
 * One month for the first `n` live customers; compacts `live` to the survivors and returns how
 * many there are. A function of its own, apart from `step`'s property writes: when the loop was
 * `step`'s body, V8 compiled it on stack replacement during the first month before the code after
 * the loop had run, then deoptimised at that code in most later months (111 times in 9 runs of
 * default.yaml), and each month's loop restarted in the interpreter.
 */
/**
 * The model's dimensions as literals, for `stepCustomers`. V8 folds a literal constant of this
 * module into the loop's index arithmetic, but not a binding imported from another module: with
 * these, the loop ran 1.23x as many customer-months per second on default.yaml (paired A/B in one
 * process, median of 12 pairs). The check below keeps them equal to the model's.
 */
const L_SCORES = 11;
const L_PENDING = 3;
const L_EXPERIENCES = 11;
const L_OUTCOMES = 7;
const L_NONE = 0;
const L_FOLLOW_ON = 2;
/** outcomeDelta(o) = o + L_DELTA0. */
const L_DELTA0 = -4;
if (
  L_SCORES !== SCORES || L_PENDING !== PENDING || L_EXPERIENCES !== EXPERIENCES || L_OUTCOMES !== OUTCOMES ||
  L_NONE !== PENDING_NONE || L_FOLLOW_ON !== PENDING_FOLLOW_ON || L_DELTA0 !== outcomeDelta(0)
) {
  throw new Error('agent engine: its literal dimensions differ from the model\'s (src/model/state.ts, kernel.ts)');
}

function stepCustomers(pop: CustomerArrays, views: KernelViews, c: StepCounts, net: Float64Array, n: number): number {
  const { expCdf, moveCdf, moveMode, kernel } = views;
  const { seg, score, pend, live, rs, value, risk, initial } = pop;
  const { start, end, experiences } = c;
  const followOn = kernel.followOn;
  const nextPending = NEXT_PENDING;
  let kept = 0;
  for (let j = 0; j < n; j++) {
    const i = live[j] as number;
    const at = 4 * i;
    const g = seg[i] as number;
    const s = score[i] as number;
    const p = pend[i] as number;
    const gs = g * L_SCORES + s;
    start[gs] = (start[gs] as number) + 1;
    const expRow = (g * L_PENDING + p) * L_EXPERIENCES;
    const e = pick(expCdf, expRow, L_EXPERIENCES, uniformAt(rs, at));
    experiences[expRow + e] = (experiences[expRow + e] as number) + 1;
    if (i < initial) value[i] = (value[i] as number) + (net[(gs * L_PENDING + p) * L_EXPERIENCES + e] as number);
    const moveRow = gs * L_EXPERIENCES + e;
    const o = pickFrom(moveCdf, moveRow * L_OUTCOMES, L_OUTCOMES, uniformAt(rs, at), moveMode[moveRow] as number);
    if (o === 0) continue;
    live[kept++] = i;
    let s2 = s + (o + L_DELTA0);
    s2 = s2 < 0 ? 0 : s2 > 10 ? 10 : s2;
    score[i] = s2;
    end[g * L_SCORES + s2] = (end[g * L_SCORES + s2] as number) + 1;
    let np = nextPending[e] as number;
    if (np < 0) np = uniformAt(rs, at) < (followOn[g] as number) ? L_FOLLOW_ON : L_NONE;
    pend[i] = np;
    risk[g * L_PENDING + np] = (risk[g * L_PENDING + np] as number) + 1;
  }
  return kept;
}

/** The agent engine's population factory. */
export const agentPopulation = (model: PolicyModel, seed: number): Population => new AgentPopulation(model, seed);
