//! Sentence embeddings for matching: how they are stored (8-bit, [`quantize`]) and searched ([`DenseIndex`]).
//!
//! The vectors come from all-MiniLM-L6-v2 (crate `claimtrail-encoder`, which this crate does not know); any
//! vectors of one length work. Cosine similarity only needs directions, so each vector is stored as signed
//! bytes scaled to its own largest component: 4 times smaller than f32, and cosines within about 0.005 of the
//! f32 ones.
//!
//! Searching is an exact scan up to [`GRAPH_FROM`] vectors: 8 ms per query over 100,000 on this 2-core machine
//! (`claimtrail bench dense`), and it grows with the count (82 ms over a million, the speed of reading 384 MB
//! from memory). From there a [`Graph`] (HNSW, the `usearch` crate) answers instead, reading a few thousand
//! vectors per query; its hits are scored again exactly, so only which vectors are found is approximate.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// Vectors from which a [`DenseIndex`] is worth a [`Graph`]: below, the exact scan takes under about 4 ms and
/// building a graph (about 12 s for 50,000) would cost more than it saves.
pub const GRAPH_FROM: usize = 50_000;
/// Links per graph node (usearch's `connectivity`, HNSW's M).
const CONNECTIVITY: usize = 16;
/// Candidates kept while inserting a vector: fewer builds faster but finds less.
const EXPANSION_ADD: usize = 64;
/// Candidates kept while searching (at least the hits asked for).
const EXPANSION_SEARCH: usize = 256;
/// Stored vectors compared with the graph's copies when a saved graph is attached.
const GRAPH_CHECKS: usize = 64;

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
    /// The approximate index, when one was built or attached. Shared by clones, which add to it; a key it holds
    /// that an index does not is never returned by that index.
    graph: Option<Arc<Graph>>,
}

/// Why a [`Graph`] could not be made, read, written or used.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    #[error("nearest-neighbour graph: {0}")]
    Index(String),
    #[error("nearest-neighbour graph {0}: does not hold these vectors")]
    Stale(String),
}

fn graph_error(e: impl std::fmt::Display) -> GraphError {
    GraphError::Index(e.to_string())
}

/// An HNSW graph of 8-bit vectors by cosine (the `usearch` crate), keyed like the [`DenseIndex`] it serves.
pub struct Graph {
    inner: usearch::Index,
}

impl std::fmt::Debug for Graph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Graph")
            .field("vectors", &self.len())
            .finish()
    }
}

impl Graph {
    fn new(dim: usize) -> Result<Self, GraphError> {
        let options = usearch::IndexOptions {
            dimensions: dim,
            metric: usearch::MetricKind::Cos,
            quantization: usearch::ScalarKind::I8,
            connectivity: CONNECTIVITY,
            expansion_add: EXPANSION_ADD,
            expansion_search: EXPANSION_SEARCH,
            multi: false,
        };
        Ok(Self {
            inner: usearch::Index::new(&options).map_err(graph_error)?,
        })
    }

    /// Reads a graph [`Graph::save`] wrote.
    pub fn load(path: &Path, dim: usize) -> Result<Self, GraphError> {
        let graph = Self::new(dim)?;
        graph
            .inner
            .load(&path.to_string_lossy())
            .map_err(graph_error)?;
        if graph.inner.dimensions() != dim {
            return Err(GraphError::Stale(path.display().to_string()));
        }
        // Loading keeps the saved settings; searching uses this version's.
        graph.inner.change_expansion_search(EXPANSION_SEARCH);
        Ok(graph)
    }

    /// Writes the graph to `path` (about 550 bytes per vector).
    pub fn save(&self, path: &Path) -> Result<(), GraphError> {
        self.inner
            .save(&path.to_string_lossy())
            .map_err(graph_error)
    }

    pub fn len(&self) -> usize {
        self.inner.size()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds (or, for a key it holds, replaces) a vector, growing the graph's room as needed.
    fn add(&self, key: i64, v: &[i8]) -> Result<(), GraphError> {
        let key = key as u64;
        if self.inner.contains(key) {
            self.inner.remove(key).map_err(graph_error)?;
        }
        if self.inner.size() >= self.inner.capacity() {
            let room = (self.inner.capacity() * 3 / 2).max(1024);
            self.inner.reserve(room).map_err(graph_error)?;
        }
        self.inner.add(key, v).map_err(graph_error)
    }
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
        if let Some(graph) = &self.graph {
            if let Err(e) = graph.add(key, &self.values[start..]) {
                tracing::warn!(error = %e, "vector not added to the graph: searching exactly again");
                self.graph = None;
            }
        }
        true
    }

    /// Whether searches go through a [`Graph`].
    pub fn has_graph(&self) -> bool {
        self.graph.is_some()
    }

    /// The graph searches go through, if any (to save it).
    pub fn graph(&self) -> Option<&Graph> {
        self.graph.as_deref()
    }

    /// The vector pushed `i`-th, as stored.
    fn stored(&self, i: usize) -> &[i8] {
        &self.values[i * self.dim..(i + 1) * self.dim]
    }

    /// Builds a graph of every stored vector on `threads` threads, and searches through it from now on.
    /// About 4,200 vectors a second on this machine's 2 cores.
    pub fn build_graph(&mut self, threads: usize) -> Result<(), GraphError> {
        let graph = Graph::new(self.dim)?;
        let threads = threads.clamp(1, 16);
        graph
            .inner
            .reserve_capacity_and_threads(self.len().max(1024), threads)
            .map_err(graph_error)?;
        let failed = std::sync::Mutex::new(None);
        let this: &Self = self;
        std::thread::scope(|scope| {
            for t in 0..threads {
                let (graph, failed) = (&graph, &failed);
                scope.spawn(move || {
                    for i in (t..this.keys.len()).step_by(threads) {
                        if let Err(e) = graph.inner.add(this.keys[i] as u64, this.stored(i)) {
                            if let Ok(mut f) = failed.lock() {
                                *f = Some(graph_error(e));
                            }
                            return;
                        }
                    }
                });
            }
        });
        if let Some(e) = failed.into_inner().ok().flatten() {
            return Err(e);
        }
        self.graph = Some(Arc::new(graph));
        Ok(())
    }

    /// Searches through `graph` (one [`Graph::load`] read) from now on, after adding the vectors it lacks.
    /// A graph that holds other vectors under some of these keys (a database restored or replaced since it
    /// was saved) is refused, as far as [`GRAPH_CHECKS`] evenly spread keys tell. Returns how many were added.
    pub fn attach_graph(&mut self, graph: Graph, name: &str) -> Result<usize, GraphError> {
        let mut copy = vec![0i8; self.dim];
        let step = (self.len() / GRAPH_CHECKS).max(1);
        for i in (0..self.len()).step_by(step) {
            let found = graph
                .inner
                .get(self.keys[i] as u64, &mut copy)
                .map_err(graph_error)?;
            if found > 0 && copy != self.stored(i) {
                return Err(GraphError::Stale(name.to_string()));
            }
        }
        let mut added = 0;
        for i in 0..self.len() {
            if !graph.inner.contains(self.keys[i] as u64) {
                graph.add(self.keys[i], self.stored(i))?;
                added += 1;
            }
        }
        self.graph = Some(Arc::new(graph));
        Ok(added)
    }

    /// The vector stored for `key` (in its stored scale), if any.
    pub fn vector(&self, key: i64) -> Option<Vec<f32>> {
        let i = *self.position.get(&key)?;
        let v = self.values.get(i * self.dim..(i + 1) * self.dim)?;
        Some(v.iter().map(|&x| f32::from(x)).collect())
    }

    /// The `k` stored vectors most similar to `query` (any scale), best first, among those `keep` accepts:
    /// through the graph when there is one (approximate), else by [`DenseIndex::nearest_exact`].
    pub fn nearest(&self, query: &[f32], k: usize, keep: impl Fn(i64) -> bool) -> Vec<Hit> {
        let Some(graph) = &self.graph else {
            return self.nearest_exact(query, k, keep);
        };
        let Some((q, q_norm)) = self.query(query, k) else {
            return Vec::new();
        };
        let q8: Vec<i8> = q.iter().map(|&x| x as i8).collect();
        let accept = |key: u64| {
            let key = key as i64;
            self.position.contains_key(&key) && keep(key)
        };
        let matches = match graph.inner.filtered_search(&q8, k, accept) {
            Ok(m) => m,
            Err(e) => {
                tracing::warn!(error = %e, "graph search failed: searching exactly");
                return self.nearest_exact(query, k, keep);
            }
        };
        let mut hits: Vec<Hit> = matches
            .keys
            .iter()
            .filter_map(|&key| {
                let key = key as i64;
                let i = *self.position.get(&key)?;
                let cosine = dot_i8(self.stored(i), &q) as f32 * self.inv_norms[i] / q_norm;
                Some(Hit { key, cosine })
            })
            .collect();
        hits.sort();
        hits
    }

    /// The query as small integers and its length, or `None` when nothing can be searched.
    fn query(&self, query: &[f32], k: usize) -> Option<(Vec<i16>, f32)> {
        if query.len() != self.dim || k == 0 || self.is_empty() {
            return None;
        }
        let q = dequantize(&quantize(query));
        let q_norm: f32 = q.iter().map(|x| x * x).sum::<f32>().sqrt();
        if q_norm == 0.0 {
            return None;
        }
        Some((q.iter().map(|&x| x as i16).collect(), q_norm))
    }

    /// [`DenseIndex::nearest`] by reading every stored vector.
    pub fn nearest_exact(&self, query: &[f32], k: usize, keep: impl Fn(i64) -> bool) -> Vec<Hit> {
        let Some((q, q_norm)) = self.query(query, k) else {
            return Vec::new();
        };
        // Both sides as small integers: their products fit in i16 lanes, which the compiler vectorises.
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

    /// `n` vectors of 64 values around 40 directions (as sentence embeddings cluster by subject), from a
    /// fixed seed.
    fn clustered(n: usize, seed: u64) -> Vec<Vec<f32>> {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 40) as f32 / (1u64 << 24) as f32 - 0.5
        };
        let centres: Vec<Vec<f32>> = (0..40).map(|_| (0..64).map(|_| next()).collect()).collect();
        (0..n)
            .map(|i| {
                let c = &centres[i % centres.len()];
                unit(&c.iter().map(|x| x + 0.6 * next()).collect::<Vec<_>>())
            })
            .collect()
    }

    #[test]
    fn the_graph_finds_what_the_exact_scan_finds_and_survives_a_save(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let vectors = clustered(3_000, 0x9e37_79b9_7f4a_7c15);
        let mut index = DenseIndex::new(64);
        for (i, v) in vectors.iter().enumerate() {
            index.push(i as i64 + 1, &quantize(v));
        }
        index.build_graph(2)?;
        assert!(index.has_graph());
        let queries = clustered(30, 7);
        let (mut found, mut wanted) = (0, 0);
        for q in &queries {
            let exact: Vec<i64> = index
                .nearest_exact(q, 10, |_| true)
                .iter()
                .map(|h| h.key)
                .collect();
            let approx = index.nearest(q, 10, |_| true);
            assert!(
                approx.windows(2).all(|w| w[0].cosine >= w[1].cosine),
                "best first"
            );
            found += approx.iter().filter(|h| exact.contains(&h.key)).count();
            wanted += exact.len();
        }
        let recall = found as f64 / wanted as f64;
        assert!(recall > 0.9, "recall@10 {recall}");
        // The filter holds, and a vector pushed after the build is found.
        assert!(index
            .nearest(&queries[0], 10, |k| k % 2 == 0)
            .iter()
            .all(|h| h.key % 2 == 0));
        let new = unit(&queries[1].iter().map(|x| x + 0.01).collect::<Vec<_>>());
        assert!(index.push(10_000, &quantize(&new)));
        assert_eq!(index.nearest(&queries[1], 1, |_| true)[0].key, 10_000);

        // Saved and read into an index of the same vectors plus one: only that one is added.
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("g.usearch");
        index.graph().ok_or("no graph")?.save(&path)?;
        let mut again = DenseIndex::new(64);
        for (i, v) in vectors.iter().enumerate() {
            again.push(i as i64 + 1, &quantize(v));
        }
        again.push(10_000, &quantize(&new));
        again.push(10_001, &quantize(&queries[2]));
        assert_eq!(again.attach_graph(Graph::load(&path, 64)?, "g")?, 1);
        assert_eq!(again.nearest(&queries[2], 1, |_| true)[0].key, 10_001);
        // Refused when the keys hold other vectors (another database under the same name).
        let mut other = DenseIndex::new(64);
        for (i, v) in vectors.iter().rev().enumerate() {
            other.push(i as i64 + 1, &quantize(v));
        }
        assert!(matches!(
            other.attach_graph(Graph::load(&path, 64)?, "g"),
            Err(GraphError::Stale(_))
        ));
        assert!(!other.has_graph());
        Ok(())
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
