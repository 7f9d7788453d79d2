//! The `extract` example's contract, run as a program: one JSON line per document with offsets
//! into the exact bytes given; invalid UTF-8 is an error record naming the file and byte offset
//! (or, with `--lossy`, a warning); a malformed JSONL line is an error record with its line number
//! and the rest continues; empty input gives no entities; exit codes are 0 (all good), 1 (some
//! document failed) and 2 (bad usage or gazetteer); a reader that closes the pipe early stops
//! the program cleanly, without a panic.

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// Builds the example with the profile of this test and returns its path.
fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        // This test is target/<profile>/deps/cli-<hash>; the example is target/<profile>/examples.
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().unwrap().parent().unwrap();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut build = Command::new(cargo);
        build
            .args([
                "build",
                "--quiet",
                "--example",
                "extract",
                "--manifest-path",
            ])
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
            .arg("--target-dir")
            .arg(profile_dir.parent().unwrap());
        if !cfg!(debug_assertions) {
            build.arg("--release");
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "cargo build --example extract failed");
        let bin = profile_dir
            .join("examples")
            .join(format!("extract{}", std::env::consts::EXE_SUFFIX));
        assert!(bin.exists(), "{} was not built", bin.display());
        bin
    })
}

/// Starts the example with `args` and every standard stream piped.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Runs the example with `args` and `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The program may stop reading early (bad usage): a broken pipe here is fine.
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "the program panicked: {stderr}"
    );
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("the output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Checks every entity of a document against the text it came from.
fn check_entities(text: &str, doc: &Value) -> usize {
    let entities = doc["entities"].as_array().expect("an entities array");
    for e in entities {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(s..t), e["text"].as_str(), "{e}");
        let (cs, ct) = (
            e["char_start"].as_u64().unwrap() as usize,
            e["char_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text[..s].chars().count(), cs);
        assert_eq!(text[..t].chars().count(), ct);
    }
    entities.len()
}

/// A directory of test files, removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("rasd-cli-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }
    fn file(&self, name: &str, contents: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, contents).unwrap();
        p.display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const ARTICLE: &str = include_str!("data/baladi-raqqa-2017.txt");

#[test]
fn files_and_stdin_give_one_line_per_document() {
    let dir = Dir::new("files");
    let article = dir.file("article.txt", ARTICLE.as_bytes());
    let out = run(&[&article, "-"], "قسد في الرقة".as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = lines(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["path"], article.as_str());
    assert!(check_entities(ARTICLE, &docs[0]) > 20);
    assert_eq!(docs[1]["path"], "-");
    assert_eq!(check_entities("قسد في الرقة", &docs[1]), 2);
}

#[test]
fn empty_input_gives_no_entities() {
    let out = run(&[], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\"path\":\"-\",\"entities\":[]}\n"
    );
    for input in ["", "\n\n  \r\n"] {
        let out = run(&["--jsonl"], input.as_bytes());
        assert_eq!(out.status.code(), Some(0));
        assert!(
            out.stdout.is_empty(),
            "{:?}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let out = run(&["--jsonl"], b"{\"id\": 1, \"text\": \"\"}\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\"id\":1,\"entities\":[]}\n"
    );
}

/// A document with a truncated two-byte sequence and a lone 0xFF, and the offset of the first
/// bad byte.
fn invalid_utf8() -> (Vec<u8>, usize) {
    let mut bad = "قسد في ".as_bytes().to_vec();
    let offset = bad.len();
    bad.extend([0xD8, 0x20, 0xFF]);
    bad.extend(" الرقة".as_bytes());
    (bad, offset)
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset() {
    let dir = Dir::new("utf8");
    let (bad, offset) = invalid_utf8();
    let good = dir.file("good.txt", "قسد".as_bytes());
    let bad_path = dir.file("bad.txt", &bad);
    let out = run(&[&good, &bad_path, &good], b"");
    assert_eq!(out.status.code(), Some(1));
    let docs = lines(&out);
    assert_eq!(docs.len(), 3, "the other files are still processed");
    assert_eq!(check_entities("قسد", &docs[0]), 1);
    assert_eq!(docs[1]["path"], bad_path.as_str());
    let error = docs[1]["error"].as_str().unwrap();
    assert!(error.contains(&format!("byte offset {offset}")), "{error}");
    assert!(docs[1].get("entities").is_none());
    assert_eq!(check_entities("قسد", &docs[2]), 1);
    let err = stderr(&out);
    assert!(
        err.contains(&bad_path) && err.contains(&format!("byte offset {offset}")),
        "{err}"
    );
}

#[test]
fn lossy_mode_replaces_bad_bytes_with_a_warning() {
    let dir = Dir::new("lossy");
    let (bad, offset) = invalid_utf8();
    let bad_path = dir.file("bad.txt", &bad);
    let out = run(&["--lossy", &bad_path], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = lines(&out);
    let repaired = String::from_utf8_lossy(&bad);
    assert_eq!(check_entities(&repaired, &docs[0]), 2);
    let err = stderr(&out);
    assert!(
        err.contains(&bad_path) && err.contains(&format!("byte offset {offset}")),
        "{err}"
    );
    assert!(err.contains("warning"), "{err}");
    // In JSONL, a line with bad bytes is repaired the same way, with its line number.
    let mut input = b"{\"id\": 1, \"text\": \"\xFF\xFE \xD9\x82\xD8\xB3\xD8\xAF\"}\n".to_vec();
    input.extend(b"{\"id\": 2, \"text\": \"ok\"}\n");
    let out = run(&["--jsonl", "--lossy"], &input);
    assert_eq!(out.status.code(), Some(0));
    let docs = lines(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["entities"][0]["text"], "قسد");
    assert!(stderr(&out).contains(":1:"), "{}", stderr(&out));
}

#[test]
fn a_malformed_jsonl_line_is_an_error_record_and_the_rest_continues() {
    let mut input = Vec::new();
    input.extend("{\"id\": \"a\", \"text\": \"قسد في الرقة\"}\n".as_bytes());
    input.extend(b"{\"id\": \"b\", \"text\": \n");
    input.extend(b"[1, 2]\n");
    input.extend(b"{\"id\": \"d\"}\n");
    input.extend(b"{\"id\": \"e\", \"text\": 5}\n");
    input.extend(b"{\"id\": \"f\", \"text\": \"\xFF\"}\n");
    input.extend(b"\n");
    input.extend("{\"id\": 8, \"text\": \"تنظيم \\\"الدولة\\\"\"}\r\n".as_bytes());
    input.extend("{\"text\": \"داعش\"}".as_bytes());
    let out = run(&["--jsonl"], &input);
    assert_eq!(out.status.code(), Some(1));
    let docs = lines(&out);
    assert_eq!(docs.len(), 8);
    assert_eq!(docs[0]["id"], "a");
    assert_eq!(check_entities("قسد في الرقة", &docs[0]), 2);
    for (doc, line) in docs[1..6].iter().zip(2..) {
        assert_eq!(doc["line"], line, "{doc}");
        assert!(
            doc["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{doc}"
        );
        assert!(doc.get("entities").is_none());
    }
    assert!(docs[5]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(docs[6]["id"], 8);
    assert_eq!(check_entities("تنظيم \"الدولة\"", &docs[6]), 1);
    assert!(docs[7].get("id").is_none());
    assert_eq!(check_entities("داعش", &docs[7]), 1);
    let err = stderr(&out);
    for n in 2..=6 {
        assert!(err.contains(&format!("-:{n}: ")), "{err}");
    }
}

#[test]
fn a_byte_order_mark_before_the_first_jsonl_record() {
    let out = run(
        &["--jsonl"],
        "\u{feff}{\"id\": 1, \"text\": \"قسد\"}\n".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(check_entities("قسد", &lines(&out)[0]), 1);
}

#[test]
fn missing_files_are_error_records() {
    let out = run(&["/nonexistent/rasd.txt", "-"], "قسد".as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let docs = lines(&out);
    assert_eq!(docs[0]["path"], "/nonexistent/rasd.txt");
    assert!(docs[0]["error"].is_string());
    assert_eq!(check_entities("قسد", &docs[1]), 1);
    let out = run(&["--jsonl", "/nonexistent/rasd.jsonl"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out)[0]["path"], "/nonexistent/rasd.jsonl");
}

#[test]
fn bad_usage_and_bad_gazetteers_exit_with_2() {
    for args in [
        &["--frobnicate"][..],
        &["--jsonl", "a", "b"],
        &["--gazetteer"],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert!(stderr(&out).contains("usage"));
    }
    let dir = Dir::new("gazetteer");
    let g = dir.file("g.tsv", "id\tkind\tname\nx\tplaec\tس\n".as_bytes());
    let out = run(&["--gazetteer", &g], "قسد".as_bytes());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains(&format!("{g}:2:3")),
        "{}",
        stderr(&out)
    );
}

/// Spawns the example with a large input and closes its standard output after one line.
fn close_early(args: &[&str], input: Vec<u8>) {
    let mut child = spawn(args);
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.ends_with('\n'), "a whole first line");
    serde_json::from_str::<Value>(&first)
        .map(drop)
        .or_else(|_| first.contains('\t').then_some(()).ok_or(()))
        .expect("the first line is complete");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

#[test]
fn a_reader_closing_the_pipe_early_is_no_error() {
    let record = serde_json::json!({ "id": 0, "text": ARTICLE }).to_string();
    let input = format!("{record}\n").repeat(3000).into_bytes();
    close_early(&["--jsonl"], input);
    close_early(&["--aliases"], Vec::new());
}
