/**
 * The built main-process bundle (dist/electron/main.cjs) executed in Node, with a recording stand-in
 * for the `electron` module (the real Electron runtime cannot be installed here). Everything below
 * the stand-in is real: the core, the services, the protocol handler reading dist/renderer, the IPC
 * registry, the dialogs' file writes.
 */
import { linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetSpec } from '../../workers/engine/spec/presets.ts';
import { BUILT_MAIN, BUILT_PRELOAD, BUILT_RENDERER, ensureBuilt, PROJECT_ROOT } from '../../test-support/built-app.ts';
import { bootFolder, bootMainProcess as boot, callIpc as call, clearLabEnvironment, removeBootFolders, requestApp as serve, trustedEvent } from '../../test-support/electron-stand-in/boot.ts';
import { loadMainBundle } from '../../test-support/electron-stand-in/load-bundle.ts';
import { createMainProcessStandIn } from '../../test-support/electron-stand-in/main-process.ts';
import { standInEvent } from '../../test-support/electron-stand-in/events.ts';
import { STAND_IN_NOTICE } from '../../test-support/electron-stand-in/notice.ts';
import { mnistFilePath } from '../../test-support/mnist-files.ts';

beforeAll(async () => {
  console.info(STAND_IN_NOTICE);
  const restoreEnvironment = clearLabEnvironment();
  await ensureBuilt();
  return () => {
    restoreEnvironment();
    removeBootFolders();
  };
});

describe('main process (electron stand-in: records calls; the real Electron runtime cannot be installed here)', () => {
  it('opens every window sandboxed and isolated, with the built preload, on app://lab', async () => {
    const { standIn, window } = await boot();
    const lateWindow = standIn.nextWindow();
    window.close();
    standIn.electron.app.emit('activate');
    const second = await lateWindow;
    for (const w of [window, second]) {
      const prefs = w.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: BUILT_PRELOAD,
      });
      for (const risky of ['nodeIntegrationInSubFrames', 'experimentalFeatures', 'enableBlinkFeatures', 'contextIsolationInWorker']) {
        expect(prefs[risky], risky).toBeUndefined();
      }
      expect(statSync(String(prefs.preload)).isFile()).toBe(true);
      expect(w.loadedUrls).toEqual(['app://lab/index.html']);
    }
    expect(window.options.backgroundColor).toBe('#f7f8fa');
    expect((await boot({ darkTheme: true })).window.options.backgroundColor).toBe('#0f1318');
    expect(standIn.privilegedSchemes).toHaveLength(1);
    expect(standIn.privilegedSchemes[0]).toMatchObject({ beforeReady: true, schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }] });
  });

  it('app:// serves the built renderer with COOP/COEP/CSP and refuses traversal and other hosts', async () => {
    const { standIn } = await boot();
    const page = await serve(standIn, 'app://lab/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(join(BUILT_RENDERER, 'index.html'), 'utf8'));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    expect(csp.replaceAll("'wasm-unsafe-eval'", '')).not.toContain('unsafe-eval');

    const wasm = readdirSync(join(BUILT_RENDERER, 'wasm')).filter((f) => f.endsWith('.wasm'));
    expect(wasm.length).toBeGreaterThanOrEqual(3);
    for (const file of wasm) {
      const response = await serve(standIn, `app://lab/wasm/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/wasm');
    }

    // package.json sits two folders above dist/renderer: every spelling of "go up" must miss it.
    const outside = [
      'app://lab/../../package.json',
      'app://lab/%2e%2e/%2e%2e/package.json',
      'app://lab/..%2f..%2fpackage.json',
      'app://lab/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://lab/..\\..\\package.json',
      'app://lab/..%5c..%5cpackage.json',
      'app://lab/%00index.html',
      'app://lab//etc/passwd',
      'app://evil/index.html',
      'app://lab.evil/index.html',
      'app://user@lab/index.html',
      'app://lab:8080/index.html',
      'not a url',
    ];
    for (const url of outside) {
      const response = await serve(standIn, url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('"name": "mnist-lab"');
      expect(response.headers.get('content-security-policy'), url).toBe(csp);
    }
  });

  it('the IPC registry refuses unknown windows, sub-frames and other origins, and dispatches trusted calls', async () => {
    const { standIn, window } = await boot();
    const trusted = await call(standIn, trustedEvent(window), 'app.ping', { echo: 'ipc' });
    expect(trusted).toMatchObject({ ok: true, result: { pong: true, echo: 'ipc' } });
    // Electron may hand out a new WebFrameMain object for the same main frame.
    const sameFrameNewObject = { sender: window.webContents, senderFrame: { ...window.webContents.mainFrame } };
    expect(await call(standIn, sameFrameNewObject, 'app.ping', { echo: 'again' })).toMatchObject({ ok: true, result: { echo: 'again' } });
    const info = await call(standIn, trustedEvent(window), 'app.info');
    expect(info).toMatchObject({ ok: true, result: { name: 'MNIST Lab', host: 'electron' } });
    expect(await call(standIn, trustedEvent(window), 'app.ping', { echo: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    expect(await call(standIn, trustedEvent(window), 'no.such.call')).toMatchObject({ ok: false });

    const stranger = new standIn.electron.BrowserWindow({ webPreferences: {} });
    void stranger.loadURL('app://lab/index.html');
    const main = window.webContents.mainFrame;
    const subFrame = { url: 'app://lab/index.html', parent: main, processId: main.processId, routingId: 999 };
    const subFrameWithMainIds = { ...subFrame, routingId: main.routingId };
    const refused: [string, unknown][] = [
      ['a window the app did not open', trustedEvent(stranger)],
      ['a sub-frame of our window', { sender: window.webContents, senderFrame: subFrame }],
      ['a sub-frame claiming the main frame ids', { sender: window.webContents, senderFrame: subFrameWithMainIds }],
      ['no sender frame (navigated away)', { sender: window.webContents, senderFrame: null }],
      ["another window's frame", { sender: window.webContents, senderFrame: stranger.webContents.mainFrame }],
    ];
    for (const [what, event] of refused) {
      expect(await call(standIn, event, 'app.ping', { echo: 'x' }), what).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    for (const origin of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/index.html', 'app://lab.evil/', 'data:text/html,x']) {
      window.webContents.mainFrame.url = origin;
      expect(await call(standIn, trustedEvent(window), 'app.ping', { echo: 'x' }), origin).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    window.webContents.mainFrame.url = 'app://lab/index.html';
    window.close();
    expect(await call(standIn, trustedEvent(window), 'app.ping', { echo: 'x' }), 'a closed window').toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('denies navigation away, window.open, webviews and every permission', async () => {
    const { standIn, window } = await boot();
    const contents = window.webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://lab/index.html' })).toEqual({ action: 'deny' });

    const navigate = (eventName: string, url: string): boolean => {
      const event = standInEvent({ url, isMainFrame: true });
      contents.emit(eventName, event, url);
      return event.defaultPrevented;
    };
    for (const eventName of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', '::not a url::']) {
        expect(navigate(eventName, url), `${eventName} ${url}`).toBe(true);
      }
      expect(navigate(eventName, 'app://lab/index.html'), `${eventName} to our own page`).toBe(false);
    }
    const webview = standInEvent();
    contents.emit('will-attach-webview', webview, {}, { src: 'https://example.com/' });
    expect(webview.defaultPrevented).toBe(true);

    // Any other web contents (a devtools or webview contents) gets the same lockdown.
    const other = new (Object.getPrototypeOf(contents).constructor as new () => typeof contents)();
    standIn.electron.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(other.listenerCount('will-attach-webview')).toBe(1);

    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      const answers: boolean[] = [];
      standIn.permissions.request?.(contents, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(standIn.permissions.check?.(contents, permission, 'app://lab', {}), permission).toBe(false);
    }
  });

  it('single instance: a second launch quits before touching the data folder; the first focuses its window', async () => {
    const dir = bootFolder('main-second-');
    const second = createMainProcessStandIn({ singleInstanceLock: false, paths: { userData: join(dir, 'userData'), documents: dir }, appPath: PROJECT_ROOT });
    loadMainBundle(BUILT_MAIN, second.electron);
    second.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(second.calls.map((c) => c.api)).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
    expect(second.windows).toHaveLength(0);
    expect(second.ipcHandlers.size).toBe(0);
    expect(second.protocolHandlers.size).toBe(0);
    expect(readdirSync(dir)).toEqual([]);

    const { standIn, window } = await boot();
    window.minimized = true;
    standIn.electron.app.emit('second-instance', {}, ['mnist-lab'], PROJECT_ROOT);
    expect(standIn.calls.map((c) => c.api).filter((api) => api.startsWith('window.'))).toEqual(['window.restore', 'window.focus']);
    standIn.electron.app.emit('window-all-closed');
    expect(standIn.calls.at(-1)?.api).toBe(process.platform === 'darwin' ? 'window.focus' : 'app.quit');
  });

  it('a start-up failure is shown to the user and ends the app, instead of a window that never answers', async () => {
    const dir = bootFolder('main-broken-');
    const notAFolder = join(dir, 'userData');
    writeFileSync(notAFolder, 'a file where the data folder should be');
    const standIn = createMainProcessStandIn({ paths: { userData: notAFolder, documents: dir }, appPath: PROJECT_ROOT });
    loadMainBundle(BUILT_MAIN, standIn.electron);
    standIn.becomeReady();
    await expect.poll(() => standIn.calls.at(-1)?.api).toBe('app.exit');
    expect(standIn.calls.at(-1)?.args).toEqual([1]);
    expect(standIn.dialogRequests).toEqual([{ kind: 'error', options: { title: 'MNIST Lab could not start', content: expect.stringContaining(notAFolder) } }]);
    expect(standIn.windows).toHaveLength(0);
  });

  it('remembers the window size and place, and ignores a saved state that is broken or off every display', async () => {
    const first = await boot();
    const paths = { userData: first.dataDir, documents: join(first.dir, 'Documents') };
    first.window.bounds = { x: 100, y: 50, width: 1000, height: 700 };
    first.window.maximized = true;
    first.window.close();
    const stateFile = join(first.dataDir, 'window-state.json');
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toEqual({ bounds: { x: 100, y: 50, width: 1000, height: 700 }, maximized: true });

    const again = await boot({ paths });
    expect(again.window.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700, minWidth: 900, minHeight: 600 });
    expect(again.standIn.calls.map((c) => c.api)).toContain('window.maximize');

    // The monitor it was on is gone: same size, placed by the system (no x/y).
    writeFileSync(stateFile, JSON.stringify({ bounds: { x: 3000, y: 200, width: 1000, height: 700 }, maximized: false }));
    const moved = await boot({ paths, displays: [{ x: 0, y: 0, width: 1280, height: 800 }] });
    expect(moved.window.options).toMatchObject({ width: 1000, height: 700 });
    expect(moved.window.options.x).toBeUndefined();

    for (const broken of ['{ not json', 'null', '{"bounds":{"width":"wide","height":700}}', '{"bounds":{"width":10,"height":10}}', '{"bounds":{"width":1e9,"height":700}}']) {
      writeFileSync(stateFile, broken);
      const fresh = await boot({ paths });
      expect(fresh.window.options, broken).toMatchObject({ width: 1280, height: 860 });
      expect(fresh.window.options.x, broken).toBeUndefined();
    }
  });

  it("the open-file dialog's choice reaches the dataset import; a cancelled dialog imports nothing", async () => {
    const { standIn, window, dataDir } = await boot();
    standIn.dialogAnswers.open.push({ canceled: true, filePaths: [] });
    expect(await call(standIn, trustedEvent(window), 'dataset.import', { name: 'mnist' })).toEqual({ ok: true, result: { cancelled: true } });

    const files = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;
    standIn.dialogAnswers.open.push({ canceled: false, filePaths: files.map((f) => mnistFilePath(f)) });
    const imported = await call(standIn, trustedEvent(window), 'dataset.import', { name: 'mnist' });
    expect(imported).toMatchObject({ ok: true, result: { name: 'mnist', status: 'ready' } });
    expect(standIn.dialogRequests.filter((r) => r.kind === 'open')).toHaveLength(2);
    expect(standIn.dialogRequests[0]?.options).toMatchObject({ properties: ['openFile', 'multiSelections'] });
    const listed = await call(standIn, trustedEvent(window), 'dataset.list');
    expect((listed.result as { name: string; status: string }[]).find((d) => d.name === 'mnist')?.status).toBe('ready');
    expect(readdirSync(join(dataDir, 'datasets', 'mnist')).length).toBeGreaterThanOrEqual(4);
  });

  it("the save dialog's path gets the export bytes, replaced atomically (a new file renamed into place)", async () => {
    const { standIn, window, dir } = await boot();
    const target = join(dir, 'exports', 'model.zip');
    mkdirSync(join(dir, 'exports'));
    writeFileSync(target, 'the previous export');
    const oldCopy = join(dir, 'old-link.zip');
    linkSync(target, oldCopy);
    const bytes = new Uint8Array(4096).map((_, i) => (i * 31) % 256);

    standIn.dialogAnswers.save.push({ canceled: true });
    expect(await call(standIn, trustedEvent(window), 'exports.save', { suggestedName: 'model.zip', bytes })).toEqual({ ok: true, result: { saved: false } });
    standIn.dialogAnswers.save.push({ canceled: false, filePath: target });
    expect(await call(standIn, trustedEvent(window), 'exports.save', { suggestedName: 'model.zip', bytes })).toEqual({ ok: true, result: { saved: true, path: target } });

    expect(new Uint8Array(readFileSync(target))).toEqual(bytes);
    // Written in place, the hard link would show the new bytes too; a rename leaves it the old file.
    expect(readFileSync(oldCopy, 'utf8')).toBe('the previous export');
    expect(readdirSync(join(dir, 'exports'))).toEqual(['model.zip']);
    expect(standIn.dialogRequests.filter((r) => r.kind === 'save').at(-1)?.options).toMatchObject({ defaultPath: join(dir, 'Documents', 'model.zip') });
  });

  it('marks the active run interrupted on a real reload or a renderer crash, not on sub-frame or same-document navigations', async () => {
    const { standIn, window } = await boot();
    const event = trustedEvent(window);
    const settings = { dataset: 'mnist', backend: 'wasm', threads: 1, appVersion: '0.1.0' };
    const create = async () => ((await call(standIn, event, 'runs.create', { spec: presetSpec('chollet-ch2'), settings })).result as { id: string }).id;
    const status = async (id: string) => ((await call(standIn, event, 'runs.get', { id })).result as { status: string }).status;
    const startNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }) =>
      window.webContents.emit('did-start-navigation', standInEvent({ url: 'app://lab/index.html', ...details }), 'app://lab/index.html', details.isSameDocument, details.isMainFrame, 1, 1);

    const first = await create();
    startNavigation({ isMainFrame: false, isSameDocument: false });
    startNavigation({ isMainFrame: true, isSameDocument: true });
    expect(await status(first)).toBe('running');
    startNavigation({ isMainFrame: true, isSameDocument: false });
    expect(await status(first)).toBe('interrupted');

    const second = await create();
    window.webContents.emit('render-process-gone', standInEvent(), { reason: 'crashed', exitCode: 1 });
    expect(await status(second)).toBe('interrupted');
    const runEvents = window.webContents.sent.filter((m) => m.channel === 'lab:event' && m.args[0] === 'runs.changed');
    expect(runEvents.length).toBeGreaterThanOrEqual(2);
  });
});
