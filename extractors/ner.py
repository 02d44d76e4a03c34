"""Statistical named entities: underthesea's bundled CRF tagger on the Doc's own words.

The rules find officials, places and units from the gazetteer; this component
adds what a statistical tagger sees: PER, ORG and LOC spans. It is off by
default (``vnie extract --ner``, ``vnie run --ner`` or ``[pipeline] ner`` in
the settings turn it on) and changes no table but ``mentions`` (rows with
``method = "ner"``; a span a rule already gave with the same label is kept
once, as the rule's).

The words are the Doc's tokens, so nothing is tokenised a second time: each
body sentence's words go through underthesea's CRF part-of-speech tagger and
its CRF NER tagger (models shipped inside the underthesea package, loaded from
its own folder: nothing is downloaded), the chain ``underthesea.ner(sentence)``
runs after its own ``word_tokenize``, with two shortcuts that give the same
tags: the chunker is skipped (the NER model's feature template never reads the
chunk column), and the features are computed once per sentence (``features``)
instead of underthesea's rebuilding every column for every token and template.
"""

from __future__ import annotations

import logging
import re
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


# underthesea's feature template syntax: T[-1][1] (row -1, column 1), T[0,1] (rows 0..1), T[0].lower (a function)
_SYNTAX = re.compile(r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?")


def compile_template(template: list[str]) -> list[tuple]:
    """underthesea's feature template, parsed once: (prefix, first row, last row or None, column, function)."""
    out = []
    for syntax in template:
        m = _SYNTAX.match(syntax)
        out.append((f"{syntax}=", int(m.group("index1")), int(m.group("index2")) if m.group("index2") else None,
                    int(m.group("column")) if m.group("column") else 0, m.group("function")))
    return out


def features(sent: list[tuple[str, ...]], compiled: list[tuple]) -> list[list[str]]:
    """The CRF features of every token of a tagged sentence, exactly as underthesea's
    ``word2features`` gives them (BOS/EOS past the ends, bigrams joined by a space).

    sent (list[tuple[str, ...]]): one tuple of columns per token (word, tag, ...).
    compiled (list[tuple]): from ``compile_template``.
    RETURNS (list[list[str]]): one feature list per token.
    """
    from underthesea.pipeline.ner.tagged_feature import apply_function

    n = len(sent)
    columns = list(zip(*sent))
    rows = []
    for i in range(n):
        feats = []
        for prefix, first, last, column, func in compiled:
            if i + first < 0:
                feats.append(f"{prefix}BOS")
                continue
            if i + first >= n or (last is not None and i + last >= n):
                feats.append(f"{prefix}EOS")
                continue
            word = " ".join(columns[column][i + first:i + last + 1]) if last is not None else sent[i + first][column]
            feats.append(f"{prefix}{apply_function(func, word) if func is not None else word}")
        rows.append(feats)
    return rows


@Language.factory("vnie_ner", requires=["doc.sents", "doc._.body_end"], assigns=["doc._.ner", "doc.spans"],
                  default_config={"labels": list(LABELS)})
def make_ner(nlp: Language, name: str, labels: list[str]) -> "NerTagger":
    return NerTagger(tuple(labels))


class NerTagger:
    """Sets ``doc._.ner`` (a list of ``NamedEntity``) and ``doc.spans["ner"]``.

    labels (tuple[str, ...]): the entity labels kept. Defaults to PER, ORG, LOC.
    """

    def __init__(self, labels: tuple[str, ...] = LABELS):
        from underthesea.pipeline.ner.model_crf import CRFNERPredictor
        from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

        self.labels = frozenset(labels)
        pos, ner = CRFPOSTagPredictor.Instance(), CRFNERPredictor.Instance()  # loaded once per process, here
        self.pos_model, self.pos_template = pos.model, compile_template(pos.transformer.template)
        self.ner_model, self.ner_template = ner.model, compile_template(ner.transformer.template)
        if any(column == 2 for *_, column, _f in self.ner_template):  # a newer underthesea model might
            raise RuntimeError("underthesea's NER template reads chunk tags: vnie_ner must run the chunker")

    def tags(self, words: list[str]) -> list[str]:
        """BIO entity tags of a sentence's words (underthesea's ``ner`` chain on given words).

        words (list[str]): the sentence's words as segmented.
        RETURNS (list[str]): one tag per word ("B-PER", "I-PER", "O" ...).
        """
        pos = self.pos_model.tag(features([(w, "X") for w in words], self.pos_template))
        return self.ner_model.tag(features([(w, p, "X", "X") for w, p in zip(words, pos)], self.ner_template))

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
        spans: list[Span] = []
        begin, label = None, None
        for k, tag in enumerate(self.tags([t.text for t in tokens]) + ["O"]):
            prefix, _, kind = tag.partition("-")
            if begin is not None and (prefix != "I" or kind != label):
                spans.append(Span(doc, tokens[begin].i, tokens[k - 1].i + 1, label=label))
                begin, label = None, None
            if prefix == "B" or (prefix == "I" and begin is None):  # an I- without its B- starts an entity
                begin, label = k, kind
        return [s for s in spans if s.label_ in self.labels]
