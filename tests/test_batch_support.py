"""Helpers for the batch tests: small articles of our own, and tables read back for comparison."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.batch.datasets import TABLES

# Short articles written for these tests (not from the corpus), over several months and one undated.
ARTICLES = {
    "hoi-nghi.txt": (
        " date 2024-03-15\n"
        "Công an tỉnh Quảng Trị tổng kết công tác năm 2023\n"
        "Sáng 15/3, Công an tỉnh Quảng Trị tổ chức hội nghị tổng kết công tác năm 2023. "
        "Đại tá Phan Đức Thịnh, Giám đốc Công an tỉnh chủ trì hội nghị. "
        "Dịp này, 25 tập thể và 40 cá nhân được khen thưởng vì thành tích xuất sắc."),
    "bat-giu.txt": (
        " date 2024-03-20\n"
        "Bắt nhóm đối tượng trộm cắp xe máy\n"
        "Ngày 18/3, Công an huyện Cam Lộ bắt giữ 3 đối tượng trộm cắp tài sản, thu giữ 2 xe máy. "
        "Thượng tá Hồ Văn Lợi, Trưởng Công an huyện cho biết vụ việc đang được điều tra."),
    "ngay-hoi.txt": (
        " date 2024-04-02\n"
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc ở phường Đông Lễ\n"
        "Tối 1/4, phường Đông Lễ tổ chức ngày hội toàn dân bảo vệ an ninh Tổ quốc với hơn 500 người dân tham dự. "
        "Thiếu tá Lê Thị Thu Hà, Trưởng Công an phường phát biểu tại buổi lễ."),
    "tham-hoi.txt": (
        " date 2023-11\n"
        "Lãnh đạo Công an tỉnh thăm gia đình chính sách\n"
        "Thượng tá Trần Minh Khôi, Phó Giám đốc Công an tỉnh Hà Tĩnh đến thăm và tặng 20 suất quà "
        "cho các gia đình chính sách trên địa bàn huyện Kỳ Anh."),
    "giao-thong.txt": (
        "Triển khai kế hoạch bảo đảm trật tự an toàn giao thông\n"
        "Hội nghị triển khai kế hoạch bảo đảm trật tự an toàn giao thông diễn ra ngày 5/6/2022 "
        "tại trụ sở Ủy ban nhân dân huyện Gio Linh với khoảng 120 đại biểu."),
    "tuan-tra.txt": (
        " date 2024-03-28\n"
        "Ra quân tuần tra kiểm soát dịp cao điểm\n"
        "Sáng 28/3, Đại tá Phan Đức Thịnh, Giám đốc Công an tỉnh Quảng Trị dự lễ ra quân "
        "cao điểm tấn công trấn áp tội phạm với 300 cán bộ, chiến sĩ."),
}


def write_articles(folder: Path, articles: dict[str, str] | None = None) -> Path:
    """Write the test articles as .txt files into ``folder``; RETURNS the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (articles or ARTICLES).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def variant(text: str, n: int) -> str:
    """A distinct article made from ``text``: the same sentences with one more of its own."""
    return text + f" Đến nay, đơn vị đã xử lý {n + 7} vụ việc vi phạm."


VOLATILE = ("processed_at", "pipeline_version")


def comparable(out_dir: Path, name: str, delta: bool = False) -> pd.DataFrame:
    """A table read with pandas (or, ``delta``, with a Delta reader: what a killed run left committed),
    without the per-run columns, in a stable row order."""
    if delta:
        from deltalake import DeltaTable

        df = DeltaTable(str(Path(out_dir) / name)).to_pandas()
    else:
        df = pd.read_parquet(Path(out_dir) / name)
    df = df.drop(columns=[c for c in VOLATILE if c in df.columns])
    if "month" in df.columns:
        df["month"] = df["month"].astype(str)
    keys = [c for c in ("article_id", "person_id", "start", "end", "label", "text", "value") if c in df.columns]
    df = df.assign(_key=[repr(list(map(_plain, row))) for row in df.itertuples(index=False)])
    return df.sort_values(keys + ["_key"], kind="stable").drop(columns="_key").reset_index(drop=True)


def _plain(value):
    return value.tolist() if hasattr(value, "tolist") else value


def all_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    return {t: comparable(out_dir, t) for t in TABLES}


def files_of(out_dir: Path) -> dict[str, bytes]:
    """Every data file of the datasets by its path, with its bytes."""
    out = {}
    for t in TABLES:
        for p in sorted((Path(out_dir) / t).rglob("*.parquet")):
            out[str(p.relative_to(out_dir))] = p.read_bytes()
    return out


def engine_inputs(tmp_path: Path) -> tuple[Path, list]:
    """Twelve articles (the samples and a variant of each) and one bad JSONL line, for comparing an
    engine's run with the one-process run: (input folder, [the bad line's InputError])."""
    from pipeline.article import InputError

    articles = {**ARTICLES, **{f"b-{name}": variant(text, n) for n, (name, text) in enumerate(ARTICLES.items())}}
    return write_articles(tmp_path / "in", articles), [InputError("feed.jsonl", "line is not JSON", line=2)]


def assert_same_tables(out_dir: Path, reference: Path) -> None:
    """Every table of ``out_dir`` equals that of ``reference`` (run metadata aside)."""
    for name in TABLES:
        pd.testing.assert_frame_equal(comparable(out_dir, name), comparable(reference, name),
                                      check_dtype=False, obj=name)
