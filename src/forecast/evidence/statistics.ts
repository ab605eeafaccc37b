/**
 * The model statistics the evidence ledger compares with published findings. Each is computed by
 * `survey.ts` the way the research measured its figure; the ledger (`ledger.yaml`) says, per
 * finding, which statistic stands for it and how.
 */

export const STATISTIC_IDS = [
  // CEB / Gartner: effort and loyalty
  'fallAfterHighEffort',
  'fallAfterLowEffort',
  'fallToRiseRatio',
  'exceedOverMeetGain',
  'delightCostShare',
  'exceededShare',
  // HBR 2010: satisfaction vs intention
  'satisfiedIntendLeave',
  'dissatisfiedIntendStay',
  // Reichheld: purchases of former detractors
  'spendTurnedPromoter',
  'spendBecamePassive',
  'spendStayedDetractor',
  // HBR 2010: downstream issues
  'followOnShareOfRepeats',
  // Help Scout / American Express: word of mouth
  'listenersBadPerGood',
  // TARP / Goodman: complaints and repurchase
  'complaintShare',
  'repurchaseResolvedQuickly',
  'repurchaseResolvedSlowly',
  'repurchaseUnresolved',
  'recoveryOverNoProblem',
  // Known gaps (reported, not checked)
  'callsAfterOtherChannel',
  'repurchaseLowEffort',
  'repurchaseHighEffort',
  'badWordOfMouthHighEffort',
] as const;

export type StatisticId = (typeof STATISTIC_IDS)[number];

/** One value per statistic (NaN where the population gives nothing to measure). */
export type SurveyStats = Record<StatisticId, number>;

/** How a statistic's value reads: a share (0-1), a ratio (x), or a relative change (+/-). */
export const UNITS = ['share', 'ratio', 'change'] as const;
export type StatisticUnit = (typeof UNITS)[number];
