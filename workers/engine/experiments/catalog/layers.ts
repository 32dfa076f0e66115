/** The default network of the experiments: chollet-ch2's Dense 512 relu → Dense 10 softmax. */
import { dense, output } from '../../spec/layer-builders.ts';
import type { LayerSpecInput } from '../../spec/schema.ts';

export const CHOLLET_LAYERS: LayerSpecInput[] = [dense(512), output()];
