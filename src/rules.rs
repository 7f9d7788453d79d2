//! Stage 3: turn automaton hits into candidate entities.
//!
//! * Aliases become candidates; context aliases only after a trigger that fits the entry's kind.
//! * Trigger words introduce names no gazetteer knows: titles and speech verbs before people,
//!   group and organization nouns before groups, place nouns before places. A quoted name runs to
//!   its closing quote; an unquoted one is read with the name lists and stop words.
//! * Region words (ريف, شمال) widen a place into a region phrase with its direction.
//!
//! Candidates may overlap; [`crate::resolve`] picks among them.

use crate::entity::Source;
use crate::gazetteer::{Brief, Category, Entry, Feature, Kind};
use crate::matcher::{Hit, Matcher, Target};
use crate::normalize::{
    code, is_proclitic, is_separator, is_word, ALEF, ARABIC_BASE, BA, FA, KAF, LAM, QUOTE, SPACE,
    WAW,
};

const YA: u8 = code('ي');
const MIM: u8 = code('م');
/// Gazetteer places below this priority (all but countries, admin1 units, capitals and cities of
/// a million) with short names do not match after a proclitic.
const MIN_CLITIC_PRIORITY: i32 = 40;
/// At most this many words (titles, complements, known names) chain after a title's head.
const MAX_TITLE_CHAIN: usize = 6;
/// Folded bytes a coordinated alias is looked for before a word (aliases are a few words).
const MAX_ALIAS_BYTES: u32 = 64;
const HA: u8 = code('ه');
use crate::trie::FxHashMap as HashMap;
use crate::triggers::{Class, Lexicon, NameRole, Names, Trigger};

/// Where context aliases of some categories fire without a trigger word right before them.
#[derive(Clone, Copy)]
struct Licence<'e> {
    /// In a sports sentence: clubs.
    sport: bool,
    /// Told to, or a dateline's source: media outlets.
    media: bool,
    /// The kinds the trigger words right before license ([`kind_bit`]), and
    /// [`SPORT_CUE_BIT`].
    kinds: u8,
    /// The kinds of known armed groups coordinated with the word by و ([`Rules::coordinated`]).
    coordinated: u8,
    /// The country of a nationality right after the word: a coordinated context alias of
    /// another country's entry is a common word (حزب العمال الكردستاني والدولة التركية).
    country_after: Option<&'e str>,
}

impl Licence<'_> {
    /// True when the context around a hit licenses entry `e`'s context aliases (and ranks it
    /// first among the entries of the hit). A club's context alias (النصر، السد) needs sport
    /// around it: after حزب or كتيبة the same word names a party or a brigade.
    fn allows(&self, e: &Brief, countries: Option<&str>) -> bool {
        let sports = e.category == Some(Category::Sports);
        let same_country = || match (self.country_after, countries) {
            (None, _) => true,
            (Some(c), Some(countries)) => countries.split('|').any(|x| x == c),
            (Some(_), None) => false,
        };
        (!sports && self.kinds & kind_bit(e.kind) != 0)
            || (!sports && self.coordinated & kind_bit(e.kind) != 0 && same_country())
            || (sports && (self.sport || self.kinds & SPORT_CUE_BIT != 0))
            || (self.media && e.category == Some(Category::Media))
    }
}

/// The sports sentence (start, end, weight; from [`Rules::sport_sentences`]) holding `pos`.
fn sentence_at(sport: &[(u32, u32, u32)], pos: u32) -> Option<&(u32, u32, u32)> {
    let i = sport.partition_point(|s| s.1 < pos);
    sport.get(i).filter(|s| s.0 <= pos)
}

/// One bit per entity kind.
fn kind_bit(k: Kind) -> u8 {
    match k {
        Kind::Person => 1,
        Kind::Place => 2,
        Kind::ArmedGroup => 4,
        Kind::Organization => 8,
        Kind::Nationality => 16,
    }
}

/// In [`Licence::kinds`]: a sport cue ends right before the word.
const SPORT_CUE_BIT: u8 = 32;

/// The kinds a trigger licenses, as [`kind_bit`]s.
fn kind_bits(t: &Trigger) -> u8 {
    [
        Kind::Person,
        Kind::Place,
        Kind::ArmedGroup,
        Kind::Organization,
        Kind::Nationality,
    ]
    .into_iter()
    .filter(|&k| t.licenses(k))
    .fold(0, |a, k| a | kind_bit(k))
}

/// How far before a media name (folded bytes, about twelve words) a speech verb is looked for.
const MEDIA_WINDOW: u32 = 80;

/// The entries of a candidate: inline up to two, so an alias hit allocates nothing.
pub(crate) type Entries = tinyvec::TinyVec<[u32; 2]>;

/// A candidate entity, in folded offsets.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) kind: Kind,
    /// Linked entries, best first; empty for names no gazetteer knows.
    pub(crate) entries: Entries,
    pub(crate) source: Source,
    /// Folded span of the title words before a person.
    pub(crate) title: Option<(u32, u32)>,
    pub(crate) region: Option<RegionCandidate>,
    /// Document-local id shared by the mentions of one unknown name.
    pub(crate) local: Option<u32>,
    /// The length of the longer alias that named this span, when the span is a name inside
    /// it (بورتو in بورتو البرتغالي); 0 otherwise. Among equal spans the longer evidence wins.
    pub(crate) reach: u32,
}

impl Candidate {
    /// A name no gazetteer knows, found by a rule: no entries, title, region or local id yet.
    fn unknown(start: u32, end: u32, kind: Kind, source: Source) -> Candidate {
        Candidate {
            start,
            end,
            kind,
            entries: Entries::new(),
            source,
            title: None,
            region: None,
            local: None,
            reach: 0,
        }
    }
}

/// A region phrase: the region word, its direction trigger if any, and the whole phrase.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RegionCandidate {
    pub(crate) modifier: (u32, u32),
    /// Index of the trigger that gives the direction.
    pub(crate) direction: Option<u32>,
    /// The whole phrase.
    pub(crate) phrase: (u32, u32),
}

/// True for a word with the article ال and at least two more letters.
fn definite(w: &[u8]) -> bool {
    w.len() > 3 && w[0] == ALEF && w[1] == LAM
}

/// True for a word that starts with a proclitic and the article (والحكومة، بالقول، للأمن): a
/// noun phrase, never part of a person's name.
fn clitic_article(w: &[u8]) -> bool {
    w.len() > 4
        && ((w[0] == LAM && w[1] == LAM)
            || (matches!(w[0], WAW | FA | BA | KAF | LAM) && w[1] == ALEF && w[2] == LAM))
}

/// True for a word of a verbal-noun pattern that names an act, not a person: افتعال
/// (اقتراح، احتجاج، اجتماع), استفعال (استخدام), تفعيل (تشكيل، ترسيم). Unlisted words of these
/// shapes are not taken as surnames.
fn masdar(w: &[u8]) -> bool {
    const TA: u8 = code('ت');
    const SIN: u8 = code('س');
    match w.len() {
        6 => w[0] == ALEF && w[2] == TA && w[4] == ALEF,
        7 => w[0] == ALEF && w[1] == SIN && w[2] == TA && w[5] == ALEF,
        5 => w[0] == TA && w[3] == YA,
        _ => false,
    }
}

/// True for an indefinite word ending like a nisba adjective (سورية، عسكري).
fn nisba(w: &[u8]) -> bool {
    !definite(w) && w.len() > 3 && (w.ends_with(&[YA]) || w.ends_with(&[YA, HA]))
}

/// A word of folded text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// Splits folded text into words.
pub(crate) fn tokenize(hay: &[u8], out: &mut Vec<Token>) {
    out.clear();
    let mut start = None;
    for (i, &b) in hay.iter().enumerate() {
        match (is_word(b), start) {
            (true, None) => start = Some(i as u32),
            (false, Some(s)) => {
                out.push(Token {
                    start: s,
                    end: i as u32,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: hay.len() as u32,
        });
    }
}

/// The index of the first of `tokens` that starts at or after `start`, as
/// `tokens.partition_point(|t| t.start < start)`, searched from the index `hint`: the rules ask
/// mostly in text order, so the search goes forward from the last answer by steps that double
/// (a binary search over all tokens was 2% of a long document's time).
fn first_token_from(tokens: &[Token], start: u32, hint: usize) -> usize {
    if hint <= tokens.len() && (hint == 0 || tokens[hint - 1].start < start) {
        // Every token before `lo` starts before `start`.
        let (mut lo, mut step) = (hint, 1);
        while lo + step <= tokens.len() && tokens[lo + step - 1].start < start {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step).min(tokens.len());
        lo + tokens[lo..hi].partition_point(|t| t.start < start)
    } else {
        tokens[..hint.min(tokens.len())].partition_point(|t| t.start < start)
    }
}

/// Trigger indices by an offset (where they start or end), in index order for one offset: a
/// sorted array of pairs, one allocation rather than a map of vectors.
struct Index(Vec<(u32, usize)>);

impl Index {
    fn new(pairs: impl Iterator<Item = (u32, usize)>) -> Index {
        let mut pairs: Vec<(u32, usize)> = pairs.collect();
        pairs.sort_unstable();
        Index(pairs)
    }

    /// The indices at `key`, if any.
    fn get(&self, key: &u32) -> Option<impl Iterator<Item = usize> + '_> {
        let from = self.0.partition_point(|p| p.0 < *key);
        let to = from + self.0[from..].iter().take_while(|p| p.0 == *key).count();
        (to > from).then(|| self.0[from..to].iter().map(|p| p.1))
    }
}

/// The token sets of [`Rules::filter_tokens`].
struct FilteredTokens {
    given: Marks,
    heads: Marks,
}

/// One bit per folded byte, or per token ([`Rules::filter_tokens`]): bit `i % 64` of word
/// `i / 64` is position `i`.
pub(crate) struct Marks(Vec<u64>);

impl Marks {
    /// The word starts of `hits` (before their proclitics) in a text of `len` bytes.
    pub(crate) fn hit_words(hits: &[Hit], len: usize) -> Marks {
        let mut m = Marks::new(len);
        for h in hits {
            m.set(h.start - h.prefix as u32);
        }
        m
    }

    fn new(len: usize) -> Marks {
        Marks(vec![0; len / 64 + 1])
    }
    fn set(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut(i as usize / 64) {
            *w |= 1 << (i % 64);
        }
    }
    fn get(&self, i: u32) -> bool {
        self.0
            .get(i as usize / 64)
            .is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    /// The first set position at `from` or after it.
    fn next_set(&self, from: usize) -> Option<usize> {
        let mut w = from / 64;
        let mut x = self.0.get(w)? & (u64::MAX << (from % 64));
        while x == 0 {
            w += 1;
            x = *self.0.get(w)?;
        }
        Some(w * 64 + x.trailing_zeros() as usize)
    }

    /// The set positions, ascending.
    fn ones(&self) -> impl Iterator<Item = usize> + '_ {
        (self.0.iter().enumerate()).flat_map(|(w, &x)| {
            let mut x = x;
            std::iter::from_fn(move || {
                (x != 0).then(|| {
                    let b = x.trailing_zeros() as usize;
                    x &= x - 1;
                    w * 64 + b
                })
            })
        })
    }
}

/// Everything the rules look at for one text.
pub(crate) struct Rules<'x> {
    pub(crate) hay: &'x [u8],
    pub(crate) hits: &'x [Hit],
    /// [`Marks::hit_words`] of `hits`: most words start no hit, and a bit says so before a
    /// binary search over all hits.
    pub(crate) hit_words: Marks,
    pub(crate) tokens: &'x [Token],
    /// Where [`Rules::token_at`] found its last token (a hint; 0 to start with).
    pub(crate) token_hint: std::cell::Cell<usize>,
    /// The hash of each token for the word lists (`WordSet::contains_hashed`), from the scan.
    pub(crate) token_hashes: &'x [u64],
    pub(crate) matcher: &'x Matcher,
    /// [`crate::gazetteer::Entry::brief`] of each entry.
    pub(crate) entries: &'x [Brief],
    /// The entries themselves, for the rare questions [`Brief`] leaves out (an entry's
    /// countries, asked only of coordinated context aliases).
    pub(crate) full: &'x [Entry],
    pub(crate) lexicon: &'x Lexicon,
}

/// A trigger hit with its trigger.
#[derive(Clone, Copy)]
struct TriggerHit<'x> {
    hit: Hit,
    index: u32,
    trigger: &'x Trigger,
}

impl<'x> Rules<'x> {
    /// Produces all candidates, in no particular order.
    pub(crate) fn candidates(&self, out: &mut Vec<Candidate>) {
        out.clear();
        let mut triggers = Vec::with_capacity(self.hits.len());
        for hit in self.hits {
            for t in self.matcher.targets(hit) {
                if let Target::Trigger(i) = *t {
                    triggers.push(TriggerHit {
                        hit: *hit,
                        index: i,
                        trigger: &self.lexicon.triggers[i as usize].1,
                    });
                }
            }
        }
        let by_end = Index::new(triggers.iter().enumerate().map(|(i, t)| (t.hit.end, i)));
        // Where some trigger ends or starts: most words have none, and a bit answers that
        // before a binary search over all triggers (which a long document makes costly).
        let mut trigger_ends = Marks::new(self.hay.len());
        let mut trigger_starts = Marks::new(self.hay.len());
        for t in &triggers {
            trigger_ends.set(t.hit.end);
            trigger_starts.set(t.hit.start);
        }
        let before = |word_start: u32| -> Option<&TriggerHit> {
            let e = word_start.checked_sub(1)?;
            if !trigger_ends.get(e) || !is_separator(self.hay[e as usize]) {
                return None;
            }
            by_end
                .get(&e)?
                .map(|i| &triggers[i])
                .min_by_key(|t| t.hit.start)
        };
        let by_start = Index::new(triggers.iter().enumerate().map(|(i, t)| (t.hit.start, i)));
        // The end of a place noun (not part of the name) at the start of a hit, before its end.
        let lead_noun = |hit: &Hit| -> Option<(u32, Class)> {
            if !trigger_starts.get(hit.start) {
                return None;
            }
            by_start
                .get(&hit.start)?
                .map(|i| &triggers[i])
                .find_map(|t| {
                    let ok = matches!(t.trigger.class, Class::PlaceNoun | Class::OrgNoun)
                        && !t.trigger.whole
                        && t.hit.end < hit.end
                        && is_separator(self.hay[t.hit.end as usize]);
                    ok.then_some((t.hit.end, t.trigger.class))
                })
        };
        let by_trigger_end = Index::new(
            (triggers.iter().enumerate())
                .filter(|(_, t)| t.trigger.class == Class::Epithet && t.hit.prefix == 0)
                .map(|(i, t)| (t.hit.end, i)),
        );
        // The start of an honorific ending a hit, after its first word.
        let epithet = |hit: &Hit| -> Option<u32> {
            if !trigger_ends.get(hit.end) {
                return None;
            }
            by_trigger_end
                .get(&hit.end)?
                .map(|i| triggers[i].hit.start)
                .find(|&s| s > hit.start && is_separator(self.hay[s as usize - 1]))
        };
        let sport = self.sport_sentences(&triggers);
        // Hits come by start, so the sentence a hit is in is found by a cursor that only moves
        // forward (a binary search a hit was a tenth of the time on a long document).
        let mut sport_at = 0;
        let mut in_sport = |pos: u32| {
            while sport.get(sport_at).is_some_and(|s| s.1 < pos) {
                sport_at += 1;
            }
            sport.get(sport_at).is_some_and(|s| s.0 <= pos)
        };
        // A title that names the team in a sports sentence: الفريق is a lieutenant general
        // elsewhere, but الفريق الضيف is the visiting side
        // (`team_title` in `rules/name_words.txt`).
        // A binary search (`sentence_at`): such titles are rare, and the cursor of `in_sport`
        // moves with hits.
        let team_title = |t: &TriggerHit| {
            t.trigger.class == Class::PersonTitle
                && sentence_at(&sport, t.hit.start).is_some()
                && self
                    .lexicon
                    .name_role(&self.hay[t.hit.start as usize..t.hit.end as usize])
                    == Some(NameRole::TeamTitle)
        };
        // Speech verbs, for media names told to (قال ... للجزيرة).
        let speech: Vec<u32> = (triggers.iter())
            .filter(|t| t.trigger.class == Class::SpeechVerb)
            .map(|t| t.hit.end)
            .collect();
        // The kinds licensed by any trigger ending right before a word (مراسل is a title and
        // an organization noun: مراسل الجزيرة).
        let kinds_before = |word_start: u32| -> u8 {
            let Some(e) = word_start.checked_sub(1) else {
                return 0;
            };
            if !trigger_ends.get(e) || !is_separator(self.hay[e as usize]) {
                return 0;
            }
            by_end.get(&e).map_or(0, |v| {
                v.filter(|&i| !team_title(&triggers[i]))
                    .map(|i| {
                        let t = triggers[i].trigger;
                        kind_bits(t)
                            | if t.class == Class::SportCue {
                                SPORT_CUE_BIT
                            } else {
                                0
                            }
                    })
                    .fold(0, |a, b| a | b)
            })
        };
        // A speech verb right after a word makes it a speaker (الحكيم قال): people's context
        // aliases fire there.
        let speaker_after = |end: u32| -> u8 {
            let speaks = self.next_word(end).is_some_and(|w| {
                (trigger_starts.get(w) || trigger_starts.get(w + 1) || trigger_starts.get(w + 2))
                    && self
                        .triggers_at(&triggers, w)
                        .any(|t| t.trigger.class == Class::SpeechVerb && t.hit.prefix == 0)
            });
            if speaks {
                kind_bit(Kind::Person)
            } else {
                0
            }
        };
        for (i, hit) in self.hits.iter().enumerate() {
            // Only context aliases need the sentence looked at (media positions, a speaker's
            // verb after); for the rest the trigger before only ranks the entries.
            let context = (self.matcher.targets(hit).iter())
                .any(|t| matches!(t, Target::Alias { context: true, .. }));
            let coordinated = if context { self.coordinated(hit) } else { 0 };
            let licence = Licence {
                sport: !sport.is_empty() && in_sport(hit.start),
                media: context && self.media_position(hit, &speech),
                kinds: kinds_before(hit.start - hit.prefix as u32)
                    | if context { speaker_after(hit.end) } else { 0 },
                coordinated,
                country_after: if coordinated != 0 {
                    self.nationality_after(hit.end)
                } else {
                    None
                },
            };
            if let Some(c) = self.alias_candidate(
                i,
                before(hit.start - hit.prefix as u32),
                licence,
                lead_noun,
                epithet,
            ) {
                out.push(c);
            }
        }
        let filtered = self.filter_tokens();
        self.name_patterns(&triggers, &filtered.given, out);
        let mut titles = Vec::new();
        for t in triggers.iter().filter(|t| !team_title(t)) {
            self.trigger_rule(t, &triggers, &by_end, out, &mut titles);
        }
        if !titles.is_empty() {
            // The people at each start, in candidate order (a scan of `out` per title would be
            // quadratic in a long document).
            let mut people: Vec<(u32, usize)> = (out.iter().enumerate())
                .filter(|(_, c)| c.kind == Kind::Person)
                .map(|(i, c)| (c.start, i))
                .collect();
            people.sort_unstable();
            for (start, title) in titles {
                let from = people.partition_point(|p| p.0 < start);
                for &(_, i) in people[from..].iter().take_while(|p| p.0 == start) {
                    out[i].title.get_or_insert(title);
                }
            }
        }
        if !sport.is_empty() {
            self.team_names(&triggers, &sport, out);
        }
        self.definite_orgs(&triggers, &filtered.heads, out);
        self.regions(&triggers, out);
        self.nationality_titles(&triggers, &by_end, out);
        self.extend_people(&triggers, out);
    }

    /// Widens people over the name parts right before them: known given names (خوسيه لويس
    /// ثاباتيرو), a kunya word (أبي الحسن المسعودي) and nasab links (أحمد بن محمد بن راشد).
    fn extend_people(&self, triggers: &[TriggerHit], out: &mut [Candidate]) {
        let lex = self.lexicon;
        let free = |t: Token| {
            let w = self.word(t);
            !lex.is_stopword(w)
                && !clitic_article(w)
                && !self
                    .triggers_at(triggers, t.start)
                    .any(|x| x.trigger.creates.is_some())
                && !self.aliases_at(t.start).any(|(_, k)| k != Kind::Person)
        };
        // The token before token `i` when only a space separates them.
        let before = |i: usize| -> Option<usize> {
            let t = self.tokens.get(i.checked_sub(1)?)?;
            let next = self.tokens[i];
            (t.end + 1 == next.start && self.hay[t.end as usize] == SPACE).then(|| i - 1)
        };
        for c in out.iter_mut().filter(|c| c.kind == Kind::Person) {
            // Regnal numbers after the name are part of it (ألفونسو الثالث عشر).
            let mut j = self.tokens.partition_point(|t| t.end < c.end);
            for _ in 0..2 {
                if self.tokens.get(j).is_none_or(|t| t.end != c.end) {
                    break;
                }
                match self.tokens.get(j + 1) {
                    Some(n)
                        if before(j + 1) == Some(j)
                            && lex.name_role(self.word(*n)) == Some(NameRole::Regnal) =>
                    {
                        c.end = n.end;
                        j += 1;
                    }
                    _ => break,
                }
            }
            let Some(mut i) = self.token_at(c.start) else {
                continue;
            };
            // Proclitic letters on a kunya stay outside the span (لأبي الحسن).
            let mut clitic = 0;
            // Never into the title words before the name.
            let floor = c.title.map_or(0, |t| t.1);
            for _ in 0..4 {
                let Some(p) = before(i).filter(|&p| self.tokens[p].start >= floor) else {
                    break;
                };
                let w = self.word(self.tokens[p]);
                if let Some(k) = (0..=2).find(|&k| {
                    w.len() > k
                        && (k == 0 || is_proclitic(&w[..k]))
                        && lex.name_role(&w[k..]) == Some(NameRole::Kunya)
                }) {
                    i = p;
                    clitic = k as u32;
                    break;
                }
                if lex.name_role(w) == Some(NameRole::Nasab) {
                    match before(p) {
                        Some(g)
                            if self.tokens[g].start >= floor
                                && lex.given.contains(self.word(self.tokens[g]))
                                && free(self.tokens[g]) =>
                        {
                            i = g;
                            continue;
                        }
                        _ => break,
                    }
                }
                if (lex.given.contains(w) || lex.foreign_given.contains(w)) && free(self.tokens[p])
                {
                    i = p;
                    continue;
                }
                break;
            }
            c.start = self.tokens[i].start + clitic;
        }
    }

    /// The sports sentences of the text, as sorted folded ranges with their weight: the
    /// stretches between sentence ends (`.`, `?`, `!`) whose sport cue words weigh two or more.
    fn sport_sentences(&self, triggers: &[TriggerHit]) -> Vec<(u32, u32, u32)> {
        let mut cues: Vec<(u32, u32)> = (triggers.iter())
            .filter(|t| t.trigger.class == Class::SportCue)
            .map(|t| (t.hit.start - t.hit.prefix as u32, t.trigger.weight()))
            .collect();
        // A score (3 - 1, 2-0) or a fixture (سلتيك ( اسكتلندا ) - كوبنهاغن) is a cue of weight
        // two: a match report.
        for i in memchr::memchr_iter(b'-', self.hay) {
            if self.score_at(i) || self.fixture_at(i) {
                cues.push((i as u32, 2));
            }
        }
        cues.sort_unstable();
        // One word may hit several cue rows (المباراة, مباراة): it counts once, at its weight.
        cues.dedup_by(|b, a| {
            a.1 = a.1.max(b.1);
            a.0 == b.0
        });
        let mut out = Vec::new();
        if cues.iter().map(|c| c.1).sum::<u32>() < 2 {
            return out;
        }
        let ends = memchr::memchr3_iter(b'.', b'?', b'!', self.hay)
            .map(|i| i as u32)
            .chain(std::iter::once(self.hay.len() as u32));
        let (mut start, mut k) = (0, 0);
        for end in ends {
            let mut weight = 0;
            while k < cues.len() && cues[k].0 < end {
                weight += cues[k].1;
                k += 1;
            }
            if weight >= 2 {
                out.push((start, end, weight));
            }
            start = end + 1;
        }
        out
    }

    /// Clubs no gazetteer knows, in sports sentences: after a cue that names a team (فريق،
    /// مضيفه، أمام), a definite word and at most one definite nisba after it (فريق الحسنية،
    /// أمام الجمعية السلاوية). Not a cue, trigger, stop word, nationality, known name, ordinal,
    /// sound masculine plural or a word that describes a team (`not_team` in `rules/name_words.txt`: فريق الضيف). The
    /// rest of the sentence must be sports on its own: أمام and مرمى are also plain words (أمام
    /// الفاعلين، تحت مرمى المعارضة).
    fn team_names(
        &self,
        triggers: &[TriggerHit],
        sport: &[(u32, u32, u32)],
        out: &mut Vec<Candidate>,
    ) {
        let lex = self.lexicon;
        const NUN: u8 = code('ن');
        const WAW_NUN: [u8; 2] = [WAW, NUN];
        let free = |t: Token| {
            let w = self.word(t);
            // A sound masculine plural names people, not a club (الفاعلين، اللاعبون).
            let plural = w.ends_with(&[YA, NUN]) || w.ends_with(&WAW_NUN);
            definite(w)
                && !plural
                && !lex.is_stopword_with_clitic(w)
                && !matches!(lex.name_role(w), Some(NameRole::NotTeam | NameRole::Regnal))
                && self.triggers_at(triggers, t.start).next().is_none()
                && self.alias_entries_at(t.start).next().is_none()
        };
        for cue in triggers {
            if cue.trigger.class != Class::SportCue || cue.trigger.names != Names::Any {
                continue;
            }
            let sports = sentence_at(sport, cue.hit.start)
                .is_some_and(|s| s.2.saturating_sub(cue.trigger.weight()) >= 2);
            if !sports {
                continue;
            }
            let Some(p) = self.next_word(cue.hit.end) else {
                continue;
            };
            if self.hay[cue.hit.end as usize] != SPACE {
                continue;
            }
            let Some(k) = self.token_at(p) else { continue };
            let first = self.tokens[k];
            if !free(first) {
                continue;
            }
            let mut end = first.end;
            if let Some(&second) = self.tokens.get(k + 1) {
                let w = self.word(second);
                if second.start == end + 1
                    && self.hay[end as usize] == SPACE
                    && free(second)
                    && w.len() > 4
                    && (w.ends_with(&[YA]) || w.ends_with(&[YA, HA]))
                {
                    end = second.end;
                }
            }
            out.push(Candidate::unknown(
                p,
                end,
                Kind::Organization,
                Source::OrgNoun,
            ));
        }
    }

    /// True when the `-` at `i` joins two scores of one or two digits (3 - 1, 2-0), each a word
    /// of its own.
    fn score_at(&self, i: usize) -> bool {
        let left = &self.hay[..i];
        let left = left.strip_suffix(&[SPACE]).unwrap_or(left);
        let right = &self.hay[i + 1..];
        let right = right.strip_prefix(&[SPACE]).unwrap_or(right);
        // A side is one or two digits, or the word صفر (1 - صفر).
        let zero = [code('ص'), code('ف'), code('ر')];
        let dl = match left.iter().rev().take_while(|b| b.is_ascii_digit()).count() {
            0 if left.ends_with(&zero) => zero.len(),
            n => n,
        };
        let dr = match right.iter().take_while(|b| b.is_ascii_digit()).count() {
            0 if right.starts_with(&zero) => zero.len(),
            n => n,
        };
        let alone = |b: Option<&u8>| b.is_none_or(|&b| !is_word(b));
        (1..=3).contains(&dl)
            && (1..=3).contains(&dr)
            && alone(left.len().checked_sub(dl + 1).map(|j| &left[j]))
            && alone(right.get(dr))
    }

    /// True when the `-` at `i` joins two sides of a fixture list, each named with its country
    /// in brackets: سلتيك ( اسكتلندا ) - كوبنهاغن ( الدنمارك ). A dateline has one side only
    /// (ساو باولو ( البرازيل ) - أ ش أ).
    fn fixture_at(&self, i: usize) -> bool {
        let left = &self.hay[..i];
        let left = left.strip_suffix(&[SPACE]).unwrap_or(left);
        let Some(inner) = left.strip_suffix(b")") else {
            return false;
        };
        let Some(open) = inner.iter().rposition(|&b| b == b'(') else {
            return false;
        };
        let mut r = i + 1;
        r += usize::from(self.hay.get(r) == Some(&SPACE));
        let window = &self.hay[r..self.hay.len().min(r + 48)];
        let right_open = window
            .iter()
            .position(|&b| !(is_word(b) || b == SPACE))
            .filter(|&k| k > 0 && window[k] == b'(');
        self.country_in_brackets(open)
            && right_open.is_some_and(|k| self.country_in_brackets(r + k))
    }

    /// True when the `(` at `open` holds a country and closes: ( إسبانيا ).
    fn country_in_brackets(&self, open: usize) -> bool {
        let mut from = open + 1;
        from += usize::from(self.hay.get(from) == Some(&SPACE));
        self.alias_entries_at(from as u32).any(|(h, e, _)| {
            let e = &self.entries[e as usize];
            let mut close = h.end as usize;
            close += usize::from(self.hay.get(close) == Some(&SPACE));
            h.prefix == 0
                && e.kind == Kind::Place
                && e.feature == Some(Feature::Country)
                && self.hay.get(close) == Some(&b')')
        })
    }

    /// True when the word at `start..end` is a side of a match result: before a country in
    /// brackets and a dash (برشلونة ( إسبانيا ) -), after such a dash (- كوبنهاغن ( الدنمارك )),
    /// or before a score (كوبنهاغن 1 - صفر).
    fn result_side(&self, start: u32, end: u32) -> bool {
        let before = &self.hay[..start as usize];
        let before = before.strip_suffix(&[SPACE]).unwrap_or(before);
        if before.ends_with(b"-") && self.fixture_at(before.len() - 1) {
            return true;
        }
        let after = &self.hay[end as usize..];
        let Some(after) = after.strip_prefix(&[SPACE]) else {
            return false;
        };
        if after.first() == Some(&b'(') {
            let Some(close) = after.iter().take(34).position(|&b| b == b')') else {
                return false;
            };
            let dash = end as usize + 1 + close + 1;
            let dash = dash + usize::from(self.hay.get(dash) == Some(&SPACE));
            return self.hay.get(dash) == Some(&b'-') && self.fixture_at(dash);
        }
        let side = after.iter().take_while(|&&b| is_word(b)).count();
        let dash = end as usize + 1 + side;
        let dash = dash + usize::from(self.hay.get(dash) == Some(&SPACE));
        side > 0 && self.hay.get(dash) == Some(&b'-') && self.score_at(dash)
    }

    /// True where a media outlet's name stands without its noun: alone in quotes or brackets,
    /// after the dative ل in a sentence with a speech verb shortly before (وقال الوزير
    /// للجزيرة), or as the source of a dateline (عمان - الراية :).
    fn media_position(&self, hit: &Hit, speech: &[u32]) -> bool {
        let hay = self.hay;
        let (s, e) = (hit.start as usize, hit.end as usize);
        // A title in quotes or brackets on its own (« الشرق الأوسط »، ( العربي )): news quotes
        // the names of papers and channels, not of regions or peoples.
        let opens = |i: usize| {
            i > 0 && (hay[i - 1] == QUOTE || hay[i - 1] == b'(')
                || (i > 1 && hay[i - 1] == SPACE && matches!(hay[i - 2], QUOTE | b'('))
        };
        let closes = |i: usize| {
            matches!(hay.get(i), Some(&QUOTE) | Some(b')'))
                || (hay.get(i) == Some(&SPACE)
                    && matches!(hay.get(i + 1), Some(&QUOTE) | Some(b')')))
        };
        if hit.prefix == 0 && opens(s) && closes(e) {
            return true;
        }
        if hit.prefix == 1 && hay[s - 1] == LAM {
            let from = hit.start.saturating_sub(MEDIA_WINDOW);
            let i = speech.partition_point(|&x| x < from);
            return speech[i..]
                .iter()
                .take_while(|&&x| x < hit.start)
                .any(|&x| {
                    !hay[x as usize..s]
                        .iter()
                        .any(|b| matches!(b, b'.' | b'?' | b'!'))
                });
        }
        hit.prefix == 0
            && s >= 2
            && hay[s - 1] == SPACE
            && hay[s - 2] == b'-'
            && hay.get(e) == Some(&SPACE)
            && matches!(hay.get(e + 1), Some(b':' | b'-'))
    }

    /// Alias hit `i` as a candidate, if any of its entries may fire here. In a sports sentence
    /// clubs' context aliases fire, and a city right after a cue that names a team
    /// (مضيفه ليون) is a club; in a media position media outlets' context aliases fire.
    fn alias_candidate(
        &self,
        i: usize,
        before: Option<&TriggerHit>,
        licence: Licence,
        lead_noun: impl Fn(&Hit) -> Option<(u32, Class)>,
        epithet: impl Fn(&Hit) -> Option<u32>,
    ) -> Option<Candidate> {
        let hit = &self.hits[i];
        let mut entries = Entries::new();
        let mut context = false;
        // A trigger word is never a context alias itself (أحياء مدينة الرقة: مدينة is a noun).
        let is_trigger = self
            .matcher
            .targets(hit)
            .iter()
            .any(|t| matches!(t, Target::Trigger(_)));
        for t in self.matcher.targets(hit) {
            if let Target::Alias {
                entry,
                context: ctx,
            } = *t
            {
                let e = &self.entries[entry as usize];
                let licensed = licence.allows(e, self.countries(&licence, entry));
                if ctx && (!licensed || is_trigger) {
                    continue;
                }
                // Splitting a proclitic off a word is only believable for names worth the risk:
                // كبيرا is not ك + بيرا, nor وكالات و + ك + الات, whatever town is so called.
                // Gazetteer places below the big cities (by feature and priority) with short
                // names do not match after a proclitic; entries without a feature always do.
                if hit.prefix > 0
                    && e.kind == Kind::Place
                    && e.feature.is_some()
                    && e.priority < MIN_CLITIC_PRIORITY
                    && hit.end - hit.start < 6
                {
                    continue;
                }
                // A word that is itself a known name is not a proclitic and a name (كلاوس is
                // Klaus, not ك + لاوس).
                if hit.prefix > 0 && self.lexicon.is_name(self.whole_word(hit)) {
                    continue;
                }
                // Two proclitics before a three-letter name (فلكيا is not ف + ل + كيا) leave too
                // little of the word to trust, but for the big names.
                if hit.prefix > 1 && hit.end - hit.start <= 3 && e.priority < MIN_CLITIC_PRIORITY {
                    continue;
                }
                context |= ctx;
                if !entries.contains(&entry) {
                    entries.push(entry);
                }
            }
        }
        if entries.is_empty() {
            return None;
        }
        // After a place noun, an indefinite nisba word is an adjective: مدينة سورية is "a Syrian
        // city", not "the city of Syria".
        let word = &self.hay[hit.start as usize..hit.end as usize];
        if hit.prefix == 0
            && before.is_some_and(|b| b.trigger.class == Class::PlaceNoun)
            && nisba(word)
        {
            return None;
        }
        let licensed =
            |e: u32| licence.allows(&self.entries[e as usize], self.countries(&licence, e));
        entries.sort_by_key(|&e| (!licensed(e), -self.entries[e as usize].priority, e));
        let kind = self.entries[entries[0] as usize].kind;
        // A city no club entry claims, right after a cue that names a team, in a sports
        // sentence: an unknown club (مضيفه ليون). Countries stay places (national teams are
        // named by their country).
        let team_cue = before
            .is_some_and(|b| b.trigger.class == Class::SportCue && b.trigger.names == Names::Any);
        // So is a city as a side of a match result (سلتيك ( اسكتلندا ) - كوبنهاغن ( الدنمارك )
        // 1 - صفر).
        if licence.sport
            && (team_cue || self.result_side(hit.start, hit.end))
            && kind == Kind::Place
            && hit.prefix == 0
        {
            let town = matches!(
                self.entries[entries[0] as usize].feature,
                Some(Feature::City | Feature::Town | Feature::Admin1 | Feature::Admin2)
            );
            if town {
                return Some(Candidate::unknown(
                    hit.start,
                    hit.end,
                    Kind::Organization,
                    Source::OrgNoun,
                ));
            }
        }
        // An alias that starts with a descriptor noun (مدينة مشهد, محافظة حلب, وكالة فرانس برس)
        // names the entity after the noun, like the rules for unknown names do.
        let start = match lead_noun(hit) {
            Some((end, Class::PlaceNoun)) if kind == Kind::Place => end + 1,
            Some((end, Class::OrgNoun)) if kind == Kind::Organization => end + 1,
            _ => hit.start,
        };
        // An honorific after a place's name (مكة المكرمة) is not part of it either.
        let end = match epithet(hit) {
            Some(s) if kind == Kind::Place && s > start + 1 => s - 1,
            _ => hit.end,
        };
        // An alias that wraps a shorter alias of the same entry in a descriptor or a nationality
        // (حركة حماس, النادي الأهلي, ريال مدريد الإسباني) names it by the shorter one.
        // Not for places: الولايات المتحدة الأمريكية is one name.
        let (start, end) = match kind {
            Kind::Place => (start, end),
            _ => self.inner_name(i, entries[0]).unwrap_or((start, end)),
        };
        Some(Candidate {
            start,
            end,
            kind,
            source: if context
                && self
                    .matcher
                    .targets(hit)
                    .iter()
                    .all(|t| !matches!(t, Target::Alias { context: false, .. }))
            {
                Source::Context
            } else {
                Source::Gazetteer
            },
            entries,
            title: None,
            region: None,
            local: None,
            reach: if (start, end) == (hit.start, hit.end) {
                0
            } else {
                hit.end - hit.start
            },
        })
    }

    /// The span of a shorter alias of `entry` inside hit `i` when what is left around it is
    /// only a trigger word before it (حركة, النادي) or a nationality after it (الإسباني).
    fn inner_name(&self, i: usize, entry: u32) -> Option<(u32, u32)> {
        let hit = &self.hits[i];
        // Before a nationality a context alias counts too: the longer alias already names the
        // entry (بورتو البرتغالي → بورتو, though بورتو alone is the city). After a trigger it does
        // not: قوات النظام is one name.
        let of_entry = |h: &Hit, context_ok: bool| {
            self.matcher.targets(h).iter().any(|t| {
                matches!(*t, Target::Alias { entry: e, context } if e == entry && (context_ok || !context))
            })
        };
        // The trigger starts the hit, so it carries the hit's proclitic (بحركة طالبان).
        let is_trigger = |s: u32, e: u32| {
            self.hits
                .iter()
                .skip(self.hits.partition_point(|h| h.start < s))
                .take_while(|h| h.start == s)
                .any(|h| {
                    h.end == e
                        && h.prefix == hit.prefix
                        && self.matcher.targets(h).iter().any(|t| {
                            matches!(*t, Target::Trigger(i) if !self.lexicon.triggers[i as usize].1.whole)
                        })
                })
        };
        let is_nationality = |s: u32, e: u32| {
            self.hits.iter().skip(self.hits.partition_point(|h| h.start < s)).take_while(|h| h.start == s).any(|h| {
                h.end == e
                    && self.matcher.targets(h).iter().any(|t| {
                        matches!(*t, Target::Alias { entry, .. } if self.entries[entry as usize].kind == Kind::Nationality)
                    })
            })
        };
        // The first hit at the same start: a few before `i` at most (hits come by start).
        let from = i
            - (self.hits[..i].iter().rev())
                .take_while(|h| h.start == hit.start)
                .count();
        self.hits[from..]
            .iter()
            .take_while(|h| h.start < hit.end)
            .filter(|h| {
                // A shorter alias at the hit's start shares its proclitic (لحزب الله اللبناني).
                let prefix = if h.start == hit.start { hit.prefix } else { 0 };
                h.prefix == prefix && h.end <= hit.end && (h.start, h.end) != (hit.start, hit.end)
            })
            .find(|h| {
                let before = h.start == hit.start
                    || (h.start > hit.start + 1 && is_trigger(hit.start, h.start - 1));
                let after =
                    h.end == hit.end || (h.end + 1 < hit.end && is_nationality(h.end + 1, hit.end));
                before && after && of_entry(h, h.start == hit.start)
            })
            .map(|h| (h.start, h.end))
            .or_else(|| {
                // A club's nationality is always a descriptor (ليل الفرنسي, النصر العماني), even
                // when the bare name is too common a word to be an alias.
                if self.entries[entry as usize].category != Some(Category::Sports) {
                    return None;
                }
                let words = || self.hits[from..].iter().take_while(|h| h.start < hit.end);
                let end = words()
                    .find(|h| {
                        h.start > hit.start + 1 && h.prefix == 0 && is_nationality(h.start, hit.end)
                    })?
                    .start
                    - 1;
                // and so is a head before it (نادي النصر العماني → النصر).
                let start = words()
                    .map(|h| h.end + 1)
                    .find(|&e| e < end && is_trigger(hit.start, e - 1))
                    .unwrap_or(hit.start);
                Some((start, end))
            })
    }

    /// [`kind_bit`] of armed groups when a known armed group's plain alias is coordinated with
    /// `hit` by و, on either side (طالبان والقاعدة, القاعدة وطالبان): a context alias in a list
    /// of armed groups names one too. Not organizations: lists of bodies and outlets are full of
    /// common words (الدول العربية والمنظمة).
    fn coordinated(&self, hit: &Hit) -> u8 {
        let group = |k: Kind| k == Kind::ArmedGroup;
        let word_start = hit.start - hit.prefix as u32;
        let mut bits = 0;
        if hit.prefix > 0 && self.hay[word_start as usize] == WAW && word_start > 1 {
            let e = word_start - 1;
            if self.hay[e as usize] == SPACE {
                let from = self.hits.partition_point(|h| h.start + MAX_ALIAS_BYTES < e);
                for h in self.hits[from..].iter().take_while(|h| h.start < e) {
                    if h.end != e {
                        continue;
                    }
                    for t in self.matcher.targets(h) {
                        if let Target::Alias {
                            entry,
                            context: false,
                        } = *t
                        {
                            let k = self.entries[entry as usize].kind;
                            if group(k) {
                                bits |= kind_bit(k);
                            }
                        }
                    }
                }
            }
        }
        if let Some(w) = self.next_word(hit.end) {
            if self.hay[hit.end as usize] == SPACE && self.hay[w as usize] == WAW {
                for (h, k) in self.aliases_at(w) {
                    if h.prefix == 1 && group(k) {
                        bits |= kind_bit(k);
                    }
                }
            }
        }
        bits
    }

    /// The countries of entry `e` when the licence asks about them (a coordinated context
    /// alias): read from the full entry, so the common case stays on [`Brief`].
    fn countries(&self, licence: &Licence, e: u32) -> Option<&'x str> {
        if licence.coordinated == 0 {
            return None;
        }
        self.full[e as usize].country.as_deref()
    }

    /// The country of a nationality right after `end` (الدولة التركية → TR).
    fn nationality_after(&self, end: u32) -> Option<&'x str> {
        let w = self.next_word(end)?;
        self.alias_entries_at(w).find_map(|(h, entry, _)| {
            let e = &self.full[entry as usize];
            (h.prefix == 0 && e.kind == Kind::Nationality)
                .then_some(e.country.as_deref())
                .flatten()
        })
    }

    /// True when the word before `word_start` is a number (32 شركة).
    fn number_before(&self, word_start: u32) -> bool {
        let Some(e) = word_start.checked_sub(1) else {
            return false;
        };
        let before = &self.hay[..e as usize];
        let digits = before
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        digits > 0
            && self.hay[e as usize] == SPACE
            && (digits == before.len() || !is_word(before[before.len() - digits - 1]))
    }

    /// The whole word a hit starts in, proclitics included, up to the hit's end.
    fn whole_word(&self, hit: &Hit) -> &[u8] {
        &self.hay[(hit.start - hit.prefix as u32) as usize..hit.end as usize]
    }

    /// The start of the word after a separator at `end`, if a word follows.
    fn next_word(&self, end: u32) -> Option<u32> {
        let e = end as usize;
        (e + 1 < self.hay.len() && is_separator(self.hay[e]) && is_word(self.hay[e + 1]))
            .then_some(end + 1)
    }

    /// Alias hits whose word starts at `word_start` (plain aliases only).
    fn aliases_at(&self, word_start: u32) -> impl Iterator<Item = (&Hit, Kind)> + '_ {
        self.any_aliases_at(word_start)
            .filter(|a| !a.2)
            .map(|a| (a.0, a.1))
    }

    /// Alias hits whose word starts at `word_start`, with their kind and whether the alias is a
    /// context alias.
    fn any_aliases_at(&self, word_start: u32) -> impl Iterator<Item = (&Hit, Kind, bool)> + '_ {
        self.alias_entries_at(word_start)
            .map(|(h, entry, context)| (h, self.entries[entry as usize].kind, context))
    }

    /// The alias hits whose word starts at `word_start`, with their entries and whether the
    /// alias is a context alias.
    fn alias_entries_at(&self, word_start: u32) -> impl Iterator<Item = (&Hit, u32, bool)> + '_ {
        let from = if self.hit_words.get(word_start) {
            self.hits.partition_point(|h| h.start < word_start)
        } else {
            self.hits.len()
        };
        self.hits[from..]
            .iter()
            .take_while(move |h| h.start <= word_start + 2)
            .filter(move |h| h.start - h.prefix as u32 == word_start)
            .flat_map(move |h| {
                self.matcher
                    .targets(h)
                    .iter()
                    .filter_map(move |t| match *t {
                        Target::Alias { entry, context } => Some((h, entry, context)),
                        _ => None,
                    })
            })
    }

    /// Trigger hits at the word starting at `word_start`. Triggers come in hit order, sorted by
    /// start, and a hit starts at most two clitic bytes after its word: a binary search.
    fn triggers_at<'t>(
        &self,
        triggers: &'t [TriggerHit<'x>],
        word_start: u32,
    ) -> impl Iterator<Item = &'t TriggerHit<'x>> {
        // Triggers are hits: where no hit's word starts, no trigger's does.
        let from = if self.hit_words.get(word_start) {
            triggers.partition_point(|t| t.hit.start < word_start)
        } else {
            triggers.len()
        };
        triggers[from..]
            .iter()
            .take_while(move |t| t.hit.start <= word_start + 2)
            .filter(move |t| t.hit.start - t.hit.prefix as u32 == word_start)
    }

    fn trigger_rule(
        &self,
        t: &TriggerHit,
        triggers: &[TriggerHit<'x>],
        by_end: &Index,
        out: &mut Vec<Candidate>,
        titles: &mut Vec<(u32, (u32, u32))>,
    ) {
        let trig = t.trigger;
        let Some(kind) = trig.creates else { return };
        if matches!(
            trig.class,
            Class::Direction | Class::NamePrefix | Class::TitleComplement
        ) {
            return;
        }
        let word_start = t.hit.start - t.hit.prefix as u32;
        // A counted head (32 شركة) is a number of bodies, not one named body.
        if trig.class != Class::PersonTitle && self.number_before(word_start) {
            return;
        }
        // A longer alias starting with the trigger word (قوات سوريا الديمقراطية) is a name itself.
        if self.aliases_at(word_start).any(|(h, _)| h.end > t.hit.end) {
            return;
        }
        let is_title = trig.class == Class::PersonTitle;
        if is_title {
            // Only the head of a title chain (الناشط والباحث, الرئيس السوري السابق) reads the name.
            let prev = (word_start.checked_sub(1)).and_then(|e| by_end.get(&e));
            if prev.is_some_and(|mut v| {
                v.any(|i| {
                    matches!(
                        triggers[i].trigger.class,
                        Class::PersonTitle | Class::TitleComplement
                    )
                })
            }) {
                return;
            }
        }
        let mut end = t.hit.end;
        if is_title {
            let mut skipped = 0;
            // A chain is a few words; a cap keeps a text of endless titles linear.
            for _ in 0..MAX_TITLE_CHAIN {
                let Some(w) = self.next_word(end) else { break };
                if let Some(n) = self
                    .triggers_at(triggers, w)
                    .filter(|n| {
                        matches!(n.trigger.class, Class::PersonTitle | Class::TitleComplement)
                    })
                    .max_by_key(|n| n.hit.end)
                {
                    end = n.hit.end;
                } else if let Some((h, _)) = (skipped < 2)
                    .then(|| {
                        self.aliases_at(w)
                            .filter(|(_, k)| *k != Kind::Person)
                            .max_by_key(|(h, _)| h.end)
                    })
                    .flatten()
                {
                    skipped += 1;
                    end = h.end;
                } else {
                    break;
                }
            }
        }
        let Some(p) = self.next_word(end) else { return };
        let title = is_title.then_some((t.hit.start, end));
        let group = |k: Kind| matches!(k, Kind::ArmedGroup | Kind::Organization);
        let fits = |k: Kind| k == kind || (group(kind) && group(k));
        // A head inside quotes with its name (في " جامعة آستون "، " مؤسسة تقنيات الإدارة "):
        // the quotes hold the whole name, whatever its words.
        if group(kind)
            && t.hit.prefix == 0
            && word_start > 0
            && self.hay[word_start as usize - 1] == QUOTE
            && self.hay[end as usize] == SPACE
            && trig.names != Names::None
        {
            // Not a phrase in scare quotes: no function word inside (" مجموعة من الإرهابيين "),
            // no adjective right after the head (" محكمة ميدانية "، «قوات برية قوية»).
            let words = |q: u32| {
                let from = self.tokens.partition_point(|t| t.start < p);
                let to = self.tokens.partition_point(|t| t.end <= q);
                &self.tokens[from..to]
            };
            let phrase = |q: u32| match words(q) {
                [] => true,
                ws => {
                    nisba(self.word(ws[0]))
                        || ws.iter().any(|t| self.lexicon.is_stopword(self.word(*t)))
                }
            };
            // A known name after the head makes the quotes a quoted clause about it
            // («تنظيم داعش يستخدمهما للتنقل»); the known name is read by the alias rule.
            let known = self
                .alias_entries_at(p)
                .any(|(_, e, _)| fits(self.entries[e as usize].kind));
            let quote_end = self.quoted_name(word_start, 6);
            if let Some(q) = quote_end.filter(|&q| q > end && !known && !phrase(q)) {
                let start = if trig.whole { t.hit.start } else { p };
                out.push(Candidate::unknown(start, q, kind, Source::OrgNoun));
                return;
            }
        }
        // A known name of a fitting kind is read by the alias rule; a club's context alias is
        // not one after a non-sport head (حزب الوحدة is a party).
        let quoted = self.hay[end as usize] == QUOTE;
        let quoted_end = quoted
            .then(|| {
                let max = if trig.class == Class::SpeechVerb {
                    3
                } else {
                    5
                };
                self.quoted_name(p, max)
            })
            .flatten();
        // ... unless the quotes hold more than the known name: مؤسسة " فيتش ريتنغز " is not
        // Fitch's short name followed by a word, and مجلة " المجلة الجديدة " is another magazine.
        let known = self.alias_entries_at(p).any(|(h, entry, context)| {
            let e = &self.entries[entry as usize];
            fits(e.kind)
                && !(context && e.category == Some(Category::Sports))
                && (!group(kind) || quoted_end.is_none_or(|q| h.end >= q))
        });
        if known {
            if let Some(title) = title {
                titles.push((p, title));
            }
            return;
        }
        let name_end = if quoted {
            quoted_end
        } else if trig.names == Names::Any
            || (trig.names == Names::Proper && !definite(&self.hay[p as usize..]))
        {
            self.unquoted_name(p, kind, trig.names == Names::Proper, triggers)
                .or_else(|| match trig.class {
                    Class::PersonTitle | Class::SpeechVerb => {
                        self.lone_surname(p, trig, end > t.hit.end, triggers)
                    }
                    _ => None,
                })
        } else {
            None
        };
        let Some(name_end) = name_end else { return };
        let source = match trig.class {
            Class::PersonTitle => Source::Title,
            Class::SpeechVerb => Source::SpeechVerb,
            Class::GroupNoun => Source::GroupNoun,
            Class::OrgNoun => Source::OrgNoun,
            _ => Source::PlaceNoun,
        };
        // A quoted name is what the quotes hold, even after a head that belongs to unquoted
        // names (مؤسسة "سكور بلس" → سكور بلس).
        let start = if trig.whole && !quoted {
            t.hit.start
        } else {
            p
        };
        out.push(Candidate {
            title,
            ..Candidate::unknown(start, name_end, kind, source)
        });
    }

    /// The token starting at `start`.
    fn token_at(&self, start: u32) -> Option<usize> {
        let i = first_token_from(self.tokens, start, self.token_hint.get());
        self.token_hint.set(i);
        (self.tokens.get(i)?.start == start).then_some(i)
    }

    fn word(&self, t: Token) -> &[u8] {
        &self.hay[t.start as usize..t.end as usize]
    }

    /// A quoted name of at most `max` words starting at `p`: its end if the quote closes in time.
    fn quoted_name(&self, p: u32, max: usize) -> Option<u32> {
        let i = self.token_at(p)?;
        if self.lexicon.is_stopword(self.word(self.tokens[i])) {
            return None;
        }
        let mut at = p;
        for t in self.tokens[i..].iter().take(max) {
            // Words separated by one space only: no punctuation inside (« أوبل / فوكسهول »).
            if t.start != at {
                return None;
            }
            match self.hay.get(t.end as usize) {
                Some(&QUOTE) => return Some(t.end),
                Some(&SPACE) => at = t.end + 1,
                _ => return None,
            }
        }
        None
    }

    /// An unquoted name starting at `p`, read by the shape of names of `kind`:
    /// * people: known given or family names and name prefixes (أبو، عبد), up to four words;
    /// * places: one word, two after a prefix (تل، دير), not an indefinite nisba adjective
    ///   (مدينة سورية is "a Syrian city");
    /// * groups and organizations: up to two indefinite words then definite ones or known
    ///   places (جيش الإسلام، وزارة الخارجية الروسية، جامعة دمشق), up to four words.
    ///
    /// After a head whose names are proper nouns (`names` = `proper`: شركة), indefinite words
    /// alone are a name too (شركة سياك) unless they look like the head's adjectives: a feminine
    /// ending or a nisba (شركة كبيرة، شركة صينية).
    fn unquoted_name(
        &self,
        p: u32,
        kind: Kind,
        proper: bool,
        triggers: &[TriggerHit],
    ) -> Option<u32> {
        let i = self.token_at(p)?;
        let lex = self.lexicon;
        let is_prefix = |t: Token| {
            self.triggers_at(triggers, t.start)
                .any(|x| x.trigger.class == Class::NamePrefix)
        };
        // Known places, and in a group's name known people (جامعة السلطان قابوس); a place after
        // a proclitic other than ل says where the body is (اتحاد المحامين بأثينا), not its name.
        let is_place = |t: Token| {
            self.aliases_at(t.start).any(|(h, k)| {
                h.end == t.end
                    && (h.prefix == 0 || self.hay[t.start as usize] == LAM)
                    && (k == Kind::Place || (k == Kind::Person && kind != Kind::Person))
            })
        };
        let located = |t: Token| {
            self.hay[t.start as usize] != LAM
                && self
                    .aliases_at(t.start)
                    .any(|(h, k)| h.end == t.end && h.prefix > 0 && k == Kind::Place)
        };
        let nationality = |t: Token| {
            self.any_aliases_at(t.start)
                .any(|(h, k, _)| k == Kind::Nationality && h.prefix == 0)
        };
        // A person's title inside a group's name is part of it (جامعة الملك سعود).
        let stops = |t: Token| {
            self.triggers_at(triggers, t.start).any(|x| {
                x.trigger.creates.is_some()
                    && !(kind != Kind::Person && x.trigger.class == Class::PersonTitle)
            })
        };
        let first = self.tokens[i];
        if lex.is_stopword_with_clitic(self.word(first)) || stops(first) {
            return None;
        }
        let max = match kind {
            Kind::Person => 4,
            Kind::Place => 2,
            _ => 4,
        };
        let mut end = first.end;
        let mut prev = first;
        let mut named = definite(self.word(first)) || is_place(first);
        let mut indefinite = usize::from(!named);
        match kind {
            Kind::Person
                if !(lex.is_name(self.word(first))
                    || lex.foreign_given.contains(self.word(first))
                    || is_prefix(first)) =>
            {
                return None
            }
            Kind::Person if clitic_article(self.word(first)) => return None,
            Kind::Place if !named && nisba(self.word(first)) => return None,
            // ولاية صالح is "Saleh's term", not a state: a bare given name is no place name.
            Kind::Place if !named && lex.given.contains(self.word(first)) => return None,
            _ => {}
        }
        for t in self.tokens[i + 1..].iter().take(max - 1) {
            if self.hay[end as usize] != SPACE || t.start != end + 1 {
                break;
            }
            let w = self.word(*t);
            // The word after a name prefix belongs to the name, whatever it is (عبد الله).
            let after_prefix = kind == Kind::Person && is_prefix(prev) && definite(w);
            if !after_prefix && (lex.is_stopword_with_clitic(w) || stops(*t)) {
                break;
            }
            let ok = match kind {
                // A known given name may take one surname no list knows (جورج بوش), shaped like
                // one: not a noun with the article (راوول الهدف), unless a nisba (المسعودي).
                Kind::Person => {
                    is_prefix(prev)
                        || (lex.is_name(w) && !clitic_article(w))
                        || is_prefix(*t)
                        || (prev.start == first.start
                            && (lex.given.contains(self.word(first))
                                || lex.foreign_given.contains(self.word(first)))
                            && !clitic_article(w)
                            && !masdar(w)
                            && (!definite(w) || w.ends_with(&[YA]))
                            && !self.aliases_at(t.start).any(|(_, k)| k != Kind::Person))
                }
                Kind::Place => is_prefix(prev),
                // A nationality after a foreign name describes it (صحيفة تايمز البريطانية
                // الصادرة, رودونج سينمون الكورية الشمالية); after Arabic words it may be part of
                // the name (مجلس الأمن القومي السعودي).
                _ if indefinite > 0 && nationality(*t) => {
                    named = true;
                    false
                }
                _ if located(*t) => false,
                _ => {
                    // A name after a person's title inside a group's name is the person's
                    // (جامعة الملك فهد، مستشفى الملك فيصل).
                    let titled = lex.is_name(w)
                        && self.triggers_at(triggers, prev.start).any(|x| {
                            x.trigger.class == Class::PersonTitle && x.hit.end == prev.end
                        });
                    let d = definite(w) || is_place(*t) || titled;
                    let ok = if named { d } else { d || indefinite < 2 };
                    named |= d;
                    indefinite += usize::from(!d);
                    ok
                }
            };
            if !ok {
                break;
            }
            prev = *t;
            end = t.end;
        }
        if matches!(kind, Kind::ArmedGroup | Kind::Organization) && !named {
            // ... nor a common noun: a verbal noun (تسويق، إنتاج، للإنتاج) or an adverb (ارتفاعا).
            let adjective = |t: &Token| {
                let w = self.word(*t);
                w.ends_with(&[HA])
                    || w.ends_with(&[ALEF])
                    || nisba(w)
                    || masdar(w)
                    || clitic_article(w)
                    || (w.len() == 5 && w[0] == ALEF && w[3] == ALEF)
                    || lex.is_stopword_with_clitic(w)
            };
            let name = &self.tokens[i..self.tokens.partition_point(|t| t.end <= end)];
            if !proper || name.iter().any(adjective) {
                return None;
            }
        }
        // Only generic words (وزارة الخارجية, مجلس الإدارة): a body of whoever the text is about,
        // not a name. A nationality or place after them makes one (وزارة الخارجية الروسية).
        let generic = |t: &Token| {
            self.triggers_at(triggers, t.start)
                .any(|x| x.trigger.class == Class::TitleComplement && x.hit.end == t.end)
        };
        if kind == Kind::Organization
            && self.tokens[i..]
                .iter()
                .take_while(|t| t.end <= end)
                .all(generic)
        {
            return None;
        }
        // A nationality closing a group's name describes it (نادي بوردو الفرنسي, صحيفة بيلد
        // الألمانية): it stays outside the span, as for gazetteer names, unless only generic
        // words would be left (وزارة الخارجية الروسية).
        if matches!(kind, Kind::ArmedGroup | Kind::Organization) {
            let name = &self.tokens[i..self.tokens.partition_point(|t| t.end <= end)];
            if let [rest @ .., prev, last] = name {
                let nationality = self
                    .any_aliases_at(last.start)
                    .any(|(h, k, _)| k == Kind::Nationality && h.end == last.end && h.prefix == 0);
                let generic_rest = rest.iter().chain([prev]).all(generic);
                if nationality && !(kind == Kind::Organization && generic_rest) {
                    return Some(prev.end);
                }
            }
        }
        Some(end)
    }

    /// One word taken as a surname: after a title, a known family name (الرئيس السنيورة); after a
    /// speech verb, also a word no list knows when a clause boundary follows it (وأوضح X أن).
    /// It must look like a name: not a stop word or trigger, not the start of a known entity of
    /// another kind, not definite, not a nisba adjective (عسكري), at least three letters.
    fn lone_surname(
        &self,
        p: u32,
        trigger: &Trigger,
        chained: bool,
        triggers: &[TriggerHit],
    ) -> Option<u32> {
        let class = trigger.class;
        // An honorific that is always followed by a name (السيد، الشيخ، الأمير: `value` = name).
        let strong = trigger.value.as_deref() == Some("name");
        let i = self.token_at(p)?;
        let t = self.tokens[i];
        let w = self.word(t);
        let lex = self.lexicon;
        // Unlisted words: no conjunction و in front, no article, no possessive suffix (خارجيتها).
        let shaped = |w: &[u8]| {
            w.len() >= 3
                && w.iter().all(|&b| b >= ARABIC_BASE)
                && w[0] != WAW
                && !clitic_article(w)
                && !masdar(w)
                && !definite(w)
                && !nisba(w)
                && !(w.ends_with(&[HA, ALEF]) || w.ends_with(&[HA, MIM]))
        };
        let free = |t: Token| {
            !lex.is_stopword(self.word(t))
                && !self
                    .triggers_at(triggers, t.start)
                    .any(|x| x.trigger.creates.is_some())
                && !self
                    .any_aliases_at(t.start)
                    .any(|(_, k, _)| k != Kind::Person)
        };
        let named = lex.family.contains(w);
        if !free(t) || !(named || shaped(w)) {
            return None;
        }
        if class == Class::PersonTitle {
            // After a bare title an unlisted word is as often a noun (رئيس وزراء, الرئيس ارتكب) as
            // a surname: measured on ANERcorp, taking it lowers PERS F1. After a title that a
            // nationality or complement qualified (الرئيس الباكستاني X) a name is due: take up to
            // two name-shaped words.
            if named {
                return Some(t.end);
            }
            if !(chained || strong) {
                return None;
            }
            let second = self.tokens.get(i + 1).filter(|n| {
                n.start == t.end + 1
                    && self.hay[t.end as usize] == SPACE
                    && free(**n)
                    && (lex.is_name(self.word(**n)) || shaped(self.word(**n)))
            });
            return Some(second.map_or(t.end, |n| n.end));
        }
        if class == Class::SpeechVerb {
            let after = self.hay.get(t.end as usize).copied();
            let clause = match after {
                Some(b',' | b':' | b'.') => true,
                Some(SPACE) => self.tokens.get(i + 1).is_some_and(|n| {
                    n.start == t.end + 1 && lex.clause_openers.contains(self.word(*n))
                }),
                _ => false,
            };
            if clause {
                return Some(t.end);
            }
            // A speaker introduced by name and then by title: وقال X Y رئيس الشركة, two or three
            // unlisted name-shaped words before the title (one if it is a listed name).
            let title_at = |w: u32| {
                self.triggers_at(triggers, w)
                    .any(|x| x.trigger.class == Class::PersonTitle && x.hit.prefix == 0)
            };
            let mut end = t;
            for k in 0..3 {
                if k > 0 {
                    let Some(&n) = self.tokens.get(i + k) else {
                        break;
                    };
                    let nw = self.word(n);
                    // A third word must be a listed name (يالجين أكدوجان نائب رئيس الوزراء).
                    if n.start != end.end + 1
                        || self.hay[end.end as usize] != SPACE
                        || !free(n)
                        || !(lex.is_name(nw) || (k < 2 && shaped(nw)))
                    {
                        break;
                    }
                    end = n;
                }
                let mut next = end.end as usize;
                if self.hay.get(next) == Some(&b',') {
                    next += 1;
                }
                // One unlisted word before a title is as often a noun (أكد نائب رئيس الوزراء).
                let enough = k > 0 || lex.is_name(w);
                if enough && self.hay.get(next) == Some(&SPACE) && title_at(next as u32 + 1) {
                    return Some(end.end);
                }
            }
            return None;
        }
        Some(t.end)
    }

    /// Marks places after a region word (ريف الرقة الشرقي, شمال حلب) as regions of that place,
    /// with the phrase and its direction. The entity stays the bare place.
    fn regions(&self, triggers: &[TriggerHit], out: &mut [Candidate]) {
        // The region word before each word start that follows one.
        let mut region_before: HashMap<u32, &TriggerHit> = HashMap::default();
        for r in triggers
            .iter()
            .filter(|t| t.trigger.class == Class::RegionNoun)
        {
            if let Some(p) = self.next_word(r.hit.end) {
                let longest = region_before.entry(p).or_insert(r);
                if r.hit.start < longest.hit.start {
                    *longest = r;
                }
            }
        }
        for place in out.iter_mut() {
            if place.kind != Kind::Place || place.region.is_some() {
                continue;
            }
            if let Some(r) = region_before.get(&place.start) {
                let mut end = place.end;
                let mut direction = r.trigger.value.is_some().then_some(r.index);
                if let Some(d) = self.next_word(place.end).and_then(|w| {
                    self.triggers_at(triggers, w)
                        .filter(|d| d.trigger.class == Class::Direction && d.hit.prefix == 0)
                        .max_by_key(|d| d.hit.end)
                }) {
                    end = d.hit.end;
                    direction = Some(d.index);
                }
                place.region = Some(RegionCandidate {
                    modifier: (r.hit.start, r.hit.end),
                    direction,
                    phrase: (r.hit.start, end),
                });
            }
        }
    }

    /// A definite nationality used as a noun before a name (التشيلي فرناندو غونزاليز, المغربي
    /// X) works as a title: a known given or family name after it starts a person. Not after a
    /// title, whose chain already read the nationality.
    fn nationality_titles(
        &self,
        triggers: &[TriggerHit],
        by_end: &Index,
        out: &mut Vec<Candidate>,
    ) {
        let mut people = Vec::new();
        for c in out.iter().filter(|c| c.kind == Kind::Nationality) {
            let word = &self.hay[c.start as usize..c.end as usize];
            // A trigger ends right before the nationality's word (one separator between).
            let after_trigger = c
                .start
                .checked_sub(1)
                .is_some_and(|e| by_end.get(&e).is_some());
            if !definite(word) || after_trigger {
                continue;
            }
            let Some(p) = self.next_word(c.end) else {
                continue;
            };
            if self.any_aliases_at(p).next().is_some() {
                continue;
            }
            if let Some(end) = self.unquoted_name(p, Kind::Person, false, triggers) {
                people.push(Candidate {
                    title: Some((c.start, c.end)),
                    ..Candidate::unknown(p, end, Kind::Person, Source::Title)
                });
            }
        }
        out.extend(people);
    }

    /// Organizations named by a definite head, adjectives and a complement, with no trigger
    /// before them: البنك الآسيوي للتنمية، الاتحاد العالمي للعلماء المسلمين، الاتحاد الصيني
    /// لشركات السيارات. The head must read unquoted names (not الحكومة or الوزارة, descriptions); one to
    /// three definite adjectives follow it, and then a complement with ل (للتنمية، لتحرير
    /// فلسطين). Without the complement (الاتحاد الصيني) it is as often a description: measured on
    /// ANERcorp, taking those lowers ORG F1.
    fn definite_orgs(&self, triggers: &[TriggerHit], heads: &Marks, out: &mut Vec<Candidate>) {
        let lex = self.lexicon;
        if lex.definite_heads.is_empty() {
            return;
        }
        let adjacent = |j: usize| {
            j > 0
                && j < self.tokens.len()
                && self.tokens[j].start == self.tokens[j - 1].end + 1
                && self.hay[self.tokens[j - 1].end as usize] == SPACE
        };
        let plain = |j: usize| {
            let w = self.word(self.tokens[j]);
            !lex.is_stopword_with_clitic(w)
                && !(self.triggers_at(triggers, self.tokens[j].start))
                    .any(|x| x.trigger.creates.is_some())
        };
        let place = |j: usize| {
            let t = self.tokens[j];
            self.aliases_at(t.start)
                .any(|(h, k)| k == Kind::Place && h.end == t.end)
        };
        // Most words are no head: the filter alone skipped them.
        for i in heads.ones() {
            let head = &self.tokens[i];
            let Some(kind) = lex
                .definite_heads
                .get_hashed(self.word(*head), self.token_hashes[i])
            else {
                continue;
            };
            // المجموعة الثانية للتصفيات is a round of a tournament.
            if lex.name_role(self.word(*head)) == Some(NameRole::NoHead) {
                continue;
            }
            let mut j = i + 1;
            while j < i + 4 && adjacent(j) && definite(self.word(self.tokens[j])) && plain(j) {
                j += 1;
            }
            if j == i + 1 {
                continue;
            }
            // The complement is a noun of what the body does (للتنمية، لصناعة), not a place or
            // a person it acts for (للرمادي، للأسد).
            let complement = adjacent(j) && {
                let t = self.tokens[j];
                let w = self.word(t);
                w.len() > 3
                    && w[0] == LAM
                    && !clitic_article(&w[1..])
                    && plain(j)
                    && !self
                        .any_aliases_at(t.start)
                        .any(|(h, k, _)| h.end == t.end && matches!(k, Kind::Place | Kind::Person))
            };
            if !complement {
                continue;
            }
            let mut end = self.tokens[j].end;
            j += 1;
            for _ in 0..2 {
                if adjacent(j) && plain(j) && (definite(self.word(self.tokens[j])) || place(j)) {
                    end = self.tokens[j].end;
                    j += 1;
                } else {
                    break;
                }
            }
            out.push(Candidate::unknown(head.start, end, kind, Source::OrgNoun));
        }
    }

    /// The tokens that may be given names and the tokens that may head a definite name
    /// ([`Rules::name_patterns`], [`Rules::definite_orgs`]), by the filters of those word lists,
    /// in one pass over the token hashes without a branch a token.
    fn filter_tokens(&self) -> FilteredTokens {
        let lex = self.lexicon;
        let words = self.token_hashes.len().div_ceil(64);
        let mut f = FilteredTokens {
            given: Marks(vec![0; words]),
            heads: Marks(vec![0; words]),
        };
        for (c, hashes) in self.token_hashes.chunks(64).enumerate() {
            let (mut given, mut heads) = (0u64, 0u64);
            for (j, &h) in hashes.iter().enumerate() {
                given |= (lex.given.may_contain_hash(h) as u64) << j;
                heads |= (lex.definite_heads.may_contain_hash(h) as u64) << j;
            }
            f.given.0[c] = given;
            f.heads.0[c] = heads;
        }
        f
    }

    /// People no trigger announces: a known given name followed by known given or family names
    /// (فؤاد السنيورة), up to four words. Function words never count as names.
    fn name_patterns(&self, triggers: &[TriggerHit], given: &Marks, out: &mut Vec<Candidate>) {
        let lex = self.lexicon;
        let is_trigger = |t: Token| {
            self.triggers_at(triggers, t.start)
                .any(|x| x.trigger.creates.is_some())
        };
        let mut i = 0;
        while i + 1 < self.tokens.len() {
            // Most words are no given name: the filter alone skipped them.
            let Some(next) = given.next_set(i).filter(|&j| j + 1 < self.tokens.len()) else {
                break;
            };
            i = next;
            let first = self.tokens[i];
            let w = self.word(first);
            // A word that names a place or group (إسرائيل, also a given name) is not a person.
            let other = |t: Token| self.aliases_at(t.start).any(|(_, k)| k != Kind::Person);
            // After شهر a name is the month's (شهر رمضان المبارك).
            let blocked = || {
                i > 0
                    && lex.name_role(self.word(self.tokens[i - 1])) == Some(NameRole::NoPersonAfter)
            };
            let given = lex.given.contains_hashed(w, self.token_hashes[i]);
            if !given || blocked() || lex.is_stopword(w) || is_trigger(first) || other(first) {
                i += 1;
                continue;
            }
            let mut end = first.end;
            let mut n = 1;
            for t in &self.tokens[i + 1..] {
                let w = self.word(*t);
                if n == 4 || self.hay[end as usize] != SPACE || t.start != end + 1 {
                    break;
                }
                // A definite nisba nationality after names is a family name (فيصل السويدي،
                // أبو حمزة المصري).
                let nisba_name = definite(w)
                    && w.ends_with(&[YA])
                    && (self.aliases_at(t.start)).next().is_some()
                    && (self.aliases_at(t.start))
                        .all(|(h, k)| k == Kind::Nationality && h.end == t.end);
                if nisba_name {
                    end = t.end;
                    n += 1;
                    break;
                }
                // A foreign given name and one unlisted word shaped like a surname (ألكسندر
                // سلطانوف): indefinite, no proclitic+article, at least four letters.
                let surname = n == 1
                    && lex.foreign_given.contains(self.word(first))
                    && w.len() >= 4
                    && !definite(w)
                    && !clitic_article(w)
                    && !nisba(w)
                    && !masdar(w)
                    && w.iter().all(|&b| b >= ARABIC_BASE)
                    && !lex.is_stopword_with_clitic(w)
                    && !is_trigger(*t)
                    && self.aliases_at(t.start).next().is_none();
                if !surname
                    && (lex.is_stopword_with_clitic(w)
                        || is_trigger(*t)
                        || !lex.is_name(w)
                        || other(*t))
                {
                    break;
                }
                end = t.end;
                n += 1;
                if surname {
                    break;
                }
            }
            if n >= 2 {
                out.push(Candidate::unknown(
                    first.start,
                    end,
                    Kind::Person,
                    Source::NamePattern,
                ));
            }
            i += n;
        }
    }
}

#[cfg(test)]
mod token_search_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The token bitsets are walked bit by bit, from any token on.
        #[test]
        fn set_bits_are_the_bits_that_are_set(
            bits in prop::collection::vec(any::<u64>(), 0..5),
            sparse in prop::collection::vec(0u32..3, 0..5),
            from in 0usize..400,
        ) {
            // Some all-zero words, so the walks cross empty words.
            let bits: Vec<u64> = bits.iter().zip(sparse.iter().chain(std::iter::repeat(&1)))
                .map(|(&b, &k)| if k == 0 { 0 } else { b })
                .collect();
            let set: Vec<usize> = (0..bits.len() * 64)
                .filter(|&i| bits[i / 64] >> (i % 64) & 1 == 1)
                .collect();
            let marks = Marks(bits);
            prop_assert_eq!(marks.ones().collect::<Vec<_>>(), set.clone());
            prop_assert_eq!(marks.next_set(from), set.iter().copied().find(|&i| i >= from));
        }

        /// The search from a hint is the binary search, whatever the hint.
        #[test]
        fn a_search_from_a_hint_is_a_binary_search(
            mut starts in prop::collection::vec(0u32..200, 0..60),
            queries in prop::collection::vec((0u32..210, 0usize..70), 1..20),
        ) {
            starts.sort_unstable();
            let tokens: Vec<Token> = starts.iter().map(|&s| Token { start: s, end: s + 1 }).collect();
            for (start, hint) in queries {
                prop_assert_eq!(
                    first_token_from(&tokens, start, hint),
                    tokens.partition_point(|t| t.start < start)
                );
            }
        }
    }
}
