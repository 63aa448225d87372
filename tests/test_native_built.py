"""Where a C compiler and the Python headers are, installing qingdan builds its C parts (tools/hatch_build.py):
tests/test_native_loader.py and the C search's tests are then never skipped by accident (a wheel built without
them is only slower)."""

from __future__ import annotations

import importlib.util
import shutil
import sysconfig
from pathlib import Path

import pytest


@pytest.mark.parametrize("module", ["_fastyaml", "_fastnames", "_fastrows"])
def test_the_c_parts_are_built_where_they_can_be(module: str) -> None:
    headers = Path(sysconfig.get_paths()["include"], "Python.h").is_file()
    if not (headers and (shutil.which("cc") or shutil.which("gcc"))):
        pytest.skip("no C compiler or no Python headers here: qingdan runs without its C parts")
    assert importlib.util.find_spec(f"qingdan.{module}") is not None, (
        f"qingdan.{module} is missing although a C compiler is there (see tools/hatch_build.py)"
    )
