/**
 * What the learner is looking at in the Data panel: split, label filter, selected image, whether it
 * is enlarged. Lives outside the component so it survives switching panels (pass it as `browser`).
 */
import type { DatasetSplit } from '../../../electron/api/contracts/datasets.ts';
import type { LabelFilter } from './types.ts';

export class DataBrowser {
  split = $state<DatasetSplit>('train');
  label = $state<LabelFilter>('all');
  /** selected position in the filtered list (not the split index) */
  position = $state(0);
  /** the enlarged view is open */
  inspecting = $state(false);

  setSplit(split: DatasetSplit): void {
    if (split === this.split) return;
    this.split = split;
    this.position = 0;
    this.inspecting = false;
  }

  setLabel(label: LabelFilter): void {
    if (label === this.label) return;
    this.label = label;
    this.position = 0;
    this.inspecting = false;
  }

  select(position: number): void {
    this.position = Math.max(0, position);
  }

  open(position: number): void {
    this.select(position);
    this.inspecting = true;
  }

  close(): void {
    this.inspecting = false;
  }
}
