"""``qingdan serve``: a local preview of the site that rebuilds when a list changes and shows the current
findings on every page.

The site is built (HTML only) into ``.qingdan-cache/serve/`` with the same code as ``qingdan build``; the
build's own output (``_site/``) is left alone. A small HTTP server answers from that folder on 127.0.0.1 by
default. Into each HTML page it serves (never into the files) it adds one script, which asks the server for
the preview's state every ``POLL_MS`` milliseconds: a new generation reloads the page; the findings of the
last check are shown in a panel at the foot of the page (as text, so a list's content cannot become markup).

While validation fails the previous site stays up and the panel shows why it was not rebuilt. File changes
are watched with watchfiles (the optional extra ``serve``)."""

from __future__ import annotations

import gc
import http.server
import json
import socketserver
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qingdan.cache import CACHE_DIR
from qingdan.check import Report
from qingdan.config import CONFIG_FILE, HOLIDAYS_FILE, LISTS_DIR
from qingdan.errors import QingdanError, UsageError
from qingdan.publish.build import TEMPLATES_DIR, Options, build

STATE_PATH = "/_qingdan/state.json"
SCRIPT_PATH = "/_qingdan/live.js"
POLL_MS = 500
DEBOUNCE_MS = 150  # an editor's save is often several writes: one rebuild for them


@dataclass
class State:
    """What the page asks for: the generation of the site it shows, and the last check's findings."""

    generation: int = 0  # 0: no site built yet
    checked: int = 0  # the number of checks run
    built: bool = False  # the last check passed and the site was rebuilt
    seconds: float = 0.0  # how long the last check (and build) took
    summary: dict[str, int] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""  # an input error that stopped the build (a missing glyph, a bad qingdan.toml …)
    head: str = ""  # the panel's first line, in the reader's language
    text: str = ""  # the check's findings as ``qingdan validate`` prints them

    def as_json(self) -> bytes:
        doc = {
            "version": 1,
            "generation": self.generation,
            "checked": self.checked,
            "built": self.built,
            "seconds": round(self.seconds, 3),
            "summary": self.summary,
            "findings": self.findings,
            "error": self.error,
            "head": self.head,
            "text": self.text,
        }
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")


Event = Callable[[State], None]
Message = Callable[[str, dict[str, Any]], str]  # (catalogue key, arguments) → the sentence in the reader's language
Describe = Callable[[Report], str]  # a check's report as ``qingdan validate`` prints it


class Preview:
    """The preview of one repository: ``rebuild`` checks and builds; ``serve`` answers HTTP; ``watch`` runs
    ``rebuild`` on every change until stopped."""

    def __init__(self, root: Path, lang: str, message: Message, describe: Describe) -> None:
        self.root = root
        self.out = root / CACHE_DIR / "serve"
        self.lang = lang
        self._message = message
        self._describe = describe
        self.state = State()
        self._lock = threading.Lock()

    def rebuild(self) -> State:
        """Check the repository and, when it passes, rebuild the site (a new generation)."""
        from qingdan.report.common import as_dict

        started = time.perf_counter()
        generation = self.state.generation
        report: Report | None = None
        error = ""
        try:
            result = build(Options(out=self.out, only=("html",)), cwd=self.root)
        except QingdanError as exc:
            error = self._message(exc.key, dict(exc.args_))
        else:
            report = result.report
            if result.out is not None:
                generation += 1
        finally:
            gc.unfreeze()  # validate froze what it made for a command that ends soon (load.no_gc); this one goes on
        seconds = time.perf_counter() - started
        summary = report.summary._asdict() if report is not None else {}
        built = report is not None and not report.failed()
        if error:
            head = self._message("serve-error", {"detail": error})
        else:
            head = self._message("serve-built" if built else "serve-failed", {"seconds": f"{seconds:.1f}", **summary})
        state = State(
            generation=generation,
            checked=self.state.checked + 1,
            built=built,
            seconds=seconds,
            summary=summary,
            findings=[as_dict(f, self.lang) for f in report.findings if not f.waived] if report is not None else [],
            error=error,
            head=head,
            text=self._describe(report) if report is not None and report.findings else "",
        )
        with self._lock:
            self.state = state
        return state

    def server(self, host: str, port: int) -> socketserver.TCPServer:
        """The HTTP server (not yet serving): the site's files, the state and the page script."""
        preview = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(preview.out), **kwargs)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the library's name
                pass  # a request log on the terminal would hide the check results

            def do_GET(self) -> None:  # noqa: N802 - the library's name
                path = self.path.split("?", 1)[0]
                if path == STATE_PATH:
                    with preview._lock:
                        body = preview.state.as_json()
                    self._send(body, "application/json; charset=utf-8")
                elif path == SCRIPT_PATH:
                    self._send(LIVE_JS.replace("__POLL_MS__", str(POLL_MS)).encode("utf-8"), "text/javascript")
                elif path in ("/", "/index.html") and not (preview.out / "index.html").is_file():
                    page = WAITING_PAGE.format(title=preview._message("serve-waiting", {}), script=SCRIPT_PATH)
                    self._send(page.encode("utf-8"), "text/html; charset=utf-8")
                elif path.endswith((".html", "/")):
                    self._page()
                else:
                    super().do_GET()

            def _page(self) -> None:
                local = Path(self.translate_path(self.path.split("?", 1)[0]))
                if local.is_dir():
                    local = local / "index.html"
                try:
                    html = local.read_bytes()
                except OSError:
                    self.send_error(404)
                    return
                tag = f'<script src="{SCRIPT_PATH}"></script>'.encode()
                at = html.rfind(b"</body>")
                html = html[:at] + tag + html[at:] if at >= 0 else html + tag
                self._send(html, "text/html; charset=utf-8")

            def _send(self, body: bytes, kind: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True
            allow_reuse_address = True

        try:
            return Server((host, port), Handler)
        except OSError as exc:
            raise UsageError("serve-address", host=host, port=port, detail=exc.strerror or str(exc)) from None

    def watched(self) -> list[Path]:
        """What a change to rebuilds for: the lists, qingdan.toml, holidays.yaml and the repository's templates."""
        paths = [self.root / LISTS_DIR, self.root / CONFIG_FILE, self.root / HOLIDAYS_FILE, self.root / TEMPLATES_DIR]
        return [p for p in paths if p.exists()]

    def watcher(self, stop: threading.Event, pending: threading.Event) -> threading.Thread:
        """A thread that sets ``pending`` on every change under ``watched()`` until ``stop`` is set. Started
        before the first build, so that an edit made while it runs is not missed."""
        try:
            import watchfiles
        except ImportError:
            raise UsageError("serve-needs-watchfiles") from None

        def run() -> None:
            for _ in watchfiles.watch(
                *self.watched(),
                stop_event=stop,
                debounce=DEBOUNCE_MS,
                step=50,
                watch_filter=_relevant,
                rust_timeout=500,
                yield_on_timeout=False,
                raise_interrupt=False,
            ):
                pending.set()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread


def _relevant(change: Any, path: str) -> bool:
    """Changes to list, configuration and template files; not an editor's swap and backup files."""
    name = Path(path).name
    return not (name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp")))


def run(
    root: Path,
    host: str,
    port: int,
    lang: str,
    message: Message,
    describe: Describe,
    started: Callable[[str, State], None],
    changed: Event,
    stop: threading.Event | None = None,
) -> None:
    """Build, serve and watch until ``stop`` is set (or Ctrl-C). ``started`` gets the address and the first
    state; ``changed`` each state after a rebuild."""
    preview = Preview(root, lang, message, describe)
    stop = stop or threading.Event()
    pending = threading.Event()
    watcher = preview.watcher(stop, pending)  # before the server: a missing watchfiles leaves nothing running
    try:
        server = preview.server(host, port)
    except BaseException:
        stop.set()
        watcher.join(5)
        raise
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    try:
        first = preview.rebuild()  # meanwhile the server answers with the waiting page
        address = f"http://{_shown(host)}:{server.server_address[1]}/"
        started(address, first)
        while not stop.is_set():
            if pending.wait(0.2):
                pending.clear()
                changed(preview.rebuild())
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        watcher.join(5)


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else ("127.0.0.1" if host in ("", "0.0.0.0") else host)


def local(host: str) -> bool:
    """Whether only this computer can open the preview."""
    return host in ("127.0.0.1", "localhost", "::1")


# The page's side of the preview: poll the state, reload on a new generation, show the findings as text.
LIVE_JS = r"""(function () {
  "use strict";
  var seen = null, panel = null;
  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (css) e.style.cssText = css;
    return e;
  }
  function show(s) {
    if (!panel) {
      panel = el("aside", undefined,
        "position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;z-index:9999;" +
        "font:14px/1.5 sans-serif;background:#fffbe6;border-top:2px solid #d48806;padding:.5em 1em;color:#222");
      panel.id = "qingdan-preview";
      panel.setAttribute("role", "status");
      document.body.appendChild(panel);
    }
    panel.textContent = "";
    panel.appendChild(el("strong", s.head));
    if (s.text) panel.appendChild(el("pre", s.text, "white-space:pre-wrap;margin:.3em 0;font:13px/1.45 monospace"));
    panel.style.display = s.text || s.error || !s.built ? "block" : "none";
  }
  function poll() {
    var r = new XMLHttpRequest();
    r.open("GET", "/_qingdan/state.json", true);
    r.onload = function () {
      try {
        var s = JSON.parse(r.responseText);
        if (seen !== null && s.generation !== seen) { location.reload(); return; }
        seen = s.generation;
        show(s);
      } catch (e) { /* the next poll tries again */ }
      setTimeout(poll, __POLL_MS__);
    };
    r.onerror = function () { setTimeout(poll, __POLL_MS__ * 4); };
    r.send();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", poll); else poll();
})();
"""

WAITING_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title></head>
<body><p>{title}</p><script src="{script}"></script></body></html>
"""
