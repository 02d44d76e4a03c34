"""Score output tables against gold files (``gold/GUIDELINES.md``): P/R/F1 per table.

Matching, per article (a gold file names its article by ``source``, matched to the
basename of ``articles.source``):
  officials  one gold person matches one output row with the same name key
             (NFC, tone placement and case folded); rank accuracy is over matches;
  titles     (person, title) pairs of matched officials, by title key;
  organizations  (person, organisation) pairs of matched officials whose gold
             gives ``organizations``, by a key that writes abbreviations out
             (``gazetteer/abbreviations.jsonl``): gold keeps units as written
             ("UBND TP Hải Phòng"), the tables expand them ("Ủy ban nhân dân
             thành phố Hải Phòng"); official province accuracy is over matches
             whose gold gives ``province`` (null included: then none is right);
  events     same type and same date (both null counts as same); province and
             ward accuracy are over matches;
  counts     same value, preferring the same unit head word; category,
             kind (gold default ``total``) and unit (the whole phrase, by key)
             accuracy are over matches;
  dates      ISO days (rows of granularity ``day``), as multisets;
  published  accuracy of ``articles.published`` against the gold ``published``.
Optional gold items are neither rewarded nor penalised: an output row matching
one is dropped from the count, an unmatched one is not a miss. A column the
tables do not have yet (``kind``, ``province``) reads as missing: wrong, never
a crash. ``macro F1`` is the mean F1 of officials, titles, events, counts and
dates (organizations and the accuracies stay out of it).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from gazetteer import read_gazetteer
from pipeline.storage import read_table
from pipeline.textnorm import key, nfc

MACRO_TABLES = ("officials", "titles", "events", "counts", "dates")  # the tables macro F1 averages


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else math.nan


@dataclass
class Evaluation:
    scores: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in
                                                              (*MACRO_TABLES, "organizations")})
    accuracy: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in
                                                                   ("published", "rank", "count_category",
                                                                    "event_province", "event_ward",
                                                                    "count_kind", "count_unit",
                                                                    "official_province")})
    articles: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        """The mean F1 of officials, titles, events, counts and dates."""
        return sum(self.scores[t].f1 for t in MACRO_TABLES) / len(MACRO_TABLES)

    def table(self) -> str:
        lines = [f"{'table':<13} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
        for name, s in self.scores.items():
            lines.append(f"{name:<13} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
        lines.append(f"{'macro F1':<25} {self.macro_f1:6.3f} (mean F1 of {', '.join(MACRO_TABLES)})")
        for name, a in self.accuracy.items():
            lines.append(f"{name + ' acc':<25} {a.value:6.3f} ({a.right}/{a.total})")
        lines.append(f"articles scored: {self.articles}" +
                     (f"; gold without output: {', '.join(self.missing)}" if self.missing else ""))
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"scores": {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1,
                               "tp": v.tp, "fp": v.fp, "fn": v.fn} for k, v in self.scores.items()},
                "macro_f1": self.macro_f1,
                "accuracy": {k: v.value for k, v in self.accuracy.items()},
                "articles": self.articles, "missing": self.missing}


def evaluate(gold_dir: Path, out_dir: Path) -> Evaluation:
    """Score the tables in ``out_dir`` against every ``*.json`` gold file in ``gold_dir``."""
    tables = {name: read_table(out_dir, name) for name in ("articles", "officials", "events", "counts", "dates")}
    by_source = {Path(str(s)).name: aid for s, aid in zip(tables["articles"]["source"], tables["articles"]["article_id"])}
    result = Evaluation()
    for gold_file in sorted(Path(gold_dir).glob("*.json")):
        if gold_file.name == "links.json":  # stories and persons across articles: pipeline/evaluate_links.py
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        source = Path(gold.get("source") or gold_file.with_suffix(".txt").name).name
        aid = by_source.get(source)
        if aid is None:
            result.missing.append(source)
            rows = {name: df.iloc[0:0] for name, df in tables.items()}
        else:
            rows = {name: df[df["article_id"] == aid] for name, df in tables.items()}
        result.articles += 1
        if aid is not None:
            published = tables["articles"].loc[tables["articles"]["article_id"] == aid, "published"].iloc[0]
            result.accuracy["published"].add(_s(gold.get("published")) == _s(published))
        _officials(gold.get("officials", []), rows["officials"], result)
        _events(gold.get("events", []), rows["events"], result)
        _counts(gold.get("counts", []), rows["counts"], result)
        _dates(gold.get("dates", []), rows["dates"], result)
    return result


def _s(value) -> str:
    """A cell as a string: missing values (None, NaN, NA) are ""."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _match(gold: list[dict], preds: list, same, prefer=None) -> tuple[list[tuple[dict, object]], list, list[dict]]:
    """Greedy one-to-one matching: (pairs, unmatched preds, unmatched gold)."""
    free = list(range(len(preds)))
    pairs, missed = [], []
    for g in sorted(gold, key=lambda g: g.get("optional", False)):
        candidates = [i for i in free if same(g, preds[i])]
        if prefer is not None:
            candidates.sort(key=lambda i: not prefer(g, preds[i]))
        if candidates:
            pairs.append((g, preds[candidates[0]]))
            free.remove(candidates[0])
        else:
            missed.append(g)
    return pairs, [preds[i] for i in free], missed


def _tally(score: Score, pairs, extra, missed) -> list:
    required = [(g, p) for g, p in pairs if not g.get("optional")]
    score.add(len(required), len(extra), sum(1 for g in missed if not g.get("optional")))
    return required


def _officials(gold: list[dict], df: pd.DataFrame, result: Evaluation) -> None:
    preds = df.to_dict("records")
    pairs, extra, missed = _match(gold, preds, lambda g, p: key(g["name"]) == key(_s(p["name"])))
    for g, p in _tally(result.scores["officials"], pairs, extra, missed):
        result.accuracy["rank"].add(key(g.get("rank") or "") == key(_s(p.get("rank"))))
        want = {key(t) for t in g.get("titles", [])}
        got = {key(t) for t in _strings(p.get("titles"))}
        result.scores["titles"].add(len(want & got), len(got - want), len(want - got))
        if "organizations" in g:
            want = {org_key(o) for o in g["organizations"] or []}
            got = {org_key(o) for o in _strings(p.get("organizations"))}
            result.scores["organizations"].add(len(want & got), len(got - want), len(want - got))
        if "province" in g:
            result.accuracy["official_province"].add(key(g["province"] or "") == key(_s(p.get("province"))))


def _strings(cell) -> list[str]:
    """A list cell (list, array, None or NaN) as a list of strings."""
    if isinstance(cell, str):
        return [cell]
    if cell is None or (pd.api.types.is_scalar(cell) and pd.isna(cell)):
        return []
    return [str(v) for v in cell if v is not None]


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[dict[str, str], re.Pattern | None]:
    """Abbreviation -> written-out form, and one regex matching any of them, longest first."""
    table = {e["pattern"]: e["id"] for e in read_gazetteer("abbreviations.jsonl")}
    if not table:
        return table, None
    alternatives = "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))
    return table, re.compile(rf"(?<!\w)(?:{alternatives})(?!(?<=\w)\w)")


def org_key(unit: str) -> str:
    """A unit's matching key with its abbreviations written out: "UBND TP Hải Phòng" and
    "Ủy ban nhân dân thành phố Hải Phòng" give the same key."""
    table, pattern = _abbreviations()
    if pattern is not None:
        # "TP.Vinh": an abbreviation with a dot glued to the next word gets its space back.
        unit = pattern.sub(lambda m: table[m.group()] + (" " if m.group().endswith(".") else ""), nfc(unit))
    return key(unit)


def _events(gold: list[dict], df: pd.DataFrame, result: Evaluation) -> None:
    preds = df.to_dict("records")

    def day(value) -> str | None:
        return _s(value)[:10] or None

    pairs, extra, missed = _match(gold, preds, lambda g, p: g.get("type") == p["event_type"]
                                  and (g.get("date") or None) == day(p["event_date"]))
    for g, p in _tally(result.scores["events"], pairs, extra, missed):
        result.accuracy["event_province"].add(key(g.get("province") or "") == key(_s(p.get("province"))))
        result.accuracy["event_ward"].add(key(g.get("ward") or "") == key(_s(p.get("ward"))))


def _head(unit: str) -> str:
    words = key(unit or "").split()
    return words[0] if words else ""


def _counts(gold: list[dict], df: pd.DataFrame, result: Evaluation) -> None:
    preds = df.to_dict("records")
    pairs, extra, missed = _match(gold, preds, lambda g, p: math.isclose(float(g["value"]), float(p["value"])),
                                  prefer=lambda g, p: _head(g.get("unit")) == _head(_s(p.get("unit"))))
    for g, p in _tally(result.scores["counts"], pairs, extra, missed):
        result.accuracy["count_category"].add(g.get("category") == _s(p.get("category")))
        result.accuracy["count_kind"].add((g.get("kind") or "total") == _s(p.get("kind")))
        result.accuracy["count_unit"].add(key(g.get("unit") or "") == key(_s(p.get("unit"))))


def _dates(gold: list[str], df: pd.DataFrame, result: Evaluation) -> None:
    want = Counter(gold)
    got = Counter(df.loc[df["granularity"] == "day", "value"]) if len(df) else Counter()
    tp = sum((want & got).values())
    result.scores["dates"].add(tp, sum(got.values()) - tp, sum(want.values()) - tp)
