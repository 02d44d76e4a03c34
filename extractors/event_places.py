"""Where an event happened: the ward and province of its sentences, and another case told with "cũng".

Holds ``place_of`` (province and ward of an event's sentences), ``another_case``, ``elsewhere_of`` and
``points_to``, functions over an article's ``EventContext``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extractors.event_cues import UNIT
from pipeline.textnorm import fold_tones, key

from extractors.event_context import EventContext

if TYPE_CHECKING:  # annotations only
    from extractors.event_triggers import Hit

# Reaches before a place (where the unit it ends, "xảy ra tại", the acting unit may start): ``ctx.rules.options``.
# "Cùng ngày, ..." opening a sentence (``EventWords.same_day``); a bare unit of a commune's level ("Công an
# phường": the commune already named, ``bare_level``); the words before a ward that tell where a case happened
# ("khen thưởng ... vụ cướp xảy ra tại thị trấn B"; not "nhiệm vụ", "phục vụ": ``happened_at``), not the venue of an
# event that is not the incident itself; the unit that acted before a place ("Công an huyện X bắt ...",
# ``acting_unit``) unless it is the one something was handed to ("bàn giao đối tượng cho Công an tỉnh B",
# ``receiving_unit``).
_ALSO = re.compile(r"(?<!\w)cũng(?!\w)")
_LOCATED = re.compile(r"(?<!\w)(?:tại|ở)\s+(?:khu vực\s+|địa bàn\s+)?$", re.I)  # "... bắt giữ tại phường C"
_LIST_GAP = re.compile(r"\s*(?:,|và)\s*(?:và\s+)?")


def another_case(ctx: EventContext, sentence: int) -> bool:
    """Whether a sentence tells a case "also" done by another unit ("Công an xã B cũng ..."): it names a place."""
    text = ctx.sent_text[sentence]
    return ((_ALSO.search(text) is not None or ctx.rules.words.same_day.search(text) is not None)
            and any(not p.residence for p in ctx.places.get(sentence, [])))


def elsewhere_of(ctx: EventContext, hit: Hit, province: str | None,
                 ward: str | None) -> tuple[str | None, str | None] | None:
    """(province, ward) of a crime told as another case ("Công an xã B, tỉnh C cũng xử phạt ..."),
    when its sentence names a place that is not the main event's; else None."""
    if not another_case(ctx, hit.sentence):
        return None
    here_province, here_ward = place_of(ctx, [hit.sentence])
    if here_ward is not None:
        differs = key(here_ward) != key(ward or "") or (province is not None and here_province != province)
    else:
        differs = here_province is not None and here_province != province
    return (here_province, here_ward) if differs else None


def place_of(ctx: EventContext, sentence_ids: list[int], strict: bool = False,
             incident: bool = True) -> tuple[str | None, str | None]:
    """(province, ward) of the first of these sentences that names a place.

    sentence_ids (list[int]): the event's sentences, the most telling first.
    strict (bool): only a ward, the province of the unit that acted, or a province written after "tại"/"ở"
        ("bắt giữ ... tại tỉnh B") places it (a side action: "đón khách ở TP Vinh" is not where the driver was
        called in); no such place gives (None, None) instead of the article's main province. Defaults to False.
    incident (bool): the event is the crime or accident itself; else a ward told as where a case happened
        ("khen thưởng ... vụ cướp xảy ra tại thị trấn B") is not its venue. Defaults to True.
    RETURNS (tuple[str | None, str | None]): the province and the ward.
    """
    words, options = ctx.rules.words, ctx.rules.options
    seen = []
    for i in sentence_ids:
        if i not in seen:
            seen.append(i)
    for i in seen:
        here = [p for p in ctx.places.get(i, []) if not p.residence]
        wards = [p for p in here if p.level == "ward" and p.ward and not _in_unit_name(ctx, p)
                 and (incident or not words.happened_at.search(ctx.text, max(0, p.start - options.happened_at_reach),
                                                               p.start))]
        if wards:
            ward = _the_ward(ctx, wards)
            province = (ward or wards[0]).province or _province_in(here) or ctx.main_province
            return province, ward.ward if ward else None
    for i in seen:
        here = [p for p in ctx.places.get(i, []) if not p.residence]
        # the unit that acted places it, not a province named beside it ("từ tỉnh A về thì bị Công an huyện B bắt")
        acting = [p for p in here
                  if words.acting_unit.search(ctx.text, max(0, p.start - options.acting_unit_reach), p.start)
                  and not (strict and words.receiving_unit.search(
                      ctx.text, max(0, p.start - options.receiving_unit_reach), p.start))]
        # a side action's own clause saying where it was done ("bắt giữ ... khi đang lẩn trốn tại tỉnh B")
        located = [p for p in here if p.level == "province" and _LOCATED.search(
            ctx.text, max(0, p.start - options.located_reach), p.start)]
        province = _province_in(acting) or (_province_in(located) if strict else _province_in(here))
        if province:
            return province, None
    return (None, None) if strict else (ctx.main_province, None)


def points_to(ctx: EventContext, sentence_ids: list[int], ward: str | None) -> bool:
    """Whether these sentences point to a ward named elsewhere: by its name ("quanh hồ Hoàn Kiếm") or by a
    unit of its level without a name, which means the one already named ("Công an phường đã bàn giao ..."), or the
    commune itself without a name opening a clause ("..., xã được UBND tỉnh tặng Bằng khen")."""
    if not ward:
        return False
    name = fold_tones(ward).casefold()
    for i in sentence_ids:
        if len({key(p.ward) for p in ctx.places.get(i, []) if p.level == "ward" and p.ward and not p.residence}) > 1:
            continue  # "tại 3 địa điểm thuộc phường A và phường B": two wards, it points to neither
        text = fold_tones(ctx.sent_text[i])
        start = ctx.sents[i].start_char
        # the name, unless it ends a unit's name ("Đồn Biên phòng Vĩnh Ngươn đã bàn giao ...": the post, not the place)
        if any(not _ends_unit(ctx, start + m.start()) for m in re.finditer(re.escape(name), text.casefold())):
            return True
        if ctx.rules.words.bare_place.search(ctx.sent_text[i]):
            return True  # the commune itself, without a name, acts or receives ("..., xã được tặng Bằng khen")
        for m in ctx.rules.words.bare_level.finditer(text):
            following = text[m.end():].lstrip()
            if not following[:1].isupper() and not following[:1].isdigit():
                return True
    return False


def _in_unit_name(ctx: EventContext, place) -> bool:
    """Whether a ward written by its bare name ends the name of a unit ("Đồn Biên phòng Tam Chung"): the
    post is named after the commune, it does not say where something happened."""
    if place.prefix is not None:
        return False
    return _ends_unit(ctx, place.start)


def _ends_unit(ctx: EventContext, start: int) -> bool:
    """Whether the name starting at ``start`` comes right after a unit word ("Đồn Biên phòng" + name)."""
    window = max(0, start - ctx.rules.options.unit_name_reach)
    return any(not ctx.text[cue.end:start].strip() for cue in ctx.rules.cues.find(ctx.spans, window, start, UNIT))


def _the_ward(ctx: EventContext, wards: list) -> object | None:
    """The one ward a sentence places the event in: the only one named, or the only one after "tại"
    that does not start a list ("tại phường A, phường B và xã C" names no single place)."""
    if len({key(p.ward) for p in wards}) == 1:
        return wards[0]
    reach = ctx.rules.options.located_reach
    located = [p for p in wards if _LOCATED.search(ctx.text, max(0, p.start - reach), p.start)]
    if len(located) != 1:
        return None
    listed = any(q.start > located[0].end and _LIST_GAP.fullmatch(ctx.text, located[0].end, q.start)
                 for q in wards)
    return None if listed else located[0]


def _province_in(places: list) -> str | None:
    return next((p.province for p in places if p.province), None)
