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

/** One uncompressed zip of the files (the contents are gzip or raw bytes; deflating again gains little). */
export async function zipFiles(files: File[]): Promise<Uint8Array> {
  const entries: Zippable = {};
  for (const file of files) entries[file.name] = [new Uint8Array(await file.arrayBuffer()), { level: 0 }];
  return new Promise((resolve, reject) => zip(entries, (error, data) => (error ? reject(error) : resolve(data))));
}
