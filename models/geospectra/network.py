"""The GeoSpectra network (after the paper in ``shared/seeds/004_…``) and the plain 1-D CNN baseline.

Input (all on the 211-sample model grid): denoised reflectance ``x`` with masked
samples filled, the ``mask``, the instrument index, the instrument's native
resolution and coverage (hardware metadata), the spectrum statistics and the
un-denoised spectrum ``raw``.

* **Instrument-adaptive normalisation** (:class:`InstrumentNorm`):
  ``x' = γ_inst·(x − μ_inst)/(σ_inst + 1e-7) + β_inst`` with a statistics
  library (per instrument, per grid sample) updated by exponential moving
  average while training; an unknown instrument uses the ``OTHER`` entry
  (statistics over every instrument).
* **Residual noise suppression**: a learnable smoothing kernel mixed in by a
  learnable gate (starts almost closed), the trainable counterpart of the fixed
  wavelet denoising done before the network; the residual of that denoising
  (input − denoised, relative to the spectrum's level) is a further input
  channel, so thresholding never destroys information the network could use.
* **Morphological baseline correction**: closing (dilation then erosion) with a
  flat structuring element whose size grows with the width of the spectrum's
  main absorption: ``size = clip(5 + 1.2·w + 0.02·w², 5, 31)`` samples (odd),
  ``w`` the number of samples deeper than half of the deepest feature relative
  to a 31-sample closing.  The network sees ``x / closing − 1``.
* **Spectral branch**: a stride-2 stem, three residual dilated 1-D convolutions
  (dilations 1, 2, 4, doubled for coarse-resolution inputs), two stride-2
  reductions to 27 tokens of 40 nm, multi-head self-attention over the tokens
  (masked tokens are ignored) and channel attention (squeeze-excitation from
  the per-channel mean and standard deviation over tokens); masked mean + max
  pooling and a position-aware flattened read-out → ``F_s``.
* **Instrument branch**: two towers — hardware metadata (instrument embedding,
  resolution, coverage) and spectrum statistics — → ``F_i``.
* **Fusion**: ``F_s ⊙ P(F_i)`` gated by a mask computed from that product and
  the cosine similarity of the two, added back to ``F_s`` (residual), layer norm
  → the 128-d **embedding**; a bottleneck head gives the class logits.
"""
from __future__ import annotations

import math
from typing import Dict

import torch
import torch.nn as nn
import torch.nn.functional as F

from .grid import N_GRID

INSTRUMENTS = ("ASD", "BECK", "NIC4", "AVIRIS", "AHSI", "OTHER")
OTHER = INSTRUMENTS.index("OTHER")
N_META = 4
SE_SIZES = tuple(range(5, 32, 2))
EPS = 1e-7
COARSE_LOG_RES = math.log2(1.75)  # log2(resolution / grid step) above which dilations double


def masked_mean_std(x: torch.Tensor, m: torch.Tensor, dim: int):
    n = m.sum(dim=dim, keepdim=True).clamp_min(1.0)
    mean = (x * m).sum(dim=dim, keepdim=True) / n
    var = (((x - mean) * m) ** 2).sum(dim=dim, keepdim=True) / n
    return mean, torch.sqrt(var + 1e-8)


class InstrumentNorm(nn.Module):
    """γ·(x − μ_inst)/(σ_inst + ε) + β with a running per-instrument statistics library."""

    def __init__(self, n_instruments: int = len(INSTRUMENTS), length: int = N_GRID, momentum: float = 0.02):
        super().__init__()
        self.momentum = momentum
        self.register_buffer("running_mean", torch.full((n_instruments, length), 0.3))
        self.register_buffer("running_std", torch.full((n_instruments, length), 0.2))
        self.gamma = nn.Parameter(torch.ones(n_instruments, length))
        self.beta = nn.Parameter(torch.zeros(n_instruments, length))
        self.track = False  # the statistics library is frozen until the training schedule unfreezes it

    @torch.no_grad()
    def set_statistics(self, x: torch.Tensor, m: torch.Tensor, inst: torch.Tensor) -> None:
        """Initialise the library from data (OTHER from everything)."""
        for i in range(self.running_mean.shape[0]):
            sel = torch.ones_like(inst, dtype=torch.bool) if i == OTHER else inst == i
            if sel.sum() < 2:
                continue
            self._assign(i, x[sel], m[sel], 1.0)

    @torch.no_grad()
    def _assign(self, i: int, x: torch.Tensor, m: torch.Tensor, momentum: float) -> None:
        cnt = m.sum(0)
        ok = cnt >= 2
        if not ok.any():
            return
        mean = (x * m).sum(0) / cnt.clamp_min(1)
        std = torch.sqrt((((x - mean) * m) ** 2).sum(0) / cnt.clamp_min(1) + 1e-8).clamp_min(0.02)
        rm, rs = self.running_mean[i], self.running_std[i]
        rm[ok] = (1 - momentum) * rm[ok] + momentum * mean[ok]
        rs[ok] = (1 - momentum) * rs[ok] + momentum * std[ok]

    def forward(self, x: torch.Tensor, m: torch.Tensor, inst: torch.Tensor) -> torch.Tensor:
        if self.training and self.track:
            with torch.no_grad():
                for i in torch.unique(inst).tolist():
                    sel = inst == i
                    if sel.sum() >= 4:
                        self._assign(i, x[sel], m[sel], self.momentum)
                self._assign(OTHER, x, m, self.momentum)
        mu = self.running_mean[inst]
        sd = self.running_std[inst]
        return (self.gamma[inst] * (x - mu) / (sd + EPS) + self.beta[inst]) * m


class ResidualDenoise(nn.Module):
    """x + sigmoid(a)·(smooth(x) − x) with a learnable 7-tap kernel (binomial start)."""

    def __init__(self):
        super().__init__()
        k = torch.tensor([1.0, 6, 15, 20, 15, 6, 1]) / 64.0
        self.kernel = nn.Parameter(k.view(1, 1, 7))
        self.gate = nn.Parameter(torch.tensor(-3.0))

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # x (B, L)
        sm = F.conv1d(F.pad(x[:, None], (3, 3), mode="replicate"), self.kernel)[:, 0]
        return x + torch.sigmoid(self.gate) * (sm - x)


def _closing(x: torch.Tensor, size: int) -> torch.Tensor:
    p = size // 2
    xp = F.pad(x[:, None], (p, p), mode="replicate")
    dil = F.max_pool1d(xp, size, stride=1)
    dp = F.pad(dil, (p, p), mode="replicate")
    return -F.max_pool1d(-dp, size, stride=1)[:, 0]


@torch.no_grad()
def adaptive_se_size(x: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
    """Structuring-element size per spectrum (odd, 5–31) from the width of its main absorption."""
    hull = _closing(x, 31)
    depth = (1.0 - x / hull.clamp_min(1e-6)) * m
    dmax = depth.max(dim=1, keepdim=True).values
    w = ((depth >= 0.5 * dmax) & (dmax > 1e-4)).float().sum(dim=1)
    size = 5.0 + 1.2 * w + 0.02 * w ** 2
    size = torch.clamp(size, 5, 31)
    return (torch.round((size - 1) / 2) * 2 + 1).long()


def morphological_baseline(x: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
    """x / closing(x; adaptive SE) − 1 (≤ 0 in absorptions), masked."""
    sizes = adaptive_se_size(x, m)
    out = torch.zeros_like(x)
    for s in torch.unique(sizes).tolist():
        sel = sizes == s
        xs = x[sel]
        out[sel] = xs / _closing(xs, int(s)).clamp_min(0.01) - 1.0
    return out.clamp(-1.5, 0.5) * m


class DilatedBlock(nn.Module):
    """Residual dilated convolution whose dilation is scaled by the input's resolution.

    The dilation is ``base × scale`` with ``scale`` = 1 for inputs resolved at about the
    grid step (≤ 17.5 nm FWHM) and 2 for coarser ones (e.g. AHSI's 20 nm SWIR), so
    the receptive field covers the same number of *resolution elements*; the
    weights are shared between the two scales.
    """

    def __init__(self, channels: int, dilation: int):
        super().__init__()
        self.dilation = dilation
        self.conv = nn.Conv1d(channels, channels, 3, padding=dilation, dilation=dilation, bias=False)
        self.norm = nn.BatchNorm1d(channels)

    def _dilated(self, h: torch.Tensor, scale: int) -> torch.Tensor:
        d = self.dilation * scale
        return F.conv1d(h, self.conv.weight, None, padding=d, dilation=d)

    def forward(self, h: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
        coarse = scale > 1
        if not bool(coarse.any()):
            y = self._dilated(h, 1)
        elif bool(coarse.all()):
            y = self._dilated(h, 2)
        else:
            y = torch.empty_like(h)
            y[~coarse] = self._dilated(h[~coarse], 1)
            y[coarse] = self._dilated(h[coarse], 2)
        return h + F.gelu(self.norm(y))


class SelfAttention(nn.Module):
    """Pre-norm multi-head self-attention + feed-forward over tokens; masked tokens are not attended to."""

    def __init__(self, d: int, heads: int, ff: int, dropout: float = 0.1):
        super().__init__()
        self.heads = heads
        self.n1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.n2 = nn.LayerNorm(d)
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.GELU(), nn.Linear(ff, d))
        self.drop = nn.Dropout(dropout)

    def forward(self, t: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:  # t (B, T, d), keep (B, T) bool
        B, T, d = t.shape
        q, k, v = self.qkv(self.n1(t)).view(B, T, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        mask = keep[:, None, None, :]
        a = F.scaled_dot_product_attention(q, k, v, attn_mask=mask,
                                           dropout_p=self.drop.p if self.training else 0.0)
        t = t + self.drop(self.out(a.transpose(1, 2).reshape(B, T, d)))
        return t + self.drop(self.ff(self.n2(t)))


class SpectralBranch(nn.Module):
    def __init__(self, in_ch: int = 5, c: int = 32, d: int = 64, heads: int = 4, out: int = 128, extra_down: int = 0):
        super().__init__()
        self.extra_down = int(extra_down)
        self.stem = nn.Sequential(nn.Conv1d(in_ch, c, 7, stride=2, padding=3, bias=False), nn.BatchNorm1d(c),
                                  nn.GELU())
        self.blocks = nn.ModuleList(DilatedBlock(c, d) for d in (1, 2, 4))
        self.down = nn.Sequential(nn.Conv1d(c, d, 3, stride=2, padding=1, bias=False), nn.BatchNorm1d(d), nn.GELU())
        self.n_tokens = math.ceil(math.ceil(N_GRID / 2) / 2)
        if self.extra_down:
            self.down2 = nn.Sequential(nn.Conv1d(d, d, 3, stride=2, padding=1, bias=False), nn.BatchNorm1d(d),
                                       nn.GELU())
            self.n_tokens = math.ceil(self.n_tokens / 2)
        self.pos = nn.Parameter(torch.randn(1, self.n_tokens, d) * 0.02)
        self.attn = SelfAttention(d, heads, ff=2 * d)
        self.se = nn.Sequential(nn.Linear(2 * d, d // 4), nn.GELU(), nn.Linear(d // 4, d))
        self.squeeze = nn.Linear(d, 16)
        self.proj = nn.Linear(2 * d + 16 * self.n_tokens, out)

    def forward(self, inp: torch.Tensor, m: torch.Tensor, log_res: torch.Tensor) -> torch.Tensor:
        h = self.stem(inp)
        scale = torch.where(log_res > COARSE_LOG_RES, 2, 1)
        for block in self.blocks:
            h = block(h, scale)
        h = self.down(h)  # (B, d, T)
        tm = F.max_pool1d(F.max_pool1d(m[:, None], 2, 2, ceil_mode=True), 2, 2, ceil_mode=True)
        if self.extra_down:
            h = self.down2(h)
            tm = F.max_pool1d(tm, 2, 2, ceil_mode=True)
        tm = tm[:, 0]  # (B, T)
        keep = tm > 0.5
        tokens = self.attn(h.transpose(1, 2) + self.pos, keep)
        tmf = tm[:, :, None]
        mean, std = masked_mean_std(tokens, tmf, dim=1)  # channel attention from mean and std over tokens
        gate = torch.sigmoid(self.se(torch.cat([mean[:, 0], std[:, 0]], dim=1)))
        tokens = tokens * gate[:, None, :]
        pooled_mean = (tokens * tmf).sum(1) / tmf.sum(1).clamp_min(1.0)
        pooled_max = tokens.masked_fill(tmf < 0.5, -1e4).max(dim=1).values
        flat = (self.squeeze(tokens) * tmf).flatten(1)  # position-aware read-out
        return self.proj(torch.cat([pooled_mean, pooled_max, flat], dim=1))


class InstrumentBranch(nn.Module):
    """Two towers: hardware metadata (+ instrument embedding) and spectrum statistics → F_i."""

    def __init__(self, n_stats: int, n_instruments: int = len(INSTRUMENTS), out: int = 64):
        super().__init__()
        self.embed = nn.Embedding(n_instruments, 16)
        self.meta_tower = nn.Sequential(nn.Linear(16 + N_META, 32), nn.GELU())
        self.stats_tower = nn.Sequential(nn.Linear(n_stats, 32), nn.GELU())
        self.out = nn.Linear(64, out)

    def forward(self, inst, meta, stats):
        a = self.meta_tower(torch.cat([self.embed(inst), meta], dim=1))
        b = self.stats_tower(stats)
        return self.out(torch.cat([a, b], dim=1))


class GeoSpectraNet(nn.Module):
    def __init__(self, n_classes: int, n_stats: int, emb: int = 128, residual_input: int = 1, extra_down: int = 1):
        super().__init__()
        self.config_dict = {"n_classes": n_classes, "n_stats": n_stats, "emb": emb,
                            "residual_input": int(residual_input), "extra_down": int(extra_down)}
        self.residual_input = int(residual_input)
        self.inorm = InstrumentNorm()
        self.denoise = ResidualDenoise()
        self.spectral = SpectralBranch(in_ch=5 + self.residual_input, out=emb, extra_down=extra_down)
        self.instrument = InstrumentBranch(n_stats)
        self.to_spectral = nn.Linear(64, emb)
        self.gate = nn.Linear(emb + 1, emb)
        self.mix = nn.Linear(emb, emb)
        self.norm = nn.LayerNorm(emb)
        self.head = nn.Sequential(nn.Linear(emb, 96), nn.GELU(), nn.Dropout(0.2), nn.Linear(96, n_classes))

    def config(self) -> Dict[str, int]:
        return dict(self.config_dict)

    def preprocessing_parameters(self):
        return list(self.inorm.parameters()) + list(self.denoise.parameters())

    def forward(self, x, m, inst, meta, stats, raw=None) -> Dict[str, torch.Tensor]:
        xn = self.inorm(x, m, inst).clamp(-8.0, 8.0)
        xn = self.denoise(xn) * m
        n = m.sum(1, keepdim=True).clamp_min(1.0)
        level = (x * m).sum(1, keepdim=True) / n
        xrel = (x / level.clamp_min(0.02) - 1.0).clamp(-3.0, 3.0) * m
        cr = morphological_baseline(x, m) * 4.0
        pos = torch.linspace(-1.0, 1.0, x.shape[1]).expand_as(x)
        chans = [xn, xrel, cr, m, pos]
        if self.residual_input:  # what the wavelet denoising removed, relative to the spectrum's level
            r = torch.zeros_like(x) if raw is None else raw - x
            chans.append((r / level.clamp_min(0.02)).clamp(-3.0, 3.0) * m)
        inp = torch.stack(chans, dim=1)
        log_res = meta[:, 0]
        f_s = self.spectral(inp, m, log_res)
        f_i = self.to_spectral(self.instrument(inst, meta, stats))
        prod = f_s * f_i
        cos = F.cosine_similarity(f_s, f_i, dim=1, eps=1e-6)[:, None]
        g = torch.sigmoid(self.gate(torch.cat([prod, cos], dim=1)))
        fused = f_s + g * self.mix(prod)
        emb = self.norm(fused)
        return {"logits": self.head(emb), "embedding": emb, "f_s": f_s, "f_i": f_i}


class PlainCNN(nn.Module):
    """Baseline: three conv-BN-ReLU-pool layers on reflectance + mask, flatten, a 128-unit hidden layer, linear head."""

    def __init__(self, n_classes: int, n_stats: int = 0, emb: int = 128):
        super().__init__()
        self.config_dict = {"n_classes": n_classes, "n_stats": n_stats, "emb": emb}
        self.features = nn.Sequential(
            nn.Conv1d(2, 16, 7, padding=3), nn.BatchNorm1d(16), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(16, 32, 5, padding=2), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(32, 32, 3, padding=1), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(2))
        self.hidden = nn.Sequential(nn.Flatten(), nn.Linear(32 * (N_GRID // 8), emb), nn.ReLU(), nn.Dropout(0.2))
        self.head = nn.Linear(emb, n_classes)

    def config(self) -> Dict[str, int]:
        return dict(self.config_dict)

    def preprocessing_parameters(self):
        return []

    def forward(self, x, m, inst, meta, stats, raw=None) -> Dict[str, torch.Tensor]:
        emb = self.hidden(self.features(torch.stack([x * m, m], dim=1)))
        return {"logits": self.head(emb), "embedding": emb}


class GeoSpectraEnsemble(nn.Module):
    """GeoSpectra networks that differ only in their training seed, answering as one.

    The class probability is the mean of the members' (returned as its log, so a softmax of the
    ``logits`` gives it back); the embedding is the members' embeddings side by side, scaled so its
    norm stays that of one member's.  Averaging seeds cancels part of what each network learnt from
    the library's particular specimens, which is what another laboratory's spectra expose.
    """

    MAX_MEMBERS = 16  # a model file cannot make us build hundreds of networks before its weights are compared

    def __init__(self, n_classes: int, n_stats: int, members: int = 4, emb: int = 128, residual_input: int = 1,
                 extra_down: int = 1):
        super().__init__()
        if not 1 <= int(members) <= self.MAX_MEMBERS:
            raise ValueError(f"an ensemble has 1 to {self.MAX_MEMBERS} members, not {members}")
        net = dict(n_classes=n_classes, n_stats=n_stats, emb=emb, residual_input=residual_input, extra_down=extra_down)
        self.members = nn.ModuleList(GeoSpectraNet(**net) for _ in range(int(members)))
        self.config_dict = {**self.members[0].config(), "members": int(members)}

    @classmethod
    def of(cls, nets) -> "GeoSpectraEnsemble":
        """The ensemble of trained :class:`GeoSpectraNet` ``nets`` (same sizes), weights copied."""
        nets = list(nets)
        ens = cls(**nets[0].config(), members=len(nets))
        for target, net in zip(ens.members, nets):
            target.load_state_dict(net.state_dict(), strict=True)
        return ens.eval()

    def config(self) -> Dict[str, int]:
        return dict(self.config_dict)

    def forward(self, x, m, inst, meta, stats, raw=None) -> Dict[str, torch.Tensor]:
        outs = [net(x, m, inst, meta, stats, raw) for net in self.members]
        probs = torch.stack([torch.softmax(o["logits"], dim=1) for o in outs]).mean(dim=0)
        emb = torch.cat([o["embedding"] for o in outs], dim=1) / math.sqrt(len(outs))
        return {"logits": torch.log(probs.clamp_min(1e-12)), "embedding": emb}


ARCHITECTURES = {"geospectra": GeoSpectraNet, "plain_cnn": PlainCNN, "geospectra_ensemble": GeoSpectraEnsemble}


def architecture_of(model: nn.Module) -> str:
    """The ``ARCHITECTURES`` name of ``model`` (what its model file records)."""
    return next(name for name, cls in ARCHITECTURES.items() if type(model) is cls)


def build_network(arch: str, **config) -> nn.Module:
    if arch not in ARCHITECTURES:
        raise ValueError(f"unknown architecture {arch!r}")
    return ARCHITECTURES[arch](**config)
