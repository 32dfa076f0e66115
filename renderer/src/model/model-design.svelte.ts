/**
 * The learner's model design, kept across panel switches and restarts (localStorage
 * `mnist-lab.design`), with its live validation report.
 */
import { validateSpec } from '../../../workers/engine/spec/index.ts';
import type { LayerClass, PresetName, SpecReport } from '../../../workers/engine/spec/index.ts';
import { defaultLayerConfig, designFromPreset, designToSpecInput, newLayerId, parseStoredDesign, serializeDesign } from './design.ts';
import type { Design } from './design.ts';
import { insertAt, moveItem, removeAt } from './reorder.ts';

export const DESIGN_STORAGE_KEY = 'mnist-lab.design';

export class ModelDesign {
  design = $state<Design>(designFromPreset('chollet-ch2'));
  /** shown once when the saved design could not be restored */
  notice = $state<string | undefined>();
  /** a setting to point out (Experiments → "Try it yourself"): a spec path prefix such as 'fit.batch_size' or 'layers' */
  highlight = $state<{ setting: string; because: string } | undefined>();
  readonly report: SpecReport = $derived(validateSpec(designToSpecInput(this.design)));

  private readonly stopSaving: () => void;

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined) {
    const saved = safeGet(storage);
    if (saved !== null) {
      const restored = parseStoredDesign(saved);
      if ('design' in restored) this.design = restored.design;
      else this.notice = `Your saved design could not be restored (${restored.error}); the chollet-ch2 preset is loaded instead.`;
    }
    this.stopSaving = $effect.root(() => {
      $effect(() => {
        const json = serializeDesign(this.design);
        try {
          this.storage?.setItem(DESIGN_STORAGE_KEY, json);
        } catch {
          // storage full or disabled: the design still lives for this session
        }
      });
    });
  }

  /** Stops saving to storage (the app keeps one instance for its lifetime; tests and previews may not). */
  dispose(): void {
    this.stopSaving();
  }

  loadPreset(name: PresetName): void {
    this.design = designFromPreset(name, this.design.backend);
    this.notice = undefined;
    this.highlight = undefined;
  }

  addLayer(className: LayerClass, index: number): string {
    const id = newLayerId();
    this.design.layers = insertAt(this.design.layers, index, { id, class_name: className, config: defaultLayerConfig(className) });
    return id;
  }

  removeLayer(index: number): void {
    this.design.layers = removeAt(this.design.layers, index);
  }

  moveLayer(from: number, to: number): void {
    this.design.layers = moveItem(this.design.layers, from, to);
  }
}

function safeGet(storage: Pick<Storage, 'getItem'> | undefined): string | null {
  try {
    return storage?.getItem(DESIGN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
