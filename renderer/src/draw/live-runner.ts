/**
 * Runs an async task "live" without ever piling up: request() asks for a run within `delayMs`
 * (many requests in that window make one run), flush() asks for one now, and while a run is in
 * flight further requests collapse into a single re-run when it ends — so the task always ends up
 * seeing the latest state, and at most one run is in flight.
 */
export class LiveRunner {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;
  private disposed = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly delayMs = 100,
  ) {}

  request(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer ??= setTimeout(() => this.start(), this.delayMs);
  }

  flush(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.start();
  }

  /** Drops a pending run (a run in flight finishes; its caller should ignore stale results). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
  }

  dispose(): void {
    this.cancel();
    this.disposed = true;
  }

  private start(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = true;
    this.task()
      .catch(() => {
        // The task reports its own errors; a failed run must not stop later ones.
      })
      .finally(() => {
        this.running = false;
        if (this.again && !this.disposed) {
          this.again = false;
          this.start();
        }
      });
  }
}
