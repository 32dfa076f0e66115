/**
 * The WebGL path gives the right numbers, not only a speed: in Chromium (SwiftShader here, a GPU
 * elsewhere) the default recipe and the convnet train with the same seed, data and batches on
 * webgl and on wasm, and their loss curves must agree (wasm with all cores' threads). And when WebGL cannot render float32
 * (WEBGL_RENDER_FLOAT32_CAPABLE false), the 'auto' trial says so and does not pick it.
 *
 * Tolerance, and why: both backends start from bit-identical weights (checked) and see the same
 * batches, but they round differently (shader dot products and exp/log vs XNNPACK), so the
 * trajectories drift apart slowly, as two float32 runs of the same training always do. So
 *  - the first 10 steps agree step by step within 1 % of the loss (drift has not yet grown);
 *  - over all steps, every 20-step window's mean loss agrees within 5 % (+0.01 absolute for losses
 *    near zero) — a wrong gradient, a float16 texture or a broken kernel shifts whole windows by far
 *    more (a learning rate off by 2× already moves them by > 10 %);
 *  - both curves fall (last window ≤ 60 % of the first), i.e. webgl actually learns.
 */
import { expect, test } from '@playwright/test';
import type { VerifyCurve, VerifyMessage } from '../workers/bench-protocol.ts';
import { defaultWasmThreads } from '../workers/engine/backend.ts';
import { collectProblems } from './support/lab-page.ts';
import { startWebHost, type RunningWebHost } from './support/web-host.ts';

declare global {
  interface Window {
    verifyResults?: { messages: VerifyMessage[]; done: boolean };
  }
}

const MLP_STEPS = Number(process.env.VERIFY_MLP_STEPS ?? 200);
const CNN_STEPS = Number(process.env.VERIFY_CNN_STEPS ?? 60);

let host: RunningWebHost;

test.beforeAll(async () => {
  host = await startWebHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const windowMeans = (losses: number[], size: number): number[] => {
  const out: number[] = [];
  for (let i = 0; i + size <= losses.length; i += size) out.push(losses.slice(i, i + size).reduce((a, b) => a + b, 0) / size);
  return out;
};

test('webgl and wasm train to the same loss curves; float16-only WebGL is never picked', async ({ page }) => {
  test.setTimeout(15 * 60_000);
  const problems = collectProblems(page);
  await page.goto(host.url.replace('/#', `/bench.html?verify&mlpSteps=${MLP_STEPS}&cnnSteps=${CNN_STEPS}#`));
  await page.waitForFunction(() => window.verifyResults?.done === true, null, { timeout: 14 * 60_000, polling: 1000 });
  const messages = await page.evaluate(() => window.verifyResults!.messages);
  const error = messages.find((m) => m.type === 'error');
  expect(error, JSON.stringify(error)).toBeUndefined();

  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const curves = messages.filter((m): m is { type: 'curve'; curve: VerifyCurve } => m.type === 'curve').map((m) => m.curve);
  for (const [model, steps] of [['chollet-ch2', MLP_STEPS], ['convnet-ch8', CNN_STEPS]] as const) {
    const wasm = curves.find((c) => c.model === model && c.backend === 'wasm')!;
    const webgl = curves.find((c) => c.model === model && c.backend === 'webgl')!;
    expect(webgl, `${model} trained on webgl`).toBeDefined();
    expect(webgl.float32, 'SwiftShader renders float32').toBe(true);
    expect(wasm.losses).toHaveLength(steps);
    expect(webgl.losses).toHaveLength(steps);
    expect(webgl.firstKernel).toEqual(wasm.firstKernel);
    // the isolated worker's wasm uses every core (tfjs alone would take half of them): our GEMM's threads
    expect(wasm.threads).toBe(defaultWasmThreads(cores));

    const stepErr = wasm.losses.slice(0, 10).map((l, i) => Math.abs(webgl.losses[i]! - l) / l);
    const a = windowMeans(wasm.losses, 20);
    const b = windowMeans(webgl.losses, 20);
    const windowErr = a.map((m, i) => Math.abs(b[i]! - m) / (m + 0.01 / 0.05));
    console.log(
      `${model}: first 10 steps worst ${(100 * Math.max(...stepErr)).toFixed(3)} %; 20-step windows wasm ${a.map((m) => m.toFixed(3)).join(' ')}` +
        ` | webgl ${b.map((m) => m.toFixed(3)).join(' ')}; worst window ${(100 * Math.max(...windowErr)).toFixed(2)} %`,
    );
    for (const e of stepErr) expect(e).toBeLessThanOrEqual(0.01);
    for (const e of windowErr) expect(e).toBeLessThanOrEqual(0.05);
    expect(a.at(-1)!).toBeLessThanOrEqual(0.6 * a[0]!);
    expect(b.at(-1)!).toBeLessThanOrEqual(0.6 * b[0]!);
  }

  const trial = messages.find((m) => m.type === 'trial');
  expect(trial?.type === 'trial' && trial.chosen).toBe('wasm');
  const webglTrial = trial?.type === 'trial' ? trial.trials.find((t) => t.backend === 'webgl') : undefined;
  expect(webglTrial?.msPerStep).toBeNull();
  expect(webglTrial?.error).toMatch(/float32.*WEBGL_RENDER_FLOAT32_CAPABLE is false/);
  expect(problems).toEqual([]);
});
