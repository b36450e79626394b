"""kizuna: evidence-backed intelligence on U.S.–Japan technology cooperation.

The package is library-first: every CLI command and (later) HTTP handler is a thin
shim over the functions exported here.
"""

from kizuna.errors import KizunaError

__version__ = "0.1.0"

__all__ = ["KizunaError", "__version__"]
