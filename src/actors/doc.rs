//! The document as the actor stage reads it: folded words with their original spans, sentences,
//! and character offsets.

use crate::entity::Span;
use crate::normalize::{is_proclitic, Folded, LAM};
use crate::rules::{tokenize, Token};
use std::ops::Range;

/// Which proclitics may stand before a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Clitics {
    /// Only the conjunctions و and ف.
    Conjunction,
    /// و ف ب ل ك and their pairs, and ل fused with the article (للتنظيم).
    Any,
}

/// Where `word` starts in the folded `token`: `Some(n)` when the token is an `n`-letter proclitic
/// followed by the word.
pub(super) fn after_clitic(token: &[u8], word: &[u8], clitics: Clitics) -> Option<usize> {
    if token == word {
        return Some(0);
    }
    let n = token.len().checked_sub(word.len())?;
    let prefix = &token[..n];
    if (1..=2).contains(&n) && token.ends_with(word) {
        let ok = match clitics {
            Clitics::Conjunction => n == 1 && is_conjunction(prefix[0]),
            Clitics::Any => is_proclitic(prefix),
        };
        if ok {
            return Some(n);
        }
    }
    // ل + ال: the article's alef is dropped (للتنظيم).
    if clitics == Clitics::Any && word.len() > 2 && word[1] == LAM {
        let rest = &word[1..];
        let n = token.len().checked_sub(rest.len())?;
        let prefix = &token[..n];
        if (1..=2).contains(&n) && token.ends_with(rest) && prefix.last() == Some(&LAM) {
            let ok = n == 1 || is_conjunction(prefix[0]);
            return ok.then_some(n);
        }
    }
    None
}

fn is_conjunction(b: u8) -> bool {
    b == crate::normalize::WAW || b == crate::normalize::FA
}

/// The folded words of a text and their original spans.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    folded: Folded,
    tokens: Vec<Token>,
    /// Original byte span of each token.
    spans: Vec<Span>,
    /// `(byte, char)` offsets every few characters, for char offsets.
    marks: Vec<(usize, usize)>,
}

impl<'a> Doc<'a> {
    pub(super) fn new(text: &'a str) -> Doc<'a> {
        let mut folded = Folded::default();
        folded.fold_into(text);
        let mut tokens = Vec::new();
        tokenize(&folded.bytes, &mut tokens);
        let spans = tokens
            .iter()
            .map(|t| {
                let (s, e) = folded.original_span(text, t.start as usize, t.end as usize);
                Span::from(s..e)
            })
            .collect();
        let marks = text
            .char_indices()
            .enumerate()
            .step_by(64)
            .map(|(c, (b, _))| (b, c))
            .collect();
        Doc {
            text,
            folded,
            tokens,
            spans,
            marks,
        }
    }

    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The folded word `i`.
    pub(super) fn word(&self, i: usize) -> &[u8] {
        let t = self.tokens[i];
        &self.folded.bytes[t.start as usize..t.end as usize]
    }

    /// The original span of word `i` without its first `skip` folded letters (a proclitic).
    pub(super) fn word_span(&self, i: usize, skip: usize) -> Span {
        let t = self.tokens[i];
        self.folded_span(t.start as usize + skip, t.end as usize)
    }

    /// The original span of words `r` (non-empty), without `skip` letters of the first.
    pub(super) fn words_span(&self, r: Range<usize>, skip: usize) -> Span {
        let (a, b) = (self.tokens[r.start], self.tokens[r.end - 1]);
        self.folded_span(a.start as usize + skip, b.end as usize)
    }

    fn folded_span(&self, s: usize, e: usize) -> Span {
        let (s, e) = self.folded.original_span(self.text, s, e);
        Span::from(s..e)
    }

    /// The words that overlap the original byte span.
    pub(super) fn words_of(&self, span: Span) -> Range<usize> {
        let first = self.spans.partition_point(|w| w.end <= span.start);
        let last = self.spans.partition_point(|w| w.start < span.end);
        first..last.max(first)
    }

    /// The folded letters of word `i` before the original byte offset `at` (a proclitic glued to a
    /// name that starts inside the word, as in لميليشيات or لبلدي).
    pub(super) fn prefix_before(&self, i: usize, at: usize) -> &[u8] {
        let t = self.tokens[i];
        let (s, e) = (t.start as usize, t.end as usize);
        let n = self.folded.src[s..e].partition_point(|&o| (o as usize) < at);
        &self.folded.bytes[s..s + n]
    }

    /// The character offset of a byte offset on a char boundary.
    pub(super) fn char_offset(&self, byte: usize) -> usize {
        let k = self.marks.partition_point(|m| m.0 <= byte);
        let (b, c) = if k == 0 { (0, 0) } else { self.marks[k - 1] };
        c + self.text[b..byte].chars().count()
    }

    /// A byte span in characters.
    pub(super) fn char_span(&self, s: Span) -> Span {
        Span::from(self.char_offset(s.start)..self.char_offset(s.end))
    }

    /// Sentences: byte spans cut after . ! ? ؟ and at line breaks, trimmed, never empty; a full
    /// stop between digits (3.5) does not cut.
    pub(super) fn sentences(&self) -> Vec<Span> {
        let text = self.text;
        let mut out = Vec::new();
        let mut start = 0;
        let mut push = |s: usize, e: usize| {
            let piece = &text[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            if s + lead < e - trail {
                out.push(Span::from(s + lead..e - trail));
            }
        };
        let mut chars = text.char_indices().peekable();
        let mut prev = ' ';
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map_or(' ', |p| p.1);
            let cut = match c {
                '\n' | '\r' | '!' | '?' | '؟' | '۔' => true,
                '.' => !(prev.is_numeric() && next.is_numeric()),
                _ => false,
            };
            if cut {
                let end = i + c.len_utf8();
                push(start, end);
                start = end;
            }
            prev = c;
        }
        push(start, text.len());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold_str;

    #[test]
    fn clitics() {
        let w = fold_str("التنظيم");
        for (t, n) in [
            ("التنظيم", Some(0)),
            ("والتنظيم", Some(1)),
            ("للتنظيم", Some(1)),
        ] {
            assert_eq!(after_clitic(&fold_str(t), &w, Clitics::Any), n, "{t}");
        }
        let w = fold_str("قصف");
        assert_eq!(after_clitic(&fold_str("والقصف"), &w, Clitics::Any), None);
        assert_eq!(
            after_clitic(&fold_str("وقصف"), &w, Clitics::Conjunction),
            Some(1)
        );
        assert_eq!(
            after_clitic(&fold_str("بقصف"), &w, Clitics::Conjunction),
            None
        );
    }

    #[test]
    fn sentences_and_char_offsets() {
        let d = Doc::new("قال 3.5 مرة. ثم\nانتهى؟ نعم");
        let s: Vec<&str> = d.sentences().iter().map(|s| &d.text[s.range()]).collect();
        assert_eq!(s, ["قال 3.5 مرة.", "ثم", "انتهى؟", "نعم"]);
        let long = "ا".repeat(200);
        let d = Doc::new(&long);
        assert_eq!(d.char_offset(300), 150);
    }
}
