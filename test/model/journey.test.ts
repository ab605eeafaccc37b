/**
 * The contact journey enumerated into experience classes: exact small cases written out by hand,
 * and the directions the levers must move things.
 */
import { describe, expect, it } from 'vitest';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { meanWorld } from '../../src/scenario/world.js';
import { worldSegments } from '../../src/model/kernel.js';
import { policyLevers } from '../../src/model/levers.js';
import { channelShares, journeyTables, type JourneyTables } from '../../src/model/journey.js';
import {
  EXPERIENCES, E_HIGH_DELIGHT, E_HIGH_RESOLVED, E_HIGH_UNRESOLVED, E_LOW_DELIGHT, E_LOW_RESOLVED, E_LOW_UNRESOLVED,
  E_MEDIUM_DELIGHT, E_MEDIUM_RESOLVED, E_MEDIUM_UNRESOLVED, E_NONE, E_SILENT, isDelight, leavesUnresolved,
} from '../../src/model/experience.js';
import { PENDING, PENDING_FOLLOW_ON, PENDING_NONE, PENDING_UNRESOLVED } from '../../src/model/state.js';
import { CHANNELS, CHANNEL_COUNT } from '../../src/scenario/channels.js';

const SS = 0;
const CHAT = 1;
const EMAIL = 2;
const PHONE = 3;
const NO_WAIT = new Float64Array(CHANNEL_COUNT);

type Policy = NonNullable<ScenarioInput['policies'][string]>;
type Seg = Partial<NonNullable<ScenarioInput['segments'][string]>>;

function tables(seg: Seg = {}, policy: Policy = {}, wait: ArrayLike<number> = NO_WAIT): { t: JourneyTables; shares: Float64Array } {
  const sc = Scenario.parse({
    baseline: 'a',
    segments: { c: { customers: 100, revenuePerMonth: 30, grossMargin: 0.7, baseChurn: 0.01, problemRate: 0.1, ...seg } },
    policies: { a: policy },
  } as ScenarioInput);
  const world = meanWorld(sc);
  const segments = worldSegments(world);
  const levers = policyLevers(world, 'a');
  return { t: journeyTables(segments, levers, wait), shares: channelShares(segments[0]!, levers) };
}

const row = (t: JourneyTables, p: number): number[] => Array.from(t.exp.subarray(p * EXPERIENCES, (p + 1) * EXPERIENCES));
const at = (t: JourneyTables, p: number, e: number): number => t.exp[p * EXPERIENCES + e] ?? NaN;
const volume = (t: JourneyTables, p: number, c: number): number => t.volume[p * CHANNEL_COUNT + c] ?? NaN;
const contactsGiven = (t: JourneyTables, p: number, e: number, c: number): number => t.contacts[(p * EXPERIENCES + e) * CHANNEL_COUNT + c] ?? NaN;
const unresolvedShare = (t: JourneyTables, p: number): number => at(t, p, E_LOW_UNRESOLVED) + at(t, p, E_MEDIUM_UNRESOLVED) + at(t, p, E_HIGH_UNRESOLVED);
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

const onlyLow = { low: 1, medium: 0, high: 0 };
const phoneOnly = { selfService: 0, chat: 0, email: 0, phone: 1 };

describe('journeyTables: exact small cases', () => {
  it('phone only, low effort, no wait: resolved / repeat / give-up paths', () => {
    const pi = 0.2;
    const kappa = 0.6;
    const r = 0.7;
    const rho = 0.4;
    const { t } = tables(
      { problemRate: pi, contactShare: kappa, channelMix: phoneOnly },
      { channels: { phone: { effort: onlyLow, resolution: r } }, repeatRate: rho, delight: { rate: 0 } },
    );
    const p = PENDING_NONE;
    const c = pi * kappa;
    expect(at(t, p, E_NONE)).toBeCloseTo(1 - pi, 14);
    expect(at(t, p, E_SILENT)).toBeCloseTo(pi * (1 - kappa), 14);
    expect(at(t, p, E_LOW_RESOLVED)).toBeCloseTo(c * r, 14);
    expect(at(t, p, E_MEDIUM_RESOLVED)).toBeCloseTo(c * (1 - r) * rho * r, 14);
    expect(at(t, p, E_MEDIUM_UNRESOLVED)).toBeCloseTo(c * (1 - r) * rho * (1 - r), 14);
    expect(at(t, p, E_LOW_UNRESOLVED)).toBeCloseTo(c * (1 - r) * (1 - rho), 14);
    for (const e of [E_HIGH_RESOLVED, E_HIGH_UNRESOLVED, E_LOW_DELIGHT, E_MEDIUM_DELIGHT, E_HIGH_DELIGHT]) expect(at(t, p, e)).toBe(0);
    // A repeat is a second phone contact; everything else one.
    expect(contactsGiven(t, p, E_LOW_RESOLVED, PHONE)).toBeCloseTo(1, 14);
    expect(contactsGiven(t, p, E_MEDIUM_RESOLVED, PHONE)).toBeCloseTo(2, 14);
    expect(contactsGiven(t, p, E_MEDIUM_UNRESOLVED, PHONE)).toBeCloseTo(2, 14);
    expect(contactsGiven(t, p, E_LOW_UNRESOLVED, PHONE)).toBeCloseTo(1, 14);
    expect(contactsGiven(t, p, E_SILENT, PHONE)).toBe(0);
    expect(volume(t, p, PHONE)).toBeCloseTo(c * (1 + (1 - r) * rho), 14);
    for (const ch of [SS, CHAT, EMAIL]) expect(volume(t, p, ch)).toBe(0);
  });

  it('self-service only: a failed contact switches to the phone one level up, with the phone resolution', () => {
    const rs = 0.45;
    const rp = 0.8;
    const sigma = 0.5;
    const rho = 0.3;
    const { t } = tables(
      { problemRate: 1, contactShare: 1, channelMix: { selfService: 1, chat: 0, email: 0, phone: 0 } },
      {
        channels: { selfService: { effort: onlyLow, resolution: rs, switchRate: sigma }, phone: { resolution: rp } },
        repeatRate: rho,
      },
    );
    const p = PENDING_NONE;
    const fail = 1 - rs;
    expect(at(t, p, E_LOW_RESOLVED)).toBeCloseTo(rs, 14);
    // switch then phone: medium effort; repeat in self-service: medium effort too
    expect(at(t, p, E_MEDIUM_RESOLVED)).toBeCloseTo(fail * sigma * rp + fail * (1 - sigma) * rho * rs, 14);
    expect(at(t, p, E_MEDIUM_UNRESOLVED)).toBeCloseTo(fail * sigma * (1 - rp) + fail * (1 - sigma) * rho * (1 - rs), 14);
    expect(at(t, p, E_LOW_UNRESOLVED)).toBeCloseTo(fail * (1 - sigma) * (1 - rho), 14);
    expect(volume(t, p, SS)).toBeCloseTo(1 + fail * (1 - sigma) * rho, 14);
    expect(volume(t, p, PHONE)).toBeCloseTo(fail * sigma, 14);
  });

  it('a wait that always bumps effort moves every first phone contact up one level', () => {
    const wait = new Float64Array(CHANNEL_COUNT);
    wait[PHONE] = 1;
    const { t } = tables(
      { problemRate: 1, contactShare: 1, channelMix: phoneOnly },
      { channels: { phone: { effort: onlyLow, resolution: 1 } } },
      wait,
    );
    expect(at(t, PENDING_NONE, E_LOW_RESOLVED)).toBe(0);
    expect(at(t, PENDING_NONE, E_MEDIUM_RESOLVED)).toBeCloseTo(1, 14);
  });

  it('pending states: a follow-on arises for sure; an unresolved issue returns one level up or a new one arises', () => {
    const u = 0.6;
    const pi = 0.1;
    const { t } = tables(
      { problemRate: pi, contactShare: 1, channelMix: phoneOnly },
      { channels: { phone: { effort: onlyLow, resolution: 1 } }, unresolvedReturn: u },
    );
    expect(at(t, PENDING_FOLLOW_ON, E_NONE)).toBe(0);
    expect(at(t, PENDING_FOLLOW_ON, E_LOW_RESOLVED)).toBeCloseTo(1, 14);
    expect(at(t, PENDING_UNRESOLVED, E_NONE)).toBeCloseTo((1 - u) * (1 - pi), 14);
    expect(at(t, PENDING_UNRESOLVED, E_MEDIUM_RESOLVED)).toBeCloseTo(u, 14);
    expect(at(t, PENDING_UNRESOLVED, E_LOW_RESOLVED)).toBeCloseTo((1 - u) * pi, 14);
  });
});

describe('journeyTables: invariants and lever directions', () => {
  it('every row is a distribution, and volume = sum_e P(e) E[contacts | e]', () => {
    for (const policy of [{}, { delight: { rate: 0.3 } }, { selfServiceShift: 0.5, repeatRate: 1 }] as Policy[]) {
      const { t } = tables({ problemRate: 0.3, contactShare: 0.7 }, policy);
      for (let p = 0; p < PENDING; p++) {
        const r = row(t, p);
        for (const x of r) expect(x).toBeGreaterThanOrEqual(0);
        expect(sum(r)).toBeCloseTo(1, 12);
        for (let c = 0; c < CHANNEL_COUNT; c++) {
          let v = 0;
          for (let e = 0; e < EXPERIENCES; e++) v += at(t, p, e) * contactsGiven(t, p, e, c);
          expect(volume(t, p, c)).toBeCloseTo(v, 12);
        }
      }
    }
  });

  it("raising a channel's resolution lowers the unresolved classes' share, in every pending state", () => {
    for (const ch of CHANNELS) {
      const lo = tables({ problemRate: 0.3 }, { channels: { [ch]: { resolution: 0.4 } } }).t;
      const hi = tables({ problemRate: 0.3 }, { channels: { [ch]: { resolution: 0.8 } } }).t;
      for (let p = 0; p < PENDING; p++) {
        expect(unresolvedShare(hi, p), `${ch}, pending ${p}`).toBeLessThan(unresolvedShare(lo, p));
        // ... and everything that leaves the customer unresolved (silent problems are untouched)
        const bad = (t: JourneyTables) => row(t, p).reduce((a, x, e) => a + (leavesUnresolved(e) ? x : 0), 0);
        expect(bad(hi)).toBeLessThan(bad(lo));
        expect(at(hi, p, E_SILENT)).toBeCloseTo(at(lo, p, E_SILENT), 14);
      }
    }
  });

  it('delight rate 0 gives zero delight classes; rate 1 gives only delight among resolved classes', () => {
    const none = tables({ problemRate: 0.5 }, { delight: { rate: 0 } }).t;
    const all = tables({ problemRate: 0.5 }, { delight: { rate: 1 } }).t;
    const some = tables({ problemRate: 0.5 }, { delight: { rate: 0.25 } }).t;
    for (let p = 0; p < PENDING; p++) {
      for (let e = 0; e < EXPERIENCES; e++) if (isDelight(e)) expect(at(none, p, e)).toBe(0);
      for (const e of [E_LOW_RESOLVED, E_MEDIUM_RESOLVED, E_HIGH_RESOLVED]) expect(at(all, p, e)).toBe(0);
      // Delight only relabels resolved contacts: the resolved total and the rest are unchanged.
      for (let lvl = 0; lvl < 3; lvl++) {
        const resolved = (t: JourneyTables) => at(t, p, E_LOW_RESOLVED + lvl) + at(t, p, E_LOW_DELIGHT + lvl);
        expect(resolved(some)).toBeCloseTo(resolved(none), 14);
        expect(at(some, p, E_LOW_DELIGHT + lvl)).toBeCloseTo(0.25 * resolved(none), 14);
      }
      expect(unresolvedShare(some, p)).toBeCloseTo(unresolvedShare(none, p), 14);
    }
  });

  it('selfServiceShift moves first contacts and contact volume from the assisted channels to self-service', () => {
    const base = tables({ problemRate: 0.3 }, { selfServiceShift: 0 });
    const half = tables({ problemRate: 0.3 }, { selfServiceShift: 0.5 });
    const full = tables({ problemRate: 0.3 }, { selfServiceShift: 1 });
    expect(sum(Array.from(half.shares))).toBeCloseTo(1, 14);
    const ss0 = base.shares[SS] ?? NaN;
    expect(half.shares[SS]).toBeCloseTo(ss0 + 0.5 * (1 - ss0), 14);
    for (const ch of [CHAT, EMAIL, PHONE]) expect(half.shares[ch]).toBeCloseTo(0.5 * (base.shares[ch] ?? NaN), 14);
    expect(Array.from(full.shares)).toEqual([1, 0, 0, 0]);
    for (let p = 0; p < PENDING; p++) {
      expect(volume(half.t, p, SS)).toBeGreaterThan(volume(base.t, p, SS));
      for (const ch of [CHAT, EMAIL]) expect(volume(half.t, p, ch)).toBeLessThan(volume(base.t, p, ch));
      // With everything shifted, chat and e-mail see nothing; the phone only sees switches.
      expect(volume(full.t, p, CHAT)).toBe(0);
      expect(volume(full.t, p, EMAIL)).toBe(0);
    }
  });

  it('problem rate 0 and no pending issue: nothing happens; contact share 0: every problem is silent', () => {
    const quiet = tables({ problemRate: 0 }).t;
    expect(at(quiet, PENDING_NONE, E_NONE)).toBe(1);
    const silent = tables({ problemRate: 0.4, contactShare: 0 }).t;
    expect(at(silent, PENDING_NONE, E_SILENT)).toBeCloseTo(0.4, 14);
    expect(at(silent, PENDING_NONE, E_NONE)).toBeCloseTo(0.6, 14);
    for (let c = 0; c < CHANNEL_COUNT; c++) expect(volume(silent, PENDING_NONE, c)).toBe(0);
  });
});
