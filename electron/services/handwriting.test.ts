import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handwritingCalls } from '../api/contracts/handwriting.ts';
import { createHandwritingHandlers, decodePixels } from '../api/handlers/handwriting.ts';
import { ApiError } from '../api/errors.ts';
import { createHandwritingService, DAMAGED_FOLDER, DRAWINGS_FOLDER, HANDWRITING_FILE, HANDWRITING_FOLDER } from './handwriting.ts';

function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'handwriting-'));
}

/** A recognisable 28×28 image: a vertical bar whose column depends on `seed`. */
function digitPixels(seed: number): Uint8Array {
  const pixels = new Uint8Array(784);
  for (let y = 4; y < 24; y++) pixels[y * 28 + 4 + (seed % 20)] = 255 - seed;
  return pixels;
}

function expectApiError(fn: () => unknown, code: string, message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(code);
    expect((error as ApiError).message).toMatch(message);
    return;
  }
  throw new Error('expected an ApiError');
}

describe('handwriting service', () => {
  it('adds, lists (across restarts) and removes drawings', () => {
    const dir = tempDataDir();
    const service = createHandwritingService(dir);
    expect(service.list()).toEqual([]);
    const seven = service.add(7, digitPixels(7));
    const three = service.add(3, digitPixels(3));
    expect(seven.label).toBe(7);
    expect(decodePixels(seven.pixels)).toEqual(digitPixels(7));
    expect(Number.isNaN(Date.parse(seven.createdAt))).toBe(false);
    expect(seven.id).not.toBe(three.id);

    const reopened = createHandwritingService(dir);
    expect(reopened.list()).toEqual([seven, three]);
    reopened.remove(seven.id);
    expect(reopened.list()).toEqual([three]);
    expect(createHandwritingService(dir).list()).toEqual([three]);
    expectApiError(() => reopened.remove(seven.id), 'NOT_FOUND', /No drawing with id/);
  });

  it('rejects labels that are not whole digits 0–9 and images that are not 784 bytes', () => {
    const service = createHandwritingService(tempDataDir());
    for (const label of [-1, 10, 2.5, Number.NaN]) {
      expectApiError(() => service.add(label, digitPixels(1)), 'BAD_ARGUMENTS', /whole digit 0–9/);
    }
    for (const pixels of [new Uint8Array(783), new Uint8Array(785), new Uint8Array(0)]) {
      expectApiError(() => service.add(1, pixels), 'BAD_ARGUMENTS', /exactly 28×28 = 784 bytes, got \d+/);
    }
    expectApiError(() => service.add(1, [0, 1, 2] as unknown as Uint8Array), 'BAD_ARGUMENTS', /784 bytes/);
    expect(service.list()).toEqual([]);
  });

  it('refuses to grow past its limit', () => {
    const service = createHandwritingService(tempDataDir(), { limit: 3 });
    for (let i = 0; i < 3; i++) service.add(i, digitPixels(i));
    expectApiError(() => service.add(4, digitPixels(4)), 'CONFLICT', /full \(3 drawings\)/);
    expect(service.list()).toHaveLength(3);
  });

  it('moves a file that is not JSON aside, tells the learner, and starts empty', () => {
    const dir = tempDataDir();
    mkdirSync(join(dir, HANDWRITING_FOLDER));
    writeFileSync(join(dir, HANDWRITING_FOLDER, HANDWRITING_FILE), '{"format": "mnist-lab/handw');
    const notices: string[] = [];
    const service = createHandwritingService(dir, { onNotice: (m) => notices.push(m) });
    expect(service.list()).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/could not be read \(not valid JSON\), so it starts empty\. The file was moved aside to .*my-handwriting\.damaged-.*\.json/);
    const files = readdirSync(join(dir, HANDWRITING_FOLDER));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dir, HANDWRITING_FOLDER, files[0]!), 'utf8')).toBe('{"format": "mnist-lab/handw');
    service.add(5, digitPixels(5));
    expect(createHandwritingService(dir).list().map((item) => item.label)).toEqual([5]);
  });

  it('keeps the readable drawings of a partly damaged file (of the single-file set) and the original next to it', () => {
    const dir = tempDataDir();
    const good = { id: '0b8e2f9c-1d2a-4c3b-9e8f-7a6b5c4d3e2f', label: 2, pixels: Buffer.from(digitPixels(2)).toString('base64'), createdAt: '2026-11-30T10:00:00.000Z' };
    mkdirSync(join(dir, HANDWRITING_FOLDER));
    const file = join(dir, HANDWRITING_FOLDER, HANDWRITING_FILE);
    const content = { format: 'mnist-lab/handwriting', version: 1, items: [good] as unknown[] };
    content.items.push({ ...good, id: 'short', pixels: 'AAAA' }, { ...good, id: 'bad-label', label: 12 });
    writeFileSync(file, JSON.stringify(content));
    const notices: string[] = [];
    const service = createHandwritingService(dir, { onNotice: (m) => notices.push(m) });
    expect(service.list()).toEqual([good]);
    expect(notices).toEqual([expect.stringMatching(/2 of 3 drawings were damaged\); the 1 readable drawings were kept/)]);
    expect(readdirSync(join(dir, HANDWRITING_FOLDER)).sort()).toEqual([DRAWINGS_FOLDER, expect.stringMatching(/^my-handwriting\.damaged-/)]);
    expect(readdirSync(join(dir, HANDWRITING_FOLDER, DRAWINGS_FOLDER))).toEqual([`${good.id}.json`]);
    expect(createHandwritingService(dir).list()).toEqual([good]);
  });

  it('splits a healthy single-file set into one file per drawing, in order, and removes the old file', () => {
    const dir = tempDataDir();
    const items = [3, 1, 4].map((label, i) => ({ id: `legacy-${i}`, label, pixels: Buffer.from(digitPixels(label)).toString('base64'), createdAt: `2026-11-30T10:00:0${i}.000Z` }));
    mkdirSync(join(dir, HANDWRITING_FOLDER));
    writeFileSync(join(dir, HANDWRITING_FOLDER, HANDWRITING_FILE), JSON.stringify({ format: 'mnist-lab/handwriting', version: 1, items }));
    const notices: string[] = [];
    expect(createHandwritingService(dir, { onNotice: (m) => notices.push(m) }).list()).toEqual(items);
    expect(notices).toEqual([]);
    expect(readdirSync(join(dir, HANDWRITING_FOLDER))).toEqual([DRAWINGS_FOLDER]);
    expect(createHandwritingService(dir).list()).toEqual(items);
  });

  it('moves a drawing file that does not parse aside, tells the learner once, and keeps the others', () => {
    const dir = tempDataDir();
    const service = createHandwritingService(dir);
    const kept = service.add(6, digitPixels(6));
    const broken = service.add(8, digitPixels(8));
    writeFileSync(join(dir, HANDWRITING_FOLDER, DRAWINGS_FOLDER, `${broken.id}.json`), '{"format": "mnist-lab/handwriting-drawing", "label": 8, "pix');
    const notices: string[] = [];
    const reopened = createHandwritingService(dir, { onNotice: (m) => notices.push(m) });
    expect(reopened.list()).toEqual([kept]);
    expect(reopened.list()).toEqual([kept]);
    expect(notices).toEqual([expect.stringMatching(/A drawing of your handwriting set could not be read .* moved aside to .*damaged/)]);
    expect(readdirSync(join(dir, HANDWRITING_FOLDER, DAMAGED_FOLDER))).toEqual([expect.stringMatching(new RegExp(`^${broken.id}-`))]);
  });

  it('never lets an id name a file outside the drawings folder', () => {
    const dir = tempDataDir();
    const service = createHandwritingService(dir);
    const item = service.add(1, digitPixels(1));
    writeFileSync(join(dir, 'precious.json'), '{}');
    for (const id of ['../../precious', `../${DRAWINGS_FOLDER}/${item.id}`, `${item.id}.json`, '', '.']) {
      expectApiError(() => service.remove(id), 'NOT_FOUND', /No drawing with id/);
    }
    expect(readFileSync(join(dir, 'precious.json'), 'utf8')).toBe('{}');
    expect(service.list()).toEqual([item]);
  });

  it('moves aside valid JSON of the wrong shape', () => {
    const dir = tempDataDir();
    mkdirSync(join(dir, HANDWRITING_FOLDER));
    writeFileSync(join(dir, HANDWRITING_FOLDER, HANDWRITING_FILE), '[1, 2, 3]');
    const notices: string[] = [];
    expect(createHandwritingService(dir, { onNotice: (m) => notices.push(m) }).list()).toEqual([]);
    expect(notices[0]).toMatch(/not a mnist-lab\/handwriting v1 file/);
  });

  it('writes atomically: only the drawing files remain after many writes, oldest first', () => {
    const dir = tempDataDir();
    const service = createHandwritingService(dir);
    const ids = Array.from({ length: 25 }, (_, i) => service.add(i % 10, digitPixels(i)).id);
    for (const id of ids.slice(0, 10)) service.remove(id);
    expect(readdirSync(join(dir, HANDWRITING_FOLDER))).toEqual([DRAWINGS_FOLDER]);
    expect(readdirSync(join(dir, HANDWRITING_FOLDER, DRAWINGS_FOLDER)).sort()).toEqual(ids.slice(10).map((id) => `${id}.json`).sort());
    expect(createHandwritingService(dir).list().map((item) => item.id)).toEqual(ids.slice(10));
  });
});

describe('handwriting API calls', () => {
  it('validate their arguments', () => {
    const save = handwritingCalls['handwriting.save'].args;
    const pixels = Buffer.from(digitPixels(1)).toString('base64');
    expect(save.safeParse({ label: 1, pixels }).success).toBe(true);
    expect(save.safeParse({ label: 10, pixels }).success).toBe(false);
    expect(save.safeParse({ label: 1.5, pixels }).success).toBe(false);
    expect(save.safeParse({ label: 1, pixels: Buffer.from(new Uint8Array(783)).toString('base64') }).success).toBe(false);
    expect(save.safeParse({ label: 1, pixels: '!'.repeat(1048) }).success).toBe(false);
    expect(save.safeParse({ label: 1, pixels, extra: true }).success).toBe(false);
    expect(handwritingCalls['handwriting.delete'].args.safeParse({ id: '' }).success).toBe(false);
    expect(handwritingCalls['handwriting.list'].args.safeParse({}).success).toBe(true);
  });

  it('handlers round-trip a drawing through base64', () => {
    const handlers = createHandwritingHandlers(createHandwritingService(tempDataDir()));
    const pixels = digitPixels(9);
    const saved = handlers['handwriting.save']({ label: 9, pixels: Buffer.from(pixels).toString('base64') });
    expect(handlers['handwriting.list']()).toEqual([saved]);
    expect(decodePixels(saved.pixels)).toEqual(pixels);
    expect(handlers['handwriting.delete']({ id: saved.id })).toEqual({ id: saved.id });
    expect(handlers['handwriting.list']()).toEqual([]);
  });
});
