"""`kizuna demo` in a real terminal (a pseudo-terminal): its closing "Start it now? [y/N]"
prompt treats the end of input (Ctrl-D) as "no", quietly, with exit status 0."""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

import pytest

pty = pytest.importorskip("pty")


def _talk(argv: list[str], env: dict[str, str], prompt: bytes, answer: bytes,
          timeout: float = 300) -> tuple[int, str]:
    """Run ``argv`` on a pseudo-terminal; once ``prompt`` appears, type ``answer``."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with the terminal as stdin and stdout
        os.execve(argv[0], argv, env)
    out, sent, deadline = b"", False, time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            data = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        out += data
        if prompt in out and not sent:
            os.write(fd, answer)
            sent = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert sent, out.decode(errors="replace")[-500:]
    return os.waitstatus_to_exitcode(status), out.decode(errors="replace")


def test_end_of_input_at_the_demo_prompt_means_no(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIZUNA_")}
    env.update(KIZUNA_DATA_DIR=str(tmp_path / "data"), COLUMNS="80", TERM="dumb")
    code, out = _talk([sys.executable, "-m", "kizuna", "demo"], env, b"Start it now?", b"\x04")
    assert code == 0, out[-500:]
    assert "Aborted" not in out and "Traceback" not in out
