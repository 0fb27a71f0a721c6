"""Trains claimtrail's import-time check-worthiness model (hashed n-grams + logistic regression).

    make train-checkworthy            # or: python scripts/train/train_checkworthy.py --data ../shared/datasets/checkworthy

Reads ct24-en-train.tsv and ct24-en-dev.tsv (id, text, label Yes/No) from --data. Everything is chosen on the
train split by 5-fold cross-validation (regularisation C, decision threshold, calibration slope); the dev split
is only reported. Writes crates/claimtrail-core/models/checkworthy-linear.bin (embedded by the Rust scorer) and
a JSON file with the figures next to it.

Binary format (little-endian), version FORMAT_VERSION:
    b"CTCW", u32 version, u32 bits, f32 bias, f32 threshold, f32 slope,
    f32 weights[2^bits], f32 idf[2^bits]
The score of a sentence is sigmoid(slope * (bias + w . x - threshold)), x being the features of features.py.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import struct
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from features import FORMAT_VERSION, Hasher  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
OUT_BIN = REPO / "crates/claimtrail-core/models/checkworthy-linear.bin"
OUT_JSON = REPO / "crates/claimtrail-core/models/checkworthy-linear.json"
SEED = 0
C_GRID = [0.1, 0.3, 1.0, 3.0, 10.0]

# Fictional sentences written for claimtrail's tests (not from any data set). The Rust test checks that the
# scorer gives the scores printed for them here.
PROBES = [
    "Unemployment in Valmora fell to 4.2 percent last year, the lowest rate since 1998.",
    "I think we all want a better future for our children.",
    "The new bridge cost $340 million, twice the original estimate.",
    "Thank you very much, it is great to be here tonight.",
    "Senator Okafor voted against the port funding bill three times.",
    "What are we going to do about it?",
    "Crime in our cities has doubled since my opponent took office.",
    "",
]


def read_tsv(path: Path) -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for row in reader:
            texts.append(row[col["text"]])
            labels.append(1 if row[col["label"]].strip() == "Yes" else 0)
    return texts, np.array(labels, dtype=np.int8)


def counts_matrix(texts: list[str], hasher: Hasher) -> sp.csr_matrix:
    indptr, indices, data = [0], [], []
    for t in texts:
        c = hasher.counts(t)
        indices.extend(c.keys())
        data.extend(c.values())
        indptr.append(len(indices))
    m = sp.csr_matrix((np.array(data, dtype=np.float64), np.array(indices), np.array(indptr)),
                      shape=(len(texts), 1 << hasher.bits))
    m.sum_duplicates()
    return m


def idf_vector(counts: sp.csr_matrix) -> np.ndarray:
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)


def transform(counts: sp.csr_matrix, idf: np.ndarray | None) -> sp.csr_matrix:
    m = counts.astype(np.float64)
    if idf is not None:
        m = m @ sp.diags(idf.astype(np.float64))
    m = sp.csr_matrix(m)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ m)


def model(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=1000,
                              random_state=SEED)


def best_threshold(y: np.ndarray, z: np.ndarray) -> tuple[float, float]:
    """The logit threshold with the best F1 of the Yes class, and that F1."""
    order = np.argsort(-z)
    zs, ys = z[order], y[order]
    tp = np.cumsum(ys)
    k = np.arange(1, len(ys) + 1)
    f1 = 2 * tp / (k + ys.sum())
    # only cut between distinct values
    distinct = np.r_[zs[1:] != zs[:-1], True]
    f1 = np.where(distinct, f1, -1)
    i = int(np.argmax(f1))
    nxt = zs[i + 1] if i + 1 < len(zs) else zs[i] - 1.0
    return float((zs[i] + nxt) / 2.0), float(f1[i])


def cross_validate(counts: sp.csr_matrix, y: np.ndarray, c: float, use_idf: bool):
    """Out-of-fold logits (IDF fitted inside each fold) and the mean fold F1 at the model's own threshold."""
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    oof = np.zeros(len(y))
    f1s = []
    for tr, te in skf.split(np.zeros(len(y)), y):
        idf = idf_vector(counts[tr]) if use_idf else None
        m = model(c).fit(transform(counts[tr], idf), y[tr])
        z = m.decision_function(transform(counts[te], idf))
        oof[te] = z
        f1s.append(f1_score(y[te], (z >= 0).astype(int)))
    return oof, float(np.mean(f1s)), float(np.std(f1s))


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared/datasets/checkworthy")
    ap.add_argument("--bits", type=int, default=18)
    ap.add_argument("--no-idf", action="store_true")
    ap.add_argument("--dry-run", action="store_true", help="report only, do not write the model files")
    args = ap.parse_args()
    t0 = time.time()
    use_idf = not args.no_idf

    train_texts, y = read_tsv(args.data / "ct24-en-train.tsv")
    dev_texts, y_dev = read_tsv(args.data / "ct24-en-dev.tsv")
    hasher = Hasher(args.bits)
    counts = counts_matrix(train_texts, hasher)
    dev_counts = counts_matrix(dev_texts, hasher)
    print(f"train {len(y)} ({int(y.sum())} Yes), dev {len(y_dev)} ({int(y_dev.sum())} Yes); "
          f"features {time.time() - t0:.1f}s", flush=True)

    # 1. C by 5-fold CV on train (mean fold F1 of Yes at the balanced model's own threshold).
    results = {}
    for c in C_GRID:
        oof, mean, std = cross_validate(counts, y, c, use_idf)
        results[c] = (oof, mean, std)
        print(f"  C={c:<5} CV F1(Yes) {mean:.4f} ± {std:.4f}", flush=True)
    c_best = max(C_GRID, key=lambda c: results[c][1])
    oof, cv_mean, cv_std = results[c_best]

    # 2. Threshold (F1-best on the out-of-fold logits) and calibration slope (Platt, on the same logits).
    threshold, cv_f1_at_t = best_threshold(y, oof)
    platt = LogisticRegression(C=1e6, fit_intercept=False).fit((oof - threshold).reshape(-1, 1), y)
    slope = float(platt.coef_[0, 0])
    print(f"C={c_best}: CV F1 {cv_mean:.4f} ± {cv_std:.4f}; out-of-fold F1 at threshold {threshold:+.4f}: "
          f"{cv_f1_at_t:.4f}; calibration slope {slope:.4f}", flush=True)

    # 3. Final model on all of train, stored as f32; every figure below is computed from the stored numbers.
    idf = idf_vector(counts) if use_idf else np.ones(1 << args.bits, dtype=np.float32)
    final = model(c_best).fit(transform(counts, idf), y)
    w = final.coef_.ravel().astype(np.float32)
    bias = np.float32(final.intercept_[0])
    thr, slp = np.float32(threshold), np.float32(slope)

    def score(cnt: sp.csr_matrix) -> np.ndarray:
        x = transform(cnt, idf)
        z = x @ w.astype(np.float64) + float(bias)
        return sigmoid(float(slp) * (z - float(thr)))

    p_dev = score(dev_counts)
    yhat = (p_dev >= 0.5).astype(int)
    dev = {
        "f1": float(f1_score(y_dev, yhat)),
        "precision": float(precision_score(y_dev, yhat)),
        "recall": float(recall_score(y_dev, yhat)),
    }
    print(f"dev F1(Yes) {dev['f1']:.4f} (P {dev['precision']:.4f}, R {dev['recall']:.4f})")
    print(f"nonzero weights {int((w != 0).sum())} of {w.size}")

    probes = [float(p) for p in score(counts_matrix(PROBES, hasher))]
    print("probe scores (for crates/claimtrail-core/src/checkworthy tests):")
    for s, p in zip(PROBES, probes):
        print(f"    ({json.dumps(s)}, {p:.6f}),")

    elapsed = time.time() - t0
    print(f"training time {elapsed:.1f}s")
    if args.dry_run:
        return
    OUT_BIN.parent.mkdir(parents=True, exist_ok=True)
    with OUT_BIN.open("wb") as f:
        f.write(b"CTCW")
        f.write(struct.pack("<II", FORMAT_VERSION, args.bits))
        f.write(struct.pack("<fff", float(bias), float(thr), float(slp)))
        f.write(w.astype("<f4").tobytes())
        f.write(idf.astype("<f4").tobytes())
    meta = {
        "model": "hashed word/bigram + char 2-5-gram TF-IDF, logistic regression (balanced class weights)",
        "format_version": FORMAT_VERSION,
        "bits": args.bits,
        "idf": use_idf,
        "C": c_best,
        "cv_folds": 5,
        "cv_f1_yes_mean": round(cv_mean, 4),
        "cv_f1_yes_std": round(cv_std, 4),
        "cv_grid": {str(c): round(results[c][1], 4) for c in C_GRID},
        "oof_f1_at_threshold": round(cv_f1_at_t, 4),
        "threshold_logit": float(thr),
        "calibration_slope": float(slp),
        "dev": {k: round(v, 4) for k, v in dev.items()},
        "train_seconds": round(elapsed, 1),
        "versions": {"numpy": np.__version__, "scikit-learn": __import__("sklearn").__version__},
    }
    OUT_JSON.write_text(json.dumps(meta, indent=2) + "\n")
    print(f"wrote {OUT_BIN} ({OUT_BIN.stat().st_size} bytes) and {OUT_JSON.name}")


if __name__ == "__main__":
    main()
