#!/usr/bin/env node
// The command-line lab: `npx mnist-lab help`. Builds on first use in a checkout.
import { existsSync } from 'node:fs';
import { buildAll, buildIsFresh } from '../scripts/build.mjs';

const cli = new URL('../dist/cli/main.mjs', import.meta.url);
if (!existsSync(cli) || !buildIsFresh()) await buildAll({ quiet: true });
await import(cli.href);
