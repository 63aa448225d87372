"""Recording admission decisions: ``qingdan admit``, ``reject`` and ``revoke`` edit the list files.

admit: a record (status admitted) in the admissions list of the nearest level above the targets,
the work item in the 协助 list of every target community with ``admission:`` linking the record (a
community without one gets a new list, see ``placement``), and ``record:`` in the request. reject: a
record (status rejected) with the reasons. revoke: the record's status becomes revoked with the reason
and date; the community items relying on it get a comment, and ``validate`` reports them
(admission-not-valid) until they are taken off the lists.

Edits go through ruamel.yaml's round trip, so comments, key order, quoting and flow style of the
files survive. The repository lock is held from reading the repository to the end of the write (a second
decision at the same time is refused, never merged over this one); all files are written in one journaled
transaction (``files.transaction``), then the repository is validated: if the edit brought new errors, or
the run is interrupted, every file is put back as it was, and a run killed half-way is rolled back by
the next qingdan command.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from qingdan import dump, i18n
from qingdan.admission.placement import admissions_header, assist_header, place
from qingdan.admission.request import Request
from qingdan.admission.review import ADMIT, Review
from qingdan.errors import InputError, UsageError
from qingdan.files import repository_lock, transaction
from qingdan.i18n import Phrase
from qingdan.repository import Repository
from qingdan.vocabulary import ASSIST

_UNREAD = frozenset({"file-outside", "file-not-regular", "file-unreadable-path", "resource-size", "file-unreadable"})
ITEM_FIELDS = ("category", "content", "legal_basis", "funding", "powers", "staffing")
_DATED = re.compile(r"^(?P<prefix>.*-)(?P<year>\d{4})-(?P<n>\d+)$")


@dataclass(frozen=True)
class Decision:
    """What was written (or, when ``refused``, why nothing was)."""

    action: str  # admit / reject / revoke
    record: str
    files: tuple[str, ...] = ()
    items: tuple[tuple[str, str, str], ...] = ()  # (file, item id, community name)
    created: tuple[tuple[str, str, str], ...] = ()  # new 协助 lists: (file, community name, issuer)
    refused: bool = False
    review: Review | None = None


def _read(path: Path, root: Path) -> Any:
    """A list file for editing, through ruamel's round trip; a file it cannot read is an input error naming it."""
    from ruamel.yaml.error import YAMLError

    from qingdan.paths import read_inside, relative

    raw = read_inside(path, root)
    try:
        return dump.editor().load(raw.decode("utf-8-sig"))
    except (YAMLError, UnicodeDecodeError) as exc:
        raise InputError("decision-unreadable", file=relative(path, root), detail=_first_line(exc)) from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _dump(data: Any) -> str:
    out = io.StringIO()
    dump.editor().dump(data, out)
    return out.getvalue()


def _q(value: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(value)


def _flow(values: list[Any]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _plain(value: Any) -> Any:
    """A value read by qingdan's loader, ready for ruamel: citation objects stay flow mappings."""
    from ruamel.yaml.comments import CommentedMap

    if isinstance(value, dict):
        out = CommentedMap(value)
        out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _next_record_id(repo: Repository, file: str, year: int) -> str:
    ids = [e.id for e in repo.entries if e.file == file]
    dated = [m for m in map(_DATED.match, ids) if m]
    if not dated:
        raise UsageError("decision-id-needed", file=file)
    prefix = Counter(m["prefix"] for m in dated).most_common(1)[0][0]
    used = [int(m["n"]) for m in dated if m["prefix"] == prefix and int(m["year"]) == year]
    n = max(used, default=0) + 1
    while f"{prefix}{year}-{n:02d}" in repo.by_id:
        n += 1
    return f"{prefix}{year}-{n:02d}"


def _record(
    request: Request, record_id: str, status: str, by: str, day: date, root: Path, note: str | None, reason: str | None
) -> Any:
    from ruamel.yaml.comments import CommentedMap

    from qingdan.paths import relative

    r = request.data
    rec = CommentedMap()
    rec["id"] = record_id
    rec["name"] = request.name
    for k in ("category",):
        if k in r:
            rec[k] = r[k]
    rec["applicant"] = request.text("applicant")
    rec["status"] = status
    rec["decided_by"] = by
    if "applied" in r:
        rec["applied"] = _q(str(r["applied"]))
    rec["decided"] = _q(day.isoformat())
    if status == "admitted":
        for src, dst in (("start", "valid_from"), ("end", "valid_until")):
            if src in r:
                rec[dst] = _q(str(r[src]))
    rec["targets"] = _flow([_q(t) for t in request.targets])
    for k in ("content", "legal_basis", "funding", "powers", "staffing", "emergency"):
        if k in r:
            rec[k] = _plain(r[k])
    if reason:
        rec["reason"] = reason
    rec["request"] = relative(request.path.resolve(), root)
    if note:
        rec["notes"] = note
    return rec


def _item(request: Request, item_id: str, record_id: str) -> Any:
    from ruamel.yaml.comments import CommentedMap

    r = request.data
    item = CommentedMap()
    item["id"] = item_id
    item["name"] = request.name
    item["role"] = ASSIST
    if "category" in r:
        item["category"] = r["category"]
    item["department"] = request.text("applicant")
    item["admission"] = record_id
    for k in ITEM_FIELDS[1:]:
        if k in r:
            item[k] = _plain(r[k])
    return item


class _Edits:
    """New texts of files, written together in one transaction (``files.transaction``: the repository lock
    and a journal) and validated; rolled back — new files and folders removed — if they bring new errors,
    or if the run is interrupted (Ctrl-C, SIGTERM) before the check is done."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs: dict[Path, Any] = {}

    def doc(self, path: Path) -> Any:
        if path not in self.docs:
            self.docs[path] = _read(path, self.root)
        return self.docs[path]

    def create(self, path: Path, header: dict[str, Any]) -> Any:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        doc = CommentedMap((k, _q(v) if k in ("jurisdiction", "effective") else v) for k, v in header.items())
        doc["items"] = CommentedSeq()
        self.docs[path] = doc
        return doc

    def commit(self, day: date, expected: frozenset[tuple[str, str]] = frozenset()) -> tuple[str, ...]:
        """Write every edited file; ``expected`` (file, item) may gain admission-not-valid (revoke)."""
        from qingdan.check import validate_repository
        from qingdan.paths import relative

        before = _errors(validate_repository([self.root], cwd=self.root, today=day, use_cache=False))
        texts = {p: _dump(d) for p, d in self.docs.items()}
        with transaction(self.root) as tx:
            tx.write_all(texts)
            after = validate_repository([self.root], cwd=self.root, today=day, use_cache=False)
            new = [
                f
                for f in after.findings
                if f.severity == "error"
                and not f.waived
                and _key(f) not in before
                and not (f.rule == "admission-not-valid" and (f.file, f.item) in expected)
            ]
            if new:
                tx.rollback()
                raise InputError(
                    "decision-invalid",
                    detail=tuple(
                        Phrase(
                            "decision-invalid-finding",
                            {"file": f.file, "line": f.line, "message": Phrase(f.message_key, dict(f.args))},
                        )
                        for f in new[:3]
                    ),
                )
        return tuple(sorted(relative(p, self.root) for p in texts))


def _key(f: Any) -> tuple[str, str, str | None, str]:
    return (f.rule, f.file, f.item, f.message_key)


def _errors(report: Any) -> set[tuple[str, str, str | None, str]]:
    return {_key(f) for f in report.findings if f.severity == "error" and not f.waived}


def _append(doc: Any, item: Any) -> None:
    doc["items"].append(item)


def decide(
    repo: Repository,
    request: Request,
    review: Review,
    action: str,
    by: str,
    day: date,
    *,
    note: str | None = None,
    reason: str | None = None,
    record_id: str | None = None,
    force: bool = False,
) -> Decision:
    """admit or reject ``request`` (reviewed as ``review``) on ``day`` by the body ``by``."""
    if request.text("record"):
        raise UsageError("decision-already", file=request.file, record=request.text("record"))
    unread = [f.file for f in repo.subject_files if any(x.key in _UNREAD for x in f.findings)]
    if unread:  # a list that was refused (a symlink out, a FIFO, too large) would look absent: admit would add another
        raise InputError("decision-lists-unread", files="、".join(unread[:5]))
    if action == "admit" and review.verdict != ADMIT and not force:
        return Decision(action, "", refused=True, review=review)
    header = admissions_header(repo, request.targets)
    record_id = record_id or _next_record_id(repo, header.file, day.year)
    if record_id in repo.by_id:
        raise UsageError("decision-id-taken", id=record_id)
    if action == "reject" and not reason:
        # the record is an official document: its reason is written in Chinese, whatever the reader's language
        reason = "；".join(i18n.message(c.key, "zh", **c.args) for c in review.checks if c.status == "fail") or None
        if reason is None:
            raise UsageError("decision-reason-needed")
    edits = _Edits(repo.root)
    status = "admitted" if action == "admit" else "rejected"
    _append(edits.doc(repo.root / header.file), _record(request, record_id, status, by, day, repo.root, note, reason))
    items: list[tuple[str, str, str]] = []
    created: list[tuple[str, str, str]] = []
    if action == "admit":
        from qingdan.admission.context import communities

        for p in place(repo, communities(repo, request.targets)):
            path = repo.root / p.file
            if p.created and path not in edits.docs:
                edits.create(path, assist_header(repo, p.community, by, day, record_id))
                created.append((p.file, repo.name_of(p.community), by))
            _append(edits.doc(path), _item(request, p.item_id, record_id))
            items.append((p.file, p.item_id, repo.name_of(p.community)))
    edits.doc(request.path)["record"] = record_id
    files = edits.commit(day)
    return Decision(action, record_id, files, tuple(items), review=review, created=tuple(created))


def revoke(repo: Repository, record_id: str, reason: str, day: date) -> Decision:
    """End an admission (退出): status revoked, the reason and date; mark the items relying on it."""
    record = repo.by_id.get(record_id)
    if record is None or record.kind != "admissions":
        raise UsageError("decision-unknown-record", id=record_id)
    if record.file in repo.upstream_files:  # another office's list: read-only here
        raise UsageError("decision-upstream-record", id=record_id, file=record.file)
    if record.status != "admitted":
        raise UsageError("decision-not-admitted", id=record_id, status=f"status-{record.status}")
    edits = _Edits(repo.root)
    doc = edits.doc(repo.root / record.file)
    rec = next(i for i in doc["items"] if str(i.get("id")) == record_id)
    rec["status"] = "revoked"
    rec["revoked"] = _q(day.isoformat())
    rec["reason"] = reason
    items = []
    for e in repo.subjects:
        if e.kind == "duties" and e.admission == record_id:
            seq = edits.doc(repo.root / e.file)["items"]
            index = next(n for n, i in enumerate(seq) if str(i.get("id")) == e.id)
            seq.yaml_set_comment_before_after_key(
                index,
                before=i18n.message(
                    "decision-revoked-comment", "zh", record=record_id, date=day.isoformat(), reason=reason
                ),
                indent=2,
            )
            items.append((e.file, e.id, repo.name_of(e.jurisdiction)))
    files = edits.commit(day, frozenset((file, item) for file, item, _ in items))
    return Decision("revoke", record_id, files, tuple(items))


def record_decision(
    action: str,
    path: Path,
    *,
    cwd: Path,
    by: str,
    day: date,
    note: str | None = None,
    reason: str | None = None,
    record_id: str | None = None,
    force: bool = False,
) -> Decision:
    """Load the repository around the request, review it as of ``day`` and record the decision."""
    from qingdan.admission.context import find_repository
    from qingdan.admission.deadlines import load_policy
    from qingdan.admission.request import load_request
    from qingdan.admission.review import review
    from qingdan.admission.workdays import load_calendar
    from qingdan.paths import relative, require_file
    from qingdan.repository import load_repository

    require_file(path)
    root = find_repository(path.resolve().parent, cwd)
    with repository_lock(root):  # held from reading to writing: a second admit waits for nothing, it is refused
        repo = load_repository(root, day, use_cache=False)
        request = load_request(path, relative(path.resolve(), root))
        policy = load_policy(root, request.targets[0] if request.targets else None)
        result = review(repo, request, load_calendar(root), policy, day)
        return decide(
            repo, request, result, action, by, day, note=note, reason=reason, record_id=record_id, force=force
        )


def revoke_admission(record_id: str, *, cwd: Path, reason: str, day: date) -> Decision:
    from qingdan.admission.context import find_repository
    from qingdan.repository import load_repository

    root = find_repository(cwd, cwd)
    with repository_lock(root):
        return revoke(load_repository(root, day, use_cache=False), record_id, reason, day)
