/** Theme colours are the CSS variables of global.css (they follow the OS light/dark setting); canvases and charts read them at draw time. */

/** Reads `element`'s CSS variables, with a fallback where one is not set. */
export function cssVariableReader(element: Element): (name: string, fallback: string) => string {
  const style = getComputedStyle(element);
  return (name, fallback) => style.getPropertyValue(name).trim() || fallback;
}

/** Calls `onchange` when the OS switches between light and dark; returns the unsubscribe. */
export function onColorSchemeChange(onchange: () => void): () => void {
  const query = matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', onchange);
  return () => query.removeEventListener('change', onchange);
}
