/**
 * Where the current training run is, as the UI tracks it — the one set of words for the session
 * (TrainingState) and the Train panel's snapshot. 'failed' as in the run records (RunStatus).
 * 'starting' and 'stopping' are the session's waits for the worker; the snapshot, folded from the
 * engine's events alone, never holds them.
 */
export type TrainingStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'finished' | 'stopped' | 'failed';
