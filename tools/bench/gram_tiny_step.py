#!/usr/bin/env python3
"""PyTorch reference for docs/performance.md: one GRAM-tiny pre-training step (forward, backward,
AdamW update) with the same shapes and operations as nathear's DJL network
(models-gram: org.nathear.gram.model.GramNetwork), on random input, CPU.

Usage: python3 gram_tiny_step.py [--crops 32] [--steps 20] [--warmup 3] [--threads 2] [--variant binaural|ambisonics|clean] [--masking patch|time]
Prints one line: median and mean milliseconds per step.
"""
import argparse
import math
import statistics
import time

import torch
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--crops", type=int, default=32)
p.add_argument("--steps", type=int, default=20)
p.add_argument("--warmup", type=int, default=3)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--variant", default="binaural")
p.add_argument("--masking", default="patch")
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)

C = {"binaural": 2, "ambisonics": 7, "clean": 1}[a.variant]
PF, PT, WINDOWS = (16, 8, [2, 5, 10, 25, 50, 100, 0, 0]) if a.masking == "patch" else (128, 2, [2, 5, 10, 25, 50, 0, 0, 0])
NF, NT = 128 // PF, 200 // PT
N = NF * NT
P = C * PF * PT
D, DEPTH, HEADS, DD, DDEPTH, DH = 64, 4, 4, 64, 2, 8  # GramSize.TINY
NV = round(N * 0.2)


def sincos(dim, rows, cols):
    k = dim // 4
    omega = 1.0 / 10000 ** (torch.arange(k, dtype=torch.float64) / k)
    f, t = torch.meshgrid(torch.arange(rows, dtype=torch.float64), torch.arange(cols, dtype=torch.float64), indexing="ij")
    f, t = f.reshape(-1, 1) * omega, t.reshape(-1, 1) * omega
    return torch.cat([t.sin(), t.cos(), f.sin(), f.cos()], 1).float()


def param(*shape, std=None):
    w = torch.empty(*shape)
    if std is None:
        torch.nn.init.xavier_uniform_(w) if len(shape) > 1 else torch.nn.init.zeros_(w)
    else:
        torch.nn.init.normal_(w, std=std)
    return w.requires_grad_()


params = {"pe.w": param(D, P), "pe.b": param(D), "cls": param(1, 1, D, std=1.0)}
for i in range(DEPTH):
    params.update({f"e{i}.ln1.w": torch.ones(D, requires_grad=True), f"e{i}.ln1.b": param(D),
                   f"e{i}.qkv.w": param(3 * D, D), f"e{i}.qkv.b": param(3 * D), f"e{i}.o.w": param(D, D), f"e{i}.o.b": param(D),
                   f"e{i}.ln2.w": torch.ones(D, requires_grad=True), f"e{i}.ln2.b": param(D),
                   f"e{i}.m0.w": param(4 * D, D), f"e{i}.m0.b": param(4 * D), f"e{i}.m3.w": param(D, 4 * D), f"e{i}.m3.b": param(D)})
params.update({"eln.w": torch.ones(D, requires_grad=True), "eln.b": param(D), "de.w": param(DD, D), "de.b": param(DD),
               "mask": param(1, 1, DD, std=0.02)})
for i in range(DDEPTH):
    params.update({f"d{i}.ln1.w": torch.ones(DD, requires_grad=True), f"d{i}.ln1.b": param(DD),
                   f"d{i}.qkv.w": param(3 * DD, DD), f"d{i}.qkv.b": param(3 * DD), f"d{i}.o.w": param(DD, DD), f"d{i}.o.b": param(DD),
                   f"d{i}.ln2.w": torch.ones(DD, requires_grad=True), f"d{i}.ln2.b": param(DD),
                   f"d{i}.m0.w": param(4 * DD, DD), f"d{i}.m0.b": param(4 * DD), f"d{i}.m3.w": param(DD, 4 * DD), f"d{i}.m3.b": param(DD)})
    for h, w in enumerate(WINDOWS):
        if w:
            params[f"d{i}.rel{h}"] = param(2 * w - 1, 1, std=0.02)
params.update({"dln.w": torch.ones(DD, requires_grad=True), "dln.b": param(DD), "sp.w": param(P, DD), "sp.b": param(P)})

# window bias index/mask as in GramNetwork
total = sum(2 * w - 1 for w in WINDOWS if w)
index = torch.full((len(WINDOWS), N, N), total, dtype=torch.long)
mask = torch.zeros(len(WINDOWS), N, N)
off = 0
ii, jj = torch.meshgrid(torch.arange(N), torch.arange(N), indexing="ij")
for h, w in enumerate(WINDOWS):
    if w:
        same = (ii // w) == (jj // w)
        index[h][same] = (off + ii - jj + w - 1)[same]
        mask[h][~same] = -1e9
        off += 2 * w - 1
zero1 = torch.zeros(1)
epos, dpos = sincos(D, NF, NT), sincos(DD, NF, NT)


def attention(x, wq, bq, wo, bo, heads, bias=None):
    b, l, d = x.shape
    qkv = F.linear(x, wq, bq).reshape(b, l, 3, heads, d // heads).permute(2, 0, 3, 1, 4)
    q, k, v = qkv[0] * (1 / math.sqrt(d // heads)), qkv[1], qkv[2]
    s = q @ k.transpose(-2, -1)
    if bias is not None:
        s = s + bias
    return F.linear((s.softmax(-1) @ v).transpose(1, 2).reshape(b, l, d), wo, bo)


def loss_fn(x, vis, msk, restore):
    B = x.shape[0]
    t = F.linear(x, params["pe.w"], params["pe.b"]) + epos
    t = t.gather(1, vis.unsqueeze(-1).expand(B, NV, D))
    h = torch.cat([params["cls"].expand(B, 1, D), t], 1)
    for i in range(DEPTH):
        h = h + attention(F.layer_norm(h, (D,), params[f"e{i}.ln1.w"], params[f"e{i}.ln1.b"], 1e-6), params[f"e{i}.qkv.w"],
                          params[f"e{i}.qkv.b"], params[f"e{i}.o.w"], params[f"e{i}.o.b"], HEADS)
        y = F.layer_norm(h, (D,), params[f"e{i}.ln2.w"], params[f"e{i}.ln2.b"], 1e-6)
        h = h + F.linear(F.gelu(F.linear(y, params[f"e{i}.m0.w"], params[f"e{i}.m0.b"])), params[f"e{i}.m3.w"], params[f"e{i}.m3.b"])
    h = F.layer_norm(h, (D,), params["eln.w"], params["eln.b"], 1e-6)
    d = F.linear(h[:, 1:], params["de.w"], params["de.b"])
    y = torch.cat([d, params["mask"].expand(B, N - NV, DD)], 1).gather(1, restore.unsqueeze(-1).expand(B, N, DD)) + dpos
    for i in range(DDEPTH):
        tables = [params[f"d{i}.rel{h}"].reshape(-1) for h, w in enumerate(WINDOWS) if w] + [zero1]
        bias = torch.cat(tables).gather(0, index.reshape(-1)).reshape(len(WINDOWS), N, N) + mask
        y = y + attention(F.layer_norm(y, (DD,), params[f"d{i}.ln1.w"], params[f"d{i}.ln1.b"], 1e-5), params[f"d{i}.qkv.w"],
                          params[f"d{i}.qkv.b"], params[f"d{i}.o.w"], params[f"d{i}.o.b"], DH, bias)
        z = F.layer_norm(y, (DD,), params[f"d{i}.ln2.w"], params[f"d{i}.ln2.b"], 1e-5)
        y = y + F.linear(F.gelu(F.linear(z, params[f"d{i}.m0.w"], params[f"d{i}.m0.b"])), params[f"d{i}.m3.w"], params[f"d{i}.m3.b"])
    pred = F.linear(F.layer_norm(y, (DD,), params["dln.w"], params["dln.b"], 1e-5), params["sp.w"], params["sp.b"])
    g = msk.unsqueeze(-1).expand(B, N - NV, P)
    return (pred.gather(1, g) - x.gather(1, g)).square().mean() * C


opt = torch.optim.AdamW(list(params.values()), lr=1e-3, betas=(0.9, 0.95), weight_decay=0.01)
times = []
for step in range(a.warmup + a.steps):
    x = torch.randn(a.crops, N, P)
    perm = torch.stack([torch.randperm(N) for _ in range(a.crops)])
    vis, msk = perm[:, :NV].sort(1).values, perm[:, NV:].sort(1).values
    restore = torch.empty_like(perm)
    restore.scatter_(1, torch.cat([vis, msk], 1), torch.arange(N).expand(a.crops, N).contiguous())
    t0 = time.perf_counter()
    loss = loss_fn(x, vis, msk, restore)
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(list(params.values()), 5.0)
    opt.step()
    if step >= a.warmup:
        times.append((time.perf_counter() - t0) * 1000)
print(f"pytorch {torch.__version__} {a.variant}/{a.masking}/tiny crops={a.crops} threads={a.threads}: "
      f"median {statistics.median(times):.1f} ms/step, mean {statistics.mean(times):.1f} ms/step over {len(times)} steps")
