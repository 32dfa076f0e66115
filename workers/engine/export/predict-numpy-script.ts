/** predict_numpy.py, shipped with the .npz export: a readable NumPy-only forward pass. */

export const PREDICT_NUMPY_PY = String.raw`"""Predict MNIST digits with the exported weights, using NumPy only.

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
    return e / e.sum(axis=-1, keepdims=True)


ACTIVATIONS = {
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0),
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "tanh": np.tanh,
    "elu": lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
    "selu": lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(np.minimum(x, 0))),
    "softmax": softmax,
}


def same_padding(size, window, stride):
    """TensorFlow's 'same' padding: as even as possible, the extra pixel at the end."""
    total = max((math.ceil(size / stride) - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def pad(x, cfg, window, value):
    """x: (N, H, W, C). Pads height and width for 'same'; 'valid' leaves x alone."""
    if cfg["padding"] == "valid":
        return x
    (sh, sw) = cfg["strides"]
    top, bottom = same_padding(x.shape[1], window[0], sh)
    left, right = same_padding(x.shape[2], window[1], sw)
    return np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=value)


def windows(x, window, strides):
    """(N, H, W, C) -> (N, OH, OW, C, kh, kw): every window the layer looks at."""
    view = np.lib.stride_tricks.sliding_window_view(x, window, axis=(1, 2))
    return view[:, :: strides[0], :: strides[1]]


def conv2d(x, cfg, kernel, bias):
    """kernel: (kh, kw, in, out), the Keras/TF.js layout."""
    patches = windows(pad(x, cfg, cfg["kernel_size"], 0.0), cfg["kernel_size"], cfg["strides"])
    y = np.tensordot(patches, kernel, axes=([4, 5, 3], [0, 1, 2]))  # (N, OH, OW, out)
    return y + bias if bias is not None else y


def pool(x, cfg, reduce):
    # NaN padding is skipped by nanmax / nanmean: Keras' 'same' pooling ignores padded pixels.
    patches = windows(pad(x, cfg, cfg["pool_size"], np.nan), cfg["pool_size"], cfg["strides"])
    return reduce(patches, axis=(4, 5))


def layer_forward(x, layer, weights):
    cfg = layer["config"]
    w = {name.split("/")[-1]: weights[name] for name in layer["weights"]}
    kind = layer["class_name"]
    if kind == "Dense":
        y = x @ w["kernel"] + w.get("bias", 0)
        return ACTIVATIONS[cfg["activation"]](y)
    if kind == "Conv2D":
        return ACTIVATIONS[cfg["activation"]](conv2d(x, cfg, w["kernel"], w.get("bias")))
    if kind == "MaxPooling2D":
        return pool(x, cfg, np.nanmax)
    if kind == "AveragePooling2D":
        return pool(x, cfg, np.nanmean)
    if kind == "BatchNormalization":
        y = (x - w["moving_mean"]) / np.sqrt(w["moving_variance"] + cfg["epsilon"])
        return y * w.get("gamma", 1) + w.get("beta", 0)
    if kind == "Flatten":
        return x.reshape(len(x), -1)  # channels-last order, as Keras flattens
    if kind == "Reshape":
        return x.reshape((len(x), *cfg["target_shape"]))
    if kind == "Dropout":
        return x  # only active while training
    raise ValueError(f"unknown layer type {kind}")


def predict(spec, weights, pixels):
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
