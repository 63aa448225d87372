"""Build hook: compile qingdan's C reader of plain block YAML (src/qingdan/_fastyaml.c) into the wheel.

It needs only a C compiler and the Python headers (Debian: gcc, python3-dev). Without them, or if the compiler
fails, the wheel is built without it and says so: qingdan then reads files with ryaml (the fast extra) or its
pure-Python builder, with the same results, only slower. QINGDAN_NO_NATIVE=1 skips it on purpose.
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

SOURCE = Path("src", "qingdan", "_fastyaml.c")


def compile_reader(source: Path, target: Path) -> str | None:
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
        source = Path(self.root, SOURCE)
        name = "_fastyaml" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")
        if version == "editable":
            target = source.with_name(name)
        else:
            target = Path(tempfile.mkdtemp(prefix="qingdan-native-"), name)
        why = compile_reader(source, target)
        if why is not None:
            self.app.display_warning(f"qingdan: the C reader was not built ({why}); qingdan works without it, slower")
            return
        if version != "editable":
            build_data["force_include"][str(target)] = f"qingdan/{name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
