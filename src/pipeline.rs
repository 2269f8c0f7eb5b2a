//! The whole extraction for one document: text → tokens → sentences →
//! mentions → entities → relations. One immutable [`Extractor`] serves every document
//! (and every thread); per-document buffers live in [`Analysis`].

use crate::entities::{resolve_into, Entity, EntityBuffers};
use crate::lexicon::{Hit, Lexicon};
use crate::mentions::{find_mentions_into, index_hits, Context, Mention, MentionBuffers};
use crate::relations::{extract_relations_into, Parts, Relation, RelationBuffers, RuleSet};
use crate::tagger::Tagger;
use crate::text::{split_sentences, tokenize, Sentence, Token};

/// One input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its id: a file name, `FILE:LINE`, or the `id` of a JSONL line.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// What ergraph found in one document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Tokens of the text.
    pub tokens: Vec<Token>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Mentions kept, in text order.
    pub mentions: Vec<Mention>,
    /// For each mention, its entity (index into `entities`).
    pub entity_of: Vec<Option<usize>>,
    /// The document's entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Relations the text states between them, by sentence.
    pub relations: Vec<Relation>,
    buffers: Buffers,
}

/// Buffers an [`Analysis`] carries from one document to the next when it is
/// reused ([`Extractor::analyse_into`]): the lexicon scan's, the mention,
/// entity and relation stages'. They hold no result, so a copy starts empty.
#[derive(Default)]
struct Buffers {
    hits: Vec<Hit>,
    features: Vec<u32>,
    hit_index: Vec<u32>,
    mentions: MentionBuffers,
    entities: EntityBuffers,
    relations: RelationBuffers,
}

impl Analysis {
    /// The analysis of `text` as the relation stage reads it, with the
    /// lexicon's `hits` and token `features` of the same text: for running
    /// the relation stage again apart (training, tests).
    #[must_use]
    pub fn parts<'a>(&'a self, text: &'a str, hits: &'a [Hit], features: &'a [u32]) -> Parts<'a> {
        Parts {
            text,
            tokens: &self.tokens,
            sentences: &self.sentences,
            hits,
            features,
            mentions: &self.mentions,
            entity_of: &self.entity_of,
            entities: &self.entities,
        }
    }
}

impl Clone for Buffers {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl std::fmt::Debug for Buffers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Buffers")
    }
}

/// Extracts entities from documents; build once, share by reference.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
    rules: RuleSet,
    tagger: Option<&'static Tagger>,
}

impl Extractor {
    /// An extractor over `lexicon`, with the embedded relation rules.
    #[must_use]
    pub fn new(lexicon: Lexicon) -> Self {
        Self { lexicon, rules: RuleSet::embedded(), tagger: Some(Tagger::embedded()) }
    }

    /// The same extractor without the learned tagger: rules only (for
    /// comparison, and for users who want every decision explained by a rule).
    #[must_use]
    pub fn without_tagger(self) -> Self {
        Self { tagger: None, ..self }
    }

    /// The same extractor with other relation rules.
    #[must_use]
    pub fn with_rules(self, rules: RuleSet) -> Self {
        Self { rules, ..self }
    }

    /// The lexicon it uses.
    #[must_use]
    pub const fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Analyse one text.
    ///
    /// Sets up a new [`Analysis`], memo tables included, which costs more
    /// than the analysis of a short article (328 against 82–91 µs on the
    /// sample): for many documents, reuse one through
    /// [`Extractor::analyse_into`].
    #[must_use]
    pub fn analyse(&self, text: &str) -> Analysis {
        let mut analysis = Analysis::default();
        self.analyse_into(text, &mut analysis);
        analysis
    }

    /// [`Extractor::analyse`] into `out`, whose buffers are reused (what it
    /// held before is replaced): the way to analyse many documents one after
    /// the other without growing the same vectors again for each.
    pub fn analyse_into(&self, text: &str, out: &mut Analysis) {
        let Analysis { tokens, sentences, mentions, entity_of, entities, relations, buffers } = out;
        tokenize(text, tokens);
        split_sentences(text, tokens, |w| self.lexicon.is_abbreviation(w), sentences);
        let Buffers {
            hits,
            features,
            hit_index,
            mentions: mention_buffers,
            entities: entity_buffers,
            relations: relation_buffers,
        } = buffers;
        self.lexicon.scan(text, tokens, hits, features);
        index_hits(hits, tokens.len(), hit_index);
        let ctx = Context { text, tokens, features, hits, hit_index, lexicon: &self.lexicon };
        find_mentions_into(&ctx, sentences, self.tagger, mention_buffers, mentions);
        resolve_into(text, &self.lexicon, mentions, entity_of, entities, entity_buffers);
        let parts = Parts { text, tokens, sentences, hits, features, mentions, entity_of, entities };
        extract_relations_into(&parts, &self.rules, &self.lexicon, relation_buffers, relations);
    }
}

#[cfg(test)]
mod tests {
    use super::{Analysis, Extractor};
    use crate::lexicon::Lexicon;

    /// One analysis reused document after document (its entities written
    /// over where they lie, more or fewer each time) finds what a fresh
    /// analysis of each document finds.
    #[test]
    fn a_reused_analysis_finds_what_a_fresh_one_does() {
        let extractor = Extractor::new(Lexicon::embedded());
        let texts = [
            "Vladimir Putin met Xi Jinping in Moscow. The Bank of England and NATO said Russia and China agreed.",
            "Putin spoke.",
            "",
            "Emmanuel Macron of France, Olaf Scholz of Germany, Joe Biden, Rishi Sunak and Justin Trudeau met \
             the European Union and the United Nations in Brussels; Putin and Xi stayed in Beijing.",
            "Angela Merkel thanked Boris Johnson.",
        ];
        let mut reused = Analysis::default();
        for text in texts.iter().chain(texts.iter().rev()) {
            extractor.analyse_into(text, &mut reused);
            let fresh = extractor.analyse(text);
            assert_eq!(reused.entities, fresh.entities, "{text}");
            assert_eq!(reused.entity_of, fresh.entity_of, "{text}");
            assert_eq!(reused.mentions, fresh.mentions, "{text}");
        }
    }
}
