"""Export wav2vec 2.0, HuBERT or WavLM (Hugging Face transformers) as a nathear ONNX model folder.

NOT run by CI. Needs: torch, transformers (``pip install torch transformers``) and network access the
first time, to download the checkpoint from the Hugging Face Hub (or a local checkpoint folder).

    python3 tools/export/export_hf_ssl.py facebook/wav2vec2-base-960h  models/wav2vec2-base
    python3 tools/export/export_hf_ssl.py microsoft/wavlm-base-plus     models/wavlm-base-plus --layer 6
    python3 tools/export/export_hf_ssl.py facebook/hubert-base-ls960    models/hubert-base --layer mean
    nathear validate-model onnx:models/wav2vec2-base
    nathear run --models onnx:models/wav2vec2-base

What the folder says (model.json):
- 16 kHz mono waveform in, ``[batch, sample]``; frames out, ``[batch, frame, hidden]``.
- The graph pads 40 samples of zeros on each side before the convolutional feature encoder
  (receptive field 400 samples, stride 320), so a clip of n samples gives floor(n / 320) frames
  centred at 10 + 20 k ms: ``hopMillis`` 20, ``firstFrameMillis`` 10 (HEAR's wav2vec2 baseline uses the
  unpadded 12.5 + 20 k ms; the padding makes every 20 ms of audio have its own frame and keeps
  chunked clips on one regular grid).
- Which hidden layer: ``--layer N`` (0 = the projected CNN features, N = after transformer block N),
  ``--layer last`` (default) or ``--layer mean`` (the mean of all layers, as SUPERB's weighted sum with
  equal weights).
- Checkpoints whose feature extractor normalises the waveform (``do_normalize``, e.g. the large
  LV-60 models) get the zero-mean, unit-variance normalisation inside the graph, per chunk.
- Long clips: ``chunking.maxSeconds`` (default 20 s) bounds attention memory; chunks are multiples of
  20 ms, so frames stay on one grid. ``minSeconds`` 0.02: shorter clips are padded to one frame.
- The scene embedding is the mean of the frames (nathear's rule for frame outputs).
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nathear_onnx as nx  # noqa: E402


class SslFrames(torch.nn.Module):
    def __init__(self, model, layer, normalize):
        super().__init__()
        self.model = model
        self.layer = layer
        self.normalize = normalize

    def forward(self, audio):
        x = audio
        if self.normalize:
            mean = x.mean(dim=1, keepdim=True)
            var = ((x - mean) ** 2).mean(dim=1, keepdim=True)
            x = (x - mean) / torch.sqrt(var + 1e-7)
        x = torch.nn.functional.pad(x, (40, 40))
        out = self.model(x, output_hidden_states=True, return_dict=True)
        if self.layer == "last":
            return out.last_hidden_state
        if self.layer == "mean":
            return torch.stack(out.hidden_states, dim=0).mean(dim=0)
        return out.hidden_states[int(self.layer)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoint", help="Hugging Face model id or local folder")
    parser.add_argument("out", help="the model folder to write")
    parser.add_argument("--id", help="nathear model id (default: from the checkpoint name)")
    parser.add_argument("--layer", default="last", help="last (default), mean, or a layer number")
    parser.add_argument("--max-seconds", type=float, default=20.0, help="chunk length for long clips (default 20)")
    parser.add_argument("--max-batch-size", type=int, default=4)
    parser.add_argument("--opset", type=int, default=14)
    args = parser.parse_args()

    from transformers import AutoFeatureExtractor, AutoModel
    model = AutoModel.from_pretrained(args.checkpoint).eval()
    model.config.mask_time_prob = 0.0  # no SpecAugment masking in the exported graph
    try:
        normalize = bool(AutoFeatureExtractor.from_pretrained(args.checkpoint).do_normalize)
    except (OSError, ValueError, AttributeError):
        normalize = False
    if args.layer not in ("last", "mean"):
        int(args.layer)
    hidden = model.config.hidden_size
    name = args.id or ("hf-" + args.checkpoint.rstrip("/").split("/")[-1].lower().replace("_", "-").replace(".", "-"))[:64]
    desc = nx.descriptor(
        name, f"{args.checkpoint}@layer-{args.layer}", 16000, ["MONO"], input_tensor="audio", input_kind="waveform",
        output_tensor="frames", output_kind="frames", embedding_size=hidden, hop_millis=20, first_frame_millis=10,
        max_batch_size=args.max_batch_size, chunk_max_seconds=round(args.max_seconds / 0.02) * 0.02,
        chunk_min_seconds=0.02,
        description=f"{args.checkpoint} ({model.config.model_type}), layer {args.layer}, 20 ms frames"
                    + (", waveform normalised per chunk" if normalize else ""))
    wrapper = SslFrames(model, args.layer, normalize)
    graph = nx.write_model_folder(args.out, wrapper, torch.zeros(1, 32000), desc, opset=args.opset)
    print(f"wrote {graph} ({os.path.getsize(graph) / 1e6:.1f} MB) and model.json: id {name}, {hidden} dims, layer {args.layer}")


if __name__ == "__main__":
    main()
