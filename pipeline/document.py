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

import re
import sys
from collections.abc import Iterable

from pipeline.startup import lean_spacy, load_word_model, segmenters

lean_spacy()   # before spaCy's import: its command-line tools are not loaded (pipeline/startup.py)

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.vocab import Vocab  # noqa: E402

from pipeline.article import Article  # noqa: E402

sent_tokenize, word_tokenize = segmenters()   # underthesea's two functions, without its taggers' imports
# word_tokenize's module (its model, loaded by ``load_word_model``), its regex tokenizer and character
# normalisation: ``_segmented`` runs its steps itself, keeping the tokens' offsets
_WORD_MODULE = sys.modules[word_tokenize.__module__]
_REGEX_MODULE = sys.modules[word_tokenize.__module__ + ".regex_tokenize"]
_normalize_characters = _REGEX_MODULE.normalize_characters_in_text

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
    """Text to ``Doc``: underthesea sentences and words, offsets kept exact."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        spans: list[tuple[int, int]] = []
        sent_starts: set[int] = set()
        for p_start, p_end in _paragraphs(text):
            para = text[p_start:p_end]
            for s_start, s_end in _align(_rejoin(sent_tokenize(para)), para, 0):
                offset, stop = p_start + s_start, p_start + s_end
                found = _segmented(text, offset, stop)
                if found is None:  # underthesea's words as strings, laid back on the text
                    found = _align(word_tokenize(text[offset:stop], use_token_normalize=False), text, offset, stop)
                # aligned on the article text itself, within the sentence: offsets need no shifting
                aligned = _fill_gaps(found, text, offset, stop)
                if aligned:
                    sent_starts.add(aligned[0][0])
                    spans.extend(aligned)
        words, spaces, starts = _words_and_spaces(spans, text)
        flags = [i == 0 or start in sent_starts for i, start in enumerate(starts)]
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=flags)
        doc.user_data["vnie_text"] = text  # doc.text re-joins every token on each call: keep it
        return doc


def _segmented(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """(start, end) of underthesea's words in ``text[start:end]``, read from the offsets of its own
    tokens: what ``_align(word_tokenize(sentence, use_token_normalize=False), ...)`` gives, without
    joining the tokens into strings and finding them again. ``word_tokenize``'s two steps are run as it
    runs them (its regex tokens, its CRF model's B-W/I-W tags); None, for the slow path, when the
    sentence is not the text underthesea reads (its character normalisation changes it), a token is
    empty or characters lie unread between two tokens, or the model is not loaded yet.
    """
    model = _WORD_MODULE.word_tokenize_model
    regex = _REGEX_MODULE
    if model is None or regex.recompile_regex_patterns:
        return None
    sentence = text[start:end]
    if _normalize_characters(sentence) != sentence:
        return None
    spans = [m.span() for m in regex.patterns.finditer(sentence)]
    if not spans:
        return None
    pos = 0
    for a, b in spans:  # the tokens cover every non-space character (as _align matches them)
        if a == b or (a > pos and not sentence[pos:a].isspace()):
            return None
        pos = b
    tags = model.predict([[sentence[a:b]] for a, b in spans])
    out: list[tuple[int, int]] = []
    for tag, (a, b) in zip(tags, spans):
        if tag == "I-W" and out:  # the token continues the word before it
            out[-1] = (out[-1][0], start + b)
        else:
            out.append((start + a, start + b))
    return out


# Abbreviated unit words a sentence never ends with: "Thị ủy TX." + "Hương Thủy ..." is one sentence.
_UNIT_ABBREVIATION = re.compile(r"(?:^|\s)(?:TP|Tp|TX|TT|Q|P|H|X)\.$")


def _rejoin(sentences: list[str]) -> list[str]:
    """Sentences with the splitter's false breaks mended: a piece that opens with a
    lower-case letter or a bracket continues the one before ("Anh N.V.T." + "(SN 1990) bị bắt."),
    and so does a piece after an abbreviated unit word ("Thị ủy TX." + "Hương Thủy ...")."""
    out: list[str] = []
    for sentence in sentences:
        head = sentence.lstrip()[:1]
        if out and head and (head == "(" or head.islower() or _UNIT_ABBREVIATION.search(out[-1].rstrip())):
            out[-1] = out[-1] + " " + sentence
        else:
            out.append(sentence)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: a non-blank line, or hard-wrapped lines joined (a line
    without closing punctuation followed by one that opens in lower case continues it)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    joinable = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            if joinable and spans and stripped[0].islower():
                spans[-1] = (spans[-1][0], start + len(stripped))
            else:
                spans.append((start, start + len(stripped)))
            joinable = stripped[-1] not in _CLOSING
        else:
            joinable = False
        pos += len(line) + 1
    return spans


_CLOSING = ".!?…:;\"”)»"


def _align(pieces: Iterable[str], text: str, cursor: int, stop: int | None = None) -> list[tuple[int, int]]:
    """Character spans of ``pieces`` in ``text[cursor:stop]``, matched in order, ignoring whitespace
    differences. A piece that does not match (the segmenter changed a character)
    is skipped and its characters later become tokens of their own.

    stop (int | None): where the searched stretch ends. Defaults to the end of ``text``.
    """
    out = []
    n = len(text) if stop is None else stop
    isspace, startswith = str.isspace, text.startswith
    for piece in pieces:
        pos = cursor
        while pos < n and isspace(text[pos]):
            pos += 1
        end = pos + len(piece)
        if piece and end <= n and startswith(piece, pos):  # the usual case: the piece is the text as written
            out.append((pos, end))
            cursor = end
            continue
        chars = [c for c in piece if not c.isspace()]
        if not chars:
            continue
        start, i, ok = pos, 0, True
        while i < len(chars):
            while pos < n and text[pos].isspace():
                pos += 1
            if pos >= n or text[pos] != chars[i]:
                ok = False
                break
            pos += 1
            i += 1
        if ok:
            out.append((start, pos))
            cursor = pos
        else:
            found = text.find("".join(chars[:3]), cursor, n)
            if found != -1 and " " not in piece:
                end = found + len(piece)
                if end <= n and text[found:end] == piece:
                    out.append((found, end))
                    cursor = end
    return out


_NON_SPACE = re.compile(r"\S+")


def _fill_gaps(spans: list[tuple[int, int]], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans covering every non-space character of text[start:end]."""
    out, pos = [], start
    append = out.append
    for a, b in spans:
        if a > pos and not text[pos:a].isspace():  # the usual gap is a space: nothing to cover
            out.extend(m.span() for m in _NON_SPACE.finditer(text, pos, a))
        if b > a:
            append((a, b))
        if b > pos:
            pos = b
    if end > pos and not text[pos:end].isspace():
        out.extend(m.span() for m in _NON_SPACE.finditer(text, pos, end))
    return out


def _words_and_spaces(spans: list[tuple[int, int]], text: str) -> tuple[list[str], list[bool], list[int]]:
    """spaCy's words/spaces for spans tiling ``text``: gaps other than one space become whitespace tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    pos = 0
    for a, b in spans:
        if a != pos:
            if a == pos + 1 and text[pos] == " " and words and not spaces[-1]:  # the usual gap: one space
                spaces[-1] = True
            else:
                _add_gap(text[pos:a], pos, words, spaces, starts)
        words.append(text[a:b])
        spaces.append(False)
        starts.append(a)
        pos = b
    _add_gap(text[pos:], pos, words, spaces, starts)
    return words, spaces, starts


def _add_gap(gap: str, pos: int, words: list[str], spaces: list[bool], starts: list[int]) -> None:
    if not gap:
        return
    if gap[0] == " " and words and not spaces[-1]:
        spaces[-1] = True
        gap, pos = gap[1:], pos + 1
    if gap:
        words.append(gap)
        spaces.append(False)
        starts.append(pos)


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


def make_doc(nlp: Language, article: Article) -> Doc:
    """The article's Doc with its fields attached, before any component runs."""
    doc = nlp.make_doc(article.text)
    doc._.article = {"published": article.published, "title": article.title, "source": article.source}
    doc._.captions_start = article.captions_start
    doc._.body_end = article.captions_start if article.captions_start is not None else len(article.text)
    return doc


def process(nlp: Language, article: Article, display: bool = True) -> Doc:
    """Tokenise once, then run every component over the same Doc.

    display (bool): also draw the facts for displaCy (``doc.spans`` groups, ``doc.ents``). Extraction runs
        pass False: no table reads them, so ``vnie_fact_spans`` is skipped and the span layer and counts
        write no span groups (``extractors.span_layer.displays``); every record is the same.
    """
    doc = make_doc(nlp, article)
    if not display:
        doc._.display = False
    for name, component in nlp.pipeline:
        if display or name != FACT_SPANS:
            doc = component(doc)
    return doc
