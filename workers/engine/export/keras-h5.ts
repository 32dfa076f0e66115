/**
 * model.weights.h5 in Keras 3's layout (saving_lib._save_state + H5Entry):
 *   /vars                           the Sequential model's own variables (none, empty group)
 *   /layers/<snake_name>/vars/<i>   variable i of each layer, in Keras order, float32
 * Layers without variables (Flatten, Dropout, pooling, Reshape) still get an empty `vars` group,
 * exactly as Keras writes them. <snake_name> comes from the class name with a per-class counter
 * (dense, dense_1, conv2d …), never from the user-visible layer name.
 *
 * HDF5 is written by h5wasm (the HDF5 C library compiled to wasm; its ESM build embeds the wasm
 * binary, so it initialises the same way in Node and in a module worker with no fetch or file
 * access) into its in-memory Emscripten file system, then read back as bytes.
 */
import type * as H5wasmModule from 'h5wasm';
import type { TrainedModel } from './trained-model.ts';

type H5wasm = typeof H5wasmModule;

let h5wasmReady: Promise<H5wasm> | undefined;

/** Loaded lazily: the module is ~4 MB and only the Keras export needs it. */
function loadH5wasm(): Promise<H5wasm> {
  h5wasmReady ??= import('h5wasm').then(async (h5wasm) => {
    await h5wasm.ready;
    return h5wasm;
  });
  return h5wasmReady;
}

let fileCounter = 0;

/** The list of (group path, datasets) that Keras 3 would write for this model. */
export function kerasWeightGroups(spec: TrainedModel): { group: string; datasets: { name: string; shape: number[]; values: Float32Array }[] }[] {
  return [
    { group: 'vars', datasets: [] },
    ...spec.layers.map((layer) => ({
      group: `layers/${layer.name}/vars`,
      datasets: layer.weights.map((w, i) => ({ name: String(i), shape: w.shape, values: w.values })),
    })),
  ];
}

export async function encodeKerasWeightsH5(spec: TrainedModel): Promise<Uint8Array> {
  const h5wasm = await loadH5wasm();
  const FS = h5wasm.FS;
  if (!FS) throw new Error('h5wasm file system did not initialise');
  const path = `/mnist-lab-export-${++fileCounter}.weights.h5`;
  const file = new h5wasm.File(path, 'w');
  try {
    for (const { group, datasets } of kerasWeightGroups(spec)) {
      let parent: InstanceType<H5wasm['Group']> = file;
      // h5wasm creates one level at a time.
      for (const part of group.split('/')) {
        parent = parent.keys().includes(part) ? (parent.get(part) as InstanceType<H5wasm['Group']>) : parent.create_group(part);
      }
      for (const d of datasets) parent.create_dataset({ name: d.name, data: d.values, shape: d.shape });
    }
  } finally {
    file.close();
  }
  try {
    return FS.readFile(path) as Uint8Array;
  } finally {
    FS.unlink(path);
  }
}
