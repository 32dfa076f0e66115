import { describe, expect, it } from 'vitest';
import { settingsFromEnv } from './settings.ts';

describe('settingsFromEnv', () => {
  it('uses MNIST_LAB_HOME and splits MNIST_LAB_MIRRORS', () => {
    const settings = settingsFromEnv({ MNIST_LAB_HOME: '/tmp/lab', MNIST_LAB_MIRRORS: ' http://127.0.0.1:1/a/ ,, https://m/b/ ' }, '/default');
    expect(settings).toEqual({ dataDir: '/tmp/lab', mirrors: ['http://127.0.0.1:1/a/', 'https://m/b/'] });
  });

  it('falls back to the default data folder and the catalog mirrors', () => {
    expect(settingsFromEnv({ MNIST_LAB_HOME: '  ' }, '/default')).toEqual({ dataDir: '/default', mirrors: undefined });
  });
});
