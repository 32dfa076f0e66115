/**
 * The web host transport: POST /api/<call> with the launch token, and a long-lived fetch of
 * /api/events read as newline-delimited JSON (EventSource cannot send the token header).
 */
import type { CallEnvelope, LabTransport } from './lab-client.ts';

export function tokenFromLocation(location: Location): string | undefined {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  return params.get('token') ?? undefined;
}

async function readEventLines(response: Response, onLine: (line: string) => void): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) onLine(line);
    }
  }
}

/** JSON, or — when the call carries a `bytes` argument — the bytes as the body, the rest in X-Lab-Args. */
function requestBody(args: unknown, headers: Record<string, string>): RequestInit {
  const { bytes, ...rest } = (args ?? {}) as { bytes?: unknown };
  if (bytes instanceof Uint8Array) {
    return {
      headers: { ...headers, 'Content-Type': 'application/octet-stream', 'X-Lab-Args': encodeURIComponent(JSON.stringify(rest)) },
      body: bytes as Uint8Array<ArrayBuffer>,
    };
  }
  return { headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(args) };
}

export function httpTransport(baseUrl: string, token: string): LabTransport {
  const headers = { Authorization: `Bearer ${token}` };
  return {
    kind: 'web',
    async call(name, args) {
      const response = await fetch(new URL(`api/${encodeURIComponent(name)}`, baseUrl), { method: 'POST', ...requestBody(args, headers) });
      if (response.headers.get('Content-Type')?.startsWith('application/octet-stream')) {
        return new Uint8Array(await response.arrayBuffer());
      }
      try {
        return (await response.json()) as CallEnvelope;
      } catch {
        return { ok: false, error: { code: 'BAD_RESPONSE', message: `HTTP ${response.status} from the lab host` } };
      }
    },
    subscribe(listener) {
      const controller = new AbortController();
      const connect = async (): Promise<void> => {
        while (!controller.signal.aborted) {
          try {
            const response = await fetch(new URL('api/events', baseUrl), { headers, signal: controller.signal });
            await readEventLines(response, (line) => {
              const { stream, payload } = JSON.parse(line) as { stream: string; payload: unknown };
              listener(stream, payload);
            });
          } catch {
            // Host restarting or page unloading: retry below unless we were aborted.
          }
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      };
      void connect();
      return () => controller.abort();
    },
  };
}
