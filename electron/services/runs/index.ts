export { createRunsService, QUARANTINE_DIR } from './service.ts';
export type { CleanupReport, CreateRunInput, FinishRunInput, RunsService, RunsServiceOptions } from './service.ts';
export { RunsError } from './errors.ts';
export { specSummary, layerStackText } from './spec-summary.ts';
export { PROCESS_TOKEN } from './writer.ts';
