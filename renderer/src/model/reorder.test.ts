import { describe, expect, it } from 'vitest';
import { dropTarget, insertAt, keyboardMove, moveItem, removeAt } from './reorder.ts';

const list = ['a', 'b', 'c', 'd'];

describe('list edits', () => {
  it('moves, inserts and removes without touching the input', () => {
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(list, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(list, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(insertAt(list, 1, 'x')).toEqual(['a', 'x', 'b', 'c', 'd']);
    expect(insertAt(list, 10, 'x')).toEqual(['a', 'b', 'c', 'd', 'x']);
    expect(removeAt(list, 3)).toEqual(['a', 'b', 'c']);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
    expect(() => moveItem(list, 4, 0)).toThrow(/cannot move item 4 of a list of 4/);
    expect(() => removeAt(list, -1)).toThrow(RangeError);
  });

  it('drops where the pointer is: above or below the row it is over', () => {
    // drag 'a' (0) to below 'c' (2) → a lands after c
    expect(moveItem(list, 0, dropTarget(0, 2, false))).toEqual(['b', 'c', 'a', 'd']);
    // drag 'a' to above 'c' → between b and c
    expect(moveItem(list, 0, dropTarget(0, 2, true))).toEqual(['b', 'a', 'c', 'd']);
    // drag 'd' (3) above 'a' → first
    expect(moveItem(list, 3, dropTarget(3, 0, true))).toEqual(['d', 'a', 'b', 'c']);
    // drag 'd' below 'a' → second
    expect(moveItem(list, 3, dropTarget(3, 0, false))).toEqual(['a', 'd', 'b', 'c']);
    // dropping onto itself changes nothing
    expect(dropTarget(2, 2, true)).toBe(2);
    expect(dropTarget(2, 2, false)).toBe(2);
  });

  it('maps keys to moves, refusing at the ends', () => {
    expect(keyboardMove(0, 4, 'ArrowUp')).toBeNull();
    expect(keyboardMove(1, 4, 'ArrowUp')).toBe(0);
    expect(keyboardMove(3, 4, 'ArrowDown')).toBeNull();
    expect(keyboardMove(1, 4, 'End')).toBe(3);
    expect(keyboardMove(2, 4, 'Home')).toBe(0);
    expect(keyboardMove(2, 4, 'a')).toBeNull();
  });
});
