/**
 * The drawing and what the model makes of it. Strokes are kept as vectors; the 28×28 image is
 * re-rasterised from them (exact on undo, independent of the screen's pixel ratio) once per
 * animation frame while the pen moves, and at once when it lifts. Predictions run "latest wins"
 * through a LiveRunner with no fixed delay: sent as soon as the worker answered the previous one,
 * strokes coalesced while it is busy — never awaited inside pointer handlers.
 */
import { LiveRunner } from './live-runner.ts';
import { mnistImageOfStrokes } from './pipeline.ts';
import { isNewPoint, type Point, type Stroke } from './strokes.ts';

/** [count × 784] bytes in, [count × 10] probabilities out — computed in the training worker. */
export type Predict = (images: Uint8Array, count: number) => Promise<Float32Array>;

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
  /** Bumped by undo and clear: answers for the drawing before them are stale. */
  private drawingGeneration = 0;
  /** the animation frame that will re-rasterise the stroke being drawn */
  private frame: number | undefined;
  private readonly runner = new LiveRunner(() => this.refresh(), 0);

  get lastPoint(): Point | undefined {
    return this.active?.at(-1);
  }

  begin(point: Point): void {
    this.active = [point];
    this.penDown = true;
    this.scheduleImage();
  }

  /** Adds a point to the stroke being drawn; false when it was too close to the last to matter. */
  extend(point: Point): boolean {
    if (!this.active || !isNewPoint(this.active.at(-1), point)) return false;
    this.active.push(point);
    this.scheduleImage();
    return true;
  }

  end(): void {
    if (!this.active) return;
    this.strokes = [...this.strokes, this.active];
    this.active = undefined;
    this.penDown = false;
    // The image already shows every point unless a frame is still pending: no second request for it.
    if (this.frame !== undefined) this.updateImage();
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
    this.cancelFrame();
    this.runner.dispose();
  }

  private invalidate(): void {
    // Answers still in flight are for the drawing before the undo or clear: discarded.
    this.drawingGeneration++;
    this.probabilities = undefined;
    this.runner.cancel();
    this.updateImage();
  }

  /** Many pointer moves in one frame make one raster (the screen shows one frame anyway). */
  private scheduleImage(): void {
    if (typeof requestAnimationFrame === 'undefined') return this.updateImage();
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.updateImage();
    });
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private updateImage(): void {
    this.cancelFrame();
    const strokes = this.active ? [...this.strokes, this.active] : this.strokes;
    this.image = mnistImageOfStrokes(strokes);
    if (!this.image) this.probabilities = undefined;
    this.runner.flush();
  }

  private async refresh(): Promise<void> {
    const image = this.image;
    const predict = this.predictor;
    const generation = this.modelGeneration;
    const drawing = this.drawingGeneration;
    if (!image || !predict) return;
    try {
      // A copy: a worker bridge may transfer (detach) the buffer, and `image` stays on screen.
      const probabilities = await predict(image.slice(), 1);
      // An answer for an earlier frame of the same drawing is shown until the latest one's arrives;
      // one from before an undo, a clear or a model change is not.
      if (!this.image || this.drawingGeneration !== drawing || this.modelGeneration !== generation) return;
      this.probabilities = probabilities;
      this.predictError = undefined;
    } catch (error) {
      if (this.modelGeneration === generation) this.predictError = error instanceof Error ? error.message : String(error);
    }
  }
}
