/** App-wide state: the lab connection, the engine (worker), datasets, training, the current panel. */
import type { AppInfo } from '../../../electron/api/contract.ts';
import type { BackendInfo } from '../../../workers/protocol.ts';
import { connectLab } from './connect.ts';
import { DatasetsState } from './datasets.svelte.ts';
import type { LabClient } from './lab-client.ts';
import { isPanelId, type PanelId } from './panels.ts';
import { TrainingState } from './training.svelte.ts';
import { TrainingWorker } from './training-worker.ts';

const LAST_PANEL_KEY = 'mnist-lab.panel';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Notice = { level: 'info' | 'warning' | 'error'; message: string };

/** Read its fields; change them through its methods (children never write into them). */
export class AppState {
  #panel = $state<PanelId>('data');
  info = $state<AppInfo | undefined>();
  backend = $state<BackendInfo | undefined>();
  backendError = $state<string | undefined>();
  connectionError = $state<string | undefined>();
  #notices = $state.raw<Notice[]>([]);

  readonly lab: LabClient | undefined;
  readonly worker: TrainingWorker;
  readonly datasets: DatasetsState | undefined;
  readonly training: TrainingState;

  constructor(storage: Storage | undefined) {
    const saved = storage?.getItem(LAST_PANEL_KEY);
    if (isPanelId(saved)) this.#panel = saved;
    $effect.root(() => {
      $effect(() => storage?.setItem(LAST_PANEL_KEY, this.#panel));
    });
    this.worker = new TrainingWorker();
    this.training = new TrainingState(this.worker);
    try {
      this.lab = connectLab();
      this.datasets = new DatasetsState(this.lab, this.worker);
      this.lab.on('app.notice', (notice) => (this.#notices = [...this.#notices, notice]));
    } catch (error) {
      this.connectionError = messageOf(error);
    }
  }

  get panel(): PanelId {
    return this.#panel;
  }

  show(panel: PanelId): void {
    this.#panel = panel;
  }

  /** messages the main process sent (app.notice), newest last, until dismissed */
  get notices(): readonly Notice[] {
    return this.#notices;
  }

  dismissNotice(index: number): void {
    this.#notices = this.#notices.filter((_, i) => i !== index);
  }

  async start(): Promise<void> {
    this.worker.request('hello', {}).then(
      (report) => (this.backend = report),
      (error: unknown) => (this.backendError = messageOf(error)),
    );
    if (!this.lab) return;
    try {
      this.info = await this.lab.call('app.info');
      await this.datasets?.refresh();
    } catch (error) {
      this.connectionError = messageOf(error);
    }
  }
}
