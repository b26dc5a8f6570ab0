"""The networks of the paper (Table 1) and its baselines.

All torch networks take **node-major** batches ``x: [n, B, C]`` (see
:mod:`.layers`) and return logits ``[B, num_classes]``.  Use
:func:`predict_proba` for the usual tile-major ``[N, n, C]`` arrays.

* :class:`EnhancedGCN` — Table 1: GCN1-BN-ReLU (C→64); GCN2-BN-ReLU (64→256)
  plus a BN'd projection 64→256 as residual; GCN3-BN-ReLU (256→64) plus a BN'd
  projection 256→64 as residual; global add pooling; output layer.  Following
  the table's row order (GCN-BN-ReLU, then projection, then residual
  connection) and §2.2 ("BN before every activation and inside the residual
  connection"), the residual is added *after* the ReLU:
  ``h2 = ReLU(BN(GCN2(h1))) + BN(P1 h1)``.
* :class:`PlainGCN` — the original 3-layer GCN: ReLU after every layer, no BN,
  no residual, global add pooling, output layer.
* :class:`TileCNN` — a small 2-D CNN on the k×k×C tile.
* :class:`~.svm.SVMBaseline` — scikit-learn ``SVC`` on the mean spectrum of the
  tile (spectral channels only); lives in :mod:`.svm`.
* :class:`~.boosting.PixelBoosting` — scikit-learn gradient boosting on each pixel (the per-pixel peer);
  lives in :mod:`.boosting`.
"""
from __future__ import annotations

from typing import Optional

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .layers import BatchedGCNConv, bn_affine, bn_rows, propagate, to_node_major

ARCHITECTURES = ("enhanced", "plain", "cnn", "svm", "node", "gbt", "blend")
ARCH_LABELS = {
    "enhanced": "Enhanced GCN",
    "plain": "GCN",
    "cnn": "CNN",
    "svm": "SVM",
    "node": "Node GCN (pixels)",
    "gbt": "Gradient boosting (pixels)",
    "blend": "Node GCN + gradient boosting",
}


class _GraphNet(nn.Module):
    arch = ""

    def __init__(self, in_channels: int, adj: Tensor, num_classes: int = 2):
        super().__init__()
        adj = torch.as_tensor(adj, dtype=torch.get_default_dtype())
        if adj.ndim != 2 or adj.shape[0] != adj.shape[1]:
            raise ValueError("adj must be a square normalised adjacency matrix")
        self.in_channels = int(in_channels)
        self.num_classes = int(num_classes)
        self.num_nodes = int(adj.shape[0])
        self.register_buffer("adj", adj.contiguous())


class EnhancedGCN(_GraphNet):
    arch = "enhanced"

    def __init__(self, in_channels: int, adj: Tensor, hidden: int = 256, width: int = 64, num_classes: int = 2):
        super().__init__(in_channels, adj, num_classes)
        self.hidden = int(hidden)
        self.width = int(width)
        self.conv1 = BatchedGCNConv(in_channels, width)
        self.bn1 = nn.BatchNorm1d(width)
        self.conv2 = BatchedGCNConv(width, hidden)
        self.bn2 = nn.BatchNorm1d(hidden)
        self.proj1 = nn.Linear(width, hidden, bias=False)  # BN follows: a bias would be redundant
        self.bn_p1 = nn.BatchNorm1d(hidden)
        self.conv3 = BatchedGCNConv(hidden, width)
        self.bn3 = nn.BatchNorm1d(width)
        self.proj2 = nn.Linear(hidden, width, bias=False)
        self.bn_p2 = nn.BatchNorm1d(width)
        self.out = nn.Linear(width, num_classes)

    def config(self) -> dict:
        return {"in_channels": self.in_channels, "hidden": self.hidden, "width": self.width,
                "num_classes": self.num_classes, "num_nodes": self.num_nodes}

    def forward(self, x: Tensor, x_propagated: Optional[Tensor] = None) -> Tensor:
        if self.training:
            return self.forward_train(x, x_propagated)
        if not torch.is_grad_enabled():
            return self.forward_fused(x, x_propagated)
        return self.forward_reference(x, x_propagated)

    def forward_reference(self, x: Tensor, x_propagated: Optional[Tensor] = None) -> Tensor:
        """The network exactly as written in Table 1, layer by layer (train or
        eval mode); the other two forwards compute the same function faster."""
        adj = self.adj
        h1 = F.relu(bn_rows(self.bn1, self.conv1(x, adj, x_propagated)))
        r2 = F.relu(bn_rows(self.bn2, self.conv2(h1, adj)))
        h2 = r2 + bn_rows(self.bn_p1, self.proj1(h1))
        h3 = F.relu(bn_rows(self.bn3, self.conv3(h2, adj))) + bn_rows(self.bn_p2, self.proj2(h2))
        return self.out(h3.sum(0))

    def forward_train(self, x: Tensor, x_propagated: Optional[Tensor] = None) -> Tensor:
        """Training-mode forward (batch statistics), same function and gradients
        as :meth:`forward_reference` with less work:

        * the first residual is never built at 256 channels.  With
          ``h1c = h1 − mean(h1)`` and ``Σ = h1cᵀh1c / R`` (64×64), the batch
          statistics of ``P1 h1`` are ``mean(h1) P1ᵀ`` and ``diag(P1 Σ P1ᵀ)``,
          so ``BN_p1(P1 h1) = h1c (P1ᵀ S) + β`` and its contribution to the
          next layer's inputs is ``h1c (P1ᵀ S [W3|P2]ᵀ) + β [W3|P2]ᵀ`` — a
          64×128 product per node instead of 64→256 plus a 256-wide batch
          norm and sum (``bn_p1``'s running statistics are updated as
          ``BatchNorm1d`` does);
        * GCN3's weight and the second projection share one GEMM;
        * biases are added inside the GEMMs (``addmm``).
        """
        adj = self.adj
        n, b, c = x.shape
        rows = n * b
        w = self.width
        xp = x_propagated if x_propagated is not None else propagate(adj, x)
        h1 = torch.addmm(self.conv1.bias, xp.reshape(rows, c), self.conv1.lin.weight.t())
        h1 = F.relu(self.bn1(h1), inplace=True)
        h1p = propagate(adj, h1.view(n, b, w)).view(rows, w)
        r2 = F.relu(self.bn2(torch.addmm(self.conv2.bias, h1p, self.conv2.lin.weight.t())), inplace=True)

        bn = self.bn_p1
        mu1 = h1.mean(0)
        h1c = h1 - mu1
        cov = (h1c.t() @ h1c) / rows
        wp1 = self.proj1.weight                                   # [256, 64]
        mean_p = mu1 @ wp1.t()
        var_p = ((wp1 @ cov) * wp1).sum(1).clamp_min(0.0)        # biased batch variance of P1 h1
        scale = bn.weight / torch.sqrt(var_p + bn.eps)
        if bn.track_running_stats:
            with torch.no_grad():
                bn.num_batches_tracked.add_(1)
                mom = bn.momentum if bn.momentum is not None else 1.0 / float(bn.num_batches_tracked)
                bn.running_mean.mul_(1 - mom).add_(mean_p.detach(), alpha=mom)
                bn.running_var.mul_(1 - mom).add_(var_p.detach() * (rows / max(rows - 1, 1)), alpha=mom)
        wcat = torch.cat([self.conv3.lin.weight, self.proj2.weight], 0)   # [128, 256]
        m = (wp1.t() * scale) @ wcat.t()                                    # [64, 128]
        z = torch.addmm(torch.addmm(bn.bias @ wcat.t(), h1c, m), r2, wcat.t())   # = h2 [W3|P2]ᵀ
        z3 = z[:, :w].contiguous().view(n, b * w)
        c3 = torch.addmm(self.conv3.bias.repeat(b), adj, z3).view(rows, w)
        h3 = F.relu(self.bn3(c3), inplace=True) + self.bn_p2(z[:, w:])
        return self.out(h3.view(n, b, w).sum(0))

    @torch.no_grad()
    def forward_fused(self, x: Tensor, x_propagated: Optional[Tensor] = None) -> Tensor:
        """Eval-mode forward with the batch norms folded into the weights and the
        linear residual branches moved through the linear maps that follow them
        (same function as :meth:`forward_reference` in eval mode, less work):

        * ``BN(P1 h1) W3 = h1 (P1ᵀ S_p1 W3ᵀ) + t_p1 W3ᵀ`` — a 64×64 product
          instead of 64→256→64 for every node;
        * the second residual only reaches the output through the node sum, so
          it is computed on the pooled features (one row per tile).
        """
        adj = self.adj
        n, b, c = x.shape
        rows = n * b
        s1, t1 = bn_affine(self.bn1)
        s2, t2 = bn_affine(self.bn2)
        sp1, tp1 = bn_affine(self.bn_p1)
        s3, t3 = bn_affine(self.bn3)
        sp2, tp2 = bn_affine(self.bn_p2)
        w1 = self.conv1.lin.weight.t() * s1
        c1 = self.conv1.bias * s1 + t1
        w2 = self.conv2.lin.weight.t() * s2
        c2 = self.conv2.bias * s2 + t2
        wp1 = self.proj1.weight.t() * sp1                      # [64, 256]
        w3 = self.conv3.lin.weight.t() * s3                    # [256, 64]
        m = wp1 @ w3                                           # [64, 64]
        cz = tp1 @ w3                                          # [64]
        c3 = self.conv3.bias * s3 + t3
        wp2 = self.proj2.weight.t() * sp2                      # [256, 64]

        xp = x_propagated if x_propagated is not None else propagate(adj, x)
        h1 = torch.addmm(c1, xp.reshape(rows, c), w1).relu_()                  # [rows, 64]
        h1p = propagate(adj, h1.view(n, b, self.width)).reshape(rows, self.width)
        r2 = torch.addmm(c2, h1p, w2).relu_()                                    # [rows, 256]
        z = torch.addmm(cz, h1, m)
        z.addmm_(r2, w3)                                                         # [rows, 64]
        h3 = (propagate(adj, z.view(n, b, self.width)) + c3).relu_()
        pooled = h3.sum(0)                                                       # [B, 64]
        sum_h2 = r2.view(n, b, self.hidden).sum(0) + h1.view(n, b, self.width).sum(0) @ wp1 + n * tp1
        pooled += sum_h2 @ wp2 + n * tp2
        return self.out(pooled)


class PlainGCN(_GraphNet):
    arch = "plain"

    def __init__(self, in_channels: int, adj: Tensor, hidden: int = 256, width: int = 64, num_classes: int = 2):
        super().__init__(in_channels, adj, num_classes)
        self.hidden = int(hidden)
        self.width = int(width)
        self.conv1 = BatchedGCNConv(in_channels, width)
        self.conv2 = BatchedGCNConv(width, hidden)
        self.conv3 = BatchedGCNConv(hidden, width)
        self.out = nn.Linear(width, num_classes)

    def config(self) -> dict:
        return {"in_channels": self.in_channels, "hidden": self.hidden, "width": self.width,
                "num_classes": self.num_classes, "num_nodes": self.num_nodes}

    def forward(self, x: Tensor, x_propagated: Optional[Tensor] = None) -> Tensor:
        adj = self.adj
        h = F.relu(self.conv1(x, adj, x_propagated))
        h = F.relu(self.conv2(h, adj))
        h = F.relu(self.conv3(h, adj))
        return self.out(h.sum(0))


class TileCNN(nn.Module):
    """A small CNN on the k×k×C tile: two 3×3 conv-BN-ReLU blocks, 2×2 max
    pooling, a third 3×3 conv-BN-ReLU block, global average pooling, output."""

    arch = "cnn"

    def __init__(self, in_channels: int, tile_size: int, hidden: int = 64, num_classes: int = 2):
        super().__init__()
        self.in_channels = int(in_channels)
        self.tile_size = int(tile_size)
        self.hidden = int(hidden)
        self.num_classes = int(num_classes)
        h = self.hidden
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, h // 2, 3, padding=1, bias=False), nn.BatchNorm2d(h // 2), nn.ReLU(inplace=True),
            nn.Conv2d(h // 2, h, 3, padding=1, bias=False), nn.BatchNorm2d(h), nn.ReLU(inplace=True),
            nn.MaxPool2d(2, ceil_mode=True),
            nn.Conv2d(h, h, 3, padding=1, bias=False), nn.BatchNorm2d(h), nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool2d(1),
        )
        self.out = nn.Linear(h, num_classes)

    def config(self) -> dict:
        return {"in_channels": self.in_channels, "tile_size": self.tile_size, "hidden": self.hidden,
                "num_classes": self.num_classes}

    def forward(self, x: Tensor, x_propagated: Optional[Tensor] = None) -> Tensor:
        n, b, c = x.shape
        k = self.tile_size
        img = x.permute(1, 2, 0).reshape(b, c, k, k)  # row-major nodes → [B, C, k, k]
        return self.out(self.features(img).flatten(1))


def build_network(arch: str, config: dict, adj: Optional[Tensor] = None):
    """A fresh network of ``arch`` from its :meth:`config` (and adjacency)."""
    if arch == "enhanced":
        return EnhancedGCN(config["in_channels"], adj, hidden=config["hidden"], width=config.get("width", 64),
                           num_classes=config.get("num_classes", 2))
    if arch == "plain":
        return PlainGCN(config["in_channels"], adj, hidden=config["hidden"], width=config.get("width", 64),
                        num_classes=config.get("num_classes", 2))
    if arch == "cnn":
        return TileCNN(config["in_channels"], config["tile_size"], hidden=config.get("hidden", 64),
                       num_classes=config.get("num_classes", 2))
    if arch == "node":
        from .node import NodeGCN

        return NodeGCN(config, adj)
    raise ValueError(f"unknown architecture {arch!r}; expected one of {', '.join(ARCHITECTURES)}")


@torch.no_grad()
def predict_proba(model, x_normalised, batch_size: int = 64, progress=None,
                  workers: Optional[int] = None) -> np.ndarray:
    """Probability of the positive class (index 1) for tiles ``[N, n, C]``
    (tile-major, already normalised with the model's mean/std): ``[N]``, or ``[N, n]`` (one per
    node) for node-level models (``model.node_level``).

    Works for every architecture, including the SVM baseline.  ``progress``
    (a :class:`~models.progress.Progress`) is updated per batch and honours
    cancel.

    Parallelism: small batches that stay in cache are fastest, and one GEMM of
    a small batch does not split well over cores, so with ``workers`` > 1
    (default: torch's thread count) the batches are spread over that many
    Python threads running single-threaded torch (torch releases the GIL in
    its kernels); the global torch thread count is restored afterwards.  This
    also avoids OpenMP barrier stalls when another process is using a core.
    """
    if hasattr(model, "predict_proba") and not isinstance(model, nn.Module):
        return model.predict_proba(np.asarray(x_normalised, dtype=np.float32))
    if isinstance(x_normalised, Tensor):
        x = x_normalised
    else:
        x = torch.as_tensor(np.asarray(x_normalised, dtype=np.float32))
    if x.ndim != 3:
        raise ValueError(f"expected tiles of shape [N, nodes, channels], got {tuple(x.shape)}")
    total = int(x.shape[0])
    node_level = bool(getattr(model, "node_level", False))  # one probability per node: [N, n]
    out = np.empty((total, x.shape[1]) if node_level else total, dtype=np.float32)
    starts = list(range(0, total, int(batch_size)))
    workers = int(workers or torch.get_num_threads())
    workers = max(1, min(workers, len(starts)))
    was_training = model.training
    model.eval()

    device = next(model.parameters()).device  # the model's device (models.device); results come back to numpy
    if device.type != "cpu":
        workers = 1  # one stream of batches keeps a GPU busy; host threads only help the CPU

    def run(start: int) -> int:
        xb = to_node_major(x[start:start + batch_size].float()).to(device)
        with torch.no_grad():
            probs = torch.softmax(model(xb), -1)[..., 1]
            out[start:start + xb.shape[1]] = (probs.T if node_level else probs).cpu().numpy()
        return xb.shape[1]

    done = 0
    old_threads = torch.get_num_threads()
    try:
        if workers == 1:
            for start in starts:
                done += run(start)
                if progress is not None:
                    progress.update(done / max(total, 1), "predicting")
        else:
            from concurrent.futures import ThreadPoolExecutor

            torch.set_num_threads(1)
            with ThreadPoolExecutor(max_workers=workers) as pool:
                # submit a window of batches at a time so cancel stays prompt
                window = 4 * workers
                for w0 in range(0, len(starts), window):
                    for n_done in pool.map(run, starts[w0:w0 + window]):
                        done += n_done
                    if progress is not None:
                        progress.update(done / max(total, 1), "predicting")
    finally:
        torch.set_num_threads(old_threads)
        model.train(was_training)
    return out
