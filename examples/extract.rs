//! Extract entities from Arabic text files or JSONL, one JSON object per document per line.
//!
//! ```text
//! cargo run --release --example extract -- FILE...            # each file is one document
//! cargo run --release --example extract -- < FILE              # standard input is one document
//! cargo run --release --example extract -- --jsonl [FILE]      # one {"text", "id"?} object a line
//! cargo run --release --example extract -- --aliases           # alias<TAB>kind<TAB>id
//! options: --gazetteer FILE (more entries, repeatable), --lossy (replace invalid UTF-8),
//!          --actors (add each document's "actors", "places" and "interactions"),
//!          --threads N (JSONL records extracted in parallel; default: every core)
//! ```
//!
//! JSONL is read in batches of records; the records of a batch are extracted on all cores and
//! written in input order (messages on standard error too), so memory stays flat however long
//! the input is.
//!
//! Errors never stop the run: an unreadable file or invalid UTF-8 gives `{"path", "error"}` naming
//! the byte offset, a bad JSONL line gives `{"line", "error"}`, and the other documents are still
//! processed. With `--lossy`, invalid bytes become U+FFFD instead, with a warning on standard error
//! (offsets then index the repaired text). An empty document has `"entities": []`; empty JSONL
//! input prints nothing; a byte-order mark before the first JSONL record is skipped. The exit code
//! is 1 when any document failed, 2 for bad usage or gazetteers, else 0; a reader that closes the
//! pipe early ends the run quietly (exit code 0, no panic).

use rasd::{Actor, Analysis, Entity, Extractor, Interaction, PlaceMention};
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: extract [--gazetteer FILE]... [--lossy] [--actors] [--threads N] \
     (FILE... | --jsonl [FILE] | --aliases)";

/// A JSONL batch ends after this many records or this many bytes of input, whichever comes first.
const BATCH_RECORDS: usize = 256;
const BATCH_BYTES: usize = 8 << 20;

#[derive(Serialize)]
struct FileDoc<'a> {
    path: &'a str,
    entities: &'a [Entity<'a>],
    #[serde(flatten)]
    extra: Option<Extra<'a>>,
}

#[derive(Serialize)]
struct LineDoc<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    entities: &'a [Entity<'a>],
    #[serde(flatten)]
    extra: Option<Extra<'a>>,
}

/// The `--actors` fields of a document.
#[derive(Serialize)]
struct Extra<'a> {
    actors: &'a [Actor<'a>],
    places: &'a [PlaceMention<'a>],
    interactions: &'a [Interaction<'a>],
}

/// The entities of `text`, and with `actors` its actors, places and interactions.
fn analyze<'a>(x: &'a Extractor, text: &'a str, actors: bool) -> Analysis<'a> {
    if actors {
        return x.analyze(text);
    }
    Analysis {
        entities: x.extract(text),
        actors: Vec::new(),
        places: Vec::new(),
        interactions: Vec::new(),
    }
}

fn extra<'a>(a: &'a Analysis<'a>, actors: bool) -> Option<Extra<'a>> {
    actors.then_some(Extra {
        actors: &a.actors,
        places: &a.places,
        interactions: &a.interactions,
    })
}

#[derive(Serialize)]
struct Failure<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    error: String,
}

struct Options {
    gazetteers: Vec<String>,
    lossy: bool,
    actors: bool,
    jsonl: Option<Option<String>>,
    aliases: bool,
    /// Worker threads for `--jsonl`; 0 is one a core.
    threads: usize,
    files: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        gazetteers: Vec::new(),
        lossy: false,
        actors: false,
        jsonl: None,
        aliases: false,
        threads: 0,
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1).peekable();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gazetteer" => o
                .gazetteers
                .push(args.next().ok_or("--gazetteer needs a FILE")?),
            "--lossy" => o.lossy = true,
            "--actors" => o.actors = true,
            "--aliases" => o.aliases = true,
            "--jsonl" => o.jsonl = Some(args.next_if(|n| !n.starts_with("--"))),
            "--threads" => {
                o.threads = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--threads needs a number above 0")?
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => o.files.push(a),
        }
    }
    if o.jsonl.is_some() && !o.files.is_empty() {
        return Err("--jsonl takes at most one FILE".into());
    }
    Ok(o)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("extract: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Extractor::builder();
    for g in &opts.gazetteers {
        builder.add_gazetteer_file(g);
    }
    let extractor = match builder.build() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("extract: {e}");
            return ExitCode::from(2);
        }
    };
    let out = io::stdout().lock();
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let result = if opts.aliases {
        print_aliases(&extractor, &mut out).map(|()| true)
    } else if let Some(path) = &opts.jsonl {
        run_jsonl(
            &extractor,
            path.as_deref(),
            (opts.lossy, opts.actors, opts.threads),
            &mut out,
        )
    } else {
        run_files(&extractor, &opts.files, opts.lossy, opts.actors, &mut out)
    };
    match result.and_then(|ok| out.flush().map(|()| ok)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // A reader that closed the pipe early wants no more output: not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("extract: {e}");
            ExitCode::from(1)
        }
    }
}

fn print_aliases(x: &Extractor, out: &mut impl Write) -> io::Result<()> {
    for (alias, entry, _) in x.aliases() {
        writeln!(out, "{alias}\t{}\t{}", entry.kind(), entry.id())?;
    }
    Ok(())
}

/// Decodes bytes as UTF-8, or says where they stop being UTF-8. With `lossy`, bad bytes become
/// U+FFFD and a warning for standard error (given to `warn`) names `place` and the offset: the
/// entities' offsets then index the repaired text, not the input bytes.
fn decode(
    bytes: Vec<u8>,
    lossy: bool,
    place: &str,
    warn: &mut dyn FnMut(String),
) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => {
            warn(format!(
                "extract: {place}: warning: invalid UTF-8 at byte offset {} replaced by U+FFFD; \
                 offsets are into the repaired text",
                e.utf8_error().valid_up_to()
            ));
            Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
        Err(e) => Err(format!(
            "invalid UTF-8 at byte offset {} (use --lossy to replace bad bytes)",
            e.utf8_error().valid_up_to()
        )),
    }
}

fn write_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

fn run_files(
    x: &Extractor,
    files: &[String],
    lossy: bool,
    actors: bool,
    out: &mut impl Write,
) -> io::Result<bool> {
    let stdin = ["-".to_string()];
    let files = if files.is_empty() { &stdin[..] } else { files };
    let mut ok = true;
    for path in files {
        let bytes = if path == "-" {
            let mut b = Vec::new();
            io::stdin().lock().read_to_end(&mut b).map(|_| b)
        } else {
            std::fs::read(path)
        };
        let text = bytes
            .map_err(|e| e.to_string())
            .and_then(|b| decode(b, lossy, path, &mut |w| eprintln!("{w}")));
        match text {
            Ok(text) => {
                let a = analyze(x, &text, actors);
                write_line(
                    out,
                    &FileDoc {
                        path,
                        entities: &a.entities,
                        extra: extra(&a, actors),
                    },
                )?;
            }
            Err(error) => {
                ok = false;
                eprintln!("extract: {path}: {error}");
                write_line(
                    out,
                    &Failure {
                        path: Some(path),
                        line: None,
                        error,
                    },
                )?;
            }
        }
    }
    Ok(ok)
}

/// One JSONL line to extract.
struct Record {
    number: usize,
    line: Vec<u8>,
}

/// What a record gives: its output line, its messages for standard error, and whether it failed.
struct Done {
    out: Vec<u8>,
    messages: Vec<String>,
    failed: bool,
}

fn run_jsonl(
    x: &Extractor,
    path: Option<&str>,
    (lossy, actors, threads): (bool, bool, usize),
    out: &mut impl Write,
) -> io::Result<bool> {
    let input: Box<dyn BufRead> = match path {
        Some(p) if p != "-" => match std::fs::File::open(p) {
            Ok(f) => Box::new(io::BufReader::with_capacity(1 << 16, f)),
            Err(e) => {
                eprintln!("extract: {p}: {e}");
                write_line(
                    out,
                    &Failure {
                        path: Some(p),
                        line: None,
                        error: e.to_string(),
                    },
                )?;
                return Ok(false);
            }
        },
        _ => Box::new(io::stdin().lock()),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(io::Error::other)?;
    let name = path.unwrap_or("-");
    let mut ok = true;
    let mut input = input;
    let mut batch: Vec<Record> = Vec::with_capacity(BATCH_RECORDS);
    let mut batch_bytes = 0;
    let mut buf = Vec::new();
    for number in 1.. {
        buf.clear();
        let eof = input.read_until(b'\n', &mut buf)? == 0;
        if !eof {
            while buf.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                buf.pop();
            }
            if number == 1 && buf.starts_with("\u{feff}".as_bytes()) {
                buf.drain(..3);
            }
            if !buf.iter().all(u8::is_ascii_whitespace) {
                batch_bytes += buf.len();
                let line = std::mem::take(&mut buf);
                batch.push(Record { number, line });
            }
        }
        if eof || batch.len() == BATCH_RECORDS || batch_bytes >= BATCH_BYTES {
            // Extract the batch on every core, then write it in input order.
            let done: Vec<Done> = pool.install(|| {
                use rayon::prelude::*;
                std::mem::take(&mut batch)
                    .into_par_iter()
                    .map(|r| extract_record(x, name, lossy, actors, r))
                    .collect()
            });
            batch_bytes = 0;
            for d in done {
                for m in &d.messages {
                    eprintln!("{m}");
                }
                ok &= !d.failed;
                out.write_all(&d.out)?;
            }
        }
        if eof {
            break;
        }
    }
    Ok(ok)
}

/// Extracts one JSONL record into its output line.
fn extract_record(x: &Extractor, name: &str, lossy: bool, actors: bool, r: Record) -> Done {
    let mut done = Done {
        out: Vec::new(),
        messages: Vec::new(),
        failed: false,
    };
    let place = format!("{name}:{}", r.number);
    let mut warn = |w| done.messages.push(w);
    let written = match parse_record(r.line, lossy, &place, &mut warn) {
        Ok((id, text)) => {
            let a = analyze(x, &text, actors);
            write_line(
                &mut done.out,
                &LineDoc {
                    id: id.as_ref(),
                    entities: &a.entities,
                    extra: extra(&a, actors),
                },
            )
        }
        Err(error) => {
            done.failed = true;
            done.messages.push(format!("extract: {place}: {error}"));
            write_line(
                &mut done.out,
                &Failure {
                    path: None,
                    line: Some(r.number),
                    error,
                },
            )
        }
    };
    // Writing to memory cannot fail but for a serialization bug: say so rather than lose it.
    if let Err(e) = written {
        done.failed = true;
        done.messages.push(format!("extract: {place}: {e}"));
    }
    done
}

/// Reads `{"text": ..., "id": ...}` from one JSONL line; `place` is `file:line` for warnings.
fn parse_record(
    line: Vec<u8>,
    lossy: bool,
    place: &str,
    warn: &mut dyn FnMut(String),
) -> Result<(Option<serde_json::Value>, String), String> {
    let line = decode(line, lossy, place, warn)?;
    let mut v: serde_json::Value =
        serde_json::from_str(&line).map_err(|e| format!("bad JSON: {e}"))?;
    let obj = v.as_object_mut().ok_or("the line is not a JSON object")?;
    let id = obj.remove("id");
    match obj.remove("text") {
        Some(serde_json::Value::String(text)) => Ok((id, text)),
        Some(_) => Err("`text` is not a string".into()),
        None => Err("no `text` field".into()),
    }
}
