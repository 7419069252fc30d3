"""Export BEATs (microsoft/unilm, beats/BEATs.py) as a nathear ONNX model folder.

NOT run by CI. Needs: torch, torchaudio, a clone of https://github.com/microsoft/unilm (for
``beats/BEATs.py`` and ``beats/backbone.py``) and a BEATs checkpoint, e.g. ``BEATs_iter3_plus_AS2M.pt``
(download link in unilm/beats/README.md; network access needed once).

    python3 tools/export/export_beats.py --unilm ~/src/unilm --checkpoint BEATs_iter3_plus_AS2M.pt models/beats-iter3
    nathear validate-model onnx:models/beats-iter3

Front end. BEATs computes Kaldi filterbanks (torchaudio.compliance.kaldi.fbank: 128 bins, 25 ms
Povey window, 10 ms hop, pre-emphasis 0.97, DC removal) of the waveform scaled to 16-bit integers,
then normalises with mean 15.41663 and 2 x std 6.55582. Kaldi's fbank cannot be exported to ONNX, so
nathear computes the log-mel (input kind ``logmel``): 16 kHz, 400-sample periodic Hann window in a
512-point FFT, 10 ms hop, 128 HTK mel bands 20 Hz - 8 kHz, power 2, no centring, ln(mel + 1.19e-7).
The graph adds ln(32768^2) (the int16 scaling) and normalises as BEATs does. This is an
approximation of Kaldi's fbank (Hann instead of Povey window, no pre-emphasis, no dithering, and
nathear's 400-sample window sits in the middle of its 512-sample frame, so frames start 56 samples =
3.5 ms later than Kaldi's); the script prints how close the two front ends bring the embeddings on
noise (cosine similarity of the frames).

Output: BEATs' patch tokens (8 frequency x T/16 time patches of 16 x 16) averaged over frequency:
``[batch, T/16, 768]``, one frame per 160 ms, centred at 80 + 160 k ms (``hopMillis`` 160 is above
HEAR's suggested 50 ms: fine for scene tasks, coarse for onset-level event tasks). Chunks of 10 s
(what BEATs was trained on); the scene embedding is the mean of the frames.
"""
import argparse
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nathear_onnx as nx  # noqa: E402

FBANK_MEAN = 15.41663
FBANK_STD = 6.55582
INT16_LOG_POWER = 2 * math.log(32768.0)


class BeatsFrames(torch.nn.Module):
    """[batch, frame, 128] nathear log-mel -> [batch, frame // 16, 768]."""

    def __init__(self, beats):
        super().__init__()
        self.beats = beats

    def forward(self, logmel):
        fbank = (logmel + INT16_LOG_POWER - FBANK_MEAN) / (2 * FBANK_STD)
        frames = (fbank.shape[1] // 16) * 16
        x = fbank[:, :frames, :].unsqueeze(1)                  # [b, 1, T, 128]
        features = self.beats.patch_embedding(x)               # [b, 768, T/16, 8]
        b, dim, tp, fp = features.shape
        features = features.reshape(b, dim, tp * fp).transpose(1, 2)
        features = self.beats.layer_norm(features)
        if self.beats.post_extract_proj is not None:
            features = self.beats.post_extract_proj(features)
        features = self.beats.dropout_input(features)
        features, _ = self.beats.encoder(features, padding_mask=None)
        return features.reshape(b, tp, fp, -1).mean(dim=2)    # mean over the 8 frequency patches


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--unilm", required=True, help="clone of github.com/microsoft/unilm")
    parser.add_argument("--checkpoint", required=True, help="BEATs .pt checkpoint")
    parser.add_argument("--id", default=None)
    parser.add_argument("--max-batch-size", type=int, default=4)
    parser.add_argument("--opset", type=int, default=14)
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(args.unilm, "beats"))
    from BEATs import BEATs, BEATsConfig  # noqa: E402

    checkpoint = torch.load(args.checkpoint, map_location="cpu")
    beats = BEATs(BEATsConfig(checkpoint["cfg"]))
    beats.load_state_dict(checkpoint["model"])
    beats.eval()
    wrapper = BeatsFrames(beats).eval()
    logmel = nx.logmel_settings(512, 400, 160, 128, 20.0, 8000.0, center=False, pad_mode="zero",
                                mel_scale="htk", mel_norm="none", log_epsilon=1.1920929e-07)
    name = args.id or "beats-" + os.path.splitext(os.path.basename(args.checkpoint))[0].lower().replace("_", "-")[:58]
    desc = nx.descriptor(name, os.path.basename(args.checkpoint), 16000, ["MONO"], input_tensor="logmel",
                         input_kind="logmel", logmel=logmel, output_tensor="frames", output_kind="frames",
                         embedding_size=768, hop_millis=160, first_frame_millis=80, max_batch_size=args.max_batch_size,
                         chunk_max_seconds=10.0, chunk_min_seconds=0.2,
                         description="BEATs " + os.path.basename(args.checkpoint)
                                     + ": patch tokens averaged over frequency, 160 ms frames")
    graph = nx.write_model_folder(args.out, wrapper, torch.zeros(1, 998, 128), desc, opset=args.opset)
    print("wrote", graph)

    # how close the exported front end comes to BEATs' own (Kaldi) one, on 10 s of noise
    import torchaudio
    torch.manual_seed(0)
    wave = (torch.rand(1, 160000) - 0.5) * 0.5
    with torch.no_grad():
        reference, _ = beats.extract_features(wave)
        reference = reference.reshape(1, -1, 8, 768).mean(dim=2)
        mel = torchaudio.transforms.MelSpectrogram(16000, n_fft=512, win_length=400, hop_length=160, f_min=20.0,
                                                   f_max=8000.0, n_mels=128, power=2.0, center=False)(wave)
        ours = wrapper(torch.log(mel + 1.1920929e-07).transpose(1, 2))
    n = min(reference.shape[1], ours.shape[1])
    cosine = torch.nn.functional.cosine_similarity(reference[0, :n], ours[0, :n], dim=-1)
    print(f"front-end check on noise: cosine similarity of frames, Kaldi fbank vs nathear log-mel: "
          f"mean {cosine.mean():.4f}, min {cosine.min():.4f}")


if __name__ == "__main__":
    main()
