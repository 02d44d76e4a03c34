"""Spans of an article for the review page: every extracted fact as a character range of the text,
cut into flat segments so overlapping spans (a rank inside an official's mention, a count inside an
event's sentence) never cross tags."""

from __future__ import annotations

from dataclasses import dataclass, field

# mentions.label -> the kind shown (CSS class k-<kind>), in legend order
KIND_OF_LABEL = {"PER": "name", "RANK": "rank", "TITLE": "title", "ORG": "org", "LOC": "place",
                 "DATE": "date", "COUNT": "count", "EVENT": "trigger"}
KIND_OF_TABLE = {"officials": "name", "counts": "count", "dates": "date", "events": "event"}
LEGEND = (("name", "official name"), ("rank", "rank"), ("title", "title"), ("org", "organisation"),
          ("place", "place"), ("date", "date"), ("count", "count"), ("trigger", "event trigger"),
          ("event", "event (its words, underlined)"))


@dataclass
class Span:
    """One highlighted range: ``text[start:end]`` of a kind, with what it stands for."""

    sid: str
    kind: str
    start: int
    end: int
    label: str                                   # what hovering shows
    rows: list[str] = field(default_factory=list)  # ids of the table rows that point at it


@dataclass(frozen=True)
class Segment:
    """A piece of text covered by the same spans; ``kind`` is that of the innermost span."""

    text: str
    start: int
    kind: str | None = None
    sids: tuple[str, ...] = ()
    in_event: bool = False
    tip: str = ""


@dataclass(frozen=True)
class Part:
    """A stretch of the article: the body, photo captions, or what comes after the body's end."""

    name: str          # body, captions, after
    note: str
    segments: tuple[Segment, ...]


def segments(text: str, spans: list[Span], start: int = 0, end: int | None = None) -> list[Segment]:
    """Cut ``text[start:end]`` at every span boundary; each piece lists the spans covering it.

    text (str): the article text.
    spans (list[Span]): spans with offsets into ``text`` (those outside the range are ignored).
    RETURNS (list[Segment]): consecutive pieces whose texts join to ``text[start:end]``.
    """
    end = len(text) if end is None else end
    inside = [s for s in spans if s.start < end and s.end > start and s.start < s.end]
    cuts = sorted({start, end} | {min(max(p, start), end) for s in inside for p in (s.start, s.end)})
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        if lo >= hi:
            continue
        cover = [s for s in inside if s.start <= lo and s.end >= hi]
        shown = [s for s in cover if s.kind != "event"]
        kind = min(shown, key=lambda s: (s.end - s.start, s.sid)).kind if shown else None
        tip = "\n".join(dict.fromkeys(s.label for s in sorted(cover, key=lambda s: (s.start, -s.end))))
        out.append(Segment(text=text[lo:hi], start=lo, kind=kind if cover else None,
                           sids=tuple(s.sid for s in cover), in_event=any(s.kind == "event" for s in cover),
                           tip=tip))
    return out


def parts(text: str, spans: list[Span], body_end: int | None, captions_start: int | None) -> list[Part]:
    """The article cut into body, captions and what follows the body's end, each as segments."""
    n = len(text)
    body_end = n if body_end is None or not 0 <= body_end <= n else body_end
    stops = [(0, "body", "")]
    if captions_start is not None and 0 < captions_start < body_end:
        stops.append((captions_start, "captions", "Photo captions, appended after the body."))
    if body_end < n:
        stops.append((body_end, "after", "After the article's end (byline, related news, copyright): "
                                         "shown for checking, no rows are extracted from it."))
    out = []
    for i, (lo, name, note) in enumerate(stops):
        hi = stops[i + 1][0] if i + 1 < len(stops) else n
        if hi > lo:
            out.append(Part(name=name, note=note, segments=tuple(segments(text, spans, lo, hi))))
    return out
