/** App-wide lockdown: no navigation away, no new windows, no webviews, no permissions. */
import { app, session, type Event } from 'electron';
import { isAppUrl } from './protocol.ts';

function stayOnAppOrigin(event: Event, url: string): void {
  if (!isAppUrl(url)) event.preventDefault();
}

export function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', stayOnAppOrigin);
    contents.on('will-frame-navigate', (event) => stayOnAppOrigin(event, event.url));
    contents.on('will-redirect', stayOnAppOrigin);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
