"""Stories and persons end to end: the bundled corpus, the linking gold, `vnie run` batch by batch."""

from __future__ import annotations

import json
import random
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.batch.datasets import Change, Store
from pipeline.batch.ingest import ingest
from pipeline.batch.status import folder_status, format_status
from pipeline.cli import cli
from pipeline.evaluate_links import evaluate_links
from pipeline.linking.persons import namesake_id, plain_id
from pipeline.readers import read_inputs
from pipeline.run import run_extract

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold_links"


@pytest.fixture(scope="module")
def gold_tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("gold_links")
    run_extract([GOLD / "articles.jsonl"], out)
    return out


def test_linking_corpus_hai_phong_articles_share_story_and_people(tmp_path):
    run_extract([ROOT / "corpus"], tmp_path)
    arts = pd.read_parquet(tmp_path / "articles.parquet")
    aid = {Path(s).name[:3]: a for s, a in zip(arts["source"], arts["article_id"])}
    events = pd.read_parquet(tmp_path / "events.parquet")
    fest = events[(events["event_type"] == "festival")].set_index("article_id")["story_id"]
    assert fest[aid["000"]] == fest[aid["001"]] != fest[aid["003"]]
    officials = pd.read_parquet(tmp_path / "officials.parquet")
    ids = {(a, n): p for a, n, p in zip(officials["article_id"], officials["name"], officials["person_id"])}
    for name in ("Lê Văn Tuyến", "Lê Ngọc Châu"):
        assert ids[(aid["000"], name)] == ids[(aid["001"], name)]
    stories = pd.read_parquet(tmp_path / "stories.parquet").set_index("story_id")
    story = stories.loc[fest[aid["000"]]]
    assert story["n_articles"] == 2 and sorted(story["article_ids"]) == sorted([aid["000"], aid["001"]])
    assert (story["event_type"], str(story["event_date"]), story["province"], story["ward"]) == (
        "festival", "2025-07-26", "Hải Phòng", "Lê Thanh Nghị")
    assert set(story["participants"]) == {ids[(aid["000"], "Lê Văn Tuyến")], ids[(aid["000"], "Lê Ngọc Châu")]}
    persons = pd.read_parquet(tmp_path / "persons.parquet").set_index("person_id")
    assert persons.loc[ids[(aid["000"], "Lê Văn Tuyến")], "n_articles"] == 2


@pytest.mark.parametrize("folder", ["", "heldout"])
def test_linking_gold_scores(folder, gold_tables, tmp_path):
    if folder:
        run_extract([GOLD / folder / "articles.jsonl"], tmp_path)
    result = evaluate_links(GOLD / folder, tmp_path if folder else gold_tables)
    assert result.missing == []
    for name in ("stories", "persons"):
        s = result.scores[name]
        assert s.precision >= 0.95 and s.recall >= 0.95, (name, result.errors[name])


def test_linking_gold_namesakes_and_careers(gold_tables):
    persons = pd.read_parquet(gold_tables / "persons.parquet")
    hung = persons[persons["name"] == "Nguyễn Văn Hùng"]
    assert sorted(map(list, hung["provinces"])) == [["Thanh Hóa"], ["Đắk Lắk"]]
    [bao] = persons[persons["name"] == "Trần Quốc Bảo"].to_dict("records")
    assert [r["rank"] for r in bao["ranks"]] == ["Đại tá", "Thiếu tướng"] and bao["n_articles"] == 3
    [hoa] = persons[persons["name"] == "Phạm Thị Hoà"].to_dict("records")   # old and new tone placement: one person
    assert sorted(hoa["names"]) == sorted(["Phạm Thị Hoà", "Phạm Thị Hòa", "Phạm Hòa"]) and hoa["n_articles"] == 2


def test_linking_eval_command_prints_link_scores(gold_tables):
    result = CliRunner().invoke(cli, ["eval", str(GOLD), "--out", str(gold_tables), "--json"])
    assert result.exit_code == 0, result.output
    links = json.loads(result.output)["links"]
    assert links["stories"]["tp"] == 17 and links["persons"]["tp"] == 27
    assert links["stories"]["fp"] == 0 and links["persons"]["fp"] == 0


def _linked(out: Path, parquet: bool) -> tuple:
    read = (lambda n: pd.read_parquet(out / f"{n}.parquet")) if parquet else (lambda n: pd.read_parquet(out / n))
    officials, events, stories = read("officials"), read("events"), read("stories")
    return (sorted(zip(officials["article_id"], officials["name"], officials["person_id"])),
            sorted(zip(events["event_id"], events["story_id"])),
            sorted((s, tuple(sorted(a))) for s, a in zip(stories["story_id"], stories["article_ids"])))


@pytest.mark.parametrize("seed", [1, 2])
def test_linking_run_in_shuffled_batches_equals_one_extract(gold_tables, tmp_path, seed):
    items = list(read_inputs([GOLD / "articles.jsonl"]))
    random.Random(seed).shuffle(items)
    report = ingest(items, tmp_path / "out", batch_size=7)
    assert (report.new, report.updated, report.batches) == (len(items), 0, 6)   # re-linked articles are not "updated"
    assert _linked(tmp_path / "out", parquet=False) == _linked(gold_tables, parquet=True)


def _rows(aid: str, published: str, name: str, rank: str, title: str, org: str) -> dict[str, list[dict]]:
    article = {"article_id": aid, "source": f"{aid}.txt", "published": published, "text": f"{rank} {name}, {title}.",
               "content_hash": aid, "pipeline_version": "test", "processed_at": datetime(2026, 1, 1, tzinfo=timezone.utc)}
    pid = plain_id("trần văn bốn")
    official = {"article_id": aid, "person_id": pid, "name": name, "rank": rank, "titles": [title],
                "organizations": [org], "sentence": 0, "start": 0, "end": 5}
    event = {"article_id": aid, "event_id": f"{aid}-e0", "event_type": "conference",
             "event_date": date.fromisoformat(published), "participants": [pid]}
    return {"articles": [article], "officials": [official], "events": [event],
            "mentions": [], "counts": [], "dates": []}


def _merge(*parts: dict) -> dict:
    return {t: [r for p in parts for r in p[t]] for t in parts[0]}


def test_linking_run_reports_a_split_and_relinks_stored_rows(tmp_path):
    out = tmp_path / "out"
    store = Store(out)
    store.prepare()
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    x = _rows("x", "2025-08-01", "Trần Văn Bốn", "Thượng tá", "Phó Giám đốc Công an tỉnh Nghệ An", "Công an tỉnh Nghệ An")
    y = _rows("y", "2025-09-01", "Trần Văn Bốn", "Đại tá", "Giám đốc Công an tỉnh", "Công an tỉnh")
    store.commit(Change(rows=_merge(x, y)), pipeline_version="test", processed_at=now)
    store.finish()   # what a run does at its end: plain Parquet readers then read the current tables
    first = pd.read_parquet(out / "officials").set_index("article_id")["person_id"]
    assert first["x"] == first["y"] == plain_id("trần văn bốn")          # nothing conflicts yet: one person
    # A Giám đốc Công an tỉnh of Hà Tĩnh between them: the Nghệ An deputy cannot be him (another province),
    # and the bare "Giám đốc Công an tỉnh" of y shares his title, so y goes with the newcomer.
    w = _rows("w", "2025-08-20", "Trần Văn Bốn", "Đại tá", "Giám đốc Công an tỉnh", "Công an tỉnh Hà Tĩnh")
    store.commit(Change(rows=w), pipeline_version="test", processed_at=now)
    store.finish()
    after = pd.read_parquet(out / "officials").set_index("article_id")["person_id"]
    assert after["x"] == plain_id("trần văn bốn")
    assert after["y"] == after["w"] == namesake_id("trần văn bốn", "w")
    events = pd.read_parquet(out / "events").set_index("article_id")
    assert list(events.loc["y", "participants"]) == [after["y"]]        # the stored event follows its official
    assert len(pd.read_parquet(out / "articles")) == 3                   # re-emitted, not duplicated
    persons = pd.read_parquet(out / "persons")
    assert sorted(persons["n_articles"]) == [1, 2]
    info = folder_status(out)
    assert (info["linking"]["splits"], info["linking"]["merges"], info["linking"]["relinked_articles"]) == (1, 0, 1)
    assert "0 persons merged, 1 split, 1 stored articles re-linked" in format_status(info)


def test_linking_runs_recorded_before_the_stories_table_still_read(tmp_path):
    """A run record written before ``stories`` existed has no ``rows_stories``: it is read, not dropped."""
    import pyarrow.parquet as pq

    from pipeline.batch.runs import RUNS_DIR, RUNS_SCHEMA, read_runs

    folder = tmp_path / RUNS_DIR
    folder.mkdir(parents=True)
    row = {f.name: None for f in RUNS_SCHEMA}
    row.update(run_id="20250101T000000.000Z-abcd", status="ok", articles_new=3,
               started_at=datetime(2025, 1, 1, tzinfo=timezone.utc))
    old = RUNS_SCHEMA.remove(RUNS_SCHEMA.get_field_index("rows_stories"))
    pq.write_table(pa_table([row], old), folder / "run-20250101T000000.000Z-abcd.parquet")
    runs = read_runs(tmp_path)
    assert list(runs["run_id"]) == ["20250101T000000.000Z-abcd"] and runs["articles_new"].iloc[0] == 3
    assert pd.isna(runs["rows_stories"].iloc[0])


def pa_table(rows, schema):
    import pyarrow as pa

    return pa.Table.from_pylist([{k: v for k, v in r.items() if k in schema.names} for r in rows], schema=schema)


def test_linking_eval_names_articles_by_file_and_counts_wrong_pairs(tmp_path):
    """A links gold may name articles by source file; a pair the output joins against the gold is a false positive."""
    run_extract([ROOT / "corpus"], tmp_path / "out")
    names = sorted(p.name for p in (ROOT / "corpus").glob("*.txt"))
    gold = tmp_path / "gold"
    gold.mkdir()
    links = {"stories": [{"id": "hp", "articles": names[:2]}, {"id": "th", "articles": names[2:]}],
             "persons": [{"id": "tuyen", "name": "Lê Văn Tuyến", "articles": names[:2]},
                         {"id": "chau-1", "name": "Lê Ngọc Châu", "articles": names[:1]},
                         {"id": "chau-2", "name": "Lê Ngọc Châu", "articles": names[1:2]}]}
    (gold / "links.json").write_text(json.dumps(links, ensure_ascii=False), encoding="utf-8")
    result = evaluate_links(gold, tmp_path / "out")
    s, p = result.scores["stories"], result.scores["persons"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)
    assert (p.tp, p.fp, p.fn) == (1, 1, 0) and p.precision == 0.5      # the gold says two Châu, the output one
    assert result.errors["persons"] == [f"wrong: chau-1@{names[0]} ~ chau-2@{names[1]}"]


def test_linking_run_rebuilds_a_removed_stories_table_whole(tmp_path):
    out = tmp_path / "out"
    store = Store(out)
    store.prepare()
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    x = _rows("x", "2025-08-01", "Trần Văn Bốn", "Thượng tá", "Phó Giám đốc Công an tỉnh Nghệ An", "Công an tỉnh Nghệ An")
    store.commit(Change(rows=x), pipeline_version="test", processed_at=now)
    shutil.rmtree(out / "stories")                                    # removed by hand
    shutil.rmtree(out / "persons")
    y = _rows("y", "2025-12-01", "Lê Thị Năm", "Đại tá", "Giám đốc Công an tỉnh Hà Tĩnh", "Công an tỉnh Hà Tĩnh")
    store.commit(Change(rows=y), pipeline_version="test", processed_at=now)
    store.finish()
    assert sorted(pd.read_parquet(out / "stories")["event_ids"].map(list).sum()) == ["x-e0", "y-e0"]
    assert sorted(pd.read_parquet(out / "persons")["name"]) == ["Lê Thị Năm", "Trần Văn Bốn"]


def _cluster_by_every_pair(group):
    """The clustering rule written out pair by pair (what ``persons.cluster`` must give, faster)."""
    from pipeline.linking.persons import conflict, evidence

    group = sorted(group, key=lambda p: p.sort_key)
    n = len(group)
    members, owner = {i: [i] for i in range(n)}, list(range(n))
    bad = {(i, j) for i in range(n) for j in range(i + 1, n) if conflict(group[i], group[j])}
    pairs = sorted(((evidence(group[i], group[j]), i, j) for i in range(n) for j in range(i + 1, n)
                    if (i, j) not in bad), key=lambda t: (-t[0], t[1], t[2]))
    for _, i, j in pairs:
        ci, cj = owner[i], owner[j]
        if ci == cj or any((min(x, y), max(x, y)) in bad for x in members[ci] for y in members[cj]):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        members[keep].extend(members.pop(gone))
        for m in members[keep]:
            owner[m] = keep
    return [[group[i] for i in sorted(m)] for _, m in sorted(members.items())]


def test_linking_cluster_and_conflict_shortcut_match_every_pair_on_random_profiles():
    import random

    from pipeline.linking.persons import Profile, any_conflict, cluster, conflict

    rng = random.Random(7)
    shortcut = split = 0
    for _ in range(2000):
        group = []
        for k in range(rng.randint(0, 8)):
            p = Profile(article_id=f"a{rng.randint(0, 9)}" if rng.random() < 0.2 else f"b{k}", name_key="le van a",
                        day=rng.choice([None, "2025-01-01", "2025-01-02", "2025-02-01"]),
                        published=rng.choice(["2024", "2025-03", ""]))
            p.ranks = set(rng.sample([1, 2, 3, 4], rng.randint(0, 2)))
            p.provinces = set(rng.sample(["Hà Nội", "Huế", "Lào Cai"], rng.randint(0, 2)))
            p.units = set(rng.sample(["u1", "u2", "u3"], rng.randint(0, 2)))
            p.titles = set(rng.sample(["t1", "t2"], rng.randint(0, 2)))
            p.civil = rng.random() < 0.2
            group.append(p)
        every_pair = any(conflict(a, b) for i, a in enumerate(group) for b in group[i + 1:])
        assert any_conflict(group) is every_pair
        got, want = cluster(group), _cluster_by_every_pair(group)
        assert [[id(p) for p in c] for c in got] == [[id(p) for p in c] for c in want]
        shortcut += len(group) > 1 and not every_pair
        split += len(want) > 1
    assert shortcut > 100 and split > 100   # both paths were taken many times
