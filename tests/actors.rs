//! The actor stage: the acceptance list of issue 7 on the reference article (Baladi News, Raqqa,
//! 2017), then anaphora, disambiguation by the document's countries and each interaction type on
//! a tiny gazetteer.

use rasd::{ActorKind, Analysis, Category, Extractor, Interaction, PlaceMention};
use serde::Deserialize;

const TEXT: &str = include_str!("data/baladi-raqqa-2017.txt");
const GOLD: &str = include_str!("data/baladi-raqqa-2017.expected.json");

#[derive(Deserialize)]
struct Gold {
    mentions: Vec<GoldMention>,
}

#[derive(Deserialize)]
struct GoldMention {
    text: String,
    #[serde(rename = "ref")]
    id: String,
    kind: String,
    required: bool,
    start: usize,
    end: usize,
}

fn actor<'a>(a: &'a Analysis<'a>, id: &str) -> &'a rasd::Actor<'a> {
    a.actors
        .iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("no actor {id}"))
}

fn interaction<'a>(
    a: &'a Analysis<'a>,
    kind: &str,
    actor1: &str,
    actor2: Option<&str>,
) -> Option<&'a Interaction<'a>> {
    a.interactions.iter().find(|i| {
        i.kind == kind && i.actor1.id == actor1 && i.actor2.as_ref().map(|x| &*x.id) == actor2
    })
}

#[test]
fn reference_article_actors() {
    let x = Extractor::new();
    let a = x.analyze(TEXT);
    for (id, kind, category) in [
        ("sdf", ActorKind::ArmedGroup, None),
        ("isis", ActorKind::ArmedGroup, None),
        (
            "coalition",
            ActorKind::ArmedGroup,
            Some(Category::ExternalForce),
        ),
        (
            "syrian-government-forces",
            ActorKind::ArmedGroup,
            Some(Category::StateForces),
        ),
        (
            "baladi-news",
            ActorKind::Organization,
            Some(Category::Media),
        ),
    ] {
        let actor = actor(&a, id);
        assert_eq!(actor.kind, kind, "{id}");
        if category.is_some() {
            assert_eq!(actor.category(), category, "{id}");
        }
    }
    // The United States, as a state actor (it leads the coalition) and as a place.
    assert_eq!(actor(&a, "country-us").kind, ActorKind::State);
    assert!(a.places.iter().any(|p| p.country() == Some("US")));

    let ayham = a
        .actors
        .iter()
        .find(|x| x.kind == ActorKind::Person && x.name == "أيهم الأحمد")
        .expect("the activist is an actor");
    assert!(ayham.id.starts_with("local:"));
    assert_eq!(ayham.titles, ["الناشط والباحث"]);
    assert_eq!(ayham.roles, ["activist", "researcher"]);

    // Every gold mention of an actor is a mention of that actor; the anaphora (التنظيم) too,
    // marked inferred.
    let gold: Gold = serde_json::from_str(GOLD).unwrap();
    for g in &gold.mentions {
        if g.kind == "PLACE" || !(g.required || g.text == "التنظيم") {
            continue;
        }
        let id = if g.id == "ayham-al-ahmad" {
            &*ayham.id
        } else {
            &g.id
        };
        let found = actor(&a, id)
            .mentions
            .iter()
            .find(|m| m.span.start < g.end && g.start < m.span.end);
        let m = found.unwrap_or_else(|| panic!("{} @{} is not a mention of {id}", g.text, g.start));
        assert_eq!(m.inferred, !g.required, "{} @{}", g.text, g.start);
        assert_eq!(&TEXT[m.span.range()], m.text);
    }
    assert_eq!(ayham.mentions.len(), 3);
    let militias = actor(&a, "sdf").mentions.iter().find(|m| m.inferred);
    assert_eq!(militias.map(|m| m.text), Some("الميليشيات"));
}

fn place_named<'a>(a: &'a Analysis<'a>, name: &str) -> Vec<&'a PlaceMention<'a>> {
    a.places
        .iter()
        .filter(|p| p.entry.is_some_and(|e| e.name() == name))
        .collect()
}

#[test]
fn reference_article_places() {
    let x = Extractor::new();
    let a = x.analyze(TEXT);
    for name in ["الرقة", "دير الزور"] {
        let found = place_named(&a, name);
        assert!(!found.is_empty(), "{name}");
        for p in found {
            assert_eq!(p.country(), Some("SY"), "{name} @{}", p.span.start);
            let (lat, lon) = p.coordinates().expect("coordinates");
            assert!((32.0..37.5).contains(&lat) && (35.5..42.5).contains(&lon));
            assert_eq!(p.admin.last().map(|e| e.id()), Some("country-sy"));
        }
    }
    assert!(a
        .places
        .iter()
        .any(|p| p.text == "سوريا" && p.entry.map(|e| e.id()) == Some("country-sy")));
    for (phrase, place, direction) in [
        ("ريف الرقة الشرقي", "الرقة", "east"),
        ("ريف دير الزور الغربي", "دير الزور", "west"),
    ] {
        let p = a
            .places
            .iter()
            .find(|p| p.region_text == Some(phrase))
            .expect(phrase);
        let r = p.region.expect("a region");
        assert_eq!((r.modifier, r.direction), ("ريف", Some(direction)));
        assert_eq!(&TEXT[r.phrase.range()], phrase);
        assert_eq!(p.text, place);
        assert_eq!(p.entry.map(|e| e.name()), Some(place));
    }
}

#[test]
fn reference_article_interactions() {
    let x = Extractor::new();
    let a = x.analyze(TEXT);
    let n = interaction(&a, "negotiation", "sdf", Some("isis")).expect("SDF and ISIS negotiate");
    assert!(!n.directed);
    assert_eq!(n.trigger, "مفاوضات");
    let place = n.place.as_ref().expect("in Raqqa");
    assert_eq!(place.text, "الرقة");
    assert_eq!(a.places[place.index].country(), Some("SY"));

    let s = interaction(&a, "support", "coalition", Some("sdf")).expect("the coalition backs SDF");
    assert!(s.directed);
    assert_eq!(s.trigger, "بدعم");
    assert!(TEXT[s.sentence.range()].contains("بدعم عسكري ولوجستي من التحالف الدولي"));

    let json = serde_json::to_value(&a).unwrap();
    for key in ["entities", "actors", "places", "interactions"] {
        assert!(json[key].as_array().is_some_and(|v| !v.is_empty()), "{key}");
    }
}

/// A tiny gazetteer, so these tests do not move when the embedded gazetteers grow.
const GAZETTEER: &str = "\
id\tkind\tname\taliases\tcategory\tfeature\tcountry\tparent\tpriority
country-sy\tplace\tسوريا\t\t\tcountry\tSY\t\t50
country-lb\tplace\tلبنان\t\t\tcountry\tLB\t\t50
homs\tplace\tحمص\t\t\tcity\tSY\tcountry-sy\t40
douma\tplace\tدوما\t\t\tcity\tSY\tcountry-sy\t40
hamidiyah-lb\tplace\tالحميدية\t\t\tvillage\tLB\tcountry-lb\t5
hamidiyah-sy\tplace\tالحميدية\t\t\tvillage\tSY\tcountry-sy\t0
jaish\tarmed_group\tجيش الإسلام\t\trebel_group\t\tSY\t\t
hts\tarmed_group\tهيئة تحرير الشام\t\trebel_group\t\tSY\t\t
regime\tarmed_group\tقوات النظام\t\tstate_forces\t\tSY\t\t
coalition\tarmed_group\tالتحالف الدولي\t\texternal_force\t\t\t\t
";

fn tiny() -> Extractor {
    Extractor::builder()
        .default_gazetteers(false)
        .add_gazetteer_str("tiny.tsv", GAZETTEER)
        .build()
        .unwrap()
}

#[test]
fn anaphora_link_by_head_noun_then_by_kind() {
    let x = tiny();
    let text = "هاجمت هيئة تحرير الشام مواقع قوات النظام. وقالت الهيئة إن جيش الإسلام انسحب. \
                وأعلنت الجماعة ذلك، ثم قالت القوات إنها تقدمت.";
    let a = x.analyze(text);
    let inferred = |id: &str| -> Vec<&str> {
        actor(&a, id)
            .mentions
            .iter()
            .filter(|m| m.inferred)
            .map(|m| m.text)
            .collect()
    };
    // الهيئة: the most recent actor headed by هيئة, though قوات النظام is nearer.
    assert_eq!(inferred("hts"), ["الهيئة"]);
    // الجماعة: no actor is headed by جماعة, so the most recent rebel group.
    assert_eq!(inferred("jaish"), ["الجماعة"]);
    // القوات links by head only: قوات النظام.
    assert_eq!(inferred("regime"), ["القوات"]);
    // Anaphora are not entities.
    assert!(a.entities.iter().all(|e| e.as_str() != "الهيئة"));
}

#[test]
fn an_ambiguous_town_takes_the_documents_country() {
    let x = tiny();
    let a = x.analyze("قصفت قوات النظام قرية الحميدية في ريف حمص.");
    let p = a.places.iter().find(|p| p.text == "الحميدية").unwrap();
    assert_eq!(p.entry.map(|e| e.id()), Some("hamidiyah-sy"));
    assert!(p.disambiguated);
    assert_eq!(
        p.admin.iter().map(|e| e.id()).collect::<Vec<_>>(),
        ["country-sy"]
    );

    let a = x.analyze("وصل الوفد إلى قرية الحميدية في لبنان.");
    let p = a.places.iter().find(|p| p.text == "الحميدية").unwrap();
    assert_eq!(p.entry.map(|e| e.id()), Some("hamidiyah-lb"));
    assert!(!p.disambiguated);
    // A country after a location word is a place, not an actor.
    assert!(a.actors.iter().all(|x| x.kind != ActorKind::State));
}

/// Text, type, actor1, actor2, place.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

#[test]
fn each_interaction_type() {
    let x = tiny();
    #[rustfmt::skip]
    let table: [Case; 7] = [
        ("جرت مفاوضات بين جيش الإسلام وقوات النظام في دوما.", "negotiation", "jaish", Some("regime"), Some("دوما")),
        ("اندلعت اشتباكات بين جيش الإسلام وقوات النظام قرب دوما.", "clashes", "jaish", Some("regime"), Some("دوما")),
        ("شن التحالف الدولي غارات على مواقع جيش الإسلام.", "attack", "coalition", Some("jaish"), None),
        ("وتواصل قصف قوات النظام على دوما.", "attack", "regime", None, Some("دوما")),
        ("أعلنت قوات النظام السيطرة على مدينة دوما.", "control", "regime", None, Some("دوما")),
        ("تقدم جيش الإسلام في دوما بدعم من التحالف الدولي.", "support", "coalition", Some("jaish"), Some("دوما")),
        ("وتقول سوريا إن مفاوضات تجري مع لبنان.", "negotiation", "country-sy", Some("country-lb"), None),
    ];
    for (text, kind, actor1, actor2, place) in table {
        let a = x.analyze(text);
        let i = interaction(&a, kind, actor1, actor2)
            .unwrap_or_else(|| panic!("{text}: {:#?}", a.interactions));
        assert_eq!(i.place.as_ref().map(|p| p.text), place, "{text}");
        assert_eq!(i.directed, !matches!(kind, "negotiation" | "clashes"));
        assert_eq!(a.interactions.len(), 1, "{text}");
    }
}

#[test]
fn every_offset_slices_the_original_text() {
    let x = Extractor::new();
    let a = x.analyze(TEXT);
    let chars = |s: rasd::Span| TEXT.chars().skip(s.start).take(s.len()).collect::<String>();
    for m in a.actors.iter().flat_map(|x| &x.mentions) {
        assert_eq!(&TEXT[m.span.range()], m.text);
        assert_eq!(chars(m.char_span), m.text);
    }
    for p in &a.places {
        assert_eq!(&TEXT[p.span.range()], p.text);
        assert_eq!(chars(p.char_span), p.text);
    }
    for i in &a.interactions {
        assert_eq!(&TEXT[i.trigger_span.range()], i.trigger);
        assert_eq!(chars(i.trigger_char_span), i.trigger);
        assert_eq!(chars(i.sentence_char_span), &TEXT[i.sentence.range()]);
        assert!(i.sentence.start <= i.trigger_span.start && i.trigger_span.end <= i.sentence.end);
    }
}
