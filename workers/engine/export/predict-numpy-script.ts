/**
 * predict_numpy.py, shipped with the .npz export: a readable NumPy-only forward pass. The activations
 * and one forward function per layer type come from the layer registry.
 */
import { ACTIVATION_TABLE, ACTIVATIONS } from '../layers/activations.ts';
import { LAYER_CLASSES, layerDefinition } from '../layers/index.ts';
import { kerasSnakeCase } from '../layers/naming.ts';

const PREAMBLE = String.raw`"""Predict MNIST digits with the exported weights, using NumPy only.

    python3 predict_numpy.py images.npy               # prints one digit per image
    python3 predict_numpy.py images.npy probs.npy     # also saves the probabilities

images.npy holds uint8 pixels 0-255 shaped (N, 28, 28) or (N, 784).
From Python:  spec, weights = load();  probabilities = predict(spec, weights, pixels)
"""
import json
import math
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805


def load(directory=HERE):
    """spec.json (the layer list) and model.npz (weights keyed like "dense/kernel")."""
    spec = json.loads((Path(directory) / "spec.json").read_text())
    with np.load(Path(directory) / "model.npz") as npz:
        weights = {key: npz[key] for key in npz.files}
    return spec, weights


def preprocess(pixels, spec):
    x = np.asarray(pixels, dtype=np.float32)
    p = spec["preprocessing"]
    if p["kind"] == "scale":
        x = x / 255.0
    elif p["kind"] == "standardize":
        x = (x / 255.0 - p["mean"]) / p["std"]
    return x.reshape((-1, *spec["input_shape"])).astype(np.float32)


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)`;

const HELPERS = String.raw`def same_padding(size, window, stride):
    """TensorFlow's 'same' padding: as even as possible, the extra pixel at the end."""
    total = max((math.ceil(size / stride) - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def pad(x, cfg, window, strides, value):
    """x: (N, H, W, C). Pads height and width for 'same'; 'valid' leaves x alone."""
    if cfg["padding"] == "valid":
        return x
    (sh, sw) = strides
    top, bottom = same_padding(x.shape[1], window[0], sh)
    left, right = same_padding(x.shape[2], window[1], sw)
    return np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=value)


def windows(x, window, strides):
    """(N, H, W, C) -> (N, OH, OW, C, kh, kw): every window the layer looks at."""
    view = np.lib.stride_tricks.sliding_window_view(x, window, axis=(1, 2))
    return view[:, :: strides[0], :: strides[1]]


def conv2d(x, cfg, kernel, bias):
    """kernel: (kh, kw, in, out), the Keras/TF.js layout."""
    size, strides = pair(cfg["kernel_size"]), pair(cfg["strides"])
    patches = windows(pad(x, cfg, size, strides, 0.0), size, strides)
    y = np.tensordot(patches, kernel, axes=([4, 5, 3], [0, 1, 2]))  # (N, OH, OW, out)
    return y + bias if bias is not None else y


def pool(x, cfg, reduce):
    # NaN padding is skipped by nanmax / nanmean: Keras' 'same' pooling ignores padded pixels.
    size = pair(cfg["pool_size"])
    strides = pair(cfg["strides"] or cfg["pool_size"])
    patches = windows(pad(x, cfg, size, strides, np.nan), size, strides)
    return reduce(patches, axis=(4, 5))`;

const LAYER_FORWARD = String.raw`def layer_forward(x, layer, weights):
    w = {name.split("/")[-1]: weights[name] for name in layer["weights"]}
    forward = LAYERS.get(layer["class_name"])
    if forward is None:
        raise ValueError(f"unknown layer type {layer['class_name']}")
    return forward(x, layer["config"], w)`;

const MAIN = String.raw`def predict(spec, weights, pixels):
    x = preprocess(pixels, spec)
    for layer in spec["layers"]:
        x = layer_forward(x, layer, weights)
    return x


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    spec, weights = load()
    probabilities = predict(spec, weights, np.load(sys.argv[1]))
    if len(sys.argv) == 3:
        np.save(sys.argv[2], probabilities.astype(np.float32))
    print(" ".join(str(d) for d in probabilities.argmax(axis=1)))
`;

const forwardName = (className: string) => `forward_${kerasSnakeCase(className)}`;

function activationsDict(): string {
  const entries = ACTIVATIONS.map((name) => `    "${name}": lambda x: ${ACTIVATION_TABLE[name].numpy},`);
  return ['ACTIVATIONS = {', ...entries, '}'].join('\n');
}

function layerFunctions(): string {
  const functions = LAYER_CLASSES.map((className) => `def ${forwardName(className)}(x, cfg, w):${layerDefinition(className).numpy}`);
  const table = ['LAYERS = {', ...LAYER_CLASSES.map((className) => `    "${className}": ${forwardName(className)},`), '}'];
  return [...functions, table.join('\n')].join('\n\n\n');
}

export const PREDICT_NUMPY_PY = [PREAMBLE, activationsDict(), HELPERS, layerFunctions(), LAYER_FORWARD, MAIN].join('\n\n\n') + '\n';
