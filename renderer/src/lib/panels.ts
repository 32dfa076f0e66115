export const PANELS = [
  { id: 'data', label: 'Data', hint: 'Get MNIST and browse it' },
  { id: 'model', label: 'Model', hint: 'Design the network' },
  { id: 'train', label: 'Train', hint: 'Watch it learn' },
  { id: 'evaluate', label: 'Evaluate', hint: 'Where it errs' },
  { id: 'draw', label: 'Draw', hint: 'Test your handwriting' },
  { id: 'runs', label: 'Runs', hint: 'Compare and export' },
  { id: 'experiments', label: 'Experiments', hint: 'Ask the book’s questions' },
  { id: 'settings', label: 'Settings', hint: 'What runs keep' },
] as const;

export type PanelId = (typeof PANELS)[number]['id'];

export function isPanelId(value: unknown): value is PanelId {
  return PANELS.some((panel) => panel.id === value);
}
