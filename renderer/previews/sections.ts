// The preview pages' layout: the #app root and one titled section per state shown.
export const root = document.getElementById('app')!;
root.style.padding = '0.5rem 1.5rem 2rem';

/** Appends a heading and an empty box under it; returns the box to mount into. */
export function section(title: string): HTMLElement {
  const h = document.createElement('h2');
  h.textContent = title;
  h.style.cssText = 'font-size:1rem;margin:1.25rem 0 0;color:var(--muted)';
  const box = document.createElement('div');
  root.append(h, box);
  return box;
}
