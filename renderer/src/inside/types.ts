/** What the inside views are given: the worker's answers for one image, and how to ask for them. */
import type { LayerOutputs, Saliency } from '../../../workers/protocol.ts';

export type { LayerOutput, LayerOutputs, Saliency } from '../../../workers/protocol.ts';

/** Asks the worker for every layer's output for one [784]-byte image (the buffer may be transferred). */
export type ExplainImage = (image: Uint8Array) => Promise<LayerOutputs>;

/** ∂p(class)/∂pixel for one [784]-byte image: the top class, or `classIndex` (0–9). */
export type SaliencyOf = (image: Uint8Array, classIndex?: number) => Promise<Saliency>;
