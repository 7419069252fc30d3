#!/usr/bin/env python3
"""Turn a HEAR-API Python module into a nathear ONNX model folder (model.onnx + model.json).

A HEAR-API module (https://hearbenchmark.com/hear-api.html) has ``load_model(model_file_path="")``
returning a torch module with ``sample_rate``, ``scene_embedding_size`` and
``timestamp_embedding_size``, ``get_timestamp_embeddings(audio, model) -> (embeddings, timestamps)``
and ``get_scene_embeddings(audio, model)``, with ``audio`` a float tensor [n_sounds, n_samples] (mono).

    /usr/bin/python3 tools/hear-api-to-onnx/hear_api_to_onnx.py MODULE OUT_DIR [options]

MODULE is an importable name (``hearbaseline.naive``) or a ``.py`` file. Two graph kinds:

* ``--output frames`` (default): the graph is ``get_timestamp_embeddings`` (its embeddings; the
  timestamps are measured on probe clips and written to model.json as ``hopMillis`` and
  ``firstFrameMillis``, after checking they form one regular grid for every clip length). nathear
  then takes the mean of the frames as the scene embedding; the tool prints how far that is from
  the module's own ``get_scene_embeddings`` (identical for modules whose scene embedding is that mean).
* ``--output scene``: the graph is ``get_scene_embeddings``; nathear makes timestamp embeddings by
  running it on windows of ``--timestamp-window-ms`` every ``--timestamp-hop-ms``.

The model must be *exportable*: traceable by ``torch.onnx.export`` (torch operations only; no numpy,
no Python control flow that depends on tensor values, no ``torch.stft`` before opset 17). When it is
not, the tool stops with exit code 3 and torch's reason. Exit code 2: the module breaks the HEAR API.
After an export, check it: ``nathear validate-model onnx:OUT_DIR``.
"""
import argparse
import hashlib
import importlib
import importlib.util
import json
import math
import os
import re
import sys
import tempfile

import torch


class ApiError(Exception):
    """The module does not follow the HEAR API."""


def import_module(name):
    if name.endswith(".py"):
        path = os.path.abspath(name)
        spec = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(path))[0], path)
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, os.path.dirname(path))
        spec.loader.exec_module(module)
        return module
    return importlib.import_module(name)


def load(module, model_file):
    for fn in ("load_model", "get_scene_embeddings", "get_timestamp_embeddings"):
        if not callable(getattr(module, fn, None)):
            raise ApiError(f"{module.__name__} has no function {fn}() of the HEAR API")
    model = module.load_model(model_file) if model_file else module.load_model()
    for attr in ("sample_rate", "scene_embedding_size", "timestamp_embedding_size"):
        if not hasattr(model, attr):
            raise ApiError(f"the model from {module.__name__}.load_model() has no attribute {attr}")
    if isinstance(model, torch.nn.Module):
        model.eval()
    return model


def probe_audio(sample_rate, seconds, n=2, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand(n, int(round(seconds * sample_rate)), generator=g) * 2 - 1) * 0.5


def measure_grid(module, model, sample_rate, lengths):
    """(hopMillis, firstFrameMillis) of get_timestamp_embeddings, the same for every clip and length."""
    grid = None
    for seconds in lengths:
        audio = probe_audio(sample_rate, seconds)
        with torch.no_grad():
            emb, ts = module.get_timestamp_embeddings(audio, model)
        ts = torch.as_tensor(ts, dtype=torch.float64)
        if emb.dim() != 3 or emb.shape[0] != audio.shape[0] or emb.shape[2] != model.timestamp_embedding_size:
            raise ApiError(f"get_timestamp_embeddings returned embeddings of shape {list(emb.shape)} for "
                           f"{audio.shape[0]} clips; expected [{audio.shape[0]}, frames, {model.timestamp_embedding_size}]")
        if ts.shape != emb.shape[:2]:
            raise ApiError(f"timestamps of shape {list(ts.shape)} do not match embeddings {list(emb.shape)}")
        if emb.shape[1] < 2:
            raise ApiError(f"a {seconds} s clip gives {emb.shape[1]} frame(s); need at least 2 to measure the hop")
        if not torch.equal(ts[0], ts[1]):
            raise ApiError("two clips of the same length got different timestamps")
        steps = ts[0, 1:] - ts[0, :-1]
        hop = float(steps.mean())
        if float((steps - hop).abs().max()) > 1e-3:
            raise ApiError(f"timestamps are not on a regular grid (steps {steps.min():.4f}..{steps.max():.4f} ms)")
        here = (round(hop, 6), round(float(ts[0, 0]), 6))
        if grid is not None and (abs(here[0] - grid[0]) > 1e-3 or abs(here[1] - grid[1]) > 1e-3):
            raise ApiError(f"the timestamp grid depends on the clip length: {grid} vs {here} (hop, first) ms")
        grid = here
    return grid


class TimestampGraph(torch.nn.Module):
    def __init__(self, module, model):
        super().__init__()
        self.api = module
        self.model = model

    def forward(self, audio):
        embeddings, _ = self.api.get_timestamp_embeddings(audio, self.model)
        return embeddings


class SceneGraph(torch.nn.Module):
    def __init__(self, module, model):
        super().__init__()
        self.api = module
        self.model = model

    def forward(self, audio):
        return self.api.get_scene_embeddings(audio, self.model)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_json_atomically(path, obj):
    tmp = tempfile.NamedTemporaryFile("w", dir=os.path.dirname(path), suffix=".tmp", delete=False, encoding="utf-8")
    with tmp:
        json.dump(obj, tmp, indent=2)
        tmp.write("\n")
    os.chmod(tmp.name, 0o666 & ~current_umask())  # NamedTemporaryFile makes 0600; follow the umask like nathear
    os.replace(tmp.name, path)


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def convert(args):
    module = import_module(args.module)
    model = load(module, args.model_file)
    sr = int(model.sample_rate)
    model_id = args.id or re.sub(r"[^a-z0-9-]+", "-", args.module.lower().replace(".py", "").split("/")[-1]).strip("-")
    if not re.fullmatch(r"[a-z][a-z0-9-]{1,63}", model_id):
        raise ApiError(f"cannot make a nathear model id from '{args.module}'; give --id")
    desc = {"schema": "nathear.onnx-model/1", "id": model_id, "version": args.version,
            "description": f"HEAR-API module {args.module} exported by tools/hear-api-to-onnx ({args.output})",
            "sampleRateHz": sr, "acceptedLayouts": ["MONO"],
            "input": {"tensor": "audio", "kind": "waveform"}}
    if args.output == "frames":
        hop, first = measure_grid(module, model, sr, [args.check_seconds, args.check_seconds * 0.61 + 0.37])
        graph = TimestampGraph(module, model)
        desc["output"] = {"tensor": "embeddings", "kind": "frames", "embeddingSize": int(model.timestamp_embedding_size),
                          "hopMillis": hop, "firstFrameMillis": first}
        out_axes = {0: "batch", 1: "frames"}
    else:
        graph = SceneGraph(module, model)
        desc["output"] = {"tensor": "embeddings", "kind": "scene", "embeddingSize": int(model.scene_embedding_size),
                          "timestampHopMillis": args.timestamp_hop_ms, "timestampWindowMillis": args.timestamp_window_ms}
        out_axes = {0: "batch"}
    desc["maxBatchSize"] = args.max_batch_size
    if args.chunk_seconds:
        desc["chunking"] = {"maxSeconds": args.chunk_seconds}
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, "model.onnx")
    example = probe_audio(sr, args.check_seconds)
    try:
        with torch.no_grad():
            torch.onnx.export(graph.eval(), (example,), onnx_path, opset_version=args.opset, input_names=["audio"],
                              output_names=["embeddings"],
                              dynamic_axes={"audio": {0: "batch", 1: "length"}, "embeddings": out_axes},
                              do_constant_folding=True)
    except Exception as e:  # torch raises many kinds here; all mean "not exportable as written"
        if os.path.exists(onnx_path):
            os.remove(onnx_path)
        print(f"hear-api-to-onnx: {args.module} is not exportable to ONNX: {type(e).__name__}: "
              f"{str(e).splitlines()[0] if str(e) else ''}\n  (torch.onnx.export traces get_"
              f"{'timestamp' if args.output == 'frames' else 'scene'}_embeddings; numpy calls, data-dependent Python "
              f"control flow and unsupported operators stop it)", file=sys.stderr)
        return 3
    os.chmod(onnx_path, 0o666 & ~current_umask())
    desc["weightsSha256"] = sha256(onnx_path)
    write_json_atomically(os.path.join(args.out, "model.json"), desc)
    print(f"wrote {args.out}/model.onnx and model.json: id {model_id}, {sr} Hz, {desc['output']['kind']} "
          f"{desc['output']['embeddingSize']}-d" + (f", frames every {desc['output']['hopMillis']} ms from "
                                                    f"{desc['output']['firstFrameMillis']} ms" if args.output == "frames" else ""))
    if args.output == "frames":
        with torch.no_grad():
            audio = probe_audio(sr, args.check_seconds, seed=1)
            frames, _ = module.get_timestamp_embeddings(audio, model)
            scene = module.get_scene_embeddings(audio, model)
            gap = float((frames.mean(dim=1) - scene).abs().max())
        print(f"nathear's scene embedding (mean of the frames) vs the module's get_scene_embeddings: largest difference "
              f"{gap:.3g}" + ("" if gap < 1e-4 else " -- use --output scene to keep the module's own scene embedding"))
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("module", help="importable module name or path to a .py file")
    p.add_argument("out", help="model folder to write (model.onnx + model.json)")
    p.add_argument("--model-file", default="", help="passed to load_model()")
    p.add_argument("--id", help="nathear model id ([a-z][a-z0-9-]{1,63}); default: from the module name")
    p.add_argument("--version", default="1", help="your version string (default: 1)")
    p.add_argument("--output", choices=["frames", "scene"], default="frames")
    p.add_argument("--max-batch-size", type=int, default=8)
    p.add_argument("--chunk-seconds", type=float, help="cut longer clips into chunks of at most this length")
    p.add_argument("--timestamp-hop-ms", type=float, default=50.0, help="--output scene: timestamp hop")
    p.add_argument("--timestamp-window-ms", type=float, default=1000.0, help="--output scene: window per timestamp")
    p.add_argument("--check-seconds", type=float, default=2.0, help="length of the probe clips")
    p.add_argument("--opset", type=int, default=14)
    args = p.parse_args(argv)
    try:
        return convert(args)
    except ApiError as e:
        print(f"hear-api-to-onnx: {args.module}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
