#!/usr/bin/env node
/**
 * The installers' icons, rendered from assets/icon.svg (the one source):
 *   assets/icons/png/NxN.png   Linux (AppImage, deb): 16…1024, each rendered straight from the SVG
 *   assets/icons/icon.ico      Windows (NSIS, the .exe): 16…256, BMP below 64 px, PNG above
 *   assets/icons/icon.icns     macOS (dmg, the .app): 16…512@2x
 * The outputs are committed so `npm run dist` needs no rasterizer; scripts/packaging.test.ts renders
 * them again and fails when they are older than the SVG. Run `npm run icons` after editing it.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SOURCE = 'assets/icon.svg';
export const LINUX_ICON_DIR = 'assets/icons/png';
export const WINDOWS_ICON = 'assets/icons/icon.ico';
export const MAC_ICON = 'assets/icons/icon.icns';
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

function renderPng(svg, size) {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

/** Every icon file by its path relative to the project root. */
export function renderIcons() {
  const svg = readFileSync(join(root, ICON_SOURCE));
  const files = new Map(PNG_SIZES.map((size) => [`${LINUX_ICON_DIR}/${size}x${size}.png`, renderPng(svg, size)]));
  const large = files.get(`${LINUX_ICON_DIR}/1024x1024.png`);
  const ico = png2icons.createICO(large, png2icons.BICUBIC, 0, false, true);
  const icns = png2icons.createICNS(large, png2icons.BICUBIC, 0);
  if (!ico || !icns) throw new Error('png2icons could not convert the 1024 px icon');
  files.set(WINDOWS_ICON, ico);
  files.set(MAC_ICON, icns);
  return files;
}

function writeAtomic(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.part`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [path, bytes] of renderIcons()) {
    writeAtomic(join(root, path), bytes);
    console.log(`${path}: ${bytes.length} bytes`);
  }
}
