"""`vnie crawl`, `vnie sources` and `vnie sources check` on the command line, against the local site."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline.sites as sites
from pipeline.cli import cli
from pipeline.crawl.localsite import LocalSite
from pipeline.sites import Listing, Site
from pipeline.storage import read_table

SITE = Path(__file__).parent / "resources" / "site"


@pytest.fixture(scope="module")
def site():
    with LocalSite(SITE) as server:
        yield server


@pytest.fixture()
def fast_config(tmp_path):
    path = tmp_path / "crawl.toml"
    path.write_text("[crawl]\nread_timeout = 1.0\nconnect_timeout = 1.0\nretries = 2\nbackoff_seconds = 0.01\n"
                    "backoff_max = 0.02\nmax_bytes = 2_000_000\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["crawl"], ["sources"], ["sources", "check"]])
def test_crawl_cli_help_ends_with_an_example(args):
    result = CliRunner().invoke(cli, args + ["--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_crawl_cli_sources_lists_the_registry():
    result = CliRunner().invoke(cli, ["sources"])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert len(lines) == len(sites.ALL_SITES)
    assert any(line.startswith("vnexpress") and "verified" in line and "VnExpressParser" in line for line in lines)
    assert any(line.startswith("cand") and "unverified" in line and "generic" in line for line in lines)


def test_crawl_cli_rejects_bad_options(tmp_path):
    result = CliRunner().invoke(cli, ["crawl", "--out", str(tmp_path), "--since", "26/07/2025"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = CliRunner().invoke(cli, ["crawl", "--out", str(tmp_path), "--source", "khongco"])
    assert result.exit_code == 2 and "unknown source 'khongco'" in result.output and "vnexpress" in result.output


def test_crawl_cli_lands_articles_in_the_tables_and_rerun_changes_nothing(site, tmp_path, fast_config):
    out = tmp_path / "out"
    args = ["crawl", site.url("/"), "--out", str(out), "--allow-host", "127.0.0.1", "--delay", "0",
            "--config", str(fast_config)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "crawl: 16 discovered, 10 fetched, 8 new" in first.output
    assert "8 new, 0 updated, 0 unchanged articles" in first.output
    articles = read_table(out, "articles")
    assert len(articles) == 8 and set(articles["source"]) == {"127.0.0.1"}
    assert articles["url"].str.startswith(site.base).all()
    assert "Công an xã Hòa Bình ra mắt tổ an ninh cơ sở" in set(articles["title"])
    assert (out / ".vnie" / "crawl" / "state.sqlite").exists()

    site.reset_log()
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert "0 new, 0 updated, 8 unchanged" in again.output
    assert len(read_table(out, "articles")) == 8
    assert not any(h.status == 200 and h.sent and h.path.endswith(("240311.htm", "240315.htm", "/thoi-su.htm"))
                   for h in site.hits())


def test_crawl_cli_sources_check_reports_ok_and_failure(site, monkeypatch):
    good = Site(key="anmt", name="An ninh Miền Tây (thử)", domain=site.url("/"),
                sources=(Listing(site.url("/xa-hoi.htm")),), article_url=r"/xa-hoi/[a-z0-9-]+-\d{6}\.htm$")
    broken = Site(key="hong", name="Trang hỏng", domain=site.url("/"),
                  sources=(Listing(site.url("/chuyen-muc-khong-con.htm")),))
    monkeypatch.setattr(sites, "ALL_SITES", sites.ALL_SITES + (good, broken))
    result = CliRunner().invoke(cli, ["sources", "check", "anmt", "--delay", "0", "--allow-host", "127.0.0.1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("anmt: OK 3 article links at " + site.url("/xa-hoi.htm"))
    assert "\"Tuổi trẻ phường Tân An ra quân giữ gìn trật tự đô thị\" 2024-03-18T07:00:00+07:00" in result.output
    result = CliRunner().invoke(cli, ["sources", "check", "hong", "--delay", "0", "--allow-host", "127.0.0.1"])
    assert result.exit_code == 1 and result.output.startswith("hong: FAIL") and "HTTP 404" in result.output
