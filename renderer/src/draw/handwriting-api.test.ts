import { describe, expect, it } from 'vitest';
import { decodePixels, encodePixels, handwritingApiFrom, type HandwritingCallName, type HandwritingWireItem } from './handwriting-api.ts';

describe('handwriting API binding', () => {
  it('round-trips 784 bytes through base64 and rejects other sizes', () => {
    const pixels = Uint8Array.from({ length: 784 }, (_, i) => (i * 37) % 256);
    expect(encodePixels(pixels)).toBe(Buffer.from(pixels).toString('base64'));
    expect(decodePixels(encodePixels(pixels))).toEqual(pixels);
    expect(() => decodePixels(Buffer.from(new Uint8Array(10)).toString('base64'))).toThrow(/has 10 bytes, expected 784/);
  });

  it('maps list / save / remove onto the handwriting.* calls', async () => {
    const calls: [HandwritingCallName, Record<string, unknown>][] = [];
    const stored: HandwritingWireItem = { id: 'a', label: 4, pixels: Buffer.from(new Uint8Array(784).fill(9)).toString('base64'), createdAt: '2026-11-29T12:00:00.000Z' };
    const api = handwritingApiFrom(async (name, args) => {
      calls.push([name, args]);
      if (name === 'handwriting.list') return [stored];
      if (name === 'handwriting.save') return { ...stored, id: 'b', label: args.label, pixels: args.pixels };
      return { id: args.id };
    });
    const [listed] = await api.list();
    expect(listed).toEqual({ id: 'a', label: 4, pixels: new Uint8Array(784).fill(9), createdAt: stored.createdAt });
    const saved = await api.save(7, new Uint8Array(784).fill(200));
    expect(saved.label).toBe(7);
    expect(saved.pixels).toEqual(new Uint8Array(784).fill(200));
    await api.remove('a');
    expect(calls.map(([name]) => name)).toEqual(['handwriting.list', 'handwriting.save', 'handwriting.delete']);
    expect(calls[1]![1]).toEqual({ label: 7, pixels: Buffer.from(new Uint8Array(784).fill(200)).toString('base64') });
    expect(calls[2]![1]).toEqual({ id: 'a' });
  });
});
