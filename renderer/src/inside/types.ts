/** What the layer-by-layer view is given: the worker's answer for one image. */
import type { LayerOutputs } from '../../../workers/protocol.ts';

export type { LayerOutput, LayerOutputs } from '../../../workers/protocol.ts';

/** Asks the worker for every layer's output for one [784]-byte image (the buffer may be transferred). */
export type ExplainImage = (image: Uint8Array) => Promise<LayerOutputs>;
