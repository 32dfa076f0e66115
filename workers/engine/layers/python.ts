/** Python literals for the generated Keras code. */

export const py = (v: unknown): string => {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'None';
  if (Array.isArray(v)) return v.length === 1 ? `(${py(v[0])},)` : `(${v.map(py).join(', ')})`;
  return String(v);
};

/** `key=value` for each entry whose value differs from Keras' default. */
export function kwargs(entries: [string, unknown, unknown][]): string[] {
  return entries.filter(([, value, fallback]) => JSON.stringify(value) !== JSON.stringify(fallback)).map(([k, v]) => `${k}=${py(v)}`);
}

/** A Keras size as Chollet writes it: `3` for a square, `(3, 5)` otherwise. */
export const pySize = (v: number | [number, number]) => (typeof v === 'number' || v[0] !== v[1] ? py(v) : py(v[0]));
