//! Measures rasd against gold annotations and reports what it gets wrong.
//!
//! ```text
//! cargo run --release --example evaluate -- conll FILE [--report N] [--min-f1 X] [--min-type-f1 X] [--json]
//! cargo run --release --example evaluate -- spans TEXT GOLD.json [--max-spurious N] [--report N] [--json]
//! ```
//!
//! `conll` reads `TOKEN TAG` lines (BIO tags, a blank line between sentences; ANERcorp), gives
//! each sentence to the extractor as its tokens joined by single spaces, and scores entity-level
//! exact match per type (PERS, LOC, ORG; see `support/conll.rs`) and micro-averaged. `spans`
//! scores one text against a span-gold file in the format of `baladi-raqqa-2017.expected.json`
//! (see `support/span_gold.rs`). Both print a table and the error counts per type and class;
//! `--report N` adds the N most frequent missed and spurious strings per type with a context
//! (off by default: on a corpus that is only for measuring, the strings are shown only when
//! asked for). `--json` prints all of it as one JSON object instead. Timing goes to standard
//! error.
//!
//! Exit code: 0 when the floors hold, 1 when one fails (`--min-f1`/`--min-type-f1` for micro and
//! per-type F1 in 0..1; in `spans` a missed required mention or more than `--max-spurious`
//! spurious entities), 2 for bad usage or an unreadable or malformed file.

#[path = "support/conll.rs"]
mod conll;
#[path = "support/report.rs"]
mod report;
#[path = "support/span_gold.rs"]
#[allow(dead_code)]
mod span_gold;

use conll::{Counts, Score, TYPES};
use rasd::{Entity, Extractor, Kind};
use report::{Report, Side};
use serde_json::{json, Value};
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str =
    "usage: evaluate conll FILE [--report N] [--min-f1 X] [--min-type-f1 X] [--json]
       evaluate spans TEXT GOLD.json [--max-spurious N] [--report N] [--json]";

/// Kinds in spans-mode table order.
const KINDS: [Kind; 5] = [
    Kind::Person,
    Kind::Place,
    Kind::ArmedGroup,
    Kind::Organization,
    Kind::Nationality,
];

/// Tokens either side of an error in its context snippet.
const CONTEXT: usize = 4;

/// Command-line options.
#[derive(Debug, Default)]
struct Options {
    mode: String,
    files: Vec<String>,
    report: usize,
    min_f1: Option<f64>,
    min_type_f1: Option<f64>,
    max_spurious: Option<usize>,
    json: bool,
}

/// Reads the command line; `Err("")` asks for the usage text alone.
fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        mode: args.next().unwrap_or_default(),
        ..Options::default()
    };
    /// Parses the value after option `name`.
    fn value<T: std::str::FromStr>(name: &str, v: Option<String>) -> Result<T, String> {
        let v = v.ok_or(format!("{name} needs a value"))?;
        v.parse().map_err(|_| format!("{name}: bad value `{v}`"))
    }
    while let Some(a) = args.next() {
        match a.as_str() {
            "--report" => o.report = value(&a, args.next())?,
            "--min-f1" => o.min_f1 = Some(value(&a, args.next())?),
            "--min-type-f1" => o.min_type_f1 = Some(value(&a, args.next())?),
            "--max-spurious" => o.max_spurious = Some(value(&a, args.next())?),
            "--json" => o.json = true,
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => o.files.push(a),
        }
    }
    let files = match o.mode.as_str() {
        "conll" => 1,
        "spans" => 2,
        "" | "-h" | "--help" => return Err(String::new()),
        m => return Err(format!("unknown mode `{m}`")),
    };
    if o.files.len() != files {
        return Err(format!("{} takes {files} file(s)", o.mode));
    }
    let conll_only = o.min_f1.is_some() || o.min_type_f1.is_some();
    if o.mode == "spans" && conll_only || o.mode == "conll" && o.max_spurious.is_some() {
        return Err(format!("option not valid in {} mode", o.mode));
    }
    Ok(o)
}

/// Parses options, builds the extractor, runs one mode; the exit code is in the module docs.
fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("evaluate: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let t = Instant::now();
    let x = match Extractor::builder().build() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("evaluate: the gazetteers do not load: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!("extractor built in {:.2} s", t.elapsed().as_secs_f64());
    let run = if o.mode == "conll" {
        conll_mode(&o, &x)
    } else {
        spans_mode(&o, &x)
    };
    match run {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::from(2)
        }
    }
}

/// Reads a whole file; the error names it.
fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))
}

/// Prints the extraction time and rate to standard error.
fn timing(what: &str, tokens: usize, took: Duration) {
    let s = took.as_secs_f64();
    let rate = tokens as f64 / s.max(1e-9);
    eprintln!("{what}: {tokens} tokens extracted in {s:.3} s ({rate:.0} tokens/s)");
}

/// Runs the CoNLL evaluation; `Ok(false)` when a floor fails.
fn conll_mode(o: &Options, x: &Extractor) -> Result<bool, String> {
    let file = &o.files[0];
    let sentences = conll::parse(file, &read(file)?).map_err(|e| e.to_string())?;
    let (mut score, mut report) = (Score::default(), Report::default());
    let (mut took, mut tokens) = (Duration::ZERO, 0);
    for s in &sentences {
        let (text, ranges) = conll::join(&s.tokens);
        let t = Instant::now();
        let entities = x.extract(&text);
        took += t.elapsed();
        tokens += s.tokens.len();
        let raw = conll::raw_chunks(&s.tags);
        let gold = conll::gold_chunks(&s.tags);
        let predicted = conll::predicted_chunks(&ranges, &entities);
        let errors = conll::score_sentence(&gold, &predicted, &mut score);
        let ctx = |c: &conll::Chunk| conll::context(&s.tokens, c.start, c.end, CONTEXT);
        for c in &errors.missed {
            let bytes = ranges[c.start].start..ranges[c.end - 1].end;
            report.add(
                Side::Missed,
                c.ty.as_str(),
                conll::chunk_text(&s.tokens, c.start, c.end),
                conll::miss_class(c, &predicted),
                || ctx(c),
                || got(&entities, bytes),
            );
        }
        for p in &errors.spurious {
            let e = &entities[p.entity];
            report.add(
                Side::Spurious,
                p.chunk.ty.as_str(),
                e.as_str().to_string(),
                conll::spurious_class(&p.chunk, &raw),
                || ctx(&p.chunk),
                || describe(e),
            );
        }
    }
    timing(file, tokens, took);
    let rows: Vec<Row> = TYPES
        .iter()
        .map(|t| Row::conll(t.as_str(), score.of(*t)))
        .collect();
    let micro = Row::conll("micro", score.micro());
    let labels: Vec<&str> = TYPES.iter().map(|t| t.as_str()).collect();
    let summary = json!({"sentences": sentences.len(), "tokens": tokens});
    output(o, summary, &rows, &micro, &report, &labels)?;
    let mut ok = true;
    if let Some(floor) = o.min_f1 {
        ok &= floor_holds("micro", score.micro().f1(), floor);
    }
    if let Some(floor) = o.min_type_f1 {
        for t in TYPES {
            ok &= floor_holds(t.as_str(), score.of(t).f1(), floor);
        }
    }
    Ok(ok)
}

/// True when `f1` reaches `floor`; says why on standard error when not.
fn floor_holds(what: &str, f1: f64, floor: f64) -> bool {
    let ok = f1 >= floor;
    if !ok {
        eprintln!("FAIL: {what} F1 {f1:.4} is below the floor {floor:.4}");
    }
    ok
}

/// Runs the span-gold evaluation; `Ok(false)` when a required mention is missed or there are
/// too many spurious entities.
fn spans_mode(o: &Options, x: &Extractor) -> Result<bool, String> {
    let (text_file, gold_file) = (&o.files[0], &o.files[1]);
    let text = read(text_file)?;
    let gold: span_gold::GoldFile = serde_json::from_str(&read(gold_file)?)
        .map_err(|e| format!("{gold_file}:{}:{}: {e}", e.line(), e.column()))?;
    let m = &gold.mentions;
    if let Some((i, b)) = m.iter().enumerate().find_map(|(i, m)| {
        [m.start, m.end, m.max_start, m.max_end]
            .into_iter()
            .find(|&b| !text.is_char_boundary(b))
            .map(|b| (i, b))
    }) {
        return Err(format!(
            "{gold_file}: mention {i}: offset {b} is not in {text_file}"
        ));
    }
    let t = Instant::now();
    let entities = x.extract(&text);
    timing(text_file, text.split_whitespace().count(), t.elapsed());
    let s = span_gold::score(&entities, m);
    let gold_kind = |i: usize| span_gold::kind_of(&m[i].kind);
    let mut report = Report::default();
    let mut rows = Vec::new();
    for k in KINDS {
        let required = m
            .iter()
            .filter(|m| m.required && span_gold::kind_of(&m.kind) == Some(k))
            .count();
        let missed = s
            .missed
            .iter()
            .filter(|&&i| gold_kind(i) == Some(k))
            .count();
        let predicted = entities.iter().filter(|e| e.kind() == k).count();
        let spurious = s
            .spurious
            .iter()
            .filter(|&&i| entities[i].kind() == k)
            .count();
        rows.push(Row {
            label: k.as_str().to_string(),
            gold: required,
            found: required - missed,
            predicted,
            correct: predicted - spurious,
        });
    }
    let micro = Row {
        label: "micro".into(),
        gold: s.required,
        found: s.found,
        predicted: s.entities,
        correct: s.correct,
    };
    for &i in &s.missed {
        let g = &m[i];
        let label = gold_kind(i).map_or(g.kind.as_str(), |k| k.as_str());
        let over = |e: &&Entity<'_>| e.span().start < g.max_end && g.max_start < e.span().end;
        let kinds: Vec<Kind> = entities.iter().filter(over).map(|e| e.kind()).collect();
        let class = if kinds.iter().any(|&k| Some(k) == gold_kind(i)) {
            "boundary"
        } else if kinds.is_empty() {
            "none"
        } else {
            "type"
        };
        let ctx = || words_around(&text, g.start, g.end);
        let detail = || got(&entities, g.max_start..g.max_end);
        report.add(Side::Missed, label, g.text.clone(), class, ctx, detail);
    }
    for &i in &s.spurious {
        let e = &entities[i];
        let sp = e.span();
        let over: Vec<_> = m
            .iter()
            .filter(|g| sp.start < g.max_end && g.max_start < sp.end)
            .collect();
        let class = if over
            .iter()
            .any(|g| span_gold::kind_of(&g.kind) == Some(e.kind()))
        {
            "boundary"
        } else if over.is_empty() {
            "none"
        } else {
            "type"
        };
        let ctx = || words_around(&text, sp.start, sp.end);
        let label = e.kind().as_str();
        report.add(Side::Spurious, label, e.as_str().into(), class, ctx, || {
            describe(e)
        });
    }
    let labels: Vec<&str> = KINDS.iter().map(|k| k.as_str()).collect();
    output(
        o,
        json!({"entities": entities.len()}),
        &rows,
        &micro,
        &report,
        &labels,
    )?;
    let mut ok = true;
    if !s.missed.is_empty() {
        eprintln!("FAIL: {} required mention(s) missed", s.missed.len());
        ok = false;
    }
    if let Some(max) = o.max_spurious.filter(|&max| s.spurious.len() > max) {
        eprintln!(
            "FAIL: {} spurious entities, at most {max} allowed",
            s.spurious.len()
        );
        ok = false;
    }
    Ok(ok)
}

/// One table row. `found` counts gold mentions found (recall), `correct` predictions that are
/// right (precision); in CoNLL mode, with exact match, they are the same number.
struct Row {
    label: String,
    gold: usize,
    found: usize,
    predicted: usize,
    correct: usize,
}

impl Row {
    /// A CoNLL row: exact match, so found and correct are one count.
    fn conll(label: &str, c: Counts) -> Row {
        Row {
            label: label.to_string(),
            gold: c.gold,
            found: c.correct,
            predicted: c.predicted,
            correct: c.correct,
        }
    }

    /// Precision, recall and F1 in 0..1 (0 when undefined).
    fn prf(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (p, r) = (
            ratio(self.correct, self.predicted),
            ratio(self.found, self.gold),
        );
        (
            p,
            r,
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            },
        )
    }

    /// The row as JSON, with P, R and F1.
    fn json(&self) -> Value {
        let (p, r, f1) = self.prf();
        json!({"gold": self.gold, "found": self.found, "predicted": self.predicted,
               "correct": self.correct, "precision": p, "recall": r, "f1": f1})
    }
}

/// Prints the table and the error report, or all of it as JSON.
fn output(
    o: &Options,
    mut summary: Value,
    rows: &[Row],
    micro: &Row,
    report: &Report,
    labels: &[&str],
) -> Result<(), String> {
    let mut out = io::stdout().lock();
    let r = if o.json {
        let types: serde_json::Map<String, Value> =
            rows.iter().map(|r| (r.label.clone(), r.json())).collect();
        summary["mode"] = json!(o.mode);
        summary["files"] = json!(o.files);
        summary["types"] = Value::Object(types);
        summary["micro"] = micro.json();
        summary["errors"] = report.to_json(labels, o.report);
        writeln!(out, "{summary}")
    } else {
        table(&mut out, rows, micro)
            .and_then(|_| report.print(&mut out, labels, o.report))
            .and_then(|_| out.flush())
    };
    r.map_err(|e| format!("writing the output: {e}"))
}

/// Prints the per-type table and the micro row (P, R, F1 in percent).
fn table(out: &mut impl Write, rows: &[Row], micro: &Row) -> io::Result<()> {
    writeln!(
        out,
        "{:<13}{:>7}{:>7}{:>7}{:>8}{:>8}{:>8}{:>8}",
        "type", "gold", "found", "pred", "correct", "P%", "R%", "F1%"
    )?;
    for r in rows.iter().chain([micro]) {
        let (p, rc, f1) = r.prf();
        writeln!(
            out,
            "{:<13}{:>7}{:>7}{:>7}{:>8}{:>8.2}{:>8.2}{:>8.2}",
            r.label,
            r.gold,
            r.found,
            r.predicted,
            r.correct,
            100.0 * p,
            100.0 * rc,
            100.0 * f1
        )?;
    }
    Ok(())
}

/// What rasd said about one entity: kind, rule and entry id, and `region` for a region phrase
/// (`place gazetteer sy-raqqa region`).
fn describe(e: &Entity<'_>) -> String {
    let id = e.entry().map_or("-", |x| x.id());
    let region = if e.region().is_some() { " region" } else { "" };
    format!("{} {} {id}{region}", e.kind(), e.source())
}

/// The entities overlapping a byte range, described, or `got nothing`.
fn got(entities: &[Entity<'_>], bytes: std::ops::Range<usize>) -> String {
    let v: Vec<String> = entities
        .iter()
        .filter(|e| e.span().start < bytes.end && bytes.start < e.span().end)
        .map(|e| format!("got {}: {}", e.as_str(), describe(e)))
        .collect();
    if v.is_empty() {
        "got nothing".into()
    } else {
        v.join("; ")
    }
}

/// `text[start..end]` in brackets with a few words either side, on one line.
fn words_around(text: &str, start: usize, end: usize) -> String {
    let before: Vec<&str> = text[..start]
        .split_whitespace()
        .rev()
        .take(CONTEXT)
        .collect();
    let after: Vec<&str> = text[end..].split_whitespace().take(CONTEXT).collect();
    let inner: Vec<&str> = text[start..end].split_whitespace().collect();
    let before: Vec<&str> = before.into_iter().rev().collect();
    format!(
        "{} [{}] {}",
        before.join(" "),
        inner.join(" "),
        after.join(" ")
    )
}
