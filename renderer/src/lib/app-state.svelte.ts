/** App-wide state: the lab connection, the worker's backend line, the current panel. */
import type { AppInfo } from '../../../electron/api/contract.ts';
import type { BackendReport } from '../../../workers/protocol.ts';
import { connectLab } from './connect.ts';
import type { LabClient } from './lab-client.ts';
import { isPanelId, type PanelId } from './panels.ts';
import { TrainingWorker } from './training-worker.ts';

const LAST_PANEL_KEY = 'mnist-lab.panel';

export class AppState {
  panel = $state<PanelId>('data');
  info = $state<AppInfo | undefined>();
  backend = $state<BackendReport | undefined>();
  backendError = $state<string | undefined>();
  connectionError = $state<string | undefined>();

  lab: LabClient | undefined;
  worker: TrainingWorker | undefined;

  constructor(storage: Storage | undefined) {
    const saved = storage?.getItem(LAST_PANEL_KEY);
    if (isPanelId(saved)) this.panel = saved;
    $effect.root(() => {
      $effect(() => storage?.setItem(LAST_PANEL_KEY, this.panel));
    });
  }

  async start(): Promise<void> {
    this.startWorker();
    try {
      this.lab = connectLab();
      this.info = await this.lab.call('app.info');
    } catch (error) {
      this.connectionError = error instanceof Error ? error.message : String(error);
    }
  }

  private startWorker(): void {
    try {
      this.worker = new TrainingWorker();
      this.worker.request('hello', {}).then(
        (report) => (this.backend = report),
        (error: Error) => (this.backendError = error.message),
      );
    } catch (error) {
      this.backendError = error instanceof Error ? error.message : String(error);
    }
  }
}
