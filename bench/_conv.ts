import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../workers/engine/backend.ts';
import { stockKernels } from '../workers/engine/wasm/kernel-utils.ts';
await initBackend('wasm');
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
for (const [h, ci, co] of [[28, 1, 32], [13, 32, 64], [5, 64, 128]]) {
  const x = tf.randomNormal([64, h, h, ci]); const w = tf.randomNormal([3, 3, ci, co]);
  const ours = () => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid');
  const stock = () => tf.engine().runKernel('StockConv', { x, filter: w }, { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] }) as tf.Tensor;
  tf.registerKernel({ kernelName: 'StockConv', backendName: 'wasm', kernelFunc: stockKernels.get('Conv2D')!.kernelFunc });
  for (const [name, f] of [['ours', ours], ['xnn', stock], ['ours', ours], ['xnn', stock]] as const) {
    for (let i = 0; i < 3; i++) f().dispose();
    const t = cpu(); for (let i = 0; i < 10; i++) { const y = f(); y.dataSync(); y.dispose(); }
    console.log(`${h}x${h}x${ci}->${co} ${name}: ${((cpu() - t) / 10).toFixed(2)} ms CPU`);
  }
  tf.unregisterKernel('StockConv', 'wasm');
}
