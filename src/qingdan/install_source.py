"""Where the CI files and hooks that ``qingdan init`` writes install qingdan from: always pinned.

``qingdan`` is not a name of ours on the public package index, so an unpinned ``pip install qingdan`` in a
pipeline would run whatever anyone registers under that name (dependency confusion). The CI files install
exactly what the user names with ``--install-from``:

* ``NAME==VERSION`` from a package index, optionally followed by ``--hash=sha256:HEX`` (one or more) so pip
  checks the downloaded file;
* ``git+https://HOST/PATH@COMMIT`` (or ``git+ssh://``), pinned to a full commit id — a branch or tag can move;
* ``PATH/qingdan-VERSION-….whl``, a wheel committed to the list repository (a path relative to its root).

Without ``--install-from`` the source is how the running qingdan was installed, when that is a git commit
others can fetch (``pip install git+…@COMMIT``, or a clean checkout whose HEAD is on a remote branch);
anything else is refused rather than written unpinned.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit, urlunsplit

from qingdan.errors import UsageError

NAME = "qingdan"
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_INDEX = re.compile(rf"^(?P<name>{_NAME})(?P<op>===?)(?P<version>[0-9][0-9A-Za-z.+!_-]*)$")
_HASH = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")
_VCS = re.compile(rf"^(?:(?P<name>{_NAME})\s*@\s*)?git\+(?P<url>[a-z][a-z0-9+.-]*://\S+?)(?:@(?P<rev>[^@/\s]+))?$")
_COMMIT = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
_WHEEL = re.compile(r"^(?P<name>[A-Za-z0-9_.]+)-(?P<version>[0-9][^-]*)(?:-[0-9][^-]*)?-[^-]+-[^-]+-[^-]+\.whl$")
_SAFE = re.compile(r"^[A-Za-z0-9._~:/?=&%+@-]+$")  # what may stand inside a shell word and a YAML scalar
_RANGE = re.compile(r"[<>~!]=?|\*|\^")


@dataclass(frozen=True)
class Source:
    """A pinned way to install qingdan: ``kind`` is ``index``, ``vcs`` or ``wheel``."""

    kind: str
    name: str
    target: str  # "==0.1.0", "git+https://…@COMMIT", or the wheel's path in the repository
    hashes: tuple[str, ...] = ()

    def requirement(self, extras: str = "") -> str:
        """The argument of ``pip install`` (with ``[extras]`` when given)."""
        bracket = f"[{extras}]" if extras else ""
        if self.kind == "index":
            return f"{self.name}{bracket}{self.target}"
        if self.kind == "vcs":
            return f"{self.name}{bracket} @ {self.target}"
        return f"./{self.target}{bracket}"

    def commands(self, extras: str = "") -> list[str]:
        """The shell lines that install it in CI. With hashes, qingdan itself is installed first in pip's
        hash-checking mode (``--no-deps``: its dependencies are public packages named in its metadata)."""
        install = f'python -m pip install "{self.requirement(extras)}"'
        if not self.hashes:
            return [install]
        pinned = " ".join([f"{self.name}{self.target}", *self.hashes])
        return [
            f"printf '%s\\n' '{pinned}' > qingdan-requirements.txt",
            "python -m pip install --no-deps --require-hashes -r qingdan-requirements.txt",
            install,
        ]

    @property
    def repository(self) -> str:
        """For ``vcs``: the repository URL without ``git+`` and the commit (pre-commit's ``repo:``)."""
        return self.target[len("git+") :].rsplit("@", 1)[0] if self.kind == "vcs" else ""

    @property
    def rev(self) -> str:
        return self.target.rsplit("@", 1)[1] if self.kind == "vcs" else ""

    @property
    def version(self) -> str:
        if self.kind == "index":
            return self.target.lstrip("=")
        if self.kind == "wheel":
            found = _WHEEL.match(PurePosixPath(self.target).name)
            return found.group("version") if found else ""
        return ""


def parse(value: str) -> Source:
    """Read ``--install-from``; a usage error (naming what to write instead) for anything unpinned."""
    text = value.strip()
    words = text.split()
    if not words:
        raise UsageError("install-from-form", value=value)
    if "git+" in text:
        return _vcs(text, value)
    if words[0].endswith(".whl"):
        return _wheel(text, value)
    spec = _INDEX.match(words[0])
    if spec is None:
        if _RANGE.search(words[0]) or re.fullmatch(_NAME, words[0]):
            raise UsageError("install-from-range", value=value)
        raise UsageError("install-from-form", value=value)
    hashes = tuple(words[1:])
    if not all(_HASH.match(h) for h in hashes):
        raise UsageError("install-from-hash", value=value)
    return Source("index", spec.group("name"), f"{spec.group('op')}{spec.group('version')}", hashes)


def _vcs(text: str, value: str) -> Source:
    found = _VCS.match(text)
    if found is None:
        raise UsageError("install-from-form", value=value)
    url = found.group("url")
    scheme = urlsplit(url).scheme
    if scheme not in ("https", "ssh"):
        raise UsageError("install-from-vcs-scheme", value=value, scheme=scheme)
    if urlsplit(url).password or (scheme == "https" and urlsplit(url).username):
        raise UsageError("install-from-credentials", value=_without_credentials(url))
    rev = found.group("rev") or ""
    if not _COMMIT.match(rev) or not _SAFE.match(url):
        raise UsageError("install-from-vcs", value=value)
    return Source("vcs", found.group("name") or NAME, f"git+{url}@{rev}")


def _wheel(text: str, value: str) -> Source:
    path = PurePosixPath(text)
    if (
        " " in text
        or "\\" in text
        or path.is_absolute()
        or ".." in path.parts
        or "://" in text
        or not _SAFE.match(text)
        or _WHEEL.match(path.name) is None
    ):
        raise UsageError("install-from-wheel", value=value)
    name = _WHEEL.match(path.name).group("name")  # type: ignore[union-attr]
    return Source("wheel", name.replace("_", "-"), path.as_posix().removeprefix("./"))


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    if parts.scheme == "ssh" and parts.username:
        host = f"{parts.username}@{host}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def pip_url(remote: str) -> str | None:
    """A git remote as pip's ``git+…`` URL, or None when CI could not fetch it (a local path, plain http).
    Credentials in an https remote are dropped: they must never end up in a CI file."""
    scp = re.match(r"^(?P<user>[A-Za-z0-9._-]+)@(?P<host>[A-Za-z0-9.-]+):(?P<path>[^/].*)$", remote)
    if scp:  # git@host:org/repo.git
        return f"git+ssh://{scp.group('user')}@{scp.group('host')}/{scp.group('path')}"
    scheme = urlsplit(remote).scheme
    if scheme not in ("https", "ssh"):
        return None
    return f"git+{_without_credentials(remote)}"


def from_direct_url(data: dict[str, object], published: Callable[[Path], tuple[str, str] | None]) -> Source | None:
    """The pinned source of an installation described by its PEP 610 ``direct_url.json``; ``published`` gives
    (remote, commit) of a local checkout whose HEAD others can fetch (``qingdan.git.published_head``)."""
    url = str(data.get("url") or "")
    vcs = data.get("vcs_info")
    candidate: str | None = None
    if isinstance(vcs, dict):
        commit = str(vcs.get("commit_id") or "")
        base = pip_url(url)
        if vcs.get("vcs") == "git" and _COMMIT.match(commit) and base:
            candidate = f"{base}@{commit}"
    elif "dir_info" in data and url.startswith("file:"):
        found = published(Path(unquote(urlsplit(url).path)))
        if found is not None:
            base = pip_url(found[0])
            if base:
                candidate = f"{base}@{found[1]}"
    if candidate is None:
        return None
    try:
        return parse(candidate)
    except UsageError:
        return None


def detect() -> Source | None:
    """How the running qingdan was installed, when that is a git commit CI can install again."""
    from qingdan import git

    try:
        text = metadata.distribution(NAME).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return from_direct_url(data, git.published_head) if isinstance(data, dict) else None


def resolve(value: str | None) -> Source:
    """``--install-from`` when given, else the detected source; refuses to go on with neither."""
    if value is not None:
        return parse(value)
    found = detect()
    if found is None:
        raise UsageError("install-from-missing")
    return found
