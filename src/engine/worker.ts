/** The worker-thread entry point (piscina): one batch of runs per task. */
import { simulateRuns, type RunBatch, type RunTask } from './runs.js';

export default function runBatch(task: RunTask): RunBatch {
  return simulateRuns(task);
}
