"""Hashed sentence features of the check-worthiness model.

This is the specification the Rust scorer (crates/claimtrail-core/src/checkworthy/features.rs) reproduces
byte for byte; change both together and bump FORMAT_VERSION.

1. Normalise: curly quotes become straight ones, apostrophes are dropped ("don't" -> "dont"), ASCII letters
   are lower-cased (other letters with str.lower when that gives one char), ASCII digits become "0".
2. Tokens: maximal runs of word characters (ASCII letters and digits, and non-ASCII alphabetic characters).
3. Features (strings, hashed):
   - "w:" + token                        for every token
   - "b:" + t1 + " " + t2                for every pair of neighbours in ["<s>"] + tokens + ["</s>"]
   - "c:" + gram                         for every character n-gram, n in 2..=5, of " " + token + " "
   - "n:" + str(min(len(tokens), 40) // 4)   one sentence-length bucket
4. Hash: FNV-1a 64 of the UTF-8 bytes, then the splitmix64 finaliser. The bucket is the low BITS bits, the
   sign is bit 63 (set: -1). Values are summed per bucket (signed counts).
5. Each bucket value is multiplied by its IDF (idf[bucket]), and the vector is scaled to unit L2 norm.
"""

from __future__ import annotations

FORMAT_VERSION = 1
MASK64 = (1 << 64) - 1
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
CHAR_MIN = 2
CHAR_MAX = 5
LEN_CAP = 40
LEN_STEP = 4


def normalise(text: str) -> str:
    out = []
    for c in text:
        if c in "\u2018\u2019\u02bc'`\u00b4":
            continue  # apostrophes (and their look-alikes) are dropped
        if c in "\u201c\u201d\u201e\u00ab\u00bb":
            out.append('"')
        elif "A" <= c <= "Z":
            out.append(chr(ord(c) + 32))
        elif "0" <= c <= "9":
            out.append("0")
        elif ord(c) < 128:
            out.append(c)
        else:
            low = c.lower()
            out.append(low if len(low) == 1 else c)
    return "".join(out)


def is_word_char(c: str) -> bool:
    if ord(c) < 128:
        return c.isascii() and c.isalnum()
    return c.isalpha()


def tokens(text: str) -> list[str]:
    norm = normalise(text)
    toks = []
    cur = []
    for c in norm:
        if is_word_char(c):
            cur.append(c)
        elif cur:
            toks.append("".join(cur))
            cur = []
    if cur:
        toks.append("".join(cur))
    return toks


def feature_strings(text: str) -> list[str]:
    toks = tokens(text)
    feats = ["w:" + t for t in toks]
    padded = ["<s>"] + toks + ["</s>"]
    feats.extend("b:" + a + " " + b for a, b in zip(padded, padded[1:]))
    for t in toks:
        p = " " + t + " "
        for n in range(CHAR_MIN, CHAR_MAX + 1):
            for i in range(len(p) - n + 1):
                feats.append("c:" + p[i : i + n])
    feats.append("n:" + str(min(len(toks), LEN_CAP) // LEN_STEP))
    return feats


def fnv_mix(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & MASK64
    # splitmix64 finaliser
    h ^= h >> 30
    h = (h * 0xBF58476D1CE4E5B9) & MASK64
    h ^= h >> 27
    h = (h * 0x94D049BB133111EB) & MASK64
    h ^= h >> 31
    return h


class Hasher:
    """Maps feature strings to (bucket, sign), memoised (the pure-Python hash is slow)."""

    def __init__(self, bits: int):
        self.bits = bits
        self.mask = (1 << bits) - 1
        self.cache: dict[str, tuple[int, int]] = {}

    def __call__(self, feat: str) -> tuple[int, int]:
        hit = self.cache.get(feat)
        if hit is None:
            h = fnv_mix(feat.encode("utf-8"))
            hit = (h & self.mask, -1 if h >> 63 else 1)
            self.cache[feat] = hit
        return hit

    def counts(self, text: str) -> dict[int, float]:
        out: dict[int, float] = {}
        for f in feature_strings(text):
            j, s = self(f)
            out[j] = out.get(j, 0.0) + s
        return out
