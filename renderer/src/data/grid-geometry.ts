/**
 * The maths of the virtualised digit grid: how many columns fit, which rows are on screen, which cell
 * is under the pointer, where arrow keys go. Positions are 0-based indices into the *filtered* list.
 */

export interface GridMetrics {
  /** side of a drawn digit, CSS px */
  cell: number;
  /** height of the label strip under a digit */
  caption: number;
  /** space between cells */
  gap: number;
  /** inner padding of the grid */
  padding: number;
}

export interface GridLayout extends GridMetrics {
  total: number;
  columns: number;
  rows: number;
  /** distance from one column to the next */
  columnPitch: number;
  /** distance from one row to the next */
  rowPitch: number;
  /** x of the first column: the padding plus half the width left over, so the columns sit centred */
  left: number;
  /** full height of the scrolled content */
  contentHeight: number;
}

export function gridLayout(width: number, total: number, metrics: GridMetrics): GridLayout {
  if (total < 0 || !Number.isInteger(total)) throw new RangeError(`total must be a whole number ≥ 0, got ${total}`);
  const columnPitch = metrics.cell + metrics.gap;
  const rowPitch = metrics.cell + metrics.caption + metrics.gap;
  const usable = Math.max(0, width - 2 * metrics.padding + metrics.gap);
  const columns = Math.max(1, Math.floor(usable / columnPitch));
  const rows = Math.ceil(total / columns);
  const contentHeight = rows === 0 ? 0 : 2 * metrics.padding + rows * rowPitch - metrics.gap;
  const left = metrics.padding + Math.max(0, Math.floor((usable - columns * columnPitch) / 2));
  return { ...metrics, total, columns, rows, columnPitch, rowPitch, left, contentHeight };
}

export interface RowRange {
  /** first row to draw */
  first: number;
  /** one past the last row to draw */
  end: number;
}

/** Rows that intersect the viewport, widened by `overscan` rows each side. */
export function visibleRows(layout: GridLayout, scrollTop: number, viewportHeight: number, overscan = 0): RowRange {
  if (layout.rows === 0 || viewportHeight <= 0) return { first: 0, end: 0 };
  const top = scrollTop - layout.padding;
  const first = Math.max(0, Math.floor(top / layout.rowPitch) - overscan);
  const end = Math.min(layout.rows, Math.ceil((top + viewportHeight) / layout.rowPitch) + overscan);
  return { first: Math.min(first, end), end };
}

/** Top-left corner of a cell in content coordinates (before scrolling). */
export function cellOrigin(layout: GridLayout, position: number): { x: number; y: number } {
  const row = Math.floor(position / layout.columns);
  const column = position % layout.columns;
  return { x: layout.left + column * layout.columnPitch, y: layout.padding + row * layout.rowPitch };
}

/** The cell (digit or its caption) under a point in content coordinates; undefined over gaps and past the end. */
export function cellAtPoint(layout: GridLayout, x: number, y: number): number | undefined {
  const cx = x - layout.left;
  const cy = y - layout.padding;
  if (cx < 0 || cy < 0) return undefined;
  const column = Math.floor(cx / layout.columnPitch);
  const row = Math.floor(cy / layout.rowPitch);
  if (column >= layout.columns) return undefined;
  if (cx - column * layout.columnPitch >= layout.cell) return undefined;
  if (cy - row * layout.rowPitch >= layout.cell + layout.caption) return undefined;
  const position = row * layout.columns + column;
  return position < layout.total ? position : undefined;
}

export interface KeyMove {
  key: string;
  /** Ctrl or Cmd held: Home/End go to the very first/last image */
  toEdge?: boolean;
}

/** Where a navigation key moves the selection; undefined when the key is not a navigation key. */
export function moveSelection(layout: GridLayout, position: number, move: KeyMove, pageRows: number): number | undefined {
  const { columns, total } = layout;
  if (total === 0) return undefined;
  const clamp = (p: number): number => Math.min(total - 1, Math.max(0, p));
  const rowStart = position - (position % columns);
  switch (move.key) {
    case 'ArrowRight':
      return clamp(position + 1);
    case 'ArrowLeft':
      return clamp(position - 1);
    case 'ArrowDown':
      return position + columns < total ? position + columns : position;
    case 'ArrowUp':
      return position - columns >= 0 ? position - columns : position;
    case 'PageDown':
      return clamp(position + Math.max(1, pageRows) * columns);
    case 'PageUp':
      return clamp(position - Math.max(1, pageRows) * columns);
    case 'Home':
      return move.toEdge ? 0 : rowStart;
    case 'End':
      return move.toEdge ? total - 1 : clamp(rowStart + columns - 1);
    default:
      return undefined;
  }
}

/** The smallest scroll change that shows the whole cell (digit and caption). */
export function scrollToReveal(layout: GridLayout, position: number, scrollTop: number, viewportHeight: number): number {
  const { y } = cellOrigin(layout, position);
  const top = y - layout.gap;
  const bottom = y + layout.cell + layout.caption + layout.gap;
  if (top < scrollTop) return Math.max(0, top);
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Whole rows that fit in the viewport — the step of PageUp/PageDown. */
export function rowsPerPage(layout: GridLayout, viewportHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / layout.rowPitch));
}
