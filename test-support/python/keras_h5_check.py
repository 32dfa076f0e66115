"""Reads a Keras 3 export with h5py and the zipfile module only (Keras is not installable here).

    python3 keras_h5_check.py MODEL.weights.h5 MODEL.keras INPUT.bin N,28,28 OUTPUT.bin

Prints JSON: every group and dataset (path, shape, dtype) of the standalone .weights.h5 and of the
h5 inside the .keras zip, the zip entry names, config.json and metadata.json. Then rebuilds the
model from config.json alone, takes variables from `layers/<snake_case(class)>[_k]/vars/<i>` as
Keras' saving_lib addresses them, and writes its float32 predictions on INPUT.bin to OUTPUT.bin.
"""
import io
import json
import re
import sys
import zipfile

import h5py
import numpy as np

from reference_layers import forward, read_f32, write_f32


def to_snake_case(name):
    """Same rules as keras.src.utils.naming.to_snake_case."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def listing(h5):
    entries = []

    def visit(path, obj):
        if isinstance(obj, h5py.Dataset):
            entries.append({"path": path, "kind": "dataset", "shape": list(obj.shape), "dtype": obj.dtype.str})
        else:
            entries.append({"path": path, "kind": "group"})

    h5.visititems(visit)
    return {"entries": entries, "root_attrs": sorted(h5.attrs.keys())}


def layers_from_config(config, h5):
    layers, used = [], {}
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "InputLayer":
            continue
        name = to_snake_case(layer["class_name"])
        used[name] = used.get(name, -1) + 1
        path = name if used[name] == 0 else f"{name}_{used[name]}"
        group = h5[f"layers/{path}/vars"]
        weights = [np.asarray(group[str(i)]) for i in range(len(group))]
        layers.append({"class_name": layer["class_name"], "config": layer["config"], "weights": weights})
    return layers


def main(weights_path, keras_path, input_path, shape_text, output_path):
    with zipfile.ZipFile(keras_path) as zf:
        names = zf.namelist()
        compressions = sorted({info.compress_type for info in zf.infolist()})
        config = json.loads(zf.read("config.json"))
        metadata = json.loads(zf.read("metadata.json"))
        inner_bytes = zf.read("model.weights.h5")
    with h5py.File(weights_path, "r") as standalone, h5py.File(io.BytesIO(inner_bytes), "r") as inner:
        report = {"weights_h5": listing(standalone), "keras_h5": listing(inner), "zip_names": names,
                  "zip_compress_types": compressions, "config": config, "metadata": metadata}
        x = read_f32(input_path, tuple(int(d) for d in shape_text.split(",")))
        from_keras = forward(layers_from_config(config, inner), x)
        from_standalone = forward(layers_from_config(config, standalone), x)
        report["standalone_matches_archive"] = bool(np.array_equal(from_keras, from_standalone))
    write_f32(output_path, from_keras)
    print(json.dumps(report))


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
