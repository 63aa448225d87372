"""Build hook: compile qingdan's C parts into the wheel: the reader of plain block YAML (src/qingdan/_fastyaml.c),
the near-duplicate search of one list's names (src/qingdan/_fastnames.c) and the columns of a list's items
(src/qingdan/_fastrows.c).

They need only a C compiler and the Python headers (Debian: gcc, python3-dev). Without them, or if the compiler
fails, the wheel is built without them and says so: qingdan then reads files with ryaml (the fast extra) or its
pure-Python builder and compares names with rapidfuzz alone, with the same results, only slower.
QINGDAN_NO_NATIVE=1 skips them on purpose.
An editable install puts the module beside its source, where the import finds it (it is in .gitignore).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCES = {  # module → what qingdan does without it
    "_fastyaml": "qingdan works without it, slower",
    "_fastnames": "names are compared by rapidfuzz alone, slower",
    "_fastrows": "items become entries in Python alone, slower",
}


def compile_module(source: Path, target: Path) -> str | None:
    """Compile ``source`` into the extension module ``target``; None when done, else why not."""
    include = Path(sysconfig.get_paths()["include"])
    if not (include / "Python.h").is_file():
        return f"no Python headers in {include} (Debian: apt-get install python3-dev)"
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        compiler = "cc"
        if shutil.which(compiler) is None:
            return "no C compiler (Debian: apt-get install gcc)"
    flags = ["-O2", "-shared", "-fPIC", "-fno-strict-aliasing", f"-I{include}"]
    if sys.platform == "darwin":
        flags += ["-undefined", "dynamic_lookup"]
    try:
        run = subprocess.run(
            [compiler, *flags, str(source), "-o", str(target)], capture_output=True, text=True, timeout=300
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{compiler} did not run: {exc}"
    if run.returncode != 0:
        return f"{compiler} failed: {run.stderr.strip()[-2000:]}"
    return None


class NativeReader(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or os.environ.get("QINGDAN_NO_NATIVE"):
            return
        folder = None if version == "editable" else Path(tempfile.mkdtemp(prefix="qingdan-native-"))
        for module, without in SOURCES.items():
            source = Path(self.root, "src", "qingdan", f"{module}.c")
            name = module + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")
            target = source.with_name(name) if folder is None else folder / name
            why = compile_module(source, target)
            if why is not None:
                self.app.display_warning(f"qingdan: {module} was not built ({why}); {without}")
                continue
            if folder is not None:
                build_data["force_include"][str(target)] = f"qingdan/{name}"
            build_data["pure_python"] = False
            build_data["infer_tag"] = True
