"""Training GeoSpectra (and the plain CNN baseline) on grid data.

Batches are P classes × K spectra, the K drawn across as many instrument
families as the class has (so every anchor has a cross-instrument positive).
Loss = cross-entropy (label smoothing) + w_tri · batch-hard triplet on the
cosine distance of the embeddings (positive: same mineral, preferably another
instrument; negative: the closest other mineral) + w_orth(t) · ‖F̂_s F̂_iᵀ‖_F / B,
with w_orth growing exponentially over training.

Staged unfreezing (scaled from the paper's 5000-iteration first stage to this
data set): stage 1 (first ``stage_fractions[0]`` of the steps) trains the
spectral backbone only — the instrument statistics library, γ/β, the learnable
denoiser and the instrument branch are frozen; stage 2 unfreezes the
statistics library (running updates), γ/β and the instrument branch; stage 3
(from ``stage_fractions[1]``) also unfreezes the denoiser.

Device and processes: ``config.device`` (:mod:`models.device`) places the network and the batch.
Under ``torchrun`` every rank draws the same P×K batch and augments it (one random stream, as in
one process) and trains on its contiguous share — whole classes, since the sampler lays a class's
K spectra side by side — so the triplet mining is within the share; the gradients are averaged in
one ``all_reduce`` per step and the instrument statistics every 50 steps and at the end
(:mod:`models.distributed`).  The trained network comes back on the CPU.
"""
from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Dict, List, Optional

import numpy as np
import torch
import torch.nn.functional as F

from .. import distributed
from ..device import describe_device
from ..progress import Progress, ensure_progress
from .dataset import AugmentConfig, Augmenter, GridData, model_inputs
from .network import OTHER, GeoSpectraEnsemble, build_network
from .preprocess import N_STATS


@dataclass
class TrainConfig:
    arch: str = "geospectra"
    steps: int = 1400  # chosen on the dev split (scripts/train_geospectra.py --dev): 700 under-trains
    classes_per_batch: int = 32
    per_class: int = 4
    lr: float = 3e-3
    weight_decay: float = 1e-4
    seed: int = 0
    label_smoothing: float = 0.05
    w_triplet: float = 0.5
    triplet_margin: float = 0.3
    w_orth: float = 0.02
    orth_growth: float = 3.0
    stage_fractions: tuple = (0.3, 0.6)
    denoise: bool = True
    network: Dict = field(default_factory=dict)  # extra architecture settings (ints), e.g. {"extra_down": 0}
    augment: AugmentConfig = field(default_factory=AugmentConfig)
    device: str = "auto"  # auto, cpu, cuda or cuda:N (models.device)

    def to_dict(self) -> Dict:
        d = asdict(self)
        d["stage_fractions"] = list(self.stage_fractions)
        return d


def to_tensors(inputs: Dict[str, np.ndarray]) -> Dict[str, torch.Tensor]:
    return {
        "x": torch.from_numpy(np.ascontiguousarray(inputs["x"], dtype=np.float32)),
        "m": torch.from_numpy(np.ascontiguousarray(inputs["mask"], dtype=np.float32)),
        "inst": torch.from_numpy(np.ascontiguousarray(inputs["inst"], dtype=np.int64)),
        "meta": torch.from_numpy(np.ascontiguousarray(inputs["meta"], dtype=np.float32)),
        "stats": torch.from_numpy(np.ascontiguousarray(inputs["stats"], dtype=np.float32)),
        "raw": torch.from_numpy(np.ascontiguousarray(inputs.get("raw", inputs["x"]), dtype=np.float32)),
    }


def on_device(t: Dict[str, torch.Tensor], device) -> Dict[str, torch.Tensor]:
    return {k: v.to(device) for k, v in t.items()}


def forward(model, t: Dict[str, torch.Tensor]):
    return model(t["x"], t["m"], t["inst"], t["meta"], t["stats"], t["raw"])


class PKSampler:
    def __init__(self, labels: np.ndarray, families: List[str], P: int, K: int, rng: np.random.Generator):
        self.rng = rng
        self.P, self.K = P, K
        self.by_class: Dict[int, Dict[str, np.ndarray]] = {}
        for c in np.unique(labels):
            idx = np.nonzero(labels == c)[0]
            fams: Dict[str, List[int]] = {}
            for i in idx:
                fams.setdefault(families[i], []).append(int(i))
            self.by_class[int(c)] = {f: np.array(v) for f, v in fams.items()}
        self.classes = np.array(sorted(self.by_class))

    def __call__(self) -> np.ndarray:
        P = min(self.P, self.classes.size)
        chosen = self.rng.choice(self.classes, P, replace=False)
        out = []
        for c in chosen:
            fams = list(self.by_class[int(c)].values())
            order = self.rng.permutation(len(fams))
            for k in range(self.K):
                pool = fams[order[k % len(fams)]]
                out.append(int(pool[self.rng.integers(0, pool.size)]))
        return np.array(out)


def triplet_loss(emb: torch.Tensor, labels: torch.Tensor, inst: torch.Tensor, margin: float) -> torch.Tensor:
    e = F.normalize(emb, dim=1)
    dist = 1.0 - e @ e.t()
    same = labels[:, None] == labels[None, :]
    eye = torch.eye(len(labels), dtype=torch.bool, device=labels.device)
    pos = same & ~eye
    cross = pos & ((inst[:, None] != inst[None, :]) | (inst[:, None] == OTHER))
    use_cross = cross.any(dim=1, keepdim=True)
    pos = torch.where(use_cross, cross, pos)
    has_pos = pos.any(dim=1)
    neg = ~same
    if not has_pos.any() or not neg.any():
        return emb.sum() * 0.0
    d_ap = torch.where(pos, dist, torch.full_like(dist, -1.0)).max(dim=1).values
    d_an = torch.where(neg, dist, torch.full_like(dist, 9.0)).min(dim=1).values
    return F.relu(d_ap - d_an + margin)[has_pos].mean()


def orthogonality_loss(f_s: torch.Tensor, f_i: torch.Tensor) -> torch.Tensor:
    """‖F̂_s F̂_iᵀ‖_F / B with row-normalised feature matrices."""
    a = F.normalize(f_s, dim=1)
    b = F.normalize(f_i, dim=1)
    return torch.linalg.matrix_norm(a @ b.t(), ord="fro") / a.shape[0]


def _set_stage(model, stage: int) -> None:
    if not hasattr(model, "inorm"):
        return
    for p in list(model.inorm.parameters()) + list(model.instrument.parameters()) + list(model.to_spectral.parameters()):
        p.requires_grad_(stage >= 2)
    model.inorm.track = stage >= 2
    for p in model.denoise.parameters():
        p.requires_grad_(stage >= 3)


@torch.no_grad()
def init_statistics(model, data: GridData, denoise: bool) -> None:
    if not hasattr(model, "inorm"):
        return
    xs, ms, insts = [data.x], [data.mask], [data.inst]
    for sensor, view in data.views.items():
        ok = view["ok"]
        xs.append(view["x"][ok])
        ms.append(view["mask"][ok])
        insts.append(np.full(int(ok.sum()), model_index(sensor)))
    x, m, inst = np.concatenate(xs), np.concatenate(ms), np.concatenate(insts)
    prep = model_inputs(x, m, inst, np.full(len(inst), 10.0), denoise=denoise)
    model.inorm.set_statistics(torch.from_numpy(prep["x"]), torch.from_numpy(prep["mask"]),
                               torch.from_numpy(prep["inst"]))


def model_index(name: str) -> int:
    from .dataset import instrument_index

    return instrument_index(name)


@dataclass
class TrainResult:
    model: torch.nn.Module
    config: TrainConfig
    history: List[Dict[str, float]]
    seconds: float
    device: Dict = field(default_factory=dict)  # models.device.describe_device of the run
    world_size: int = 1
    threads: int = 0

    def run_record(self) -> Dict:
        """How the network was trained, for the model file's training record."""
        return {"device": self.device, "world_size": self.world_size, "threads": self.threads,
                "seconds": round(self.seconds, 1)}


def train(data: GridData, n_classes: int, config: TrainConfig, progress: Optional[Progress] = None,
          init_model: Optional[torch.nn.Module] = None, freeze: tuple = ()) -> TrainResult:
    """Train ``config.arch`` (or continue ``init_model``: fine-tuning, all stages open except the
    sub-modules named in ``freeze``, whose batch-norm statistics are kept too)."""
    progress = ensure_progress(progress)
    ctx = distributed.current()
    device = distributed.rank_device(config.device, ctx)
    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    model = init_model if init_model is not None else build_network(config.arch, n_classes=n_classes, n_stats=N_STATS,
                                                                **config.network)
    if init_model is None:
        init_statistics(model, data, config.denoise)
    model.to(device)
    augment = Augmenter(data, config.augment, rng)
    sampler = PKSampler(data.label, data.family, config.classes_per_batch, config.per_class, rng)
    opt = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    warm = max(1, int(0.05 * config.steps))

    def lr_at(step: int) -> float:
        if step < warm:
            return config.lr * (step + 1) / warm
        t = (step - warm) / max(1, config.steps - warm)
        return config.lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * t)))

    is_geo = config.arch == "geospectra"
    history: List[Dict[str, float]] = []
    t0 = time.time()
    stage = 0
    run = {"loss": 0.0, "ce": 0.0, "tri": 0.0, "orth": 0.0, "acc": 0.0, "n": 0}
    model.train()
    for step in range(config.steps):
        frac = step / config.steps
        new_stage = 1 if frac < config.stage_fractions[0] else (2 if frac < config.stage_fractions[1] else 3)
        if init_model is not None:
            new_stage = 3
        if new_stage != stage:
            stage = new_stage
            _set_stage(model, stage)
            for name in freeze:
                for p in getattr(model, name).parameters():
                    p.requires_grad_(False)
        for name in freeze:
            getattr(model, name).eval()
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        idx = sampler()
        augment.progress = frac
        batch = augment(idx)  # the whole batch on every rank: the random stream stays that of one process
        if ctx.active:
            mine = ctx.shard(len(idx))
            idx, batch = idx[mine], {k: v[mine] for k, v in batch.items()}
        inputs = model_inputs(batch["x"], batch["mask"], batch["inst"], batch["resolution"], denoise=config.denoise)
        t = on_device(to_tensors(inputs), device)
        y = torch.from_numpy(data.label[idx]).to(device)
        out = forward(model, t)
        ce = F.cross_entropy(out["logits"], y, label_smoothing=config.label_smoothing)
        loss = ce
        tri = orth = torch.zeros(())
        if is_geo:
            tri = triplet_loss(out["embedding"], y, t["inst"], config.triplet_margin)
            orth = orthogonality_loss(out["f_s"], out["f_i"])
            w_orth = config.w_orth * math.exp(config.orth_growth * frac)
            loss = loss + config.w_triplet * tri + w_orth * orth
        opt.zero_grad(set_to_none=True)
        loss.backward()
        acc = (out["logits"].argmax(1) == y).float().mean()
        # averaged over the ranks with the gradients (one all_reduce); as they were without a group
        figures = distributed.sync_gradients(model.parameters(), [loss, ce, tri, orth, acc], average=True)
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        for key, value in zip(("loss", "ce", "tri", "orth", "acc"), figures):
            run[key] += value
        run["n"] += 1
        if (step + 1) % 50 == 0 or step + 1 == config.steps:
            distributed.sync_buffers(model)  # the instrument statistics each rank updated from its share
            n = run.pop("n")
            history.append({"step": step + 1, "stage": stage, "lr": lr_at(step),
                            **{k: v / n for k, v in run.items()}, "seconds": time.time() - t0})
            run = {k: 0.0 for k in run}
            run["n"] = 0
        progress.update((step + 1) / config.steps, f"{config.arch} step {step + 1}/{config.steps}")
    model.eval()
    model.to("cpu")  # evaluation, inference and the model file work on the CPU
    return TrainResult(model=model, config=config, history=history, seconds=time.time() - t0,
                       device=describe_device(device), world_size=ctx.world_size, threads=torch.get_num_threads())


def train_ensemble(data: GridData, n_classes: int, config: TrainConfig, members: int,
                   progress: Optional[Progress] = None) -> TrainResult:
    """``members`` GeoSpectra networks with seeds ``config.seed``, ``config.seed + 1``, … as one
    :class:`GeoSpectraEnsemble` (one member: the plain network).  Each member trains exactly as
    :func:`train` alone would, so member 0 is the single network of the same seed."""
    if config.arch != "geospectra":
        raise ValueError(f"only GeoSpectra networks are ensembled, not {config.arch!r}")
    progress = ensure_progress(progress)
    runs = [train(data, n_classes, replace(config, seed=config.seed + k), progress.span(k / members, (k + 1) / members))
            for k in range(int(members))]
    if len(runs) == 1:
        return runs[0]
    return TrainResult(model=GeoSpectraEnsemble.of(r.model for r in runs), config=config,
                       history=runs[0].history, seconds=sum(r.seconds for r in runs), device=runs[0].device,
                       world_size=runs[0].world_size, threads=runs[0].threads)


@torch.no_grad()
def predict(model, x: np.ndarray, mask: np.ndarray, inst: np.ndarray, resolution: np.ndarray,
            denoise: bool = True, batch: int = 256):
    """(probabilities, embeddings) for grid arrays."""
    model.eval()
    device = next(model.parameters()).device
    probs, embs = [], []
    for i in range(0, len(x), batch):
        sl = slice(i, i + batch)
        inputs = model_inputs(x[sl], mask[sl], inst[sl], resolution[sl], denoise=denoise)
        out = forward(model, on_device(to_tensors(inputs), device))
        probs.append(torch.softmax(out["logits"], dim=1).cpu().numpy())
        embs.append(out["embedding"].cpu().numpy())
    if not probs:
        return np.zeros((0, 0), np.float32), np.zeros((0, 0), np.float32)
    return np.concatenate(probs), np.concatenate(embs)
