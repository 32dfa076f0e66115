/**
 * The "My handwriting" set: the learner's labelled drawings (28×28 bytes each), kept as one JSON
 * file in the data folder, written atomically. A file that cannot be read is moved aside (never
 * lost, never a crash) and the learner is told once through `onNotice`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError } from '../api/errors.ts';
import { HANDWRITING_PIXELS, type HandwritingItem } from '../api/contracts/handwriting.ts';
import { writeJsonAtomic } from './atomic-file.ts';

export const HANDWRITING_FOLDER = 'handwriting';
export const HANDWRITING_FILE = 'my-handwriting.json';
export const HANDWRITING_FORMAT = 'mnist-lab/handwriting';
/** Enough for a serious personal test set; keeps the file (~1.4 kB per item) around 14 MB at most. */
export const HANDWRITING_LIMIT = 10_000;

export interface HandwritingService {
  /** Where the set is kept. */
  readonly file: string;
  /** All items, oldest first. */
  list(): HandwritingItem[];
  /** Saves a drawing: `label` 0–9, `pixels` exactly 784 bytes. */
  add(label: number, pixels: Uint8Array): HandwritingItem;
  /** Deletes one item; NOT_FOUND when there is no such id. */
  remove(id: string): void;
}

export interface HandwritingServiceOptions {
  limit?: number;
  /** Told when a damaged file was moved aside (e.g. forwarded to the app.notice stream). */
  onNotice?: (message: string) => void;
  now?: () => Date;
}

interface SetFile {
  format: typeof HANDWRITING_FORMAT;
  version: 1;
  items: HandwritingItem[];
}

const fileShape = z.object({ format: z.literal(HANDWRITING_FORMAT), version: z.literal(1), items: z.array(z.unknown()) });
const itemShape = z.object({
  id: z.string().min(1).max(100),
  label: z.number().int().min(0).max(9),
  pixels: z.base64().refine((s) => Buffer.from(s, 'base64').length === HANDWRITING_PIXELS, 'not 784 bytes'),
  createdAt: z.string().min(1).max(64),
});

export function createHandwritingService(dataDir: string, options: HandwritingServiceOptions = {}): HandwritingService {
  const file = join(dataDir, HANDWRITING_FOLDER, HANDWRITING_FILE);
  const limit = options.limit ?? HANDWRITING_LIMIT;
  const now = options.now ?? (() => new Date());
  let items: HandwritingItem[] | undefined;

  /** Moves the damaged file aside (never deleted) and tells the learner what happened. */
  function moveAside(reason: string, kept: number): void {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const aside = join(dataDir, HANDWRITING_FOLDER, `my-handwriting.damaged-${stamp}.json`);
    try {
      renameSync(file, aside);
    } catch (error) {
      // Saving over it would lose the learner's drawings: refuse until someone looks at it.
      throw new ApiError('INTERNAL', `Your handwriting set at ${file} is damaged (${reason}) and could not be moved aside: ${(error as Error).message}`);
    }
    options.onNotice?.(
      kept > 0
        ? `Your handwriting set had damaged entries (${reason}); the ${kept} readable drawings were kept. The original file was moved aside to ${aside}.`
        : `Your handwriting set could not be read (${reason}), so it starts empty. The file was moved aside to ${aside}.`,
    );
  }

  function load(): HandwritingItem[] {
    if (items) return items;
    if (!existsSync(file)) return (items = []);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      moveAside(error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message, 0);
      return (items = []);
    }
    const shape = fileShape.safeParse(parsed);
    if (!shape.success) {
      moveAside(`not a ${HANDWRITING_FORMAT} v1 file`, 0);
      return (items = []);
    }
    const valid: HandwritingItem[] = [];
    for (const candidate of shape.data.items) {
      const item = itemShape.safeParse(candidate);
      if (item.success) valid.push(item.data);
    }
    if (valid.length < shape.data.items.length) {
      // Keep what is good, and the original next to it for anyone who wants to look.
      moveAside(`${shape.data.items.length - valid.length} of ${shape.data.items.length} drawings were damaged`, valid.length);
      save(valid);
    }
    return (items = valid);
  }

  function save(next: HandwritingItem[]): void {
    const content: SetFile = { format: HANDWRITING_FORMAT, version: 1, items: next };
    writeJsonAtomic(file, content);
    items = next;
  }

  return {
    file,
    list: () => [...load()],
    add(label, pixels) {
      if (!Number.isInteger(label) || label < 0 || label > 9) {
        throw new ApiError('BAD_ARGUMENTS', `The label must be a whole digit 0–9, got ${String(label)}`);
      }
      if (!(pixels instanceof Uint8Array) || pixels.length !== HANDWRITING_PIXELS) {
        throw new ApiError('BAD_ARGUMENTS', `A drawing must be exactly 28×28 = ${HANDWRITING_PIXELS} bytes, got ${pixels?.length ?? 'none'}`);
      }
      const current = load();
      if (current.length >= limit) {
        throw new ApiError('CONFLICT', `Your handwriting set is full (${limit} drawings): delete some before saving more`);
      }
      const item: HandwritingItem = {
        id: randomUUID(),
        label,
        pixels: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength).toString('base64'),
        createdAt: now().toISOString(),
      };
      save([...current, item]);
      return item;
    },
    remove(id) {
      const current = load();
      const next = current.filter((item) => item.id !== id);
      if (next.length === current.length) throw new ApiError('NOT_FOUND', `No drawing with id ${JSON.stringify(id).slice(0, 60)} in your handwriting set`);
      save(next);
    },
  };
}
