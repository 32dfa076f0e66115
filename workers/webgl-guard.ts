/**
 * WebGL context loss during training (GPU reset, driver update, too many contexts): after it, the
 * webgl backend computes garbage or throws. The guard notices the loss so the session can stop
 * the run and report it instead of silently training on nonsense.
 */
import * as tf from '@tensorflow/tfjs';

/** The canvas behind TF.js's webgl backend (an OffscreenCanvas in a worker), when that backend is active. */
export function webglCanvas(): EventTarget | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: { canvas?: EventTarget } } };
  return backend.gpgpu?.gl?.canvas;
}

export class ContextLossGuard {
  lost = false;

  private readonly listener = (): void => {
    this.lost = true;
    this.onLost();
  };

  constructor(
    private readonly canvas: EventTarget,
    private readonly onLost: () => void,
  ) {
    canvas.addEventListener('webglcontextlost', this.listener);
  }

  dispose(): void {
    this.canvas.removeEventListener('webglcontextlost', this.listener);
  }
}

export function contextLossMessage(epoch: number | null, batch: number | null): string {
  const where = epoch === null ? '' : ` during epoch ${epoch}${batch === null ? '' : `, batch ${batch}`}`;
  return (
    `The GPU's WebGL context was lost${where}, so training stopped: results computed after that cannot be trusted. ` +
    'Train again, or choose the wasm backend, which does not depend on the GPU.'
  );
}
