//! The CoNLL scoring of the `evaluate` example on a hand-made fixture (`data/evaluate.conll`,
//! invented names in `data/evaluate.tsv`): BIO chunking, the first-overlapping-entity rule,
//! exact match, MISC and nationalities left out, and the figures, computed by hand.

#[path = "../examples/support/conll.rs"]
#[allow(dead_code)]
mod conll;
#[path = "../examples/support/report.rs"]
#[allow(dead_code)]
mod report;

use conll::{Chunk, Counts, Score, Type};
use rasd::Extractor;

const CONLL: &str = include_str!("data/evaluate.conll");
const GAZETTEER: &str = include_str!("data/evaluate.tsv");

fn extractor() -> Extractor {
    Extractor::builder()
        .default_gazetteers(false)
        .add_gazetteer_str("evaluate.tsv", GAZETTEER)
        .build()
        .unwrap()
}

fn c(start: usize, end: usize, ty: Type) -> Chunk {
    Chunk { start, end, ty }
}

/// Gold and predicted chunks of one sentence.
type Pair = (Vec<Chunk>, Vec<Chunk>);

/// Gold and predicted chunks of every fixture sentence, and the total score.
fn run() -> (Vec<Pair>, Score) {
    let x = extractor();
    let mut score = Score::default();
    let mut out = Vec::new();
    for s in conll::parse("evaluate.conll", CONLL).unwrap() {
        let (text, ranges) = conll::join(&s.tokens);
        let entities = x.extract(&text);
        let gold = conll::gold_chunks(&s.tags);
        let predicted = conll::predicted_chunks(&ranges, &entities);
        conll::score_sentence(&gold, &predicted, &mut score);
        out.push((gold, predicted.iter().map(|p| p.chunk).collect()));
    }
    (out, score)
}

#[test]
fn blank_lines_make_no_empty_sentences() {
    let s = conll::parse("evaluate.conll", CONLL).unwrap();
    let lens: Vec<usize> = s.iter().map(|s| s.tokens.len()).collect();
    assert_eq!(lens, [10, 4, 7, 6, 3, 3, 2]);
    assert_eq!(s[0].line, 3);
    assert_eq!(s[3].line, 29);
    assert_eq!(
        s[6].tokens,
        ["الزهراني", "زمرين"],
        "the last line has no newline"
    );
}

#[test]
fn chunks_per_sentence() {
    use Type::{Loc, Org, Pers};
    let (s, _) = run();
    let expected = [
        // every type found exactly
        (
            vec![c(1, 3, Pers), c(3, 4, Loc), c(5, 7, Org), c(8, 10, Org)],
            vec![c(1, 3, Pers), c(3, 4, Loc), c(5, 7, Org), c(8, 10, Org)],
        ),
        // I- after O starts a chunk; I- after another type starts one too
        (
            vec![c(1, 2, Loc), c(2, 3, Pers), c(3, 4, Loc)],
            vec![c(1, 2, Loc), c(2, 4, Pers)],
        ),
        // adjacent entities of one type are two chunks, on both sides
        (
            vec![c(0, 1, Loc), c(1, 3, Loc), c(4, 7, Loc)],
            vec![c(0, 1, Loc), c(1, 3, Loc), c(4, 5, Loc), c(5, 7, Loc)],
        ),
        // MISC is no gold chunk; the nationality is no predicted chunk
        (vec![c(0, 3, Pers)], vec![c(0, 2, Pers), c(5, 6, Loc)]),
        // a token takes the first entity overlapping it (قمران، then الأجنحة الزرق)
        (
            vec![c(0, 1, Loc), c(1, 2, Org), c(2, 3, Loc)],
            vec![c(0, 1, Loc), c(1, 2, Org)],
        ),
        // an entity after a proclitic gives its type to the whole token
        (
            vec![c(0, 1, Loc), c(1, 3, Pers)],
            vec![c(0, 1, Loc), c(1, 3, Pers)],
        ),
        (vec![c(1, 2, Loc)], vec![]),
    ];
    for (i, (got, want)) in s.iter().zip(&expected).enumerate() {
        assert_eq!(got, want, "sentence {i}");
    }
    assert_eq!(s.len(), expected.len());
}

#[test]
fn scores_by_hand() {
    let (_, score) = run();
    let counts = |gold, predicted, correct| Counts {
        gold,
        predicted,
        correct,
    };
    assert_eq!(score.of(Type::Pers), counts(4, 4, 2));
    assert_eq!(score.of(Type::Loc), counts(10, 9, 6));
    assert_eq!(score.of(Type::Org), counts(3, 3, 3));
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    let loc = score.of(Type::Loc);
    assert!(close(loc.precision(), 6.0 / 9.0));
    assert!(close(loc.recall(), 0.6));
    assert!(close(loc.f1(), 12.0 / 19.0));
    assert!(close(score.of(Type::Pers).f1(), 0.5));
    assert!(close(score.of(Type::Org).f1(), 1.0));
    let micro = score.micro();
    assert_eq!(micro, counts(17, 16, 11));
    assert!(close(micro.precision(), 11.0 / 16.0));
    assert!(close(micro.recall(), 11.0 / 17.0));
    assert!(close(micro.f1(), 22.0 / 33.0));
    assert_eq!(
        Counts::default().f1(),
        0.0,
        "no gold and no prediction is 0, not NaN"
    );
}

#[test]
fn error_classes() {
    let x = extractor();
    let sentences = conll::parse("evaluate.conll", CONLL).unwrap();
    let mut classes = Vec::new();
    for s in &sentences {
        let (text, ranges) = conll::join(&s.tokens);
        let entities = x.extract(&text);
        let gold = conll::gold_chunks(&s.tags);
        let predicted = conll::predicted_chunks(&ranges, &entities);
        let e = conll::score_sentence(&gold, &predicted, &mut Score::default());
        let raw = conll::raw_chunks(&s.tags);
        for m in &e.missed {
            let t = conll::chunk_text(&s.tokens, m.start, m.end);
            classes.push(format!(
                "missed {} {t} {}",
                m.ty,
                conll::miss_class(m, &predicted)
            ));
        }
        for p in &e.spurious {
            let (t, k) = (&p.chunk, conll::spurious_class(&p.chunk, &raw));
            let t = format!("{} {}", t.ty, conll::chunk_text(&s.tokens, t.start, t.end));
            classes.push(format!("spurious {t} {k}"));
        }
    }
    assert_eq!(
        classes,
        [
            "missed PERS ساهر boundary",
            "missed LOC القرنفلي type",
            "spurious PERS ساهر القرنفلي boundary",
            "missed LOC قمران ورد السرو boundary",
            "spurious LOC قمران boundary",
            "spurious LOC ورد السرو boundary",
            "missed PERS ساهر القرنفلي الكبير boundary",
            "spurious PERS ساهر القرنفلي boundary",
            "spurious LOC قمران misc",
            "missed LOC الزهراني none",
            "missed LOC زمرين none",
        ]
    );
}

#[test]
fn bad_lines_name_file_and_line() {
    let e = conll::parse("x.conll", "قمران B-LOC\n\nفي\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "x.conll:3: expected `TOKEN TAG`, found 1 fields"
    );
    let e = conll::parse("x.conll", "قمران X-LOC\n").unwrap_err();
    assert_eq!(e.to_string(), "x.conll:1: bad tag `X-LOC`");
    assert!(conll::parse("x.conll", "a B-\n").is_err());
    assert!(conll::parse("x.conll", "a b O\n").is_err());
    assert!(conll::parse("x.conll", "").unwrap().is_empty());
}

#[test]
fn context_marks_the_chunk() {
    let t: Vec<String> = "a b c d e f g".split(' ').map(String::from).collect();
    assert_eq!(conll::context(&t, 3, 5, 2), "… b c [d e] f g");
    assert_eq!(conll::context(&t, 0, 1, 2), "[a] b c …");
    assert_eq!(conll::context(&t, 6, 7, 1), "… f [g]");
}

#[test]
fn report_counts_strings_and_keeps_the_first_context() {
    use report::{Report, Side};
    let mut r = Report::default();
    for (text, ctx) in [("b", "1"), ("a", "2"), ("b", "3"), ("c", "4")] {
        let class = if text == "b" { "none" } else { "boundary" };
        r.add(
            Side::Missed,
            "LOC",
            text.into(),
            class,
            || ctx.into(),
            String::new,
        );
    }
    let top: Vec<(&str, usize, &str)> = r
        .top("LOC", Side::Missed, 2)
        .iter()
        .map(|i| (i.text.as_str(), i.count, i.context.as_str()))
        .collect();
    assert_eq!(top, [("b", 2, "1"), ("a", 1, "2")]);
    assert_eq!(r.total("LOC", Side::Missed), 4);
    assert_eq!(
        r.classes("LOC", Side::Missed),
        [("boundary", 2), ("none", 2)]
    );
    assert_eq!(r.total("LOC", Side::Spurious), 0);
}
