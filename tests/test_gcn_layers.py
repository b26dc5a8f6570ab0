"""The batched GCN layer equals torch-geometric's GCNConv; the fused eval path
of the enhanced GCN equals the layer-by-layer network."""
import numpy as np
import pytest
import torch

from models.gcn.layers import BatchedGCNConv, grid_edge_index, normalized_adjacency, to_node_major
from models.gcn.networks import EnhancedGCN, PlainGCN, TileCNN, predict_proba

pyg = pytest.importorskip("torch_geometric")


def _batch_conv(conv, x, edge_index):
    from torch_geometric.data import Batch, Data

    batch = Batch.from_data_list([Data(x=xi, edge_index=edge_index) for xi in x])
    return conv(batch.x, batch.edge_index).view(x.shape[0], x.shape[1], -1)


@pytest.mark.parametrize("c_in,c_out", [(39, 64), (64, 256), (256, 64), (7, 7)])
def test_layer_equals_gcnconv(c_in, c_out):
    from torch_geometric.nn import GCNConv

    torch.manual_seed(0)
    edge_index = grid_edge_index(10, 1.7)  # the paper's 8-neighbourhood (170 m at 100 m)
    assert edge_index.shape[1] == 684
    ref = GCNConv(c_in, c_out)
    with torch.no_grad():
        ref.bias.normal_()
    ours = BatchedGCNConv(c_in, c_out)
    ours.load_state_dict(ref.state_dict())
    x = torch.randn(6, 100, c_in)
    expected = _batch_conv(ref, x, edge_index)
    got = ours(to_node_major(x), normalized_adjacency(edge_index, 100)).transpose(0, 1)
    assert torch.allclose(got, expected, atol=1e-5, rtol=1e-5), (got - expected).abs().max()


def test_layer_equals_gcnconv_irregular_graph():
    """Any edge set (isolated nodes, existing self loops, one-way edges, duplicates)."""
    from torch_geometric.nn import GCNConv

    torch.manual_seed(1)
    n = 12
    edge_index = torch.tensor([[0, 1, 2, 3, 3, 5, 7, 7, 2, 4], [1, 0, 3, 2, 3, 6, 8, 8, 9, 4]])
    ref = GCNConv(5, 3)
    with torch.no_grad():
        ref.bias.normal_()
    ours = BatchedGCNConv(5, 3)
    ours.load_state_dict(ref.state_dict())
    x = torch.randn(4, n, 5)
    expected = _batch_conv(ref, x, edge_index)
    got = ours(to_node_major(x), normalized_adjacency(edge_index, n)).transpose(0, 1)
    assert torch.allclose(got, expected, atol=1e-5)


def _trained_bn(model):
    """Give the batch norms non-trivial running statistics and affine parameters."""
    model.train()
    with torch.no_grad():
        for _ in range(3):
            model(torch.randn(model.num_nodes, 16, model.in_channels) * 2 + 0.5)
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm1d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_()
    return model.eval()


def test_fused_eval_equals_reference():
    torch.manual_seed(0)
    adj = normalized_adjacency(grid_edge_index(10, 1.7), 100)
    model = _trained_bn(EnhancedGCN(39, adj))
    x = torch.randn(100, 9, 39)
    with torch.no_grad():
        ref = model.forward_reference(x)
        fused = model.forward_fused(x)
        via_forward = model(x)
    assert torch.allclose(ref, fused, atol=1e-4, rtol=1e-4), (ref - fused).abs().max()
    assert torch.equal(fused, via_forward)


def test_enhanced_matches_a_pyg_composition():
    """Table 1 written with GCNConv/BatchNorm1d/global_add_pool gives the same logits."""
    from torch_geometric.data import Batch, Data
    from torch_geometric.nn import GCNConv, global_add_pool

    torch.manual_seed(0)
    ei = grid_edge_index(5, 1.7)
    ours = _trained_bn(EnhancedGCN(6, normalized_adjacency(ei, 25), hidden=32, width=8))
    c1, c2, c3 = GCNConv(6, 8), GCNConv(8, 32), GCNConv(32, 8)
    c1.load_state_dict(ours.conv1.state_dict())
    c2.load_state_dict(ours.conv2.state_dict())
    c3.load_state_dict(ours.conv3.state_dict())
    x = torch.randn(5, 25, 6)
    b = Batch.from_data_list([Data(x=xi, edge_index=ei) for xi in x])
    relu = torch.relu
    with torch.no_grad():
        h1 = relu(ours.bn1(c1(b.x, b.edge_index)))
        h2 = relu(ours.bn2(c2(h1, b.edge_index))) + ours.bn_p1(ours.proj1(h1))
        h3 = relu(ours.bn3(c3(h2, b.edge_index))) + ours.bn_p2(ours.proj2(h2))
        expected = ours.out(global_add_pool(h3, b.batch))
        got = ours(to_node_major(x))
    assert torch.allclose(got, expected, atol=1e-4, rtol=1e-4)


def test_predict_proba_all_networks():
    torch.manual_seed(0)
    adj = normalized_adjacency(grid_edge_index(4, 1.7), 16)
    x = np.random.default_rng(0).normal(size=(70, 16, 5)).astype(np.float32)
    for model in (EnhancedGCN(5, adj, hidden=16, width=8), PlainGCN(5, adj, hidden=16, width=8),
                  TileCNN(5, 4, hidden=8)):
        p = predict_proba(model, x, batch_size=32)
        assert p.shape == (70,) and np.all((p >= 0) & (p <= 1))
        p_one = predict_proba(model, x[:1])
        assert abs(float(p_one[0]) - float(p[0])) < 1e-5
        threads = torch.get_num_threads()
        p_threads = predict_proba(model, x, batch_size=8, workers=3)  # batches over Python threads
        assert torch.get_num_threads() == threads
        np.testing.assert_allclose(p_threads, p, atol=1e-5)


def test_fast_training_forward_equals_reference():
    """forward_train (first residual folded through its batch statistics) gives
    the same outputs, gradients and running statistics as Table 1 layer by layer."""
    import copy

    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        torch.manual_seed(0)
        adj = normalized_adjacency(grid_edge_index(6, 1.7), 36, dtype=torch.float64)
        a = EnhancedGCN(7, adj, hidden=32, width=8)
        with torch.no_grad():
            for p in a.parameters():
                p.add_(0.1 * torch.randn_like(p))
        b = copy.deepcopy(a)
        a.train()
        b.train()
        x = torch.randn(36, 5, 7) * 1.5 + 0.3
        out_a, out_b = a.forward_reference(x), b.forward_train(x)
        assert torch.allclose(out_a, out_b, atol=1e-10)
        out_a.square().sum().backward()
        out_b.square().sum().backward()
        for (name, pa), pb in zip(a.named_parameters(), b.parameters()):
            assert torch.allclose(pa.grad, pb.grad, atol=1e-8), name
        for (name, ba), bb in zip(a.named_buffers(), b.buffers()):
            assert torch.allclose(ba.double(), bb.double(), atol=1e-10), name
    finally:
        torch.set_default_dtype(old)
