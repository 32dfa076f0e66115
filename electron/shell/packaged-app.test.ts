/**
 * The installed app's layout, made from electron-builder.yml's files/extraResources, with the built
 * main process started in it as packaged (electron stand-in: app.isPackaged, process.resourcesPath):
 * the renderer and the wasm files are served from where `files` put them, and the offline MNIST copy
 * installs from where `extraResources` put it — the paths main.ts computes.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../test-support/built-app.ts';
import { bootMainProcess, callIpc, clearLabEnvironment, removeBootFolders, requestApp, trustedEvent } from '../../test-support/electron-stand-in/boot.ts';
import { STAND_IN_NOTICE } from '../../test-support/electron-stand-in/notice.ts';
import { readBuilderConfig, stagePackagedApp } from '../../test-support/packaged-layout.ts';

const processWithResources = process as Omit<NodeJS.Process, 'resourcesPath'> & { resourcesPath?: string };
const stage = mkdtempSync(join(tmpdir(), 'packaged-'));
let restoreEnvironment: () => void = () => {};

beforeAll(async () => {
  console.info(STAND_IN_NOTICE);
  restoreEnvironment = clearLabEnvironment();
  await ensureBuilt();
});

afterAll(() => {
  restoreEnvironment();
  delete processWithResources.resourcesPath;
  rmSync(stage, { recursive: true, force: true });
  removeBootFolders();
});

describe('packaged app layout (electron stand-in: records calls; the real Electron runtime cannot be installed here)', () => {
  it('serves the renderer and wasm files and installs the bundled MNIST from the paths main.ts computes', async () => {
    const { resources, app, appFiles } = stagePackagedApp(readBuilderConfig(), stage);
    expect(appFiles).toContain('dist/electron/main.cjs');
    expect(appFiles).toContain('package.json');
    expect(appFiles.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(appFiles.filter((f) => f.startsWith('assets/'))).toEqual([]);

    processWithResources.resourcesPath = resources;
    const { standIn, window } = await bootMainProcess({ bundle: join(app, 'dist', 'electron', 'main.cjs'), appPath: app, isPackaged: true });
    const preload = (window.options.webPreferences as { preload: string }).preload;
    expect(preload).toBe(join(app, 'dist', 'electron', 'preload.cjs'));
    expect(existsSync(preload)).toBe(true);

    const page = await requestApp(standIn, 'app://lab/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(join(app, 'dist', 'renderer', 'index.html'), 'utf8'));
    const wasm = readdirSync(join(app, 'dist', 'renderer', 'wasm')).filter((f) => f.endsWith('.wasm'));
    expect(wasm).toEqual(expect.arrayContaining(['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']));
    for (const file of wasm) {
      const response = await requestApp(standIn, `app://lab/wasm/${file}`);
      expect(response.status, file).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer()).subarray(0, 4)).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
    }

    const listed = await callIpc(standIn, trustedEvent(window), 'dataset.list');
    expect((listed.result as { name: string; bundled: boolean }[]).find((d) => d.name === 'mnist')).toMatchObject({ bundled: true, status: 'missing' });
    const installed = await callIpc(standIn, trustedEvent(window), 'dataset.installBundled', { name: 'mnist' });
    expect(installed).toMatchObject({ ok: true, result: { name: 'mnist', status: 'ready' } });
  });
});
