/**
 * `@packledger/cli`: the `packledger` command (demo, replay, export, import) and the pieces
 * it is made of, for hosts that want the same reports.
 *
 * @example
 * import { openSource, replayInto, buildReport, render } from '@packledger/cli';
 * const store = await openSource('demo.jsonl');
 */
export { runDemo, type DemoOptions } from './demo/run';
export { runAgencyScenario, type Step } from './demo/agency';
export { runVoipScenario, type VoipStep } from './demo/voip';
export { runIspScenario } from './demo/isp';
export { runOrdersScenario } from './demo/orders';
export { buildReport, render, REPORTS, type Format, type ReportName, type ReportOptions, type Section } from './reports';
export { replayInto } from './replay';
export { EXIT, openSource, type SourceError } from './sources';
export { table } from './table';
export { parseWarnings, runTick, tickLines } from './tick';
