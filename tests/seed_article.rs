//! The reference article (Baladi News, Raqqa, 2017): every required mention is found with the
//! right kind and a span inside its longest acceptable span, at most two entities match no
//! mention, and every offset is exact.

#[path = "../examples/support/span_gold.rs"]
#[allow(dead_code)]
mod span_gold;

use rasd::Extractor;
use span_gold::{score, GoldFile};

const TEXT: &str = include_str!("data/baladi-raqqa-2017.txt");
const GOLD: &str = include_str!("data/baladi-raqqa-2017.expected.json");

#[test]
fn every_required_mention_is_found_with_at_most_two_spurious() {
    let gold: GoldFile = serde_json::from_str(GOLD).unwrap();
    let x = Extractor::new();
    let entities = x.extract(TEXT);
    let s = score(&entities, &gold.mentions);
    let missed: Vec<String> = s
        .missed
        .iter()
        .map(|&i| {
            format!(
                "{} {} @{}",
                gold.mentions[i].kind, gold.mentions[i].text, gold.mentions[i].start
            )
        })
        .collect();
    let spurious: Vec<String> = s
        .spurious
        .iter()
        .map(|&i| {
            format!(
                "{:?} {} @{}",
                entities[i].kind(),
                entities[i].as_str(),
                entities[i].span().start
            )
        })
        .collect();
    assert_eq!(s.required, 46, "the gold file has 46 required mentions");
    assert!(missed.is_empty(), "missed: {missed:#?}");
    assert!(spurious.len() <= 2, "spurious: {spurious:#?}");
}

#[test]
fn offsets_are_exact_in_bytes_and_chars() {
    let x = Extractor::new();
    let chars: Vec<char> = TEXT.chars().collect();
    for e in x.extract(TEXT) {
        let s = e.span();
        assert_eq!(&TEXT[s.range()], e.as_str());
        let c = e.char_span();
        assert_eq!(chars[c.range()].iter().collect::<String>(), e.as_str());
        assert_eq!(TEXT[..s.start].chars().count(), c.start);
    }
}

#[test]
fn the_person_is_linked_across_mentions_with_titles() {
    let x = Extractor::new();
    let entities = x.extract(TEXT);
    let people: Vec<_> = entities
        .iter()
        .filter(|e| e.kind() == rasd::Kind::Person)
        .collect();
    let first = people
        .iter()
        .find(|e| e.as_str() == "أيهم الأحمد")
        .expect("the activist is found");
    assert_eq!(first.title(), Some("الناشط والباحث"));
    let later: Vec<_> = people.iter().filter(|e| e.as_str() == "الأحمد").collect();
    assert_eq!(later.len(), 2);
    assert!(later
        .iter()
        .all(|e| e.local_id() == first.local_id() && e.local_id().is_some()));
}
