#!/usr/bin/env python3
"""Self-test of hear_api_to_onnx.py (offline; torch, numpy, scipy).

1. Exports example_hear_module.py (frames) and checks model.json: 32-d frames every 25 ms from 0 ms,
   the graph's SHA-256, permissions that follow the umask.
2. Checks that stft_hear_module.py (torch.stft, not exportable at opset 14) stops with exit code 3
   and leaves no model.onnx behind.
3. With --nathear BIN: runs ``BIN validate-model onnx:FOLDER``, then writes a small HEAR task folder
   (float32 WAVs), runs ``BIN export-embeddings`` with the exported folder, and compares the scene
   embeddings nathear computed through ONNX Runtime (Java) with the module's own PyTorch output on
   the same audio: the largest difference must stay below 1e-4.

    /usr/bin/python3 tools/hear-api-to-onnx/selftest.py OUT_DIR [--nathear harness-runner/target/nathear/bin/nathear]
"""
import argparse
import json
import os
import stat
import subprocess
import sys

import numpy as np
import scipy.io.wavfile
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import example_hear_module as example  # noqa: E402
import hear_api_to_onnx as tool  # noqa: E402


def check(condition, message):
    if not condition:
        sys.exit("selftest FAILED: " + message)
    print("ok  " + message)


def write_task(root, clips):
    task = os.path.join(root, "probe-v1-full")
    os.makedirs(task, exist_ok=True)
    with open(os.path.join(task, "task_metadata.json"), "w") as f:
        json.dump({"task_name": "probe", "version": "v1", "mode": "full", "embedding_type": "scene",
                   "prediction_type": "multiclass", "split_mode": "trainvaltest", "splits": ["train", "valid", "test"],
                   "sample_duration": 1.0, "evaluation": ["top1_acc"]}, f)
    with open(os.path.join(task, "labelvocabulary.csv"), "w") as f:
        f.write("idx,label\n0,a\n1,b\n")
    for split in ("train", "valid", "test"):
        labels = {}
        os.makedirs(os.path.join(task, "16000", split), exist_ok=True)
        for i, audio in enumerate(clips):
            name = f"{split}-{i}.wav"
            scipy.io.wavfile.write(os.path.join(task, "16000", split, name), 16000, audio.astype(np.float32))
            labels[name] = ["a" if i % 2 == 0 else "b"]
        with open(os.path.join(task, split + ".json"), "w") as f:
            json.dump(labels, f)
    return task


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--nathear", help="the nathear launcher, for validate-model and the ONNX Runtime comparison")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)

    folder = os.path.join(args.out, "example-conv")
    code = tool.main([os.path.join(HERE, "example_hear_module.py"), folder, "--id", "example-conv"])
    check(code == 0, "example_hear_module.py exported")
    desc = json.load(open(os.path.join(folder, "model.json")))
    check(desc["output"] == {"tensor": "embeddings", "kind": "frames", "embeddingSize": 32, "hopMillis": 25.0,
                             "firstFrameMillis": 0.0}, f"frames every 25 ms from 0 ms, 32-d: {desc['output']}")
    check(desc["weightsSha256"] == tool.sha256(os.path.join(folder, "model.onnx")), "weightsSha256 pins model.onnx")
    for name in ("model.onnx", "model.json"):
        mode = stat.S_IMODE(os.stat(os.path.join(folder, name)).st_mode)
        check(mode == 0o666 & ~umask, f"{name} has mode {oct(mode)} (umask {oct(umask)})")

    broken = os.path.join(args.out, "stft")
    code = tool.main([os.path.join(HERE, "stft_hear_module.py"), broken, "--id", "stft-model"])
    check(code == 3 and not os.path.exists(os.path.join(broken, "model.onnx")),
          "a module using torch.stft is reported as not exportable (exit 3), no graph left")

    if not args.nathear:
        print("(no --nathear: skipped validate-model and the ONNX Runtime comparison)")
        return
    result = subprocess.run([args.nathear, "validate-model", "onnx:" + folder], capture_output=True, text=True)
    print(result.stdout)
    check(result.returncode == 0, "nathear validate-model passes the exported folder")

    g = np.random.default_rng(3)
    clips = [(g.random(16000 + 400 * i) * 2 - 1).astype(np.float32) * 0.5 for i in range(4)]
    tasks = os.path.join(args.out, "tasks")
    write_task(tasks, clips)
    emb = os.path.join(args.out, "embeddings")
    result = subprocess.run([args.nathear, "export-embeddings", "--tasks-dir", tasks, "--models", "onnx:" + folder,
                             "--out", emb, "--no-cache", "--quiet"], capture_output=True, text=True)
    check(result.returncode == 0, "nathear export-embeddings ran the graph: " + result.stderr.strip()[-300:])
    split = os.path.join(emb, "example-conv", "probe-v1-full")
    rows, dim = json.load(open(os.path.join(split, "test.embedding-dimensions.json")))
    java = np.memmap(os.path.join(split, "test.embeddings.npy"), dtype="float32", mode="r", shape=(rows, dim))
    names = json.load(open(os.path.join(split, "test.filenames.json")))
    model = example.load_model()
    worst = 0.0
    for row, name in enumerate(names):
        rate, audio = scipy.io.wavfile.read(os.path.join(tasks, "probe-v1-full", "16000", "test", name))
        with torch.no_grad():
            ref = example.get_scene_embeddings(torch.from_numpy(audio)[None, :], model)[0].numpy()
        worst = max(worst, float(np.abs(java[row] - ref).max()))
    check(rows == 4 and worst < 1e-4, f"nathear (ONNX Runtime, Java) vs the module (PyTorch) on {rows} clips: "
          f"largest difference {worst:.2e}")


if __name__ == "__main__":
    main()
