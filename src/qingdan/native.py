"""qingdan's optional C parts, compiled at install where a C compiler is (tools/hatch_build.py): ``_fastnames``
(the near-duplicate search) and ``_fastrows`` (items' columns). Each is imported once; None where it was not
built, and the Python code it speeds up runs instead. (The C reader, ``_fastyaml``, is chosen with the other
loaders in qingdan.load.)"""

from __future__ import annotations

import importlib
from typing import Any

_modules: dict[str, Any] = {}  # name → the module, or None; tests set None to run the Python code


def module(name: str) -> Any:
    if name not in _modules:
        try:
            _modules[name] = importlib.import_module(f"qingdan.{name}")
        except ImportError:
            _modules[name] = None
    return _modules[name]
