"""Node-level (pixel) classification: the enhanced GCN that scores every pixel of a tile.

Why: the paper classifies whole 10×10 tiles, which draws a map in 300-m blocks; pegmatite
dykes are 3–30 m wide, so a tile that holds one is 95 % host rock and a tile score mostly
measures the geology around it.  Here the same Table-1 trunk (GCN-BN-ReLU ×3 with the two
projected residuals) keeps one output per node, and two additions let a narrow dyke be seen:

* :class:`SpectralFeatures` — inside the network, from the physical reflectance the model
  file remembers (mean/std of the spectral channels): log reflectance relative to its
  mean over each contiguous band range (brightness- and illumination-free shape) and the
  reflectance divided by the straight continuum between the range's end bands (depth of
  the 830 nm and 2200–2350 nm absorptions).  Computing them in the network means the data
  set, prediction and the model file need nothing new.
* a per-node skip branch (linear-BN-ReLU on the node's own features) beside the graph
  trunk: 8-neighbour propagation dilutes a one-pixel signal ninefold per layer, the skip
  keeps it while the trunk adds context (host rock, halo, neighbouring dyke pixels).

Labels are per node (``GraphDataset.node_y``, made by graph tiling): 1 on pixels a known body touches,
−1 (ignored) within the label buffer around them, 0 elsewhere.  Unlabelled ground is only
mostly barren (hidden dykes lie in it); balanced class weights keep it from dominating.
"""
from __future__ import annotations

import math
import time
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .. import distributed
from ..errors import InputError
from ..progress import ensure_progress
from .layers import BatchedGCNConv, bn_rows, normalized_adjacency
from .metrics import evaluate

NODE_ARCH = "node"
PATIENCE = 12  # epochs without a better validation loss before training stops (kept epoch: 5-11 measured)


def band_groups(wavelengths: Sequence[float]) -> List[List[int]]:
    """Positions of contiguous band runs (split where a gap exceeds 3× the median spacing)."""
    wl = np.asarray(wavelengths, dtype=np.float64)
    if wl.size == 0:
        return []
    order = np.argsort(wl, kind="stable")
    gaps = np.diff(wl[order])
    step = float(np.median(gaps)) if gaps.size else 0.0
    groups, current = [], [int(order[0])]
    for pos, gap in zip(order[1:], gaps):
        if step > 0 and gap > 3 * step:
            groups.append(current)
            current = []
        current.append(int(pos))
    groups.append(current)
    return [g for g in groups if len(g) >= 3]


class SpectralFeatures(nn.Module):
    """Shape features of the spectral channels, batch-normalised: ``[n, B, C]`` → ``[n, B, 2·S]``."""

    def __init__(self, spectral: Sequence[int], wavelengths: Sequence[float], mean: Sequence[float],
                 std: Sequence[float], groups: Sequence[Sequence[int]]):
        super().__init__()
        self.spectral = [int(i) for i in spectral]
        self.groups = [[int(i) for i in g] for g in groups]
        wl = torch.tensor([float(w) for w in wavelengths])
        self.register_buffer("index", torch.tensor(self.spectral, dtype=torch.long))
        self.register_buffer("mean", torch.tensor([float(v) for v in mean]))
        self.register_buffer("std", torch.tensor([float(v) if v > 0 else 1.0 for v in std]))
        for i, g in enumerate(self.groups):  # straight continuum between the end bands of each run
            w = wl[g]
            self.register_buffer(f"t{i}", (w - w[0]) / max(float(w[-1] - w[0]), 1e-6), persistent=False)
        self.num_features = 2 * sum(len(g) for g in self.groups)
        self.bn = nn.BatchNorm1d(self.num_features)

    def forward(self, x: Tensor) -> Tensor:
        refl = (x.index_select(-1, self.index) * self.std + self.mean).clamp_min(1e-3)
        parts = []
        for i, g in enumerate(self.groups):
            t = getattr(self, f"t{i}")
            r = refl[..., g]
            log_r = torch.log(r)
            parts.append(log_r - log_r.mean(-1, keepdim=True))
            continuum = r[..., :1] * (1 - t) + r[..., -1:] * t
            parts.append(r / continuum - 1.0)
        return bn_rows(self.bn, torch.cat(parts, -1))


class NodeGCN(nn.Module):
    """Enhanced-GCN trunk (Table 1) with per-node outputs; returns logits ``[n, B, classes]``."""

    arch = NODE_ARCH
    node_level = True

    def __init__(self, config: dict, adj: Tensor):
        super().__init__()
        adj = torch.as_tensor(adj, dtype=torch.get_default_dtype())
        self.in_channels = int(config["in_channels"])
        self.hidden = int(config.get("hidden", 128))
        self.width = int(config.get("width", 64))
        self.num_classes = int(config.get("num_classes", 2))
        self.num_nodes = int(adj.shape[0])
        self.dropout = float(config.get("dropout", 0.1))
        self.mc_dropout = False  # dropout also in eval mode: Monte-Carlo samples for the uncertainty map
        self._config = {k: config[k] for k in ("spectral", "wavelengths", "mean", "std", "groups")}
        self.register_buffer("adj", adj.contiguous())
        self.features = SpectralFeatures(config["spectral"], config["wavelengths"], config["mean"],
                                         config["std"], config["groups"])
        z = self.in_channels + self.features.num_features
        w, h = self.width, self.hidden
        self.conv1, self.bn1 = BatchedGCNConv(z, w), nn.BatchNorm1d(w)
        self.conv2, self.bn2 = BatchedGCNConv(w, h), nn.BatchNorm1d(h)
        self.proj1, self.bn_p1 = nn.Linear(w, h, bias=False), nn.BatchNorm1d(h)
        self.conv3, self.bn3 = BatchedGCNConv(h, w), nn.BatchNorm1d(w)
        self.proj2, self.bn_p2 = nn.Linear(h, w, bias=False), nn.BatchNorm1d(w)
        self.skip, self.bn_s = nn.Linear(z, w, bias=False), nn.BatchNorm1d(w)
        self.out = nn.Linear(2 * w, self.num_classes)

    def config(self) -> dict:
        return {"in_channels": self.in_channels, "hidden": self.hidden, "width": self.width,
                "num_classes": self.num_classes, "num_nodes": self.num_nodes, "dropout": self.dropout,
                **self._config}

    def forward(self, x: Tensor, x_propagated: Optional[Tensor] = None) -> Tensor:
        adj = self.adj
        z = torch.cat([x, self.features(x)], -1)
        h1 = F.relu(bn_rows(self.bn1, self.conv1(z, adj)))
        h2 = F.relu(bn_rows(self.bn2, self.conv2(h1, adj))) + bn_rows(self.bn_p1, self.proj1(h1))
        h3 = F.relu(bn_rows(self.bn3, self.conv3(h2, adj))) + bn_rows(self.bn_p2, self.proj2(h2))
        s = F.relu(bn_rows(self.bn_s, self.skip(z)))
        h = F.dropout(torch.cat([h3, s], -1), self.dropout, self.training or self.mc_dropout)
        return self.out(h)


def node_config(data, hidden: int) -> dict:
    """The network's configuration from a :class:`~.train.TrainingData`."""
    spectral = data.spectral_channels()
    wl = [data.wavelengths_nm[i] for i in spectral]
    if len(spectral) < 3 or any(w is None or not math.isfinite(float(w)) for w in wl):
        raise InputError("The node-level model needs at least three spectral channels with wavelengths.")
    return {"in_channels": data.num_channels, "hidden": int(hidden), "width": 64, "num_classes": 2,
            "tile_size": data.tile_size, "num_nodes": data.num_nodes, "dropout": 0.1,
            "spectral": spectral, "wavelengths": [float(w) for w in wl],
            "mean": [float(data.mean[i]) for i in spectral], "std": [float(data.std[i]) for i in spectral],
            "groups": band_groups(wl)}


def mc_node_probabilities(model, x_tiles: np.ndarray, samples: int = 8, batch: int = 256):
    """Mean and standard deviation over ``samples`` Monte-Carlo dropout passes, each ``[N, n]``,
    for tile-major normalised tiles ``x_tiles`` ``[N, n, C]``; the spread is the map's uncertainty."""
    p = mc_node_passes(model, x_tiles, samples, batch)
    return p.mean(0), p.std(0, ddof=1)  # torch's std, as before


@torch.no_grad()
def mc_node_passes(model, x_tiles: np.ndarray, samples: int = 8, batch: int = 256) -> np.ndarray:
    """The ``samples`` Monte-Carlo dropout passes themselves, ``[T, N, n]`` float32 (seeded: the same
    tiles give the same passes on every run)."""
    model.eval()
    model.mc_dropout = True
    gen_state = torch.random.get_rng_state()
    torch.manual_seed(0)
    try:
        x = torch.as_tensor(np.asarray(x_tiles, dtype=np.float32))
        device = next(model.parameters()).device
        out = np.empty((int(samples), *x.shape[:2]), np.float32)
        for s in range(0, x.shape[0], batch):
            xb = x[s:s + batch].transpose(0, 1).contiguous().to(device)
            p = torch.stack([torch.softmax(model(xb), -1)[..., 1] for _ in range(int(samples))])  # [T, n, B]
            out[:, s:s + batch] = p.transpose(1, 2).cpu().numpy()
    finally:
        model.mc_dropout = False
        torch.random.set_rng_state(gen_state)
    return out


def _node_weights(node_y: np.ndarray) -> Tensor:
    labelled = node_y[node_y >= 0]
    pos = max(int((labelled == 1).sum()), 1)
    neg = max(int((labelled == 0).sum()), 1)
    total = pos + neg
    return torch.tensor([total / (2 * neg), total / (2 * pos)], dtype=torch.float32)


@torch.no_grad()
def node_probabilities(model, x: Tensor, chunk: int = 128) -> np.ndarray:
    """``[B, n]`` positive-class probabilities of node-major tiles ``x`` ``[n, B, C]`` (eval mode); under
    torchrun each rank scores its part of the tiles and every rank gets the whole."""
    model.eval()
    ctx = distributed.current()
    part = ctx.shard(x.shape[1]) if ctx.active else slice(0, x.shape[1])
    out = [torch.softmax(model(x[:, s:min(s + chunk, part.stop)].contiguous()), -1)[..., 1].T
           for s in range(part.start, part.stop, chunk)]
    local = torch.cat(out, 0).cpu().numpy() if out else np.zeros((0, x.shape[0]), np.float32)
    return distributed.gather_rows(local, x.shape[1], part)


def node_metrics(node_y: np.ndarray, probs: np.ndarray) -> Dict[str, float]:
    keep = node_y >= 0
    m = evaluate(node_y[keep].astype(np.int64), probs[keep])
    return {f"pixel_{k}": float(m[k]) for k in ("accuracy", "precision", "recall", "f1", "roc_auc")}


def _loss(model, xb: Tensor, yb: Tensor, weights: Tensor, reduction: str = "mean") -> Tensor:
    logits = model(xb)  # [n, B, 2]
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), yb.T.reshape(-1).long(), weight=weights,
                           ignore_index=-1, reduction=reduction)


def _loss_denominator(yb: Tensor, weights: Tensor) -> Tensor:
    """What the mean of :func:`_loss` divides by: the class weights of the batch's labelled nodes."""
    y = yb[yb >= 0].long()
    return weights[y].sum()


def _augment(xb: Tensor, k: int, gen: torch.Generator) -> Tensor:
    """One of the eight dihedral symmetries of the tile (a dyke has no preferred side)."""
    n, b, c = xb.shape
    g = xb.view(k, k, b, c)
    turns = int(torch.randint(0, 4, (1,), generator=gen))
    g = torch.rot90(g, turns, dims=(0, 1))
    if int(torch.randint(0, 2, (1,), generator=gen)):
        g = torch.flip(g, dims=(1,))
    return g.reshape(n, b, c)


class _NodeRun:
    """One Node GCN optimisation: model, AdamW with the one-cycle schedule of ``settings['epochs']``
    epochs, the training tiles (node-major) and their label weights; :meth:`epoch` runs one epoch."""

    def __init__(self, data, node_y: np.ndarray, train_idx, settings: dict, device):
        self.ctx, self.k, self.n = distributed.current(), data.tile_size, len(train_idx)
        torch.manual_seed(settings["seed"])
        self.gen = torch.Generator().manual_seed(int(settings["seed"]))
        adj = normalized_adjacency(data.edge_index, data.num_nodes)
        self.model = NodeGCN(node_config(data, settings["hidden"]), adj).to(device)
        self.x = torch.from_numpy(np.ascontiguousarray(data.x[train_idx].transpose(1, 0, 2))).to(device)
        self.y = torch.from_numpy(node_y[train_idx].astype(np.int64)).to(device)
        self.weights = _node_weights(node_y[train_idx]).to(device)
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=settings["lr"],
                                     weight_decay=settings.get("weight_decay") or 1e-4)
        self.epochs, self.batch = int(settings["epochs"]), int(settings["batch_size"])
        self.sched = torch.optim.lr_scheduler.OneCycleLR(self.opt, max_lr=settings["lr"],
                                                         total_steps=self.epochs * math.ceil(self.n / self.batch))

    def epoch(self, progress) -> float:
        """One pass over the training tiles in random batches; the mean training loss."""
        self.model.train()
        perm = torch.randperm(self.n, generator=self.gen)
        total = 0.0
        for start in range(0, self.n, self.batch):
            progress.check()
            idx = perm[start:start + self.batch].to(self.x.device)
            if self.ctx.active:
                loss_value = _shard_step(self.model, self.opt, self.x, self.y, idx, self.weights, self.k, self.gen,
                                         self.ctx)
            else:
                xb = self.x.index_select(1, idx)
                yb = self.y.index_select(0, idx).T.contiguous()  # node-major like xb
                both = _augment(torch.cat([xb, yb.unsqueeze(-1).float()], -1), self.k, self.gen)
                loss = _loss(self.model, both[..., :-1].contiguous(), both[..., -1].T.contiguous(), self.weights)
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
                loss_value = loss.item()
            self.sched.step()
            total += loss_value * idx.numel()
        return total / self.n


def refit_node_model(data, node_y: np.ndarray, tiles, settings: dict, epochs: int, progress=None, log=None,
                     device=None):
    """The validated run again on ``tiles`` (every labelled tile): same seed and learning-rate schedule,
    stopped after the kept epoch ``epochs`` with nothing held out to choose by.  Returns the CPU model."""
    progress = ensure_progress(progress)
    run = _NodeRun(data, node_y, tiles, settings, torch.device("cpu") if device is None else device)
    for epoch in range(1, int(epochs) + 1):
        loss = run.epoch(progress)
        msg = f"Node GCN final fit on every labelled tile, epoch {epoch}/{epochs}: train loss {loss:.4f}"
        if log is not None:
            log(msg)
        progress.update(epoch / epochs, msg)
    distributed.sync_buffers(run.model)
    return run.model.eval().to("cpu")


def train_node_model(data, node_y: np.ndarray, train_idx, val_idx, settings: dict, progress=None, log=None,
                     device=None):
    """Train :class:`NodeGCN` on ``device`` (default CPU); keeps the epoch with the lowest validation loss
    and stops :data:`PATIENCE` epochs after it.  Under torchrun each rank trains on its share of every
    batch (:mod:`models.distributed`); the returned model is on the CPU.

    Returns ``(model, history, best_epoch, val_tile_scores, train_tile_scores, extra)``; tile
    scores are the highest node probability of each tile (so tile metrics stay comparable).
    """
    progress = ensure_progress(progress)
    device = torch.device("cpu") if device is None else device
    run = _NodeRun(data, node_y, train_idx, settings, device)
    x_va = torch.from_numpy(np.ascontiguousarray(data.x[val_idx].transpose(1, 0, 2))).to(device)
    y_va = torch.from_numpy(node_y[val_idx].astype(np.int64)).to(device)
    model, weights, epochs = run.model, run.weights, run.epochs
    history, best = [], (math.inf, None, None)
    for epoch in range(1, epochs + 1):
        te = time.perf_counter()
        train_loss = run.epoch(progress)
        distributed.sync_buffers(model)  # every rank validates the same model
        val_loss = _eval_loss(model, x_va, y_va, weights)
        (val_loss,) = distributed.broadcast_floats([val_loss])  # rank 0 decides the kept epoch and the stop
        val_probs = node_probabilities(model, x_va)
        m = node_metrics(node_y[val_idx], val_probs)
        tile = evaluate(data.y[val_idx], val_probs.max(1))
        row = {"epoch": epoch, "train_loss": train_loss, "val_loss": val_loss,
               **{f"val_{n}": tile[n] for n in ("accuracy", "precision", "recall", "f1", "roc_auc")},
               **{f"val_{n}": v for n, v in m.items()}, "seconds": time.perf_counter() - te}
        history.append(row)
        if val_loss < best[0]:
            best = (val_loss, epoch, {n: v.detach().clone() for n, v in model.state_dict().items()})
        msg = (f"Node GCN epoch {epoch}/{epochs}: train loss {row['train_loss']:.4f}, val loss {val_loss:.4f}, "
               f"val pixel ROC AUC {m['pixel_roc_auc']:.3f}, val tile F1 {tile['f1']:.3f}")
        if log is not None:
            log(msg)
        progress.update(epoch / epochs, msg)
        if epoch - best[1] >= PATIENCE:
            # the learning-rate schedule is that of all epochs, so the epochs run are the same as in a full
            # run; validation loss has risen for PATIENCE epochs (it climbs steadily past ~epoch 10)
            if log is not None:
                log(f"stopped after epoch {epoch}: no better validation loss for {PATIENCE} epochs")
            break
    model.load_state_dict(best[2])
    model.eval()
    val_probs, train_probs = node_probabilities(model, x_va), node_probabilities(model, run.x)
    model.to("cpu")  # prediction, importance and the model file work on the CPU
    extra = {"validation_pixels": node_metrics(node_y[val_idx], val_probs),
             "training_pixels": node_metrics(node_y[train_idx], train_probs)}
    return model, history, best[1], val_probs.max(1), train_probs.max(1), extra


def _shard_step(model, opt, x_tr: Tensor, y_tr: Tensor, idx: Tensor, weights: Tensor, k: int,
                gen: torch.Generator, ctx) -> float:
    """One optimiser step of the global batch ``idx`` on this rank's share (see :mod:`models.distributed`).

    The dihedral symmetry is drawn from the shared generator exactly as in one process (one draw per
    batch, the same on every rank), and the local loss is the share's part of the global weighted mean."""
    mine = idx[ctx.shard(idx.numel())]
    xb = x_tr.index_select(1, mine)
    yb = y_tr.index_select(0, mine).T.contiguous()
    both = _augment(torch.cat([xb, yb.unsqueeze(-1).float()], -1), k, gen)
    denominator = _loss_denominator(y_tr.index_select(0, idx), weights).clamp_min(1e-12)
    opt.zero_grad(set_to_none=True)
    loss = torch.zeros(())
    if mine.numel():
        loss = _loss(model, both[..., :-1].contiguous(), both[..., -1].T.contiguous(), weights, "sum") / denominator
        loss.backward()
    (global_loss,) = distributed.sync_gradients(model.parameters(), [loss])
    opt.step()
    return global_loss


@torch.no_grad()
def _eval_loss(model, x: Tensor, y: Tensor, weights: Tensor, chunk: int = 128) -> float:
    model.eval()
    ctx = distributed.current()
    part = ctx.shard(x.shape[1]) if ctx.active else slice(0, x.shape[1])
    total, count = 0.0, 0
    for s in range(part.start, part.stop, chunk):
        e = min(s + chunk, part.stop)
        yb = y[s:e]
        n = int((yb >= 0).sum())
        if n:
            total += float(_loss(model, x[:, s:e].contiguous(), yb, weights)) * n
            count += n
    total, count = distributed.sum_floats([total, count])  # each rank's part of the validation tiles
    return total / max(count, 1)
