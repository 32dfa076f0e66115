/**
 * The Runs panel's state, outliving the panel: the list, notices, the records being compared.
 * Talks to the main process through `RunsApi`, which the app binds to the lab client, e.g.
 *   new RunsState({ list: () => client.call('runs.list'), compare: (ids) => client.call('runs.compare', { ids }), … })
 */
import type { RunList, RunRecord, RunSummary } from '../../../electron/api/contracts/runs.ts';

export interface RunsApi {
  list(): Promise<RunList>;
  compare(ids: string[]): Promise<RunRecord[]>;
  rename(id: string, name: string): Promise<RunSummary>;
  remove(id: string): Promise<unknown>;
}

export class RunsState {
  runs = $state.raw<RunSummary[]>([]);
  notices = $state.raw<string[]>([]);
  /** while set, the panel shows the Compare view */
  compareRuns = $state.raw<RunRecord[] | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** notices the learner dismissed (the service repeats them until it restarts) */
  private dismissed: string[] = [];

  constructor(private readonly api: RunsApi) {}

  async refresh(): Promise<void> {
    await this.guard(async () => {
      const { runs, notices } = await this.api.list();
      this.runs = runs;
      this.notices = notices.filter((n) => !this.dismissed.includes(n));
    });
  }

  async rename(id: string, name: string): Promise<void> {
    await this.guard(async () => {
      const updated = await this.api.rename(id, name);
      this.runs = this.runs.map((r) => (r.id === id ? updated : r));
      if (this.compareRuns) this.compareRuns = this.compareRuns.map((r) => (r.id === id ? { ...r, name: updated.name } : r));
    });
  }

  async remove(id: string): Promise<void> {
    await this.guard(async () => {
      await this.api.remove(id);
      this.runs = this.runs.filter((r) => r.id !== id);
    });
  }

  async compare(ids: string[]): Promise<void> {
    await this.guard(async () => {
      this.compareRuns = await this.api.compare(ids);
    });
  }

  closeCompare(): void {
    this.compareRuns = null;
  }

  dismissNotices(): void {
    this.dismissed = [...this.dismissed, ...this.notices];
    this.notices = [];
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      await work();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }
}
