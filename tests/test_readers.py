"""Readers: .txt headers, .jsonl lines, .html pages, decoding and every kind of bad input."""

from __future__ import annotations

import json
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest

from pipeline.article import Article, InputError
from pipeline.readers import read_inputs, read_path
from pipeline.readers.decoding import decode_bytes
from pipeline.readers.txt import read_txt

BODY = "Sáng 12/3, Công an xã Tân Lập tổ chức hội nghị sơ kết công tác bảo đảm an ninh trật tự quý I."


def _cp1258(text: str) -> bytes:
    """Vietnamese text in Windows-1258: base letters plus combining tone marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_txt_date_header_with_title_on_same_line():
    art = read_txt(f" date 2023-08 Công an xã Tân Lập sơ kết quý I\n\n{BODY}", "a.txt")
    assert (art.published, art.title, art.text) == ("2023-08", "Công an xã Tân Lập sơ kết quý I", BODY)


def test_txt_date_header_alone_then_body():
    art = read_txt(f" date 2024-03-15\n{BODY}\n\nĐoạn thứ hai của bài.", "a.txt")
    assert art.published == "2024-03-15" and art.title is None
    assert art.text == f"{BODY}\n\nĐoạn thứ hai của bài."


def test_txt_title_and_publication_line():
    art = read_txt(f"Sơ kết công tác quý I ở Tân Lập\n\n09:05 12/03/2024\n\n{BODY}", "a.txt")
    assert art.title == "Sơ kết công tác quý I ở Tân Lập"
    assert art.published == "2024-03-12T09:05:00+07:00"
    assert art.published_at == datetime(2024, 3, 12, 9, 5, tzinfo=timezone(timedelta(hours=7)))
    assert art.text == BODY


def test_txt_long_first_paragraph_is_not_a_title():
    art = read_txt(f"{BODY}\n\nĐoạn thứ hai.", "a.txt")
    assert art.title is None and art.text.startswith("Sáng 12/3")


def test_jsonl_reads_good_lines_and_names_bad_ones(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"url": "https://example.vn/a", "title": "Tin A", "text": BODY, "published": "2024-03-12"},
                   ensure_ascii=False),
        "{not json",
        json.dumps({"url": "https://example.vn/b", "title": "Tin B"}),
        json.dumps({"title": "Tin C", "html": f"<html><body><article><p>{BODY}</p></article></body></html>"},
                   ensure_ascii=False),
    ]), encoding="utf-8")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    assert items[0].url == "https://example.vn/a" and items[0].published == "2024-03-12"
    assert items[1].line == 2 and "not JSON" in items[1].cause
    assert items[2].line == 3 and "no \"text\" or \"html\"" in items[2].cause
    assert items[3].title == "Tin C" and BODY in items[3].text


def test_html_page_gives_title_date_body_and_marked_captions(tmp_path):
    html = f"""<html><head><title>Sơ kết quý I | Báo X</title>
    <meta property="og:title" content="Công an xã Tân Lập sơ kết quý I">
    <meta property="article:published_time" content="2024-03-12T09:05:00+07:00"></head>
    <body><nav>Trang chủ | Thời sự</nav><article><h1>Công an xã Tân Lập sơ kết quý I</h1>
    <p>{BODY}</p><figure><img src="a.jpg"><figcaption>Đại tá Trần Văn Hòa phát biểu tại hội nghị.</figcaption></figure>
    <p>Trong quý I, lực lượng Công an xã đã tổ chức tuần tra, kiểm soát và giải quyết các vụ việc phát sinh trên địa bàn.</p>
    </article><footer>© Bản quyền thuộc về Báo X</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [art] = list(read_path(path))
    assert isinstance(art, Article)
    assert art.title == "Công an xã Tân Lập sơ kết quý I"
    assert art.published == "2024-03-12T09:05:00+07:00"
    assert art.text.startswith(BODY)
    assert art.captions_start is not None
    assert art.text[art.captions_start:] == "Đại tá Trần Văn Hòa phát biểu tại hội nghị."
    assert "Bản quyền" not in art.text and "Trang chủ" not in art.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1258"])
def test_decoding_detects_encodings(encoding):
    data = _cp1258(BODY) if encoding == "cp1258" else BODY.encode(encoding)
    assert decode_bytes(data, "x.txt") == BODY


def test_decoding_makes_nfc():
    assert decode_bytes(unicodedata.normalize("NFD", BODY).encode("utf-8"), "x.txt") == BODY


@pytest.mark.parametrize("content, cause", [
    (b"", "empty file"),
    (b"   \n\n  ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data"),
    (bytes(range(128, 256)) * 4 + b"\x81\x8d\x8f\x90\x9d", "undecodable"),
])
def test_bad_files_are_named_with_their_cause(tmp_path, content, cause):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [err] = list(read_path(path))
    assert isinstance(err, InputError) and err.source == str(path)
    assert cause in err.cause, err.cause


def test_huge_text_file_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(BODY * 300_000, encoding="utf-8")  # about 30 MB
    [err] = list(read_path(path))
    assert isinstance(err, InputError) and "too large" in err.cause


def test_text_over_the_character_limit_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text((BODY + "\n") * 25_000, encoding="utf-8")  # ~2.4M chars, under the byte limit
    [err] = list(read_path(path))
    assert isinstance(err, InputError) and "too long" in err.cause


def test_truncated_html_still_gives_its_text(tmp_path):
    path = tmp_path / "cut.html"
    path.write_text(f"<html><body><article><p>{BODY}</p><p>Lực lượng Công an xã đã tuần tra, kiểm so", encoding="utf-8")
    [art] = list(read_path(path))
    assert isinstance(art, Article) and art.text.startswith(BODY)


def test_folders_are_searched_and_other_types_ignored(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    items = list(read_inputs([tmp_path]))
    assert [i.source for i in items] == [str(tmp_path / "sub" / "a.txt")]


def test_named_file_of_other_type_is_reported(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# x", encoding="utf-8")
    [err] = list(read_inputs([path]))
    assert isinstance(err, InputError) and "unsupported file type .md" in err.cause


def test_txt_date_header_followed_by_title_and_lead_on_one_line():
    art = read_txt(" date 2025-08-14 Phường Tân Lập tổ chức Ngày hội ĐNO - Tối 14/8, phường Tân Lập tổ chức "
                   "Ngày hội với nhiều hoạt động.\n\nĐoạn hai.", "a.txt")
    assert art.title == "Phường Tân Lập tổ chức Ngày hội"
    assert art.text == "Tối 14/8, phường Tân Lập tổ chức Ngày hội với nhiều hoạt động.\n\nĐoạn hai."


def test_txt_date_header_followed_by_the_first_sentence():
    art = read_txt(" date 2026-01-29 Ngày 29/1, Công an xã Tân Hưng cho biết đã bàn giao tài sản.\n\nĐoạn hai.", "a.txt")
    assert (art.published, art.title) == ("2026-01-29", None)
    assert art.text.startswith("Ngày 29/1, Công an xã Tân Hưng")


@pytest.mark.parametrize("line", ["16:11, 20/03/2012", "Thứ ba, 20/03/2012 - 16:11 (GMT+7)", "20/03/2012 16:11"])
def test_txt_publication_line_variants(line):
    art = read_txt(f"Tiêu hủy tang vật của đợt truy quét\n\n{line}\n\n{BODY}", "a.txt")
    assert art.published == "2012-03-20T16:11:00+07:00" and art.text == BODY


def test_txt_publication_time_at_the_end_of_the_header_title():
    art = read_txt(" date 2024-03-12 Công an xã Tân Lập sơ kết quý I 12/03/2024 09:05\n\n" + BODY, "a.txt")
    assert (art.title, art.published) == ("Công an xã Tân Lập sơ kết quý I", "2024-03-12T09:05:00+07:00")


def test_txt_a_time_of_another_day_in_the_title_is_left_alone():
    art = read_txt(" date 2024-03-12 Nhìn lại vụ cháy 09:05 01/02/2023\n\n" + BODY, "a.txt")
    assert (art.title, art.published) == ("Nhìn lại vụ cháy 09:05 01/02/2023", "2024-03-12")


@pytest.mark.parametrize("line", ["20/08/2023", "Chủ nhật, 20/08/2023"])
def test_txt_a_day_alone_on_an_early_line_is_the_publication_day(line):
    art = read_txt(f"{line}\nSơ kết công tác quý I ở Tân Lập\n{BODY}", "a.txt")
    assert (art.published, art.published_at, art.title, art.text) == ("2023-08-20", None, "Sơ kết công tác quý I ở Tân Lập", BODY)


# --- valid Unicode from every reader (issue 8) --------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decoding_utf16_without_bom(tmp_path, encoding):
    path = tmp_path / "windows.txt"
    path.write_bytes(BODY.encode(encoding))   # no byte order mark, as many Windows tools write it
    [article] = list(read_path(path))
    assert isinstance(article, Article), article
    assert article.text == BODY


def test_decoding_binary_with_nuls_on_both_sides_stays_binary():
    data = bytes([0, 0, 7, 0, 0, 3, 1, 0]) * 100
    with pytest.raises(InputError) as err:
        decode_bytes(data, "anh.txt")
    assert err.value.cause == "binary data (NUL bytes), not text"


def test_jsonl_lone_surrogate_line_is_named_and_the_others_kept(tmp_path):
    path = tmp_path / "tin.jsonl"
    lines = [json.dumps({"url": "https://example.vn/a", "text": BODY}),
             '{"url": "https://example.vn/b", "text": "Ngày 3/4 có lỗi \\ud800 ở đây."}',
             '{"url": "https://example.vn/c", "title": "T\\udfff", "text": "' + BODY + '"}',
             json.dumps({"url": "https://example.vn/d", "text": BODY + " Thêm một câu."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_path(path))
    assert [i.url for i in items if isinstance(i, Article)] == ["https://example.vn/a", "https://example.vn/d"]
    assert [(e.source, e.line, e.cause) for e in items if isinstance(e, InputError)] == [
        (str(path), 2, "invalid Unicode in 'text': lone surrogate U+D800 at character 16"),
        (str(path), 3, "invalid Unicode in 'title': lone surrogate U+DFFF at character 1")]


def test_ingest_refuses_an_article_with_a_lone_surrogate_from_any_source(tmp_path):
    from pipeline.batch.ingest import ingest

    bad = Article(source="api", text="Ngày 3/4 \ud800 hỏng.", url="https://example.vn/x")
    good = Article(source="api", text=BODY, url="https://example.vn/y")
    report = ingest([bad, good], tmp_path / "out")
    assert (report.new, [(e.source, e.cause) for e in report.skipped]) == (
        1, [("api", "invalid Unicode in 'text': lone surrogate U+D800 at character 9")])


_PAGE = ("<html><head><title>Công an xã Tân Lập sơ kết quý I</title></head><body><article>"
         f"<h1>Công an xã Tân Lập sơ kết quý I</h1><p>{BODY}</p></article></body></html>")
_IMPORTS = ("import sys; from pathlib import Path; from pipeline.readers import read_inputs; "
            "items = list(read_inputs([Path(sys.argv[1])])); "
            "print(type(items[0]).__name__, sorted(m for m in ('bs4', 'lxml', 'charset_normalizer', "
            "'pipeline.readers.html', 'pipeline.sites') if m in sys.modules))")


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("a.txt", BODY.encode(), "Article []"),
    ("a.txt", _cp1258(BODY), "Article []"),                                   # the code page, no detector
    ("a.txt", bytes(range(128, 256)) * 4 + b"\x81\x8d\x8f\x90\x9d", "InputError ['charset_normalizer']"),
    ("a.html", _PAGE.encode(),                                                # bs4 loads its own detector
     "Article ['bs4', 'charset_normalizer', 'lxml', 'pipeline.readers.html', 'pipeline.sites']"),
    ("a.jsonl", json.dumps({"text": BODY}).encode() + b"\n", "Article []"),   # a text line needs no HTML reader
    ("a.jsonl", json.dumps({"html": _PAGE}).encode() + b"\n",                # an HTML line does
     "Article ['bs4', 'charset_normalizer', 'lxml', 'pipeline.readers.html', 'pipeline.sites']"),
])
def test_readers_import_the_html_reader_and_detector_only_for_inputs_that_need_them(tmp_path, name, data, expected):
    import subprocess
    import sys

    (tmp_path / name).write_bytes(data)
    done = subprocess.run([sys.executable, "-c", _IMPORTS, str(tmp_path / name)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == expected


def test_decoding_binary_check_counts_the_same_controls_as_a_loop():
    """``_looks_binary`` counts control characters with a regex (a nothing-new run reads every input):
    the same count as the character loop it replaced, on random text with and without controls."""
    import random

    from pipeline.readers.decoding import _looks_binary

    def by_loop(text: str) -> bool:
        sample = text[:4096]
        controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
        return controls > max(8, len(sample) // 100)

    rng = random.Random(12)
    seen = set()
    for _ in range(2000):
        n = rng.choice([0, 9, 60, 800, 4096, 9000])
        text = "".join(chr(rng.choice([rng.randrange(0, 34), rng.randrange(32, 0x250), 0x1EC7])) for _ in range(n))
        assert _looks_binary(text) == by_loop(text), text[:80]
        seen.add(by_loop(text))
    assert seen == {True, False}
    assert not _looks_binary("Hòa\tBình\n\x0b\x0c\r" * 500)      # white space controls are text
    assert _looks_binary("ab\x00\x01\x02\x1f" * 10)               # others are not
    assert not _looks_binary("x" * 1000 + "\x00" * 9 + "y" * 990)   # at most 1% (and 8) is still text
    assert _looks_binary("x" * 1000 + "\x00" * 21 + "y" * 990)
