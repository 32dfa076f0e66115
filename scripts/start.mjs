#!/usr/bin/env node
/** `npm start`: build if needed, then open the desktop app — or say clearly why it cannot. */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, buildIsFresh } from './build.mjs';
import { electronPackageDir, findElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function fetchElectronBinary() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  process.stderr.write('MNIST Lab: fetching the Electron binary (first start)…\n');
  spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], { stdio: 'ignore', timeout: 180_000 });
}

let binary = findElectronBinary();
if (!binary) {
  fetchElectronBinary();
  binary = findElectronBinary();
}
if (!binary) {
  process.stderr.write(
    'MNIST Lab: no Electron binary is installed (node_modules/electron/dist is missing) — get it with `npx install-electron` on a machine that can reach Electron\'s download host, or run the lab in your browser now with `npm run web`.\n',
  );
  process.exit(1);
}
if (!buildIsFresh()) {
  process.stderr.write('MNIST Lab: building (first start or sources changed)…\n');
  await buildAll({ quiet: true });
}
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
