"""Geology of the synthetic study area: plutons, faults, pegmatite swarms.

Everything is built in map metres of a projected CRS from one
``numpy.random.Generator`` in a fixed order, so a seed always gives the same
area.  The rules follow how Li–Be granitic pegmatites occur in the
Dahongliutan field (West Kunlun): two-mica granite plutons elongated along the
regional NW–SE structural trend; NW–SE regional faults with a few NE–SW cross
faults; pegmatite dykes in en-échelon swarms, mostly in the exterior contact
zone within a few km of a pluton, favouring fault zones, striking with the
trend; the regional zonation puts barren (microcline–quartz) pegmatites close
to or inside the granite and the Li–Be (spodumene) ones farther out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Tuple

import numpy as np

Point = Tuple[float, float]


@dataclass
class Pluton:
    id: int
    name: str
    ring: List[Point]  # closed exterior ring, map coordinates


@dataclass
class Fault:
    id: int
    name: str
    kind: str
    line: List[Point]


@dataclass
class Pegmatite:
    id: int
    cluster: int
    mineralised: bool
    status: str  # "known" | "hidden" | "barren"
    centre: Point
    length_m: float
    width_m: float
    strike_deg: float  # azimuth, degrees clockwise from north
    ring: List[Point]
    composition: dict = field(default_factory=dict)  # endmember -> fraction of the dyke rock


# Typical modal compositions (volume fractions) of the dyke rock.
LI_PEGMATITE = {
    "albite": 0.30, "quartz": 0.28, "spodumene": 0.20, "microcline": 0.08,
    "muscovite": 0.08, "lepidolite": 0.03, "beryl": 0.02, "tourmaline": 0.01,
}
BARREN_PEGMATITE = {
    "microcline": 0.38, "quartz": 0.30, "albite": 0.18, "muscovite": 0.09,
    "tourmaline": 0.04, "biotite": 0.01,
}


def _rot(u: np.ndarray, v: np.ndarray, trend: float) -> Tuple[np.ndarray, np.ndarray]:
    """(along-strike, across-strike) offsets -> (east, north) offsets."""
    ue = np.array([np.cos(trend), np.sin(trend)])
    ve = np.array([-np.sin(trend), np.cos(trend)])
    return u * ue[0] + v * ve[0], u * ue[1] + v * ve[1]


def _pluton_ring(rng, cx, cy, a, b, trend, n=180) -> List[Point]:
    phi = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    r = np.ones_like(phi)
    for k in range(2, 7):
        r += rng.normal(0.0, 0.07 / k) * np.cos(k * phi + rng.uniform(0, 2 * np.pi))
    u = a * r * np.cos(phi)
    v = b * r * np.sin(phi)
    dx, dy = _rot(u, v, trend)
    ring = [(float(cx + x), float(cy + y)) for x, y in zip(dx, dy)]
    return ring + [ring[0]]


def _sinuous_line(rng, cx, cy, trend, u0, u1, v0, amp, n=40) -> List[Point]:
    u = np.linspace(u0, u1, n)
    wavelength = rng.uniform(4000.0, 9000.0)
    v = v0 + amp * np.sin(2 * np.pi * u / wavelength + rng.uniform(0, 2 * np.pi))
    v += np.cumsum(rng.normal(0.0, amp * 0.05, n))
    dx, dy = _rot(u, v, trend)
    return [(float(cx + x), float(cy + y)) for x, y in zip(dx, dy)]


def _dyke_ring(cx, cy, length, width, strike_angle, n=28) -> List[Point]:
    s = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    u = 0.5 * length * np.cos(s)
    # lens: tapered ends (|sin|^0.8 keeps the middle full and the tips sharp)
    v = 0.5 * width * np.sign(np.sin(s)) * np.abs(np.sin(s)) ** 0.8
    dx, dy = _rot(u, v, strike_angle)
    ring = [(float(cx + x), float(cy + y)) for x, y in zip(dx, dy)]
    return ring + [ring[0]]


@dataclass
class Geology:
    trend: float  # radians, direction of strike measured counter-clockwise from east
    plutons: List[Pluton]
    faults: List[Fault]
    pegmatites: List[Pegmatite]


def make_structure(rng: np.random.Generator, extent: Tuple[float, float, float, float]):
    """Plutons and faults for the area ``extent`` = (xmin, ymin, xmax, ymax)."""
    xmin, ymin, xmax, ymax = extent
    cx, cy = 0.5 * (xmin + xmax), 0.5 * (ymin + ymax)
    size = min(xmax - xmin, ymax - ymin)
    trend = np.deg2rad(-45.0 + rng.uniform(-8.0, 8.0))  # NW–SE strike
    # Two two-mica granite plutons elongated along the trend.
    a1, b1 = size * rng.uniform(0.22, 0.27), size * rng.uniform(0.12, 0.16)
    a2, b2 = size * rng.uniform(0.12, 0.16), size * rng.uniform(0.07, 0.10)
    p1u, p1v = -0.20 * size + rng.normal(0, 0.03 * size), 0.10 * size + rng.normal(0, 0.02 * size)
    p2u, p2v = 0.25 * size + rng.normal(0, 0.03 * size), -0.22 * size + rng.normal(0, 0.02 * size)
    ex, ey = _rot(np.array([p1u, p2u]), np.array([p1v, p2v]), trend)
    plutons = [
        Pluton(1, "Pluton A (two-mica granite)", _pluton_ring(rng, cx + ex[0], cy + ey[0], a1, b1, trend)),
        Pluton(2, "Pluton B (two-mica granite)", _pluton_ring(rng, cx + ex[1], cy + ey[1], a2, b2, trend)),
    ]
    # Regional NW–SE faults: one along the NE flank of pluton A, one between the
    # plutons, one SW of pluton B; lines run beyond the area like on a map.
    half = 0.85 * size
    offsets = [
        p1v + 1.05 * b1 + rng.normal(0, 0.02 * size),
        0.5 * (p1v - b1 + p2v + b2) + rng.normal(0, 0.02 * size),
        p2v - 1.15 * b2 + rng.normal(0, 0.02 * size),
    ]
    faults = []
    for i, v0 in enumerate(offsets):
        line = _sinuous_line(rng, cx, cy, trend, -half, half, v0, amp=0.02 * size)
        faults.append(Fault(i + 1, f"F{i + 1}", "regional NW-SE fault", line))
    # NE–SW cross faults (shorter, between the regional ones).
    for j, u0 in enumerate([0.0 * size + rng.normal(0, 0.05 * size), 0.35 * size + rng.normal(0, 0.05 * size)]):
        cross = trend + np.pi / 2 + np.deg2rad(rng.uniform(-10, 10))
        ux, uy = _rot(np.array([u0]), np.array([0.0]), trend)
        line = _sinuous_line(rng, cx + ux[0], cy + uy[0], cross, -0.45 * size, 0.45 * size, 0.0, amp=0.01 * size, n=20)
        faults.append(Fault(len(faults) + 1, f"F{len(faults) + 1}", "NE-SW cross fault", line))
    return trend, plutons, faults


def place_pegmatites(
    rng: np.random.Generator,
    extent: Tuple[float, float, float, float],
    trend: float,
    contact_distance,  # callable (x, y) -> signed distance to pluton contact (m, <0 inside)
    fault_distance,  # callable (x, y) -> distance to nearest fault (m)
) -> List[Pegmatite]:
    xmin, ymin, xmax, ymax = extent
    area_km2 = (xmax - xmin) * (ymax - ymin) / 1e6
    n_clusters = max(4, int(round(16 * area_km2 / 81.0)))
    inset = 300.0

    def intensity(x, y):
        d = contact_distance(x, y)
        f = fault_distance(x, y)
        outside = np.exp(-0.5 * ((d - 1300.0) / 900.0) ** 2)
        inside = 0.12 * np.exp(np.minimum(d, 0.0) / 500.0)
        zone = np.where(d > 0, outside, inside)
        return zone * (0.25 + np.exp(-f / 500.0)) / 1.25

    parents = []
    while len(parents) < n_clusters:
        x = rng.uniform(xmin + inset, xmax - inset, 256)
        y = rng.uniform(ymin + inset, ymax - inset, 256)
        keep = rng.uniform(0, 1, 256) < intensity(x, y)
        parents.extend(zip(x[keep], y[keep]))
    parents = parents[:n_clusters]

    explored = rng.uniform(0, 1, n_clusters) < 0.65
    bodies: List[Pegmatite] = []
    for c, (px, py) in enumerate(parents):
        fertile = rng.uniform(0.6, 1.0)
        n = 3 + rng.poisson(6)
        du = rng.normal(0.0, 400.0, n)
        dv = rng.normal(0.0, 120.0, n)
        ox, oy = _rot(du, dv, trend)
        for k in range(n):
            x, y = px + ox[k], py + oy[k]
            if not (xmin + 100 < x < xmax - 100 and ymin + 100 < y < ymax - 100):
                continue
            d = float(contact_distance(np.array([x]), np.array([y]))[0])
            # regional zonation: Li–Be pegmatites away from the granite, barren ones near/inside it
            if d <= 0:
                p_min = 0.08
            else:
                p_min = (0.25 + 0.65 * min(d / 1500.0, 1.0)) * np.exp(-max(0.0, d - 3500.0) / 1500.0)
            mineralised = bool(rng.uniform() < p_min * fertile)
            length = float(np.clip(rng.lognormal(np.log(300.0), 0.5), 80.0, 1500.0))
            width = float(np.clip(rng.lognormal(np.log(8.0), 0.5), 3.0, 30.0))
            angle = trend + np.deg2rad(rng.normal(0.0, 10.0))
            base = LI_PEGMATITE if mineralised else BARREN_PEGMATITE
            jitter = rng.lognormal(0.0, 0.3, len(base))
            comp = np.array(list(base.values())) * jitter
            comp /= comp.sum()
            known = bool(explored[c] and rng.uniform() < 0.85)
            status = ("known" if known else "hidden") if mineralised else "barren"
            azimuth = (90.0 - np.rad2deg(angle)) % 180.0
            bodies.append(
                Pegmatite(
                    id=len(bodies) + 1, cluster=c + 1, mineralised=mineralised, status=status,
                    centre=(float(x), float(y)), length_m=length, width_m=width,
                    strike_deg=float(azimuth), ring=_dyke_ring(x, y, length, width, angle),
                    composition=dict(zip(base.keys(), comp.tolist())),
                )
            )
    # Both label layers must hold something: promote / demote deterministically.
    mineral = [b for b in bodies if b.mineralised]
    if mineral and not any(b.status == "known" for b in mineral):
        mineral[0].status = "known"
    if len(mineral) > 1 and not any(b.status == "hidden" for b in mineral):
        mineral[-1].status = "hidden"
    return bodies
