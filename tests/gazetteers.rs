//! The embedded gazetteers: every file parses (building the extractor checks ids, kinds,
//! categories, features, aliases and parents with file:line:column errors), every alias folds to
//! something, and an alias shared by several entries is either context-only or has one entry of
//! highest priority, so a bare mention never links at random.

use rasd::{Extractor, Kind};
use std::collections::HashMap;

#[test]
fn embedded_gazetteers_load() {
    let x = rasd::ExtractorBuilder::new()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(x.entries().count() > 0);
}

#[test]
fn every_alias_folds_to_something() {
    let x = Extractor::new();
    for (alias, entry, _) in x.aliases() {
        assert!(
            !x.fold(alias).is_empty(),
            "{} alias `{alias}` folds to nothing",
            entry.location()
        );
    }
}

#[test]
fn shared_aliases_are_context_only_or_ranked() {
    let x = Extractor::new();
    let mut by_alias: HashMap<Vec<u8>, Vec<(&rasd::Entry, bool)>> = HashMap::new();
    for (alias, entry, context) in x.aliases() {
        let v = by_alias.entry(x.fold(alias)).or_default();
        if !v.iter().any(|(e, _)| e.id() == entry.id()) {
            v.push((entry, context));
        }
    }
    let mut unranked = Vec::new();
    for (alias, sharing) in &by_alias {
        let plain: Vec<_> = sharing.iter().filter(|(_, context)| !context).collect();
        if plain.len() < 2 {
            continue;
        }
        let top = plain.iter().map(|(e, _)| e.priority()).max().unwrap();
        let at_top: Vec<_> = plain.iter().filter(|(e, _)| e.priority() == top).collect();
        // Several same-named admin levels of one place (الرقة: governorate, district, subdistrict)
        // are one place at different levels: any of them is a right answer.
        let one_kind = at_top.iter().all(|(e, _)| e.kind() == at_top[0].0.kind());
        if at_top.len() > 1 && !(one_kind && at_top[0].0.kind() == Kind::Place) {
            unranked.push(format!(
                "{}: {}",
                String::from_utf8_lossy(alias),
                at_top
                    .iter()
                    .map(|(e, _)| e.location().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    unranked.sort();
    assert!(
        unranked.is_empty(),
        "{} aliases shared at equal priority:\n{}",
        unranked.len(),
        unranked.join("\n")
    );
}

#[test]
fn there_are_at_least_forty_thousand_aliases() {
    let x = Extractor::new();
    assert!(
        x.aliases().count() >= 40_000,
        "only {} aliases",
        x.aliases().count()
    );
}

/// A one-word alias that is a stop word (كان، قد) or a person's title (الوزير، المهندس) can never
/// stand for a bare entry, nor for a person at all: a person's context alias fires after every
/// title (الخبير القانوني). Context aliases of places and groups may be such words: they fire only
/// after a place or group noun (مدينة الجديدة، تنظيم الدولة).
#[test]
fn no_alias_is_a_stop_word_or_a_title() {
    let x = Extractor::new();
    let read = |s: &str| -> Vec<Vec<u8>> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| x.fold(l.split('\t').next().unwrap_or("")))
            .collect()
    };
    let stop = read(include_str!("../gazetteers/rules/stopwords.txt"));
    let titles: Vec<Vec<u8>> = include_str!("../gazetteers/rules/triggers.tsv")
        .lines()
        .filter(|l| l.split('\t').nth(1) == Some("person_title"))
        .map(|l| x.fold(l.split('\t').next().unwrap_or("")))
        .collect();
    let mut bad = Vec::new();
    for (alias, entry, context) in x.aliases() {
        if alias.contains(' ') || (context && entry.kind() != Kind::Person) {
            continue;
        }
        let f = x.fold(alias);
        // A place named like a title (السفيرة, a town near Aleppo) is left to context.
        if stop.contains(&f) || (entry.kind() == Kind::Person && titles.contains(&f)) {
            bad.push(format!("{}: `{alias}`", entry.location()));
        }
    }
    bad.sort();
    bad.dedup();
    assert!(
        bad.is_empty(),
        "{} aliases are stop words or titles:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
