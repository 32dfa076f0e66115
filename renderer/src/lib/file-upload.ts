/** Choosing files in the browser (web host) and packing them for one upload call. */
import { zip, type Zippable } from 'fflate';

/** Opens the browser's file picker; resolves with the chosen files (empty when cancelled). */
export function pickFiles(accept = '.gz,.npz,.idx3-ubyte,.idx1-ubyte,application/gzip,application/octet-stream'): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = true;
    input.accept = accept;
    input.addEventListener('change', () => resolve([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => resolve([]), { once: true });
    input.click();
  });
}

/** One zip of named byte arrays (fflate's async zip: no long task on the UI thread). */
export function zipEntries(entries: Record<string, Uint8Array>, level: 0 | 6): Promise<Uint8Array> {
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) zippable[name] = [bytes, { level }];
  return new Promise((resolve, reject) => zip(zippable, (error, data) => (error ? reject(error) : resolve(data))));
}

/** One uncompressed zip of the files (the contents are gzip or raw bytes; deflating again gains little). */
export async function zipFiles(files: File[]): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[file.name] = new Uint8Array(await file.arrayBuffer());
  return zipEntries(entries, 0);
}
