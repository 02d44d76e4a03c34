"""The words the event rules read, composed into regexes once from ``event_words.jsonl``.

Each entry of the file has a ``role`` (a word that plays several has a line for each): a report verb, a raid verb, a
request, a part of the day, a caption cue ... ``EventWords.from_entries`` joins the words of each role into one
alternation (escaped, longest first) and builds the regexes the event modules use; the structure around the words
(word boundaries, what must follow, case) stays here. A word fix is a one-line data diff.

Case: a role matched "as written" is case-sensitive; "first letter" also takes the word capitalised (a sentence may
start with it: "Từ đầu năm", "Cùng ngày"); "any case" is ``re.I``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer import derived, read_gazetteer

WORDS_FILE = "event_words.jsonl"


def _source(pattern: str, flags: int = 0) -> tuple[str, int]:
    """What ``re.compile`` is given: kept as plain data (cached), compiled by ``EventWords.from_entries``."""
    return pattern, int(flags)


def roles_of(entry: dict) -> tuple[str, ...]:
    """The roles of a gazetteer entry: its ``role``, a string or a list."""
    role = entry.get("role")
    if role is None:
        return ()
    return (role,) if isinstance(role, str) else tuple(role)


def alternation(words: list[str], first_letter: bool = False) -> str:
    """A regex group ``(?:a|b|...)`` of the words, escaped, longest first.

    words (list[str]): the words of one or more roles.
    first_letter (bool): also match each word with its first letter in capitals ("[Tt]ừ đầu năm"). Defaults to False.
    RETURNS (str): the group; one that never matches when there are no words.
    """
    return "(?:" + choices(words, first_letter) + ")"


def choices(words: list[str], first_letter: bool = False) -> str:
    """The words as ``a|b|...`` to join into a larger alternation, written as a trie: words that share a beginning
    share its branch ("từ đầu năm" and "từ đầu quý" share "từ đầu "), so ``re`` tries each letter once, and a longer word is tried
    before a shorter one it begins with (as longest first). Kept flat at the top: a group there would stop ``re``
    from skipping ahead to the letters the words can start with.

    words (list[str]): the words of one or more roles.
    first_letter (bool): also match each word with its first letter in capitals ("[Tt]ừ đầu năm"). Defaults to False.
    RETURNS (str): the alternatives; one that never matches when there are no words.
    """
    if not words:
        return "(?!)"
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branches(node: dict, top: bool) -> list[str]:
        out = []
        for ch in sorted(k for k in node if k):
            head = f"[{ch.upper()}{ch.lower()}]" if top and first_letter and ch.upper() != ch.lower() else re.escape(ch)
            out.append(head + rest(node[ch]))
        return out

    def rest(node: dict) -> str:
        inner = branches(node, top=False)
        if not inner:
            return ""
        body = inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(inner) > 1 or len(body) > 1 else body + "?"

    return "|".join(branches(trie, top=True))


def not_after(words: list[str]) -> str:
    """Lookbehinds that refuse a match right after any of the words and a space ("(?<!Ban )")."""
    return "".join(f"(?<!{re.escape(w)} )" for w in sorted(set(words)))


@dataclass(frozen=True)
class EventWords:
    """The regexes of the event rules; each attribute names the job of its words (see ``from_entries``)."""

    # event_sentences: tallies and captions
    period: re.Pattern  # a sentence that counts over a period ("Từ đầu năm", "6 tháng đầu", "cùng kỳ")
    year_frame: re.Pattern  # a sentence framed by a whole year ("Năm 2023, ...")
    compare: re.Pattern  # a comparison with an earlier period ("giảm 2 vụ so với cùng kỳ")
    case_count: re.Pattern  # counted cases and people ("9 vụ", "9 bị can")
    photo_credit: re.Pattern  # a credit on a caption line ("Ảnh: Văn Hải")
    # event_triggers: what makes a trigger no report
    request: re.Pattern  # someone asks for it ("đề nghị ... khen thưởng")
    modal: re.Pattern  # needed, planned, a purpose ("cần", "nhằm", "giả định")
    negated: re.Pattern  # right before a trigger, a negation: "Công an không làm việc qua điện thoại" reports nothing
    elapsed: re.Pattern  # right before a trigger, time since it: "sau một tháng ra mắt" refers back to a launch
    scenario: re.Pattern  # what follows in the paragraph is an assumed scenario ("Tình huống giả định: ... xảy ra cháy")
    number_after: re.Pattern  # a number follows ("bắt 3", "bắt hai")
    condition: re.Pattern  # told as a condition ("khi phát hiện ...")
    cases_after: re.Pattern  # a count of cases follows ("phát hiện 6 vụ")
    # event_names: where a name ends
    name_end: re.Pattern
    report_frame: re.Pattern  # "cho biết (đơn vị) vừa ..."
    clause_end: re.Pattern
    same_event_start: re.Pattern  # a second verb of the same event after a comma
    bare_end: re.Pattern
    # event_participants
    attend: re.Pattern  # officials attending, speaking, presenting
    # event_places
    same_day: re.Pattern  # "Cùng ngày, ..." opens a sentence
    bare_level: re.Pattern  # "Công an phường" without a name
    bare_place: re.Pattern  # a clause whose subject is "xã"/"phường" without a name ("..., xã được tặng Bằng khen")
    happened_at: re.Pattern  # "vụ cướp xảy ra tại thị trấn B"
    acting_unit: re.Pattern  # "Công an huyện X bắt ..."
    receiving_unit: re.Pattern  # "bàn giao đối tượng cho Công an tỉnh B"
    # event_dates
    not_event_day: re.Pattern  # before a date that is no event's day (a document, a period, a deadline)
    today_aside: re.Pattern  # "Chiều nay (20/5)"
    report: re.Pattern  # a sentence that reports news of an incident
    raid: re.Pattern  # a sentence that tells a raid or an arrest
    raid_time: re.Pattern  # "(Tại) thời điểm kiểm tra": the raid a report told, its day written after it
    case_step: re.Pattern  # a later step of a case a unit takes on a day of its own ("bàn giao hồ sơ, tang vật")
    roadside: re.Pattern  # a roadside stop
    occurred: re.Pattern  # how an accident or a fire happened
    report_verb: re.Pattern  # "cho biết", "thông tin", "báo cáo"
    done_before: re.Pattern  # "(đơn vị) đã (tổ chức)" after a report verb
    past_record: re.Pattern  # "từng", "tiền án"
    relative_day: re.Pattern  # "sáng nay", "hôm qua"
    yesterday: frozenset[str]  # the relative-day words that mean the day before publication
    next_day: re.Pattern  # "ngày hôm sau"
    past: re.Pattern  # "Năm ngoái", "Trước đó"
    day_opening: re.Pattern  # what may come before the day that opens a sentence
    not_done: re.Pattern  # planned or asked, not done ("sẽ tổ chức")
    fine: re.Pattern  # in a trigger, a fine ("xử phạt"): a decision given at a roadside stop, unlike a prosecution

    @classmethod
    def from_entries(cls, entries: tuple[dict, ...]) -> "EventWords":
        """The regexes, composed from ``event_words.jsonl`` entries. Their sources are cached across processes
        (``gazetteer.derived``) when ``entries`` are the file's own, as ``read_gazetteer`` gives them.

        entries (tuple[dict, ...]): {"pattern", "id", "role"} entries.
        RETURNS (EventWords): the compiled regexes.
        """
        if entries is read_gazetteer(WORDS_FILE):
            fields = derived("event-words", [WORDS_FILE], lambda: cls.sources(entries), (__name__,), read_gazetteer)
        else:  # other entries (a test's): no file to key them by
            fields = cls.sources(entries)
        return cls(**{k: re.compile(*v) if k != "yesterday" else v for k, v in fields.items()})

    @staticmethod
    def sources(entries: tuple[dict, ...]) -> dict:
        """The regexes of ``from_entries`` as plain data: field -> (pattern, flags); ``yesterday`` a frozenset."""
        by_role: dict[str, list[str]] = {}
        for e in entries:
            for role in roles_of(e):
                by_role.setdefault(role, []).append(e["pattern"])

        def w(*roles: str, first_letter: bool = False) -> str:
            return alternation([p for r in roles for p in by_role.get(r, [])], first_letter)

        def a(*roles: str, first_letter: bool = False) -> str:  # the words as bare choices
            return choices([p for r in roles for p in by_role.get(r, [])], first_letter)

        def b(*roles: str, first_letter: bool = False) -> str:  # the words, as whole words
            return r"(?<!\w)" + w(*roles, first_letter=first_letter) + r"(?!\w)"

        part_of_day = w("part_of_day")
        relative = a("relative_day")
        relative_alone = a("relative_day_alone")
        return dict(
            period=_source(r"(?<!\w)(?:" + a("period", first_letter=True) + r"|\d+ " + w("counted_months")
                           + r"|[Tt]rong (?:\d+|các|những) " + w("period_unit")
                           + r"|[Tt]rong (?:quý|tháng) [IVX\d]+)(?!\w)"),
            year_frame=_source(r"^\W*(?:[Tt]rong\s+|[Tt]ính\s+(?:chung\s+)?)?[Nn]ăm\s+(?:19|20)\d\d\s*,"),
            compare=_source(r"(?<!\w)(?:tăng|giảm)(?!\w)[^.;]{0,80}?(?<!\w)so với(?!\w)|(?<!\w)so với "
                            + w("compared_period"), re.I),
            case_count=_source(r"(?<![\w.,])\d+(?:[.,]\d+)*\s+(" + a("case_noun") + r")(?!\w)", re.I),
            photo_credit=_source(r"(?<!\w)" + w("photo_credit") + r"\s*:|(?<!\w)[Ảả]nh\s+(?:" + w("photo_note") + r"|:)|"
                                 r"\((?:Ảnh|ảnh)(?!\w)"),
            request=_source(r"(?<!\w)" + not_after(by_role.get("request_noun_before", [])) + w("request")
                            + r"(?!\w)(?!\s+của(?!\w))"),
            modal=_source(b("modal")),
            negated=_source(r"(?<!\w)" + w("negation") + r"\s+$", re.I),
            scenario=_source(b("scenario"), re.I),
            elapsed=_source(r"(?<!\w)" + w("elapsed_after") + r"\s+(?:\d+|" + a("number_word") + r")\s+"
                            + w("elapsed_unit") + r"\s+$", re.I),
            number_after=_source(r"\s+(?:\d|" + a("number_word") + ")", re.I),
            condition=_source(r"(?<!\w)" + w("condition") + r"(?:\s+[^\s,;:]+){0,3}\s*$", re.I),
            cases_after=_source(r"(?<!\w)\d+(?:[.,]\d+)*\s+" + w("tallied_case") + r"(?!\w)", re.I),
            name_end=_source(r"\s*(?:[;!?(]|(?<!\s[A-ZĐ])[.](?=\s|$)|:(?=\s|$)|,\s*(?=[A-ZĐ]|"
                             + w("name_end_after_comma") + "|" + w("name_end_word_after_comma") + r"\s)|"
                             r"\s" + w("name_end") + r"\s|\svà\s(?=" + w("name_end_before_award") + "))"),
            report_frame=_source(r"(?<!\w)" + w("report_frame") + r"[,:]?\s+(?:" + w("frame_unit") + r"\s+)?(?:"
                                 + w("tense") + r"\s+)*"),
            clause_end=_source(r"\s*(?:[;!?(]|(?<!\s[A-ZĐ])[.](?=\s|$)|:(?=\s|$)|,\s*(?=[A-ZĐ]|"
                               + w("clause_end_after_comma") + "))"),
            same_event_start=_source(w("same_event_verb") + r"(?!\w)"),
            bare_end=_source(r"\s*(?:[;.:]|,(?!\s*" + w("same_event_verb") + r"(?!\w)))"),
            attend=_source(b("attending"), re.I),
            same_day=_source(r"^\W*" + w("same_day_opening", first_letter=True) + r"(?!\w)(?!\s+\d)"),
            bare_place=_source(r"(?:^|[,;:])\s*" + w("commune_level", first_letter=True) + r"\s+(?![A-ZĐ\d])"),
            bare_level=_source(r"(?<!\w)" + w("local_authority") + r"\s+" + w("commune_level") + r"(?!\w)"),
            happened_at=_source(r"(?:(?<!\w)xảy ra|(?<!\w)" + not_after(by_role.get("service_before_vu", []))
                                + r"vụ\s[^,;.:()]{0,50}?)\s+" + w("happened_at")
                                + r"\s+(?:(?:khu vực|địa bàn)\s+)?(?:" + w("commune_level") + r"\s+)?$", re.I),
            acting_unit=_source(r"(?<!\w)" + w("acting_unit") + r"\s+$"),
            receiving_unit=_source(r"(?<!\w)cho\s+(?:Cơ quan Cảnh sát điều tra\s+)?" + w("receiving_unit") + r"\s+$"),
            not_event_day=_source(r"(?:(?:" + a("not_event_day") + r"|số\s+\S+|\d+/\S*[^\W\d_]\S*)\s+"
                                  r"(?:ngày\s+)?|trong\s+(?:(?:các|những|\d+)\s+ngày\s+)?)$", re.I),
            today_aside=_source(r"(?<!\w)" + w("relative_day", "relative_day_alone") + r"\s*\(\s*$", re.I),
            report=_source(r"(?<!\w)(?:" + a("report") + r"|thông tin(?=\s*(?:,|:|từ|cho biết)))(?!\w)", re.I),
            raid=_source(b("raid"), re.I),
            case_step=_source(b("case_step"), re.I),
            raid_time=_source(b("raid_time") + r"\s+" + w("raid") + r"(?!\w)", re.I),
            roadside=_source(b("roadside")),
            occurred=_source(b("occurred"), re.I),
            report_verb=_source(b("report_verb"), re.I),
            done_before=_source(r"[,:]?\s*(?:" + w("reporting_unit") + r"\s+)?đã\s+(?:tổ chức\s+)?$", re.I),
            past_record=_source(b("past_record"), re.I),
            relative_day=_source(r"(?<!\w)(?:" + part_of_day + r"\s+(" + relative + ")|("
                                 + relative_alone + r"))(?!\w)", re.I),
            yesterday=frozenset(e["pattern"] for e in entries if e.get("id") == "yesterday"),
            next_day=_source(b("next_day"), re.I),
            past=_source(b("past", first_letter=True)),
            day_opening=_source(r"[\W_]*(?:vào\s+)?(?:" + w("clock_lead") + r"\s+)?(?:\d{1,2}\s*(?:giờ|h)\s*"
                                r"(?:\d{1,2}\s*(?:phút)?\s*)?,?\s*)?(?:" + w("part_of_day", "late_night")
                                + r"\s+)?(?:ngày\s+)?", re.I),
            not_done=_source(b("not_done"), re.I),
            fine=_source(a("fine")),
        )
