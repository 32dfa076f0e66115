/** The layer rules in eslint.config.js really reject wrong-way imports (and allow the right ones). */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('layer boundaries', () => {
  it('the renderer cannot import Node, electron or main-process services', async () => {
    const messages = await restrictedMessages(
      'renderer/src/lib/probe.ts',
      "import { readFileSync } from 'node:fs';\nimport { join } from 'path';\nimport { ipcRenderer } from 'electron';\nimport { settingsFromEnv } from '../../../electron/services/settings.ts';\nexport const x = [readFileSync, join, ipcRenderer, settingsFromEnv];\n",
    );
    expect(messages).toHaveLength(4);
  });

  it('the renderer may import the pure API contract', async () => {
    const messages = await restrictedMessages(
      'renderer/src/lib/probe.ts',
      "import type { AppInfo } from '../../../electron/api/contract.ts';\nexport type X = AppInfo;\n",
    );
    expect(messages).toEqual([]);
  });

  it('workers cannot import Node, electron, main-process code or use the DOM', async () => {
    const messages = await restrictedMessages(
      'workers/engine/probe.ts',
      "import { readFile } from 'node:fs/promises';\nimport { app } from 'electron';\nimport { api } from '../../electron/api/contract.ts';\nexport const x = [readFile, app, api, document.body];\n",
    );
    expect(messages).toHaveLength(4);
  });

  it('main-process services cannot import electron', async () => {
    const messages = await restrictedMessages('electron/services/probe.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(messages).toHaveLength(1);
  });

  it('the Electron shell may import electron', async () => {
    const messages = await restrictedMessages('electron/shell/probe.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(messages).toEqual([]);
  });
});
