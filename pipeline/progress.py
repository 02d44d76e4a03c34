"""Progress of long work: a rich bar on stderr when it is a terminal (total, done, rate, ETA and the
current stage), nothing at all when stderr is a pipe, a file or cron's mail (the command then prints
one summary line)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from pipeline.article import InputError
from pipeline.readers import SUFFIXES, iter_input_files


def expected_articles(inputs: Iterable[Path]) -> int:
    """How many articles the inputs hold, known before reading them: one per .txt/.html file, one per
    non-blank line of a .jsonl file (bad files count too: they are reported as they pass)."""
    total = 0
    for item in iter_input_files(inputs):
        if isinstance(item, InputError):
            total += 1
        elif SUFFIXES.get(item.suffix.lower()) == "jsonl":
            try:
                with open(item, "rb") as fh:
                    total += max(1, sum(1 for line in fh if line.strip()))
            except OSError:
                total += 1
        else:
            total += 1
    return total


class Bar:
    """A progress bar with a stage: ``Bar(total, "extracting")``, then ``update(done, stage=..., note=...)``.

    total (int | None): the work known up front (None: unknown, a spinner and counts only).
    stage (str): what is being done now ("reading inputs", "extracting", "writing tables").
    unit (str): what is counted ("articles").
    enabled (bool | None): draw it. Defaults to "stderr is a terminal".
    """

    def __init__(self, total: int | None, stage: str, unit: str = "articles", enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.unit = unit
        self._bar = None
        if not self.enabled:
            return
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self._bar = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(bar_width=24),
                             MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                             TextColumn("eta"), TimeRemainingColumn(compact=True), TextColumn("{task.fields[note]}"),
                             console=Console(stderr=True), transient=True)
        self._task = self._bar.add_task(stage, total=total, rate="", note="")

    def update(self, done: int | None = None, *, stage: str | None = None, note: str | None = None,
               total: int | None = None) -> None:
        if self._bar is None:
            return
        changes: dict = {}
        if done is not None:
            changes["completed"] = done
        if stage is not None:
            changes["description"] = stage
        if note is not None:
            changes["note"] = note
        if total is not None:
            changes["total"] = total
        self._bar.update(self._task, **changes)
        speed = self._bar.tasks[0].speed
        self._bar.update(self._task, rate=f"{speed:.1f} {self.unit}/s" if speed else "")

    def __enter__(self) -> Bar:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()
