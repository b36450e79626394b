"""The shared progress bar: drawn on a terminal with the label, the count and the time taken,
and gone once the work ends (transient), so a command's own output is what stays."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from kizuna.cli.render import progress_bar


def _terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=80, color_system=None), out


def test_counted_bar_shows_label_and_count_while_running() -> None:
    console, out = _terminal()
    with progress_bar(console) as bar:
        task = bar.add_task("ingesting", total=4)
        bar.update(task, advance=3)
        bar.refresh()
        shown = out.getvalue()
    assert "ingesting" in shown and "3/4" in shown
    console_after, out_after = _terminal()
    with progress_bar(console_after) as bar:
        bar.add_task("reading", total=1)
    console_after.print("done")
    # After the bar ends only the command's output is on the last line.
    assert out_after.getvalue().splitlines()[-1].strip().endswith("done")


def test_spinner_for_steps_without_a_count() -> None:
    console, out = _terminal()
    with progress_bar(console, counted=False) as bar:
        bar.add_task("writing it in one transaction", total=2)
        bar.refresh()
    assert "writing it in one transaction" in out.getvalue()
    assert "/2" not in out.getvalue()


def test_screening_bar_is_the_shared_one_and_only_on_a_terminal(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from kizuna.cli import screening

    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich: standard error counts as a terminal
    with screening._screening_progress() as tick:
        assert tick is not None
        tick(10, screening.PROGRESS_MIN_NAMES - 1)  # a short batch: no bar
        tick(300, screening.PROGRESS_MIN_NAMES * 2)
    err = capsys.readouterr().err
    assert "screening" in err and f"300/{screening.PROGRESS_MIN_NAMES * 2}" in err
    assert f"/{screening.PROGRESS_MIN_NAMES - 1}" not in err
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    with screening._screening_progress() as tick:
        assert tick is None  # a pipe or a log gets no control characters
