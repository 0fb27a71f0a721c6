//! Shared helpers for the crash and concurrency tests: a seeded random source and a generator of fictional
//! news articles (all names, places and figures are invented here).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A small seeded generator (xorshift64*), so every run of a test makes the same choices.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo).max(1)
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() % items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Ana", "Tomas", "Lerato", "Ines", "Kofi", "Mireille", "Dario", "Sunniva", "Oren", "Priya",
    "Caspar", "Noor", "Fenna", "Iker", "Yusra",
];
const LAST: &[&str] = &[
    "Costa",
    "Varga",
    "Okafor",
    "Lindqvist",
    "Barrante",
    "Moretti",
    "Haldane",
    "Quispe",
    "Nakamura",
    "Oduya",
    "Feld",
    "Rask",
    "Delacroix",
    "Amari",
    "Tiller",
];
const PLACES: &[&str] = &[
    "Velmar",
    "Orlen",
    "Harlow Bay",
    "Castrel",
    "Nordvik",
    "Santa Irena",
    "Pell Harbor",
    "Mirova",
    "Ashgrove",
    "Lunden Falls",
];
const ROLES: &[&str] = &[
    "the transport minister",
    "the city's mayor",
    "a union spokeswoman",
    "the health commissioner",
    "the port authority's director",
    "an opposition lawmaker",
    "the regional governor",
];
const TOPICS: &[&str] = &[
    "bridge repairs",
    "a new bus network",
    "hospital waiting lists",
    "the harbour expansion",
    "school meal prices",
    "flood defences",
    "a water tariff",
];
const OUTCOMES: &[&str] = &[
    "would be finished before the winter",
    "had already saved the city money",
    "was running behind schedule",
    "would cost less than first thought",
    "had been approved by a large majority",
];

/// One fictional article, unique for each `n`.
pub fn article(rng: &mut Rng, n: usize) -> String {
    let place = rng.pick(PLACES);
    let topic = rng.pick(TOPICS);
    let who = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let role = rng.pick(ROLES);
    let other = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let mut s = format!(
        "{place} council backs plan on {topic} (report {n})\n\n\
         {place} (Ledger Wire) - The council of {place} voted {a} to {b} on Tuesday to approve spending \
         ${m}.{d} million on {topic}, officials said.\n\n\
         \u{201c}This plan {outcome},\u{201d} {role}, {who}, told reporters after the vote.\n\n",
        a = rng.range(12, 40),
        b = rng.range(1, 11),
        m = rng.range(2, 90),
        d = rng.range(0, 10),
        outcome = rng.pick(OUTCOMES),
    );
    for _ in 0..rng.range(1, 5) {
        s.push_str(&format!(
            "{other} said the number of residents affected had risen by {p} percent since {y}. \
             The figures were published by the {place} statistics office on {day}.\n\n",
            p = rng.range(2, 60),
            y = rng.range(2009, 2024),
            day = rng.pick(&["Monday", "Wednesday", "Friday"]),
        ));
    }
    s.push_str(&format!(
        "According to {who}, about {k} households will benefit, and work on {topic} {outcome}.\n",
        k = rng.range(100, 9000),
        outcome = rng.pick(OUTCOMES),
    ));
    s
}

/// Writes `count` fictional articles as `NNNN.txt` files into `dir`; returns their paths.
pub fn write_articles(dir: &Path, count: usize, seed: u64) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|n| {
            let p = dir.join(format!("{n:04}.txt"));
            std::fs::write(&p, article(&mut rng, n))?;
            Ok(p)
        })
        .collect()
}
