"""Export a published GRAM model (GRAM-T: binaural, Ambisonics or mono) as a nathear ONNX model folder.

NOT run by CI. Needs: torch, torchaudio, transformers, huggingface_hub, safetensors and the GRAM-T
remote code (``trust_remote_code=True`` downloads it with the weights), and network access to the
Hugging Face Hub the first time:

    python3 tools/export/export_gram.py labhamlet/gramt-binaural-frame models/gramt-binaural
    python3 tools/export/export_gram.py labhamlet/gramt-ambisonics      models/gramt-ambisonics
    python3 tools/export/export_gram.py labhamlet/gramt-mono            models/gramt-mono
    nathear validate-model onnx:models/gramt-binaural

What the graph does (everything after the waveform is inside model.onnx, so nathear feeds audio):
- input ``[batch, channel, 64000]``: 2 s at 32 kHz, GRAM's crop (``chunking`` min = max = 2.0 s: nathear
  cuts clips into 2 s chunks and zero-pads the last one; embeddings of the padding are dropped);
- log-mel per channel as GRAM computes it (n_fft 1024, Hann 1024, hop 320, 128 HTK mels 50 Hz-16 kHz,
  power 2, centred with reflection), the first 200 of the 201 frames; ln(mel + eps) with eps 1e-5 as in
  pre-training (``--log-eps 1.19e-7`` for the value of GRAM's HEAR wrapper);
- Ambisonics: nathear's FOA is ACN/SN3D (W, Y, Z, X); GRAM's ARIRs are N3D in the order
  [W, up, -front, right], so the graph feeds [W, Z, -X, -Y] x [1, sqrt 3, sqrt 3, sqrt 3], then adds
  GRAM's 3 intensity-vector channels (2 Re(conj(W) [ch1, ch2, ch3]) / (1e-6 + sum |ch|^2), projected
  on the mel filterbank, no log) to the 4 log-mels (ln(mel + 1e-6)): 7 input channels;
- the model with ``strategy="raw"``: 25 tokens per 2 s, each the concatenation of the 8 frequency
  patches' 768-d embeddings: frames of 6144 values every 80 ms, centred at 40 + 80 k ms
  (``firstFrameMillis`` 40; GRAM's HEAR wrapper spaces timestamps evenly over the clip instead).

The scene embedding is the mean of the frames, as GRAM's wrapper does. Differences from GRAM's own
HEAR wrapper, on purpose: nathear pads the last chunk with silence in the waveform (the wrapper pads
the log-mel with zeros, i.e. ln(mel) = 0, and adds a whole extra chunk when the length is a multiple of
2 s); timestamps are the true patch centres.

The forward signature ``model(logmel, strategy="raw")`` with log-mel ``[batch, channel, 200, 128]`` is
the one the GRAM-T Hugging Face code uses (see reference/gram-implementation.md, section 5). If a
checkpoint's remote code differs, adapt ``GramFrames.forward``; ``nathear validate-model`` then checks
shapes, timestamps and determinism of the result.
"""
import argparse
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nathear_onnx as nx  # noqa: E402

RATE = 32000
CROP_SAMPLES = 64000
CROP_FRAMES = 200


class GramFrames(torch.nn.Module):
    def __init__(self, model, channels, ambisonic, log_eps):
        super().__init__()
        self.model = model
        self.ambisonic = ambisonic
        self.logmel = nx.ConvLogMel(RATE, 1024, 1024, 320, 128, 50, 16000, log_eps=1e-6 if ambisonic else log_eps)
        # nathear ACN/SN3D (W, Y, Z, X) -> GRAM's N3D (W, Z, -X, -Y)
        self.register_buffer("foa_to_gram", torch.tensor([
            [1.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, math.sqrt(3), 0.0],
            [0.0, 0.0, 0.0, -math.sqrt(3)],
            [0.0, -math.sqrt(3), 0.0, 0.0]]))
        self.channels = channels

    def forward(self, audio):
        x = audio
        if self.ambisonic:
            x = torch.einsum("oc,bct->bot", self.foa_to_gram, x)
            re, im = self.logmel.stft(x)                              # [b, 4, bins, frames]
            logmel = torch.log(self.logmel.mel(re, im) + 1e-6)       # [b, 4, frames, mels]
            energy = 1e-6 + (re * re + im * im).sum(dim=1, keepdim=True)
            iv = 2 * (re[:, :1] * re[:, 1:] + im[:, :1] * im[:, 1:]) / energy   # Re(conj(W) ch) / E
            iv = torch.matmul(iv.transpose(2, 3), self.logmel.mel_fb)          # [b, 3, frames, mels]
            features = torch.cat([logmel, iv], dim=1)
        else:
            features = self.logmel(x)
        features = features[:, :, :CROP_FRAMES, :]
        return self.model(features, strategy="raw")                # [b, 25, 8 * 768]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkpoint", help="Hugging Face id, e.g. labhamlet/gramt-binaural-frame")
    parser.add_argument("out")
    parser.add_argument("--layout", choices=["BINAURAL", "FOA", "MONO"], help="default: from the checkpoint name")
    parser.add_argument("--id", default=None)
    parser.add_argument("--log-eps", type=float, default=1e-5, help="log offset of the log-mel (binaural, mono)")
    parser.add_argument("--max-batch-size", type=int, default=8)
    parser.add_argument("--opset", type=int, default=14)
    args = parser.parse_args()
    layout = args.layout or ("FOA" if "ambisonic" in args.checkpoint else "MONO" if "mono" in args.checkpoint else "BINAURAL")
    channels = {"MONO": 1, "BINAURAL": 2, "FOA": 4}[layout]

    from transformers import AutoModel
    model = AutoModel.from_pretrained(args.checkpoint, trust_remote_code=True).eval()
    wrapper = GramFrames(model, channels, layout == "FOA", args.log_eps).eval()
    with torch.no_grad():
        dim = wrapper(torch.zeros(1, channels, CROP_SAMPLES)).shape[-1]
    name = args.id or args.checkpoint.rstrip("/").split("/")[-1].lower().replace("_", "-")[:64]
    desc = nx.descriptor(name, args.checkpoint, RATE, [layout], input_tensor="audio", input_kind="waveform",
                         output_tensor="frames", output_kind="frames", embedding_size=dim, hop_millis=80,
                         first_frame_millis=40, max_batch_size=args.max_batch_size, chunk_max_seconds=2.0,
                         chunk_min_seconds=2.0,
                         description=f"GRAM {args.checkpoint} ({layout}), raw strategy: 80 ms frames of {dim} values")
    graph = nx.write_model_folder(args.out, wrapper, torch.zeros(1, channels, CROP_SAMPLES), desc, opset=args.opset,
                                  dynamic_length=False)
    print(f"wrote {graph} ({os.path.getsize(graph) / 1e6:.0f} MB): {name}, {layout}, {dim} dims per 80 ms frame")


if __name__ == "__main__":
    main()
