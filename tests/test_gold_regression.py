"""Regression floors: `vnie extract` + `vnie eval` on the gold sets of the repository.

Each set is extracted and scored through the command line, in process, and the
macro F1 (mean F1 of officials, titles, events, counts and dates, see
pipeline/evaluate.py) must not drop below its floor.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import CORPUS, ROOT

GOLD_EXTRA = ROOT / "tests" / "gold_extra"

# Measured on branch `gold` (6 Dec 2026, gold_extra revised to the December 2026 guideline,
# extractors not yet changed for it): `vnie extract tests/gold_extra --out D && vnie eval
# tests/gold_extra --out D` gave macro F1 0.98462 (events 0.923: three side actions dated on
# a day of their own are missed; the other four tables 1.000). Floor = 0.98462 - 0.01, rounded
# down. The same figure came out with the counts, events and officials branches of that morning
# merged. Raise it once the December extractor fixes are merged.
# Branch `events2` (issue 9, round 2; side actions dated on their own day found): macro F1 1.000
# (every table 1.000). Floor = 1.000 - 0.01.
GOLD_EXTRA_FLOOR = 0.99

# Set F (tests/gold_dec, 25 articles) and set G (tests/gold_g, 20 articles) were written blind
# (their first scores are in their READMEs and the main README) and then used for development.
# Measured on main after merging the round-3 fixes (6 Dec 2026): set F macro F1 1.000, set G
# 0.994 (events 0.968: "lễ ra quân" read as `other`, where set G's gold says `launch`).
GOLD_DEC_FLOOR = 1.0 - 0.01
GOLD_G_FLOOR = 0.994 - 0.01

# corpus/ holds the December-revised shared gold; the bundled articles score 1.000 on every
# table (same measurement), and must stay there within 0.01.
CORPUS_FLOOR = 1.0 - 0.01

# Set H (tests/gold_h, 20 articles) was written blind on 6 Dec 2026 and has not been developed on:
# macro F1 0.977 with its three annotation fixes (0.975 blind); its failures are listed in
# tests/gold_h/FAILURES.md. Raise the floor when rules for them land.
# Branch `fixtitles` (FAILURES.md 9, 10, 12: a dash inside a unit's name, "và" + a number ending a
# chain, "Hạt trưởng"): macro F1 0.985 (titles, officials, organizations 1.000). Floor = 0.985 - 0.01.
# Branch `fixcounts` (FAILURES.md 6, 7, 8: measures of any goods, head-noun categories, units to the
# end of the noun phrase) merged on top: macro F1 0.987 (counts 1.000). Floor = 0.987 - 0.01.
# Branch `fixevents` (FAILURES.md 1, 2, 4: a dated step no trigger names, "thời điểm kiểm tra + day", a side
# event of another day placed by its own clause): macro F1 0.995 (events 0.976). Floor = 0.995 - 0.01.
GOLD_H_FLOOR = 0.995 - 0.01

# Set I (tests/gold_i, 20 articles) was written blind on 6 Dec 2026: macro F1 0.947 blind (0.952 with
# its four annotation fixes; events 0.788), failures in tests/gold_i/FAILURES.md. Branch `blind-i`
# (FAILURES.md 1, 2, 4, 6: units named with "phòng, chống", a code in brackets before the parent unit,
# departments written without their parent, a district the gazetteers miss is not abroad): macro F1 0.957
# (titles 1.000, official province 0.984). Floor = 0.957 - 0.01.
# Branch `events-i` (FAILURES.md 7-14 and 16: events 1.000, event ward accuracy 1.000; 17: an amount after
# "trao tặng Ban chuyên án", counts 1.000): macro F1 1.000. Floor = 1.000 - 0.01.
GOLD_I_FLOOR = 1.0 - 0.01

# Set J (tests/gold_j, 20 articles) was written blind on 6 Dec 2026: macro F1 0.956 blind (0.962 with its two
# annotation fixes; events 0.811), failures in tests/gold_j/FAILURES.md. Branch `blind-j` (FAILURES.md 1-4, 6-9,
# 12, 14: weekday days in brackets, the offence told on its own day, initials cut by the segmenter, words holding a
# trigger, case steps and inspections on their own day, a side step's province, a bare unit's province): macro F1
# 1.000 (every table 1.000). Floor = 1.000 - 0.01.
GOLD_J_FLOOR = 1.0 - 0.01

# Set K (tests/gold_k, 20 articles) was written blind on 6 Dec 2026: macro F1 0.965 blind (events 0.892, titles
# 0.956, dates 0.981), the same with its annotation corrections; failures in tests/gold_k/FAILURES.md. Branch `blind-k`
# (days listed after a part of the day, a day of Tết before its bracketed day, an event's own range, an inspection
# ending in a fine, a drive summed up by a report, "cùng" after a parent unit, a unit's name after "Tại", Cục Hậu cần,
# a post's parent in brackets): macro F1 0.994. Floor = 0.994 - 0.01.
GOLD_K_FLOOR = 0.994 - 0.01


def _score(gold_dir, out_dir) -> dict:
    runner = CliRunner()
    extracted = runner.invoke(cli, ["extract", str(gold_dir), "--out", str(out_dir)])
    assert extracted.exit_code == 0, extracted.output
    scored = runner.invoke(cli, ["eval", str(gold_dir), "--out", str(out_dir), "--json"])
    assert scored.exit_code == 0, scored.output
    return json.loads(scored.output)


@pytest.mark.parametrize(("gold_dir", "n_articles", "floor"),
                         [(GOLD_EXTRA, 15, GOLD_EXTRA_FLOOR), (CORPUS, 3, CORPUS_FLOOR),
                          (ROOT / "tests" / "gold_dec", 25, GOLD_DEC_FLOOR), (ROOT / "tests" / "gold_g", 20, GOLD_G_FLOOR),
                          (ROOT / "tests" / "gold_h", 20, GOLD_H_FLOOR), (ROOT / "tests" / "gold_i", 20, GOLD_I_FLOOR),
                          (ROOT / "tests" / "gold_j", 20, GOLD_J_FLOOR), (ROOT / "tests" / "gold_k", 20, GOLD_K_FLOOR)],
                         ids=["gold_extra", "corpus", "gold_dec", "gold_g", "gold_h", "gold_i", "gold_j", "gold_k"])
def test_gold_regression_macro_f1_stays_above_its_floor(gold_dir, n_articles, floor, tmp_path):
    result = _score(gold_dir, tmp_path / "out")
    assert result["articles"] == n_articles and result["missing"] == [], "every gold file has its article"
    per_table = {name: round(s["f1"], 3) for name, s in result["scores"].items()}
    assert result["macro_f1"] >= floor, f"macro F1 {result['macro_f1']:.3f} < floor {floor:.3f}: {per_table}"


def test_gold_regression_gold_files_follow_the_december_fields():
    """Every gold_extra count says its kind and every official its organizations (the fields
    the December 2026 guideline added), so the scorer checks them on the whole set."""
    for path in sorted(GOLD_EXTRA.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert all(c.get("kind") in ("total", "change", "part") for c in gold["counts"]), path.name
        assert all(isinstance(o.get("organizations"), list) for o in gold["officials"]), path.name
