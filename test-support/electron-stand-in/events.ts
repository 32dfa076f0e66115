/** Electron's `Event`: what listeners get first; preventDefault() is what the tests read back. */
export interface StandInEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [detail: string]: unknown;
}

export function standInEvent(details: Record<string, unknown> = {}): StandInEvent {
  return {
    ...details,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}
