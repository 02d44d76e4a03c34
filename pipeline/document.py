"""One document per article: underthesea segments once, spaCy holds the result.

``UndertheseaTokenizer`` splits paragraphs into sentences and sentences into
words with underthesea, then lays the words onto the article text so that
``doc.text`` is exactly ``articles.text`` and every token knows its character
offset. Every extractor reads this ``Doc``; none tokenises again.

Doc extensions (all declared here, each filled by one component):
  article (dict): publication date and other article fields the rules need.
  body_end (int): where the article body ends (after it: page furniture).
  captions_start (int | None): where appended photo captions start.
  dates, places, officials, events, counts (list): the extractors' records.
  date_mentions, count_mentions (list): every date / count mention, repeats too (``dates`` and
    ``counts`` keep each fact once); later components and the mentions table read them.
  ner (list | None): the optional statistical tagger's entities (``vnie_ner``; None when off).
  words (list[Word]), vnie_spans (SpanLayer): the body's shared words and every gazetteer match on
    them (``vnie_spans``, extractors/span_layer.py); display kinds also in ``doc.spans["RANK"]`` ...
  display (bool | None): False when the Doc is processed for the tables alone (``process(..., display=False)``):
    no span groups are drawn for displaCy; None (or True): they are.
  facts (dict): the mention behind each span of ``doc.spans["facts"]`` (``vnie_fact_spans``), which
    these span extensions read:
Span extensions (on the spans of ``doc.spans["facts"]`` and ``doc.ents``; None on other spans):
  norm (str | None): the row's key (full rank, province, event type, count category, ISO date);
  method (str): rule or gazetteer; offsets (tuple[int, int]): the exact character offsets (a span
  covers whole tokens, a fact may start or end inside one).

Components declare what they read (``requires``) and write (``assigns``) on their
``@Language.factory``; ``vnie_document`` runs first and assigns what the tokenizer and
``make_doc`` put on the Doc, so ``nlp.analyze_pipes()`` finds every requirement met.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.startup import lean_spacy, load_word_model

lean_spacy()   # before spaCy's import: its command-line tools are not loaded (pipeline/startup.py)

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from pipeline.article import Article  # noqa: E402
from pipeline.segmentation import Segmentation, segment, words_and_spaces  # noqa: E402

EXTENSIONS = ("article", "body_end", "captions_start", "dates", "places", "officials", "events", "counts",
              "date_mentions", "count_mentions", "ner", "words", "vnie_spans", "facts", "display")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _fact(span: Span):
    """The mention a fact span stands for (``doc._.facts``, by label, tokens and span id), or None."""
    facts = span.doc._.facts
    return facts.get((span.label, span.start, span.end, span.id)) if facts else None


# Read from doc._.facts: spaCy keeps a span's own extension values by its characters only, and two
# facts may cover the same characters (a LOC and an ORG, "43/45 vụ" and "45 vụ" in one token).
SPAN_EXTENSIONS = {
    "norm": lambda span: getattr(_fact(span), "norm", None),
    "method": lambda span: getattr(_fact(span), "method", None),
    "offsets": lambda span: (f.start, f.end) if (f := _fact(span)) is not None else None,
}
for _name, _getter in SPAN_EXTENSIONS.items():
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)

# Components in the order they run: later ones read what earlier ones wrote
# (``vnie_document`` is always first: build_nlp adds it).
DEFAULT_COMPONENTS = ("vnie_furniture", "vnie_spans", "vnie_dates", "vnie_places", "vnie_officials", "vnie_events", "vnie_counts")
# Off by default (``[pipeline] ner``, ``--ner``): added after the rules, it only adds mentions.
OPTIONAL_COMPONENTS = ("vnie_ner",)
# Added last by build_nlp to a pipeline holding every default component: the facts as spans.
FACT_SPANS = "vnie_fact_spans"


class UndertheseaTokenizer:
    """Text to ``Doc``: underthesea sentences and words (``pipeline.segmentation``), offsets kept exact."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return self._doc(text, segment(text))

    def from_segmentation(self, text: str, segmentation: Segmentation) -> Doc:
        """The Doc of ``text`` from its words as ``segment(text)`` gave them (here or in another process)."""
        if not segmentation.fits(text):
            raise ValueError(f"a segmentation of another text ({segmentation.length} characters; this one {len(text)})")
        return self._doc(text, segmentation)

    def _doc(self, text: str, segmentation: Segmentation) -> Doc:
        words, spaces, starts = words_and_spaces(segmentation.spans, text)
        sent_starts = segmentation.sent_starts
        flags = [i == 0 or start in sent_starts for i, start in enumerate(starts)]
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=flags)
        doc.user_data["vnie_text"] = text  # doc.text re-joins every token on each call: keep it
        return doc


@Language.component("vnie_document", assigns=["doc.sents", "doc._.article", "doc._.body_end", "doc._.captions_start"])
def document_inputs(doc: Doc) -> Doc:
    """The Doc's inputs, made explicit for the components after it: the tokenizer's sentences
    and ``make_doc``'s article fields. A Doc made without ``make_doc`` (``nlp(text)``) gets the
    defaults ``make_doc`` would give an article with no metadata; nothing else changes.

    doc (Doc): the tokenised article.
    RETURNS (Doc): the same Doc.
    """
    if doc._.article is None:
        doc._.article = {}
    if doc._.body_end is None:
        doc._.body_end = doc._.captions_start if doc._.captions_start is not None else len(doc.text)
    if len(doc) and not doc.has_annotation("SENT_START"):
        doc[0].is_sent_start = True
    return doc


@spacy.registry.tokenizers("vnie.underthesea")
def create_tokenizer():
    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


def build_nlp(components: Iterable[str] | None = None) -> Language:
    """A blank pipeline with the underthesea tokenizer and the named components.

    When the pipeline holds every default component, ``vnie_fact_spans`` comes last: it lays
    what they found on the Doc as spans (``doc.spans["facts"]``, ``doc.ents``).

    components (Iterable[str] | None): component names; defaults to ``DEFAULT_COMPONENTS``. ``vnie_spans``
        is added when missing, right after ``vnie_furniture`` (else first).
    RETURNS (Language): ready to call on article text.
    """
    import extractors  # noqa: F401 - registers the vnie_* factories

    names = [n for n in (DEFAULT_COMPONENTS if components is None else components) if n != "vnie_document"]
    if "vnie_spans" not in names:  # the span layer every extractor reads: after furniture, before the rest
        names.insert(names.index("vnie_furniture") + 1 if "vnie_furniture" in names else 0, "vnie_spans")
    if set(DEFAULT_COMPONENTS) <= set(names) and FACT_SPANS not in names:
        names.append(FACT_SPANS)
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "vnie.underthesea"}}})
    nlp.add_pipe("vnie_document")
    for name in names:
        nlp.add_pipe(name)
    load_word_model()   # with the pipeline, not on the first article: forked workers share it
    return nlp


def make_doc(nlp: Language, article: Article, segmentation: Segmentation | None = None) -> Doc:
    """The article's Doc with its fields attached, before any component runs.

    segmentation (Segmentation | None): the text's words as ``segment`` gave them in another process
        (``pipeline.batch.segment_ahead``); None, or one of another text, segments here. The Doc is the same.
    """
    if segmentation is not None and segmentation.fits(article.text):
        doc = nlp.tokenizer.from_segmentation(article.text, segmentation)
    else:
        doc = nlp.make_doc(article.text)
    doc._.article = {"published": article.published, "title": article.title, "source": article.source}
    doc._.captions_start = article.captions_start
    doc._.body_end = article.captions_start if article.captions_start is not None else len(article.text)
    return doc


def process(nlp: Language, article: Article, display: bool = True, segmentation: Segmentation | None = None) -> Doc:
    """Tokenise once (or take the words ``segmentation`` holds), then run every component over the same Doc.

    display (bool): also draw the facts for displaCy (``doc.spans`` groups, ``doc.ents``). Extraction runs
        pass False: no table reads them, so ``vnie_fact_spans`` is skipped and the span layer and counts
        write no span groups (``extractors.span_layer.displays``); every record is the same.
    """
    doc = make_doc(nlp, article, segmentation)
    if not display:
        doc._.display = False
    for name, component in nlp.pipeline:
        if display or name != FACT_SPANS:
            doc = component(doc)
    return doc
