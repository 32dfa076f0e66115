/**
 * createTraining: a lean custom loop (optimizer.minimize on our own loss) driven by a controller
 * object the worker holds. It yields to the event loop before every batch, so pause/resume/stop
 * (and predict requests) are handled between batches; stop keeps the weights of the last
 * completed batch, pause keeps the optimizer state.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../spec/schema.ts';
import { buildModel, inputShapeOf, reseedDropout, SEED_STREAM } from '../model.ts';
import { checkImageSet, headOf, imageBatch, labelBatch, lookupTable, pixelTransform, sliceOf } from '../data.ts';
import type { SplitBytes, PixelTransform } from '../data.ts';
import { evaluate } from '../metrics.ts';
import { createRandom, deriveSeed, shuffledIndices } from '../random.ts';
import { computeLoss, countCorrect } from './losses.ts';
import { fuseBiasRelu } from './fused-relu.ts';
import { createOptimizer, setLearningRate } from './optimizers.ts';
import { createYielder } from './yield.ts';
import type { DoneEvent, ErrorEvent, TrainingEvent } from './events.ts';

export interface TrainingOptions {
  /** a validated spec (validateSpec(...).spec or parseSpec) */
  spec: ModelSpec;
  /** the train split; fit.subset takes its first N examples, the validation split comes from their end */
  train: SplitBytes;
  /** evaluated once at the end, for the done event */
  test?: SplitBytes | null;
  /** continue training this model; by default a fresh one is built from the spec. The caller owns it. */
  model?: tf.LayersModel;
  onEvent: (event: TrainingEvent) => void;
  /** minimum time between batch events, default 100 ms (≤ 10 events/s) */
  batchEventIntervalMs?: number;
}

export type TrainingState = 'running' | 'paused' | 'stopping' | 'finished' | 'stopped' | 'failed';

export interface TrainingRun {
  readonly model: tf.LayersModel;
  readonly transform: PixelTransform;
  readonly state: TrainingState;
  /** takes effect before the next batch */
  pause(): void;
  resume(): void;
  /** takes effect before the next batch; the run then evaluates the test set and ends with status 'stopped' */
  stop(): void;
  /** resolves (never rejects) with the last event: done or error */
  readonly done: Promise<DoneEvent | ErrorEvent>;
}

interface Split {
  train: SplitBytes;
  validation: SplitBytes | null;
}

/** Keras' validation_split: the last fraction of the (subset of the) train arrays, before shuffling. */
export function splitTrainSet(all: SplitBytes, subset: number | null, validationSplit: number): Split {
  const available = all.labels.length;
  const used = headOf(all, Math.min(subset ?? available, available));
  const n = used.labels.length;
  if (validationSplit === 0) return { train: used, validation: null };
  const splitAt = Math.floor(n * (1 - validationSplit));
  if (splitAt < 1 || splitAt === n) {
    throw new Error(`validation_split ${validationSplit} of ${n} examples leaves ${splitAt < 1 ? 'no training' : 'no validation'} examples; use more examples`);
  }
  return { train: sliceOf(used, 0, splitAt), validation: sliceOf(used, splitAt, n) };
}

const short = (x: number) => Number(x.toPrecision(2));

function divergenceMessage(spec: ModelSpec, loss: number, epoch: number, batch: number): string {
  const lr = spec.compile.optimizer.learning_rate;
  const raw = spec.preprocessing === 'raw';
  return (
    `Training stopped at epoch ${epoch}, batch ${batch}: the loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'}. ` +
    `The learning rate ${lr} is probably too high${raw ? ' for raw pixel values (0–255)' : ''}: ` +
    `try a lower one, e.g. ${short(lr / 10)}${raw ? ", or preprocessing 'scale'" : ''}.`
  );
}

export function createTraining(options: TrainingOptions): TrainingRun {
  const { spec, onEvent } = options;
  checkImageSet(options.train, 'train set');
  if (options.test) checkImageSet(options.test, 'test set');
  const split = splitTrainSet(options.train, spec.fit.subset, spec.fit.validation_split);
  const transform = pixelTransform(spec.preprocessing, split.train);
  const model = options.model ?? buildModel(spec);
  // Dense/Conv2D(relu) as one tape node each (fused-relu.ts): two passes fewer per layer and step
  fuseBiasRelu(model);
  const interval = options.batchEventIntervalMs ?? 100;

  let state: TrainingState = 'running';
  let pauseRequested = false;
  let stopRequested = false;
  let release: (() => void) | null = null;

  const done = (async (): Promise<DoneEvent | ErrorEvent> => {
    const yielder = createYielder();
    const optimizer = createOptimizer(spec.compile.optimizer);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const hasDropout = model.layers.some((l) => l.getClassName() === 'Dropout');
    const lut = lookupTable(transform);
    const shape = inputShapeOf(model);
    const random = createRandom(deriveSeed(spec.fit.seed, SEED_STREAM.shuffle));
    const { epochs, batch_size: batchSize } = spec.fit;
    const trainCount = split.train.labels.length;
    const batchesPerEpoch = Math.ceil(trainCount / batchSize);
    const runStart = performance.now();
    let pausedMs = 0;
    let epochsCompleted = 0;
    let epoch = 0;
    let batch = 0;
    let step = 0;

    const waitWhilePaused = async () => {
      if (!pauseRequested || stopRequested) return;
      // the gate exists before the event, so a handler may resume or stop synchronously
      const gate = new Promise<void>((resolve) => (release = resolve));
      state = 'paused';
      onEvent({ type: 'paused', epoch, batch: batch - 1 });
      const pausedAt = performance.now();
      if (pauseRequested && !stopRequested) await gate;
      release = null;
      pausedMs += performance.now() - pausedAt;
      if (!stopRequested) {
        state = 'running';
        onEvent({ type: 'resumed' });
      }
    };

    try {
      onEvent({
        type: 'start',
        epochs,
        batchesPerEpoch,
        trainCount,
        validationCount: split.validation?.labels.length ?? 0,
      });
      training: for (epoch = 1; epoch <= epochs; epoch++) {
        const order = spec.fit.shuffle ? shuffledIndices(trainCount, random) : null;
        const epochStart = performance.now();
        const pausedBefore = pausedMs;
        let lossSum = 0;
        let correctSum = 0;
        let seen = 0;
        let lastEmit = epochStart;
        let seenAtLastEmit = 0;
        let lossAtLastEmit = 0;
        let correctAtLastEmit = 0;
        for (batch = 1; batch <= batchesPerEpoch; batch++) {
          await yielder.next();
          await waitWhilePaused();
          if (stopRequested) break training;

          const start = (batch - 1) * batchSize;
          const end = Math.min(start + batchSize, trainCount);
          if (hasDropout) reseedDropout(model, deriveSeed(spec.fit.seed, SEED_STREAM.dropout, step));
          step++;
          if (spec.fit.lr_growth !== undefined) setLearningRate(optimizer, spec.compile.optimizer.learning_rate * spec.fit.lr_growth ** (step - 1));
          const xs = imageBatch(split.train.images, lut, order, start, end, shape); // [n, ...shape]
          const ys = labelBatch(split.train.labels, order, start, end); // [n]
          let correct: tf.Scalar | null = null;
          const loss = optimizer.minimize(
            () => {
              const probs = model.apply(xs, { training: true }) as tf.Tensor; // [n, 10]
              correct = tf.keep(countCorrect(ys, probs));
              return computeLoss(spec.compile.loss, ys, probs);
            },
            true,
            variables,
          );
          tf.dispose([xs, ys]);
          const [lossValue, correctValue] = await Promise.all([loss!.data(), (correct as tf.Scalar | null)!.data()]);
          tf.dispose([loss!, correct!]);
          const l = lossValue[0]!;
          if (!Number.isFinite(l)) {
            throw Object.assign(new Error(divergenceMessage(spec, l, epoch, batch)), { at: { epoch, batch } });
          }
          const n = end - start;
          lossSum += l * n;
          correctSum += correctValue[0]!;
          seen += n;

          const now = performance.now();
          if (now - lastEmit >= interval) {
            onEvent({
              type: 'batch',
              epoch,
              batch,
              batchesPerEpoch,
              loss: (lossSum - lossAtLastEmit) / (seen - seenAtLastEmit),
              accuracy: (correctSum - correctAtLastEmit) / (seen - seenAtLastEmit),
              epochLoss: lossSum / seen,
              epochAccuracy: correctSum / seen,
              samplesPerSecond: ((seen - seenAtLastEmit) * 1000) / Math.max(now - lastEmit, 1e-3),
            });
            lastEmit = now;
            seenAtLastEmit = seen;
            lossAtLastEmit = lossSum;
            correctAtLastEmit = correctSum;
          }
        }
        const val = split.validation ? await evaluate(model, split.validation, transform, spec.compile.loss) : null;
        onEvent({
          type: 'epoch',
          epoch,
          epochs,
          loss: lossSum / seen,
          accuracy: correctSum / seen,
          val_loss: val?.loss ?? null,
          val_accuracy: val?.accuracy ?? null,
          seconds: (performance.now() - epochStart - (pausedMs - pausedBefore)) / 1000,
        });
        epochsCompleted = epoch;
      }
      const status = stopRequested ? 'stopped' : 'finished';
      const test = options.test ? await evaluate(model, options.test, transform, spec.compile.loss) : null;
      const event: DoneEvent = {
        type: 'done',
        status,
        epochsCompleted,
        test,
        transform,
        seconds: (performance.now() - runStart - pausedMs) / 1000,
      };
      state = status;
      onEvent(event);
      return event;
    } catch (error) {
      const during = epoch >= 1 && epoch <= spec.fit.epochs && epochsCompleted < epoch;
      const at = (error as { at?: { epoch: number; batch: number } }).at ?? (during ? { epoch, batch } : undefined);
      const event: ErrorEvent = {
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        epoch: at?.epoch ?? null,
        batch: at?.batch ?? null,
      };
      state = 'failed';
      onEvent(event);
      return event;
    } finally {
      optimizer.dispose();
      yielder.close();
    }
  })();

  return {
    model,
    transform,
    get state() {
      return state;
    },
    pause() {
      if (state === 'running') pauseRequested = true;
    },
    resume() {
      pauseRequested = false;
      release?.();
    },
    stop() {
      if (state === 'running' || state === 'paused') {
        stopRequested = true;
        state = 'stopping';
        release?.();
      }
    },
    done,
  };
}
