//! `cargo bench --bench extract`: building the extractor, and extraction beside a bare
//! `aho-corasick` scan of the same aliases over the same text, so the ratio shows in one run.
//!
//! Inputs, in the `extract` group (throughput in bytes of UTF-8 text):
//!
//! * `article` — the reference article (`tests/data/baladi-raqqa-2017.txt`);
//! * `long_document` — one document of about 4 MB: the corpus texts joined by blank lines;
//! * `corpus` — every text of the corpus, one `extract` call each.
//!
//! The corpus is `../shared/corpus/news-bench.jsonl` (one `{"text": ...}` object a line) when it
//! exists, or the file named by `RASD_BENCH_CORPUS`; it is benchmark input only and is not in
//! the repository. Without it, the corpus is the reference article repeated 100 times, and the
//! benchmark names say so (`corpus_fallback`).
//!
//! `bare_aho_corasick` is `AhoCorasick` with `MatchKind::LeftmostLongest`, built from every
//! alias the extractor compiles (`Extractor::aliases`), counting `find_iter` matches over the
//! raw text: a lower bound on the work of any gazetteer matcher, with no folding, no word
//! boundaries and no rules.
//!
//! Last measured (November 25, 2026, commit 2344759, 2 shared vCPUs with AVX-512, three runs,
//! README "Performance"): `extract` 106–112 MB/s vs bare 61–66 on the corpus, 159–164 vs 114–116
//! on the article, 86–92 vs 63–70 on the long document; `Extractor::new` 57–60 ms. To run only
//! extraction, with the machine as quiet as possible: `cargo bench --bench extract -- extract`
//! (about 90 s).

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rasd::Extractor;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

const ARTICLE: &str = include_str!("../tests/data/baladi-raqqa-2017.txt");

/// The corpus texts and the name of their source.
fn corpus() -> (Vec<String>, &'static str) {
    let path = std::env::var_os("RASD_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/news-bench.jsonl")
        });
    match std::fs::read_to_string(&path) {
        Ok(data) => {
            let texts = data
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v.get("text")?.as_str().map(String::from))
                .collect();
            (texts, "corpus")
        }
        Err(_) => (vec![ARTICLE.to_string(); 100], "corpus_fallback"),
    }
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    // Extractor::new loads and compiles every embedded gazetteer; dropping it is not timed.
    g.bench_function("Extractor::new", |b| b.iter_with_large_drop(Extractor::new));
    g.finish();
}

fn extract(c: &mut Criterion) {
    let x = Extractor::new();
    let aliases: Vec<&str> = x.aliases().map(|a| a.0).collect();
    let bare = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&aliases)
        .expect("the aliases compile");
    eprintln!(
        "rasd: {} aliases, {} patterns, automaton heap {} bytes; aho-corasick ({:?}) heap {} bytes",
        aliases.len(),
        x.pattern_count(),
        x.memory_usage(),
        bare.kind(),
        bare.memory_usage()
    );
    let (texts, corpus_name) = corpus();
    let mut long = String::new();
    for t in &texts {
        if long.len() > 4 << 20 {
            break;
        }
        long.push_str(t);
        long.push_str("\n\n");
    }
    let inputs: [(&str, Vec<&str>); 3] = [
        ("article", vec![ARTICLE]),
        ("long_document", vec![&long]),
        (corpus_name, texts.iter().map(String::as_str).collect()),
    ];
    let mut g = c.benchmark_group("extract");
    for (name, docs) in &inputs {
        let bytes: usize = docs.iter().map(|d| d.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        if bytes > 1 << 20 {
            g.sample_size(10)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(8));
        } else {
            g.sample_size(30)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(3));
        }
        g.bench_with_input(BenchmarkId::new("extract", name), docs, |b, docs| {
            b.iter(|| {
                docs.iter()
                    .map(|d| x.extract(black_box(d)).len())
                    .sum::<usize>()
            })
        });
        g.bench_with_input(
            BenchmarkId::new("bare_aho_corasick", name),
            docs,
            |b, docs| {
                b.iter(|| {
                    docs.iter()
                        .map(|d| bare.find_iter(black_box(d)).count())
                        .sum::<usize>()
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, build, extract);
criterion_main!(benches);
