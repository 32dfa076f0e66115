/** The layer rules in eslint.config.js really reject wrong-way imports (and allow the right ones). */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restrictedMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('layer boundaries', () => {
  /** `uses`: globals the probe touches besides its imports */
  const cases: { rule: string; file: string; imports: string[]; uses?: string[]; blocked: number; first?: RegExp; last?: RegExp }[] = [
    {
      rule: 'the renderer cannot import Node, electron or main-process services',
      file: 'renderer/src/lib/probe.ts',
      imports: [
        "import { readFileSync } from 'node:fs';",
        "import { join } from 'path';",
        "import { ipcRenderer } from 'electron';",
        "import { settingsFromEnv } from '../../../electron/services/settings.ts';",
      ],
      blocked: 4,
    },
    {
      rule: 'the renderer may import the pure API contract',
      file: 'renderer/src/lib/probe.ts',
      imports: ["import type { AppInfo } from '../../../electron/api/contract.ts';"],
      blocked: 0,
    },
    {
      rule: 'the renderer bundle carries no TF.js, not even its types',
      file: 'renderer/src/lib/probe.ts',
      imports: ["import { tensor } from '@tensorflow/tfjs';", "import type { Tensor } from '@tensorflow/tfjs-core';"],
      blocked: 2,
      first: /renderer bundle carries no TF\.js/,
    },
    {
      rule: 'workers cannot import Node, electron, main-process code or use the DOM',
      file: 'workers/engine/probe.ts',
      imports: [
        "import { readFile } from 'node:fs/promises';",
        "import { app } from 'electron';",
        "import { api } from '../../electron/api/contract.ts';",
      ],
      uses: ['document.body'],
      blocked: 4,
    },
    {
      rule: 'main-process services cannot import electron',
      file: 'electron/services/probe.ts',
      imports: ["import { app } from 'electron';"],
      blocked: 1,
    },
    {
      rule: 'the Electron shell may import electron',
      file: 'electron/shell/probe.ts',
      imports: ["import { app } from 'electron';"],
      blocked: 0,
    },
    {
      rule: 'the renderer imports the TF.js engine only as types',
      file: 'renderer/src/lib/probe.ts',
      imports: ["import { initBackend } from '../../../workers/engine/backend.ts';", "import { evaluate } from '../../../workers/engine/metrics.ts';"],
      blocked: 2,
      first: /TF\.js runs in the training worker/,
    },
    {
      rule: 'the renderer may run the spec module, the protocol and the run recorder',
      file: 'renderer/src/lib/probe.ts',
      imports: [
        "import type { BackendInfo } from '../../../workers/engine/backend.ts';",
        "import { presetSpec } from '../../../workers/engine/spec/presets.ts';",
        "import { BACKEND_REQUESTS } from '../../../workers/protocol.ts';",
        "import { RunRecorder } from '../../../workers/run-recorder.ts';",
      ],
      blocked: 0,
    },
    {
      rule: 'workers use the API contract as types only, and never services',
      file: 'workers/probe.ts',
      imports: [
        "import type { RunSummary } from '../electron/api/contracts/runs.ts';",
        "import { RUN_ID_PATTERN } from '../electron/api/contracts/runs.ts';",
        "import { createRunsService } from '../electron/services/runs/index.ts';",
      ],
      blocked: 2,
      first: /types only/,
    },
    {
      rule: 'the API contract is pure: no Node, services, TF.js code or classes',
      file: 'electron/api/contracts/probe.ts',
      imports: [
        "import { readFile } from 'node:fs/promises';",
        "import { createRunsService } from '../../services/runs/index.ts';",
        "import { evaluate } from '../../../workers/engine/metrics.ts';",
        "import { validateSpec } from '../../../workers/engine/spec/validate.ts';",
        "import type { Evaluation } from '../../../workers/engine/metrics.ts';",
        'export class Recorder { n = 0; }',
      ],
      blocked: 4,
      last: /No classes in the API contract/,
    },
    {
      rule: 'services never import the hosts that use them',
      file: 'electron/services/probe.ts',
      imports: [
        "import { createLabCore } from '../core.ts';",
        "import { runTrain } from '../cli/train.ts';",
        "import { startWebHost } from '../web/host.ts';",
        "import type { DatasetSummary } from '../api/contracts/datasets.ts';",
      ],
      blocked: 3,
    },
  ];
  for (const { rule, file, imports, uses = [], blocked, first, last } of cases) {
    it(rule, async () => {
      // every imported name is used, so only the layer rules can complain
      const parsed = imports.map((line) => /^import (type )?\{ (\w+) \}/.exec(line)).filter((m) => m !== null);
      const types = parsed.filter((m) => m[1]).map((m) => m[2]);
      const values = parsed.filter((m) => !m[1]).map((m) => m[2]);
      const code = [...imports, ...types.map((t, i) => `export type T${i} = ${t};`), `export const used = [${[...values, ...uses].join(', ')}];`, ''].join('\n');
      const messages = await restrictedMessages(file, code);
      expect(messages).toHaveLength(blocked);
      if (first) expect(messages[0]).toMatch(first);
      if (last) expect(messages.at(-1)).toMatch(last);
    });
  }
});
