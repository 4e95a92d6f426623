/**
 * The torture suite's shared workloads: the jest tests (fast) and `run.ts` (full strength)
 * both run these. See docs/reliability.md for what each one proves.
 */
export { commandIdRetries, AMBIGUOUS_FAILURES, type AmbiguousFailure } from './command-ids';
export { faultedWorkload, type RunReport } from './faulted-workload';
export { findings, type Finding } from './findings';
export { httpAccess, httpFuzz } from './http';
export { checkCommandInput, checkEventInput, fuzzCommandCodec, fuzzEventCodec, fuzzTargets } from './hostile-input';
export { exactlyOnceBreaks, ledgerBreaks } from './ledger';
export { hotPacks, twoBillRuns, usageWorkers, type LoadSize } from './load';
export { crashingReadModels, superviseProjections, tornReadModels } from './projections';
export { everyEventTwice, projectionKills } from './projection-kills';
export { streamNameBreaks } from './stream-names';
