/**
 * The "My handwriting" set: the learner's labelled drawings (28×28 bytes each), one small JSON
 * file per drawing in `<dataDir>/handwriting/drawings/<id>.json`, each written atomically.
 *
 * Why one file per drawing: the desktop app, the web host and the CLI may share a data folder.
 * With one file for the whole set, two processes saving at once would each read the set, add
 * their drawing and write it back: the second write loses the first drawing. A lock around
 * read-merge-write fixes that only for writers that take the lock, and a crashed holder leaves a
 * stale lock someone must judge. With one file per drawing no write ever reads another's data:
 * a save creates a new file, a delete removes one, so nothing can be lost whatever the timing,
 * and a drawing file never changes once written (so reading it once per process is enough).
 *
 * A file that does not parse is moved aside (never lost, never a crash) and the learner is told
 * once through `onNotice`; a transient read error (EMFILE, EACCES, EBUSY…) moves nothing.
 * The single-file set of earlier versions (`my-handwriting.json`) is split into drawings once.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError } from '../api/errors.ts';
import { HANDWRITING_PIXELS, type HandwritingItem } from '../api/contracts/handwriting.ts';
import { cleanAbandonedTemps, ensureDirSync, ensurePrivateDirSync, writeJsonAtomic } from './atomic-file.ts';

export const HANDWRITING_FOLDER = 'handwriting';
/** One file per drawing. */
export const DRAWINGS_FOLDER = 'drawings';
/** Drawing files that did not parse, kept for anyone who wants to look. */
export const DAMAGED_FOLDER = 'damaged';
/** The whole set in one file, as earlier versions kept it: migrated into DRAWINGS_FOLDER on first use. */
export const HANDWRITING_FILE = 'my-handwriting.json';
export const HANDWRITING_FORMAT = 'mnist-lab/handwriting';
export const DRAWING_FORMAT = 'mnist-lab/handwriting-drawing';
/** Enough for a serious personal test set (~1.2 kB per drawing). */
export const HANDWRITING_LIMIT = 10_000;

/** Drawing ids are file names: only these characters, so no id can point outside the folder. */
const ID_PATTERN = /^[A-Za-z0-9-]{1,100}$/;
const DRAWING_FILE = /^([A-Za-z0-9-]{1,100})\.json$/;
/** Read errors that say the file itself is bad rather than the machine busy right now. */
const DAMAGED_READ_CODES = new Set(['EISDIR']);

export interface HandwritingService {
  /** The folder the drawings are kept in. */
  readonly folder: string;
  /** All items, oldest first. */
  list(): HandwritingItem[];
  /** Saves a drawing: `label` 0–9, `pixels` exactly 784 bytes. */
  add(label: number, pixels: Uint8Array): HandwritingItem;
  /** Deletes one item; NOT_FOUND when there is no such id. */
  remove(id: string): void;
  /** Launch housekeeping: removes temp files of saves whose process is gone (never a live writer's). Returns how many. */
  cleanup(): number;
}

export interface HandwritingServiceOptions {
  limit?: number;
  /** Told when a damaged file was moved aside (e.g. forwarded to the app.notice stream). */
  onNotice?: (message: string) => void;
  now?: () => Date;
}

const legacyShape = z.object({ format: z.literal(HANDWRITING_FORMAT), version: z.literal(1), items: z.array(z.unknown()) });
const itemFields = {
  label: z.number().int().min(0).max(9),
  pixels: z.base64().refine((s) => Buffer.from(s, 'base64').length === HANDWRITING_PIXELS, 'not 784 bytes'),
  createdAt: z.string().min(1).max(64),
};
const legacyItemShape = z.object({ id: z.string().min(1).max(100), ...itemFields });
const drawingShape = z.object({ format: z.literal(DRAWING_FORMAT), version: z.literal(1), ...itemFields }).strict();

/** Oldest first; ids of one process are time-ordered too, so drawings saved in the same millisecond keep their order. */
function byAge(a: HandwritingItem, b: HandwritingItem): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

let sequence = 0;
function newDrawingId(now: Date): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${now.getTime().toString().padStart(14, '0')}-${String(sequence).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? '';
}

export function createHandwritingService(dataDir: string, options: HandwritingServiceOptions = {}): HandwritingService {
  const root = join(dataDir, HANDWRITING_FOLDER);
  const folder = join(root, DRAWINGS_FOLDER);
  const legacyFile = join(root, HANDWRITING_FILE);
  const limit = options.limit ?? HANDWRITING_LIMIT;
  const now = options.now ?? (() => new Date());
  /** drawing files read so far, by file name: a drawing file is written once and never changes */
  const known = new Map<string, HandwritingItem>();
  ensurePrivateDirSync(root);

  function stamp(): string {
    return now().toISOString().replace(/[:.]/g, '-');
  }

  /** Moves a damaged file aside (never deleted); false when another process moved or removed it first. */
  function moveAside(from: string, to: string, what: string, reason: string): boolean {
    try {
      ensureDirSync(join(to, '..'));
      renameSync(from, to);
      return true;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false;
      // Going on would hide the learner's drawing for good: refuse until someone looks at it.
      throw new ApiError('INTERNAL', `${what} at ${from} is damaged (${reason}) and could not be moved aside: ${(error as Error).message}`);
    }
  }

  function writeDrawing(item: HandwritingItem): void {
    const { id, ...fields } = item;
    writeJsonAtomic(join(folder, `${id}.json`), { format: DRAWING_FORMAT, version: 1, ...fields });
  }

  /** Splits the single-file set of earlier versions into drawing files (idempotent: two processes may both do it). */
  function migrateLegacyFile(): void {
    let text: string;
    try {
      text = readFileSync(legacyFile, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw unavailable(legacyFile, error);
    }
    const aside = join(root, `my-handwriting.damaged-${stamp()}.json`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      if (moveAside(legacyFile, aside, 'Your handwriting set', 'not valid JSON')) {
        options.onNotice?.(`Your handwriting set could not be read (not valid JSON), so it starts empty. The file was moved aside to ${aside}.`);
      }
      return;
    }
    const shape = legacyShape.safeParse(parsed);
    if (!shape.success) {
      if (moveAside(legacyFile, aside, 'Your handwriting set', `not a ${HANDWRITING_FORMAT} v1 file`)) {
        options.onNotice?.(`Your handwriting set could not be read (not a ${HANDWRITING_FORMAT} v1 file), so it starts empty. The file was moved aside to ${aside}.`);
      }
      return;
    }
    const valid: HandwritingItem[] = [];
    for (const candidate of shape.data.items) {
      const item = legacyItemShape.safeParse(candidate);
      if (!item.success) continue;
      const id = ID_PATTERN.test(item.data.id) ? item.data.id : newDrawingId(now());
      valid.push({ ...item.data, id });
    }
    for (const item of valid) writeDrawing(item);
    const damaged = shape.data.items.length - valid.length;
    if (damaged > 0) {
      const reason = `${damaged} of ${shape.data.items.length} drawings were damaged`;
      if (moveAside(legacyFile, aside, 'Your handwriting set', reason)) {
        options.onNotice?.(`Your handwriting set had damaged entries (${reason}); the ${valid.length} readable drawings were kept. The original file was moved aside to ${aside}.`);
      }
      return;
    }
    rmSync(legacyFile, { force: true }); // every drawing is now its own (fsynced) file
  }

  function unavailable(path: string, error: unknown): ApiError {
    return new ApiError('UNAVAILABLE', `Your handwriting set could not be read just now (${errorCode(error) || (error as Error).message} on ${path}); nothing was changed. Try again in a moment.`);
  }

  /** The drawing in `name`, or undefined when it was damaged (moved aside, learner told) or removed meanwhile. */
  function readDrawing(name: string, id: string): HandwritingItem | undefined {
    const path = join(folder, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return undefined; // deleted by another process since the listing
      if (!DAMAGED_READ_CODES.has(errorCode(error))) throw unavailable(path, error);
      text = '';
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = drawingShape.safeParse(json);
    if (parsed.success) {
      const { label, pixels, createdAt } = parsed.data;
      return { id, label, pixels, createdAt };
    }
    const aside = join(root, DAMAGED_FOLDER, `${id}-${stamp()}.json`);
    if (moveAside(path, aside, 'A drawing of your handwriting set', 'it does not parse')) {
      options.onNotice?.(`A drawing of your handwriting set could not be read (it is not a ${DRAWING_FORMAT} v1 file); it was moved aside to ${aside}. The other drawings are kept.`);
    }
    return undefined;
  }

  function load(): HandwritingItem[] {
    migrateLegacyFile();
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw unavailable(folder, error);
    }
    const present = new Set<string>();
    for (const name of names) {
      const id = DRAWING_FILE.exec(name)?.[1];
      if (!id) continue; // temp files of a save in progress, anything else
      present.add(name);
      if (known.has(name)) continue;
      const item = readDrawing(name, id);
      if (item) known.set(name, item);
    }
    for (const name of [...known.keys()]) if (!present.has(name)) known.delete(name);
    return [...known.values()].sort(byAge);
  }

  return {
    folder,
    list: () => load(),
    add(label, pixels) {
      if (!Number.isInteger(label) || label < 0 || label > 9) {
        throw new ApiError('BAD_ARGUMENTS', `The label must be a whole digit 0–9, got ${String(label)}`);
      }
      if (!(pixels instanceof Uint8Array) || pixels.length !== HANDWRITING_PIXELS) {
        throw new ApiError('BAD_ARGUMENTS', `A drawing must be exactly 28×28 = ${HANDWRITING_PIXELS} bytes, got ${pixels?.length ?? 'none'}`);
      }
      if (load().length >= limit) {
        throw new ApiError('CONFLICT', `Your handwriting set is full (${limit} drawings): delete some before saving more`);
      }
      const created = now();
      const item: HandwritingItem = {
        id: newDrawingId(created),
        label,
        pixels: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength).toString('base64'),
        createdAt: created.toISOString(),
      };
      writeDrawing(item);
      known.set(`${item.id}.json`, item);
      return item;
    },
    remove(id) {
      const notFound = () => new ApiError('NOT_FOUND', `No drawing with id ${JSON.stringify(id).slice(0, 60)} in your handwriting set`);
      if (!ID_PATTERN.test(id)) throw notFound();
      migrateLegacyFile();
      const path = join(folder, `${id}.json`);
      if (!existsSync(path)) throw notFound();
      try {
        rmSync(path);
      } catch (error) {
        if (errorCode(error) === 'ENOENT') throw notFound(); // another process deleted it first
        throw error;
      }
      known.delete(`${id}.json`);
    },
    cleanup: () => cleanAbandonedTemps(folder).length + cleanAbandonedTemps(root).length,
  };
}
