"""Reference NumPy forward pass of Keras layers, written for clarity, independent of the exporters.

Deliberately different in style from the shipped predict_numpy.py: convolution and pooling loop
over kernel offsets, and 'same' padding is derived from output sizes, so a shared mistake is
unlikely. Layers are dicts: {"class_name", "config" (Keras snake_case keys), "weights" (list in
Keras order)}. Tensors are channels-last, float64 for accuracy.
"""
import math

import numpy as np


def _out_size_and_pad(size, window, stride, padding):
    if padding == "valid":
        return (size - window) // stride + 1, 0, 0
    out = -(-size // stride)  # ceil
    needed = max(0, (out - 1) * stride + window - size)
    return out, needed // 2, needed - needed // 2


def _spatial(x, window, strides, padding, fill):
    """Yields (i, j, shifted) where shifted[:, oh, ow, :] = padded x at the window offset (i, j)."""
    n, h, w, c = x.shape
    oh, top, bottom = _out_size_and_pad(h, window[0], strides[0], padding)
    ow, left, right = _out_size_and_pad(w, window[1], strides[1], padding)
    padded = np.full((n, h + top + bottom, w + left + right, c), fill, dtype=x.dtype)
    padded[:, top:top + h, left:left + w, :] = x
    for i in range(window[0]):
        for j in range(window[1]):
            yield i, j, padded[:, i:i + (oh - 1) * strides[0] + 1:strides[0], j:j + (ow - 1) * strides[1] + 1:strides[1], :]


def _activation(name, x):
    if name == "linear":
        return x
    if name == "relu":
        return np.maximum(x, 0)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-x))
    if name == "tanh":
        return np.tanh(x)
    if name == "elu":
        return np.where(x > 0, x, np.exp(np.minimum(x, 0)) - 1)
    if name == "selu":
        alpha, scale = 1.6732632423543772, 1.0507009873554805
        return scale * np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0)) - 1))
    if name == "softmax":
        shifted = x - x.max(axis=-1, keepdims=True)
        e = np.exp(shifted)
        return e / e.sum(axis=-1, keepdims=True)
    raise ValueError(f"unsupported activation {name}")


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def apply_layer(layer, x):
    kind, cfg, w = layer["class_name"], layer["config"], [np.asarray(a, dtype=np.float64) for a in layer["weights"]]
    if kind == "Dense":
        y = np.tensordot(x, w[0], axes=([x.ndim - 1], [0]))
        if cfg.get("use_bias", True):
            y = y + w[1]
        return _activation(cfg.get("activation", "linear"), y)
    if kind == "Conv2D":
        kernel = w[0]
        y = 0
        for i, j, shifted in _spatial(x, kernel.shape[:2], _pair(cfg.get("strides", 1)), cfg.get("padding", "valid"), 0.0):
            y = y + shifted @ kernel[i, j]
        if cfg.get("use_bias", True):
            y = y + w[1]
        return _activation(cfg.get("activation", "linear"), y)
    if kind in ("MaxPooling2D", "AveragePooling2D"):
        pool = _pair(cfg["pool_size"])
        strides = _pair(cfg.get("strides") or cfg["pool_size"])
        if kind == "MaxPooling2D":
            best = None
            for _, _, shifted in _spatial(x, pool, strides, cfg.get("padding", "valid"), -np.inf):
                best = shifted if best is None else np.maximum(best, shifted)
            return best
        total, count = 0, 0
        ones = np.ones(x.shape[:3] + (1,))
        windows = zip(_spatial(x, pool, strides, cfg.get("padding", "valid"), 0.0),
                      _spatial(ones, pool, strides, cfg.get("padding", "valid"), 0.0))
        for (_, _, shifted), (_, _, valid) in windows:
            total, count = total + shifted, count + valid
        return total / count
    if kind == "BatchNormalization":
        names = (["gamma"] if cfg.get("scale", True) else []) + (["beta"] if cfg.get("center", True) else [])
        named = dict(zip(names + ["moving_mean", "moving_variance"], w))
        normalised = (x - named["moving_mean"]) / np.sqrt(named["moving_variance"] + cfg.get("epsilon", 1e-3))
        return normalised * named.get("gamma", 1.0) + named.get("beta", 0.0)
    if kind == "Flatten":
        return x.reshape(x.shape[0], int(math.prod(x.shape[1:])))
    if kind == "Reshape":
        return x.reshape((x.shape[0],) + tuple(cfg["target_shape"]))
    if kind == "Dropout":
        return x
    if kind == "Activation":
        return _activation(cfg["activation"], x)
    if kind == "LeakyReLU":
        # Keras 3 calls the slope negative_slope; Keras 2 called it alpha.
        slope = cfg.get("negative_slope", cfg.get("alpha", 0.3))
        return np.maximum(x, 0) + slope * np.minimum(x, 0)
    if kind == "GlobalAveragePooling2D":
        n, h, w_, c = x.shape
        return x.reshape(n, h * w_, c).sum(axis=1) / (h * w_)
    raise ValueError(f"unsupported layer {kind}")


def forward(layers, x):
    x = np.asarray(x, dtype=np.float64)
    for layer in layers:
        x = apply_layer(layer, x)
    return x


def read_f32(path, shape):
    return np.fromfile(path, dtype="<f4").reshape(shape)


def write_f32(path, array):
    np.asarray(array, dtype="<f4").tofile(path)
