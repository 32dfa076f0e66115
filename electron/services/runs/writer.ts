/** Who is writing a run: this process's token tells "mine" from "a process that may have died". */
import { randomUUID } from 'node:crypto';

export interface WriterStamp {
  pid: number;
  /** random per process start: a reused pid never matches */
  token: string;
}

export const PROCESS_TOKEN = randomUUID();

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
