import { describe, expect, it } from 'vitest';
import { drawActionFor, isTextEntry, type KeyPress } from './shortcuts.ts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('draw shortcuts', () => {
  it('maps undo, save, clear and digit labels', () => {
    expect(drawActionFor(press('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(drawActionFor(press('Z', { metaKey: true }))).toEqual({ type: 'undo' });
    expect(drawActionFor(press('s', { ctrlKey: true }))).toEqual({ type: 'save' });
    for (const key of ['Delete', 'Backspace', 'Escape']) expect(drawActionFor(press(key))).toEqual({ type: 'clear' });
    expect(drawActionFor(press('7'))).toEqual({ type: 'label', digit: 7 });
    expect(drawActionFor(press('0'))).toEqual({ type: 'label', digit: 0 });
  });

  it('leaves Alt+digit (panel switching), Ctrl+digit, Ctrl+Shift+Z and plain letters alone', () => {
    expect(drawActionFor(press('5', { altKey: true }))).toBeUndefined();
    expect(drawActionFor(press('5', { ctrlKey: true }))).toBeUndefined();
    expect(drawActionFor(press('z', { ctrlKey: true, shiftKey: true }))).toBeUndefined();
    expect(drawActionFor(press('z'))).toBeUndefined();
    expect(drawActionFor(press('Enter'))).toBeUndefined();
    expect(drawActionFor(press('Delete', { altKey: true }))).toBeUndefined();
  });

  it('recognises text entry targets', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' } as unknown as EventTarget)).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'search' } as unknown as EventTarget)).toBe(true);
    expect(isTextEntry({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTextEntry({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});
