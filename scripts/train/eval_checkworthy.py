"""F1 of the Yes class of `claimtrail score` on a labelled TSV (id, text, label Yes/No).

    make eval-checkworthy                      # dev split, release CLI
    python3 scripts/train/eval_checkworthy.py --bin target/release/claimtrail FILE.tsv [--json]

The scores come from the CLI binary itself (the product's own numbers); this script only joins them with the
labels. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--bin", default="target/release/claimtrail")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    labels: dict[str, bool] = {}
    order: list[str] = []
    with open(args.file, encoding="utf-8") as f:
        lines = [l.rstrip("\r\n") for l in f if l.strip()]
    header = lines[0].split("\t")
    label_col = 2
    if header[0].strip().lower() == "id" or (len(header) > 1 and header[1].strip().lower() == "text"):
        label_col = [h.strip().lower() for h in header].index("label")
        lines = lines[1:]
    for l in lines:
        fields = l.split("\t")
        labels[fields[0].strip()] = fields[label_col].strip().lower() == "yes"
        order.append(fields[0].strip())

    out = subprocess.run([args.bin, "score", args.file], capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        return out.returncode
    scored = [l.split("\t") for l in out.stdout.splitlines()]
    ids = [s[0] for s in scored]
    if ids != order:
        sys.stderr.write("claimtrail score did not return the input ids in input order\n")
        return 1
    tp = fp = fn = tn = 0
    for i, s in scored:
        pred, gold = float(s) >= 0.5, labels[i]
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not pred and not gold
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    res = {"file": args.file, "sentences": len(scored), "yes": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
           "precision": round(p, 4), "recall": round(r, 4), "f1_yes": round(f1, 4),
           "accuracy": round((tp + tn) / max(1, len(scored)), 4)}
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(f"{args.file}: {len(scored)} sentences, {tp + fn} Yes; F1(Yes) {f1:.4f} "
              f"(precision {p:.4f}, recall {r:.4f}; tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
