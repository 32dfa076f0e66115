import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../workers/engine/backend.ts';
await initBackend('wasm');
for (const [M, N, K, tA] of [[128, 512, 784, false], [784, 512, 128, true]] as const) {
  const a = tA ? tf.randomNormal([K, M]) : tf.randomNormal([M, K]); const b = tf.randomNormal([K, N]);
  for (let r = 0; r < 5; r++) tf.matMul(a, b, tA).dispose();
  const t = performance.now(); const c0 = process.cpuUsage(); const reps = 40;
  for (let r = 0; r < reps; r++) { const c = tf.matMul(a, b, tA); c.dataSync(); c.dispose(); }
  const ms = (performance.now() - t) / reps; const cpu = process.cpuUsage(c0).user / 1000 / reps;
  console.log(`${M}x${N}x${K} tA=${tA}: ${ms.toFixed(3)} ms wall, ${cpu.toFixed(3)} cpu, ${(2*M*N*K/cpu/1e6).toFixed(1)} GFLOP/s (cpu)`);
}
