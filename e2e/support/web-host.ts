/**
 * Starts the built web host (dist/web/main.mjs, exactly what `npm run web` runs) as a child
 * process with its own temporary data folder, and reads the URL it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningWebHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** The 0600 start page the host wrote (and would open in a browser). */
  startFile: string;
  /** Everything the host printed so far. */
  output(): { stdout: string; stderr: string };
  /** Stops the host; the data folder is removed unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startWebHost(env: Record<string, string> = {}): Promise<RunningWebHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mnist-lab-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['dist/web/main.mjs', '--no-open'], {
    env: { ...process.env, MNIST_LAB_HOME: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const { url, startFile } = await new Promise<{ url: string; startFile: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not print its URL in 20 s; stderr: ${stderr}`)), 20_000);
    const check = (): void => {
      const url = /^MNIST Lab: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(stdout)?.[1];
      const startFile = /^\(start page: ([^;]+);/m.exec(stderr)?.[1];
      if (url && startFile) {
        clearTimeout(timer);
        resolve({ url, startFile });
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      check();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      check();
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}; stderr: ${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    dataDir,
    startFile,
    output: () => ({ stdout, stderr }),
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
