//! `Extractor` is `Send + Sync` and shares one compiled automaton: extraction on the same extractor
//! (by reference, by clone, behind an `Arc`, from a rayon pool) in several threads at once gives
//! exactly the single-threaded output, entity for entity.

use rasd::{Entity, Extractor, LoadError};
use rayon::prelude::*;
use std::sync::Arc;

const ARTICLE: &str = include_str!("data/baladi-raqqa-2017.txt");

fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<Extractor>();
    assert_send_sync::<Entity<'static>>();
    assert_send_sync::<LoadError>();
}

/// Everything an entity says, for comparisons.
fn describe(entities: &[Entity<'_>]) -> Vec<String> {
    entities
        .iter()
        .map(|e| {
            format!(
                "{:?} {:?} {} {:?} {:?} {} {:?} {:?} {:?} {:?}",
                e.span(),
                e.char_span(),
                e.as_str(),
                e.kind(),
                e.entry().map(|x| x.id()),
                e.source(),
                e.title_span(),
                e.region(),
                e.local_id(),
                e.alternatives().iter().map(|x| x.id()).collect::<Vec<_>>()
            )
        })
        .collect()
}

/// The article, each of its lines, and variants with odd characters.
fn texts() -> Vec<String> {
    let mut t = vec![ARTICLE.to_string(), ARTICLE.repeat(3)];
    t.extend(ARTICLE.lines().map(String::from));
    t.push(ARTICLE.replace(' ', "\u{640} \u{200f}"));
    t.push(ARTICLE.replace('"', "«"));
    t.push(String::new());
    t
}

fn single_threaded(x: &Extractor, texts: &[String]) -> Vec<Vec<String>> {
    texts.iter().map(|t| describe(&x.extract(t))).collect()
}

#[test]
fn threads_sharing_one_extractor_agree_with_one_thread() {
    let x = Extractor::new();
    let texts = texts();
    let expected = single_threaded(&x, &texts);
    assert!(expected[0].len() > 20, "the article should have entities");
    std::thread::scope(|s| {
        for k in 0..4 {
            let (x, texts, expected) = (&x, &texts, &expected);
            s.spawn(move || {
                for round in 0..10 {
                    // Each thread walks the texts in its own order.
                    for i in (0..texts.len()).map(|i| (i * (k + 1) + round) % texts.len()) {
                        assert_eq!(describe(&x.extract(&texts[i])), expected[i], "text {i}");
                    }
                }
            });
        }
    });
}

#[test]
fn clones_and_arcs_in_threads_agree_with_one_thread() {
    let x = Extractor::new();
    let texts = Arc::new(texts());
    let expected = Arc::new(single_threaded(&x, &texts));
    let shared = Arc::new(x.clone());
    let handles: Vec<_> = (0..4)
        .map(|k| {
            let (texts, expected) = (Arc::clone(&texts), Arc::clone(&expected));
            let (clone, shared) = (x.clone(), Arc::clone(&shared));
            std::thread::spawn(move || {
                for i in 0..texts.len() {
                    let which = if (i + k) % 2 == 0 { &clone } else { &*shared };
                    assert_eq!(describe(&which.extract(&texts[i])), expected[i]);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("no thread panics");
    }
}

#[test]
fn a_rayon_pool_agrees_with_one_thread() {
    let x = Extractor::new();
    let texts: Vec<String> = texts().into_iter().cycle().take(200).collect();
    let expected = single_threaded(&x, &texts);
    let parallel: Vec<Vec<String>> = texts.par_iter().map(|t| describe(&x.extract(t))).collect();
    assert_eq!(parallel, expected);
}
