"""pipeline/linking on hand-made table rows: names, persons, stories, order independence.

Rows are what the extractors write for short Vietnamese sentences (written here as
rows so each rule is tested on its own); the end-to-end tests on real text are in
tests/test_linking.py.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from pipeline.linking import link_tables
from pipeline.linking.facts import named_province, org_province, outlet_of, unit_key
from pipeline.linking.names import canonical_keys
from pipeline.linking.persons import link_persons, namesake_id, plain_id
from pipeline.linking.stories import link_stories
from pipeline.textnorm import key


def article(aid, published, url=None):
    return {"article_id": aid, "published": published, "url": url, "source": f"{aid}.txt"}


def official(aid, name, rank=None, titles=(), orgs=()):
    return {"article_id": aid, "person_id": plain_id(key(name)), "name": name, "rank": rank,
            "titles": list(titles), "organizations": list(orgs)}


def event(aid, n, etype, day=None, province=None, ward=None, name=None, participants=(), parent=None):
    return {"article_id": aid, "event_id": f"{aid}-e{n}", "event_type": etype,
            "event_date": date.fromisoformat(day) if day else None, "province": province, "ward": ward,
            "name": name, "participants": list(participants), "parent_event_id": parent}


# -- names -------------------------------------------------------------------------------------

def test_linking_names_tone_variants_share_a_key():
    assert key("Phạm Thị Hoà") == key("Phạm Thị Hòa")
    assert canonical_keys(["Phạm Thị Hoà", "Phạm Thị Hòa"]) == {"phạm thị hòa": "phạm thị hòa"}


def test_linking_names_dropped_middle_name_is_the_full_name():
    assert canonical_keys(["Phạm Thị Hòa", "Phạm Hòa"])["phạm hòa"] == "phạm thị hòa"


def test_linking_names_dropped_middle_name_stays_apart_when_two_full_names_fit():
    canon = canonical_keys(["Nguyễn Văn Hùng", "Nguyễn Mạnh Hùng", "Nguyễn Hùng"])
    assert canon["nguyễn hùng"] == "nguyễn hùng"


def test_linking_names_other_given_name_is_not_a_variant():
    assert canonical_keys(["Phạm Thị Hòa", "Phạm Thị Hoa"])["phạm thị hoa"] == "phạm thị hoa"


# -- facts -------------------------------------------------------------------------------------

def test_linking_facts_province_of_units():
    assert named_province("Công an tỉnh Lào Cai") == "Lào Cai"
    assert named_province("Ủy ban nhân dân thành phố Hải Phòng") == "Hải Phòng"
    assert named_province("Công an tỉnh Kon Tum") == "Quảng Ngãi"          # a pre-2025 province: its new name
    assert org_province("Công an tỉnh", "Ninh Bình") == "Ninh Bình"          # unnamed: the article's province
    assert org_province("Công an xã Ia Grai", "Gia Lai") == "Gia Lai"
    assert org_province("Bộ Công an", "Lào Cai") is None                     # a national body has none
    assert org_province("Cục Cảnh sát hình sự", "Hà Nội") is None
    assert unit_key("Công an tỉnh", "Ninh Bình", None) == "công an tỉnh ninh bình"
    assert unit_key("Công an phường", "Đà Nẵng", "Hải Châu") == "công an phường hải châu"


def test_linking_facts_outlet():
    assert outlet_of({"url": "https://www.cand.com.vn/a-i1"}) == "cand.com.vn"
    assert outlet_of({"url": None, "source": "corpus/000.txt"}) == "corpus"


# -- persons -----------------------------------------------------------------------------------

def _ids(officials, articles, events=()):
    ids = link_persons(officials, articles, list(events))
    return {(o["article_id"], o["name"]): ids[(o["article_id"], o["person_id"])] for o in officials}


def test_linking_persons_rank_progression_in_one_unit_is_one_person():
    arts = [article("a", "2024-08-17"), article("b", "2025-08-15")]
    offs = [official("a", "Vũ Đình Khang", "Thượng tá", ["Phó Giám đốc Công an tỉnh Ninh Bình"], ["Công an tỉnh Ninh Bình"]),
            official("b", "Vũ Đình Khang", "Đại tá", ["Phó Giám đốc Công an tỉnh"], ["Công an tỉnh"])]
    evs = [event("b", 0, "festival", "2025-08-15", "Ninh Bình", "Hoa Lư")]
    ids = _ids(offs, arts, evs)
    assert ids[("a", "Vũ Đình Khang")] == ids[("b", "Vũ Đình Khang")] == plain_id("vũ đình khang")


def test_linking_persons_namesakes_of_two_provinces_are_two():
    arts = [article("a", "2025-07-28"), article("b", "2025-12-18")]
    offs = [official("a", "Nguyễn Văn Hùng", "Trung tá", ["Trưởng Công an xã Hoằng Hóa"], ["Công an xã Hoằng Hóa"]),
            official("b", "Nguyễn Văn Hùng", "Đại tá", ["Phó Giám đốc Công an tỉnh Đắk Lắk"], ["Công an tỉnh Đắk Lắk"])]
    evs = [event("a", 0, "launch", "2025-07-28", "Thanh Hóa", "Hoằng Hóa")]
    ids = _ids(offs, arts, evs)
    assert ids[("a", "Nguyễn Văn Hùng")] == plain_id("nguyễn văn hùng")           # seen first: keeps the plain id
    assert ids[("b", "Nguyễn Văn Hùng")] == namesake_id("nguyễn văn hùng", "b")


def test_linking_persons_a_lower_rank_later_is_another_person():
    arts = [article("a", "2025-07-05"), article("b", "2025-10-03")]
    offs = [official("a", "Phạm Minh Tuấn", "Đại tá", ["Giám đốc Công an tỉnh Đồng Nai"], ["Công an tỉnh Đồng Nai"]),
            official("b", "Phạm Minh Tuấn", "Thượng tá")]
    ids = _ids(offs, arts)
    assert ids[("a", "Phạm Minh Tuấn")] != ids[("b", "Phạm Minh Tuấn")]


def test_linking_persons_a_civil_post_and_a_rank_are_two():
    arts = [article("a", "2025-09-10"), article("b", "2025-11-05")]
    offs = [official("a", "Hoàng Văn Long", None, ["Phó Chủ tịch UBND tỉnh Lào Cai"], ["Ủy ban nhân dân tỉnh Lào Cai"]),
            official("b", "Hoàng Văn Long", "Thiếu tướng", ["Cục trưởng Cục Cảnh sát hình sự"], ["Cục Cảnh sát hình sự"])]
    ids = _ids(offs, arts)
    assert ids[("a", "Hoàng Văn Long")] != ids[("b", "Hoàng Văn Long")]


def test_linking_persons_a_national_post_joins_any_province():
    arts = [article("a", "2025-09-10"), article("b", "2025-09-11")]
    offs = [official("a", "Hoàng Minh Đạt", "Thượng tướng", ["Thứ trưởng Bộ Công an"], ["Bộ Công an"]),
            official("b", "Hoàng Minh Đạt", "Thượng tướng", ["Thứ trưởng Bộ Công an"], ["Bộ Công an"])]
    evs = [event("a", 0, "visit", "2025-09-10", "Lào Cai"), event("b", 0, "visit", "2025-09-11", "Tuyên Quang")]
    ids = _ids(offs, arts, evs)
    assert ids[("a", "Hoàng Minh Đạt")] == ids[("b", "Hoàng Minh Đạt")]


def test_linking_persons_variants_in_one_article_are_one_person():
    arts = [article("a", "2025-08-25")]
    offs = [official("a", "Phạm Thị Hoà", "Trung tá", ["Trưởng Công an xã Hoàng Hoa Thám"], ["Công an xã Hoàng Hoa Thám"]),
            official("a", "Phạm Hòa", "Trung tá")]
    ids = _ids(offs, arts)
    assert ids[("a", "Phạm Thị Hoà")] == ids[("a", "Phạm Hòa")] == plain_id("phạm thị hòa")


def test_linking_persons_a_bare_name_joins_the_first_of_two_namesakes():
    arts = [article("a", "2025-01-02"), article("b", "2025-03-04"), article("c", "2025-05-06")]
    offs = [official("a", "Lê Thị Hoa", None, ["Chủ tịch UBND phường Nam Hoa Lư"], ["Ủy ban nhân dân phường Nam Hoa Lư"]),
            official("b", "Lê Thị Hoa", None, ["Phó Chủ tịch UBND tỉnh Gia Lai"], ["Ủy ban nhân dân tỉnh Gia Lai"]),
            official("c", "Lê Thị Hoa")]
    evs = [event("a", 0, "festival", "2025-01-02", "Ninh Bình", "Nam Hoa Lư")]
    ids = _ids(offs, arts, evs)
    assert ids[("c", "Lê Thị Hoa")] == ids[("a", "Lê Thị Hoa")] != ids[("b", "Lê Thị Hoa")]


# -- stories -----------------------------------------------------------------------------------

FESTIVAL = "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"


def test_linking_stories_one_festival_two_outlets_one_dated_by_publication():
    arts = [article("a", "2025-08-10T17:00:00+07:00"), article("b", "2025-08-11T09:00:00+07:00")]
    evs = [event("a", 0, "festival", "2025-08-10", "Cần Thơ", "Phong Điền", FESTIVAL),
           event("b", 0, "festival", None, "Cần Thơ", "Phong Điền", FESTIVAL)]
    s = link_stories(evs, arts)
    assert s["a-e0"] == s["b-e0"]


def test_linking_stories_undated_event_outside_the_publication_window_stays_apart():
    arts = [article("a", "2025-08-10T17:00:00+07:00"), article("b", "2025-08-20T09:00:00+07:00")]
    evs = [event("a", 0, "festival", "2025-08-10", "Cần Thơ", "Phong Điền", FESTIVAL),
           event("b", 0, "festival", None, "Cần Thơ", "Phong Điền", FESTIVAL)]
    s = link_stories(evs, arts)
    assert s["a-e0"] != s["b-e0"]


def test_linking_stories_same_festival_in_two_wards_same_day_are_two():
    arts = [article("a", "2025-08-15"), article("b", "2025-08-15")]
    evs = [event("a", 0, "festival", "2025-08-15", "Ninh Bình", "Hoa Lư", FESTIVAL),
           event("b", 0, "festival", "2025-08-15", "Ninh Bình", "Nam Hoa Lư", FESTIVAL)]
    s = link_stories(evs, arts)
    assert s["a-e0"] != s["b-e0"]


def test_linking_stories_same_ceremony_a_year_apart_are_two():
    arts = [article("a", "2024-12-20"), article("b", "2025-12-19")]
    evs = [event("a", 0, "conference", "2024-12-19", "Đắk Lắk", name="Hội nghị tổng kết công tác công an"),
           event("b", 0, "conference", "2025-12-18", "Đắk Lắk", name="Hội nghị tổng kết công tác công an")]
    s = link_stories(evs, arts)
    assert s["a-e0"] != s["b-e0"]


def test_linking_stories_a_sub_event_matches_another_articles_main_event():
    arts = [article("a", "2025-08-22"), article("b", "2025-08-21")]
    evs = [event("a", 0, "festival", "2025-08-21", "Hưng Yên", "Tiên Lữ", FESTIVAL),
           event("a", 1, "commendation", "2025-08-21", "Hưng Yên", "Tiên Lữ", "tặng Bằng khen", parent="a-e0"),
           event("b", 0, "commendation", "2025-08-21", "Hưng Yên", "Tiên Lữ", "trao Bằng khen")]
    s = link_stories(evs, arts)
    assert s["a-e1"] == s["b-e0"] != s["a-e0"]


def test_linking_stories_an_event_at_odds_with_one_member_stays_out_of_the_story():
    """Complete linkage: the festival in ward Y joins the one of the same ward, never the story holding
    ward X's, though it agrees with that story's unplaced reports (a refusal stands for the grown story)."""
    arts = [article(a, "2025-08-15") for a in "abcde"]
    evs = [event("a", 0, "festival", "2025-08-15", "Ninh Bình", "Hoa Lư", FESTIVAL),
           event("b", 0, "festival", "2025-08-15", "Ninh Bình", None, FESTIVAL),
           event("c", 0, "festival", "2025-08-15", "Ninh Bình", "Nam Hoa Lư", FESTIVAL),
           event("d", 0, "festival", "2025-08-15", "Ninh Bình", None, FESTIVAL),
           event("e", 0, "festival", "2025-08-15", "Ninh Bình", "Nam Hoa Lư", FESTIVAL)]
    s = link_stories(evs, arts)
    assert s["a-e0"] == s["b-e0"] == s["d-e0"]
    assert s["c-e0"] == s["e-e0"] != s["a-e0"]


def test_linking_stories_two_crimes_in_one_province_need_more_than_the_place():
    arts = [article("a", "2025-10-03"), article("b", "2025-10-03")]
    evs = [event("a", 0, "crime", "2025-10-03", "Quảng Ninh", None, "bắt 2 đối tượng vận chuyển ma túy"),
           event("b", 0, "crime", "2025-10-03", "Quảng Ninh", None, "khởi tố kẻ trộm cáp điện công trình")]
    s = link_stories(evs, arts)
    assert s["a-e0"] != s["b-e0"]


def test_linking_stories_one_article_never_tells_a_story_twice():
    arts = [article("a", "2025-08-15"), article("b", "2025-08-15")]
    evs = [event("a", 0, "festival", "2025-08-15", "Ninh Bình", None, FESTIVAL),
           event("a", 1, "festival", "2025-08-15", "Ninh Bình", None, FESTIVAL),
           event("b", 0, "festival", "2025-08-15", "Ninh Bình", None, FESTIVAL)]
    s = link_stories(evs, arts)
    assert s["a-e0"] != s["a-e1"] and s["b-e0"] in (s["a-e0"], s["a-e1"])


def _tables():
    arts = [article("a", "2025-08-15T18:20:00+07:00", "https://cand.com.vn/a"),
            article("b", "2025-08-15T11:05:00+07:00", "https://baoninhbinh.org.vn/b"),
            article("c", "2025-08-15T16:40:00+07:00", "https://baoninhbinh.org.vn/c"),
            article("d", "2024-08-17T09:30:00+07:00", "https://cand.com.vn/d")]
    offs = [official("a", "Vũ Đình Khang", "Đại tá", ["Phó Giám đốc Công an tỉnh Ninh Bình"], ["Công an tỉnh Ninh Bình"]),
            official("b", "Vũ Đình Khang", "Đại tá", ["Phó Giám đốc Công an tỉnh"], ["Công an tỉnh"]),
            official("c", "Vũ Đình Khang", "Thiếu tá", ["Trưởng Công an phường Nam Hoa Lư"], ["Công an phường Nam Hoa Lư"]),
            official("d", "Vũ Đình Khang", "Thượng tá", ["Phó Giám đốc Công an tỉnh Ninh Bình"], ["Công an tỉnh Ninh Bình"])]
    evs = [event("a", 0, "festival", "2025-08-15", "Ninh Bình", "Hoa Lư", FESTIVAL, [offs[0]["person_id"]]),
           event("b", 0, "festival", "2025-08-15", "Ninh Bình", "Hoa Lư", FESTIVAL, [offs[1]["person_id"]]),
           event("c", 0, "festival", "2025-08-15", "Ninh Bình", "Nam Hoa Lư", FESTIVAL, [offs[2]["person_id"]]),
           event("d", 0, "festival", "2024-08-16", "Ninh Bình", "Hoa Lư", FESTIVAL, [offs[3]["person_id"]])]
    return {"articles": arts, "officials": offs, "events": evs, "counts": []}


def _result(tables):
    persons = {(o["article_id"], o["name"]): o["person_id"] for o in tables["officials"]}
    stories = {e["event_id"]: e["story_id"] for e in tables["events"]}
    return persons, stories, sorted(map(str, tables["stories"])), sorted(map(str, tables["persons"]))


def test_linking_tables_stories_and_careers():
    t = link_tables(_tables())
    persons, stories, _, _ = _result(t)
    assert stories["a-e0"] == stories["b-e0"] and len({stories["a-e0"], stories["c-e0"], stories["d-e0"]}) == 3
    # The Thiếu tá of the other ward on the same day conflicts with the Đại tá: another person.
    assert persons[("a", "Vũ Đình Khang")] == persons[("b", "Vũ Đình Khang")] == persons[("d", "Vũ Đình Khang")]
    assert persons[("c", "Vũ Đình Khang")] != persons[("a", "Vũ Đình Khang")]
    [story] = [s for s in t["stories"] if s["story_id"] == stories["a-e0"]]
    assert story["article_ids"] == ["b", "a"] and story["outlets"] == ["baoninhbinh.org.vn", "cand.com.vn"]
    assert (story["n_articles"], story["n_outlets"], story["ward"]) == (2, 2, "Hoa Lư")
    assert story["first_published"] == "2025-08-15T11:05:00+07:00" and story["participants"] == [persons[("a", "Vũ Đình Khang")]]
    [khang] = [p for p in t["persons"] if p["person_id"] == persons[("a", "Vũ Đình Khang")]]
    assert khang["ranks"] == [{"rank": "Thượng tá", "first_seen": "2024-08-17", "last_seen": "2024-08-17"},
                              {"rank": "Đại tá", "first_seen": "2025-08-15", "last_seen": "2025-08-15"}]
    assert (khang["n_articles"], khang["n_stories"], khang["provinces"]) == (3, 2, ["Ninh Bình"])


@pytest.mark.parametrize("seed", range(6))
def test_linking_tables_do_not_depend_on_row_order(seed):
    want = _result(link_tables(_tables()))
    shuffled = _tables()
    rng = random.Random(seed)
    for rows in shuffled.values():
        rng.shuffle(rows)
    assert _result(link_tables(shuffled)) == want


def test_linking_persons_a_title_without_its_province_is_the_one_with_it():
    """"Giám đốc Công an tỉnh" in an article on Lâm Đồng is the "Giám đốc Công an tỉnh Lâm Đồng" of another:
    shared evidence that beats a bare mention's pull towards the first-seen namesake."""
    arts = [article("a", "2025-01-10"), article("b", "2025-02-10"), article("c", "2025-03-10")]
    offs = [official("a", "Lê Văn Minh", "Đại tá", ["Giám đốc Công an tỉnh Sơn La"], ["Công an tỉnh Sơn La"]),
            official("b", "Lê Văn Minh", "Đại tá", ["Giám đốc Công an tỉnh Lâm Đồng"], ["Công an tỉnh Lâm Đồng"]),
            official("c", "Lê Văn Minh", "Đại tá", ["Giám đốc Công an tỉnh"])]
    evs = [event("c", 0, "conference", "2025-03-10", "Lâm Đồng")]
    ids = _ids(offs, arts, evs)
    assert ids[("c", "Lê Văn Minh")] == ids[("b", "Lê Văn Minh")] != ids[("a", "Lê Văn Minh")]


def test_linking_stories_a_reward_and_the_case_it_rewards_share_a_count():
    """One outlet tells the commendation, another (same day) the arrests it rewards: "bắt 37 đối tượng"."""
    arts = [article("a", "2025-11-05"), article("b", "2025-11-06")]
    evs = [event("a", 0, "commendation", "2025-11-05", "Hà Nội", None, "trao Bằng khen cho Ban chuyên án"),
           event("b", 0, "crime", "2025-11-05", "Hà Nội", None, "bắt 37 đối tượng lừa đảo qua mạng")]
    counts = [{"article_id": "a", "event_id": None, "category": "people", "value": 37.0},
              {"article_id": "b", "event_id": "b-e0", "category": "people", "value": 37.0}]
    s = link_stories(evs, arts, counts)
    assert s["a-e0"] == s["b-e0"]
    other = [dict(c, value=12.0) if c["article_id"] == "b" else c for c in counts]
    s = link_stories(evs, arts, other)
    assert s["a-e0"] != s["b-e0"]                       # no count or participant in common: two stories


def test_linking_persons_a_police_director_on_the_peoples_committee_is_not_a_civilian():
    """The director of a provincial police sits on its People's Committee; an article may omit his rank."""
    arts = [article("a", "2025-03-01"), article("b", "2025-04-01")]
    offs = [official("a", "Trần Đình Lâm", "Đại tá", ["Giám đốc Công an tỉnh Hà Tĩnh"], ["Công an tỉnh Hà Tĩnh"]),
            official("b", "Trần Đình Lâm", None, ["Ủy viên UBND tỉnh Hà Tĩnh", "Giám đốc Công an tỉnh Hà Tĩnh"],
                     ["Ủy ban nhân dân tỉnh Hà Tĩnh", "Công an tỉnh Hà Tĩnh"])]
    ids = _ids(offs, arts)
    assert ids[("a", "Trần Đình Lâm")] == ids[("b", "Trần Đình Lâm")]
