/**
 * The smallest HTTP GET the downloader needs, over node:http/node:https. Redirects, timeouts and
 * the https-only rule live in download.ts so they apply to any injected implementation too.
 */
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { Readable } from 'node:stream';

export interface HttpResponse {
  status: number;
  /** the raw Location header, if any */
  location: string | undefined;
  /** Content-Length in bytes, if the server sent one */
  contentLength: number | undefined;
  body: Readable;
}

/** Resolves when the response headers arrive; aborting `signal` destroys the request and the body. */
export type HttpGet = (url: URL, options: { signal: AbortSignal }) => Promise<HttpResponse>;

export const nodeHttpGet: HttpGet = (url, { signal }) =>
  new Promise<HttpResponse>((resolve, reject) => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      reject(new Error(`unsupported protocol ${url.protocol}`));
      return;
    }
    const get = url.protocol === 'https:' ? httpsGet : httpGet;
    const request = get(
      url,
      {
        signal,
        // Ask for the bytes as stored: a server-side gzip layer on top of .gz files would only confuse the size cap.
        headers: { 'accept-encoding': 'identity', 'user-agent': 'mnist-lab' },
      },
      (response) => {
        const length = Number(response.headers['content-length']);
        resolve({
          status: response.statusCode ?? 0,
          location: response.headers.location,
          contentLength: Number.isFinite(length) ? length : undefined,
          body: response,
        });
      },
    );
    request.on('error', reject);
  });
