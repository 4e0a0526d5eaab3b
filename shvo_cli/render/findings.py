"""Findings in the formats people and machines read.

* ``text``: ``path:line:col: severity[CODE] message`` (yamllint, beancount), so editors and
  CI logs can jump to the place; then one summary line.
* ``json``: ``{"version": 1, "records": …, "files": n, "summary": {...}, "findings": [...]}``
  with each finding as {file, line, column, severity, code, message}. Documented, stable.
* ``github``: workflow commands (``::error file=…,line=…,col=…,title=…::message``) that
  GitHub Actions shows as annotations on the pull request.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from shvo_cli.checks.validate import ValidationResult
from shvo_cli.findings import CODES, Finding, title
from shvo_cli.i18n import _
from shvo_cli.paths import display_path, shared_path
from shvo_cli.privacy import redact
from shvo_cli.render.formats import Formats
from shvo_cli.render.table import Line, Page

T = TypeVar("T")


def text_line(f: Finding, cwd: Path | None = None) -> str:
    return (f"{display_path(f.file, cwd=cwd)}:{f.line}:{f.column}: "
            f"{f.severity.value}[{f.code}] {f.message}")


def summary_line(result: ValidationResult) -> str:
    files = (_("1 file checked") if result.files == 1
             else _("{count} files checked").format(count=result.files))
    errors = (_("1 error") if result.errors == 1
              else _("{count} errors").format(count=result.errors))
    warnings = (_("1 warning") if result.warnings == 1
                else _("{count} warnings").format(count=result.warnings))
    return _("{files}: {errors}, {warnings}").format(files=files, errors=errors,
                                                     warnings=warnings)


def as_json(result: ValidationResult, cwd: Path | None = None) -> str:
    payload = {
        "version": 1,
        "records": redact(str(result.root)),
        "files": result.files,
        "summary": {"errors": result.errors, "warnings": result.warnings},
        "findings": [
            {"file": display_path(f.file, cwd=cwd), "line": f.line, "column": f.column,
             "severity": f.severity.value, "code": f.code, "title": title(f.code),
             "message": f.message}
            for f in result.findings
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding, cwd: Path | None = None) -> str:
    level = "error" if f.severity.value == "error" else "warning"
    props = [f"file={_escape_property(display_path(f.file, cwd=cwd))}"]
    if f.line:
        props += [f"line={f.line}", f"col={f.column}"]
    props.append(f"title={_escape_property(f'{f.code} {title(f.code)}')}")
    return f"::{level} {','.join(props)}::{_escape_data(f.message)}"


def _fingerprint(f: Finding, shown: str) -> str:
    import hashlib

    key = f"{f.code}\0{shown}\0{f.line}\0{f.message}".encode()
    return hashlib.sha256(key).hexdigest()[:40]


def as_gitlab(findings: list[Finding], cwd: Path | None = None) -> str:
    """GitLab Code Quality report (a JSON array; ``artifacts:reports:codequality``)."""
    out = []
    for f in findings:
        shown = shared_path(f.file, cwd=cwd)
        out.append({
            "description": f"{f.code} {f.message}",
            "check_name": f.code,
            "fingerprint": _fingerprint(f, shown),
            "severity": "major" if f.severity.value == "error" else "minor",
            "location": {"path": shown, "lines": {"begin": max(f.line, 1)}},
        })
    return json.dumps(out, ensure_ascii=False, indent=2)


def as_sarif(findings: list[Finding], version: str, cwd: Path | None = None) -> str:
    """SARIF 2.1.0: one run, one rule per code that occurs, one result per finding."""
    used = sorted({f.code for f in findings})
    rules = [{"id": code, "name": code, "shortDescription": {"text": title(code)},
              "defaultConfiguration": {"level": CODES[code].severity.value}}
             for code in used]
    index = {code: i for i, code in enumerate(used)}
    results = []
    for f in findings:
        location: dict[str, object] = {"artifactLocation": {
            "uri": shared_path(f.file, cwd=cwd)}}
        if f.line:
            location["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
        results.append({"ruleId": f.code, "ruleIndex": index[f.code],
                        "level": f.severity.value, "message": {"text": f.message},
                        "locations": [{"physicalLocation": location}]})
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "shvo", "version": version,
                                         "rules": rules}},
                     "results": results}]}
    return json.dumps(log, ensure_ascii=False, indent=2)


def text_page(findings: Sequence[Finding]) -> Page:
    """One line per finding; on a terminal the ``severity[CODE]`` part is coloured."""
    return Page([Line(text_line(f), f.severity.value, f"{f.severity.value}[{f.code}]")
                 for f in findings])


def github_text(findings: Sequence[Finding]) -> str:
    return "".join(github_line(f) + "\n" for f in findings)


def sarif_text(findings: Sequence[Finding]) -> str:
    from shvo_cli import __version__

    return as_sarif(list(findings), __version__) + "\n"


def formats_of(findings: Callable[[T], Sequence[Finding]],
               as_json_text: Callable[[T], str]) -> dict[str, Callable[[T], str | Page]]:
    """The five formats of a run that yields findings (``validate``, ``audit``): text,
    github, gitlab and sarif from its findings, json its own document."""
    return {"text": lambda r: text_page(findings(r)),
            "json": lambda r: as_json_text(r) + "\n",
            "github": lambda r: github_text(findings(r)),
            "gitlab": lambda r: as_gitlab(list(findings(r))) + "\n",
            "sarif": lambda r: sarif_text(findings(r))}


def _findings(result: ValidationResult) -> list[Finding]:
    return result.findings


FORMATS: Formats = formats_of(_findings, as_json)
"""``shvo validate --format``: a :class:`ValidationResult` in each format."""
