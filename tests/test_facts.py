"""The rules that look at a list's facts (qingdan.facts: noted where the list is read) report exactly what a pass
over every item reported: random lists of duties, seals, certificates and admission records, in community and
other lists, with and without a legal basis of their own, with blank and unknown departments, unknown admission
ids and places. And the facts a worker notes come back unchanged from the files cache and from a reading with
positions, on the bundled lists."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

from qingdan import cache, check, document, facts
from qingdan.jurisdiction import is_community
from qingdan.model import FILLED_BIT, Department, Entry, FileResult, Finding, Header, Jurisdiction, Waiver
from qingdan.repository import Repository
from qingdan.rules import admission, legal_basis, references, resources
from qingdan.rules.base import Unchecked, at, parse_date
from qingdan.text import is_catch_all, key
from qingdan.vocabulary import ASSIST

COMMUNITY, STREET, ELSEWHERE = "110101001001", "110101001000", "120101001001"
KNOWN_PLACES = (COMMUNITY, STREET, "110101000000")


# --- the rules as they were: a pass over every item (the reference) -------------------------------------------


def _missing(repo: Repository) -> Iterator[Finding]:
    documented = {h.file for h in repo.headers if h.legal_basis}
    for e in repo.subjects:
        if not e.filled & FILLED_BIT["legal_basis"] and e.file not in documented and facts.needs_basis(e):
            yield at(e, "missing-legal-basis", "name")


def _catch_all(repo: Repository) -> Iterator[Finding]:
    for e in repo.subjects:
        if e.kind != "admissions" and e.keys and is_catch_all(e.keys[0]):
            yield at(e, "catch-all-item", "name")


def _without_resources(repo: Repository) -> Iterator[Finding]:
    both = FILLED_BIT["funding"] | FILLED_BIT["powers"]
    for e in repo.subjects:
        if e.filled & both == both or e.kind != "duties" or e.role != ASSIST:
            continue
        missing = tuple(f"word-{word}" for word in ("funding", "powers") if not e.has(word))
        if missing:
            yield at(e, "assist-without-resources", "name", missing=missing)


def _community_assist(repo: Repository) -> list[Entry]:
    return [e for e in repo.subjects if e.kind == "duties" and e.role == ASSIST and is_community(e.jurisdiction)]


def _admission_rules(repo: Repository) -> Iterator[Finding]:
    """The three admission rules over the items the old pass found (their own logic is unchanged)."""
    repo.memo["community-assist"] = _community_assist(repo)
    yield from admission.without_admission(repo)
    yield from admission.not_valid(repo)
    yield from admission.not_started(repo)


def _unknown_jurisdiction_targets(repo: Repository) -> Iterator[Finding]:
    known, unread = repo.jurisdictions, Unchecked(repo, "jurisdictions")
    for e in repo.subjects:
        for code in e.targets:
            if code not in known and not unread.skip():
                yield at(e, "unknown-jurisdiction", "targets", code=code)
    yield from unread.summary("unknown-jurisdiction")


def _unknown_department(repo: Repository) -> Iterator[Finding]:
    known, unread = repo.departments, Unchecked(repo, "departments")
    checked: dict[str, bool] = {}
    for e in repo.subjects:
        for field, name in (("department", e.department), ("applicant", e.applicant)):
            if not name or not name.strip():
                continue
            if name not in checked:
                checked[name] = key(name) in known
            if not checked[name] and not unread.skip():
                yield at(e, "unknown-department", field, name=name)
    yield from unread.summary("unknown-department")


def _unknown_admission(repo: Repository) -> Iterator[Finding]:
    unread = Unchecked(repo, "admissions")
    for e in repo.subjects:
        if e.admission is None or e.admission in repo.admissions_by_id:
            continue
        if e.admission not in repo.by_id and unread.skip():
            continue
        yield at(e, "unknown-admission", "admission", ref=e.admission)
    yield from unread.summary("unknown-admission")


def _expired_waivers(repo: Repository) -> Iterator[Finding]:
    for e in repo.entries:
        for w in e.waivers:
            until = parse_date(w.expires)
            if until is not None and until < repo.today:
                args = {"waived_rule": w.rule, "date": until.isoformat()}
                yield Finding("waiver-expired", e.file, w.line, w.column, item=e.id, args=args)


def _new_expired_waivers(repo: Repository) -> Iterator[Finding]:
    return iter(check._expired_waivers(repo))


def _new_admission_rules(repo: Repository) -> Iterator[Finding]:
    yield from admission.without_admission(repo)
    yield from admission.not_valid(repo)
    yield from admission.not_started(repo)


def _targets_only(repo: Repository) -> Iterator[Finding]:
    """unknown-jurisdiction's findings about targets (the headers' and departments' are not narrowed)."""
    return (f for f in references.unknown_jurisdiction(repo) if f.item is not None or f.key == "references-unchecked")


PAIRS: list[tuple[Callable[[Repository], Iterator[Finding]], Callable[[Repository], Iterator[Finding]]]] = [
    (_missing, legal_basis.missing),
    (_catch_all, legal_basis.catch_all),
    (_without_resources, resources.without_resources),
    (_admission_rules, _new_admission_rules),
    (_unknown_jurisdiction_targets, _targets_only),
    (_unknown_department, references.unknown_department),
    (_unknown_admission, references.unknown_admission),
    (_expired_waivers, _new_expired_waivers),
]


# --- random repositories ------------------------------------------------------------------------------------

_ENTRY = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["duties", "duties", "seal", "certificates", "admissions"]),
        "name": st.sampled_from(["其他交办事项", "其它工作", "协助开展人口普查", "居住证明", "其他"]),
        "keyed": st.booleans(),
        "jurisdiction": st.sampled_from([COMMUNITY, STREET, ELSEWHERE]),
        "role": st.sampled_from([ASSIST, "依法履职", None]),
        "department": st.sampled_from(["区民政局", "不存在的局", "", "  ", None]),
        "applicant": st.sampled_from(["区民政局", "另一个不存在的局", None]),
        "admission": st.sampled_from(["A1", "A2", "无此编号", "", None]),
        "stance": st.sampled_from(["allowed", "forbidden", None]),
        "status": st.sampled_from(["admitted", "rejected", None]),
        "targets": st.lists(st.sampled_from([COMMUNITY, STREET, "999999999999"]), max_size=2).map(tuple),
        "filled": st.integers(0, 127),
        "file": st.integers(0, 3),
        "waivers": st.sampled_from(
            [(), (Waiver("catch-all-item", "兜底", "2020-01-01", 9, 5),), (Waiver("x", "", None, 9, 5),)]
        ),
    }
)


def _entry(n: int, d: dict[str, Any]) -> Entry:
    file = f"lists/{d['file']}.yaml"
    keys = (key(d["name"]),) if d["keyed"] else ()
    return Entry(
        f"item-{n}", d["name"], d["kind"], d["jurisdiction"], file, n + 1, 3, keys=keys, role=d["role"],
        department=d["department"], admission=d["admission"], stance=d["stance"], applicant=d["applicant"],
        status=d["status"], valid_from="2020-01-01", valid_until="2030-12-31", targets=d["targets"], filled=d["filled"],
        waivers=d.get("waivers", ()),
    )  # fmt: skip


def _repository(items: list[dict[str, Any]], documented: set[int], unread: bool, noted: bool) -> Repository:
    """Lists 0–3 of the items (their own legal basis where ``documented``), the places, the departments and two
    admission records; ``unread``: a departments list that could not be read as well; ``noted``: the facts as a
    worker notes them (else worked out when a rule asks)."""
    entries = [_entry(n, d) for n, d in enumerate(items)]
    files = [
        FileResult("lists/places.yaml", "jurisdictions", jurisdictions=tuple(
            Jurisdiction(code, code, "社区", "lists/places.yaml", 1, 1) for code in KNOWN_PLACES
        )),
        FileResult("lists/departments.yaml", "departments", departments=(
            Department("区民政局", "110101000000", "lists/departments.yaml", 1, 1),
        )),
        FileResult("lists/admissions.yaml", "admissions", header=Header("lists/admissions.yaml", "admissions", STREET),
                   entries=tuple(
            Entry(i, "协助开展人口普查", "admissions", STREET, "lists/admissions.yaml", 2, 3, status=status,
                  valid_from=start, valid_until="2030-12-31")
            for i, status, start in (("A1", "admitted", "2020-01-01"), ("A2", "admitted", "2099-01-01"))
        )),
    ]  # fmt: skip
    if unread:
        files.append(FileResult("lists/broken.yaml", "departments", unread=True))
    for n in range(4):
        name = f"lists/{n}.yaml"
        mine = tuple(e for e in entries if e.file == name)
        header = Header(name, "duties", COMMUNITY, legal_basis=("《城市居民委员会组织法》",) if n in documented else ())
        files.append(FileResult(name, "duties", header=header, entries=mine))
    if noted:
        files = [f._replace(facts=facts.facts_of(f.entries, f.header)) for f in files]
    return Repository(cast(Any, None), files, date(2026, 12, 4))


@settings(max_examples=250, deadline=None)
@given(
    st.lists(_ENTRY, max_size=25),
    st.sets(st.integers(0, 3)),
    st.booleans(),
    st.booleans(),
)
def test_the_rules_on_facts_report_what_a_pass_over_every_item_reported(
    items: list[dict[str, Any]], documented: set[int], unread: bool, noted: bool
) -> None:
    for every_item, on_facts in PAIRS:
        expected = list(every_item(_repository(items, documented, unread, noted)))
        assert list(on_facts(_repository(items, documented, unread, noted))) == expected, every_item.__name__


def test_the_facts_point_at_the_items_each_rule_reports() -> None:
    """A list with one item for each fact: the indexes and names are those items'."""
    items = [
        {"name": "其他交办事项", "role": "依法履职", "filled": 0b111},  # catch-all (its legal basis is there)
        {"name": "协助开展人口普查", "role": ASSIST, "filled": 0b011},  # no powers: unfunded; a community's assist
        {"name": "协助开展人口普查", "role": "依法履职", "filled": 0},  # no legal basis
        {"name": "协助开展人口普查", "role": "依法履职", "filled": 1, "waivers": (Waiver("x", "", None, 9, 5),)},
    ]
    base = {"kind": "duties", "keyed": True, "jurisdiction": COMMUNITY, "department": "区民政局", "applicant": None,
            "admission": "A1", "stance": None, "status": None, "targets": (), "file": 0}  # fmt: skip
    entries = tuple(_entry(n, {**base, **d}) for n, d in enumerate(items))
    got = facts.facts_of(entries, None)
    assert (got.catch_all, got.unfunded, got.community_assist, got.no_basis) == ((0,), (1,), (1,), (2,))
    assert (got.departments, got.admissions, got.targets, got.waived) == (("区民政局",), ("A1",), (), (3,))
    assert got.place == ("duties", COMMUNITY)
    header = Header("lists/0.yaml", "duties", COMMUNITY, legal_basis=("《城市居民委员会组织法》",))
    assert facts.facts_of(entries, header).no_basis == ()  # the list cites one for every item
    assert facts.facts_of((), None) == facts.NONE


def test_the_facts_a_worker_notes_come_back_from_the_cache_and_a_reading_with_positions() -> None:
    lists = sorted((Path(__file__).parent.parent / "lists").rglob("*.yaml"))
    results = [document.from_bytes(p.read_bytes(), p.name, 85.0) for p in lists]
    listed = [r for r in results if r.entries]
    assert listed and all(r.facts == facts.facts_of(r.entries, r.header) for r in listed)
    assert any(r.facts is not None and r.facts.community_assist for r in listed)  # the example city's communities
    for r in results:
        back = cache.result_from_blob(cache.result_to_blob(r))
        assert back.facts == r.facts and back == r
    for p, r in zip(lists, results, strict=True):
        if r.entries:
            assert document.placed(p.read_bytes(), p.name, 85.0, r).facts == r.facts


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["duties", "certificates"]), st.sampled_from(KNOWN_PLACES))),
    st.sets(st.integers(0, 3)),
    st.booleans(),
)
def test_by_place_groups_as_item_by_item(items: list[tuple[int, str, str]], uniform: set[int], noted: bool) -> None:
    """Repository.by_place adds a list whose items share one place at once: the same groups, in the same order,
    as grouping item by item, with lists whose items share a place (``uniform``) and lists whose items do not."""
    files = []
    for n in range(4):
        mine = [(kind, place) for f, kind, place in items if f == n]
        if n in uniform and mine:
            mine = [mine[0]] * len(mine)
        name = f"lists/{n}.yaml"
        entries = tuple(Entry(f"{n}-{i}", "名称", kind, place, name, 0, 0) for i, (kind, place) in enumerate(mine))
        result = FileResult(name, "duties", entries=entries)
        files.append(result._replace(facts=facts.facts_of(entries, None)) if noted else result)
    repo = Repository(cast(Any, None), files, date(2026, 12, 4))
    expected: dict[tuple[str, str], list[Entry]] = {}
    for f in files:
        for e in f.entries:
            expected.setdefault((e.kind, e.jurisdiction), []).append(e)
    assert list(repo.by_place.items()) == list(expected.items())
    for f in files:
        shared = {(e.kind, e.jurisdiction) for e in f.entries}
        assert facts.of(f).place == (next(iter(shared)) if len(shared) == 1 else None)
