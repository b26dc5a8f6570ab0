"""Graph convolution for a batch of tiles that all share one graph.

Every tile of a HyperProspect data set has the same k×k grid graph, so instead
of collating thousands of ``torch_geometric.data.Data`` objects into one huge
block-diagonal graph per batch, the normalised adjacency

    Â = D^-1/2 (A + I) D^-1/2        (Kipf & Welling; torch-geometric's ``gcn_norm``)

is computed once as a dense ``n × n`` matrix and applied to the whole batch
with a single matrix product.

Layout.  Inside the networks node features are kept *node-major*:
``[n, B, F]`` (node, tile, feature), contiguous.  Then both halves of a GCN
layer are one plain GEMM each, without any transpose or copy:

* the weight:       ``X.view(n*B, F) @ W``       → ``[n*B, F']``
* the propagation:  ``Â @ X.view(n, B*F)``        → ``[n, B*F]``

Batch normalisation works on the ``[n*B, F]`` view and global add pooling is
``X.sum(0)``.  The propagation is done on whichever side of the weight has the
smaller width (``Â(XW) = (ÂX)W``), which is mathematically the same as
torch-geometric's ``GCNConv`` (weight, then propagate, then bias) and cheaper.
"""
from __future__ import annotations

import math
from typing import Optional

import torch
from torch import Tensor, nn


def normalized_adjacency(edge_index, num_nodes: int, edge_weight=None, dtype=torch.float32) -> Tensor:
    """Dense ``Â`` with ``Â[i, j]`` the weight of the message ``j → i``.

    Follows ``torch_geometric.nn.conv.gcn_conv.gcn_norm`` (flow
    ``source_to_target``): existing self loops are replaced by one self loop of
    weight 1 (``add_remaining_self_loops``), degrees are summed over the target
    index, duplicated edges add up.
    """
    edge_index = torch.as_tensor(edge_index, dtype=torch.long)
    if edge_index.ndim != 2 or edge_index.shape[0] != 2:
        raise ValueError(f"edge_index must have shape [2, E], got {tuple(edge_index.shape)}")
    if edge_index.numel() and (int(edge_index.min()) < 0 or int(edge_index.max()) >= num_nodes):
        raise ValueError("edge_index refers to a node outside the tile")
    if edge_weight is None:
        w = torch.ones(edge_index.shape[1], dtype=torch.float64)
    else:
        w = torch.as_tensor(edge_weight, dtype=torch.float64).reshape(-1)
    src, dst = edge_index[0], edge_index[1]
    keep = src != dst
    # add_remaining_self_loops keeps the weight of an existing self loop; add 1 otherwise
    loop_w = torch.ones(num_nodes, dtype=torch.float64)
    loops = ~keep
    if bool(loops.any()) and edge_weight is not None:
        loop_w[src[loops]] = w[loops]
    src, dst, w = src[keep], dst[keep], w[keep]
    adj = torch.zeros(num_nodes, num_nodes, dtype=torch.float64)
    adj.index_put_((dst, src), w, accumulate=True)
    adj += torch.diag(loop_w)
    deg = adj.sum(dim=1)  # sum over incoming messages = degree at the target
    dis = deg.pow(-0.5)
    dis[torch.isinf(dis)] = 0.0
    return (dis[:, None] * adj * dis[None, :]).to(dtype)


def grid_edge_index(k: int, threshold_px: float = math.sqrt(2) + 1e-6) -> Tensor:
    """Edges between the nodes of a k×k grid closer than ``threshold_px`` (both
    directions, no self loops; row-major node order).  The paper's 170 m at
    100 m spacing is ``threshold_px = 1.7`` — the 8-neighbourhood."""
    r, c = torch.meshgrid(torch.arange(k), torch.arange(k), indexing="ij")
    pos = torch.stack([r.reshape(-1), c.reshape(-1)], 1).double()
    d = torch.cdist(pos, pos)
    mask = (d < threshold_px) & (d > 0)
    return mask.nonzero().t().contiguous()


def propagate(adj: Tensor, x: Tensor) -> Tensor:
    """``Â`` applied to node-major features ``[n, B, F]`` (one GEMM)."""
    n, b, f = x.shape
    return (adj @ x.reshape(n, b * f)).view(n, b, f)


class BatchedGCNConv(nn.Module):
    """``GCNConv`` (normalised, self loops, bias after propagation) for node-major
    batches ``[n, B, in]`` sharing the adjacency passed to :meth:`forward`.

    Parameter names and shapes match torch-geometric's ``GCNConv``
    (``lin.weight`` ``[out, in]``, ``bias`` ``[out]``), so weights can be
    copied across with ``load_state_dict``.
    """

    def __init__(self, in_channels: int, out_channels: int, bias: bool = True):
        super().__init__()
        self.in_channels = int(in_channels)
        self.out_channels = int(out_channels)
        self.lin = nn.Linear(self.in_channels, self.out_channels, bias=False)
        self.bias = nn.Parameter(torch.empty(self.out_channels)) if bias else None
        self.reset_parameters()

    def reset_parameters(self) -> None:
        nn.init.xavier_uniform_(self.lin.weight)  # as torch-geometric's glorot
        if self.bias is not None:
            nn.init.zeros_(self.bias)

    def linear(self, x: Tensor) -> Tensor:
        n, b, f = x.shape
        return (x.reshape(n * b, f) @ self.lin.weight.t()).view(n, b, self.out_channels)

    def forward(self, x: Tensor, adj: Tensor, x_propagated: Optional[Tensor] = None) -> Tensor:
        """``x``: ``[n, B, in]``; ``x_propagated``: ``Â x`` if the caller has it
        already (the first layer's input never changes, so the trainer
        propagates the whole data set once)."""
        if x_propagated is not None:
            out = self.linear(x_propagated)
        elif self.in_channels <= self.out_channels:
            out = self.linear(propagate(adj, x))
        else:
            out = propagate(adj, self.linear(x))
        if self.bias is not None:
            out = out + self.bias
        return out

    def extra_repr(self) -> str:
        return f"{self.in_channels}, {self.out_channels}"


def bn_rows(bn: nn.BatchNorm1d, x: Tensor) -> Tensor:
    """Batch norm over every node of every tile (``[n, B, F]`` → same)."""
    n, b, f = x.shape
    return bn(x.reshape(n * b, f)).view(n, b, f)


def bn_affine(bn: nn.BatchNorm1d):
    """The eval-mode batch norm as ``x * scale + shift``."""
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps) if bn.affine else 1.0 / torch.sqrt(bn.running_var + bn.eps)
    shift = -bn.running_mean * scale
    if bn.affine:
        shift = shift + bn.bias
    return scale, shift


def to_node_major(x: Tensor) -> Tensor:
    """``[B, n, C]`` (tile-major, as stored in data sets) → ``[n, B, C]``."""
    return x.transpose(0, 1).contiguous()
