"""The ``kizuna`` command line: every command module registered on the one app, and the entry
point that turns errors into one line.

The app and the state of the global options live in :mod:`kizuna.cli._app`; each module here
(``database``, ``catalog``, ``documents`` …) adds its commands, each a few lines that parse the
options, call one library function and render the result.
"""

from __future__ import annotations

import sys

from kizuna.cli import (
    brief,
    cables,
    catalog,
    database,
    documents,
    priorities,
    review,
    screening,
    supply,
    train,
    web,
)
from kizuna.cli._app import app, state
from kizuna.errors import KizunaError

__all__ = ["app", "main"]

# Each module adds its commands; none imports a library module until a command runs.
database.register(app)
catalog.register(app)
documents.register(app)
web.register(app)
screening.register(app)
review.register(app)
brief.register(app)
cables.register(app)
supply.register(app)
priorities.register(app)
train.register(app)


def main() -> None:
    """Entry point: user errors become one line on stderr and exit status 1."""
    try:
        app()
    except KizunaError as exc:
        if state.debug:
            raise
        sys.stderr.write(f"kizuna: error {exc}\n")
        sys.exit(1)
    except Exception as exc:  # an unexpected failure: still one line unless --debug
        if state.debug:
            raise
        sys.stderr.write(f"kizuna: internal error: {type(exc).__name__}: {exc} "
                         "(run with --debug for the traceback)\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
