"""Independent check of the .npz export: loads model.npz + spec.json, runs reference_layers.

    python3 npz_forward.py MODEL.npz SPEC.json INPUT.bin N,28,28 OUTPUT.bin

INPUT.bin: float32 little-endian, already preprocessed. Writes float32 predictions to OUTPUT.bin
and prints a JSON summary (npz keys, dtypes, shapes) on stdout.
"""
import json
import sys

import numpy as np

from reference_layers import forward, read_f32, write_f32


def main(npz_path, spec_path, input_path, shape_text, output_path):
    spec = json.load(open(spec_path))
    with np.load(npz_path) as npz:
        arrays = {key: npz[key] for key in npz.files}
    layers = []
    for layer in spec["layers"]:
        # A missing key raises KeyError here: spec.json and model.npz must agree exactly.
        layers.append({"class_name": layer["class_name"], "config": layer["config"],
                       "weights": [arrays[name] for name in layer["weights"]]})
    x = read_f32(input_path, tuple(int(d) for d in shape_text.split(",")))
    write_f32(output_path, forward(layers, x))
    print(json.dumps({key: {"dtype": str(a.dtype), "shape": list(a.shape)} for key, a in arrays.items()}))


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
