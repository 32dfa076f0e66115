/** The run storage calls, served by the runs service. */
import type { z } from 'zod';
import type { RunsService } from '../../services/runs/index.ts';
import type { runCalls, RunsChanged } from '../contracts/runs.ts';

type RunCalls = typeof runCalls;
type Result<K extends keyof RunCalls> = NonNullable<RunCalls[K]['result']>;

/** Same shape as `Pick<Handlers, 'runs.…'>` once `...runCalls` is in the contract. */
export type RunsHandlers = {
  [K in keyof RunCalls]: (args: z.output<RunCalls[K]['args']>) => Promise<Result<K>> | Result<K>;
};

/** Where `runs.changed` goes: the core's EventHub once `RunEvents` is in EventStreams. */
export interface RunsEventSink {
  emit(stream: 'runs.changed', payload: RunsChanged): void;
}

export function createRunsHandlers(service: RunsService, events?: RunsEventSink): RunsHandlers {
  const changed = (id: string, change: RunsChanged['change']) => events?.emit('runs.changed', { id, change });
  return {
    'runs.list': () => service.list(),
    'runs.get': ({ id }) => service.get(id),
    'runs.compare': ({ ids }) => service.compare(ids),
    'runs.create': ({ spec, settings, name, preset, transform, experiment }) => {
      const summary = service.create({ spec, settings, name, preset, transform, experiment });
      changed(summary.id, 'created');
      return summary;
    },
    'runs.epoch': ({ id, epoch, batches }) => {
      const summary = service.recordEpoch(id, epoch, batches);
      changed(id, 'progress');
      return summary;
    },
    'runs.checkpoint': ({ id, epoch, bytes }) => service.checkpoint(id, epoch, bytes),
    'runs.finish': ({ id, ...input }) => {
      const summary = service.finish(id, input);
      changed(id, 'finished');
      return summary;
    },
    'runs.rename': ({ id, name }) => {
      const summary = service.rename(id, name);
      changed(id, 'renamed');
      return summary;
    },
    'runs.delete': ({ id }) => {
      const result = service.delete(id);
      changed(id, 'deleted');
      return result;
    },
    'runs.model': ({ id, epoch }) => service.loadModel(id, epoch),
  };
}
