/** The "My handwriting" set as the panel sees it: load, save, delete, and evaluate the model on it. */
import { evaluate, type HandwritingEvaluation } from './evaluate.ts';
import type { HandwritingApi, SavedDigit } from './handwriting-api.ts';
import { MNIST_PIXELS } from './preprocess.ts';
import type { Predict } from './draw-state.svelte.ts';

export class HandwritingStore {
  items = $state.raw<SavedDigit[]>([]);
  loaded = $state(false);
  busy = $state<'loading' | 'saving' | 'evaluating' | undefined>(undefined);
  error = $state<string | undefined>(undefined);
  /** The last evaluation; cleared when the set or the model changes. */
  evaluation = $state.raw<HandwritingEvaluation<SavedDigit> | undefined>(undefined);

  constructor(private readonly api: HandwritingApi) {}

  async load(): Promise<void> {
    await this.run('loading', async () => {
      this.items = await this.api.list();
      this.loaded = true;
    });
  }

  async save(label: number, pixels: Uint8Array): Promise<boolean> {
    return this.run('saving', async () => {
      const item = await this.api.save(label, pixels);
      this.items = [...this.items, item];
      this.evaluation = undefined;
    });
  }

  async remove(id: string): Promise<boolean> {
    return this.run(undefined, async () => {
      await this.api.remove(id);
      this.items = this.items.filter((item) => item.id !== id);
      this.evaluation = undefined;
    });
  }

  async evaluate(predict: Predict): Promise<boolean> {
    const items = this.items;
    if (items.length === 0) return false;
    return this.run('evaluating', async () => {
      const images = new Uint8Array(items.length * MNIST_PIXELS);
      items.forEach((item, i) => images.set(item.pixels, i * MNIST_PIXELS));
      const probabilities = await predict(images, items.length);
      this.evaluation = evaluate(items, probabilities);
    });
  }

  forgetEvaluation(): void {
    this.evaluation = undefined;
  }

  private async run(busy: HandwritingStore['busy'], work: () => Promise<void>): Promise<boolean> {
    if (busy) this.busy = busy;
    this.error = undefined;
    try {
      await work();
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      if (busy) this.busy = undefined;
    }
  }
}
