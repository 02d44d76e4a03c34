"""Statistical named entities: underthesea's bundled CRF tagger on the Doc's own words.

The rules find officials, places and units from the gazetteer; this component
adds what a statistical tagger sees: PER, ORG and LOC spans. It is off by
default (``vnie extract --ner``, ``vnie run --ner`` or ``[pipeline] ner`` in
the settings turn it on) and changes no table but ``mentions`` (rows with
``method = "ner"``; a span a rule already gave with the same label is kept
once, as the rule's).

The words are the Doc's tokens, so nothing is tokenised a second time: each
body sentence's words go through underthesea's CRF part-of-speech tagger,
chunker and NER tagger (the three models shipped inside the underthesea
package, loaded from its own folder: nothing is downloaded), exactly the chain
``underthesea.ner(sentence)`` runs after its own ``word_tokenize``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.base import Mention, body_sentences

log = logging.getLogger(__name__)

LABELS = ("PER", "ORG", "LOC")
SPAN_KEY = "ner"  # doc.spans["ner"]


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """One entity the tagger found.

    label (str): PER, ORG or LOC.
    text (str): as written (``articles.text[start:end]``).
    sentence (int): index of its sentence.
    start, end (int): character offsets into the article text.
    """

    label: str
    text: str
    sentence: int
    start: int
    end: int

    def mentions(self) -> list[Mention]:
        return [Mention(self.label, self.text, self.start, self.end, method="ner")]


@Language.factory("vnie_ner", requires=["doc.sents", "doc._.body_end"], assigns=["doc._.ner", "doc.spans"],
                  default_config={"labels": list(LABELS)})
def make_ner(nlp: Language, name: str, labels: list[str]) -> "NerTagger":
    return NerTagger(tuple(labels))


class NerTagger:
    """Sets ``doc._.ner`` (a list of ``NamedEntity``) and ``doc.spans["ner"]``.

    labels (tuple[str, ...]): the entity labels kept. Defaults to PER, ORG, LOC.
    """

    def __init__(self, labels: tuple[str, ...] = LABELS):
        from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
        from underthesea.pipeline.ner.model_crf import CRFNERPredictor
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        self.labels = frozenset(labels)
        self.pos = CRFPOSTagPredictor.Instance()  # the models load once per process, here
        self.chunker = CRFChunkingPredictor.Instance()
        self.ner = CRFNERPredictor.Instance()

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, Span]] = []
        for i, sent in body_sentences(doc, captions=True):
            try:
                found.extend((i, span) for span in self.tag(doc, sent))
            except Exception:  # noqa: BLE001 - a tagger failure loses this sentence's entities, nothing else
                log.exception("ner failed on sentence %d of %r", i, (doc._.article or {}).get("source"))
        doc.spans[SPAN_KEY] = [span for _, span in found]
        doc._.ner = [NamedEntity(span.label_, span.text, i, span.start_char, span.end_char) for i, span in found]
        return doc

    def tag(self, doc: Doc, sent: Span) -> list[Span]:
        """The entities of one sentence as spans of the Doc.

        doc (Doc): the article; sent (Span): one of its sentences.
        RETURNS (list[Span]): labelled spans, in order, whole tokens only.
        """
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            return []
        tagged = self.ner.predict(self.chunker.predict(self.pos.predict([t.text for t in tokens])))
        spans: list[Span] = []
        begin, label = None, None
        for k, (_word, _pos, _chunk, tag) in enumerate(tagged + [("", "", "", "O")]):
            prefix, _, kind = tag.partition("-")
            if begin is not None and (prefix != "I" or kind != label):
                spans.append(Span(doc, tokens[begin].i, tokens[k - 1].i + 1, label=label))
                begin, label = None, None
            if prefix == "B" or (prefix == "I" and begin is None):  # an I- without its B- starts an entity
                begin, label = k, kind
        return [s for s in spans if s.label_ in self.labels]
