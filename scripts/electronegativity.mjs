#!/usr/bin/env node
/**
 * Electronegativity (Doyensec's Electron security scanner) over the main-process sources and the
 * built bundles, offline. Prints the findings as JSON (`--json`) or one line each.
 *
 *   node --import ./test-support/offline/refuse-outbound.mjs scripts/electronegativity.mjs [--json] [--input DIR]
 *
 * What it reads: every .ts/.js/.html under electron/ (its parser handles TypeScript), and the built
 * dist/electron/{main,preload}.cjs copied as .js (it skips .cjs), so what ships is checked too.
 * Offline: the scanner fetches translations at start (refused, it falls back to the bundled English)
 * and its "newer Electron releases" check downloads the release list, so that check is excluded:
 * Electron's version is pinned in package.json and moved on deliberately.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity');
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

async function scan(input, label) {
  const result = await electronegativity({ input, electronVersionOverride: electronVersion, excludeFromScan: EXCLUDED_CHECKS.map((c) => c.toLowerCase()) });
  return {
    checks: result.globalChecks + result.atomicChecks,
    errors: result.errors.map((e) => ({ file: join(label, relative(input, e.file)), message: e.message })),
    findings: result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file === 'N/A' ? 'N/A' : join(label, relative(input, issue.file)),
      line: issue.location.line,
      manualReview: Boolean(issue.manualReview),
      description: issue.description,
    })),
  };
}

function inputArgument() {
  const i = process.argv.indexOf('--input');
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main() {
  const input = inputArgument();
  const reports = [await scan(input ?? join(root, 'electron'), input ? 'input' : 'electron')];
  const built = join(root, 'dist', 'electron');
  if (!input && existsSync(join(built, 'main.cjs'))) {
    const copy = mkdtempSync(join(tmpdir(), 'electronegativity-'));
    try {
      for (const name of ['main', 'preload']) copyFileSync(join(built, `${name}.cjs`), join(copy, `${name}.js`));
      reports.push(await scan(copy, 'dist/electron'));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
  const report = {
    electronVersion,
    checks: reports[0].checks,
    scanned: reports.map((_, i) => (i === 0 ? (input ? 'input' : 'electron') : 'dist/electron')),
    errors: reports.flatMap((r) => r.errors),
    findings: reports.flatMap((r) => r.findings),
  };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  for (const f of report.findings) console.log(`${f.severity.padEnd(13)} ${f.id.padEnd(28)} ${f.file}:${f.line}  ${f.description}`);
  for (const e of report.errors) console.log(`PARSE ERROR   ${e.file}: ${e.message}`);
  console.log(`${report.findings.length} findings from ${report.checks} checks over ${report.scanned.join(' and ')}`);
}

main().catch((error) => {
  console.error(`electronegativity: ${error?.stack ?? error}`);
  process.exit(1);
});
