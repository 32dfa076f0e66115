/**
 * The training worker lives in the renderer: a reload or a crashed renderer takes it along, so the
 * run it was recording is marked interrupted. Only a new document counts; a sub-frame navigation or a
 * same-document one (hash change, history.replaceState) leaves the worker running.
 */
import type { WebContents } from 'electron';
import type { RunsService } from '../services/runs/index.ts';

export function interruptRunsWhenRendererResets(contents: WebContents, runs: Pick<RunsService, 'interruptActive'>): void {
  contents.on('render-process-gone', () => runs.interruptActive());
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) runs.interruptActive();
  });
}
