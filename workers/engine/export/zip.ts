/** Stored (uncompressed) zip archives, as Python's zipfile writes by default for `.keras`. */
import { zipSync } from 'fflate';

export function zipStored(entries: { name: string; bytes: Uint8Array }[], date: Date): Uint8Array {
  const tree: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const { name, bytes } of entries) {
    if (Object.hasOwn(tree, name)) throw new Error(`duplicate zip entry ${name}`);
    tree[name] = [bytes, { level: 0, mtime: date }];
  }
  return zipSync(tree);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
