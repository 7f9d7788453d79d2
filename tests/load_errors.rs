//! Loading gazetteer and trigger files: every bad row is a `LoadError` of the right kind naming
//! the file, the line and the column (of the bad cell, or 0 for a whole line), from strings and
//! from files alike; a file that is not UTF-8 names the line and column of the first bad byte; and
//! a good user file loads every one of its rows, whatever its line ends, byte-order mark, comments
//! or blank lines.

use rasd::{Extractor, ExtractorBuilder, Kind, LoadError, LoadErrorKind};
use std::path::PathBuf;

/// A builder with the embedded triggers but no embedded entries, so tests stay small.
fn bare() -> ExtractorBuilder {
    let mut b = Extractor::builder();
    b.default_gazetteers(false);
    b
}

fn entries_error(contents: &str) -> LoadError {
    bare()
        .add_gazetteer_str("user.tsv", contents)
        .build()
        .expect_err("the file should not load")
}

fn triggers_error(contents: &str) -> LoadError {
    bare()
        .add_trigger_str("triggers.tsv", contents)
        .build()
        .expect_err("the file should not load")
}

/// Asserts the kind and the `file:line[:column]` of an error.
#[track_caller]
fn assert_error(e: &LoadError, kind: LoadErrorKind, at: &str) {
    assert_eq!(
        (e.kind(), e.location().to_string()),
        (kind, at.to_string()),
        "{e}"
    );
    assert!(e.to_string().starts_with(&format!("{at}: ")), "{e}");
    assert!(!e.message().is_empty());
}

/// A file in a fresh temporary directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        let dir = std::env::temp_dir().join(format!(
            "rasd-load-errors-{}-{}",
            std::process::id(),
            name.replace('.', "-")
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }
    fn name(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
    }
}

const HEADER: &str =
    "id\tkind\tname\taliases\tcontext_aliases\tcategory\tfeature\tparent\tlat\tlon\n";

#[test]
fn a_row_with_more_cells_than_the_header() {
    let e = entries_error("id\tkind\tname\nx\tplace\tس\textra\n");
    assert_error(&e, LoadErrorKind::ExtraField, "user.tsv:2:11");
}

#[test]
fn an_unknown_kind() {
    let e = entries_error(&format!("{HEADER}x\tplaec\tس\n"));
    assert_error(&e, LoadErrorKind::UnknownKind, "user.tsv:2:3");
    assert!(e.message().contains("plaec"));
}

#[test]
fn an_unknown_category_or_one_of_another_kind() {
    let e = entries_error(&format!("{HEADER}x\tarmed_group\tس\t\t\trebels\n"));
    assert_error(&e, LoadErrorKind::UnknownCategory, "user.tsv:2:19");
    let e = entries_error(&format!("{HEADER}x\tplace\tس\t\t\tmedia\n"));
    assert_error(&e, LoadErrorKind::UnknownCategory, "user.tsv:2:13");
    let e = entries_error(&format!("{HEADER}x\tperson\tس\t\t\t\tcity\n"));
    assert_error(&e, LoadErrorKind::UnknownFeature, "user.tsv:2:15");
}

#[test]
fn a_duplicate_id() {
    let e = entries_error(&format!("{HEADER}x\tplace\tس\ny\tplace\tص\nx\tplace\tع\n"));
    assert_error(&e, LoadErrorKind::DuplicateId, "user.tsv:4:1");
    assert!(e.message().contains("user.tsv:2"), "{e}");
    // Across files, and against an embedded entry.
    let e = bare()
        .add_gazetteer_str("a.tsv", "id\tkind\tname\nx\tplace\tس\n")
        .add_gazetteer_str("b.tsv", "# b\nkind\tid\tname\nplace\tx\tص\n")
        .build()
        .unwrap_err();
    assert_error(&e, LoadErrorKind::DuplicateId, "b.tsv:3:7");
    assert!(e.message().contains("a.tsv:2"), "{e}");
    let e = Extractor::builder()
        .add_gazetteer_str("mine.tsv", "id\tkind\tname\nsdf\tplace\tس\n")
        .build()
        .unwrap_err();
    assert_error(&e, LoadErrorKind::DuplicateId, "mine.tsv:2:1");
}

#[test]
fn an_empty_alias() {
    let e = entries_error(&format!("{HEADER}x\tplace\tس\tا||ب\n"));
    assert_error(&e, LoadErrorKind::EmptyAlias, "user.tsv:2:13");
    let e = entries_error(&format!("{HEADER}x\tplace\tس\tا|\n"));
    assert_error(&e, LoadErrorKind::EmptyAlias, "user.tsv:2:13");
    let e = entries_error(&format!("{HEADER}x\tplace\tس\t|ا\n"));
    assert_error(&e, LoadErrorKind::EmptyAlias, "user.tsv:2:11");
    let e = entries_error(&format!("{HEADER}x\tplace\tس\t\tا| \n"));
    assert_error(&e, LoadErrorKind::EmptyAlias, "user.tsv:2:14");
}

#[test]
fn an_alias_or_name_that_folds_to_nothing() {
    // Only diacritics, tatweel, quotes or bidi marks.
    for (row, at) in [
        ("x\tplace\tس\tا|\u{64e}\u{64f}\n", "user.tsv:2:13"),
        ("x\tplace\tس\t\u{640}\u{640}\n", "user.tsv:2:11"),
        ("x\tplace\tس\tب|«»\n", "user.tsv:2:13"),
        ("x\tplace\tس\t\t\u{200f}\n", "user.tsv:2:12"),
        ("x\tplace\t\u{651}\u{640}\n", "user.tsv:2:9"),
    ] {
        let e = entries_error(&format!("{HEADER}{row}"));
        assert_error(&e, LoadErrorKind::AliasFoldsToNothing, at);
    }
}

#[test]
fn a_missing_or_unknown_column() {
    let e = entries_error("# people\n\nid\tname\nx\tس\n");
    assert_error(&e, LoadErrorKind::MissingColumn, "user.tsv:3");
    assert!(e.message().contains("kind"), "{e}");
    let e = entries_error("id\tkind\tname\talias\n");
    assert_error(&e, LoadErrorKind::UnknownColumn, "user.tsv:1:14");
    assert!(e.message().contains("alias"), "{e}");
}

#[test]
fn an_empty_required_cell() {
    let e = entries_error(&format!("{HEADER}\tplace\tس\n"));
    assert_error(&e, LoadErrorKind::EmptyField, "user.tsv:2:1");
    let e = entries_error(&format!("{HEADER}x\t\tس\n"));
    assert_error(&e, LoadErrorKind::EmptyField, "user.tsv:2:3");
    // A row cut short: the column is where the missing cell would start.
    let e = entries_error(&format!("{HEADER}x\tplace\n"));
    assert_error(&e, LoadErrorKind::EmptyField, "user.tsv:2:8");
}

#[test]
fn bad_values() {
    let e = entries_error(&format!("{HEADER}Raqqa City\tplace\tس\n"));
    assert_error(&e, LoadErrorKind::BadValue, "user.tsv:2:1");
    let e = entries_error(&format!("{HEADER}x\tplace\tس\t\t\t\t\t\t35.9\n"));
    assert_error(&e, LoadErrorKind::BadValue, "user.tsv:2:16");
    let e = entries_error(&format!("{HEADER}x\tplace\tس\t\t\t\t\t\tشمال\t1\n"));
    assert_error(&e, LoadErrorKind::BadValue, "user.tsv:2:16");
    let e = entries_error(&format!("{HEADER}x\tplace\tس\t\t\t\t\tnowhere\n"));
    assert_error(&e, LoadErrorKind::UnknownParent, "user.tsv:2:15");
}

#[test]
fn columns_count_characters_and_skip_leading_blanks() {
    // Arabic cells are one column a character, and a cell's column is where its text starts.
    let e = entries_error(&format!("{HEADER}x\tplace\tمدينة الرقة\t  الرقة|  |ب\n"));
    assert_error(&e, LoadErrorKind::EmptyAlias, "user.tsv:2:29");
    let e = entries_error(&format!("{HEADER}x\t  plaec\tس\n"));
    assert_error(&e, LoadErrorKind::UnknownKind, "user.tsv:2:5");
}

#[test]
fn files_are_named_in_errors() {
    let f = TempFile::new("bad.tsv", format!("{HEADER}x\tplaec\tس\n").as_bytes());
    let e = bare().add_gazetteer_file(&f.0).build().unwrap_err();
    assert_error(&e, LoadErrorKind::UnknownKind, &format!("{}:2:3", f.name()));
    let missing = f.0.with_file_name("missing.tsv");
    let e = bare().add_gazetteer_file(&missing).build().unwrap_err();
    assert_eq!(e.kind(), LoadErrorKind::Io);
    assert_eq!(e.location().file, missing.display().to_string());
    let t = TempFile::new("bad-triggers.tsv", b"trigger\tclass\nx\tnoun\n");
    let e = bare().add_trigger_file(&t.0).build().unwrap_err();
    assert_error(
        &e,
        LoadErrorKind::UnknownTriggerClass,
        &format!("{}:2:3", t.name()),
    );
}

#[test]
fn a_file_that_is_not_utf8_names_the_bad_byte() {
    let mut bytes = format!("{HEADER}x\tplace\tس\ny\tplace\tمد").into_bytes();
    bytes.extend([0xFF, 0xFE]);
    bytes.extend("ينة\n".as_bytes());
    let f = TempFile::new("latin1.tsv", &bytes);
    let e = bare().add_gazetteer_file(&f.0).build().unwrap_err();
    assert_error(&e, LoadErrorKind::Io, &format!("{}:3:11", f.name()));
    assert!(e.message().contains("UTF-8"), "{e}");
}

#[test]
fn a_user_file_loads_every_row() {
    let rows = [
        "sy-x1\tplace\tقرية التجربة\tالتجربة|تجربة\t\t\tvillage\t\t35.5\t38.1",
        "sy-x2\tarmed_group\tلواء الاختبار\t\tالاختبار\trebel_group",
        "sy-x3\tperson\tأبو التجارب\t\t\treligious",
        "sy-x4\torganization\tهيئة التجريب\t\t\tngo\t\t\t\t",
        "sy-x5\tnationality\tالتجريبي",
    ];
    let mut text = String::from("\u{feff}# A user file: BOM, CRLF, comments and blank lines.\r\n");
    text += &HEADER.replace('\n', "\r\n");
    for (i, r) in rows.iter().enumerate() {
        text += r;
        text += if i % 2 == 0 {
            "\r\n\r\n# comment\r\n"
        } else {
            "\n"
        };
    }
    let f = TempFile::new("user.tsv", text.as_bytes());
    let x = bare()
        .add_gazetteer_file(&f.0)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let loaded: Vec<_> = x
        .entries()
        .filter(|e| e.location().file == f.name())
        .map(|e| (e.id().to_string(), e.location().line))
        .collect();
    let expected: Vec<_> = [3, 6, 7, 10, 11]
        .iter()
        .enumerate()
        .map(|(i, &line)| (format!("sy-x{}", i + 1), line))
        .collect();
    assert_eq!(loaded, expected);
    let e = x.entry("sy-x1").unwrap();
    assert_eq!(e.aliases().collect::<Vec<_>>(), ["التجربة", "تجربة"]);
    assert_eq!(e.coordinates(), Some((35.5, 38.1)));
    let found = x.extract("في قرية التجربة قاتل لواء الاختبار");
    let ids: Vec<_> = found.iter().map(|e| e.entry().map(|x| x.id())).collect();
    assert_eq!(ids, [Some("sy-x1"), Some("sy-x2")]);
}

#[test]
fn trigger_file_errors() {
    let h = "trigger\tclass\tcreates\tnames\tvalue\tspan\n";
    let cases = [
        (
            "x\tnoun\n",
            LoadErrorKind::UnknownTriggerClass,
            "triggers.tsv:2:3",
        ),
        (
            "x\tgroup_noun\tarmy\n",
            LoadErrorKind::UnknownKind,
            "triggers.tsv:2:14",
        ),
        (
            "x\tgroup_noun\t\tsome\n",
            LoadErrorKind::BadValue,
            "triggers.tsv:2:15",
        ),
        (
            "x\tgroup_noun\t\t\t\tall\n",
            LoadErrorKind::BadValue,
            "triggers.tsv:2:17",
        ),
        (
            "\u{64e}\u{640}\tgroup_noun\n",
            LoadErrorKind::AliasFoldsToNothing,
            "triggers.tsv:2:1",
        ),
        (
            "\tgroup_noun\n",
            LoadErrorKind::AliasFoldsToNothing,
            "triggers.tsv:2:1",
        ),
        (
            "x\tgroup_noun\t\t\t\t\tmore\n",
            LoadErrorKind::ExtraField,
            "triggers.tsv:2:18",
        ),
        ("x\n", LoadErrorKind::EmptyField, "triggers.tsv:2:2"),
        (
            "x\t \tgroup\n",
            LoadErrorKind::EmptyField,
            "triggers.tsv:2:3",
        ),
    ];
    for (row, kind, at) in cases {
        assert_error(&triggers_error(&format!("{h}{row}")), kind, at);
    }
    let e = triggers_error("trigger\tcreates\nx\tplace\n");
    assert_error(&e, LoadErrorKind::MissingColumn, "triggers.tsv:1");
    let e = triggers_error("trigger\tclass\tkind\n");
    assert_error(&e, LoadErrorKind::UnknownColumn, "triggers.tsv:1:15");
}

#[test]
fn a_user_trigger_file_loads_every_row() {
    let f = TempFile::new(
        "triggers.tsv",
        "\u{feff}# user triggers\r\ntrigger\tclass\tnames\r\nمجموعتنا\tgroup_noun\tquoted\r\n\r\nمؤسستنا\torg_noun\tquoted\r\n"
            .as_bytes(),
    );
    let x = bare()
        .add_trigger_file(&f.0)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let found = x.extract("قالت مجموعتنا \"الصقور\" إن مؤسستنا \"النور\" تعمل");
    let got: Vec<_> = found.iter().map(|e| (e.as_str(), e.kind())).collect();
    assert_eq!(
        got,
        [("الصقور", Kind::ArmedGroup), ("النور", Kind::Organization)]
    );
}
