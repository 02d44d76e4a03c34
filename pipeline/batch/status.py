"""What ``vnie status`` shows: the lock, pending work, each table's size and schema, the last runs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline.batch.datasets import (DELTA_LOG, JOURNAL, TABLES, DatasetError, Store, _fragment_problem, _is_fragment,
                                     kept_history)
from pipeline.batch.lock import lock_is_held, lock_owner
from pipeline.batch.reprocess import reprocess_pending
from pipeline.batch.runs import read_runs
from pipeline.linking.dataset import stats_since
from pipeline.schemas import SCHEMA_VERSION


def folder_status(out_dir: Path, last: int = 10) -> dict:
    """The state of an output folder as plain data (never raises on a damaged folder).

    out_dir (Path): the output folder.
    last (int): how many runs to include, newest last.
    RETURNS (dict): lock, pending, tables, runs.
    """
    out_dir = Path(out_dir)
    store = Store(out_dir)
    info: dict = {"out": str(out_dir), "running": None, "pending": [], "tables": {}, "runs": [], "problems": []}
    try:
        held = lock_is_held(out_dir)
        info["running"] = lock_owner(out_dir) if held else None
    except OSError as exc:  # a read-only or unreadable folder: say so, go on
        held = False
        info["problems"].append(f"cannot check the run lock: {exc}")
    try:
        if (store.meta / JOURNAL).exists():
            info["pending"].append("a commit in progress (the running run is committing its tables)" if held else
                                   "a commit interrupted by a crash: the next run rolls it back")
        if reprocess_pending(out_dir) and not held:
            info["pending"].append("an interrupted reprocess: run `vnie reprocess` to finish it")
    except OSError as exc:
        info["problems"].append(f"cannot read {store.meta}: {exc}")
    for name in TABLES:
        try:
            info["tables"].update(_table_status(store, name))
        except Exception as exc:  # noqa: BLE001 - status describes damage, never dies of it
            info["tables"][name] = {"error": _damage(exc)}
    try:
        runs = read_runs(out_dir).tail(last)
    except Exception as exc:  # noqa: BLE001
        info["problems"].append(f"cannot read the runs table: {_damage(exc)}")
        runs = pd.DataFrame()
    try:
        info["linking"] = stats_since(store.meta, runs["started_at"].iloc[-1].to_pydatetime() if len(runs) else None)
    except Exception as exc:  # noqa: BLE001
        info["problems"].append(f"cannot read the linking record: {_damage(exc)}")
    for row in runs.to_dict("records"):
        if row["status"] == "running" and not held:
            row["status"] = "interrupted"
        info["runs"].append({k: _plain(v) for k, v in row.items()})
    return info


def _table_status(store: Store, name: str) -> dict:
    try:
        folder = store.current(name)
        version = store.schema_version(name)
    except DatasetError as exc:
        return {name: {"error": str(exc)}}
    if folder is None:
        return {}
    if folder.is_symlink():
        return {name: {"rows": None, "schema_version": version,
                       "error": "the layout before Delta Lake: the next run migrates it"}}
    dt = store.delta(name)
    live = {r["path"]: r for r in pa.table(dt.get_add_actions(flatten=True))
            .select(["path", "size_bytes", "num_records"]).to_pylist()}
    entry = {"rows": sum(r["num_records"] or 0 for r in live.values()), "schema_version": version,
             "version": dt.version(), "files": len(live), "history": _history(dt, store.meta, name)}
    bad = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder)
        if rel.parts[0] == DELTA_LOG:
            continue
        if rel.as_posix() in live:
            problem = _fragment_problem(path, name, live[rel.as_posix()]["size_bytes"])
            if problem:
                bad.append(f"{path}: {problem.removeprefix('unreadable: ')}")
        elif not _is_fragment(path):
            bad.append(f"{path}: a stray file")
    if bad:
        entry["error"] = "damaged or stray file(s), the next run moves them aside or stops: " + "; ".join(bad[:5])
    elif version is not None and version > SCHEMA_VERSION:
        entry["error"] = f"schema version {version}, newer than this vnie's {SCHEMA_VERSION}: use a newer vnie"
    elif version != SCHEMA_VERSION:
        entry["error"] = f"schema version {version}, this vnie writes {SCHEMA_VERSION}: run `vnie reprocess`"
    return {name: entry}


def _history(dt, meta, name: str, last: int = 5) -> list[dict]:
    """The table's last commits: version, operation, run id and pipeline version (from the commit metadata;
    commits whose log files a run's end removed come from what it kept in ``.vnie/history``)."""
    out = []
    found = {h.get("version"): h for h in kept_history(meta, name)}
    found.update({h.get("version"): h for h in dt.history(last)})
    for h in [found[v] for v in sorted(found, key=lambda v: -1 if v is None else v, reverse=True)[:last]]:
        out.append({"version": h.get("version"), "operation": h.get("operation"),
                    "run_id": h.get("vnie.run_id"), "pipeline_version": h.get("vnie.pipeline_version"),
                    "at": pd.Timestamp(h["timestamp"], unit="ms", tz="UTC").isoformat() if h.get("timestamp") else None})
    return out


def _damage(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _plain(value):
    """Arrays as lists and missing values as None, so the status prints and serialises simply."""
    if hasattr(value, "tolist") and not isinstance(value, pd.Timestamp):
        value = value.tolist()
    if isinstance(value, (list, tuple, dict)):
        return value
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def format_status(info: dict) -> str:
    """The status as lines for a terminal."""
    lines = [f"{info['out']}: " + (f"a run is in progress (pid {info['running'].get('pid')} on "
                                   f"{info['running'].get('host')}, since {info['running'].get('since')})"
                                   if info["running"] else "idle")]
    lines += [f"pending: {p}" for p in info["pending"]]
    lines += [f"problem: {p}" for p in info.get("problems", [])]
    if info["tables"]:
        lines.append("tables: " + ", ".join(
            f"{name} {t['rows']}" if "error" not in t else f"{name} (!)" for name, t in info["tables"].items()))
        lines += [f"  {name}: {t['error']}" for name, t in info["tables"].items() if "error" in t]
        articles = info["tables"].get("articles") or {}
        for h in articles.get("history") or []:   # each commit carries its run id and pipeline version
            lines.append(f"  articles v{h['version']}: {h['operation']} by run {h['run_id'] or '-'} "
                         f"(pipeline {h['pipeline_version'] or '-'}) at {h['at']}")
    else:
        lines.append("tables: none yet (run `vnie run`)")
    link = info.get("linking") or {}
    if link.get("persons") is not None:
        lines.append(f"linking (last run): {link['merges']} persons merged, {link['splits']} split, "
                     f"{link['relinked_articles']} stored articles re-linked; {link['persons']} persons, "
                     f"{link['stories']} stories")
    if not info["runs"]:
        lines.append("runs: none recorded")
        return "\n".join(lines)
    lines.append("")
    header = f"{'run':<26} {'kind':<9} {'status':<11} {'started (UTC)':<19} {'secs':>6} " \
             f"{'new':>6} {'upd':>5} {'same':>6} {'errors':>6}  rows o/e/c/d"
    lines.append(header)
    for r in info["runs"]:
        start, end = r.get("started_at"), r.get("ended_at")
        secs = f"{(end - start).total_seconds():.1f}" if start is not None and end is not None else "-"
        rows = "/".join(str(r.get(f"rows_{t}") or 0) for t in ("officials", "events", "counts", "dates"))
        lines.append(f"{r['run_id']:<26} {r['kind'] or '-':<9} {r['status']:<11} "
                     f"{start.strftime('%Y-%m-%d %H:%M:%S') if start is not None else '-':<19} {secs:>6} "
                     f"{r['articles_new']:>6} {r['articles_updated']:>5} {r['articles_unchanged']:>6} "
                     f"{r['errors_count']:>6}  {rows}")
    latest = info["runs"][-1]
    errors = latest.get("errors")
    for err in list(errors if errors is not None else [])[:5]:
        lines.append(f"  {err['source']}: {err['cause']}")
    if latest.get("message"):
        lines.append(f"  {latest['message']}")
    return "\n".join(lines)
