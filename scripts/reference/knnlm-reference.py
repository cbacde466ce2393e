"""Reference numbers for test/unit/knnlm, computed independently with NumPy (numpy.save writes the .npy files).

kNN-LM (Khandelwal et al. 2020): p_kNN(y) = sum_{i in kNN, v_i = y} exp(-d_i / T) / sum_{i in kNN} exp(-d_i / T),
d = squared L2; p = lambda p_kNN + (1 - lambda) p_LM; perplexity = exp(-mean log p).
Run: python3 scripts/reference/knnlm-reference.py  (writes test/fixtures/knnlm/)
"""
import json
import os

import numpy as np

out = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "knnlm")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)

n, m, d, vocab = 300, 40, 16, 12
keys = rng.normal(size=(n, d)).astype(np.float32)
values = rng.integers(0, vocab, size=n).astype(np.int32)
queries = (keys[rng.integers(0, n, size=m)] + 0.3 * rng.normal(size=(m, d))).astype(np.float32)
targets = rng.integers(0, vocab, size=m).astype(np.int32)
# let half of the targets be the value of the nearest key, so retrieval helps on them
d2 = ((queries[:, None, :] - keys[None, :, :]) ** 2).sum(-1)
nearest = d2.argsort(axis=1)
targets[: m // 2] = values[nearest[: m // 2, 0]]
lm_logprobs = np.log(rng.uniform(0.01, 0.5, size=m)).astype(np.float32)

np.save(os.path.join(out, "keys-f32.npy"), keys)
np.save(os.path.join(out, "keys-f16.npy"), keys.astype(np.float16))
np.save(os.path.join(out, "values.npy"), values)
np.save(os.path.join(out, "values-i64.npy"), values.astype(np.int64))
np.save(os.path.join(out, "queries.npy"), queries)
np.save(os.path.join(out, "targets.npy"), targets)
np.save(os.path.join(out, "lm-logprobs.npy"), lm_logprobs)
np.save(os.path.join(out, "queries-wrong-dims.npy"), queries[:, : d - 1].copy())


def knnlm_ppl(keys, lam, k, T):
    d2 = ((queries[:, None, :].astype(np.float64) - keys[None, :, :].astype(np.float64)) ** 2).sum(-1)
    idx = np.argsort(d2, axis=1, kind="stable")[:, :k]
    dist = np.take_along_axis(d2, idx, axis=1)
    logits = -dist / T
    w = np.exp(logits - logits.max(axis=1, keepdims=True))
    w /= w.sum(axis=1, keepdims=True)
    p_knn = (w * (values[idx] == targets[:, None])).sum(axis=1)
    p = lam * p_knn + (1 - lam) * np.exp(lm_logprobs.astype(np.float64))
    return float(np.exp(-np.log(p).mean())), float(np.exp(-lm_logprobs.astype(np.float64).mean()))


cases = []
for lam, k, T in [(0.25, 8, 1.0), (0.5, 32, 5.0), (0.1, 300, 10.0)]:
    ppl, ppl_lm = knnlm_ppl(keys, lam, k, T)
    ppl16, _ = knnlm_ppl(keys.astype(np.float16).astype(np.float32), lam, k, T)
    cases.append({"lambda": lam, "k": k, "temperature": T, "ppl_knnlm_f32": ppl, "ppl_knnlm_f16": ppl16, "ppl_lm": ppl_lm})

half = {"values": [1.0, -2.0, 65504.0, 2.0 ** -24, 0.1, 1e-8, 1e5, 0.333333],
        "bits": [int(x) for x in np.array([1.0, -2.0, 65504.0, 2.0 ** -24, 0.1, 1e-8, 1e5, 0.333333], dtype=np.float16).view(np.uint16)]}
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump({"n": n, "m": m, "d": d, "cases": cases, "float16": half}, f, indent=1)
print(json.dumps(cases, indent=1))
