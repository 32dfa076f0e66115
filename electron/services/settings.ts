/** Settings every host reads from the environment (tests, power users, CI). */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface LabSettings {
  /** Where datasets, runs and exports live. */
  dataDir: string;
  /** Mirror base URLs replacing the dataset catalog's (the only way a plain-http loopback mirror is allowed). */
  mirrors: string[] | undefined;
  /** The offline dataset copy the app carries (assets/datasets), when present. */
  bundledDir?: string | undefined;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv, defaultDataDir = join(homedir(), '.mnist-lab')): LabSettings {
  const home = env.MNIST_LAB_HOME?.trim();
  const mirrors = env.MNIST_LAB_MIRRORS?.split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  return {
    dataDir: resolve(home || defaultDataDir),
    mirrors: mirrors && mirrors.length > 0 ? mirrors : undefined,
  };
}
