"""``shvo init``: a new records repository that validates straight away.

It holds a starter organisation, process, related systems, plan, budget and population copied
from the records shipped with shvo (not the example requests and decisions), the JSON Schemas
(so editors check records as they are typed), and the files that make the repository fit
where SHVO staff work: pre-commit, GitLab CI and GitHub Actions running ``shvo validate`` and
``shvo audit`` on merge requests with their native annotation formats (the audit of a merge
request reads only its commits; the whole history is audited nightly), and VS Code settings
mapping each record folder to its schema. Files that exist are never overwritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.layout import FILE_KIND, FOLDER_KIND, KIND_FOLDER
from shvo_cli.records.schemas import KINDS, schema_dir
from shvo_cli.store.files import atomic_write

STARTER_FOLDERS = tuple(KIND_FOLDER[kind] for kind in ("plan", "budget", "population"))
"""Folders copied from the starter records; requests and decisions start empty."""


class InitError(ShvoError):
    """The target cannot be made a records repository as asked; nothing was written."""


def starter_dir() -> Path:
    """The records shipped inside the package (a wheel), else the repository's ``records/``."""
    packaged = resources.files("shvo_cli") / "starter_records"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "records"


SCHEMA_GLOBS = {
    **{kind: [f"records/{name}"] for name, kind in FILE_KIND.items()},
    **{kind: [f"records/{folder}/*.yaml"] for folder, kind in FOLDER_KIND.items()},
}

PRE_COMMIT = """\
# Runs shvo before every commit (https://pre-commit.com). shvo must be installed where git
# runs (pip install "$SHVO_PACKAGE", as in the CI files); to pin a version instead, point a
# `repo:` entry at the shvo repository (with `rev:` a tag or commit), which ships a
# .pre-commit-hooks.yaml with the hook id shvo-validate.
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
# Quality widget. SHVO_PACKAGE is where shvo is installed from: a pinned git URL of the shvo
# repository ("shvo @ git+https://…/shvo.git@<tag or commit>") or a wheel's URL; never a bare
# name, which the public package index could answer with someone else's package. To install
# from your organisation's mirror, set the CI/CD variable PIP_INDEX_URL to it and
# SHVO_PACKAGE to the pinned version published there ("shvo==0.1.0").
variables:
  SHVO_PACKAGE: "@SHVO_PACKAGE@"

stages: [check]

.shvo:
  stage: check
  image: python:3.11
  before_script:
    - test -n "$SHVO_PACKAGE" || (echo "Set SHVO_PACKAGE (see the top of this file)"; exit 1)
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

# The audit of a merge request reads only the commits it adds (a push to the default
# branch: the last commit), so it takes seconds however long the history grows. What came
# before is the target branch, which the nightly job below audits whole.
shvo-audit:
  extends: .shvo
  variables:
    GIT_DEPTH: "0"
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
      when: never
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - >-
      shvo audit --range "${CI_MERGE_REQUEST_DIFF_BASE_SHA:-HEAD~1}..HEAD" --format gitlab
      > gl-code-quality-audit.json
      || (shvo audit --range "${CI_MERGE_REQUEST_DIFF_BASE_SHA:-HEAD~1}..HEAD"; exit 1)
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-audit.json

# Nightly, the whole history: it finds what no merge request's audit can see, such as
# history rewritten after it was audited (a force-push) or a commit that never went through
# a merge request, and it judges every commit by today's shvo. At 50 000 commits it takes
# about as long as git log itself. Add a pipeline schedule for it on the default branch
# (Build > Pipeline schedules, e.g. "0 2 * * *").
shvo-audit-nightly:
  extends: .shvo
  variables:
    GIT_DEPTH: "0"
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule"
  script:
    - shvo audit --format gitlab > gl-code-quality-audit.json || (shvo audit --quiet; exit 1)
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-audit.json
"""

GITHUB_WORKFLOW = """\
# Checks the records on every pull request: findings appear as annotations on the changed
# files. SHVO_PACKAGE is where shvo is installed from: a pinned git URL of the shvo repository
# ("shvo @ git+https://…/shvo.git@<tag or commit>") or a wheel's URL, here or as the
# repository variable SHVO_PACKAGE; never a bare name, which the public package index could
# answer with someone else's package. For your organisation's mirror, set the repository
# variable PIP_INDEX_URL and SHVO_PACKAGE to the pinned version published there.
name: shvo
on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "17 2 * * *"  # nightly: the whole history (see the last step)
  workflow_dispatch:
jobs:
  shvo:
    runs-on: ubuntu-latest
    env:
      SHVO_PACKAGE: ${{ vars.SHVO_PACKAGE || '@SHVO_PACKAGE@' }}
      PIP_INDEX_URL: ${{ vars.PIP_INDEX_URL }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: test -n "$SHVO_PACKAGE" || (echo "Set SHVO_PACKAGE (see the comment above)"; exit 1)
      - run: pip install --quiet "$SHVO_PACKAGE"
      - run: shvo validate --format github
      # A pull request's audit reads only the commits it adds: seconds, however long the
      # history grows. What came before is the base branch, audited whole every night.
      - if: github.event_name == 'pull_request'
        run: shvo audit --range "origin/${{ github.base_ref }}..HEAD" --format github
      # Nightly (and on demand), the whole history: it finds what no pull request's audit
      # can see, such as history rewritten after it was audited (a force-push) or a commit
      # pushed without a pull request, and judges every commit by today's shvo. At 50 000
      # commits it takes about as long as git log itself.
      - if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
        run: shvo audit --format github
"""

README = """\
# SHVO records

Governance records of Samordnad hälsa, vård och omsorg (SHVO), kept with
shvo: the management plan, budget, request process,
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


def install_spec() -> str:
    """Where CI installs shvo from: the source of the shvo running ``init``, as pip recorded
    it (PEP 610 ``direct_url.json``) when that is a pinned git commit or a wheel's URL; else
    empty, and the CI job stops asking for it. Never the bare name "shvo": nothing says the
    public package index's "shvo" is this project."""
    import json
    from importlib import metadata

    try:
        raw = metadata.distribution("shvo").read_text("direct_url.json")
        origin = json.loads(raw) if raw else {}
    except (metadata.PackageNotFoundError, ValueError):
        return ""
    url = origin.get("url", "") if isinstance(origin, dict) else ""
    if not isinstance(url, str) or url.startswith("file:"):
        return ""  # a local checkout or wheel: CI cannot reach it
    vcs = origin.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"shvo @ git+{url}@{vcs['commit_id']}"
    if "archive_info" in origin and url.endswith(".whl"):
        return f"shvo @ {url}"
    return ""


@dataclass
class InitResult:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def as_draft(path: Path, data: bytes) -> bytes:
    """The starter plan as a draft: the bundled one is adopted by an example decision, which a
    new repository does not get (it starts without example requests and decisions)."""
    from shvo_cli.yamlio.edit import Editor

    ed = Editor(path, data.decode("utf-8"))
    ed.set(["status"], "draft")
    ed.set(["adoption", "date"], None)
    ed.set(["adoption", "decision"], None)
    ed.verify()
    return ed.result().encode("utf-8")


def planned_files() -> dict[str, bytes]:
    """Every file of a new repository, by path relative to it."""
    files: dict[str, bytes] = {"shvo.yaml": b"# shvo finds its records from here.\n"
                                            b"records: records\n"}
    starter = starter_dir()
    for name in FILE_KIND:
        files[f"records/{name}"] = (starter / name).read_bytes()
    for folder in STARTER_FOLDERS:
        for path in sorted((starter / folder).glob("*.yaml")):
            data = path.read_bytes()
            files[f"records/{folder}/{path.name}"] = as_draft(path, data) \
                if folder == KIND_FOLDER["plan"] else data
    for folder in (KIND_FOLDER["request"], KIND_FOLDER["decision"], KIND_FOLDER["invoice"]):
        files[f"records/{folder}/.gitkeep"] = b""
    for kind in KINDS:
        files[f"schemas/{kind}.schema.json"] = (schema_dir() / f"{kind}.schema.json"
                                                ).read_bytes()
    files[".pre-commit-config.yaml"] = PRE_COMMIT.encode()
    spec = install_spec()
    files[".gitlab-ci.yml"] = GITLAB_CI.replace("@SHVO_PACKAGE@", spec).encode()
    files[".github/workflows/shvo.yml"] = GITHUB_WORKFLOW.replace("@SHVO_PACKAGE@",
                                                                  spec).encode()
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
