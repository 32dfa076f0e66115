/**
 * The worker's session on real MNIST (cpu backend): a run's events and per-epoch checkpoints, and a
 * WebGL context loss mid-run (announced on a stand-in for the GPU canvas, which Node lacks).
 */
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../test-support/mnist-files.ts';
import { presetSpec } from './engine/spec/presets.ts';
import type { TrainingEvent } from './engine/train/events.ts';
import { TrainingSession } from './session.ts';

const train = loadMnist('train', 1024);
const test = loadMnist('test', 256);

function spec(epochs: number) {
  const s = presetSpec('chollet-ch2');
  return { ...s, fit: { ...s.fit, epochs, subset: 1024 } };
}

function recordingSession(lossTarget?: EventTarget, onEvent?: (event: TrainingEvent) => void, failFinalCheckpoint = false) {
  const log = { events: [] as TrainingEvent[], checkpoints: [] as { epoch: number; final: boolean; afterEvents: number }[] };
  let resolveEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
  const session = new TrainingSession(
    'unused-in-node',
    (event) => {
      log.events.push(event);
      onEvent?.(event);
      if (event.type === 'done' || event.type === 'error') resolveEnded();
    },
    (epoch, final) => {
      if (final && failFinalCheckpoint) throw new DOMException('The weights could not be cloned', 'DataCloneError');
      log.checkpoints.push({ epoch, final, afterEvents: log.events.length });
    },
    () => lossTarget,
  );
  session.setDataset('mnist', train, test);
  return { log, session, ended };
}

describe('training session', () => {
  it('reports every epoch with a checkpoint, and the final weights before done', async () => {
    const { log, session, ended } = recordingSession();
    await session.train(spec(2), 'cpu');
    await ended;
    const types = log.events.map((e) => e.type);
    expect(types[0]).toBe('start');
    expect(types.at(-1)).toBe('done');
    expect(log.checkpoints.map((c) => [c.epoch, c.final])).toEqual([
      [1, false],
      [2, false],
      [2, true],
    ]);
    // The final checkpoint is delivered before the done event.
    expect(log.checkpoints.at(-1)!.afterEvents).toBe(log.events.length - 1);
  });

  it('still reports done when the final checkpoint cannot be handed over', async () => {
    const { log, session, ended } = recordingSession(undefined, undefined, true);
    const small = spec(1);
    await session.train({ ...small, fit: { ...small.fit, subset: 256 } }, 'cpu');
    await ended;
    expect(log.events.at(-1)).toMatchObject({ type: 'done', status: 'finished', epochsCompleted: 1 });
    expect(log.checkpoints.map((c) => [c.epoch, c.final])).toEqual([[1, false]]);
  });

  it('stops and reports an error when the WebGL context is lost, keeping nothing computed after it', async () => {
    const gpuCanvas = new EventTarget();
    let eventsAtLoss = -1;
    const { log, session, ended } = recordingSession(gpuCanvas, (event) => {
      if (event.type === 'batch' && eventsAtLoss < 0) {
        eventsAtLoss = log.events.length;
        gpuCanvas.dispatchEvent(new Event('webglcontextlost'));
      }
    });
    await session.train(spec(3), 'cpu');
    await ended;
    const last = log.events.at(-1)!;
    expect(last.type).toBe('error');
    expect(last.type === 'error' && last.message).toMatch(/WebGL context was lost during epoch 1, batch \d+/);
    expect(log.events.slice(eventsAtLoss, -1)).toEqual([]);
    expect(log.events.some((e) => e.type === 'done')).toBe(false);
    expect(log.checkpoints).toEqual([]);
    await expect(session.predict(test.images.slice(0, 784))).rejects.toThrow(/No trained model/);
  });
});

describe('first-layer weights', () => {
  it('are the trained Dense kernel, one 784-weight tile per unit, as the registry says', async () => {
    const { session, ended } = recordingSession();
    await session.train(spec(1), 'cpu');
    await ended;
    const weights = await session.firstLayer();
    expect(weights?.kind).toBe('dense');
    if (weights?.kind !== 'dense') return;
    expect(weights.units).toBe(512);
    expect(weights.kernel).toHaveLength(784 * 512);
    // the model's own kernel, not a zero-filled placeholder
    expect(weights.kernel.some((w) => w !== 0)).toBe(true);
  });
});

describe('continuing a model', () => {
  it('starts from the current weights (lower first loss than a fresh start) and refuses another architecture', async () => {
    const firstLoss = (events: TrainingEvent[]) => events.find((e) => e.type === 'batch' && e.epoch === 1)!;
    const fresh = recordingSession();
    await fresh.session.train(spec(1), 'cpu');
    await fresh.ended;
    const freshStart = firstLoss(fresh.log.events);

    const again = recordingSession();
    await again.session.train(spec(1), 'cpu');
    await again.ended;
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    again.log.events.length = 0;
    // Same session, continue: its events land in the session's log again.
    await again.session.train(spec(1), 'cpu', true);
    const timer = setInterval(() => {
      if (again.log.events.some((e) => e.type === 'done')) {
        clearInterval(timer);
        resolveDone();
      }
    }, 5);
    await done;
    const continuedStart = firstLoss(again.log.events);
    expect(continuedStart.type === 'batch' && freshStart.type === 'batch' && continuedStart.loss < freshStart.loss / 2).toBe(true);

    const other = { ...spec(1), layers: [{ class_name: 'Dense' as const, config: { units: 32, activation: 'relu' as const, use_bias: true } }, ...spec(1).layers.slice(1)] };
    await expect(again.session.train(other, 'cpu', true)).rejects.toThrow(/differs from the current model/);
  });
});
