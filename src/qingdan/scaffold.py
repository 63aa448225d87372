"""``qingdan init``: a new list repository for a city that validates at once, with CI and hooks."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from qingdan.config import current_day
from qingdan.errors import UsageError
from qingdan.files import transaction
from qingdan.install_source import Source
from qingdan.jurisdiction import MUNICIPALITIES, depth, parent
from qingdan.paths import inside, windows_safe
from qingdan.schema import schema_files

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
    ("gitignore.j2", ".gitignore"),
    ("vscode-settings.json.j2", ".vscode/settings.json"),
    ("vscode-extensions.json.j2", ".vscode/extensions.json"),
)


@dataclass(frozen=True)
class City:
    code: str
    name: str
    province: str  # "" for a 直辖市 at its own code: it is the province-level unit
    prefix: str  # id prefix of the example list
    folder: str

    @property
    def municipality(self) -> bool:
        """A 直辖市 (北京 110000000000 …): the province-level unit, with its districts right below it."""
        return depth(self.code) == 1 and self.code[:2] in MUNICIPALITIES


def municipality_hint(city: City) -> dict[str, str] | None:
    """The arguments of the ``init-municipality`` hint when the repository is a 直辖市's."""
    if not city.municipality:
        return None
    return {
        "city": city.name,
        "code": city.code,
        "example": city.code[:2] + "0101000000",
        "middle": city.code[:2] + "0100000000",
    }


def init(target: Path, city: City, source: Source, today: date | None = None) -> list[str]:
    """Write the new repository into ``target`` (created, or empty); returns the paths written.
    Nothing is written when ``target`` already has a qingdan.toml or lists/ (never overwrite work).
    ``city.code`` is a city's (430100000000) or a 直辖市's (110000000000). ``source`` is where its CI files and
    hooks install qingdan from (pinned, see install_source)."""
    if depth(city.code) != 2 and not city.municipality:
        raise UsageError("init-city-code", code=city.code)
    if not city.province and not city.municipality:
        raise UsageError("init-province-missing")
    if (target / "qingdan.toml").exists() or (target / "lists").exists():
        raise UsageError("init-exists", path=str(target))
    _check_folder(city.folder)
    env = Environment(
        loader=PackageLoader("qingdan", "templates/init"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        autoescape=False,
    )
    values = {
        "city": city.name,
        "city_code": city.code,
        "province": city.province or city.name,
        "province_code": parent(city.code),
        "municipality": city.municipality,
        "province_level": "直辖市" if city.code[:2] in MUNICIPALITIES else "省",
        "prefix": city.prefix,
        "folder": city.folder,
        "schemas_up": "../" * (2 + city.folder.count("/")),  # from lists/FOLDER/ to the repository's schemas/
        "today": (today or current_day()).isoformat(),
        "requirement": source.requirement(),  # how the CI files and the README install qingdan: pinned
        "install": "\n".join(source.commands()),
        "install_pdf": "\n".join(source.commands("pdf")),
        "source_kind": source.kind,  # the pre-commit config: qingdan's hook repository at a pinned rev, or pinned deps
        "repo": source.repository,
        "rev": source.rev,
    }
    rendered = {path.format(folder=city.folder): env.get_template(template).render(values) for template, path in FILES}
    rendered.update({f"schemas/{name}": text for name, text in schema_files().items()})  # for editors
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
