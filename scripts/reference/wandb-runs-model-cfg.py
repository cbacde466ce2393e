"""Writes test/fixtures/catalog/wandb-runs-model-cfg.csv: a W&B runs-table export whose parameter column the
importer does not recognise (config key `model_cfg.size`, counts written as 70M / 1.4B) and whose loss is named
`final loss`. The runs are real: 24 Chinchilla points (Hoffmann et al. 2022, arXiv 2203.15556, Fig. 4, as
reconstructed by Epoch AI: /work/shared/data/chinchilla/svg_extracted_data.csv, rows 5 onwards, every 10th),
N rounded to 3 significant digits with a suffix, C and loss unchanged.
Usage: python3 scripts/reference/wandb-runs-model-cfg.py"""
import csv
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = "/work/shared/data/chinchilla/svg_extracted_data.csv"
OUT = os.path.join(ROOT, "test", "fixtures", "catalog", "wandb-runs-model-cfg.csv")


def with_suffix(n: float) -> str:
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if n >= scale:
            return f"{float(f'{n / scale:.3g}'):g}{suffix}"
    return f"{n:.3g}"


with open(SRC, newline="") as f:
    rows = list(csv.DictReader(f))[5::10]

with open(OUT, "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["Name", "State", "Notes", "User", "Tags", "Created", "Runtime", "Sweep", "model_cfg.size", "flops", "final loss", "_runtime", "_step"])
    for i, r in enumerate(rows):
        w.writerow([f"chinchilla-fig4-{i:02d}", "finished", "-", "epoch", "fig4", f"2024-03-{1 + i % 28:02d}T10:00:00.000Z", "3600", "", with_suffix(float(r["Model Size"])), r["Training FLOP"], r["loss"], "3600.0", "1000"])
print(f"wrote {len(rows)} runs to {OUT}")
