/** Keras' layer naming, implemented once: class name → snake_case, and the per-class counters. */

/** keras.src.utils.naming.to_snake_case: Conv2D → conv2d, MaxPooling2D → max_pooling2d, LeakyReLU → leaky_re_lu. */
export function kerasSnakeCase(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Keras' automatic names, `dense`, `dense_1`, `conv2d`, …: one counter per class. A layer's own
 * name (when given) is used instead and does not advance the counter.
 */
export function kerasAutoNames(layers: readonly { className: string; name?: string | undefined }[]): string[] {
  const counts = new Map<string, number>();
  return layers.map(({ className, name }) => {
    if (name) return name;
    const base = kerasSnakeCase(className);
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    return seen === 0 ? base : `${base}_${seen}`;
  });
}
