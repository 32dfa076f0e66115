/**
 * Fetching one file from a list of mirrors: https only (plain http only for a loopback mirror the
 * user configured), at most 3 redirects, connect and idle timeouts, retries with backoff on errors
 * that may pass, then the next mirror. Returns a verified temp file or one error that names every
 * mirror and why it failed.
 */
import { DatasetError } from './errors.ts';
import { CopyRejected, gunzipToTemp, type ExpectedFile, type TempCopy } from './gunzip-to-temp.ts';
import type { HttpGet } from './http-fetch.ts';

export interface DownloadSettings {
  /** until the response headers arrive */
  connectTimeoutMs: number;
  /** longest pause between two chunks of the body */
  idleTimeoutMs: number;
  /** extra attempts on the same mirror after a transient failure */
  retries: number;
  /** wait before the first retry; doubles each time */
  backoffMs: number;
  maxRedirects: number;
}

export const DEFAULT_DOWNLOAD_SETTINGS: DownloadSettings = {
  connectTimeoutMs: 15_000,
  idleTimeoutMs: 30_000,
  retries: 2,
  backoffMs: 1_000,
  maxRedirects: 3,
};

export interface Mirror {
  /** base URL ending in '/', files are at base + FILE + '.gz' */
  base: string;
  /** came from MNIST_LAB_MIRRORS / the `mirrors` option: the only way plain http (loopback) is allowed */
  fromOverride: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** https always; http only to this computer and only for a user-configured mirror. */
export function isAllowedUrl(url: URL, mirror: Mirror): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && mirror.fromOverride && isLoopback(url);
}

export function normalizeMirrorBase(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

export interface FetchContext {
  httpGet: HttpGet;
  settings: DownloadSettings;
  signal: AbortSignal | undefined;
  /** an attempt on `mirror` started or made progress (decompressed bytes of this attempt) */
  onProgress: (state: { mirror: string; attempt: number; fileBytes: number }, force: boolean) => void;
}

export interface FetchedFile extends TempCopy {
  mirrorIndex: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

function cancelled(): DatasetError {
  return new DatasetError('CANCELLED', 'The download was cancelled. Nothing was changed.');
}

/** Network errors in plain words; retryable when another try may well work. */
function describeNetworkError(error: unknown): CopyRejected {
  if (error instanceof CopyRejected) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNRESET':
      return new CopyRejected('connection reset', true);
    case 'ECONNREFUSED':
      return new CopyRejected('connection refused (nothing answers at that address)', true);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CopyRejected('server name not found (are you offline?)', true);
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return new CopyRejected('network unreachable (are you offline?)', true);
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new CopyRejected('connection closed before the end of the file', true);
    default:
      if (message === 'aborted') return new CopyRejected('connection closed before the end of the file', true);
      if (typeof code === 'string' && (code.startsWith('CERT_') || code.includes('SELF_SIGNED') || code.startsWith('ERR_TLS'))) {
        return new CopyRejected(`secure connection failed (${code})`, false);
      }
      return new CopyRejected(message, true);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function attemptOnce(
  mirror: Mirror,
  file: ExpectedFile,
  dir: string,
  context: FetchContext,
  attempt: number,
): Promise<TempCopy> {
  const { settings } = context;
  const controller = new AbortController();
  const outer = context.signal;
  const forwardAbort = () => controller.abort();
  if (outer?.aborted) controller.abort();
  outer?.addEventListener('abort', forwardAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  let timeoutReason: string | null = null;
  const arm = (ms: number, reason: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timeoutReason = reason;
      controller.abort();
    }, ms);
  };
  const connectReason = `timeout after ${seconds(settings.connectTimeoutMs)} waiting for an answer`;
  const idleReason = `timeout after ${seconds(settings.idleTimeoutMs)} without data`;
  try {
    let url = new URL(`${file.file}.gz`, mirror.base);
    for (let redirects = 0; ; redirects++) {
      arm(settings.connectTimeoutMs, connectReason);
      const response = await context.httpGet(url, { signal: controller.signal });
      if (REDIRECT_STATUSES.has(response.status)) {
        response.body.destroy();
        if (redirects >= settings.maxRedirects) {
          throw new CopyRejected(`too many redirects (more than ${settings.maxRedirects})`, false);
        }
        if (!response.location) throw new CopyRejected(`HTTP ${response.status} redirect without a Location`, false);
        const next = new URL(response.location, url);
        if (!isAllowedUrl(next, mirror)) {
          throw new CopyRejected(`redirect to ${next.protocol}//${next.host} refused (only https is allowed)`, false);
        }
        url = next;
        continue;
      }
      if (response.status !== 200) {
        response.body.destroy();
        const transient = response.status >= 500 || response.status === 408 || response.status === 429;
        throw new CopyRejected(`HTTP ${response.status}`, transient);
      }
      arm(settings.idleTimeoutMs, idleReason);
      let fileBytes = 0;
      context.onProgress({ mirror: mirror.base, attempt, fileBytes }, true);
      return await gunzipToTemp(response.body, dir, file, {
        signal: controller.signal,
        onCompressed: () => arm(settings.idleTimeoutMs, idleReason),
        onDecompressed: (bytes) => {
          fileBytes += bytes;
          context.onProgress({ mirror: mirror.base, attempt, fileBytes }, false);
        },
      });
    }
  } catch (error) {
    if (outer?.aborted) throw cancelled();
    if (timeoutReason !== null) throw new CopyRejected(timeoutReason, true);
    throw describeNetworkError(error);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', forwardAbort);
  }
}

/**
 * Tries the mirrors in order, starting at `firstMirror` (the one that served the previous file, so a
 * dead first mirror costs its timeouts once per download, not once per file).
 */
export async function fetchFromMirrors(
  file: ExpectedFile,
  mirrors: readonly Mirror[],
  firstMirror: number,
  dir: string,
  context: FetchContext,
): Promise<FetchedFile> {
  const order = mirrors.map((_, i) => (firstMirror + i) % mirrors.length);
  const failures: string[] = [];
  for (const index of order) {
    const mirror = mirrors[index]!;
    let lastReason = '';
    let attempts = 0;
    for (let attempt = 1; attempt <= context.settings.retries + 1; attempt++) {
      if (context.signal?.aborted) throw cancelled();
      if (attempt > 1) await sleep(context.settings.backoffMs * 2 ** (attempt - 2), context.signal);
      attempts = attempt;
      try {
        const copy = await attemptOnce(mirror, file, dir, context, attempt);
        return { ...copy, mirrorIndex: index };
      } catch (error) {
        if (error instanceof DatasetError) throw error; // cancelled
        const rejected = describeNetworkError(error);
        lastReason = rejected.reason;
        if (!rejected.retryable) break;
      }
    }
    failures.push(`${mirror.base}: ${lastReason}${attempts > 1 ? ` (${attempts} attempts)` : ''}`);
  }
  throw new DatasetError(
    'DOWNLOAD_FAILED',
    `Could not download ${file.file} from any mirror. Nothing was changed.\n${failures.map((f) => `  - ${f}`).join('\n')}`,
  );
}
