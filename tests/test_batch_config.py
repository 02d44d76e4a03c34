"""The run configuration: defaults, a TOML file, --set and options, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch.config import ConfigError, load_run_config

ROOT = Path(__file__).resolve().parents[1]


def test_config_defaults():
    config = load_run_config()
    assert (config.out, config.engine, config.batch_size, config.inputs) == (Path("outputs"), "local", 1000, ())
    assert config.batch_seconds == 120.0


def test_config_defaults_are_ingests_defaults():
    from pipeline.batch.ingest import DEFAULT_BATCH_SECONDS, DEFAULT_BATCH_SIZE

    config = load_run_config()
    assert (config.batch_size, config.batch_seconds) == (DEFAULT_BATCH_SIZE, DEFAULT_BATCH_SECONDS)
    assert config.resolved("log_file") == Path("outputs/logs/vnie.log")


def test_config_file_overrides_only_its_keys_and_paths_are_relative_to_it(tmp_path):
    cfg = tmp_path / "etc" / "vnie.toml"
    cfg.parent.mkdir()
    cfg.write_text('[run]\nout = "data"\nbatch_size = 25\ninputs = ["archive"]\n'
                   '[crawl]\ndelay_seconds = 4.0\n', encoding="utf-8")
    config = load_run_config(cfg)
    assert config.out == tmp_path / "etc" / "data"
    assert config.inputs == (tmp_path / "etc" / "archive",)
    assert (config.batch_size, config.engine) == (25, "local")
    assert config.crawl["delay_seconds"] == 4.0
    assert config.resolved("log_file") == tmp_path / "etc" / "data" / "logs" / "vnie.log"


def test_config_command_line_wins(tmp_path):
    cfg = tmp_path / "vnie.toml"
    cfg.write_text('[run]\nbatch_size = 25\nengine = "dask"\n', encoding="utf-8")
    config = load_run_config(cfg, overrides={"batch_size": 7, "engine": None, "sources": ()},
                             assignments=("run.log_backups=9", "crawl.delay_seconds=3", "run.scheduler=tcp://h:8786"))
    assert (config.batch_size, config.engine, config.log_backups) == (7, "dask", 9)
    assert config.crawl["delay_seconds"] == 3 and config.scheduler == "tcp://h:8786"


@pytest.mark.parametrize("text,needle", [
    ("[run]\nbatchsize = 5\n", "unknown [run] key(s) batchsize"),
    ("[run]\nbatch_size = 0\n", "batch_size must be at least 1"),
    ("[run]\nbatch_size = 'many'\n", "batch_size must be an integer"),
    ("[run]\nbatch_seconds = -1\n", "batch_seconds must be 0 (no time bound) or a positive number of seconds"),
    ("[run]\nbatch_seconds = 'soon'\n", "batch_seconds must be a number of seconds"),
    ("[run]\nbatch_seconds = true\n", "batch_seconds must be a number of seconds"),
    ("[run]\nbatch_seconds = inf\n", "batch_seconds must be 0 (no time bound) or a positive number of seconds"),
    ("[run]\nengine = 'spark'\n", "engine must be one of local, dask"),
    ("[run]\nscheduler = '10.0.0.5'\n", "tcp://HOST:8786"),
    ("[run\n", "not valid TOML"),
])
def test_config_errors_name_the_key(tmp_path, text, needle):
    cfg = tmp_path / "vnie.toml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_run_config(cfg)
    assert needle in str(err.value)


def test_config_batch_seconds_from_file_set_and_option(tmp_path):
    cfg = tmp_path / "vnie.toml"
    cfg.write_text("[run]\nbatch_seconds = 90\n", encoding="utf-8")
    assert load_run_config(cfg).batch_seconds == 90.0
    assert load_run_config(cfg, assignments=("run.batch_seconds=2.5",)).batch_seconds == 2.5
    assert load_run_config(cfg, overrides={"batch_seconds": 0.0}).batch_seconds == 0.0
    assert load_run_config(cfg, overrides={"batch_seconds": None}).batch_seconds == 90.0


def test_config_bad_assignment():
    with pytest.raises(ConfigError, match="SECTION.KEY=VALUE"):
        load_run_config(assignments=("batch_size=3",))


def test_config_example_file_loads():
    config = load_run_config(ROOT / "vnie.example.toml")
    assert config.engine == "local" and config.batch_size >= 1


def test_config_reader_budgets_can_be_set_for_a_run(tmp_path):
    from pipeline.batch.config import load_run_config
    from pipeline.settings import _OVERRIDES, document_options, reader_options

    cfg = tmp_path / "vnie.toml"
    cfg.write_text("[reader]\nmax_html_depth = 50\n", encoding="utf-8")
    try:
        load_run_config(cfg, assignments=("document.extract_seconds=5", "reader.read_seconds=2.5"))
        assert (reader_options().max_html_depth, reader_options().read_seconds) == (50, 2.5)
        assert document_options().extract_seconds == 5
    finally:
        _OVERRIDES.clear()
        reader_options.cache_clear()
        document_options.cache_clear()
    assert reader_options().max_html_depth == 500


def test_config_unknown_reader_key_is_named(tmp_path):
    from pipeline.batch.config import ConfigError, load_run_config

    with pytest.raises(ConfigError) as err:
        load_run_config(None, assignments=("reader.max_depth=5",))
    assert str(err.value).startswith("--set: unknown [reader] key(s) max_depth; known keys: ")
