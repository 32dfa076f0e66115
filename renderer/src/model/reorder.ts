/** List edits for the layer editor: pure, returning new arrays. */

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) throw new RangeError(`cannot move item ${from} of a list of ${list.length}`);
  const target = Math.max(0, Math.min(list.length - 1, to));
  const next = list.slice();
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item!);
  return next;
}

export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  const at = Math.max(0, Math.min(list.length, index));
  return [...list.slice(0, at), item, ...list.slice(at)];
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  if (index < 0 || index >= list.length) throw new RangeError(`cannot remove item ${index} of a list of ${list.length}`);
  return [...list.slice(0, index), ...list.slice(index + 1)];
}

/**
 * Where an item dragged from `from` lands when dropped on row `over`, in its upper half
 * (`before`) or lower half: the index to pass to moveItem.
 */
export function dropTarget(from: number, over: number, before: boolean): number {
  const gap = before ? over : over + 1; // insertion gap in the original list
  return gap > from ? gap - 1 : gap;
}

/** The move an Alt+Arrow key asks for, or null when the item is already at that end. */
export function keyboardMove(index: number, length: number, key: string): number | null {
  if (key === 'ArrowUp') return index > 0 ? index - 1 : null;
  if (key === 'ArrowDown') return index < length - 1 ? index + 1 : null;
  if (key === 'Home') return index > 0 ? 0 : null;
  if (key === 'End') return index < length - 1 ? length - 1 : null;
  return null;
}
