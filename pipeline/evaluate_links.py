"""Pairwise precision and recall of stories and persons against a links gold (``links.json``).

Format (``tests/gold_links/README.md``)::

    {"stories": [{"id": "G1", "type": "festival", "articles": [ARTICLE, ...]}, ...],
     "persons": [{"id": "khang", "name": "Vũ Đình Khang", "articles": [ARTICLE, ...]}, ...]}

ARTICLE is an article's URL or its source file name. Every article of the gold is in
at least one story (a story of one article is a lookalike that must stay alone).

stories  over pairs of gold articles: gold-same when they share a gold story,
         output-same when some event of one and some event of the other share a story_id;
persons  over pairs of (article, person) units of the gold: gold-same when they are one
         gold person, output-same when the officials rows of that name (or of a variant of
         it in the article) share a person_id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import pandas as pd

from pipeline.evaluate import Score
from pipeline.linking.names import canonical_keys, name_key
from pipeline.storage import read_table

LINKS_FILE = "links.json"


class PairScore(Score):
    """P/R/F1 over pairs: each pair is counted by whether the gold and the output call it the same."""

    def pair(self, gold: bool, got: bool) -> None:
        self.add(int(gold and got), int(got and not gold), int(gold and not got))


@dataclass
class LinkEvaluation:
    scores: dict[str, PairScore] = field(default_factory=lambda: {"stories": PairScore(), "persons": PairScore()})
    errors: dict[str, list[str]] = field(default_factory=lambda: {"stories": [], "persons": []})
    missing: list[str] = field(default_factory=list)

    def table(self) -> str:
        lines = [f"{'links':<11} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}   (pairwise)"]
        for name, s in self.scores.items():
            lines.append(f"{name:<11} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
        if self.missing:
            lines.append("links gold without output: " + ", ".join(self.missing))
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {name: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn,
                       "errors": self.errors[name]} for name, s in self.scores.items()} | {"missing": self.missing}


def has_links(gold_dir: Path) -> bool:
    return (Path(gold_dir) / LINKS_FILE).is_file()


def evaluate_links(gold_dir: Path, out_dir: Path) -> LinkEvaluation:
    """Score the stories and person_ids in ``out_dir`` against ``gold_dir/links.json``."""
    gold = json.loads((Path(gold_dir) / LINKS_FILE).read_text(encoding="utf-8"))
    articles = read_table(out_dir, "articles")
    events = read_table(out_dir, "events")
    officials = read_table(out_dir, "officials")
    ids: dict[str, str] = {}
    for aid, url, source in zip(articles["article_id"], articles["url"], articles["source"]):
        for name in (url, source, Path(str(source)).name):
            if isinstance(name, str) and name:
                ids.setdefault(name, aid)
    result = LinkEvaluation()

    def aid_of(ref: str) -> str | None:
        aid = ids.get(ref) or ids.get(Path(ref).name)
        if aid is None and ref not in result.missing:
            result.missing.append(ref)
        return aid

    # stories
    gold_of: dict[str, set[str]] = {}
    for story in gold.get("stories", []):
        for ref in story["articles"]:
            gold_of.setdefault(ref, set()).add(story["id"])
    story_of: dict[str, set[str]] = {}
    if "story_id" in events:
        for aid, sid in zip(events["article_id"], events["story_id"]):
            if isinstance(sid, str):
                story_of.setdefault(aid, set()).add(sid)
    for a, b in combinations(sorted(gold_of), 2):
        same = bool(gold_of[a] & gold_of[b])
        got = bool(story_of.get(aid_of(a), set()) & story_of.get(aid_of(b), set()))
        result.scores["stories"].pair(same, got)
        if same != got:
            result.errors["stories"].append(f"{'missed' if same else 'wrong'}: {a} ~ {b}")
    # persons
    by_article: dict[str, pd.DataFrame] = {aid: df for aid, df in officials.groupby("article_id")}
    units = []
    for person in gold.get("persons", []):
        for ref in person["articles"]:
            units.append((person["id"], ref, _person_ids(by_article.get(aid_of(ref)), person["name"])))
    for (pa, ra, ia), (pb, rb, ib) in combinations(units, 2):
        same, got = pa == pb, bool(ia & ib)
        result.scores["persons"].pair(same, got)
        if same != got:
            result.errors["persons"].append(f"{'missed' if same else 'wrong'}: {pa}@{ra} ~ {pb}@{rb}")
    return result


def _person_ids(rows: pd.DataFrame | None, name: str) -> set[str]:
    """The person_ids of the rows giving ``name`` or a variant of it in one article."""
    if rows is None or not len(rows):
        return set()
    canon = canonical_keys(list(rows["name"].dropna()))
    want = name_key(name)
    want = canon.get(want, want)
    return {pid for n, pid in zip(rows["name"], rows["person_id"])
            if isinstance(n, str) and canon.get(name_key(n)) == want}
