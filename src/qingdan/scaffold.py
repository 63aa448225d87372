"""``qingdan init``: a new list repository for a city that validates at once, with CI and hooks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from qingdan import __version__
from qingdan.errors import UsageError
from qingdan.files import transaction
from qingdan.jurisdiction import depth, parent
from qingdan.paths import inside, windows_safe

# template → path in the new repository ({folder} is the city's folder under lists/)
FILES = (
    ("qingdan.toml.j2", "qingdan.toml"),
    ("jurisdictions.yaml.j2", "lists/jurisdictions.yaml"),
    ("departments.yaml.j2", "lists/departments.yaml"),
    ("negative.yaml.j2", "lists/{folder}/negative.yaml"),
    ("gitattributes.j2", ".gitattributes"),
    ("pre-commit-config.yaml.j2", ".pre-commit-config.yaml"),
    ("github-workflow.yml.j2", ".github/workflows/qingdan.yml"),
    ("gitlab-ci.yml.j2", ".gitlab-ci.yml"),
    ("README.md.j2", "README.md"),
)


@dataclass(frozen=True)
class City:
    code: str
    name: str
    province: str
    prefix: str  # id prefix of the example list
    folder: str


def init(target: Path, city: City, today: date | None = None) -> list[str]:
    """Write the new repository into ``target`` (created, or empty); returns the paths written.
    Nothing is written when ``target`` already has a qingdan.toml or lists/ (never overwrite work)."""
    if depth(city.code) != 2:
        raise UsageError("init-city-code", code=city.code)
    if (target / "qingdan.toml").exists() or (target / "lists").exists():
        raise UsageError("init-exists", path=str(target))
    _check_folder(city.folder)
    env = Environment(
        loader=PackageLoader("qingdan", "templates/init"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    values = {
        "city": city.name,
        "city_code": city.code,
        "province": city.province,
        "province_code": parent(city.code),
        "prefix": city.prefix,
        "folder": city.folder,
        "today": (today or date.today()).isoformat(),
        "version_spec": f">={__version__}",
    }
    rendered = {path.format(folder=city.folder): env.get_template(template).render(values) for template, path in FILES}
    target.mkdir(parents=True, exist_ok=True)
    for path in rendered:  # nothing outside the new repository, not even through a symlink already there
        if os.path.lexists(target / path) or not inside((target / path).parent, target):
            raise UsageError("init-outside", path=str(target / path), root=str(target))
    with transaction(target) as tx:  # all files or none: a full disk leaves no half repository, no new folders
        tx.write_all({target / path: text for path, text in rendered.items()})
    return list(rendered)


def _check_folder(folder: str) -> None:
    """``--folder`` names a folder under lists/: relative, without ``..``, each part a name Windows accepts."""
    parts = folder.replace("\\", "/").split("/")
    if (
        not folder.strip()
        or os.path.isabs(folder)
        or folder.startswith(("/", "\\"))
        or any(p in ("", ".", "..") or windows_safe(p) != p for p in parts)
    ):
        raise UsageError("init-folder", folder=folder)
