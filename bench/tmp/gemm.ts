import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../workers/engine/backend.ts';
await initBackend('wasm');
const x = tf.randomUniform([128, 784]);
const w = tf.randomUniform([784, 512]);
const dy = tf.randomUniform([128, 512]);
function t(name: string, f: () => tf.Tensor, n = 50) {
  for (let i = 0; i < 5; i++) f().dispose();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) { const r = f(); r.dataSync(); r.dispose(); }
  console.log(name, ((performance.now() - t0) / n).toFixed(3), 'ms');
}
t('x·W cached W', () => tf.matMul(x, w));
t('x·W fresh W (clone)', () => tf.tidy(() => tf.matMul(x, w.clone())));
t('clone only', () => w.clone());
t('xT·dy (transposeA)', () => tf.matMul(x, dy, true, false));
t('transpose x', () => tf.transpose(x));
const xt = tf.transpose(x);
t('xt·dy plain', () => tf.matMul(xt, dy));
t('dyT·x  [512,128]x[128,784]', () => tf.matMul(dy, x, true, false));
