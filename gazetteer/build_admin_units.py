"""Generate the administrative-unit gazetteers from the maintained packages.

Run from the repository root after upgrading ``vietnam-provinces`` or
``vietnamadminunits``, then review the diff:

    .venv/bin/python gazetteer/build_admin_units.py

Writes three files (one JSON object a line, NFC, sorted by ``pattern``):

``admin_units_provinces.jsonl``
    ``{"label": "PROVINCE", "pattern": "Hải Dương", "id": "Hải Phòng", "era": "legacy", "city": false,
    "bare": true}``: every province name after the July 2025 merger (34) and before it (63), plus
    a few common spellings; ``id`` is the province after the merger, without "Tỉnh"/"Thành phố".
    ``city`` marks centrally governed cities (written "thành phố"/"TP" at province level); ``bare``
    says whether the name may be recognised without a prefix ("Hồ Chí Minh" is also a person).
``admin_units_districts.jsonl``
    ``{"label": "DISTRICT", "pattern": "Mường La", "id": "muongla", "units": ["huyện|Sơn La|Sơn La"]}``:
    district-level units before the merger; each unit is ``type|province after 2025|province before``.
``admin_units_wards.jsonl``
    ``{"label": "WARD", "pattern": "Lê Thanh Nghị", "id": "lethanhnghi", "units": [...]}``: communes,
    wards and towns after the merger (unit ``type|province|``) and before it (unit
    ``type|province after 2025|district before|province before``). Lines whose pattern has no
    diacritics (``"alias": true``) are the packages' keys for names merged away between 2019 and 2024.

``id`` is the lookup key (``extractors.admin_units.unit_key``): no diacritics, no spaces.
Sources: ``vietnam_provinces`` (34 provinces and their 3,321 communes and wards) and
``vietnamadminunits`` (the 63 provinces, their districts and wards, and the old-to-new province map).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.admin_units import unit_key  # noqa: E402
from pipeline.textnorm import fold_tones  # noqa: E402

OUT = Path(__file__).resolve().parent

# Names that are also people's names or other things: recognised only after a prefix.
NOT_BARE = {"Hồ Chí Minh"}
# Other spellings seen in the press: (spelling, legacy province it means). Spellings with the same
# lookup key ("TPHCM", "TP.HCM") are all kept: the key finds the unit, the spelling finds a bare mention.
ALIASES = (
    ("BR-VT", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Bắc Cạn", "Bắc Kạn"),
    ("Đắc Lắc", "Đắk Lắk"),
    ("Đăk Lăk", "Đắk Lắk"),
    ("Đăk Lắk", "Đắk Lắk"),
    ("Đắc Nông", "Đắk Nông"),
    ("Đắk Nông", "Đắk Nông"),
    ("Đăk Nông", "Đắk Nông"),
    ("HCM", "Hồ Chí Minh"),
    ("HN", "Hà Nội"),
    ("Kontum", "Kon Tum"),
    ("Sài Gòn", "Hồ Chí Minh"),
    ("TP.HCM", "Hồ Chí Minh"),
    ("TPHCM", "Hồ Chí Minh"),
    ("TT-Huế", "Huế"),
    ("Thừa Thiên Huế", "Huế"),
    ("Thừa Thiên - Huế", "Huế"),
    ("Vũng Tàu", "Bà Rịa - Vũng Tàu"),
)
CITIES = {"Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", fold_tones(" ".join(text.split())))


def short(name: str) -> str:
    """A unit name without its type ("Thành phố Hà Nội" -> "Hà Nội", "Kỳ Anh (Thị xã)" -> "Kỳ Anh")."""
    name = re.sub(r"\s*\((?:Huyện|Thị xã|Thành phố|Quận)\)$", "", name)
    for prefix in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Thị trấn ", "Đặc khu ", "Huyện ", "Quận ", "Thị xã "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def load_packages() -> tuple[dict, dict, list]:
    import vietnamadminunits
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    data = Path(vietnamadminunits.__file__).parent / "data"
    legacy = json.loads((data / "parser_legacy.json").read_text(encoding="utf-8"))
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    new = json.loads((data / "parser_from_2025.json").read_text(encoding="utf-8"))
    nested = json.loads(Path(NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
    old_to_new = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            old_to_new[old_key] = nfc(new["DICT_PROVINCE"][new_key]["provinceShort"])
    return legacy, old_to_new, nested


def build() -> dict[str, list[dict]]:
    legacy, old_to_new, nested = load_packages()
    provinces: dict[str, dict] = {}
    new_names = [nfc(short(p["name"])) for p in nested]
    for name in new_names:
        provinces[name] = {"label": "PROVINCE", "pattern": name, "id": name, "era": "2025",
                           "city": name in CITIES, "bare": name not in NOT_BARE}
    old_short = {}
    for old_key, info in legacy["DICT_PROVINCE"].items():
        name = nfc(info["provinceShort"])
        old_short[old_key] = name
        entry = provinces.get(name)
        if entry is not None:
            entry["era"] = "both"
            continue
        provinces[name] = {"label": "PROVINCE", "pattern": name, "id": old_to_new[old_key], "era": "legacy",
                           "city": name in CITIES, "bare": name not in NOT_BARE}
    by_old = {old_short[k]: old_to_new[k] for k in old_short}
    by_old.update({n: n for n in new_names})
    for alias, target in ALIASES:
        alias = nfc(alias)
        if alias not in provinces:
            provinces[alias] = {"label": "PROVINCE", "pattern": alias, "id": by_old[nfc(target)], "era": "alias",
                                "city": nfc(target) in CITIES, "bare": len(alias) > 4 and alias not in NOT_BARE}

    districts: dict[str, set] = defaultdict(set)
    for old_key, units in legacy["DICT_PROVINCE_DISTRICT"].items():
        for info in units.values():
            unit = f"{info['districtType'].lower()}|{old_to_new[old_key]}|{old_short[old_key]}"
            districts[nfc(short(info["districtShort"]))].add(unit)

    wards: dict[str, set] = defaultdict(set)
    aliases: dict[str, set] = defaultdict(set)
    for province in nested:
        pname = nfc(short(province["name"]))
        for ward in province["wards"]:
            wards[nfc(short(ward["name"]))].add(f"{ward['division_type']}|{pname}|")
    district_short = {(pk, dk): nfc(short(d["districtShort"]))
                      for pk, ds in legacy["DICT_PROVINCE_DISTRICT"].items() for dk, d in ds.items()}
    for table in ("DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED", "DICT_PROVINCE_DISTRICT_WARD_ACCENTED"):
        for pk, ds in legacy[table].items():
            for dk, ws in ds.items():
                for info in ws.values():
                    wtype = info.get("wardType")
                    if not isinstance(wtype, str):
                        wtype = "xã"
                    if not isinstance(info.get("wardShort"), str):
                        continue  # five records without a name or type
                    name = nfc(short(info["wardShort"]))
                    unit = f"{wtype.lower()}|{old_to_new[pk]}|{district_short.get((pk, dk), '')}|{old_short[pk]}"
                    wards[name].add(unit)
                    for kw in info.get("wardKeywords", []):
                        if kw.isascii() and not kw.startswith(("xa", "phuong", "thitran", "tt")):
                            aliases[kw].add(unit)
    known = {unit_key(name) for name in wards}
    ward_lines = [{"label": "WARD", "pattern": name, "id": unit_key(name), "units": sorted(units)}
                  for name, units in wards.items()]
    for kw, units in aliases.items():
        if kw not in known and kw not in wards:
            ward_lines.append({"label": "WARD", "pattern": kw, "id": kw, "units": sorted(units), "alias": True})

    return {
        "admin_units_provinces.jsonl": list(provinces.values()),
        "admin_units_districts.jsonl": [{"label": "DISTRICT", "pattern": name, "id": unit_key(name),
                                         "units": sorted(units)} for name, units in districts.items()],
        "admin_units_wards.jsonl": ward_lines,
    }


def main() -> None:
    for name, lines in build().items():
        lines.sort(key=lambda e: e["pattern"])
        text = "".join(json.dumps(e, ensure_ascii=False, separators=(", ", ": ")) + "\n" for e in lines)
        (OUT / name).write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
        print(f"{name}: {len(lines)} lines")


if __name__ == "__main__":
    main()
