#!/usr/bin/env python3
"""The OLMo ladder's task evaluations in the lab's evals import format.

Bhagia et al. 2024, "Establishing Task Scaling Laws via Compute-Efficient Model Ladders" (arXiv 2412.04403),
data from allenai/OLMo-ladder @ 67a3f440 as converted in /work/shared/data/atlas/bhagia2024-olmo-ladder
(see its SOURCE.md; Apache-2.0).

Usage: python3 scripts/atlas/olmo-ladder.py [DATA_DIR] [OUT_FILE]
  DATA_DIR  default /work/shared/data/atlas/bhagia2024-olmo-ladder
  OUT_FILE  default resources/atlas/olmo-ladder/evaluations.csv

Writes one row per (run, checkpoint, task, metric) with the columns
  model,params,task,metric,value,checkpoint,tokens,shots
- model: the run id of runs.csv (all 30 ladder runs, 190M to 3.2B, 0.5 to 10 xC, with the 1xC reruns; and the
  paper's two targets, `peteish7_eval_anneal` = 7B-4T and `peteish13_eval_final` = 13B-5T). The other target files
  (`*_full`, ranges, medium lr) are left out: the paper does not use them.
- params: the paper's N (MODEL_PARAMS); tokens: D at that checkpoint; checkpoint: the optimizer step (empty for
  the annealed 7B, which is one row without a step).
- task: the paper's eight tasks (task set `v2_main` of src/scaling/task_utils.py), 5-shot, ranked classification:
  mmlu_avg_test, hellaswag_val, arc_challenge_test, arc_easy_test, piqa_val, csqa_val, socialiqa_val,
  openbookqa_test. mmlu_avg_test is the paper's size-weighted mean of the four MMLU test categories (weights
  WEIGHT_BY_KEY: stem 0.215, humanities 0.335, social sciences 0.219, other 0.231).
- metric `bpb`: the task loss of step 1, bits per byte of the correct continuation (`*_rc_5shot_bpb`).
- metric `acc`: the accuracy of step 2, length-normalised (`*_rc_5shot_len_norm`), as a fraction.
A checkpoint that lacks either metric of a task is not written for that task, and is reported on stderr.
Duplicate (run, step) rows would be refused by the importer; they are checked here and the script stops.
"""
import csv
import os
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/atlas/bhagia2024-olmo-ladder"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..", "resources", "atlas", "olmo-ladder", "evaluations.csv")

TARGETS = {"peteish7_eval_anneal", "peteish13_eval_final"}
MMLU_WEIGHTS = {"mmlu_stem_test": 0.215, "mmlu_humanities_test": 0.335, "mmlu_social_sciences_test": 0.219, "mmlu_other_test": 0.231}
SINGLE = ["hellaswag_val", "arc_challenge_test", "arc_easy_test", "piqa_val", "csqa_val", "socialiqa_val", "openbookqa_test"]


def weighted(row, parts, column):
    values = [row[column(p)] for p in parts]
    if any(v == "" for v in values):
        return None
    total = sum(MMLU_WEIGHTS[p] for p in parts)
    return sum(MMLU_WEIGHTS[p] * float(v) for p, v in zip(parts, values)) / total


def task_values(row):
    """(task, bpb, acc) for the paper's eight tasks; None where a column is empty."""
    bpb = lambda t: f"bpb_{t}_rc_5shot"
    acc = lambda t: f"acc_{t}_rc_5shot_len_norm"
    parts = list(MMLU_WEIGHTS)
    yield "mmlu_avg_test", weighted(row, parts, bpb), weighted(row, parts, acc)
    for t in SINGLE:
        b, a = row[bpb(t)], row[acc(t)]
        yield t, (float(b) if b != "" else None), (float(a) if a != "" else None)


def main():
    rows = []
    seen = set()
    missing = 0
    with open(os.path.join(DATA, "checkpoints.csv"), newline="") as f:
        for r in csv.DictReader(f):
            run = r["run_id"]
            if not (r["role"].startswith("ladder") or run in TARGETS):
                continue
            # the annealed 7B is one row without a step: written with an empty checkpoint (= the final model)
            step = int(float(r["step"])) if r["step"] != "" else ""
            if (run, step) in seen:
                sys.exit(f"checkpoints.csv: run {run} has step {step} twice")
            seen.add((run, step))
            for task, b, a in task_values(r):
                if b is None or a is None:
                    missing += 1
                    continue
                base = [run, r["params_n"], task]
                tail = [step, int(float(r["tokens"])), 5]
                rows.append(base + ["bpb", f"{b:.7g}"] + tail)
                rows.append(base + ["acc", f"{a:.7g}"] + tail)
    os.makedirs(os.path.dirname(os.path.abspath(OUT)), exist_ok=True)
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["model", "params", "task", "metric", "value", "checkpoint", "tokens", "shots"])
        w.writerows(rows)
    runs = len({r[0] for r in rows})
    print(f"wrote {len(rows)} rows ({runs} runs) to {OUT}", file=sys.stderr)
    if missing:
        print(f"left out {missing} (checkpoint, task) pairs that lack bpb or acc", file=sys.stderr)


if __name__ == "__main__":
    main()
