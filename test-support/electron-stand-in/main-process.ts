/**
 * A recording double of the `electron` module as the main process sees it: app, BrowserWindow,
 * protocol, ipcMain, session, dialog. It runs nothing of Chromium; it keeps what the main process
 * asked for (window options, handlers, quit/focus calls) so a test can drive and inspect it.
 * The real Electron runtime cannot be installed on this machine; e2e/electron.spec.ts covers it
 * where a binary exists.
 */
import { EventEmitter } from 'node:events';

export interface StandInFrame {
  url: string;
  parent: StandInFrame | null;
  processId: number;
  routingId: number;
}

let nextRoutingId = 1;

export class StandInWebContents extends EventEmitter {
  readonly mainFrame: StandInFrame = { url: '', parent: null, processId: 1, routingId: nextRoutingId++ };
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

type OpenDialogAnswer = { canceled: boolean; filePaths: string[] };
type SaveDialogAnswer = { canceled: boolean; filePath?: string };

export interface StandInOptions {
  /** What requestSingleInstanceLock() answers: false makes this the second instance. */
  singleInstanceLock?: boolean;
  paths: { userData: string; documents: string };
  appPath: string;
  isPackaged?: boolean;
  /** What nativeTheme.shouldUseDarkColors answers (default false: a light OS theme). */
  darkTheme?: boolean;
  /** Work areas of the displays screen.getAllDisplays() reports (default: one 1920×1080). */
  displays?: { x: number; y: number; width: number; height: number }[];
  version?: string;
}

export function createMainProcessStandIn(options: StandInOptions) {
  const calls: { api: string; args: unknown[] }[] = [];
  const record = (api: string, ...args: unknown[]): void => void calls.push({ api, args });
  const windows: StandInBrowserWindow[] = [];
  const windowWaiters: ((window: StandInBrowserWindow) => void)[] = [];
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const privilegedSchemes: { schemes: unknown; beforeReady: boolean }[] = [];
  const permissions: { request?: (...args: unknown[]) => void; check?: (...args: unknown[]) => boolean } = {};
  const dialogAnswers = { open: [] as OpenDialogAnswer[], save: [] as SaveDialogAnswer[] };
  const dialogRequests: { kind: 'open' | 'save' | 'error'; options: unknown }[] = [];

  let ready = false;
  let markReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  class StandInApp extends EventEmitter {
    readonly isPackaged = options.isPackaged ?? false;
    requestSingleInstanceLock(): boolean {
      record('app.requestSingleInstanceLock');
      return options.singleInstanceLock ?? true;
    }
    whenReady(): Promise<void> {
      record('app.whenReady');
      return readyPromise;
    }
    isReady(): boolean {
      return ready;
    }
    quit(): void {
      record('app.quit');
    }
    exit(code?: number): void {
      record('app.exit', code);
    }
    getPath(name: string): string {
      const path = (options.paths as Record<string, string>)[name];
      if (!path) throw new Error(`electron stand-in: app.getPath('${name}') is not set up`);
      return path;
    }
    getAppPath(): string {
      return options.appPath;
    }
    getVersion(): string {
      return options.version ?? '0.0.0-stand-in';
    }
  }
  const app = new StandInApp();

  class StandInBrowserWindow extends EventEmitter {
    static getAllWindows(): StandInBrowserWindow[] {
      return windows.filter((w) => !w.destroyed);
    }
    static getFocusedWindow(): StandInBrowserWindow | null {
      return windows.find((w) => w.focused && !w.destroyed) ?? null;
    }
    readonly webContents = new StandInWebContents();
    readonly loadedUrls: string[] = [];
    destroyed = false;
    focused = false;
    minimized = false;
    maximized = false;
    bounds: { x: number; y: number; width: number; height: number };

    constructor(readonly options: Record<string, unknown>) {
      super();
      this.bounds = { x: Number(options.x ?? 0), y: Number(options.y ?? 0), width: Number(options.width ?? 800), height: Number(options.height ?? 600) };
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
      for (const waiter of windowWaiters.splice(0)) waiter(this);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url);
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      this.emit('close', {});
      this.destroyed = true;
      this.emit('closed');
    }
    focus(): void {
      record('window.focus');
      this.focused = true;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      record('window.restore');
      this.minimized = false;
    }
    show(): void {}
    maximize(): void {
      record('window.maximize');
      this.maximized = true;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    getNormalBounds() {
      return { ...this.bounds };
    }
  }

  const electron = {
    app,
    BrowserWindow: StandInBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown) {
        privilegedSchemes.push({ schemes, beforeReady: !ready });
      },
      handle(scheme: string, handler: (request: { url: string }) => Promise<Response>) {
        protocolHandlers.set(scheme, handler);
      },
    },
    ipcMain: {
      handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
        // Electron throws on a second handler for one channel; so does the stand-in.
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, handler);
      },
    },
    nativeTheme: { shouldUseDarkColors: options.darkTheme ?? false },
    screen: {
      getAllDisplays() {
        return (options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1080 }]).map((workArea, id) => ({ id, workArea, bounds: workArea }));
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
          permissions.request = handler;
        },
        setPermissionCheckHandler(handler: (...args: unknown[]) => boolean) {
          permissions.check = handler;
        },
      },
    },
    dialog: {
      showOpenDialog(...args: unknown[]): Promise<OpenDialogAnswer> {
        dialogRequests.push({ kind: 'open', options: args.at(-1) });
        return Promise.resolve(dialogAnswers.open.shift() ?? { canceled: true, filePaths: [] });
      },
      showSaveDialog(...args: unknown[]): Promise<SaveDialogAnswer> {
        dialogRequests.push({ kind: 'save', options: args.at(-1) });
        return Promise.resolve(dialogAnswers.save.shift() ?? { canceled: true });
      },
      showErrorBox(title: string, content: string): void {
        dialogRequests.push({ kind: 'error', options: { title, content } });
      },
    },
  };

  return {
    electron,
    calls,
    windows,
    ipcHandlers,
    protocolHandlers,
    privilegedSchemes,
    permissions,
    dialogAnswers,
    dialogRequests,
    /** Fires app's ready: what Electron does once Chromium has started. */
    becomeReady(): void {
      ready = true;
      markReady();
      app.emit('ready');
    },
    nextWindow(timeoutMs = 30_000): Promise<StandInBrowserWindow> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('electron stand-in: no window was created')), timeoutMs);
        windowWaiters.push((window) => {
          clearTimeout(timer);
          resolve(window);
        });
      });
    },
  };
}

export type MainProcessStandIn = ReturnType<typeof createMainProcessStandIn>;
export type StandInWindow = MainProcessStandIn['windows'][number];
