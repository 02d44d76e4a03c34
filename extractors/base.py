"""What every extractor shares: the mention record, person ids and sentence helpers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class Mention:
    """One row of the ``mentions`` table.

    label (str): PER, ORG, LOC, RANK, TITLE, DATE, COUNT or EVENT.
    text (str): the mention as written (``articles.text[start:end]``).
    start, end (int): character offsets into the article text.
    method (str): rule, ner or gazetteer.
    norm (str | None): the canonical value (full rank, province, ISO date ...).
    """

    label: str
    text: str
    start: int
    end: int
    method: str = "rule"
    norm: str | None = None


def person_id(name: str) -> str:
    """Stable id of a person across articles: a hash of the name's key.

    The key is the NFC name with tone placement folded, case folded and spaces
    collapsed, so "Trần Văn Hòa" and "TRẦN VĂN HOÀ" are one person. Two people
    with one name share an id: names are what the articles give us.
    """
    from pipeline.textnorm import key

    return "p_" + hashlib.sha1(key(name).encode("utf-8")).hexdigest()[:12]


def text_of(doc: Doc) -> str:
    """``doc.text``, cached: spaCy re-joins every token each time ``doc.text`` is read,
    so extractors call this (or ``folded``) instead, never ``doc.text`` in a loop."""
    cached = doc.user_data.get("vnie_text")
    if cached is None:
        cached = doc.user_data["vnie_text"] = doc.text
    return cached


def token_ends(doc: Doc) -> list[int]:
    """End offsets of the Doc's tokens, read in one array call and cached (iterating a Doc
    builds a Python object per token)."""
    cached = doc.user_data.get("vnie_token_ends")
    if cached is None:
        from spacy.attrs import IDX, LENGTH

        bounds = doc.to_array([IDX, LENGTH])
        cached = doc.user_data["vnie_token_ends"] = (bounds[:, 0] + bounds[:, 1]).tolist() if len(doc) else []
    return cached


def sentence_texts(doc: Doc) -> list[str]:
    """Each sentence's text, sliced once from the cached article text (``Span.text`` re-joins tokens)."""
    cached = doc.user_data.get("vnie_sent_texts")
    if cached is None:
        text = text_of(doc)
        cached = doc.user_data["vnie_sent_texts"] = [text[s.start_char:s.end_char] for s in sentences(doc)]
    return cached


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences; list position is the ``sentence`` column."""
    cached = doc.user_data.get("vnie_sents")
    if cached is None:
        cached = doc.user_data["vnie_sents"] = list(doc.sents)
    return cached


def sentence_of(doc: Doc, char: int) -> int:
    """Index of the sentence holding character offset ``char``."""
    sents = sentences(doc)
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid].start_char <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


def body_sentences(doc: Doc, captions: bool = False) -> list[tuple[int, Span]]:
    """(index, sentence) of the article body; with ``captions=True`` also appended captions.

    Sentences after ``doc._.body_end`` (bylines, related news, copyright) are never returned.
    """
    end = doc._.body_end if doc._.body_end is not None else len(text_of(doc))
    cap = doc._.captions_start
    out = []
    for i, sent in enumerate(sentences(doc)):
        if sent.start_char < end:
            out.append((i, sent))
        elif captions and cap is not None and sent.start_char >= cap:
            out.append((i, sent))
    return out


def folded(doc: Doc) -> str:
    """The Doc text with tone placement folded (``hoà`` -> ``hòa``): same length, same offsets.

    Computed once per Doc; regexes and gazetteer patterns (folded the same way)
    run on it, and their offsets are used on ``doc.text``.
    """
    cached = doc.user_data.get("vnie_folded")
    if cached is None:
        from pipeline.textnorm import fold_tones

        cached = doc.user_data["vnie_folded"] = fold_tones(text_of(doc))
    return cached
