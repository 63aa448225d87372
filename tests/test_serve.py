"""``qingdan serve``: the preview rebuilds when a list changes, keeps the last good site while the check fails,
and shows the findings on the page (as text). Run in this process (the server in a thread) and through the real
command; the browser test opens the page and sees an edit appear without touching the page."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, interruptible

pytest.importorskip("watchfiles", reason="watchfiles is not installed (pip install '.[serve]')")

LIST = "lists/city/negative.yaml"
TIMEOUT = 20.0  # seconds: generous for a loaded CI machine; the note and docs give the measured time


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "lists", repo / "lists")
    shutil.copyfile(REPO / "qingdan.toml", repo / "qingdan.toml")
    return repo


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - a local test server
        return bytes(response.read())


def _state(address: str) -> dict[str, Any]:
    return dict(json.loads(_get(address + "_qingdan/state.json")))


def _until(address: str, test: Any) -> dict[str, Any]:
    end = time.monotonic() + TIMEOUT
    while True:
        state = _state(address)
        if test(state) or time.monotonic() > end:
            return state
        time.sleep(0.05)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The preview of a copy of the example city, served from a thread of this process on a free port."""
    from qingdan import i18n
    from qingdan.publish import serve
    from qingdan.report import reporter

    repo = _repo(tmp_path)
    ready = threading.Event()
    found: list[str] = []
    stop = threading.Event()

    def started(address: str, state: serve.State) -> None:
        found.append(address)
        ready.set()

    thread = threading.Thread(
        target=serve.run,
        args=(
            repo,
            "127.0.0.1",
            0,
            "zh",
            lambda key, args: i18n.message(key, "zh", **args),
            lambda report: reporter("validate", "text")(report, "zh").plain,
            started,
            lambda state: None,
            stop,
        ),
        daemon=True,
    )
    thread.start()
    assert ready.wait(60), "the preview did not start"
    try:
        yield repo, found[0]
    finally:
        stop.set()
        thread.join(10)


def _edit(repo: Path, old: str, new: str) -> None:
    path = repo / LIST
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_is_rebuilt_and_a_failing_check_keeps_the_last_site(preview: tuple[Path, str]) -> None:
    repo, address = preview
    first = _state(address)
    assert first["generation"] == 1 and first["built"] and first["summary"]["errors"] == 0, first
    page = _get(address + "site/index.html").decode("utf-8")
    assert page.rstrip().endswith('<script src="/_qingdan/live.js"></script></body>\n</html>'), page[-200:]
    assert "_qingdan/live.js" not in (repo / ".qingdan-cache/serve/site/index.html").read_text(encoding="utf-8")
    assert "location.reload()" in _get(address + "_qingdan/live.js").decode("utf-8")
    assert not (repo / "_site").exists()  # the build's own output is left alone

    _edit(repo, "name: 招商引资任务", "name: 招商引资考核任务")
    second = _until(address, lambda s: s["generation"] == 2)
    assert second["generation"] == 2 and second["built"], second
    assert "招商引资考核任务" in _get(address + "site/search.html").decode("utf-8") or any(
        "招商引资考核任务" in p.read_text(encoding="utf-8")
        for p in (repo / ".qingdan-cache/serve/site").rglob("*.html")
    )

    # a duplicate id: the check fails, the site stays as it was, the page's panel says why
    text = (repo / LIST).read_text(encoding="utf-8")
    ids = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("- id:")]
    _edit(repo, f"- id: {ids[1]}", f"- id: {ids[0]}")
    failed = _until(address, lambda s: s["checked"] >= 3 and not s["built"])
    assert failed["generation"] == 2 and not failed["built"], failed
    assert failed["head"].startswith("检查未通过，预览仍是上一版"), failed
    assert f"{LIST}:" in failed["text"] and "duplicate-id" in failed["text"], failed
    assert any(f["rule"] == "duplicate-id" for f in failed["findings"]), failed

    _edit(repo, f"- id: {ids[0]}", f"- id: {ids[1]}")
    fixed = _until(address, lambda s: s["generation"] == 3)
    assert fixed["built"] and fixed["text"] == "", fixed


def test_the_real_command_starts_says_where_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "qingdan", "serve", "--port", "0"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**__import__("os").environ, "NO_COLOR": "1"},
        preexec_fn=interruptible,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().decode("utf-8")
        assert line.startswith("预览：http://127.0.0.1:") and "按 Ctrl-C 停止" in line, line
        address = line.split("：", 1)[1].split("（", 1)[0]
        assert proc.stdout.readline().decode("utf-8").startswith("已检查并更新预览")
        assert _state(address)["generation"] == 1
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, (out, err)
    assert "预览已停止。" in out.decode("utf-8") and b"Traceback" not in err, (out, err)


def test_a_port_in_use_is_a_usage_error(tmp_path: Path) -> None:
    import socket

    from conftest import invoke

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = invoke(["serve", "--port", str(port)], _repo(tmp_path))
    assert run.returncode == 2, run
    assert f"无法在 127.0.0.1:{port} 上启动预览" in run.stderr and "--port 0" in run.stderr, run


def test_the_page_shows_an_edit_by_itself_and_findings_as_text(preview: tuple[Path, str], browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    repo, address = preview
    page = next(
        p for p in (repo / ".qingdan-cache/serve/site").rglob("*.html") if "招商引资任务" in p.read_text("utf-8")
    )
    url = address + page.relative_to(repo / ".qingdan-cache/serve").as_posix()
    browser.get(url)
    # the body read in one script: the page may reload between finding an element and reading it
    text = "return document.body ? document.body.innerText : ''"
    WebDriverWait(browser, TIMEOUT).until(lambda b: "招商引资任务" in b.execute_script(text))
    _edit(repo, "name: 招商引资任务", "name: 招商引资考核任务")
    WebDriverWait(browser, TIMEOUT).until(lambda b: "招商引资考核任务" in b.execute_script(text))
    # a hostile name in a failing list: the panel shows it as text, it is never run
    _edit(repo, "name: 招商引资考核任务", "name: \"<img src=x onerror=document.title='hacked'>\"\n    id: X")
    WebDriverWait(browser, TIMEOUT).until(lambda b: b.find_elements(By.ID, "qingdan-preview"))
    panel = browser.find_element(By.ID, "qingdan-preview")
    WebDriverWait(browser, TIMEOUT).until(lambda b: "检查未通过" in panel.text or "预览没有更新" in panel.text)
    assert browser.title != "hacked" and not panel.find_elements(By.TAG_NAME, "img"), panel.text
