"""Geology of the synthetic study area: plutons, faults, pegmatite swarms.

Everything is built in map metres of a projected CRS from one
``numpy.random.Generator`` in a fixed order, so a seed always gives the same
area, and each seed draws a whole layout (:class:`Layout`): how many plutons and of
what shape, the structural trend, field size and density, host-rock mix, sun and noise.
The rules follow how rare-element granitic pegmatites occur (Dahongliutan, West Kunlun;
Černý's regional zoning of pegmatite fields): two-mica granite plutons elongated along
the structural trend; regional faults along it with a few cross faults; dykes in
en-échelon swarms, mostly in the exterior contact zone within a few km of a pluton,
favouring fault zones, striking with the trend; and zoned outwards from the parent
granite — barren microcline–quartz–muscovite dykes inside and closest to it, then
beryl-bearing (beryl–albite–quartz–muscovite), then Li (spodumene–albite–quartz–
lepidolite) farther out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

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


@dataclass(frozen=True)
class Layout:
    """Everything about an area that a seed decides before the geology is drawn."""

    n_plutons: int
    trend: float  # radians, strike counter-clockwise from east
    n_cross_faults: int
    field_density: float  # pegmatite swarms per 81 km² (the paper's 9 × 9 km area has ~16)
    dykes_per_swarm: float
    zoning_scale_m: float  # distance from the contact at which Be gives way to Li pegmatites
    explored_share: float  # share of swarms with known (mapped and assayed) dykes
    schist_share: float  # host rock: 0 quartz-rich metasandstone .. 1 mica schist
    marble_share: float
    sun_elevation_deg: float
    sun_azimuth_deg: float
    noise_scale: float  # multiplies the sensor noise (1 = AHSI-like)

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["trend_azimuth_deg"] = round((90.0 - np.rad2deg(self.trend)) % 180.0, 2)
        del d["trend"]
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in d.items()}


def draw_layout(rng: np.random.Generator) -> Layout:
    return Layout(
        n_plutons=int(rng.integers(1, 4)),
        trend=float(np.deg2rad(rng.uniform(-90.0, 90.0))),
        n_cross_faults=int(rng.integers(1, 4)),
        field_density=float(rng.uniform(10.0, 24.0)),
        dykes_per_swarm=float(rng.uniform(5.0, 10.0)),
        zoning_scale_m=float(rng.uniform(900.0, 1600.0)),
        explored_share=float(rng.uniform(0.4, 0.65)),
        schist_share=float(rng.uniform(0.2, 0.8)),
        marble_share=float(rng.uniform(0.0, 1.0)),
        sun_elevation_deg=float(rng.uniform(25.0, 65.0)),
        sun_azimuth_deg=float(rng.uniform(110.0, 250.0)),
        noise_scale=float(rng.uniform(0.7, 1.6)),
    )


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
    kind: str = "barren"  # "barren" | "Be" | "Li" (the zone of the field it formed in)


# Typical modal compositions (volume fractions) of the dyke rock, by zone of the field.
LI_PEGMATITE = {
    "albite": 0.30, "quartz": 0.27, "spodumene": 0.20, "lepidolite": 0.06, "microcline": 0.07,
    "muscovite": 0.07, "beryl": 0.02, "tourmaline": 0.01,
}
BE_PEGMATITE = {
    "albite": 0.30, "quartz": 0.30, "muscovite": 0.16, "beryl": 0.07, "microcline": 0.13,
    "tourmaline": 0.04,
}
BARREN_PEGMATITE = {
    "microcline": 0.40, "quartz": 0.30, "muscovite": 0.12, "albite": 0.11,
    "tourmaline": 0.05, "biotite": 0.02,
}
COMPOSITIONS = {"Li": LI_PEGMATITE, "Be": BE_PEGMATITE, "barren": BARREN_PEGMATITE}
TYPE_NAMES = {"Li": "Li (spodumene-lepidolite) pegmatite", "Be": "Be (beryl) pegmatite",
              "barren": "barren microcline pegmatite"}
# Exocontact halos in the host rock: albitisation and muscovite around the fertile dykes,
# tourmaline-muscovite (boron metasomatism) around the barren ones nearer the granite.
HALOS = {"Li": {"albite": 0.45, "muscovite": 0.40, "quartz": 0.15},
         "Be": {"albite": 0.35, "muscovite": 0.45, "tourmaline": 0.05, "quartz": 0.15},
         "barren": {"muscovite": 0.45, "tourmaline": 0.30, "quartz": 0.25}}


def zone_weights(d: float, scale: float, fertility: float) -> np.ndarray:
    """Relative odds of (barren, Be, Li) for a dyke ``d`` m from the contact (< 0 inside)."""
    if d <= 0:
        w = np.array([0.93, 0.05, 0.02])
    else:
        u = d / scale
        # barren dykes occur throughout a field (they are the commonest) and dominate near the granite
        w = np.array([0.5 + 1.5 * np.exp(-u / 0.4),
                      np.exp(-0.5 * ((u - 0.65) / 0.3) ** 2),
                      np.exp(-max(0.0, u - 3.0) / 1.2) / (1.0 + np.exp(-(u - 1.0) / 0.2))])
    w = w * np.array([1.0, fertility, fertility])
    return w / w.sum()


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
    layout: Optional[Layout] = None


def _place_plutons(rng, cx, cy, size, layout: Layout) -> List[Pluton]:
    """``layout.n_plutons`` two-mica granite plutons elongated along the trend, spread across it."""
    trend, n = layout.trend, layout.n_plutons
    plutons = []
    slots = np.linspace(-0.25, 0.25, n) if n > 1 else np.zeros(1)
    for i, v in enumerate(slots):
        scale = rng.uniform(0.7, 1.1) / np.sqrt(n)
        a = size * rng.uniform(0.20, 0.27) * scale
        b = a * rng.uniform(0.4, 0.75)
        u = rng.normal(0.0, 0.15 * size) * (1 if i % 2 else -1)
        ex, ey = _rot(np.array([u]), np.array([v * size + rng.normal(0, 0.03 * size)]), trend)
        name = f"Pluton {chr(65 + i)} (two-mica granite)"
        plutons.append(Pluton(i + 1, name, _pluton_ring(rng, cx + ex[0], cy + ey[0], a, b, trend)))
    return plutons


def make_structure(rng: np.random.Generator, extent: Tuple[float, float, float, float], layout: Layout):
    """Plutons and faults for the area ``extent`` = (xmin, ymin, xmax, ymax)."""
    xmin, ymin, xmax, ymax = extent
    cx, cy = 0.5 * (xmin + xmax), 0.5 * (ymin + ymax)
    size = min(xmax - xmin, ymax - ymin)
    trend = layout.trend
    plutons = _place_plutons(rng, cx, cy, size, layout)
    # Regional faults along the trend (flanking and between the plutons); lines run beyond the area.
    half = 0.85 * size
    offsets = sorted(rng.uniform(-0.45, 0.45, 2 + layout.n_plutons // 2) * size)
    faults = []
    for v0 in offsets:
        line = _sinuous_line(rng, cx, cy, trend, -half, half, v0, amp=0.02 * size)
        faults.append(Fault(len(faults) + 1, f"F{len(faults) + 1}", "regional fault along the trend", line))
    # Cross faults (shorter, at a high angle to the trend).
    for _ in range(layout.n_cross_faults):
        u0 = rng.uniform(-0.4, 0.4) * size
        cross = trend + np.pi / 2 + np.deg2rad(rng.uniform(-15, 15))
        ux, uy = _rot(np.array([u0]), np.array([0.0]), trend)
        line = _sinuous_line(rng, cx + ux[0], cy + uy[0], cross, -0.45 * size, 0.45 * size, 0.0, amp=0.01 * size, n=20)
        faults.append(Fault(len(faults) + 1, f"F{len(faults) + 1}", "cross fault", line))
    return trend, plutons, faults


def _swarm_centres(rng, extent, n_clusters: int, contact_distance, fault_distance) -> List[Point]:
    """Swarm centres drawn where dykes are likely: the exterior contact zone, near faults."""
    xmin, ymin, xmax, ymax = extent
    inset = 300.0

    def intensity(x, y):
        d = contact_distance(x, y)
        f = fault_distance(x, y)
        outside = np.exp(-0.5 * ((d - 1300.0) / 900.0) ** 2)
        inside = 0.12 * np.exp(np.minimum(d, 0.0) / 500.0)
        zone = np.where(d > 0, outside, inside)
        return zone * (0.25 + np.exp(-f / 500.0)) / 1.25

    parents: List[Point] = []
    while len(parents) < n_clusters:
        x = rng.uniform(xmin + inset, xmax - inset, 256)
        y = rng.uniform(ymin + inset, ymax - inset, 256)
        keep = rng.uniform(0, 1, 256) < intensity(x, y)
        parents.extend(zip(x[keep], y[keep]))
    return parents[:n_clusters]


def _dyke(rng, ident, cluster, x, y, kind, known, trend) -> Pegmatite:
    length = float(np.clip(rng.lognormal(np.log(300.0), 0.5), 80.0, 1500.0))
    width = float(np.clip(rng.lognormal(np.log(8.0), 0.5), 3.0, 30.0))
    angle = trend + np.deg2rad(rng.normal(0.0, 10.0))
    base = COMPOSITIONS[kind]
    comp = np.array(list(base.values())) * rng.lognormal(0.0, 0.3, len(base))
    comp /= comp.sum()
    mineralised = kind != "barren"
    status = ("known" if known else "hidden") if mineralised else "barren"
    return Pegmatite(
        id=ident, cluster=cluster, mineralised=mineralised, status=status, centre=(float(x), float(y)),
        length_m=length, width_m=width, strike_deg=float((90.0 - np.rad2deg(angle)) % 180.0),
        ring=_dyke_ring(x, y, length, width, angle), composition=dict(zip(base.keys(), comp.tolist())), kind=kind,
    )


def place_pegmatites(
    rng: np.random.Generator,
    extent: Tuple[float, float, float, float],
    layout: Layout,
    contact_distance,  # callable (x, y) -> signed distance to pluton contact (m, <0 inside)
    fault_distance,  # callable (x, y) -> distance to nearest fault (m)
) -> List[Pegmatite]:
    """Dyke swarms zoned outwards from the granite; only some fertile dykes are known."""
    xmin, ymin, xmax, ymax = extent
    area_km2 = (xmax - xmin) * (ymax - ymin) / 1e6
    n_clusters = max(4, int(round(layout.field_density * area_km2 / 81.0)))
    parents = _swarm_centres(rng, extent, n_clusters, contact_distance, fault_distance)
    explored = rng.uniform(0, 1, n_clusters) < layout.explored_share
    bodies: List[Pegmatite] = []
    for c, (px, py) in enumerate(parents):
        fertility = rng.uniform(0.5, 1.5)
        n = 3 + rng.poisson(layout.dykes_per_swarm - 3)
        ox, oy = _rot(rng.normal(0.0, 400.0, n), rng.normal(0.0, 120.0, n), layout.trend)
        for k in range(n):
            x, y = px + ox[k], py + oy[k]
            if not (xmin + 100 < x < xmax - 100 and ymin + 100 < y < ymax - 100):
                continue
            d = float(contact_distance(np.array([x]), np.array([y]))[0])
            kind = ("barren", "Be", "Li")[rng.choice(3, p=zone_weights(d, layout.zoning_scale_m, fertility))]
            known = bool(explored[c] and rng.uniform() < 0.75)
            bodies.append(_dyke(rng, len(bodies) + 1, c + 1, x, y, kind, known, layout.trend))
    # Both label layers must hold something: promote / demote deterministically.
    mineral = [b for b in bodies if b.mineralised]
    if mineral and not any(b.status == "known" for b in mineral):
        mineral[0].status = "known"
    if len(mineral) > 1 and not any(b.status == "hidden" for b in mineral):
        mineral[-1].status = "hidden"
    return bodies
