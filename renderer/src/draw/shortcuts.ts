/**
 * Keyboard shortcuts of the Draw panel. Digits 0–9 pick the label only without modifiers: Alt+1…6
 * switch panels (app shell) and Ctrl/Cmd+digit belong to the browser. Nothing fires while typing
 * in a text field.
 */
export type DrawAction = { type: 'undo' } | { type: 'clear' } | { type: 'save' } | { type: 'label'; digit: number };

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export const SHORTCUTS = {
  undo: { keys: 'Control+Z Meta+Z', hint: 'Ctrl+Z' },
  clear: { keys: 'Delete Backspace Escape', hint: 'Delete, Backspace or Esc' },
  save: { keys: 'Control+S Meta+S', hint: 'Ctrl+S' },
} as const;

export function drawActionFor(press: KeyPress): DrawAction | undefined {
  const command = press.ctrlKey || press.metaKey;
  if (command && !press.altKey && !press.shiftKey) {
    const key = press.key.toLowerCase();
    if (key === 'z') return { type: 'undo' };
    if (key === 's') return { type: 'save' };
    return undefined;
  }
  if (command || press.altKey) return undefined;
  if (press.key === 'Delete' || press.key === 'Backspace' || press.key === 'Escape') return { type: 'clear' };
  if (/^[0-9]$/.test(press.key) && !press.shiftKey) return { type: 'label', digit: Number(press.key) };
  return undefined;
}

/** Whether keys typed at `target` belong to a text field (where they must keep their usual meaning). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as { tagName?: unknown }).tagName !== 'string') return false;
  const element = target as unknown as { tagName: string; isContentEditable?: boolean; type?: string };
  if (element.isContentEditable) return true;
  const tag = element.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(element.type ?? 'text');
}
