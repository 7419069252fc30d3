"""Shared helpers for the export recipes: write a PyTorch module as a nathear ONNX model folder.

A nathear ONNX model folder holds ``model.onnx`` and its descriptor ``model.json`` (schema
``nathear.onnx-model/1``, documented in docs/adding-a-model.md). nathear reads the descriptor
strictly: a missing or unknown key is an error, so build descriptors with :func:`descriptor`.

Needs torch (1.13 or later). Nothing here touches the network; the recipes that fetch weights do.

Also here: :class:`ConvLogMel`, a log-mel spectrogram made of ONNX-exportable operations
(``torch.stft`` cannot be exported to ONNX by torch 1.13): a 1-D convolution with the windowed
DFT basis, then the mel filterbank as a matrix product. It matches
``torchaudio.transforms.MelSpectrogram`` (and so nathear's own LogMelSpectrogram) to float32
rounding; ``selftest.py`` checks it.
"""
import hashlib
import json
import math
import os
import tempfile

import torch
import torch.nn.functional as F

SCHEMA = "nathear.onnx-model/1"
LAYOUTS = ("MONO", "BINAURAL", "FOA")


def logmel_settings(n_fft, win_length, hop_length, n_mels, f_min_hz, f_max_hz, *, power=2.0, center=True,
                    pad_mode="reflect", mel_scale="htk", mel_norm="none", log_epsilon=1e-6):
    """The ``input.logmel`` object: nathear computes ln(mel + log_epsilon) with a periodic Hann window
    (torchaudio.transforms.MelSpectrogram followed by torch.log(x + eps)), one per channel."""
    assert pad_mode in ("reflect", "zero") and mel_scale in ("htk", "slaney") and mel_norm in ("none", "slaney")
    return {"nFft": n_fft, "winLength": win_length, "hopLength": hop_length, "nMels": n_mels, "fMinHz": f_min_hz,
            "fMaxHz": f_max_hz, "power": power, "center": center, "padMode": pad_mode, "melScale": mel_scale,
            "melNorm": mel_norm, "logEpsilon": log_epsilon}


def descriptor(model_id, version, sample_rate_hz, layouts, *, input_tensor, input_kind, output_tensor, output_kind,
               embedding_size, max_batch_size, hop_millis=None, first_frame_millis=None, timestamp_hop_millis=None,
               timestamp_window_millis=None, logmel=None, chunk_max_seconds=None, chunk_min_seconds=None,
               description=None, intra_op_threads=None):
    """A ``model.json`` dictionary with exactly the keys nathear expects for the given kinds."""
    assert all(layout in LAYOUTS for layout in layouts), layouts
    assert input_kind in ("waveform", "logmel") and output_kind in ("scene", "frames")
    d = {"schema": SCHEMA, "id": model_id, "version": version}
    if description:
        d["description"] = description
    d["sampleRateHz"] = int(sample_rate_hz)
    d["acceptedLayouts"] = list(layouts)
    d["input"] = {"tensor": input_tensor, "kind": input_kind}
    if input_kind == "logmel":
        assert logmel is not None, "a logmel input needs logmel_settings(...)"
        d["input"]["logmel"] = logmel
    out = {"tensor": output_tensor, "kind": output_kind, "embeddingSize": int(embedding_size)}
    if output_kind == "frames":
        out["hopMillis"] = hop_millis
        out["firstFrameMillis"] = first_frame_millis
    else:
        out["timestampHopMillis"] = timestamp_hop_millis
        out["timestampWindowMillis"] = timestamp_window_millis
    d["output"] = out
    d["maxBatchSize"] = int(max_batch_size)
    if chunk_max_seconds is not None:
        d["chunking"] = {"maxSeconds": chunk_max_seconds}
        if chunk_min_seconds is not None:
            d["chunking"]["minSeconds"] = chunk_min_seconds
    if intra_op_threads is not None:
        d["intraOpThreads"] = int(intra_op_threads)
    return d


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_model_folder(folder, module, example_input, desc, *, opset=14, dynamic_length=True, pin_sha256=True):
    """Exports ``module`` (one input, one output, named as the descriptor says) to ``folder/model.onnx``
    and writes ``folder/model.json``. The batch axis is always dynamic; the length axis (samples or
    frames, axis -1 of a waveform, -2 of a log-mel) is dynamic unless ``dynamic_length`` is False.
    With ``pin_sha256`` the descriptor records the graph's SHA-256 (nathear refuses a changed graph)."""
    os.makedirs(folder, exist_ok=True)
    module = module.eval()
    in_name = desc["input"]["tensor"]
    out_name = desc["output"]["tensor"]
    rank = example_input.dim()
    in_axes = {0: "batch"}
    if dynamic_length:
        in_axes[rank - 1 if desc["input"]["kind"] == "waveform" else rank - 2] = "length"
    out_axes = {0: "batch"}
    if desc["output"]["kind"] == "frames":
        out_axes[1] = "frames"
    graph = os.path.join(folder, "model.onnx")
    with torch.no_grad():
        torch.onnx.export(module, (example_input,), graph, opset_version=opset, input_names=[in_name],
                          output_names=[out_name], dynamic_axes={in_name: in_axes, out_name: out_axes},
                          do_constant_folding=True)
    desc = dict(desc)
    if pin_sha256:
        desc["weightsSha256"] = sha256(graph)
    tmp = tempfile.NamedTemporaryFile("w", dir=folder, suffix=".tmp", delete=False, encoding="utf-8")
    with tmp:
        json.dump(desc, tmp, indent=2)
        tmp.write("\n")
    os.replace(tmp.name, os.path.join(folder, "model.json"))  # atomic, like every file nathear writes
    return graph


def hz_to_mel(hz, scale):
    if scale == "htk":
        return 2595.0 * math.log10(1.0 + hz / 700.0)
    return hz / (200.0 / 3) if hz < 1000 else 15.0 + math.log(hz / 1000.0) / (math.log(6.4) / 27)


class ConvLogMel(torch.nn.Module):
    """ln(mel(|STFT|^power) + eps) per channel, exportable to ONNX: [batch, channel, sample] ->
    [batch, channel, frame, mel] (time-major, like nathear). Periodic Hann window of ``win_length``
    centred in ``n_fft``; with ``center`` the signal is reflect-padded by n_fft/2 so frame t is centred
    on sample t*hop. ``stft(x)`` returns the real and imaginary parts [batch, channel, bin, frame]
    for front ends that need them (e.g. Ambisonic intensity vectors)."""

    def __init__(self, sample_rate, n_fft, win_length, hop_length, n_mels, f_min, f_max, *, power=2.0, center=True,
                 mel_scale="htk", log_eps=1e-6):
        super().__init__()
        import torchaudio
        self.n_fft, self.hop, self.center, self.power, self.log_eps = n_fft, hop_length, center, power, log_eps
        window = torch.zeros(n_fft)
        start = (n_fft - win_length) // 2
        window[start:start + win_length] = torch.hann_window(win_length, periodic=True, dtype=torch.float64).float()
        bins = n_fft // 2 + 1
        k = torch.arange(bins, dtype=torch.float64)[:, None]
        n = torch.arange(n_fft, dtype=torch.float64)[None, :]
        angle = 2 * math.pi * k * n / n_fft
        self.register_buffer("cos_basis", (torch.cos(angle) * window.double()).float()[:, None, :])
        self.register_buffer("sin_basis", (-torch.sin(angle) * window.double()).float()[:, None, :])
        fb = torchaudio.functional.melscale_fbanks(bins, f_min, f_max, n_mels, sample_rate, norm=None, mel_scale=mel_scale)
        self.register_buffer("mel_fb", fb.float())  # [bins, mels]

    def stft(self, x):
        b, c, t = x.shape
        flat = x.reshape(b * c, 1, t)
        if self.center:
            flat = F.pad(flat, (self.n_fft // 2, self.n_fft // 2), mode="reflect")
        re = F.conv1d(flat, self.cos_basis, stride=self.hop)
        im = F.conv1d(flat, self.sin_basis, stride=self.hop)
        return re.reshape(b, c, re.shape[1], re.shape[2]), im.reshape(b, c, im.shape[1], im.shape[2])

    def mel(self, re, im):
        spec = re * re + im * im
        if self.power != 2.0:
            spec = spec.pow(self.power / 2.0)
        return torch.matmul(spec.transpose(2, 3), self.mel_fb)  # [b, c, frame, mel]

    def forward(self, x):
        re, im = self.stft(x)
        return torch.log(self.mel(re, im) + self.log_eps)
