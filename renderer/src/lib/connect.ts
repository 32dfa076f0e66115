import { bridgeFrom, bridgeTransport } from './bridge-transport.ts';
import { httpTransport, takeLaunchToken } from './http-transport.ts';
import { LabClient } from './lab-client.ts';

/** The lab client for wherever the page runs: Electron (preload bridge) or the web host. */
export function connectLab(): LabClient {
  const bridge = bridgeFrom(window);
  if (bridge) return new LabClient(bridgeTransport(bridge));
  const token = takeLaunchToken(window);
  if (!token) {
    throw new Error('No API token in this tab. Open the URL or the start page that `npm run web` printed.');
  }
  return new LabClient(httpTransport(new URL('./', window.location.href).href, token));
}
