/**
 * The drawing and what the model makes of it. Strokes are kept as vectors; the 28×28 image is
 * re-rasterised from them (exact on undo, independent of the screen's pixel ratio). Predictions run
 * live through a LiveRunner — never awaited inside pointer handlers.
 */
import { LiveRunner } from './live-runner.ts';
import { mnistImageOfStrokes } from './pipeline.ts';
import { isNewPoint, type Point, type Stroke } from './strokes.ts';

/** [count × 784] bytes in, [count × 10] probabilities out — computed in the training worker. */
export type Predict = (images: Uint8Array, count: number) => Promise<Float32Array>;

export const LIVE_DELAY_MS = 100;

export class DrawState {
  /** Finished strokes. */
  strokes = $state.raw<Stroke[]>([]);
  /** The 28×28 image the model sees, or undefined when nothing is drawn. */
  image = $state.raw<Uint8Array | undefined>(undefined);
  /** [10] probabilities for `image`, or undefined (no model, nothing drawn, not yet computed). */
  probabilities = $state.raw<Float32Array | undefined>(undefined);
  predictError = $state<string | undefined>(undefined);
  /** Whether a stroke is being drawn right now. */
  penDown = $state(false);

  /** The stroke being drawn: mutated in place on every pointer move, so not reactive. */
  private active: Point[] | undefined;
  private predictor: Predict | undefined;
  /** Bumped by every setPredictor, so answers from a previous model are recognised as stale. */
  private modelGeneration = 0;
  private readonly runner = new LiveRunner(() => this.refresh(), LIVE_DELAY_MS);

  get lastPoint(): Point | undefined {
    return this.active?.at(-1);
  }

  begin(point: Point): void {
    this.active = [point];
    this.penDown = true;
    this.runner.request();
  }

  /** Adds a point to the stroke being drawn; false when it was too close to the last to matter. */
  extend(point: Point): boolean {
    if (!this.active || !isNewPoint(this.active.at(-1), point)) return false;
    this.active.push(point);
    this.runner.request();
    return true;
  }

  end(): void {
    if (!this.active) return;
    this.strokes = [...this.strokes, this.active];
    this.active = undefined;
    this.penDown = false;
    this.runner.flush();
  }

  undo(): void {
    if (this.active || this.strokes.length === 0) return;
    this.strokes = this.strokes.slice(0, -1);
    this.invalidate();
  }

  clear(): void {
    this.active = undefined;
    this.penDown = false;
    this.strokes = [];
    this.invalidate();
  }

  /** A new model (or none): forget the old answer and ask the new one. */
  setPredictor(predict: Predict | undefined): void {
    this.predictor = predict;
    this.modelGeneration++;
    this.probabilities = undefined;
    this.predictError = undefined;
    this.runner.flush();
  }

  dispose(): void {
    this.runner.dispose();
  }

  private invalidate(): void {
    // Drop the shown image at once so an answer still in flight for it is discarded.
    this.image = undefined;
    this.probabilities = undefined;
    this.runner.cancel();
    this.runner.flush();
  }

  private async refresh(): Promise<void> {
    const strokes = this.active ? [...this.strokes, this.active] : this.strokes;
    const image = mnistImageOfStrokes(strokes);
    this.image = image;
    const predict = this.predictor;
    const generation = this.modelGeneration;
    if (!image) {
      this.probabilities = undefined;
      return;
    }
    if (!predict) return;
    try {
      // A copy: a worker bridge may transfer (detach) the buffer, and `image` stays on screen.
      const probabilities = await predict(image.slice(), 1);
      if (this.image !== image || this.modelGeneration !== generation) return; // stale: cleared or model changed
      this.probabilities = probabilities;
      this.predictError = undefined;
    } catch (error) {
      if (this.modelGeneration === generation) this.predictError = error instanceof Error ? error.message : String(error);
    }
  }
}
