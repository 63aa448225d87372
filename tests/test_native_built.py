"""Where a C compiler and the Python headers are, installing qingdan builds its C reader (tools/hatch_build.py):
tests/test_native_loader.py is then never skipped by accident (a wheel built without it is only slower)."""

from __future__ import annotations

import importlib.util
import shutil
import sysconfig
from pathlib import Path

import pytest


def test_the_reader_is_built_where_it_can_be() -> None:
    headers = Path(sysconfig.get_paths()["include"], "Python.h").is_file()
    if not (headers and (shutil.which("cc") or shutil.which("gcc"))):
        pytest.skip("no C compiler or no Python headers here: qingdan runs without its C reader")
    assert importlib.util.find_spec("qingdan._fastyaml") is not None, (
        "qingdan._fastyaml is missing although a C compiler is there (see tools/hatch_build.py)"
    )
