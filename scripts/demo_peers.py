"""Part of `make demo`: score the maps of the unseen field beside the peers and the ablation.

    python scripts/demo_peers.py OUT TRAIN_JSON MAP_JSON HEATMAP PAPER_HEATMAP NODE_HEATMAP GBT_HEATMAP

TRAIN_JSON / MAP_JSON are the outputs of hyperprospect:samplearea for the two fields.  The ablation and the
peers need only the fields, so the demo starts this while it maps the other field with ``qgis_process``: the
four heatmaps are read once a line arrives on standard input (the demo sends it when they are written).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cross_area import prepare_inputs, print_table, score_peers
from cross_area_support import score_map

from models.gcn.pipeline import run_training
from models.graphs.tiling import build_graph_dataset
from models.heatmap.predict import predict_heatmap


def _area(results: dict) -> dict:
    return {"cube": results["CUBE"], "plutons": results["PLUTONS"], "faults": results["FAULTS"],
            "pegmatites_known": results["KNOWN"], "pegmatites_all": results["ALL"]}


def main() -> int:
    out = Path(sys.argv[1])
    train = prepare_inputs(_area(json.loads(sys.argv[2])), out / "peers" / "train")
    other = prepare_inputs(_area(json.loads(sys.argv[3])), out / "peers" / "map")
    maps = dict(zip(("Node GCN + gradient boosting (default)", "Enhanced GCN (paper: graphs, stride = tile)",
                     "  its node GCN alone", "  its gradient boosting alone"), sys.argv[4:8]))
    t0 = time.perf_counter()
    graphs = out / "peers" / "spectra_only.hpg"  # ablation: the blend's node GCN without the two distances
    build_graph_dataset([train["subset"]], train["pegmatites_known"], graphs, tile_size=10, stride=5)
    model = out / "peers" / "spectra_only.hpm"
    run_training(str(graphs), str(model), arch="node", class_weight="balanced")
    heat = other["dir"] / "heat_spectra_only.tif"
    predict_heatmap(model, other["cube"], heat)
    ablation = {"Node GCN, spectra only (ablation)": [score_map(heat, other)]}
    seconds = time.perf_counter() - t0
    peers: dict = {}
    score_peers(train, [other], peers)
    if not sys.stdin.isatty():
        sys.stdin.readline()  # the demo's maps are written
    missing = [p for p in maps.values() if not Path(p).is_file()]
    if missing:
        print(f"demo_peers: heatmap(s) missing: {', '.join(missing)}", file=sys.stderr)
        return 1
    rows = {name: [score_map(Path(path), other)] for name, path in maps.items()}
    rows.update(ablation)
    rows.update(peers)
    print(f"\n  (ablation trained and mapped in {seconds:.0f} s)")
    table = {name: res[0] for name, res in rows.items()}
    print_table(table, "The other field (never seen in training): hidden = fertile bodies not in the known layer "
                       "of their own field; roc_background / roc_barren = pixel ROC AUC of all fertile bodies")
    (out / "cross_area.json").write_text(json.dumps({"table": table}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
