import { bridgeFrom, bridgeTransport } from './bridge-transport.ts';
import { httpTransport, tokenFromLocation } from './http-transport.ts';
import { LabClient } from './lab-client.ts';

/** The lab client for wherever the page runs: Electron (preload bridge) or the web host. */
export function connectLab(): LabClient {
  const bridge = bridgeFrom(window);
  if (bridge) return new LabClient(bridgeTransport(bridge));
  const token = tokenFromLocation(window.location);
  if (!token) {
    throw new Error('No API token in the address. Open the exact URL that `npm run web` printed.');
  }
  return new LabClient(httpTransport(new URL('./', window.location.href).href, token));
}
