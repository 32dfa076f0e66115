/** Who is writing a run: this process's token tells "mine" from "a process that may have died". */
import { randomUUID } from 'node:crypto';

export { processAlive } from '../liveness.ts';

export interface WriterStamp {
  pid: number;
  /** random per process start: a reused pid never matches */
  token: string;
}

export const PROCESS_TOKEN = randomUUID();
