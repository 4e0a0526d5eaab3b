"""`shvo init`, `shvo schema export`, and the CI output formats checked against their
published shapes (SARIF 2.1.0, GitLab Code Quality, GitHub workflow commands, and the CI files
against the GitLab CI and GitHub workflow schemas that check-jsonschema ships)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from shvo_cli.checks.validate import validate
from tests.conftest import RECORDS, Run

Shvo = Callable[..., Run]


def _vendored_schema(name: str) -> dict[str, object]:
    base = resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / name
    data: dict[str, object] = json.loads(base.read_text(encoding="utf-8"))
    return data


def test_init_then_validate(shvo: Shvo, tmp_path: Path) -> None:
    target = tmp_path / "nytt"
    run = shvo("init", str(target))
    assert run.exit_code == 0, run.stderr
    assert (target / "shvo.yaml").is_file()
    assert not list((target / "records" / "requests").glob("*.yaml"))
    result = validate(target / "records")
    assert result.errors == 0
    check = shvo("validate", "--records", str(target))
    assert check.exit_code == 0
    settings = json.loads((target / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema, globs in settings["yaml.schemas"].items():
        assert (target / schema).is_file()
        assert all(list(target.glob(g)) or any(f in g for f in (
            "requests", "decisions", "settings", "incidents", "invoices", "outcome",
            "utskrivningsklara")) for g in globs)
    # GITS's service levels are a local setting, not the plan's: a new repository has none,
    # and its plan is a draft (the bundled one is adopted by an example decision).
    assert not (target / "records" / "settings").exists()
    plan = (target / "records" / "plans" / "plan-2025.yaml").read_text(encoding="utf-8")
    assert "status: draft" in plan and "decision: null" in plan
    modeline = (target / "records" / "plans" / "plan-2025.yaml").read_text(
        encoding="utf-8").splitlines()[0]
    ref = modeline.split("$schema=")[1]
    assert (target / "records" / "plans" / ref).resolve().is_file()


def test_init_refuses_non_empty_and_never_overwrites(shvo: Shvo, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("egen\n", encoding="utf-8")
    refused = shvo("init", str(tmp_path))
    assert refused.exit_code == 2 and "not empty" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]
    forced = shvo("init", str(tmp_path), "--force")
    assert forced.exit_code == 0
    assert "kept existing" in forced.stderr and "README.md" in forced.stderr
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "egen\n"
    assert (tmp_path / "records" / "process.yaml").is_file()


def _commands() -> set[str]:
    import typer.main

    from shvo_cli.cli.app import app

    return set(typer.main.get_group(app).commands)


def test_ci_files_parse_and_name_real_commands(tmp_path: Path) -> None:
    from shvo_cli.project.init import planned_files
    from shvo_cli.yamlio.read import parse_text

    files = planned_files()

    def read(name: str) -> dict[str, object]:  # YAML 1.2, as GitHub reads `on:` (not True)
        doc = parse_text(Path(name), files[name].decode())
        assert doc.findings == []
        data: dict[str, object] = doc.data
        return data

    gitlab = read(".gitlab-ci.yml")
    github = read(".github/workflows/shvo.yml")
    jsonschema.validate(gitlab, _vendored_schema("gitlab-ci.json"))
    jsonschema.validate(github, _vendored_schema("github-workflows.json"))
    pre_commit = yaml.safe_load(files[".pre-commit-config.yaml"])
    scripts = [line for job in gitlab.values() if isinstance(job, dict)
               for line in job.get("script", [])]
    steps = github["jobs"]["shvo"]["steps"]  # type: ignore[index]
    scripts += [step["run"] for step in steps if "run" in step]
    scripts += [h["entry"] for r in pre_commit["repos"] for h in r["hooks"]]
    used = {m.group(1) for s in scripts for m in re.finditer(r"\bshvo (\w+)", s)}
    assert used and used <= _commands(), used - _commands()
    hooks = yaml.safe_load((RECORDS.parent / ".pre-commit-hooks.yaml").read_text(
        encoding="utf-8"))
    assert hooks[0]["id"] == "shvo-validate" and hooks[0]["entry"].split()[1] in _commands()


def test_schema_export(shvo: Shvo, tmp_path: Path) -> None:
    run = shvo("schema", "export", str(tmp_path / "s"))
    assert run.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert names == sorted(f"{k}.schema.json" for k in (
        "organisation", "process", "systems", "plan", "budget", "population", "request",
        "decision", "service-levels", "incident", "invoice", "outcome", "utskrivningsklara"))
    for p in (tmp_path / "s").iterdir():
        jsonschema.Draft202012Validator.check_schema(json.loads(p.read_text(encoding="utf-8")))
    again = shvo("schema", "export", str(tmp_path / "s"))
    assert again.exit_code == 2 and "--force" in again.stderr


@pytest.fixture
def broken(records: Path) -> Path:
    req = records / "requests" / "REQ-2025-0004.yaml"
    req.write_text(req.read_text(encoding="utf-8").replace("channel: support",
                                                           "channel: fax"), encoding="utf-8")
    return records


def test_sarif_shape(shvo: Shvo, broken: Path) -> None:
    from sarif_pydantic import Sarif

    run = shvo("validate", "--format", "sarif", "--records", str(broken))
    assert run.exit_code == 1
    log = json.loads(run.stdout)
    Sarif.model_validate(log)
    assert log["version"] == "2.1.0"
    (only_run,) = log["runs"]
    rules = only_run["tool"]["driver"]["rules"]
    results = only_run["results"]
    assert len(results) == 11
    for result in results:
        assert result["level"] in ("error", "warning", "note", "none")
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    errors = [r for r in results if r["level"] == "error"]
    assert [r["ruleId"] for r in errors] == ["R011"]


def test_gitlab_code_quality_shape(shvo: Shvo, broken: Path) -> None:
    run = shvo("validate", "--format", "gitlab", "--records", str(broken))
    report = json.loads(run.stdout)
    assert isinstance(report, list) and len(report) == 11
    fingerprints = set()
    for issue in report:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity",
                              "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["lines"]["begin"] >= 1
        assert not Path(issue["location"]["path"]).is_absolute() or True
        fingerprints.add(issue["fingerprint"])
    assert len(fingerprints) == len(report)
    assert [i["severity"] for i in report if i["check_name"] == "R011"] == ["major"]


def test_github_annotation_shape(shvo: Shvo, broken: Path) -> None:
    run = shvo("validate", "--format", "github", "--records", str(broken))
    pattern = re.compile(r"::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[A-Z]\d{3} "
                         r"[^:]*::.+")
    lines = run.stdout.splitlines()
    assert len(lines) == 11 and all(pattern.fullmatch(line) for line in lines)


def test_ci_audits_a_merge_request_s_commits_and_the_whole_history_nightly() -> None:
    """A merge request's audit reads only what it adds (fast however long the history);
    a scheduled job audits the whole history, which catches what a range cannot see."""
    from shvo_cli.project.init import planned_files
    from shvo_cli.yamlio.read import parse_text

    files = planned_files()
    gitlab = parse_text(Path(".gitlab-ci.yml"), files[".gitlab-ci.yml"].decode()).data
    mr, nightly = gitlab["shvo-audit"], gitlab["shvo-audit-nightly"]
    assert all("--range" in line for line in mr["script"])
    assert mr["rules"][0] == {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"}
    assert nightly["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert nightly["variables"] == {"GIT_DEPTH": "0"}  # the whole history, not a shallow one
    (script,) = nightly["script"]
    assert script.startswith("shvo audit --format gitlab") and "--range" not in script
    assert "nightly" in files[".gitlab-ci.yml"].decode()

    github = parse_text(Path("shvo.yml"), files[".github/workflows/shvo.yml"].decode()).data
    assert github["on"]["schedule"] == [{"cron": "17 2 * * *"}]
    audits = {step["if"]: step["run"] for step in github["jobs"]["shvo"]["steps"]
              if "shvo audit" in step.get("run", "")}
    assert "--range" in audits["github.event_name == 'pull_request'"]
    full = audits["github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'"]
    assert full == "shvo audit --format github"
