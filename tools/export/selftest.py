"""Offline self-test of the export helpers (no network, no model packages; torch and torchaudio only).

1. ConvLogMel (the ONNX-exportable log-mel used by the GRAM recipe) against
   torchaudio.transforms.MelSpectrogram + log, on seeded noise.
2. Exports two tiny models with write_model_folder and the descriptors the recipes use:
   - ``selftest-conv-frames``: the wav2vec 2.0 / HuBERT / WavLM geometry (a 400-sample, stride-320
     convolution on the waveform padded by 40 samples each side: 20 ms frames centred at 10 + 20 k ms);
   - ``selftest-binaural-frames``: the GRAM geometry (2 s binaural chunks, in-graph log-mel of 200
     frames, 8-frame patches: 25 frames of 80 ms centred at 40 + 80 k ms).
3. With --nathear BIN, runs ``BIN validate-model onnx:FOLDER`` on both (timestamps within 1 ms of the
   declared hop and inside the clip, shapes, determinism, ...).

    /usr/bin/python3 tools/export/selftest.py OUT_DIR [--nathear harness-runner/target/nathear/bin/nathear]
"""
import argparse
import os
import subprocess
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nathear_onnx as nx  # noqa: E402


class ConvFrames(torch.nn.Module):
    """[batch, sample] -> [batch, frame, 16]: the framing of wav2vec 2.0's feature encoder, in miniature."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(1)
        self.conv = torch.nn.Conv1d(1, 16, kernel_size=400, stride=320)
        self.proj = torch.nn.Linear(16, 16)

    def forward(self, audio):
        x = torch.nn.functional.pad(audio[:, None, :], (40, 40))
        return self.proj(torch.relu(self.conv(x)).transpose(1, 2))


class BinauralPatches(torch.nn.Module):
    """[batch, 2, 64000] -> [batch, 25, 8]: log-mel of 200 frames per ear, 8-frame patches, a linear map."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(2)
        self.logmel = nx.ConvLogMel(32000, 1024, 1024, 320, 128, 50, 16000, log_eps=1e-5)
        self.proj = torch.nn.Linear(2 * 128, 8)

    def forward(self, audio):
        mel = self.logmel(audio)[:, :, :200, :]                    # 201 centred frames -> GRAM's 200
        b = mel.shape[0]
        patches = mel.reshape(b, 2, 25, 8, 128).mean(dim=3)       # [b, 2, 25, 128]
        return self.proj(patches.permute(0, 2, 1, 3).reshape(b, 25, 2 * 128))


def check_logmel():
    import torchaudio
    torch.manual_seed(3)
    x = torch.rand(2, 3, 20000) - 0.5
    ours = nx.ConvLogMel(16000, 512, 400, 160, 64, 0, 8000, log_eps=1e-6)(x)
    ref = torchaudio.transforms.MelSpectrogram(16000, n_fft=512, win_length=400, hop_length=160, f_min=0, f_max=8000,
                                                n_mels=64, power=2.0)(x)
    ref = torch.log(ref + 1e-6).transpose(-1, -2)
    err = (ours - ref).abs().max().item()
    print(f"ConvLogMel vs torchaudio MelSpectrogram: shapes {tuple(ours.shape)} / {tuple(ref.shape)}, largest log error {err:.2e}")
    assert ours.shape == ref.shape and err < 1e-3, err


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--nathear", help="path of the nathear launcher, to validate the folders")
    args = parser.parse_args()
    check_logmel()
    conv = os.path.join(args.out, "selftest-conv-frames")
    nx.write_model_folder(conv, ConvFrames(), torch.zeros(2, 16000), nx.descriptor(
        "selftest-conv-frames", "1", 16000, ["MONO"], input_tensor="audio", input_kind="waveform",
        output_tensor="frames", output_kind="frames", embedding_size=16, hop_millis=20, first_frame_millis=10,
        max_batch_size=8, chunk_max_seconds=20.0, chunk_min_seconds=0.02,
        description="export self-test: wav2vec 2.0 framing (400/320 conv, 40 samples of padding each side)"))
    binaural = os.path.join(args.out, "selftest-binaural-frames")
    nx.write_model_folder(binaural, BinauralPatches(), torch.zeros(1, 2, 64000), nx.descriptor(
        "selftest-binaural-frames", "1", 32000, ["BINAURAL"], input_tensor="audio", input_kind="waveform",
        output_tensor="frames", output_kind="frames", embedding_size=8, hop_millis=80, first_frame_millis=40,
        max_batch_size=4, chunk_max_seconds=2.0, chunk_min_seconds=2.0,
        description="export self-test: GRAM geometry (2 s binaural chunks, 25 patches of 80 ms)"), dynamic_length=False)
    for folder in (conv, binaural):
        print("wrote", folder)
    if args.nathear:
        status = 0
        for folder in (conv, binaural):
            status |= subprocess.call([args.nathear, "validate-model", "onnx:" + folder])
        sys.exit(status)


if __name__ == "__main__":
    main()
