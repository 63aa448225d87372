"""How long an edit takes to reach the preview: start ``qingdan serve`` on a copy of a repository (default: the
bundled example city), change one item's name N times, and time each change from the file's write until the
server reports the check of it done and the site rebuilt (the page reloads on its next poll, within POLL_MS more).

    python benchmarks/serve.py [--repo DIR] [--edits 10]

Prints the start-up time, then the median and the slowest edit. Only the standard library and qingdan."""

# ruff: noqa: T201  (a command-line script: printing is its output)
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def state(address: str) -> dict:
    with urllib.request.urlopen(address + "_qingdan/state.json", timeout=10) as response:  # noqa: S310
        return dict(json.loads(response.read()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=ROOT)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qingdan-serve-"))
    repo = work / "repo"
    shutil.copytree(args.repo / "lists", repo / "lists")
    if (args.repo / "qingdan.toml").is_file():
        shutil.copyfile(args.repo / "qingdan.toml", repo / "qingdan.toml")
    target = next(p for p in sorted((repo / "lists").rglob("*.yaml")) if "\n  - id:" in p.read_text("utf-8"))
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "qingdan", "serve", "--port", "0"],
        cwd=repo,
        stdout=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().decode("utf-8")
        address = line.split("：", 1)[1].split("（", 1)[0]
        proc.stdout.readline()
        startup = time.perf_counter() - started
        times = []
        for n in range(args.edits):
            checked = state(address)["checked"]
            text = target.read_text("utf-8")
            at = text.index("    name: ") + len("    name: ")
            target.write_text(text[:at] + f"改{n}" + text[at:], "utf-8")
            t0 = time.perf_counter()
            while (now := state(address))["checked"] == checked:
                time.sleep(0.01)
            if not now["built"]:
                raise SystemExit(f"the edit of {target} did not pass the check: {now['head']}")
            times.append(time.perf_counter() - t0)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print(f"start-up (first check and build): {startup:.2f} s")
    print(f"edit → new site, {len(times)} edits: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s")


if __name__ == "__main__":
    main()
