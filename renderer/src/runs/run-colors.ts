/** Run i of a comparison is drawn in `--run-{i+1}` everywhere (charts, legend, diff, table). */
export const RUN_COLOR_VARS = ['--run-1', '--run-2', '--run-3', '--run-4'] as const;

export function runColorVar(index: number): string {
  return `var(${RUN_COLOR_VARS[index % RUN_COLOR_VARS.length]})`;
}

/** Real colour strings for chart.js, read from the CSS variables (they follow light/dark). */
export function readRunColors(element: Element): string[] {
  const style = getComputedStyle(element);
  const fallback = ['#2f6fdf', '#e0700f', '#139174', '#a23fc2'];
  return RUN_COLOR_VARS.map((name, i) => style.getPropertyValue(name).trim() || fallback[i]!);
}

/** "A", "B", … : short tags that tie a run to its colour where names are long. */
export function runTag(index: number): string {
  return String.fromCharCode(65 + index);
}
