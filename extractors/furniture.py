"""Page furniture in plain text: where the article body ends.

The body ends at the first of, line by line:
  1. a copyright or reproduction line ("© 2019 Bản quyền thuộc về ...", "®Không sao chép ..."),
  2. a language switcher ("English | 中文"),
  3. a related-news heading ("Tin liên quan", "Xem thêm:", "Tin cùng chuyên mục"),
  4. the byline: a short line standing alone that names the author ("Minh Hiếu",
     "Nhóm PV", "Bài, ảnh: Thu Trang", "Theo TTXVN", "NGUYỄN HẢI"), not the first
     paragraph, not a heading or caption (those are sentences with lower-case words),
  5. a related-news list with no heading: a headline line whose next line (no blank line
     between) is a dated lead ("Sáng 18/8, ..."), when the headline starts with a place
     ("Nghệ An: Khởi công ...") or another such pair follows.
When the first of these is a copyright, footer or language-switcher line, the body may end earlier:
  6. at a heading-less run of other news right above it: at least two short paragraphs (one or two
     sentences, maybe under a headline line) that each open with a dateline of their own ("Chiều 5/3,",
     "Mới đây,", "(PLO) -"), refer back to nothing ("nói trên", "Trước đó", "vụ việc"), and name places
     ("huyện Y", "phường K") that the body above never names; the run starts with such a teaser.
After it come other headlines with their own officials, dates and counts: not the article.
``doc._.body_end`` is only ever lowered (an HTML reader may already have set it where captions start).
"""

from __future__ import annotations

import bisect
import logging
import re

from spacy.language import Language
from spacy.tokens import Doc

from extractors.admin_units import AdminUnits, load_admin_units
from extractors.base import sentences, text_of
from gazetteer import read_gazetteer
from pipeline.settings import furniture_options
from pipeline.textnorm import key

log = logging.getLogger(__name__)

# Thresholds: pipeline/settings.toml, section [furniture], each with its reason.
_OPTIONS = furniture_options()
MIN_BODY_CHARS = _OPTIONS.min_body_chars
MIN_BODY_SHARE = _OPTIONS.min_body_share
MAX_BYLINE_WORDS = _OPTIONS.max_byline_words
MAX_SOURCE_WORDS = _OPTIONS.max_source_words
HEADLINE_WORDS = _OPTIONS.headline_words
MIN_TEASERS = _OPTIONS.min_teasers
TEASER_SENTENCES = _OPTIONS.teaser_sentences
TEASER_WORDS = _OPTIONS.teaser_words

# Words: gazetteer files, one entry per word with its role; the regexes below only arrange them.
LINES, CREDITS, DATELINES = "furniture_lines.jsonl", "furniture_credits.jsonl", "dateline_words.jsonl"


def _words(name: str, *roles: str) -> str:
    """A regex alternation of the patterns of ``roles`` in gazetteer file ``name``, longest first.

    name (str): the gazetteer file; roles (str): the ``role`` values wanted.
    RETURNS (str): ``(?:w1|w2|...)``, each word escaped.
    """
    words = sorted({e["pattern"] for e in read_gazetteer(name) if e["role"] in roles}, key=lambda w: (-len(w), w))
    if not words:
        raise ValueError(f"gazetteer/{name} has no words of role {roles}")
    return "(?:" + "|".join(map(re.escape, words)) + ")"


_COPYRIGHT = re.compile(rf"^(?:©|®|\(c\)\s|{_words(LINES, 'copyright cue')}\b)", re.I)
_LANGUAGES = _words(LINES, "language name")
_SWITCHER = re.compile(rf"^{_LANGUAGES}(?:\s*[|/]\s*{_LANGUAGES})+$")
_RELATED = re.compile(rf"^{_words(LINES, 'related heading opener')}\s+{_words(LINES, 'related heading topic')}\s*:?$|"
                      rf"^{_words(LINES, 'related heading', 'tag heading')}\s*:?$|"
                      rf"^{_words(LINES, 'tag heading')}\s*:",
                      re.I)
# "Bài, ảnh: Thu Trang", "Tin và ảnh: ...", "Nhóm PV", "Theo TTXVN", "Nguồn: Báo Nghệ An"
_CREDIT = re.compile(rf"^(?:{_words(CREDITS, 'credit head')}(?:\s*(?:,|{_words(CREDITS, 'credit connector')}|-|–|\+)\s*"
                     rf"{_words(CREDITS, 'photo word')})?\s*:|{_words(CREDITS, 'credit team')}\b|"
                     rf"{_words(CREDITS, 'credit team before acronym')}\s+(?=[A-ZĐ]{{2,}}\b)|"
                     rf"{_words(CREDITS, 'credit label')}\s*:|{_words(CREDITS, 'credit source')}\s+(?=[A-ZĐÀ-Ỹ]))\s*", re.U)
# "(TTXVN)", "(T/h)", " - CAND": an agency, or a note that the text was compiled from others
_TRAILING_AGENCY = re.compile(r"\s*[(\[](?:[A-ZĐ]{2,}(?:\s*[-/]\s*[A-ZĐ]{2,})?|" + _words(CREDITS, "compiled note")
                              + r")[)\]]\s*$|\s+[-–]\s*[A-ZĐ]{2,}$")
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.){1,3}[A-ZĐ]?$")  # "P.V", "T.H"
_NAME_SEPARATOR = re.compile(r"\s*(?:[,–+&-]|\bvà\b)\s*")
_WORD = re.compile(r"^[^\W\d_]+$")
_DATED_LEAD = re.compile(rf"^{_words(DATELINES, 'time of day', 'lead opener')}\b.{{0,25}}?\d{{1,2}}[/-]\d{{1,2}}", re.I)
_PLACE_COLON = re.compile(r"^([^\W\d_][^:]{1,30}):\s+\S")
# Site footer lines (each needs its colon or number: "Tổng biên tập Báo X cho biết" is a sentence).
_FOOTER = re.compile(rf"^{_words(LINES, 'footer cue')}\s*:|"
                     rf"^{_words(LINES, 'licence cue')}(?: {_words(LINES, 'licence qualifier')})*\s*:?\s*\d", re.I)
# A teaser's own dateline: "Chiều 5/3,", "Ngày 4-3-2024,", "Sáng nay (5/3),", "Mới đây,"; or an agency prefix
# "(PLO) -", "(Dân trí) -", "VOV.VN -" (maybe followed by a dateline).
_TIME_WORDS = _words(DATELINES, "time of day", "late time of day")
_TEASER_DATE = re.compile(rf"^(?:{_TIME_WORDS}\s+(?:{_words(DATELINES, 'day word')}\s*)?(?:\(\s*)?"
                          rf"(?:{_words(DATELINES, 'date word')}\s+)?"
                          r"\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?\s*\)?\s*,|"
                          rf"{_words(DATELINES, 'relative day')}\s*,)")
_AGENCY = re.compile(r"^(?:\([^()\n]{2,25}\)|[A-ZĐ]{2,}(?:\.[A-Za-z]{2,})*)\s*[-–—]\s*(?=\S)")
# Words that point back into a story: a related-news lead stands alone and has none.
_ANAPHORA = re.compile(rf"\b{_words(LINES, 'back reference')}\b", re.I)
# A named place or unit: the capitalised (or numbered) words after an administrative word.
_PLACE = re.compile(rf"(?<!\w){_words(LINES, 'place word')}\s+(?=\w)", re.I)
_TOKEN = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“(]?[^\W\d_])")


@Language.factory("vnie_furniture", requires=["doc.sents", "doc._.body_end"], assigns=["doc._.body_end"],
                  default_config={"names": "place_prefixes.jsonl", "units": "admin_units"})
def make_furniture(nlp: Language, name: str, names: str, units: str) -> "FurnitureFinder":
    surnames = {e["pattern"].upper() for e in read_gazetteer(names) if e["label"] == "NAME_WORD"}
    return FurnitureFinder(frozenset(surnames), load_admin_units(units))


class FurnitureFinder:
    """Sets ``doc._.body_end`` to the start of the first furniture line, if before the current end.

    surnames (frozenset[str]): upper-case name syllables; an ALL-CAPS byline starts with one.
    units (AdminUnits | None): place names, to recognise "Nghệ An: ..." headlines. Defaults to None.
    """

    def __init__(self, surnames: frozenset[str], units: AdminUnits | None = None):
        self.surnames = surnames
        self.units = units

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        end = doc._.body_end if doc._.body_end is not None else len(text)
        try:
            cut = self.find_end(text, end, [sent.start_char for sent in sentences(doc)])
        except Exception:  # noqa: BLE001 - furniture detection must never lose the article
            log.exception("furniture failed")
            cut = None
        doc._.body_end = min(end, cut) if cut is not None else end
        return doc

    def find_end(self, text: str, end: int, sent_starts: list[int] | None = None) -> int | None:
        """Offset where the body ends (a furniture line starts), or None if none is found before ``end``.

        text (str): the article text.
        end (int): the current body end; nothing after it is looked at.
        sent_starts (list[int] | None): sorted sentence start offsets (the Doc's); None counts by punctuation.
        RETURNS (int | None): the start of the first furniture line (or of the related news above a footer).
        """
        lines = list(_lines(text, end))
        pairs = [j < len(lines) - 1 and _headline_pair(text, lines, j) for j in range(len(lines))]
        for k, (start, line) in enumerate(lines):
            if _COPYRIGHT.match(line) or _SWITCHER.match(line) or _FOOTER.match(line):
                run = _teaser_run(text, lines, k, sent_starts)
                return lines[run][0] if run is not None else start
            if _RELATED.match(line):
                return start
            if k == 0 or start < MIN_BODY_CHARS:
                continue
            if start >= MIN_BODY_SHARE * end and self.is_byline(line, last=k == len(lines) - 1):
                return start
            if pairs[k] and self._related_list(line, pairs[k:]):
                return start
        return None

    def _related_list(self, headline: str, pairs: list[bool]) -> bool:
        """Whether a headline followed by its dated lead starts a list of other news.

        headline (str): the line; pairs (list[bool]): from it on, which lines start such a pair.
        RETURNS (bool): True when the headline starts with a place ("Nghệ An: ...") or another pair follows.
        """
        place = _PLACE_COLON.match(headline)
        if place and self.units is not None and (self.units.lookup("province", place.group(1))
                                                 or self.units.lookup("district", place.group(1))):
            return True
        return sum(pairs) >= 2

    def is_byline(self, line: str, last: bool = False) -> bool:
        """Whether a paragraph is an author or source credit.

        line (str): the paragraph, stripped.
        last (bool): it is the last paragraph of the body. Defaults to False.
        RETURNS (bool): True for "Minh Hiếu", "Nhóm PV", "Bài, ảnh: Thu Trang", "Theo TTXVN".
        """
        if _INITIALS.match(line):
            return True
        if not line or line[-1] in ".:;!?…," or any(c.isdigit() for c in line):
            return False
        credit = _CREDIT.match(line)
        if credit:
            rest = line[credit.end():].strip()
            words = rest.split()
            return 0 < len(words) <= MAX_SOURCE_WORDS and (words[0][0].isupper())
        line = _TRAILING_AGENCY.sub("", line).strip()
        names = [n for n in _NAME_SEPARATOR.split(line) if n]
        if not names or len(names) > 3:
            return False
        return all(self._is_name(n.split(), last, len(names)) for n in names)

    def _is_name(self, words: list[str], last: bool, names: int) -> bool:
        """A person's or pen name: 1-4 capitalised syllables, or an agency acronym."""
        if not 1 <= len(words) <= MAX_BYLINE_WORDS or not all(_WORD.match(w) for w in words):
            return False
        if len(words) == 1:
            word = words[0]
            return word.isupper() and len(word) <= 6 and (last or names > 1 or len(word) >= 2)
        if all(w.isupper() for w in words):
            return words[0] in self.surnames or last
        if words[0].isupper() and len(words[0]) <= 4:
            words = words[1:]  # "PV Thu Hà", "CTV Nam Anh": the role before the name
        return all(w[0].isupper() and (w[1:].islower() or not w[1:]) for w in words)


def _headline_pair(text: str, lines: list[tuple[int, str]], j: int) -> bool:
    """A headline (short, no final stop) directly followed, without a blank line, by a dated lead."""
    (start, line), (next_start, next_line) = lines[j], lines[j + 1]
    words = len(line.split())
    return (HEADLINE_WORDS[0] <= words <= HEADLINE_WORDS[1] and line[-1] not in ".!?…;:,"
            and "\n" not in text[start + len(line):next_start].replace("\n", "", 1)
            and _DATED_LEAD.match(next_line) is not None)


def _lines(text: str, end: int):
    """(start, stripped line) of each non-blank line that starts before ``end``."""
    pos = 0
    for raw in text.split("\n"):
        if pos >= end:
            break
        stripped = raw.strip()
        if stripped:
            yield pos + (len(raw) - len(raw.lstrip())), stripped
        pos += len(raw) + 1


def _teaser_run(text: str, lines: list[tuple[int, str]], footer: int, sent_starts: list[int] | None) -> int | None:
    """Index of the first line of a heading-less related-news run right above a footer line, or None.

    Walking up from the footer, each unit is a teaser (maybe under its headline line); the run must
    hold ``MIN_TEASERS`` teasers that name places of their own, start with one, and leave a body above.
    text (str): the article text; lines (list): (start, line) of the body lines; footer (int): the footer's index.
    sent_starts (list[int] | None): sorted sentence starts, or None.
    RETURNS (int | None): the line index where the body ends.
    """
    units: list[tuple[int, frozenset[str] | None]] = []  # (first line, own place names), bottom-up
    k = footer - 1
    while k >= 1:
        start, line = lines[k]
        if not _is_teaser(text, start, line, sent_starts):
            break
        places = _places(line)
        first = k
        if k >= 2 and _is_headline(lines[k - 1][1]):
            first = k - 1
            places |= _places(lines[first][1])
        units.append((first, frozenset(places)))
        k = first - 1
    while units:
        first = units[-1][0]  # the topmost teaser: the run would start here
        if lines[first][0] < MIN_BODY_CHARS:
            units.pop()
            continue
        body = set().union(*(_places(line) for _, line in lines[:first]))
        if not body:
            return None  # the body names no place: nothing to tell its paragraphs from other news
        foreign = [bool(places) and not places & body for _, places in units]
        shared = [bool(places & body) for _, places in units]
        if any(shared):  # a teaser naming the body's places may be the body: the run starts below it
            units = units[:shared.index(True)]
            continue
        if not foreign[-1]:  # the run must start with a teaser of its own place, not a place-less one
            units.pop()
            continue
        return first if sum(foreign) >= MIN_TEASERS else None
    return None


def _is_teaser(text: str, start: int, line: str, sent_starts: list[int] | None) -> bool:
    """A short self-contained news lead: its own dateline or agency prefix, one or two sentences, no back-reference."""
    agency = _AGENCY.match(line)
    lead = line[agency.end():] if agency else line
    if not (agency or _TEASER_DATE.match(lead)) or _ANAPHORA.search(line):
        return False
    if len(line.split()) > TEASER_WORDS:
        return False
    if sent_starts is not None:
        count = bisect.bisect_left(sent_starts, start + len(line)) - bisect.bisect_left(sent_starts, start)
    else:
        count = 1 + len(_SENTENCE_END.findall(line))
    return 1 <= count <= TEASER_SENTENCES


def _is_headline(line: str) -> bool:
    """A headline line: a few words without final punctuation."""
    return HEADLINE_WORDS[0] <= len(line.split()) <= HEADLINE_WORDS[1] and line[-1] not in ".!?…;:,"


def _places(line: str) -> set[str]:
    """Keys of the places a line names: the capitalised or numbered words after "huyện", "phường", "tỉnh" ..."""
    out = set()
    for m in _PLACE.finditer(line):
        words = []
        for i, w in enumerate(_TOKEN.finditer(line, m.end())):
            word = w.group()
            gap = line[words[-1][1]:w.start()] if words else ""
            if (gap and gap != " ") or not (word[0].isupper() or (i == 0 and word.isdigit())):
                break
            words.append((word, w.end()))
        if words:  # "phường 5" keeps its unit word: "Quận 5" is another place
            name = " ".join(w for w, _ in words)
            out.add(key(m.group().strip() + " " + name if words[0][0].isdigit() else name))
    return out
