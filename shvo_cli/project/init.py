"""``shvo init``: a new records repository that validates straight away.

It holds a starter organisation, process, related systems, plan, budget and population copied
from the records shipped with shvo (not the example requests and decisions), the JSON Schemas
(so editors check records as they are typed), and the files that make the repository fit
where SHVO staff work: pre-commit, GitLab CI and GitHub Actions running ``shvo validate`` and
``shvo audit`` on merge requests with their native annotation formats, and VS Code settings
mapping each record folder to its schema. Files that exist are never overwritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.repository import FILE_KIND, FOLDER_KIND
from shvo_cli.records.schemas import KINDS, schema_dir
from shvo_cli.store.files import atomic_write

STARTER_FOLDERS = ("plans", "budgets", "population")


class InitError(ShvoError):
    """The target cannot be made a records repository as asked; nothing was written."""


def starter_dir() -> Path:
    """The records shipped inside the package (a wheel), else the repository's ``records/``."""
    packaged = resources.files("shvo_cli") / "starter_records"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "records"


SCHEMA_GLOBS = {
    "organisation": ["records/organisation.yaml"],
    "process": ["records/process.yaml"],
    "systems": ["records/systems.yaml"],
    **{kind: [f"records/{folder}/*.yaml"] for folder, kind in FOLDER_KIND.items()},
}

PRE_COMMIT = """\
# Runs shvo before every commit (https://pre-commit.com). shvo must be installed where git
# runs (pip install shvo); to pin a version instead, point a `repo:` entry at the shvo
# repository, which ships a .pre-commit-hooks.yaml with the hook id shvo-validate.
repos:
  - repo: local
    hooks:
      - id: shvo-validate
        name: shvo validate
        entry: shvo validate
        language: system
        files: '\\.ya?ml$'
        pass_filenames: false
"""

GITLAB_CI = """\
# Checks the records on every merge request: findings appear in the merge request's Code
# Quality widget. Set SHVO_PACKAGE to how shvo is installed here (a package name, a wheel
# URL or a git URL).
variables:
  SHVO_PACKAGE: shvo

stages: [check]

.shvo:
  stage: check
  image: python:3.11
  before_script:
    - pip install --quiet "$SHVO_PACKAGE"
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH

shvo-validate:
  extends: .shvo
  script:
    - shvo validate --format gitlab > gl-code-quality-validate.json || (shvo validate; exit 1)
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-validate.json

shvo-audit:
  extends: .shvo
  variables:
    GIT_DEPTH: "0"
  script:
    - >-
      shvo audit --range "${CI_MERGE_REQUEST_DIFF_BASE_SHA:-HEAD~1}..HEAD" --format gitlab
      > gl-code-quality-audit.json
      || (shvo audit --range "${CI_MERGE_REQUEST_DIFF_BASE_SHA:-HEAD~1}..HEAD"; exit 1)
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-audit.json
"""

GITHUB_WORKFLOW = """\
# Checks the records on every pull request: findings appear as annotations on the changed
# files. Set the repository variable SHVO_PACKAGE to how shvo is installed here.
name: shvo
on:
  pull_request:
  push:
    branches: [main]
jobs:
  shvo:
    runs-on: ubuntu-latest
    env:
      SHVO_PACKAGE: ${{ vars.SHVO_PACKAGE || 'shvo' }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install --quiet "$SHVO_PACKAGE"
      - run: shvo validate --format github
      - if: github.event_name == 'pull_request'
        run: shvo audit --range "origin/${{ github.base_ref }}..HEAD" --format github
"""

README = """\
# SHVO records

Governance records of Samordnad hälsa, vård och omsorg (SHVO), kept with
[shvo](https://pypi.org/project/shvo/): the management plan, budget, request process,
population table, related systems, requests (ärenden) and decisions, as YAML in git.

    shvo validate          # every problem, at its file and line
    shvo request new       # register a request; shvo request --help for the rest
    shvo cycle status      # where the annual cycle stands

Start by replacing the members in `records/organisation.yaml` (they are fictional) and the
plan and budget with your own. `schemas/` holds the JSON Schemas; VS Code with the YAML
extension checks each record as you type (see `.vscode/settings.json`). Merge requests are
checked by `.gitlab-ci.yml` or `.github/workflows/shvo.yml`, and commits by pre-commit
(`.pre-commit-config.yaml`).
"""


@dataclass
class InitResult:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def planned_files() -> dict[str, bytes]:
    """Every file of a new repository, by path relative to it."""
    files: dict[str, bytes] = {"shvo.yaml": b"# shvo finds its records from here.\n"
                                            b"records: records\n"}
    starter = starter_dir()
    for name in FILE_KIND:
        files[f"records/{name}"] = (starter / name).read_bytes()
    for folder in STARTER_FOLDERS:
        for path in sorted((starter / folder).glob("*.yaml")):
            files[f"records/{folder}/{path.name}"] = path.read_bytes()
    for folder in ("requests", "decisions", "invoices"):
        files[f"records/{folder}/.gitkeep"] = b""
    for kind in KINDS:
        files[f"schemas/{kind}.schema.json"] = (schema_dir() / f"{kind}.schema.json"
                                                ).read_bytes()
    files[".pre-commit-config.yaml"] = PRE_COMMIT.encode()
    files[".gitlab-ci.yml"] = GITLAB_CI.encode()
    files[".github/workflows/shvo.yml"] = GITHUB_WORKFLOW.encode()
    settings = {"yaml.schemas": {f"./schemas/{kind}.schema.json": globs
                                 for kind, globs in SCHEMA_GLOBS.items()},
                "files.encoding": "utf8", "files.eol": "\n",
                "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2}}
    files[".vscode/settings.json"] = (json.dumps(settings, indent=2) + "\n").encode()
    files["README.md"] = README.encode()
    return files


def init(target: Path, *, force: bool = False) -> InitResult:
    """Lay out a new records repository in ``target``. A non-empty target needs ``force``,
    and even then no existing file is overwritten (each is reported as kept)."""
    if target.exists() and not target.is_dir():
        raise InitError(_("{target} exists and is not a folder").format(target=target))
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InitError(_("{target} is not empty; pass --force to add the missing files "
                          "(existing files are never overwritten)").format(target=target))
    result = InitResult()
    for rel, data in planned_files().items():
        path = target / rel
        if path.exists() or path.is_symlink():
            result.kept.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
        result.written.append(path)
    return result
