/**
 * The web host transport: POST /api/<call> with the launch token, and a long-lived fetch of
 * /api/events read as newline-delimited JSON (EventSource cannot send the token header).
 */
import type { CallEnvelope, LabTransport } from './lab-client.ts';

const TOKEN_KEY = 'mnist-lab.token';

/** sessionStorage, or undefined where the browser refuses it (the getter itself may throw). */
function tabStorage(page: Window): Storage | undefined {
  try {
    return page.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * The launch token, taken from the address (`#token=…`) once: it is then removed from the address
 * bar and from this history entry (so it is not left in history, bookmarks or screenshots) and
 * kept in this tab's sessionStorage, so a reload of the tab still works. A token in the address
 * wins over a stored one (a new launch has a new token).
 */
export function takeLaunchToken(page: Window): string | undefined {
  const params = new URLSearchParams(page.location.hash.replace(/^#/, ''));
  const fromAddress = params.get('token');
  const storage = tabStorage(page);
  if (!fromAddress) return storage?.getItem(TOKEN_KEY) ?? undefined;
  params.delete('token');
  const rest = params.toString();
  page.history.replaceState(page.history.state, '', `${page.location.pathname}${page.location.search}${rest ? `#${rest}` : ''}`);
  try {
    storage?.setItem(TOKEN_KEY, fromAddress);
  } catch {
    // Storage full or refused: this page works, a reload will ask for the start page again.
  }
  return fromAddress;
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
