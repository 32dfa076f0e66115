/**
 * Lays out what electron-builder would put in an installed app's resources folder, from
 * electron-builder.yml's `files` (→ resources/app.asar/, here a plain folder) and `extraResources`
 * (→ resources/<to>/). Same pattern rules: ordered globs relative to the project, `!` excludes.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './built-app.ts';

export interface BuilderConfig {
  files: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  [key: string]: unknown;
}

export function readBuilderConfig(): BuilderConfig {
  return parse(readFileSync(join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

function walk(dir: string, skip: Set<string>): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(path, new Set()));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

function selected(relativePath: string, patterns: string[]): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (minimatch(relativePath, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(relativePath, pattern, { dot: true })) included = true;
  }
  return included;
}

const posix = (path: string): string => path.split(sep).join('/');

/** Copies the selection into `<target>/resources`; returns that folder and the app folder in it. */
export function stagePackagedApp(config: BuilderConfig, target: string): { resources: string; app: string; appFiles: string[] } {
  const resources = join(target, 'resources');
  const app = join(resources, 'app.asar');
  const appFiles = walk(PROJECT_ROOT, new Set(['node_modules', '.git', 'release']))
    .map((file) => posix(relative(PROJECT_ROOT, file)))
    .filter((file) => selected(file, config.files));
  for (const file of appFiles) {
    mkdirSync(dirname(join(app, file)), { recursive: true });
    cpSync(join(PROJECT_ROOT, file), join(app, file));
  }
  for (const extra of config.extraResources) {
    const from = join(PROJECT_ROOT, extra.from);
    for (const file of walk(from, new Set())) {
      const inside = posix(relative(from, file));
      if (!selected(inside, extra.filter)) continue;
      mkdirSync(dirname(join(resources, extra.to, inside)), { recursive: true });
      cpSync(file, join(resources, extra.to, inside));
    }
  }
  return { resources, app, appFiles };
}
