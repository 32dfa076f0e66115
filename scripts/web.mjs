#!/usr/bin/env node
/** `npm run web [-- --port N --no-open]`: build if sources changed, then start the web host. */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, buildIsFresh } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!buildIsFresh()) {
  process.stderr.write('MNIST Lab: building (first start or sources changed)…\n');
  await buildAll({ quiet: true });
}
const child = spawn(process.execPath, [join(root, 'dist', 'web', 'main.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
