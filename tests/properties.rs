//! Property tests of the output contract, over arbitrary Unicode strings and over generated
//! Arabic-heavy text (gazetteer aliases, trigger words and names glued with clitics, quotes,
//! diacritics, tatweel, bidi marks, presentation forms, digits, Latin, NUL and CRLF):
//!
//! * extraction never panics;
//! * every span is non-empty, in bounds and on char boundaries, `as_str()` is the slice of the
//!   original it names, and char offsets count the chars before the byte offsets;
//! * no span starts on a combining mark or ends right before one (a letter keeps its marks);
//! * title and region spans are in bounds, and a region's place and modifier lie inside it;
//! * entities are sorted by start and never overlap;
//! * the output is deterministic (same extractor, a clone, a second call), and a separator put
//!   before the text shifts every span by its length and nothing else.

use proptest::prelude::*;
use rasd::{Entity, Extractor};
use std::sync::OnceLock;

/// The number of cases: `default`, or `PROPTEST_CASES` for a longer soak.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(Extractor::new)
}

/// Words the generator glues together: a sample of the aliases, every trigger word, some names.
fn words() -> &'static [String] {
    static W: OnceLock<Vec<String>> = OnceLock::new();
    W.get_or_init(|| {
        let x = extractor();
        let mut w: Vec<String> = x.aliases().step_by(61).map(|a| a.0.to_string()).collect();
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/gazetteers");
        let read = |f: &str| std::fs::read_to_string(format!("{data}/{f}")).unwrap_or_default();
        for line in read("rules/triggers.tsv").lines().skip(2) {
            w.extend(line.split('\t').next().map(String::from));
        }
        for f in ["names/given.txt", "names/family.txt"] {
            w.extend(
                read(f)
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .step_by(97)
                    .map(String::from),
            );
        }
        w.extend(
            [
                "قسد",
                "تنظيم",
                "الدولة",
                "الأحمد",
                "التحالف الدولي",
                "ريف الرقة الشرقي",
                "شمال حلب",
                "قوات سوريا الديمقراطية \"قسد\"",
                "التحالف الدولي (تدح) قال تدح",
                "الناشط والباحث \"أيهم الأحمد\" وقال الأحمد",
                "قال الناشط سامر العلي",
            ]
            .map(String::from),
        );
        w.retain(|s| !s.trim().is_empty());
        w
    })
}

fn one_of(items: &'static [&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(items).prop_map(String::from).boxed()
}

fn char_in(lo: u32, hi: u32) -> BoxedStrategy<String> {
    (lo..=hi)
        .prop_filter_map("a scalar value", char::from_u32)
        .prop_map(String::from)
        .boxed()
}

/// Arabic-heavy text: words and odd characters, with glue between them that is mostly a space
/// but also clitics, quotes, brackets, marks, tatweel, bidi marks, NUL, CRLF or nothing.
fn arabic_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..25).prop_map(|v| v.concat())
}

/// A word or odd character of [`arabic_text`] and the glue after it.
fn piece() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        8 => prop::sample::select(words()),
        2 => prop::collection::vec(char_in(0x0621, 0x064A), 1..6).prop_map(|v| v.concat()),
        1 => char_in(0x064B, 0x0652),
        1 => char_in(0xFB50, 0xFDFF),
        1 => char_in(0xFE70, 0xFEFC),
        1 => one_of(&["٢٠١٧", "۱۴", "2024", "ISIS", "SDF", "é", ".", "،", "؛", "؟", "…", "-", "/", "ﷺ", "ﷲ", "ﻻ"]),
        1 => any::<char>().prop_map(String::from),
    ];
    let glue = prop_oneof![
        12 => Just(" ".to_string()),
        3 => one_of(&["", "  ", "\n", "\r\n", "\t", "\u{a0}", "\0", "\u{3000}", ". ", "، "]),
        3 => one_of(&[" و", " ف", " ب", " ل", " ك", " لل", " وال", " بال", " ول", " فب", " لـ"]),
        3 => one_of(&[" \"", "\" ", " «", "» ", " “", "” ", "'", " (", ") ", "[", "]", "{", "}", " لـ«", " و\""]),
        2 => char_in(0x064B, 0x0652),
        1 => one_of(&["\u{640}", "\u{640}\u{640}\u{640}", "\u{670}", "\u{301}", "\u{fe0f}"]),
        1 => one_of(&["\u{200f}", "\u{200e}", "\u{202b}", "\u{202c}", "\u{2067}", "\u{2069}", "\u{feff}", "\u{200c}", "\u{200d}", "\u{ad}"]),
    ];
    (token, glue).prop_map(|(t, g)| t + &g)
}

fn is_combining(c: char) -> bool {
    // The marks a span must not be cut from: Arabic diacritics and other combining marks.
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x08D3..=0x08FF | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

fn offset_of(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

/// Everything an entity says, with spans shifted by `-shift`, for comparisons.
fn describe(text: &str, e: &Entity<'_>, shift: usize) -> String {
    let (s, c) = (e.span(), e.char_span());
    format!(
        "{}..{} c{}..{} {} {:?} {:?} {} title={:?} region={:?} local={:?} alt={:?}",
        s.start - shift,
        s.end - shift,
        c.start - shift,
        c.end - shift,
        e.as_str(),
        e.kind(),
        e.entry().map(|x| x.id()),
        e.source(),
        e.title_span().map(|t| (t.start - shift, t.end - shift)),
        e.region().map(|r| (
            offset_of(text, r.modifier) - shift,
            r.modifier,
            r.direction,
            r.place.start - shift,
            r.place.end - shift
        )),
        e.local_id(),
        e.alternatives().iter().map(|x| x.id()).collect::<Vec<_>>(),
    )
}

fn check_span(text: &str, start: usize, end: usize, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(start < end, "{} {}..{} is empty", what, start, end);
    prop_assert!(
        end <= text.len(),
        "{} {}..{} out of bounds",
        what,
        start,
        end
    );
    prop_assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{} {}..{} not on char boundaries",
        what,
        start,
        end
    );
    Ok(())
}

/// Checks the output contract for one text; returns the descriptions of the entities.
fn check(text: &str) -> Result<Vec<String>, TestCaseError> {
    let x = extractor();
    let entities = x.extract(text);
    let mut prev_end = 0;
    for e in &entities {
        let s = e.span();
        check_span(text, s.start, s.end, "span")?;
        prop_assert_eq!(e.as_str(), &text[s.range()]);
        prop_assert!(s.start >= prev_end, "overlap or unsorted at {:?}", s);
        prev_end = s.end;
        let c = e.char_span();
        prop_assert_eq!(c.start, text[..s.start].chars().count());
        prop_assert_eq!(c.len(), e.as_str().chars().count());
        prop_assert!(
            !e.as_str().starts_with(is_combining),
            "{:?} starts with a mark",
            e.as_str()
        );
        prop_assert!(
            !text[s.end..].starts_with(is_combining),
            "{:?} leaves its mark behind",
            e.as_str()
        );
        if let Some(t) = e.title_span() {
            check_span(text, t.start, t.end, "title")?;
            prop_assert!(t.end <= s.start, "title {:?} after its name {:?}", t, s);
            prop_assert_eq!(e.title(), Some(&text[t.range()]));
        }
        if let Some(r) = e.region() {
            // The entity is the bare place; the phrase holds it and the region word.
            check_span(text, r.phrase.start, r.phrase.end, "region phrase")?;
            prop_assert_eq!(r.place, s);
            prop_assert!(r.phrase.start <= s.start && s.end <= r.phrase.end);
            let m = offset_of(text, r.modifier);
            check_span(text, m, m + r.modifier.len(), "region modifier")?;
            prop_assert!(r.phrase.start <= m && m + r.modifier.len() <= r.phrase.end);
        }
    }
    Ok(entities.iter().map(|e| describe(text, e, 0)).collect())
}

/// The full contract, determinism and shift invariance for one text.
fn check_all(text: &str) -> Result<(), TestCaseError> {
    let first = check(text)?;
    prop_assert_eq!(&first, &check(text)?, "a second call differs");
    let clone = extractor().clone();
    let again: Vec<String> = clone
        .extract(text)
        .iter()
        .map(|e| describe(text, e, 0))
        .collect();
    prop_assert_eq!(&first, &again, "a clone differs");
    let shifted = format!("\n{text}");
    let moved: Vec<String> = extractor()
        .extract(&shifted)
        .iter()
        .map(|e| describe(&shifted, e, 1))
        .collect();
    prop_assert_eq!(
        &first,
        &moved,
        "a leading newline changed more than the offsets"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(400)))]

    #[test]
    fn arabic_text_keeps_the_contract(text in arabic_text()) {
        check_all(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(200)))]

    #[test]
    fn any_text_keeps_the_contract(text in any::<String>()) {
        check_all(&text)?;
    }

    #[test]
    fn any_prefix_of_the_reference_article_keeps_the_contract(cut in 0usize..4300) {
        let article = include_str!("data/baladi-raqqa-2017.txt");
        let mut cut = cut.min(article.len());
        while !article.is_char_boundary(cut) {
            cut -= 1;
        }
        check(&article[..cut])?;
    }
}

/// Long runs of one [`piece`] (a word and its glue, a letter, a mark, a quote, a ligature), so
/// that the fold's windows and blocks, and the ends of its buffers, fall on every kind of
/// character.
fn runs() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), 0..600usize), 1..6)
        .prop_map(|runs| runs.iter().map(|(piece, n)| piece.repeat(*n)).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(100)))]

    #[test]
    fn long_runs_keep_the_contract(text in runs()) {
        check(&text)?;
    }
}

/// The generator is not vacuous: its texts hold entities of several kinds and rules.
#[test]
fn generated_text_exercises_the_rules() {
    use proptest::strategy::ValueTree;
    use std::collections::BTreeSet;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = arabic_text();
    let (mut entities, mut regions) = (0, 0);
    let (mut sources, mut kinds) = (BTreeSet::new(), BTreeSet::new());
    for _ in 0..400 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        for e in extractor().extract(&text) {
            entities += 1;
            sources.insert(e.source().as_str());
            kinds.insert(e.kind().as_str());
            regions += usize::from(e.region().is_some());
        }
    }
    eprintln!("{entities} entities, {regions} regions; sources {sources:?}; kinds {kinds:?}");
    assert!(entities > 400, "only {entities} entities in 400 texts");
    assert!(sources.len() >= 7, "sources {sources:?}");
    assert!(sources.contains("document") && sources.contains("acronym"));
    assert!(regions > 0, "no region phrase");
    assert!(kinds.len() >= 4, "kinds {kinds:?}");
}
