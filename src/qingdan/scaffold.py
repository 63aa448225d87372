"""``qingdan init``: a new list repository for a city that validates at once, with CI and hooks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from qingdan.errors import UsageError
from qingdan.files import write_atomic
from qingdan.install_source import Source
from qingdan.jurisdiction import depth, parent
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
    province: str
    prefix: str  # id prefix of the example list
    folder: str


def init(target: Path, city: City, source: Source, today: date | None = None) -> list[str]:
    """Write the new repository into ``target`` (created, or empty); returns the paths written.
    Nothing is written when ``target`` already has a qingdan.toml or lists/ (never overwrite work).
    ``source`` is where its CI files and hooks install qingdan from (pinned, see install_source)."""
    if depth(city.code) != 2:
        raise UsageError("init-city-code", code=city.code)
    if (target / "qingdan.toml").exists() or (target / "lists").exists():
        raise UsageError("init-exists", path=str(target))
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
    for path, text in rendered.items():
        write_atomic(target / path, text)
    return list(rendered)
