import type { EngineKind, PopulationFactory } from './engine.js';
import type { EngineName, Scenario } from '../scenario/schema.js';
import { agentPopulation } from './agent.js';
import { cohortPopulation } from './cohort.js';
import { expectedPopulation } from './expected.js';

/** Above this many customers, `auto` picks the cohort engine (its cost does not grow with the book). */
export const AUTO_COHORT_ABOVE = 50_000;

/** The engine `auto` stands for, given the book's size. */
export function resolveEngine(name: EngineName, customers: number): EngineKind {
  if (name !== 'auto') return name;
  return customers > AUTO_COHORT_ABOVE ? 'cohort' : 'agent';
}

/** The engine a scenario runs with: its `engine`, `auto` resolved by the size of its book. */
export function engineOf(scenario: Scenario): EngineKind {
  return resolveEngine(scenario.engine, Object.values(scenario.segments).reduce((a, s) => a + s.customers, 0));
}

export const POPULATIONS: Record<EngineKind, PopulationFactory> = {
  expected: expectedPopulation,
  cohort: cohortPopulation,
  agent: agentPopulation,
};
