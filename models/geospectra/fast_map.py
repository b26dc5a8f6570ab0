"""Fast mineral map: a small network distilled from GeoSpectra on the image itself, checked against it.

GeoSpectra costs about 6 MFLOP per pixel (a dilated CNN and self-attention on the 211-sample grid), so a
million pixels need minutes on two cores however well it is batched.  An image, though, holds few kinds of
spectra.  ``fast`` mapping therefore

1. lets GeoSpectra classify a sample of the image's own pixels (evenly spaced rows);
2. trains a small per-pixel network (an MLP on the sensor's own bands, brightness removed) to give the same
   answers — the featureless flag and the probabilities shown — on three quarters of that sample;
3. maps every pixel with the small network, except pixels it is unsure of (top probability less than
   ``margin`` above the second, featureless flag between 0.1 and 0.9), pixels unlike the sample (principal-component
   score or residual beyond the sample's ``novelty_quantile``) and pixels missing a band the sample has (bands
   blank in most of the image, such as masked water bands, are left out of the small network): those go to
   GeoSpectra itself;
4. checks that procedure on the held-out quarter: unless the classes agree with GeoSpectra's on at least
   ``min_agreement`` of it and the small network is sure of at least ``min_share`` of it, the small network is
   dropped and every pixel is mapped by GeoSpectra.

The summary reports the agreement, the share of pixels GeoSpectra mapped itself and the confidence difference,
so a user sees what the speed cost.  Without ``fast`` every pixel goes through GeoSpectra (the default).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Callable, Dict, Optional, Tuple

import numpy as np

BATCH = 1024  # pixels per training step
NF_ACCEPT = 0.1  # featureless-flag probability this far from 0.5 on either side is taken as decided


@dataclass(frozen=True)
class FastSettings:
    sample_pixels: int = 24000      # pixels GeoSpectra classifies to teach the small network
    holdout: float = 0.25           # share of them kept aside for the agreement check
    min_agreement: float = 0.98     # classes equal to GeoSpectra's on the held-out pixels, or no fast mapping
    min_share: float = 0.5          # held-out pixels the small network must be sure of, or it is not worth it
    margin: float = 0.1             # small network's top two probabilities closer than this → GeoSpectra
    novelty_quantile: float = 0.995  # pixels less typical than this share of the sample → GeoSpectra
    hidden: int = 256
    epochs: int = 30
    seed: int = 0


def pixel_features(refl: np.ndarray) -> np.ndarray:
    """Reflectance (P × bands) → log reflectance relative to its mean, and the mean (brightness) last."""
    lg = np.log(np.clip(refl, 1e-3, None)).astype(np.float32)
    level = lg.mean(axis=1, keepdims=True)
    return np.concatenate([lg - level, level], axis=1)


class Novelty:
    """Principal-component check that a pixel resembles the training sample (score and residual bounds)."""

    def __init__(self, feats: np.ndarray, quantile: float, k: int = 16):
        self.mean = feats.mean(axis=0)
        centred = feats - self.mean
        _, s, vt = np.linalg.svd(centred[:: max(1, len(feats) // 8000)], full_matrices=False)
        self.basis = vt[: min(k, vt.shape[0])].astype(np.float32)
        scores, resid = self._parts(feats)
        self.score_sd = scores.std(axis=0) + 1e-6
        self.max_score = float(np.quantile(np.abs(scores / self.score_sd).max(axis=1), quantile))
        self.max_resid = float(np.quantile(resid, quantile))

    def _parts(self, feats: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        centred = feats - self.mean
        scores = centred @ self.basis.T
        resid = np.linalg.norm(centred - scores @ self.basis, axis=1)
        return scores, resid

    def typical(self, feats: np.ndarray) -> np.ndarray:
        scores, resid = self._parts(feats)
        return (np.abs(scores / self.score_sd).max(axis=1) <= self.max_score) & (resid <= self.max_resid)


def _network(n_in: int, n_classes: int, hidden: int):
    import torch.nn as nn

    return nn.Sequential(nn.Linear(n_in, hidden), nn.GELU(), nn.Linear(hidden, hidden), nn.GELU(),
                         nn.Linear(hidden, n_classes + 1))  # last output: the featureless flag's logit


class Student:
    """The small network with its input scaling and novelty check; ``predict`` → (accepted, cls, shown)."""

    def __init__(self, feats: np.ndarray, diagnostic: np.ndarray, shown: np.ndarray, settings: FastSettings,
                 on_epoch: Optional[Callable[[float], None]] = None):
        import torch

        torch.manual_seed(settings.seed)
        self.settings = settings
        self.mu, self.sd = feats.mean(axis=0), feats.std(axis=0) + 1e-4
        self.novelty = Novelty(feats, settings.novelty_quantile)
        self.net = _network(feats.shape[1], shown.shape[1], settings.hidden)
        self._fit(torch.from_numpy(self._scaled(feats)), torch.from_numpy(shown.astype(np.float32)),
                  torch.from_numpy((~diagnostic).astype(np.float32)), on_epoch or (lambda done: None))

    def _scaled(self, feats: np.ndarray) -> np.ndarray:
        return ((feats - self.mu) / self.sd).astype(np.float32)

    def _fit(self, x, target, featureless, on_epoch: Callable[[float], None]) -> None:
        import torch
        import torch.nn.functional as F

        opt = torch.optim.AdamW(self.net.parameters(), lr=2e-3, weight_decay=1e-4)
        steps = self.settings.epochs * -(-len(x) // BATCH)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
        gen = torch.Generator().manual_seed(self.settings.seed)
        self.net.train()
        for epoch in range(self.settings.epochs):
            on_epoch(epoch / self.settings.epochs)  # progress, and the place where cancel is honoured
            for idx in torch.randperm(len(x), generator=gen).split(BATCH):
                if len(idx) < BATCH // 8:
                    continue
                out = self.net(x[idx])
                loss = -(target[idx] * F.log_softmax(out[:, :-1], dim=1)).sum(1).mean()
                loss = loss + F.binary_cross_entropy_with_logits(out[:, -1], featureless[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
        self.net.eval()

    def predict(self, feats: np.ndarray):
        """→ accepted (P,) bool, featureless (P,) bool, shown probabilities (P, C)."""
        import torch

        with torch.inference_mode():
            out = self.net(torch.from_numpy(self._scaled(feats)))
            shown = torch.softmax(out[:, :-1], dim=1).numpy()
            p_nf = torch.sigmoid(out[:, -1]).numpy()
        featureless = p_nf >= 0.5
        decided = (p_nf <= NF_ACCEPT) | (p_nf >= 1.0 - NF_ACCEPT)
        top2 = np.partition(shown, -2, axis=1)[:, -2:] if shown.shape[1] > 1 else np.c_[shown * 0, shown]
        sure = featureless | (top2[:, 1] - top2[:, 0] >= self.settings.margin)
        self.last_routing = {"undecided_flag": float((~decided).mean()), "close_call": float((~sure).mean()),
                             "novel": float((~self.novelty.typical(feats)).mean())}
        return decided & sure & self.novelty.typical(feats), featureless, shown


def fit_student(refl: np.ndarray, diagnostic: np.ndarray, shown: np.ndarray, settings: FastSettings,
                on_epoch: Optional[Callable[[float], None]] = None) -> Tuple[Optional[Student], Dict[str, Any]]:
    """Teach on part of GeoSpectra's answers for a sample, check on the rest; None when it does not agree enough."""
    from .mineral_map import FIRST_MINERAL, NO_FEATURE_CLASS

    rng = np.random.default_rng(settings.seed)
    order = rng.permutation(len(refl))
    n_hold = int(round(settings.holdout * len(refl)))
    hold, train = order[:n_hold], order[n_hold:]
    report: Dict[str, Any] = {"settings": asdict(settings), "sample_pixels": int(len(refl))}
    if len(train) < 1000 or n_hold < 200:  # e.g. an image of water and forest: nothing for a mineral network
        report["used"] = False
        report["reason"] = "too few valid pixels to teach and check a fast network; every pixel mapped exactly"
        return None, report
    feats = pixel_features(refl)
    student = Student(feats[train], diagnostic[train], shown[train], settings, on_epoch)
    accepted, featureless, s_shown = student.predict(feats[hold])
    teacher_cls = np.where(diagnostic[hold], shown[hold].argmax(1) + FIRST_MINERAL, NO_FEATURE_CLASS)
    student_cls = np.where(featureless, NO_FEATURE_CLASS, s_shown.argmax(1) + FIRST_MINERAL)
    cascade = np.where(accepted, student_cls, teacher_cls)
    agreement = float((cascade == teacher_cls).mean())
    conf_diff = np.abs(s_shown.max(1) - shown[hold].max(1))[accepted]
    report.update({"routing_on_held_out": student.last_routing, "agreement_on_held_out": agreement,
                   "held_out_pixels": int(n_hold),
                   "held_out_share_mapped_by_geospectra": float(1.0 - accepted.mean()),
                   "confidence_abs_difference_mean": float(conf_diff.mean()) if conf_diff.size else 0.0,
                   "used": agreement >= settings.min_agreement})
    if not report["used"]:
        report["reason"] = (f"the fast network agreed with GeoSpectra on {agreement:.1%} of held-out pixels "
                            f"(< {settings.min_agreement:.0%}); every pixel mapped exactly")
        return None, report
    if accepted.mean() < settings.min_share:
        report["used"] = False
        report["reason"] = (f"the fast network was sure of only {accepted.mean():.1%} of held-out pixels "
                            f"(< {settings.min_share:.0%}); every pixel mapped exactly")
        return None, report
    return student, report


def usable_bands(sample: np.ndarray, share: float = 0.99) -> np.ndarray:
    """Bands valid in at least ``share`` of the sample's pixels (products often blank the water bands)."""
    return np.isfinite(sample).sum(axis=0) >= share * max(len(sample), 1)


def fast_classifier(student: Student, exact: Callable, prob_idx, counter: Dict[str, int], bands: np.ndarray):
    """A ``classify(refl)`` for :func:`.mineral_map._map_rows` (pixels × bands, reflectance 0–1): the student
    where it is sure, ``exact`` elsewhere."""
    from .mineral_map import CONFIDENCE_NODATA, FIRST_MINERAL, NO_FEATURE_CLASS

    def classify(refl: np.ndarray):
        P = refl.shape[0]
        cls = np.zeros(P, np.uint8)
        conf = np.full(P, CONFIDENCE_NODATA, np.float32)
        probs = np.full((P, len(prob_idx)), CONFIDENCE_NODATA, np.float32)
        complete = np.isfinite(refl[:, bands]).all(axis=1)
        idx = np.nonzero(complete)[0]
        accepted = np.zeros(P, bool)
        if idx.size:
            ok, featureless, shown = student.predict(pixel_features(refl[idx][:, bands]))
            take = idx[ok]
            best = shown[ok].argmax(1)
            cls[take] = np.where(featureless[ok], NO_FEATURE_CLASS, best + FIRST_MINERAL).astype(np.uint8)
            conf[take] = shown[ok, best]
            if prob_idx:
                probs[take] = shown[ok][:, prob_idx]
            accepted[take] = True
        rest = np.nonzero(~accepted)[0]
        if rest.size:
            cls[rest], conf[rest], probs[rest] = exact(refl[rest])
        counter["fast"] += int(accepted.sum())
        counter["exact"] += int((~accepted & ~np.isnan(refl).all(axis=1)).sum())
        return cls, conf, probs

    return classify
