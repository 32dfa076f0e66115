import { describe, expect, it } from 'vitest';
import { cellAtPoint, cellOrigin, gridLayout, moveSelection, rowsPerPage, scrollToReveal, visibleRows } from './grid-geometry.ts';

const metrics = { cell: 56, caption: 16, gap: 8, padding: 12 };
// column pitch 64, row pitch 80

describe('gridLayout', () => {
  it('fits as many columns as the width allows and enough rows for 60 000 images', () => {
    const layout = gridLayout(800, 60000, metrics);
    // (800 - 24 + 8) / 64 = 12.25 → 12 columns
    expect(layout.columns).toBe(12);
    expect(layout.rows).toBe(5000);
    expect(layout.contentHeight).toBe(24 + 5000 * 80 - 8);
    // 784 usable px, 12 × 64 = 768 used: the 16 left over are split either side
    expect(layout.left).toBe(12 + 8);
  });

  it('keeps one column in a too-narrow box and no rows for an empty list', () => {
    expect(gridLayout(10, 5, metrics).columns).toBe(1);
    const empty = gridLayout(800, 0, metrics);
    expect(empty.rows).toBe(0);
    expect(empty.contentHeight).toBe(0);
    expect(visibleRows(empty, 0, 600)).toEqual({ first: 0, end: 0 });
    expect(() => gridLayout(800, -1, metrics)).toThrow(/total/);
  });
});

describe('visibleRows', () => {
  const layout = gridLayout(800, 60000, metrics);

  it('gives the rows intersecting the viewport at the top, the middle and the end', () => {
    expect(visibleRows(layout, 0, 600)).toEqual({ first: 0, end: 8 });
    // scrollTop 100 000: content y 99 988 → row 1249 (partly) … (99 988 + 600) / 80 → 1258
    expect(visibleRows(layout, 100000, 600)).toEqual({ first: 1249, end: 1258 });
    expect(visibleRows(layout, layout.contentHeight - 600, 600).end).toBe(5000);
  });

  it('adds overscan rows without going past either end', () => {
    expect(visibleRows(layout, 0, 600, 2)).toEqual({ first: 0, end: 10 });
    expect(visibleRows(layout, 100000, 600, 2)).toEqual({ first: 1247, end: 1260 });
    expect(visibleRows(layout, layout.contentHeight, 600, 3).end).toBe(5000);
  });

  it('never draws more than a viewport of rows, whatever the list length', () => {
    const range = visibleRows(layout, 123456, 860, 1);
    expect(range.end - range.first).toBeLessThanOrEqual(Math.ceil(860 / 80) + 3);
  });
});

describe('cells and points', () => {
  const layout = gridLayout(800, 30, metrics);

  it('maps a point inside a cell back to its position, and gaps/outside to nothing', () => {
    const origin = cellOrigin(layout, 15); // row 1, column 3
    expect(origin).toEqual({ x: 20 + 3 * 64, y: 12 + 80 });
    expect(cellAtPoint(layout, origin.x + 1, origin.y + 1)).toBe(15);
    expect(cellAtPoint(layout, origin.x + 55, origin.y + 71)).toBe(15);
    expect(cellAtPoint(layout, origin.x + 60, origin.y + 10)).toBeUndefined();
    expect(cellAtPoint(layout, 15, 15)).toBeUndefined(); // in the left margin
    expect(cellAtPoint(layout, 21, 13)).toBe(0);
    // row 2 has positions 24–29 only
    expect(cellAtPoint(layout, cellOrigin(layout, 29).x + 70, cellOrigin(layout, 29).y + 5)).toBeUndefined();
  });
});

describe('moveSelection', () => {
  const layout = gridLayout(800, 30, metrics); // 12 columns, last row 24–29

  it('moves by one with left/right and by a row with up/down, staying inside the list', () => {
    expect(moveSelection(layout, 5, { key: 'ArrowRight' }, 3)).toBe(6);
    expect(moveSelection(layout, 0, { key: 'ArrowLeft' }, 3)).toBe(0);
    expect(moveSelection(layout, 5, { key: 'ArrowDown' }, 3)).toBe(17);
    expect(moveSelection(layout, 20, { key: 'ArrowDown' }, 3)).toBe(20); // 32 does not exist
    expect(moveSelection(layout, 5, { key: 'ArrowUp' }, 3)).toBe(5);
    expect(moveSelection(layout, 29, { key: 'ArrowRight' }, 3)).toBe(29);
  });

  it('Home/End go to the row ends, with Ctrl to the list ends; pages move whole rows', () => {
    expect(moveSelection(layout, 15, { key: 'Home' }, 3)).toBe(12);
    expect(moveSelection(layout, 15, { key: 'End' }, 3)).toBe(23);
    expect(moveSelection(layout, 25, { key: 'End' }, 3)).toBe(29);
    expect(moveSelection(layout, 15, { key: 'Home', toEdge: true }, 3)).toBe(0);
    expect(moveSelection(layout, 15, { key: 'End', toEdge: true }, 3)).toBe(29);
    expect(moveSelection(layout, 1, { key: 'PageDown' }, 2)).toBe(25);
    expect(moveSelection(layout, 1, { key: 'PageDown' }, 3)).toBe(29);
    expect(moveSelection(layout, 25, { key: 'PageUp' }, 1)).toBe(13);
    expect(moveSelection(layout, 3, { key: 'a' }, 3)).toBeUndefined();
  });
});

describe('scrollToReveal', () => {
  const layout = gridLayout(800, 60000, metrics);

  it('scrolls the least needed to show a cell, and not at all when it is visible', () => {
    expect(scrollToReveal(layout, 30, 0, 600)).toBe(0); // row 2, visible
    const row100 = cellOrigin(layout, 100 * 12).y;
    expect(scrollToReveal(layout, 100 * 12, 0, 600)).toBe(row100 + 56 + 16 + 8 - 600);
    expect(scrollToReveal(layout, 0, 5000, 600)).toBe(4);
    expect(rowsPerPage(layout, 600)).toBe(7);
  });
});
