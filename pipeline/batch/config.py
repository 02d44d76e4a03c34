"""The run configuration: ``[run]`` defaults in settings.toml, a user's TOML file, then the command line."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pipeline.settings import OVERRIDABLE, load_settings, override_settings

ENGINES = ("local", "dask", "pool")
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
PATH_KEYS = ("out", "log_file", "crawl_state")   # relative to the config file (a key's own base below)
LIST_KEYS = ("inputs", "sources", "urls")


class ConfigError(ValueError):
    """A configuration that cannot run; the message names the file, key and fix."""

    exit_code = 2


@dataclass(frozen=True)
class RunConfig:
    """Every setting of ``vnie run`` (see the ``[run]`` section of pipeline/settings.toml)."""

    out: Path
    inputs: tuple[Path, ...]
    sources: tuple[str, ...]
    urls: tuple[str, ...]
    batch_size: int
    max_articles: int
    engine: str
    scheduler: str
    workers: int
    chunk_size: int
    log_file: Path
    log_level: str
    stderr_level: str
    log_max_bytes: int
    log_backups: int
    crawl_state: Path
    crawl: dict = field(default_factory=dict)         # the [crawl] section, for the crawler
    config_file: Path | None = None
    keep_versions: int = 1                            # Delta versions a run leaves per table (see settings.toml)
    batch_seconds: float = 120.0                      # also commit after this many seconds of a batch; 0: no bound

    def resolved(self, name: str) -> Path:
        """A path setting made absolute: ``log_file`` and ``crawl_state`` are relative to ``out``."""
        value = Path(getattr(self, name))
        return value if value.is_absolute() or name == "out" else self.out / value


def load_run_config(config_file: Path | None = None, overrides: dict[str, Any] | None = None,
                    assignments: tuple[str, ...] = ()) -> RunConfig:
    """The run settings: defaults, then ``config_file``, then ``assignments``, then ``overrides``.

    config_file (Path | None): a TOML file with a ``[run]`` (and ``[crawl]``) section.
    overrides (dict | None): command-line values by key; None values are ignored.
    assignments (tuple[str, ...]): ``SECTION.KEY=VALUE`` strings (``--set``), VALUE in TOML syntax.
    RETURNS (RunConfig): checked values. Raises ConfigError naming the bad key.
    """
    if config_file is not None and not Path(config_file).is_file():
        raise ConfigError(f"config file {config_file} does not exist")
    try:
        data = load_settings(config_file)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{config_file}: not valid TOML: {exc}") from None
    run = dict(data.get("run", {}))
    crawl = dict(data.get("crawl", {}))
    known = {f.name for f in fields(RunConfig)} - {"crawl", "config_file"}
    unknown = sorted(set(run) - known)
    if unknown:
        raise ConfigError(f"{config_file or 'settings'}: unknown [run] key(s) {', '.join(unknown)}; "
                          f"known keys: {', '.join(sorted(known))}")
    base = Path(config_file).resolve().parent if config_file is not None else Path.cwd()
    user_run = _user_section(config_file)
    for key in PATH_KEYS:
        if key in user_run:
            run[key] = _rebase(run[key], base, key)
    if "inputs" in user_run:
        run["inputs"] = [str(_rebase(p, base, "inputs")) for p in _as_list(run["inputs"], "inputs")]
    budgets = {section: dict(values) for section, values in _user_sections(config_file).items()
               if section in OVERRIDABLE}
    for item in assignments:
        section, key, value = _assignment(item)
        if section == "crawl":
            crawl[key] = value
        elif section in OVERRIDABLE:
            budgets.setdefault(section, {})[key] = value
        elif key not in known:
            raise ConfigError(f"--set {item}: unknown [run] key {key!r}; known keys: {', '.join(sorted(known))}")
        else:
            run[key] = value
    for key, value in (overrides or {}).items():
        if value is not None and value != ():
            run[key] = value
    for section, values in budgets.items():  # reader budgets, extraction seconds: for this process
        try:
            override_settings(section, values)
        except KeyError as exc:
            raise ConfigError(f"{config_file or '--set'}: {exc.args[0]}") from None
    return _checked(run, crawl, config_file)


def _user_sections(config_file: Path | None) -> dict:
    if config_file is None:
        return {}
    return tomllib.loads(Path(config_file).read_text(encoding="utf-8"))


def _user_section(config_file: Path | None) -> dict:
    if config_file is None:
        return {}
    return tomllib.loads(Path(config_file).read_text(encoding="utf-8")).get("run", {})


def _rebase(value: Any, base: Path, key: str) -> Path:
    if not isinstance(value, (str, Path)):
        raise ConfigError(f"[run] {key} must be a path string, not {value!r}")
    path = Path(value).expanduser()
    if key in ("log_file", "crawl_state"):
        return path  # relative to `out`, resolved later
    return path if path.is_absolute() else base / path


def _assignment(item: str) -> tuple[str, str, Any]:
    if "=" not in item or "." not in item.split("=", 1)[0]:
        raise ConfigError(f"--set {item}: expected SECTION.KEY=VALUE, e.g. --set run.batch_size=50 "
                          "or --set crawl.delay_seconds=3")
    name, raw = item.split("=", 1)
    section, key = name.strip().split(".", 1)
    if section not in ("run", "crawl", *OVERRIDABLE):
        raise ConfigError(f"--set {item}: only [run], [crawl], [reader] and [document] keys can be set here")
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw  # a bare word: take it as a string
    return section, key.strip(), value


def _as_list(value: Any, key: str) -> list:
    if isinstance(value, (str, Path)):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    raise ConfigError(f"[run] {key} must be a list, not {value!r}")


def _int(run: dict, key: str, minimum: int) -> int:
    value = run[key]
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).replace("_", ""))
        except ValueError:
            raise ConfigError(f"[run] {key} must be an integer, not {run[key]!r}") from None
    if value < minimum:
        raise ConfigError(f"[run] {key} must be at least {minimum}, not {value}")
    return value


def _choice(run: dict, key: str, choices: tuple[str, ...], upper: bool = False) -> str:
    value = str(run[key]).upper() if upper else str(run[key]).lower()
    if value not in choices:
        raise ConfigError(f"[run] {key} must be one of {', '.join(choices)}, not {run[key]!r}")
    return value


def _checked(run: dict, crawl: dict, config_file: Path | None) -> RunConfig:
    scheduler = str(run.get("scheduler") or "")
    if scheduler and "://" not in scheduler:
        raise ConfigError(f"[run] scheduler must be an address like tcp://HOST:8786, not {scheduler!r}")
    return RunConfig(
        out=Path(run["out"]),
        inputs=tuple(Path(p) for p in _as_list(run["inputs"], "inputs")),
        sources=tuple(str(s) for s in _as_list(run["sources"], "sources")),
        urls=tuple(str(u) for u in _as_list(run["urls"], "urls")),
        batch_size=_int(run, "batch_size", 1),
        max_articles=_int(run, "max_articles", 0),
        engine=_choice(run, "engine", ENGINES),
        scheduler=scheduler,
        workers=_int(run, "workers", 0),            # 0: one per core
        chunk_size=_int(run, "chunk_size", 1),
        log_file=Path(run["log_file"]),
        log_level=_choice(run, "log_level", LEVELS, upper=True),
        stderr_level=_choice(run, "stderr_level", LEVELS, upper=True),
        log_max_bytes=_int(run, "log_max_bytes", 1024),
        log_backups=_int(run, "log_backups", 0),
        crawl_state=Path(run["crawl_state"]),
        crawl=crawl,
        config_file=Path(config_file) if config_file is not None else None,
        keep_versions=_int(run, "keep_versions", 1),
        batch_seconds=_seconds(run, "batch_seconds"),
    )


def _seconds(run: dict, key: str) -> float:
    value = run.get(key, 0)
    if isinstance(value, bool):
        raise ConfigError(f"[run] {key} must be a number of seconds, not {value!r}")
    try:
        value = float(str(value).replace("_", ""))
    except ValueError:
        raise ConfigError(f"[run] {key} must be a number of seconds, not {run[key]!r}") from None
    if not value >= 0 or value == float("inf"):
        raise ConfigError(f"[run] {key} must be 0 (no time bound) or a positive number of seconds, not {run[key]!r}")
    return value
