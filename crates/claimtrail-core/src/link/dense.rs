//! Sentence embeddings for matching: how they are stored (8-bit, [`quantize`]) and searched ([`DenseIndex`]).
//!
//! The vectors come from all-MiniLM-L6-v2 (crate `claimtrail-encoder`, which this crate does not know); any
//! vectors of one length work. Cosine similarity only needs directions, so each vector is stored as signed
//! bytes scaled to its own largest component: 4 times smaller than f32, and cosines within about 0.005 of the
//! f32 ones. Searching is an exact scan: 8 ms per query over 100,000 vectors and 82 ms over a million on this
//! 2-core machine (`claimtrail bench dense`), fine in the background worker up to a few hundred thousand
//! claims; beyond, an approximate index is needed.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A vector as stored: one signed byte per value, the largest magnitude mapped to 127.
pub fn quantize(v: &[f32]) -> Vec<u8> {
    let max = v.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 && max.is_finite() {
        127.0 / max
    } else {
        0.0
    };
    v.iter()
        .map(|x| (x * scale).round().clamp(-127.0, 127.0) as i8 as u8)
        .collect()
}

/// Cosine similarity of two vectors (0 when either is all zeros).
pub fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let (mut ab, mut aa, mut bb) = (0.0f64, 0.0f64, 0.0f64);
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (f64::from(*x), f64::from(*y));
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        ab / (aa.sqrt() * bb.sqrt())
    }
}

/// A stored vector back as f32 (in its stored scale: only its direction is meaningful).
pub fn dequantize(bytes: &[u8]) -> Vec<f32> {
    bytes.iter().map(|&b| f32::from(b as i8)).collect()
}

/// Stored vectors with their keys, searched by cosine similarity.
#[derive(Debug, Clone, Default)]
pub struct DenseIndex {
    dim: usize,
    keys: Vec<i64>,
    /// `keys.len() * dim` values, one vector after another.
    values: Vec<i8>,
    /// 1 / length of each vector (0 for an all-zero one).
    inv_norms: Vec<f32>,
    /// Where each key's vector is.
    position: HashMap<i64, usize>,
}

/// A hit of [`DenseIndex::nearest`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub key: i64,
    pub cosine: f32,
}

impl Eq for Hit {}

impl PartialOrd for Hit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Hit {
    /// Reversed on the cosine, so a `BinaryHeap` of hits pops the worst first.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .cosine
            .total_cmp(&self.cosine)
            .then(self.key.cmp(&other.key))
    }
}

impl DenseIndex {
    /// An empty index of `dim`-value vectors.
    pub fn new(dim: usize) -> Self {
        Self {
            dim,
            ..Self::default()
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Adds a stored vector ([`quantize`]); one of another length is skipped and `false` returned.
    pub fn push(&mut self, key: i64, stored: &[u8]) -> bool {
        if stored.len() != self.dim || self.dim == 0 {
            return false;
        }
        let start = self.values.len();
        self.values.extend(stored.iter().map(|&b| b as i8));
        let norm: f32 = self.values[start..]
            .iter()
            .map(|&v| f32::from(v) * f32::from(v))
            .sum::<f32>()
            .sqrt();
        self.inv_norms
            .push(if norm > 0.0 { 1.0 / norm } else { 0.0 });
        self.position.insert(key, self.keys.len());
        self.keys.push(key);
        true
    }

    /// The vector stored for `key` (in its stored scale), if any.
    pub fn vector(&self, key: i64) -> Option<Vec<f32>> {
        let i = *self.position.get(&key)?;
        let v = self.values.get(i * self.dim..(i + 1) * self.dim)?;
        Some(v.iter().map(|&x| f32::from(x)).collect())
    }

    /// The `k` stored vectors most similar to `query` (any scale), best first, among those `keep` accepts.
    pub fn nearest(&self, query: &[f32], k: usize, keep: impl Fn(i64) -> bool) -> Vec<Hit> {
        if query.len() != self.dim || k == 0 || self.is_empty() {
            return Vec::new();
        }
        let q = dequantize(&quantize(query));
        let q_norm: f32 = q.iter().map(|x| x * x).sum::<f32>().sqrt();
        if q_norm == 0.0 {
            return Vec::new();
        }
        // Both sides as small integers: their products fit in i16 lanes, which the compiler vectorises.
        let q: Vec<i16> = q.iter().map(|&x| x as i16).collect();
        let mut heap: BinaryHeap<Hit> = BinaryHeap::with_capacity(k + 1);
        for (i, v) in self.values.chunks_exact(self.dim).enumerate() {
            let dot = dot_i8(v, &q);
            let cosine = dot as f32 * self.inv_norms[i] / q_norm;
            if heap.len() == k && heap.peek().is_some_and(|worst| cosine <= worst.cosine) {
                continue;
            }
            let key = self.keys[i];
            if !keep(key) {
                continue;
            }
            heap.push(Hit { key, cosine });
            if heap.len() > k {
                heap.pop();
            }
        }
        let mut hits = heap.into_vec();
        hits.sort();
        hits
    }
}

/// The dot product of a stored vector and a query, summed in 16 independent i32 lanes (so the compiler can
/// keep them in vector registers), then together.
fn dot_i8(v: &[i8], q: &[i16]) -> i32 {
    let mut lanes = [0i32; 16];
    let (vc, qc) = (v.chunks_exact(16), q.chunks_exact(16));
    let (v_rest, q_rest) = (vc.remainder(), qc.remainder());
    for (a, b) in vc.zip(qc) {
        for i in 0..16 {
            lanes[i] += i32::from(i16::from(a[i]) * b[i]);
        }
    }
    let rest: i32 = v_rest
        .iter()
        .zip(q_rest)
        .map(|(&a, &b)| i32::from(i16::from(a) * b))
        .sum();
    lanes.iter().sum::<i32>() + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    #[test]
    fn quantised_cosines_stay_close_to_the_float_ones() {
        // A deterministic spread of values, like an embedding's.
        let a: Vec<f32> = (0..384)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 50.0)
            .collect();
        let b: Vec<f32> = (0..384)
            .map(|i| ((i * 53 % 97) as f32 - 48.0) / 48.0 + a[i] * 0.5)
            .collect();
        let exact = cosine(&a, &b);
        let stored = cosine(&dequantize(&quantize(&a)), &dequantize(&quantize(&b)));
        assert!((exact - stored).abs() < 0.005, "{exact} vs {stored}");
        assert_eq!(quantize(&[0.0, 0.0]), vec![0, 0]);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
    }

    #[test]
    fn nearest_returns_the_most_similar_first_and_honours_the_filter() {
        let mut index = DenseIndex::new(3);
        assert!(index.push(1, &quantize(&unit(&[1.0, 0.0, 0.0]))));
        assert!(index.push(2, &quantize(&unit(&[0.9, 0.1, 0.0]))));
        assert!(index.push(3, &quantize(&unit(&[0.0, 1.0, 0.0]))));
        assert!(index.push(4, &quantize(&unit(&[-1.0, 0.0, 0.0]))));
        assert!(!index.push(5, &[1, 2]), "wrong length is skipped");
        assert_eq!(index.len(), 4);
        assert_eq!(index.vector(3), Some(vec![0.0, 127.0, 0.0]));
        assert_eq!(index.vector(5), None);
        let hits = index.nearest(&[2.0, 0.0, 0.0], 2, |_| true);
        assert_eq!(hits.iter().map(|h| h.key).collect::<Vec<_>>(), vec![1, 2]);
        assert!((hits[0].cosine - 1.0).abs() < 1e-3);
        let hits = index.nearest(&[1.0, 0.0, 0.0], 3, |k| k != 1);
        assert_eq!(
            hits.iter().map(|h| h.key).collect::<Vec<_>>(),
            vec![2, 3, 4]
        );
        assert!(hits[2].cosine < -0.99);
        assert!(
            index.nearest(&[1.0, 0.0], 3, |_| true).is_empty(),
            "wrong dim"
        );
        assert!(index.nearest(&[0.0, 0.0, 0.0], 3, |_| true).is_empty());
        let v: Vec<i8> = (0..40).map(|i| (i * 7 % 255 - 127) as i8).collect();
        let q: Vec<i16> = (0..40).map(|i| (i * 13 % 255 - 127) as i16).collect();
        let plain: i32 = v
            .iter()
            .zip(&q)
            .map(|(&a, &b)| i32::from(a) * i32::from(b))
            .sum();
        assert_eq!(dot_i8(&v, &q), plain, "lanes and the remainder add up");
    }
}
