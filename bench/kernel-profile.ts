/**
 * Per-kernel time profile of one training step on wasm (patched kernels): every wasm kernelFunc is
 * wrapped and charged the time it took (nested kernel calls are charged to the outermost one), the
 * rest of the step is "outside kernels" (engine, tape, layers, optimizer bookkeeping in JS).
 * Batches of the preset's own size.
 *
 *   npx tsx bench/kernel-profile.ts [mlp|cnn] [steps=20] [--list] [--stock-optimizer] [--unfused]
 *       in Node (the CLI's engine: baseline SIMD, one thread), charged process CPU time — robust
 *       on a shared machine;
 *   … --browser [--threads N] [--tfjs-threads M]
 *   [--filter-route im2col|conv] [--input-route gemm|conv]: force a Conv2D gradient route (both modes)
 *       in a Chromium worker, cross-origin isolated like the app (relaxed SIMD, tfjs' threaded
 *       build, our GEMM helpers), charged wall time — compare runs at similar load.
 */
import { profileInChromium } from './kernel-profile-browser.ts';
import { profileSteps } from './kernel-profile-core.ts';
import { initBackend } from '../workers/engine/backend.ts';
import { setConvBackpropRoutes, type BackpropFilterRoute, type BackpropInputRoute } from '../workers/engine/wasm/conv2d-backprop.ts';

const args = process.argv.slice(2);
const options = {
  recipe: args[0] === 'mlp' ? ('mlp' as const) : ('cnn' as const),
  steps: Number(args[1] ?? 20),
  list: args.includes('--list'),
  stockOptimizer: args.includes('--stock-optimizer'),
  unfused: args.includes('--unfused'),
};
// `--filter-route im2col|conv`, `--input-route gemm|conv`: force a Conv2D gradient route
const route = (name: string): string => (args.includes(name) ? args[args.indexOf(name) + 1]! : 'auto');
const routes = { filter: route('--filter-route') as BackpropFilterRoute, input: route('--input-route') as BackpropInputRoute };
if (args.includes('--browser')) {
  const number = (name: string): number | undefined => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
  const threads = number('--threads');
  const tfjsThreads = number('--tfjs-threads');
  const request = { ...options, routes, ...(threads != null ? { threads } : {}), ...(tfjsThreads != null ? { tfjsThreads } : {}) };
  console.log((await profileInChromium(request)).join('\n'));
} else {
  await initBackend('wasm');
  setConvBackpropRoutes(routes);
  const clock = (): number => {
    const c = process.cpuUsage();
    return c.user + c.system;
  };
  console.log(profileSteps({ ...options, clock, clockName: 'CPU' }).join('\n'));
}
