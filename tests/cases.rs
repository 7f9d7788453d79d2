//! Runs the table of cases in `tests/data/cases.toml` against the fixture gazetteer.

use rasd::{Entity, Extractor};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    expect: Vec<Expected>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    strict: bool,
}

#[derive(Deserialize, Debug)]
struct Expected {
    text: String,
    kind: String,
    id: Option<String>,
    rule: Option<String>,
    title: Option<String>,
    direction: Option<String>,
    region: Option<String>,
    alternatives: Option<Vec<String>>,
}

impl Expected {
    fn matches(&self, text: &str, e: &Entity<'_>) -> bool {
        e.as_str() == self.text
            && e.kind().as_str() == self.kind
            && self
                .id
                .as_deref()
                .is_none_or(|id| e.entry().map(|x| x.id()) == Some(id))
            && self
                .rule
                .as_deref()
                .is_none_or(|r| e.source().as_str() == r)
            && self.title.as_deref().is_none_or(|t| e.title() == Some(t))
            && self
                .direction
                .as_deref()
                .is_none_or(|d| e.region().and_then(|r| r.direction) == Some(d))
            && self
                .region
                .as_deref()
                .is_none_or(|p| e.region().map(|r| &text[r.phrase.range()]) == Some(p))
            && self.alternatives.as_ref().is_none_or(|a| {
                e.alternatives().iter().map(|x| x.id()).collect::<Vec<_>>()
                    == a.iter().map(|s| s.as_str()).collect::<Vec<_>>()
            })
    }
}

fn describe(entities: &[Entity<'_>]) -> Vec<String> {
    entities
        .iter()
        .map(|e| {
            format!(
                "{} {} id={:?} rule={} title={:?} region={:?}",
                e.as_str(),
                e.kind(),
                e.entry().map(|x| x.id()),
                e.source(),
                e.title(),
                e.region().map(|r| (r.modifier, r.direction))
            )
        })
        .collect()
}

#[test]
fn table_of_cases() {
    let table: Table = toml::from_str(include_str!("data/cases.toml")).unwrap();
    let x = Extractor::builder()
        .default_gazetteers(false)
        .add_gazetteer_str("fixture.tsv", include_str!("data/fixture.tsv"))
        .build()
        .unwrap();
    let mut failures = Vec::new();
    for case in &table.case {
        let entities = x.extract(&case.text);
        let mut unused: Vec<&Entity> = entities.iter().collect();
        let mut problems = Vec::new();
        for exp in &case.expect {
            match unused.iter().position(|e| exp.matches(&case.text, e)) {
                Some(i) => {
                    unused.remove(i);
                }
                None => problems.push(format!("missing {exp:?}")),
            }
        }
        if case.strict && !unused.is_empty() {
            problems.push(format!(
                "unexpected {:?}",
                describe(&unused.iter().map(|e| (*e).clone()).collect::<Vec<_>>())
            ));
        }
        for a in &case.absent {
            if entities.iter().any(|e| e.as_str().contains(a.as_str())) {
                problems.push(format!("`{a}` should not be an entity"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}\n  text: {}\n  got: {:#?}\n  {}",
                case.name,
                case.text,
                describe(&entities),
                problems.join("\n  ")
            ));
        }
    }
    assert!(table.case.len() >= 40, "the table lost cases");
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        table.case.len(),
        failures.join("\n\n")
    );
}
