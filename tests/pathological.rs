//! Pathological inputs: a 50 MB document, a million tatweels, text of only diacritics, only
//! quotes or only clitics, unbalanced quotes, NUL bytes, CRLF, a byte-order mark, names cut at
//! the very end of the input, and a ligature after a long Latin word. Extraction never panics,
//! every span keeps the output contract (in bounds, on char boundaries, sorted, non-overlapping,
//! exact char offsets), and the entities are the expected ones. Big inputs are built at run
//! time; nothing here measures time.

use rasd::{Entity, Extractor};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(Extractor::new)
}

/// Checks the output contract in one pass over the text (fit for 50 MB).
fn assert_contract(text: &str, entities: &[Entity<'_>]) {
    let (mut byte, mut chars) = (0, 0);
    for e in entities {
        let s = e.span();
        assert!(s.start >= byte, "unsorted or overlapping at {s:?}");
        assert!(s.start < s.end && s.end <= text.len(), "bad span {s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert_eq!(e.as_str(), &text[s.range()]);
        chars += text[byte..s.start].chars().count();
        assert_eq!(e.char_span().start, chars, "char start of {s:?}");
        chars += e.as_str().chars().count();
        assert_eq!(e.char_span().end, chars, "char end of {s:?}");
        byte = s.end;
    }
}

/// Extracts, checks the contract, and returns `(text, entry id or kind)` of each entity.
fn extract(text: &str) -> Vec<(String, String)> {
    let entities = extractor().extract(text);
    assert_contract(text, &entities);
    entities
        .iter()
        .map(|e| {
            let id = e.entry().map_or(e.kind().as_str(), |x| x.id());
            (e.as_str().to_string(), id.to_string())
        })
        .collect()
}

fn texts(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|f| f.0.as_str()).collect()
}

#[test]
fn a_fifty_megabyte_document() {
    let sentence = "بدأت مفاوضات بين ميليشيات \"قسد\" وعناصر تنظيم \"الدولة\" في مدينة الرقة.\r\n";
    let x = extractor();
    let one = x.extract(sentence);
    let ids: Vec<_> = one.iter().map(|e| e.entry().map(|x| x.id())).collect();
    assert!(
        ids.contains(&Some("sdf")) && ids.contains(&Some("isis")),
        "{ids:?}"
    );
    let reps = 50_000_000 / sentence.len() + 1;
    let text = sentence.repeat(reps);
    assert!(text.len() >= 50_000_000);
    let all = x.extract(&text);
    assert_contract(&text, &all);
    // Every repetition gives the entities of the sentence alone, shifted by its offset.
    assert_eq!(all.len(), one.len() * reps);
    let chars = sentence.chars().count();
    for (k, chunk) in all.chunks(one.len()).enumerate() {
        for (e, o) in chunk.iter().zip(&one) {
            assert_eq!(e.span().start, o.span().start + k * sentence.len());
            assert_eq!(e.char_span().start, o.char_span().start + k * chars);
            assert_eq!(e.as_str(), o.as_str());
            assert_eq!(e.entry().map(|x| x.id()), o.entry().map(|x| x.id()));
        }
    }
}

#[test]
fn a_million_tatweels() {
    let tatweels = "\u{640}".repeat(1_000_000);
    assert!(extract(&tatweels).is_empty());
    // Inside a name, they belong to it.
    let text = format!("هاجم دا{tatweels}عش مدينة الرقة");
    let found = extract(&text);
    assert_eq!(found[0].1, "isis");
    assert_eq!(found[0].0.len(), "داعش".len() + tatweels.len());
    assert_eq!(found[1].0, "الرقة");
    // Between words, they separate nothing and join nothing.
    let text = format!("{tatweels}قسد{tatweels} الرقة{tatweels}");
    assert_eq!(extract(&text).len(), 2);
}

#[test]
fn only_diacritics() {
    let marks: String =
        "\u{64b}\u{64c}\u{64d}\u{64e}\u{64f}\u{650}\u{651}\u{652}\u{670}".repeat(100_000);
    assert!(extract(&marks).is_empty());
    // Marks before the first letter do not start a span; marks after the last letter end it.
    let text = format!("{marks}قسد{marks}");
    let found = extract(&text);
    assert_eq!(found.len(), 1);
    assert!(found[0].0.starts_with('ق') && found[0].0.ends_with('\u{670}'));
    assert_eq!(found[0].0.len(), "قسد".len() + marks.len());
}

#[test]
fn only_quotes() {
    let quotes = "\"'«»“”„‘’‹›「」＂`".repeat(50_000);
    assert!(extract(&quotes).is_empty());
    let text = format!("{quotes}قسد{quotes}");
    assert_eq!(texts(&extract(&text)), ["قسد"]);
}

#[test]
fn only_clitics() {
    for unit in ["و ف ب ل ك لل ول وب فب وال بال ", "وفبلك", "ل«", "لـ", "و\""]
    {
        assert!(extract(&unit.repeat(50_000)).is_empty(), "{unit}");
    }
    // A clitic at the very end, after a name.
    assert_eq!(texts(&extract("في الرقة و")), ["الرقة"]);
}

#[test]
fn unbalanced_quotes() {
    assert_eq!(texts(&extract("ميليشيات \"قسد")), ["قسد"]);
    assert_eq!(texts(&extract("قسد\" في الرقة»»»")), ["قسد", "الرقة"]);
    // A quote that never closes does not make a name of the rest of the text.
    let found = extract("قال الناشط \"أيهم الأحمد في مدينة الرقة");
    assert_eq!(found.last().map(|f| f.0.as_str()), Some("الرقة"));
    assert!(found.iter().all(|f| !f.0.contains('"')), "{found:?}");
    for text in [
        "\"",
        "«",
        "»«",
        "تنظيم \"",
        "تنظيم «الدولة",
        "قال «",
        "((قسد",
        "قسد))",
    ] {
        extract(text);
        extract(&text.repeat(2_000));
    }
}

#[test]
fn nul_bytes() {
    assert_eq!(texts(&extract("قسد\0الرقة\0")), ["قسد", "الرقة"]);
    assert!(extract(&"\0".repeat(1_000_000)).is_empty());
    assert_eq!(texts(&extract("\0\0قسد\0\0")), ["قسد"]);
}

#[test]
fn crlf_line_ends() {
    let found = extract("قوات سوريا الديمقراطية\r\nالرقة\r\n\r\n");
    assert_eq!(texts(&found), ["قوات سوريا الديمقراطية", "الرقة"]);
    let found = extract("مدينة\r\nالرقة");
    assert!(found.iter().all(|f| !f.0.contains('\r')), "{found:?}");
}

#[test]
fn byte_order_mark() {
    let text = "\u{feff}قسد في الرقة";
    let entities = extractor().extract(text);
    assert_contract(text, &entities);
    assert_eq!(entities[0].as_str(), "قسد");
    assert_eq!(entities[0].span().start, 3);
    assert_eq!(entities[0].char_span().start, 1);
    assert_eq!(texts(&extract("\u{feff}")), Vec::<&str>::new());
}

#[test]
fn names_cut_at_the_end_of_the_input() {
    let text = "تسيطر قوات سوريا الديمقراطية على مدينة الرقة";
    let entities = extractor().extract(text);
    assert_eq!(entities.last().unwrap().span().end, text.len());
    // Every prefix keeps the contract; a prefix that cuts the SDF's name never links to it.
    let cut_at = text.find("الديمقراطية").unwrap() + "الديمقراط".len();
    for (end, _) in text.char_indices().chain([(text.len(), ' ')]) {
        let found = extract(&text[..end]);
        if (text.find("قوات").unwrap()..cut_at + 1).contains(&end) {
            assert!(found.iter().all(|f| f.1 != "sdf"), "{:?}", &text[..end]);
        }
    }
    for text in [
        "مدينة",
        "ريف",
        "قال الناشط",
        "تنظيم «",
        "قوات سوريا الديمقراطية \"",
        "في الرقة (",
    ] {
        extract(text);
    }
}

#[test]
fn one_endless_word_and_endless_separators() {
    assert!(extract(&"ب".repeat(5_000_000)).is_empty());
    assert!(extract(&" \t\n\u{a0}\u{200f}".repeat(1_000_000)).is_empty());
    assert_eq!(extract(&format!("{}قسد", " ".repeat(1_000_000))).len(), 1);
}

/// A character that folds to two bytes (the presentation form ﻻ, لا) after a run of Latin
/// letters of any length: a run that filled the fold's buffers to their end used to leave the
/// character no room, and 513 letters then ﻻ panicked.
#[test]
fn a_ligature_after_a_long_latin_word() {
    for len in 0..1100 {
        let text = format!("{}\u{FEFB} قسد", "a".repeat(len));
        assert_eq!(texts(&extract(&text)), ["قسد"], "{len} letters");
    }
}

#[test]
fn empty_input() {
    assert!(extract("").is_empty());
}

/// A document that repeats one known name with its acronym, one unknown person, or one title
/// thousands of times: every repetition is found, linked to the first, and the work stays linear
/// (these inputs once took quadratic time and memory in document linking and title chains).
#[test]
fn many_repetitions_of_names_acronyms_and_titles() {
    let x = rasd::Extractor::new();
    let text = "قوات سوريا الديمقراطية \"قسد\" ".repeat(20_000);
    let e = x.extract(&text);
    assert_eq!(e.len(), 40_000);
    assert!(e.iter().all(|e| e.entry().map(|x| x.id()) == Some("sdf")));

    let text = "قال الناشط \"أيهم الأحمد\" ".repeat(5_000);
    let e = x.extract(&text);
    assert_eq!(e.len(), 5_000);
    let first = e[0].local_id();
    assert!(first.is_some());
    assert!(e
        .iter()
        .all(|p| p.kind() == rasd::Kind::Person && p.local_id() == first));

    let text = "الرئيس السوري ".repeat(20_000);
    let e = x.extract(&text);
    assert_eq!(e.len(), 20_000);
    assert!(e.iter().all(|e| e.kind() == rasd::Kind::Nationality));
}
