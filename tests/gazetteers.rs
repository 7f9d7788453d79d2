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
