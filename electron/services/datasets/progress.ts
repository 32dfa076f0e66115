/** Turns byte counts into the numbers a progress bar shows: overall done/total, rate and ETA. */
import type { DatasetProgress } from '../../api/contracts/datasets.ts';

export type ProgressListener = (progress: DatasetProgress) => void;

const MIN_INTERVAL_MS = 100;
/** The rate is measured over this window, so the ETA follows a connection that speeds up or slows down. */
const RATE_WINDOW_MS = 3_000;

export class ProgressMeter {
  private lastEmit = -Infinity;
  private doneBeforeFile = 0;
  private readonly samples: { t: number; bytes: number }[];

  constructor(
    private readonly base: Pick<DatasetProgress, 'dataset' | 'fileCount' | 'bytesTotal'>,
    private readonly listener: ProgressListener | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.samples = [{ t: now(), bytes: 0 }];
  }

  /** A file finished: its bytes count as done from now on. */
  completeFile(size: number): void {
    this.doneBeforeFile += size;
  }

  report(state: Pick<DatasetProgress, 'file' | 'fileIndex' | 'fileBytes' | 'fileTotal' | 'mirror' | 'attempt'>, force = false): void {
    if (!this.listener) return;
    const t = this.now();
    if (!force && t - this.lastEmit < MIN_INTERVAL_MS) return;
    this.lastEmit = t;
    const bytesDone = this.doneBeforeFile + state.fileBytes;
    this.samples.push({ t, bytes: bytesDone });
    while (this.samples.length > 2 && t - this.samples[1]!.t >= RATE_WINDOW_MS) this.samples.shift();
    const oldest = this.samples[0]!;
    const seconds = (t - oldest.t) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.max(0, bytesDone - oldest.bytes) / seconds : 0;
    const etaSeconds = bytesPerSecond > 0 ? (this.base.bytesTotal - bytesDone) / bytesPerSecond : null;
    this.listener({ ...this.base, ...state, bytesDone, bytesPerSecond, etaSeconds });
  }
}
