/**
 * Runs a built bundle (dist/electron/*.cjs) with `require('electron')` answered by a stand-in.
 * The main bundle gets Node as Electron's main process has it; the preload runs in a fresh `vm`
 * context whose `require` knows only 'electron', as a sandboxed preload's does.
 */
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

export function loadMainBundle(bundlePath: string, electron: unknown): void {
  const bundle = new Module(bundlePath);
  bundle.filename = bundlePath;
  bundle.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(bundlePath));
  const nodeRequire = createRequire(bundlePath);
  bundle.require = ((id: string) => (id === 'electron' ? electron : nodeRequire(id))) as NodeJS.Require;
  (bundle as unknown as { _compile(source: string, filename: string): void })._compile(readFileSync(bundlePath, 'utf8'), bundlePath);
}

export function runPreloadInVm(bundlePath: string, electron: unknown): { required: string[]; context: vm.Context } {
  const required: string[] = [];
  const module = { exports: {} };
  const require = (id: string): unknown => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require '${id}'`);
  };
  // Electron wraps a sandboxed preload in a function, as Node wraps a CommonJS module.
  const context = vm.createContext({});
  const wrapped = vm.compileFunction(readFileSync(bundlePath, 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], {
    filename: bundlePath,
    parsingContext: context,
  });
  wrapped(module.exports, require, module, bundlePath, dirname(bundlePath));
  return { required, context };
}
