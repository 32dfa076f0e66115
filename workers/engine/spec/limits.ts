/**
 * Model-size limits, one table: what a laptop can train in the lab without swapping, and what a
 * checkpoint can carry (a run's weights travel as one binary of at most 256 MiB; 50 million float32
 * parameters are 200 MB). The spec validator checks them, so every host (editor, API, CLI, worker)
 * refuses the same specs with the same message.
 */

export const LIMITS = {
  /** all parameters of the model (trainable and not) */
  parameters: 50_000_000,
  /** Dense units of one layer (Chollet's largest MNIST layer has 512; VGG's 4 096) */
  units: 16_384,
  /** Conv2D filters of one layer (VGG's largest has 512) */
  filters: 1_024,
  /** float32 layer outputs of one training batch; backpropagation keeps them all, plus their gradients */
  activationBytesPerBatch: 1_000_000_000,
  /** examples per training step (MNIST's train set has 60 000) */
  batchSize: 4_096,
} as const;

/** 785000000 → "785 000 000" */
export function groupDigits(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** 1.6e9 → "1.6 GB", 2.5e7 → "25 MB" */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${Number((bytes / 1e9).toPrecision(3))} GB`;
  if (bytes >= 1e6) return `${Number((bytes / 1e6).toPrecision(3))} MB`;
  return `${Number((bytes / 1e3).toPrecision(3))} kB`;
}

export interface SizedLayer {
  /** "layer 1 (Dense)" */
  label: string;
  config: Record<string, unknown>;
  params: number;
  /** values one example produces at this layer's output; null when unknown */
  outputSize: number | null;
}

export interface LimitIssue {
  /** index of the layer blamed, or null for fit.batch_size */
  layer: number | null;
  path: string;
  message: string;
}

const WIDTHS = [
  ['units', LIMITS.units],
  ['filters', LIMITS.filters],
] as const;

/** Every limit the model breaks, each naming the limit and the layer. */
export function checkLimits(layers: readonly SizedLayer[], inputSize: number, batchSize: number | null): LimitIssue[] {
  const issues: LimitIssue[] = [];
  const total = layers.reduce((sum, l) => sum + l.params, 0);
  if (total > LIMITS.parameters) {
    const over = layers.map((l, index) => ({ ...l, index })).filter((l) => l.params > LIMITS.parameters);
    for (const l of over) {
      issues.push({ layer: l.index, path: `layers[${l.index}]`, message: `${l.label} would have ${groupDigits(l.params)} parameters; the lab's limit is ${groupDigits(LIMITS.parameters)}` });
    }
    if (over.length === 0) {
      const biggest = layers.reduce((best, l, index) => (l.params > layers[best]!.params ? index : best), 0);
      issues.push({
        layer: biggest,
        path: `layers[${biggest}]`,
        message: `the model would have ${groupDigits(total)} parameters, ${groupDigits(layers[biggest]!.params)} of them in ${layers[biggest]!.label}; the lab's limit is ${groupDigits(LIMITS.parameters)}`,
      });
    }
  }

  layers.forEach((layer, index) => {
    for (const [key, limit] of WIDTHS) {
      const value = layer.config[key];
      if (typeof value === 'number' && value > limit) {
        issues.push({ layer: index, path: `layers[${index}].config.${key}`, message: `${layer.label} has ${groupDigits(value)} ${key}; the lab's limit is ${groupDigits(limit)} per layer` });
      }
    }
  });

  if (batchSize !== null && batchSize > LIMITS.batchSize) {
    issues.push({ layer: null, path: 'fit.batch_size', message: `fit: batch_size ${groupDigits(batchSize)} is above the lab's limit of ${groupDigits(LIMITS.batchSize)}` });
  } else if (batchSize !== null && layers.every((l) => l.outputSize !== null)) {
    const bytes = (size: number) => size * batchSize * 4;
    const total = bytes(inputSize + layers.reduce((sum, l) => sum + l.outputSize!, 0));
    if (total > LIMITS.activationBytesPerBatch) {
      const biggest = layers.reduce((best, l, index) => (l.outputSize! > layers[best]!.outputSize! ? index : best), 0);
      issues.push({
        layer: biggest,
        path: `layers[${biggest}]`,
        message:
          `the layer outputs of one batch of ${groupDigits(batchSize)} would take ${formatBytes(total)}, ${formatBytes(bytes(layers[biggest]!.outputSize!))} of it in ${layers[biggest]!.label}; ` +
          `the lab's limit is ${formatBytes(LIMITS.activationBytesPerBatch)} (use a smaller batch_size or fewer filters)`,
      });
    }
  }
  return issues;
}
