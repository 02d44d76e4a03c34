"""The linking index of `vnie run` (pipeline/linking/dataset.py): a commit links against the stored
articles its names, days and stories reach, kept up to date commit by commit, and re-emits only the
rows that carry link ids."""

from __future__ import annotations

import random
from datetime import date, datetime, timezone
from pathlib import Path

from deltalake import DeltaTable

from pipeline.batch.datasets import Change, Store, add_actions
from pipeline.batch.ingest import ingest
from pipeline.linking import dataset as linking
from pipeline.linking.dataset import LinkingIndex
from pipeline.linking.names import canonical_keys
from pipeline.linking.persons import namesake_id, plain_id
from pipeline.readers import read_inputs

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold_links"
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _rows(aid: str, published: str, name: str, rank: str, title: str, org: str,
          event_type: str = "conference") -> dict[str, list[dict]]:
    article = {"article_id": aid, "source": f"{aid}.txt", "published": published, "text": f"{rank} {name}, {title}.",
               "content_hash": aid, "pipeline_version": "test", "processed_at": NOW}
    pid = plain_id("trần văn bốn")
    official = {"article_id": aid, "person_id": pid, "name": name, "rank": rank, "titles": [title],
                "organizations": [org], "sentence": 0, "start": 0, "end": 5}
    event = {"article_id": aid, "event_id": f"{aid}-e0", "event_type": event_type,
             "event_date": date.fromisoformat(published), "participants": [pid]}
    mention = {"article_id": aid, "label": "PER", "text": name,
               "sentence": 0, "start": 0, "end": 5}
    return {"articles": [article], "officials": [official], "events": [event],
            "mentions": [mention], "counts": [], "dates": []}


def _merge(*parts: dict) -> dict:
    return {t: [r for p in parts for r in p[t]] for t in parts[0]}


def _paths(store: Store, name: str) -> set[str]:
    return set(add_actions(store.delta(name))["path"].to_pylist())


def _store(tmp_path) -> Store:
    store = Store(tmp_path / "out")
    store.prepare()
    return store


X = ("x", "2025-08-01", "Trần Văn Bốn", "Thượng tá", "Phó Giám đốc Công an tỉnh Nghệ An", "Công an tỉnh Nghệ An")
Y = ("y", "2025-09-01", "Trần Văn Bốn", "Đại tá", "Giám đốc Công an tỉnh", "Công an tỉnh")
W = ("w", "2025-08-20", "Trần Văn Bốn", "Đại tá", "Giám đốc Công an tỉnh", "Công an tỉnh Hà Tĩnh")


def test_linking_split_rewrites_the_officials_and_events_rows_of_a_stored_article_only(tmp_path):
    store = _store(tmp_path)
    store.commit(Change(rows=_merge(_rows(*X), _rows(*Y))), pipeline_version="test", processed_at=NOW)
    before = {name: _paths(store, name) for name in ("articles", "mentions", "officials", "events")}
    # w splits y from x (test_linking: y goes with the newcomer): y's officials and events rows change
    store.commit(Change(rows=_rows(*W)), pipeline_version="test", processed_at=NOW)
    after = {name: _paths(store, name) for name in before}
    assert before["articles"] <= after["articles"] and len(after["articles"]) == 3     # appended, nothing removed
    assert before["mentions"] <= after["mentions"] and len(after["mentions"]) == 3
    y_month = {p for p in before["officials"] if p.startswith("month=2025-09/")}
    assert len(y_month) == 1 and not y_month & after["officials"]                      # y's officials file rewritten
    assert not {p for p in before["events"] if p.startswith("month=2025-09/")} & after["events"]
    officials = store.read("officials").to_pandas().set_index("article_id")["person_id"]
    assert officials["x"] == plain_id("trần văn bốn")
    assert officials["y"] == officials["w"] == namesake_id("trần văn bốn", "w")
    assert sorted(store.read("mentions").to_pandas()["article_id"]) == ["w", "x", "y"]   # not duplicated
    events = store.read("events").to_pandas().set_index("article_id")
    assert list(events.loc["y", "participants"]) == [officials["y"]]


def test_linking_commit_copies_only_the_stored_articles_its_names_and_days_reach(tmp_path, monkeypatch):
    copied: list[set] = []
    real = linking._Work.rows

    def spy(self, name, aids):
        copied.append(set(aids))
        return real(self, name, aids)

    monkeypatch.setattr(linking._Work, "rows", spy)
    store = _store(tmp_path)
    store.commit(Change(rows=_rows(*X)), pipeline_version="test", processed_at=NOW)
    copied.clear()
    # another name, a day months away: nothing stored is looked at
    far = _rows("z", "2025-12-01", "Lê Thị Năm", "Đại tá", "Giám đốc Công an tỉnh Hà Tĩnh", "Công an tỉnh Hà Tĩnh")
    far["officials"][0]["person_id"] = far["events"][0]["participants"][0] = plain_id("lê thị năm")
    store.commit(Change(rows=far), pipeline_version="test", processed_at=NOW)
    assert set().union(*copied) == set()
    copied.clear()
    # the same name a few days later: x is linked again (its name and its day)
    store.commit(Change(rows=_rows("v", "2025-08-03", "Trần Văn Bốn", "Thượng tá", "Phó Giám đốc Công an tỉnh Nghệ An",
                                   "Công an tỉnh Nghệ An")), pipeline_version="test", processed_at=NOW)
    assert set().union(*copied) == {"x"}
    officials = store.read("officials").to_pandas().set_index("article_id")["person_id"]
    assert officials["x"] == officials["v"] == plain_id("trần văn bốn") and officials["z"] == plain_id("lê thị năm")


def test_linking_index_finds_articles_by_name_ends_person_day_and_story():
    rows = _merge(_rows(*X), _rows(*Y), _rows("z", "2025-12-01", "Lê Thị Năm", "Đại tá", "Giám đốc", "Công an tỉnh"))
    rows["events"][0]["story_id"] = rows["events"][1]["story_id"] = "s_1"
    index = LinkingIndex(rows)
    assert index.named({("trần", "bốn")}) == {"x", "y"} and index.named({("lê", "năm")}) == {"z"}
    assert index.named({("trần", "năm")}) == set()
    assert index.of_persons({plain_id("trần văn bốn")}) == {"x", "y", "z"}     # z's row kept the extracted id
    assert index.on_days({date(2025, 8, 5)}, 4) == {"x"} and index.on_days({date(2025, 8, 5)}, 3) == set()
    assert index.on_days({date(2025, 8, 15)}, 20) == {"x", "y"}
    assert index.in_stories({"s_1", None}) == {"x", "y"} and index.in_stories({"s_2"}) == set()
    index.drop("officials", {"y"})
    assert index.named({("trần", "bốn")}) == {"x"} and "y" not in index.rows["officials"]
    index.drop("events", {"x"})
    index.put("events", [dict(rows["events"][0], event_date=date(2025, 11, 30), story_id="s_2")])
    assert index.on_days({date(2025, 8, 5)}, 4) == set() and index.on_days({date(2025, 12, 1)}, 1) == {"x", "z"}
    assert index.in_stories({"s_1"}) == {"y"} and index.in_stories({"s_2"}) == {"x"}


def test_linking_index_kept_by_commits_equals_one_read_of_the_stored_rows(tmp_path, monkeypatch):
    """After every commit of shuffled batches (with re-linked stored articles), the index the store keeps
    is the one a fresh read of the tables gives: rows by article, and every way of finding them."""
    seen = []
    real = Store._commit

    def check(self, change, **kwargs):
        written = real(self, change, **kwargs)
        fresh = LinkingIndex({name: self.read(name, cols).to_pylist() for name, cols in linking._COLUMNS.items()})
        kept = self.linking
        for name in linking._COLUMNS:
            assert kept.rows[name] == fresh.rows[name], name
        assert (kept.by_ends, kept.by_person, kept.by_day, kept.by_story) == \
            (fresh.by_ends, fresh.by_person, fresh.by_day, fresh.by_story)
        seen.append(len(kept.rows["articles"]))
        return written

    monkeypatch.setattr(Store, "_commit", check)
    items = list(read_inputs([GOLD / "articles.jsonl"]))
    random.Random(3).shuffle(items)
    report = ingest(items, tmp_path / "out", batch_size=6)
    assert report.new == len(items) and seen[-1] == len(items) and len(seen) == report.batches
    assert sum(1 for line in (tmp_path / "out" / ".vnie" / linking.STATS_FILE).read_text().splitlines()
               if '"relinked_articles": 0' not in line) > 0      # some batch did re-link stored articles


def test_linking_canonical_keys_are_the_same_whatever_the_order_and_kept():
    one = canonical_keys(["Phạm Hòa", "Phạm Thị Hoà", None])
    assert one == {"phạm hòa": "phạm thị hòa", "phạm thị hòa": "phạm thị hòa"}
    assert canonical_keys(["Phạm Thị Hoà", "Phạm Hòa"]) is one          # made once, whatever the order
    assert canonical_keys(["Phạm Thị Hòa", "Phạm Hòa"]) == one          # old and new tone placement alike
    assert canonical_keys(["Phạm Hòa", "Phạm Thị Hòa", "Phạm Văn Hòa"])["phạm hòa"] == "phạm hòa"   # two fit: none


def test_datasets_commit_writes_through_the_loaded_table(tmp_path):
    store = _store(tmp_path)
    store.commit(Change(rows=_rows(*X)), pipeline_version="test", processed_at=NOW)
    loaded = store.delta("articles")
    store.commit(Change(rows=_rows(*Y)), pipeline_version="test", processed_at=NOW)
    assert store.delta("articles") is loaded                                      # not loaded again
    assert loaded.version() == DeltaTable(str(store.link("articles"))).version() == 1
    assert sorted(add_actions(loaded)["path"].to_pylist()) == \
        sorted(add_actions(DeltaTable(str(store.link("articles"))))["path"].to_pylist())
    assert len(add_actions(loaded)) == 2     # a batch of new articles only is an append: both files are there
