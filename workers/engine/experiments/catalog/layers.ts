/** Layer lists the experiments share (the default network is chollet-ch2: Dense 512 relu → Dense 10 softmax). */
import type { Activation, LayerSpecInput } from '../../spec/schema.ts';

export const dense = (units: number, activation: Activation = 'relu'): LayerSpecInput => ({ class_name: 'Dense', config: { units, activation } });
export const output = (): LayerSpecInput => dense(10, 'softmax');
export const CHOLLET_LAYERS: LayerSpecInput[] = [dense(512), output()];
