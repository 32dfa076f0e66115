/** Number and shape formatting the way Keras' model.summary() prints them. */

/** 407050 → "407,050" (Keras' grouping; the UI uses a thin space for readability). */
export function formatCount(n: number, separator = '\u202f'): string {
  if (!Number.isFinite(n)) return '—';
  const sign = n < 0 ? '-' : '';
  const digits = Math.round(Math.abs(n)).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Output shape with Keras' batch axis: [512] → "(None, 512)". */
export function formatShape(shape: readonly number[] | null): string {
  if (!shape) return '—';
  return `(None, ${shape.join(', ')})`;
}

/** Bytes of float32 weights, as Keras prints next to the totals: 407050 → "1.55 MB". */
export function formatWeightBytes(params: number): string {
  const bytes = params * 4;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(2)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}

/** "28, 28, 1" → [28, 28, 1]; anything that is not a list of whole numbers is returned as typed so the schema names it. */
export function parseShapeText(text: string): number[] | string {
  const parts = text.split(/[,×x\s]+/).filter((p) => p.length > 0);
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p))) return text;
  return parts.map(Number);
}

/** [28, 28, 1] → "28, 28, 1"; a string the learner typed stays as it is. */
export function shapeText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'string' ? value : '';
}
