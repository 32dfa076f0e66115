/**
 * The real desktop app through Playwright's Electron driver. Runs only where an Electron binary
 * is installed; elsewhere it is reported as skipped, never as a pass.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error -- plain .mjs helper shared with `npm start`, no type declarations
import { findElectronBinary } from '../scripts/electron-binary.mjs';

const binary = (findElectronBinary as () => string | undefined)();
if (!binary) console.info('skipped: no Electron binary (node_modules/electron/dist missing) — electron.spec.ts');

test.describe('desktop app', () => {
  test.skip(!binary, 'skipped: no Electron binary');

  let app: ElectronApplication;
  let dataDir: string;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mnist-lab-electron-'));
    app = await electron.launch({ executablePath: binary, args: ['.'], env: { ...process.env, MNIST_LAB_HOME: dataDir } });
  });

  test.afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens one locked-down, isolated window with the WASM engine', async () => {
    const page = await app.firstWindow();
    await expect(page.getByRole('navigation', { name: 'Panels' })).toBeVisible();
    expect(page.url()).toMatch(/^app:\/\/lab\//);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await expect(page.getByTestId('backend-line')).toContainText('wasm (SIMD');
    await expect(page.getByTestId('data-folder')).toContainText(dataDir);
    // Sandboxed, isolated, no Node: the page sees neither process nor require, only the bridge.
    const globals = await page.evaluate(() => ({
      process: typeof (globalThis as { process?: unknown }).process,
      bridgeMethods: Object.keys((globalThis as { labBridge?: object }).labBridge ?? {}).sort(),
    }));
    expect(globals).toEqual({ process: 'undefined', bridgeMethods: ['call', 'subscribe'] });
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('an API call round-trips over IPC and bad arguments get a structured error', async () => {
    const page = await app.firstWindow();
    const pong = await page.evaluate(() => (window as unknown as { labBridge: { call(n: string, a: unknown): Promise<unknown> } }).labBridge.call('app.ping', { echo: 'ipc' }));
    expect(pong).toMatchObject({ ok: true, result: { pong: true, echo: 'ipc' } });
    const bad = await page.evaluate(() => (window as unknown as { labBridge: { call(n: string, a: unknown): Promise<unknown> } }).labBridge.call('app.ping', { echo: 1 }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
  });

  test('app:// answers with the security headers and refuses paths outside the renderer', async () => {
    const page = await app.firstWindow();
    const answers = await page.evaluate(async () => {
      const index = await fetch('/index.html');
      const outside = await Promise.all(['/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/..%5c..%5cpackage.json'].map(async (path) => (await fetch(path)).status));
      return { csp: index.headers.get('content-security-policy'), coep: index.headers.get('cross-origin-embedder-policy'), outside };
    });
    expect(answers.csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(answers.coep).toBe('require-corp');
    expect(answers.outside).toEqual([404, 404, 404]);
  });

  test('a same-document navigation keeps the bridge trusted', async () => {
    const page = await app.firstWindow();
    await page.evaluate(() => history.replaceState(null, '', '#after'));
    const pong = await page.evaluate(() => (window as unknown as { labBridge: { call(n: string, a: unknown): Promise<unknown> } }).labBridge.call('app.ping', { echo: 'still' }));
    expect(pong).toMatchObject({ ok: true, result: { echo: 'still' } });
  });

  test('window.open and navigation away are denied', async () => {
    const page = await app.firstWindow();
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/lab\//);
  });
});
