"""`kizuna serve` and the end of `kizuna demo`."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from kizuna.cli.app import app


def test_serve_is_a_command() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "--port" in result.output


def test_demo_ends_with_the_address_and_never_waits_without_a_terminal(
        cli_env: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, "-m", "kizuna", "demo"], env=cli_env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=300, check=True)
    assert "http://127.0.0.1:8000/" in done.stdout
    assert "Start it now?" not in done.stdout
