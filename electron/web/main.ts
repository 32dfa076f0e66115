/**
 * `npm run web`: the lab in your browser, served from 127.0.0.1 with the same API as the app.
 * Usage: web [--port N] [--no-open]
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { createLabCore } from '../core.ts';
import { settingsFromEnv } from '../services/settings.ts';
import { startWebHost } from './host.ts';
import { removeStartFile, writeStartFile } from './start-file.ts';

interface WebArgs {
  port: number;
  open: boolean;
}

function parseArgs(argv: string[]): WebArgs {
  const args: WebArgs = { port: 0, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--no-open') args.open = false;
    else if (arg === '--port' || arg?.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port needs a number 0–65535, got ${value}`);
      args.port = port;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('Usage: npm run web -- [--port N] [--no-open]\n');
      process.exit(0);
    } else throw new Error(`Unknown option ${arg} (try --help)`);
  }
  return args;
}

/** Opens a file (the start page: never the URL, whose token a command line would show to `ps`). */
function openInBrowser(file: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [file], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

/**
 * The last guard: request handlers catch their own errors, but a stray callback or a forgotten
 * promise in a service must not take the lab (and the learner's open page) down with it.
 */
function keepServingAfterStrayErrors(token: string): void {
  const report = (error: unknown): void => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`MNIST Lab: internal error, still serving: ${text.replaceAll(token, '…')}\n`);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}

async function main(): Promise<void> {
  let args: WebArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`MNIST Lab: ${(error as Error).message}\n`);
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const settings = { ...settingsFromEnv(process.env), bundledDir: join(here, '..', '..', 'assets', 'datasets') };
  const core = createLabCore({ name: packageJson.productName, version: packageJson.version, host: 'web' }, settings);
  await core.prepare();
  const host = await startWebHost({ core, rendererDir: join(here, '..', 'renderer'), port: args.port }).catch(
    (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? `port ${args.port} is in use` : error.message;
      process.stderr.write(`MNIST Lab: cannot start the web host: ${reason}\n`);
      process.exit(1);
    },
  );
  keepServingAfterStrayErrors(host.token);
  const startFile = writeStartFile(settings.dataDir, host.port, host.url);
  // Before anything is printed: whoever reads the output may stop us at once.
  process.on('exit', () => removeStartFile(startFile));
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The one line that carries the token (the user needs it; e2e/support/web-host.ts parses it).
  process.stdout.write(`MNIST Lab: ${host.url}\n`);
  process.stderr.write(`(start page: ${startFile}; data folder: ${settings.dataDir}; press Ctrl+C to stop)\n`);
  if (args.open) openInBrowser(startFile);
}

main().catch((error: unknown) => {
  process.stderr.write(`MNIST Lab: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
