"""Export Audio-MAE (facebookresearch/AudioMAE, ViT-B/16 encoder) as a nathear ONNX model folder.

NOT run by CI. Needs: torch, timm 0.3.2 (the version AudioMAE pins; later versions changed its ViT),
a clone of https://github.com/facebookresearch/AudioMAE and a pre-trained checkpoint such as
``pretrained.pth`` (ViT-B, AudioSet-2M; download link in the AudioMAE README, network access needed).

    python3 tools/export/export_audiomae.py --audiomae ~/src/AudioMAE --checkpoint pretrained.pth models/audiomae-vitb
    nathear validate-model onnx:models/audiomae-vitb

Front end. Audio-MAE uses Kaldi filterbanks (128 bins, 25 ms, 10 ms hop) of 1024 frames (10.24 s),
normalised with mean -4.2677393 and std 4.5689974 (x 2). As for BEATs, Kaldi's fbank is not
exportable: nathear computes the log-mel (input kind ``logmel``: 400-sample Hann in 512 points, 10 ms
hop, 128 HTK mels 20 Hz - 8 kHz, no centring, ln(mel + 1.19e-7)); the graph normalises. The graph
takes exactly 1024 frames, so ``chunking`` min = max = 10.262 s (see the note on lengths below).

Output: the encoder's 512 patch tokens (8 frequency x 64 time) averaged over frequency: 64 frames of
768 every 160 ms, centred at 80 + 160 k ms. The scene embedding is their mean.

Note on lengths: nathear's log-mel with n_fft 512 and no centring gives 1 + floor((n - 512) / 160)
frames, so 1024 frames need n = 512 + 1023 x 160 = 164192 samples = 10.262 s; the descriptor uses
that chunk length. nathear refuses to open the folder if the two disagree (the graph's fixed input
length is checked against the chunk length), so a wrong value cannot go unnoticed.
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nathear_onnx as nx  # noqa: E402

MEAN = -4.2677393
STD = 4.5689974
FRAMES = 1024
CHUNK_SAMPLES = 512 + (FRAMES - 1) * 160


class AudioMaeFrames(torch.nn.Module):
    """[batch, 1024, 128] nathear log-mel -> [batch, 64, 768]."""

    def __init__(self, vit):
        super().__init__()
        self.vit = vit

    def forward(self, logmel):
        x = ((logmel - MEAN) / (STD * 2)).unsqueeze(1)       # [b, 1, 1024, 128], AudioMAE's layout
        x = self.vit.patch_embed(x)                           # [b, 512, 768], patches ordered (time, freq)
        x = x + self.vit.pos_embed[:, 1:, :]
        cls = (self.vit.cls_token + self.vit.pos_embed[:, :1, :]).expand(x.shape[0], -1, -1)
        x = torch.cat((cls, x), dim=1)
        for block in self.vit.blocks:
            x = block(x)
        x = self.vit.norm(x)[:, 1:, :]
        b = x.shape[0]
        return x.reshape(b, 64, 8, 768).mean(dim=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--audiomae", required=True, help="clone of github.com/facebookresearch/AudioMAE")
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--id", default="audiomae-vitb")
    parser.add_argument("--max-batch-size", type=int, default=4)
    parser.add_argument("--opset", type=int, default=14)
    args = parser.parse_args()
    sys.path.insert(0, args.audiomae)
    import models_vit  # noqa: E402  (AudioMAE's ViT for fine-tuning/feature extraction)

    vit = models_vit.vit_base_patch16(num_classes=527, drop_path_rate=0.0, global_pool=True, mask_2d=True,
                                      use_custom_patch=False)
    vit.patch_embed = models_vit.PatchEmbed_new(img_size=(FRAMES, 128), patch_size=(16, 16), in_chans=1, embed_dim=768,
                                                stride=16)
    vit.pos_embed = torch.nn.Parameter(torch.zeros(1, vit.patch_embed.num_patches + 1, 768), requires_grad=False)
    state = torch.load(args.checkpoint, map_location="cpu")
    state = state.get("model", state)
    missing, unexpected = vit.load_state_dict(state, strict=False)
    print("missing keys:", missing, "\nunexpected keys (decoder, ...):", len(unexpected))
    wrapper = AudioMaeFrames(vit.eval()).eval()
    logmel = nx.logmel_settings(512, 400, 160, 128, 20.0, 8000.0, center=False, pad_mode="zero", mel_scale="htk",
                                mel_norm="none", log_epsilon=1.1920929e-07)
    seconds = CHUNK_SAMPLES / 16000
    desc = nx.descriptor(args.id, os.path.basename(args.checkpoint), 16000, ["MONO"], input_tensor="logmel",
                         input_kind="logmel", logmel=logmel, output_tensor="frames", output_kind="frames",
                         embedding_size=768, hop_millis=160, first_frame_millis=80, max_batch_size=args.max_batch_size,
                         chunk_max_seconds=seconds, chunk_min_seconds=seconds,
                         description="Audio-MAE ViT-B/16 encoder: patch tokens averaged over frequency, 160 ms frames")
    graph = nx.write_model_folder(args.out, wrapper, torch.zeros(1, FRAMES, 128), desc, opset=args.opset,
                                  dynamic_length=False)
    print("wrote", graph)


if __name__ == "__main__":
    main()
