/** Which layer types draw their kernel as first-layer weights is each definition's own say. */
import { describe, expect, it } from 'vitest';
import { LAYER_CLASSES, layerDefinition } from './index.ts';

describe('first-layer weights from the registry', () => {
  it('Dense draws a [784, units] kernel as one tile per unit, and nothing after a reshape of the input', () => {
    const values = new Float32Array(784 * 3).map((_, i) => i / 1000);
    expect(layerDefinition('Dense').firstLayerWeights?.({ shape: [784, 3], values })).toEqual({ kind: 'dense', units: 3, kernel: values });
    expect(layerDefinition('Dense').firstLayerWeights?.({ shape: [100, 3], values: new Float32Array(300) })).toBeNull();
  });

  it('Conv2D draws its [kh, kw, in, out] filters', () => {
    const values = new Float32Array(5 * 3 * 1 * 8).fill(0.25);
    expect(layerDefinition('Conv2D').firstLayerWeights?.({ shape: [5, 3, 1, 8], values })).toEqual({
      kind: 'conv',
      filters: 8,
      kernelSize: [5, 3],
      channels: 1,
      kernel: values,
    });
  });

  it('only Dense and Conv2D have a drawing today', () => {
    expect(LAYER_CLASSES.filter((c) => layerDefinition(c).firstLayerWeights)).toEqual(['Dense', 'Conv2D']);
  });
});
