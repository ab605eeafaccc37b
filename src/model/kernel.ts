/**
 * The kernel: for one world, one policy and one month, the transition tables every engine samples
 * from (or, for `expected`, multiplies by). Pure: the same inputs give the same tables.
 *
 *   state (g, s, p) --exp--> experience e --move--> churn | new score s' --followOn--> pending p'
 *
 * Months differ through the policy's ramp, price changes and the wait of staffed channels (which
 * depends on the month's contact volume, hence on the state); tables are cached while none of
 * these changes.
 */
import { CHANNELS, CHANNEL_COUNT, STAFFED_CHANNELS } from '../scenario/channels.js';
import { monthlyRate } from './units.js';
import type { World } from '../scenario/world.js';
import { churnHazard } from './churn.js';
import { meanWaitMinutes } from './erlang.js';
import { CES_OF_LEVEL, EXPERIENCES, effortLevel, isDelight, isResolved, LOW, MEDIUM } from './experience.js';
import { journeyTables, type JourneyTables } from './journey.js';
import { interpolateLevers, policyLevers, rampWeight, type DrawnPolicy, type Levers } from './levers.js';
import { DELTAS, MIN_DELTA, clampScore, scoreMove } from './response.js';
import { segmentParams, type SegmentParams } from './segment.js';
import { DETRACTOR, PASSIVE, PENDING, SCORES, npsClass } from './state.js';

/** Outcomes of the move step: 0 = churn, 1 + (d - MIN_DELTA) = stay with a move of d points. */
export const OUTCOMES = 1 + DELTAS;
export const OUTCOME_CHURN = 0;
/** The score move of a staying outcome k (k >= 1). */
export const outcomeDelta = (k: number): number => k - 1 + MIN_DELTA;

/** The tables of one month. Index layouts are documented on each field. */
export interface MonthKernel extends JourneyTables {
  /** P(outcome k | g, s, e): `[((g * SCORES + s) * EXPERIENCES + e) * OUTCOMES + k]`. */
  readonly move: Float64Array;
  /** P(a resolved customer who stays carries a follow-on issue), per segment. */
  readonly followOn: Float64Array;
  /** Revenue per customer-month by (g, s), `[g * SCORES + s]` (currency). */
  readonly revenue: Float64Array;
  /** Gross margin per customer-month by (g, s) (currency). */
  readonly margin: Float64Array;
  /** Cost of one contact per channel (currency); 0 where agents are paid per month instead. */
  readonly channelCost: Float64Array;
  /** Cost of one delight gesture (currency). */
  readonly gestureCost: number;
  /** Agent cost of staffed channels this month (currency). */
  readonly staffingCost: number;
  /** Programme cost this month: monthly, plus the one-off cost in month 1 (currency). */
  readonly programmeCost: number;
  /** Mean wait per channel this month (minutes; 0 for unstaffed channels). */
  readonly waitMinutes: Float64Array;
  /** P(CSAT 4-5 | e). */
  readonly satisfied: Float64Array;
  /** CES (1-5) that stands for e; 0 for no contact. */
  readonly ces: Float64Array;
}

/** What is fixed for one world and one policy. */
export interface PolicyModel {
  readonly key: string;
  readonly label: string;
  readonly world: World;
  readonly segments: readonly SegmentParams[];
  readonly statusQuo: Levers;
  readonly target: Levers;
  readonly policy: DrawnPolicy;
  /** Monthly discount rate from the annual one. */
  readonly monthlyDiscount: number;
  readonly horizon: number;
  /** Price level by month (index 1..horizon; 1 before any change). */
  readonly priceLevel: Float64Array;
  /** Relative price rise in each month (index 1..horizon; 0 if none). */
  readonly priceRise: Float64Array;
}

/** The segments of a world, in scenario order. */
export function worldSegments(world: World): SegmentParams[] {
  return Object.entries(world.segments).map(([k, s]) => segmentParams(k, s));
}

/** Everything fixed for policy `key` in `world`. */
export function policyModel(world: World, key: string, segments: readonly SegmentParams[] = worldSegments(world)): PolicyModel {
  const policy = world.policies[key];
  if (!policy) throw new Error(`unknown policy ${key}`);
  const target = policyLevers(world, key);
  const horizon = world.horizonMonths;
  const priceLevel = new Float64Array(horizon + 2).fill(1);
  const priceRise = new Float64Array(horizon + 2);
  for (const pc of target.priceChanges) if (pc.month <= horizon) priceRise[pc.month] = (priceRise[pc.month] ?? 0) + pc.change;
  let level = 1;
  for (let t = 1; t <= horizon + 1; t++) {
    level *= 1 + (priceRise[t] ?? 0);
    priceLevel[t] = level;
  }
  return {
    key,
    label: policy.label ?? key,
    world,
    segments,
    statusQuo: world.service,
    target,
    policy,
    monthlyDiscount: monthlyRate(world.discountRate),
    horizon,
    priceLevel,
    priceRise,
  };
}

/** The levers in force in month t (1-based). */
export function leversAt(m: PolicyModel, t: number): Levers {
  return interpolateLevers(m.statusQuo, m.target, rampWeight(t, m.policy.rampMonths));
}

function moveTable(m: PolicyModel, priceRise: number): Float64Array {
  const { response, churn } = m.world;
  const G = m.segments.length;
  const out = new Float64Array(G * SCORES * EXPERIENCES * OUTCOMES);
  const deltas = new Float64Array(DELTAS);
  for (let g = 0; g < G; g++) {
    const seg = m.segments[g] as SegmentParams;
    for (let s = 0; s < SCORES; s++) {
      for (let e = 0; e < EXPERIENCES; e++) {
        scoreMove(response, e, s, seg.loyaltyAnchor, deltas);
        const row = ((g * SCORES + s) * EXPERIENCES + e) * OUTCOMES;
        let leave = 0;
        for (let d = 0; d < DELTAS; d++) {
          const pd = deltas[d] ?? 0;
          if (pd <= 0) continue;
          const h = churnHazard(churn, seg.baseChurn, clampScore(s + d + MIN_DELTA), e, priceRise);
          leave += pd * h;
          out[row + 1 + d] = pd * (1 - h);
        }
        out[row + OUTCOME_CHURN] = leave;
      }
    }
  }
  return out;
}

/**
 * Move tables depend on the world (response, churn), its segments and the month's price rise, not
 * on the policy: the policies of one run share them (they share the world and its segments, see
 * `worldSegments`). A memo on those objects' identity; the tables must not be modified.
 */
const moveMemo = new WeakMap<readonly SegmentParams[], { world: World; byRise: Map<number, Float64Array> }>();

function sharedMoveTable(m: PolicyModel, rise: number): Float64Array {
  let entry = moveMemo.get(m.segments);
  if (!entry || entry.world !== m.world) {
    entry = { world: m.world, byRise: new Map() };
    moveMemo.set(m.segments, entry);
  }
  let table = entry.byRise.get(rise);
  if (!table) {
    table = moveTable(m, rise);
    entry.byRise.set(rise, table);
  }
  return table;
}

function moneyTables(m: PolicyModel, t: number): { revenue: Float64Array; margin: Float64Array } {
  const { spend } = m.world;
  const G = m.segments.length;
  const revenue = new Float64Array(G * SCORES);
  const margin = new Float64Array(G * SCORES);
  const price = m.priceLevel[t] ?? 1;
  for (let g = 0; g < G; g++) {
    const seg = m.segments[g] as SegmentParams;
    for (let s = 0; s < SCORES; s++) {
      const cls = npsClass(s);
      const mult = cls === DETRACTOR ? spend.detractor : cls === PASSIVE ? spend.passive : spend.promoter;
      const r = seg.revenuePerMonth * mult * price;
      revenue[g * SCORES + s] = r;
      margin[g * SCORES + s] = r * seg.grossMargin;
    }
  }
  return { revenue, margin };
}

function experienceConstants(m: PolicyModel): { satisfied: Float64Array; ces: Float64Array } {
  const sat = m.world.response.satisfied;
  const satisfied = new Float64Array(EXPERIENCES);
  const ces = new Float64Array(EXPERIENCES);
  for (let e = 0; e < EXPERIENCES; e++) {
    const level = effortLevel(e);
    if (level === undefined) continue;
    ces[e] = CES_OF_LEVEL[level] ?? 0;
    const base = !isResolved(e)
      ? sat.unresolved
      : level === LOW
        ? sat.lowEffortResolved
        : level === MEDIUM
          ? sat.mediumEffortResolved
          : sat.highEffortResolved;
    satisfied[e] = Math.min(1, base + (isDelight(e) ? sat.delightBonus : 0));
  }
  return { satisfied, ces };
}

/** What the levers cost, and the follow-on rate they leave. */
interface LeverCosts {
  readonly channelCost: Float64Array;
  readonly staffingCost: number;
  readonly followOn: Float64Array;
}

function leverCosts(m: PolicyModel, levers: Levers): LeverCosts {
  const channelCost = new Float64Array(CHANNEL_COUNT);
  let staffingCost = 0;
  CHANNELS.forEach((ch, c) => {
    const staff = ch === 'phone' || ch === 'chat' ? levers.staffing[ch] : undefined;
    if (staff?.costPerAgentMonth !== undefined) staffingCost += staff.agents * staff.costPerAgentMonth;
    else channelCost[c] = levers.channels[ch].costPerContact;
    channelCost[c] = (channelCost[c] ?? 0) + m.policy.costs.perContact;
  });
  const followOnRate = levers.nextIssue.followOnRate * (1 - levers.nextIssue.avoidance);
  return { channelCost, staffingCost, followOn: new Float64Array(m.segments.length).fill(followOnRate) };
}

/**
 * Builds month kernels for one policy in one world, caching what does not change from month to
 * month. Not shared between runs: one instance per (run, policy).
 */
export class PolicyKernel {
  readonly model: PolicyModel;
  private readonly moveCache = new Map<number, Float64Array>();
  private journeyCache: { levers: Levers; tables: JourneyTables } | undefined;
  private readonly constants: { satisfied: Float64Array; ces: Float64Array };
  private readonly staffed: boolean;
  private last: { levers: Levers; rise: number; price: number; kernel: MonthKernel } | undefined;
  private readonly moneyCache = new Map<number, { revenue: Float64Array; margin: Float64Array }>();
  private costsCache: { levers: Levers; costs: LeverCosts } | undefined;

  constructor(model: PolicyModel) {
    this.model = model;
    this.constants = experienceConstants(model);
    const st = (l: Levers) => STAFFED_CHANNELS.some((c) => l.staffing[c] !== undefined);
    this.staffed = st(model.statusQuo) || st(model.target);
  }

  private move(rise: number): Float64Array {
    let table = this.moveCache.get(rise);
    if (!table) {
      table = sharedMoveTable(this.model, rise);
      this.moveCache.set(rise, table);
    }
    return table;
  }

  private journeys(levers: Levers): JourneyTables {
    if (this.journeyCache?.levers !== levers) this.journeyCache = { levers, tables: journeyTables(this.model.segments, levers, NO_WAIT) };
    return this.journeyCache.tables;
  }

  /**
   * The kernel of month t (1-based) for a population with `atRisk[(g * PENDING + p)]` customers at
   * the start of the month (used only for the wait of staffed channels).
   */
  month(t: number, atRisk: ArrayLike<number>): MonthKernel {
    const m = this.model;
    const levers = leversAt(m, t);
    const rise = m.priceRise[t] ?? 0;
    const price = m.priceLevel[t] ?? 1;
    const last = this.last;
    if (!this.staffed && t > 1 && last && last.levers === levers && last.rise === rise && last.price === price) return last.kernel;
    let tables = this.journeys(levers);
    const waitMinutes = new Float64Array(CHANNEL_COUNT);
    if (this.staffed) {
      const bump = new Float64Array(CHANNEL_COUNT);
      const st = levers.staffing;
      for (const ch of STAFFED_CHANNELS) {
        const staff = st[ch];
        if (!staff) continue;
        const c = CHANNELS.indexOf(ch);
        let volume = 0;
        for (let i = 0; i < m.segments.length * PENDING; i++) volume += (atRisk[i] ?? 0) * (tables.volume[i * CHANNEL_COUNT + c] ?? 0);
        const perHour = st.openHoursPerMonth > 0 ? volume / st.openHoursPerMonth : 0;
        const w = meanWaitMinutes(staff.agents, perHour, staff.handleMinutes, st.maxWaitMinutes);
        waitMinutes[c] = w;
        bump[c] = st.waitToleranceMinutes > 0 ? Math.min(1, w / st.waitToleranceMinutes) : w > 0 ? 1 : 0;
      }
      tables = journeyTables(m.segments, levers, bump);
    }
    if (this.costsCache?.levers !== levers) this.costsCache = { levers, costs: leverCosts(m, levers) };
    const { channelCost, staffingCost, followOn } = this.costsCache.costs;
    let money = this.moneyCache.get(price);
    if (!money) {
      money = moneyTables(m, t);
      this.moneyCache.set(price, money);
    }
    const kernel: MonthKernel = {
      ...tables,
      move: this.move(rise),
      followOn,
      ...money,
      channelCost,
      gestureCost: levers.delight.gestureCost,
      staffingCost,
      programmeCost: m.policy.costs.monthly + (t === 1 ? m.policy.costs.oneOff : 0),
      waitMinutes,
      ...this.constants,
    };
    if (t > 1) this.last = { levers, rise, price, kernel };
    return kernel;
  }
}

const NO_WAIT = new Float64Array(CHANNEL_COUNT);

