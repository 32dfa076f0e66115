/**
 * Batch events carry running means over the epoch so far (as Keras' progress bar shows). The mean
 * over just the batches between two reports is what a curve of the training should plot.
 */
export function intervalMean(previous: { batch: number; mean: number } | null, batch: number, mean: number): number {
  if (!previous || previous.batch >= batch) return mean;
  return (batch * mean - previous.batch * previous.mean) / (batch - previous.batch);
}
