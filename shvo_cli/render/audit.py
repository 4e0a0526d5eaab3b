"""Audit results and request timelines as text and JSON (findings as ``validate`` prints
them: the same line format, the same GitHub annotations)."""

from __future__ import annotations

import json
from typing import Any

from shvo_cli.audit.history import Commit
from shvo_cli.audit.request_log import RequestLog
from shvo_cli.audit.run import AuditResult
from shvo_cli.findings import CODES, Finding
from shvo_cli.i18n import N_, _
from shvo_cli.paths import display_path
from shvo_cli.privacy import redact
from shvo_cli.render.findings import formats_of, text_line
from shvo_cli.render.formats import Formats

TRUSTED = {
    "author": N_("identities trusted: each commit's author as written (unsigned, so "
                 "self-asserted; --require-signed trusts verified signers only)"),
    "signer": N_("identities trusted: the verified signer of each commit (authors are not "
                 "trusted)"),
}
"""What the audit trusts, by ``AuditResult.trusted`` (the JSON value; translated when shown)."""

COMMITS = (N_("{count} commit"), N_("{count} commits"))
ERRORS = (N_("{count} error"), N_("{count} errors"))
WARNINGS = (N_("{count} warning"), N_("{count} warnings"))


def _n(count: int, forms: tuple[str, str]) -> str:
    """``count`` with its noun, singular or plural, in the run's language."""
    return _(forms[0] if count == 1 else forms[1]).format(count=count)


def summary_line(result: AuditResult) -> str:
    span = f"{result.base[:10]}..{result.tip[:10]}" if result.base \
        else _("all history to {tip}").format(tip=result.tip[:10])
    return _("{commits} walked ({span}), {checked} changed the records: {errors}, "
             "{warnings}; {trusted}").format(
        commits=_n(result.walked, COMMITS), span=span, checked=result.checked,
        errors=_n(result.errors, ERRORS), warnings=_n(result.warnings, WARNINGS),
        trusted=_(TRUSTED[result.trusted]))


def _finding(f: Finding, commit: str | None) -> dict[str, Any]:
    return {"file": display_path(f.file), "line": f.line, "column": f.column,
            "severity": f.severity.value, "code": f.code, "title": CODES[f.code].title,
            "message": f.message, "commit": commit}


def as_json(result: AuditResult) -> str:
    payload = {
        "version": 1,
        "records": redact(str(result.root)),
        "range": {"base": result.base, "tip": result.tip},
        "commits": {"walked": result.walked, "changed_records": result.checked},
        "trusted": result.trusted,
        "summary": {"errors": result.errors, "warnings": result.warnings},
        "findings": [_finding(a.finding, a.commit) for a in result.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _person(c: Commit) -> dict[str, Any]:
    return {"author": {"name": c.author.name, "email": c.author.email,
                       "date": c.author.when.isoformat()},
            "committer": {"name": c.committer.name, "email": c.committer.email,
                          "date": c.committer.when.isoformat()}}


VERDICT = {"G": N_("good"), "U": N_("good, key of unknown trust"), "B": N_("BAD"),
           "E": N_("cannot be checked"), "X": N_("expired"), "Y": N_("expired key"),
           "R": N_("revoked key")}
"""git's signature status letters, as the request log shows them."""


def _signature(c: Commit) -> str:
    s = c.signature
    if s is None or s.status == "N":
        return _("none")
    verdict = _(VERDICT[s.status]) if s.status in VERDICT else s.status
    if s.signer:
        return _("{verdict} ({status}) by {signer}").format(verdict=verdict, status=s.status,
                                                           signer=s.signer)
    return f"{verdict} ({s.status})"


def _step(entry: dict[str, Any], index: int) -> str:
    if entry.get("transition"):
        return str(entry["transition"])
    return "new" if index == 0 else "edit" if entry.get("edited") else "note"


def _by(entry: dict[str, Any]) -> str:
    by = entry.get("by") or {}
    return f"{by.get('person')} ({by.get('role')})" if isinstance(by, dict) else "?"


CHANGE = {"added": N_("added"), "changed": N_("changed"), "deleted": N_("deleted")}
"""A commit's change to the file (the JSON ``change`` value), as the timeline shows it."""


def log_text(log: RequestLog) -> str:
    roots = {e.commit.sha for e in log.events if not e.commit.parents}
    labels = {"author": _("author"), "committer": _("committer"),
              "signature": _("signature"), "trailers": _("trailers")}
    width = max(10, *(len(v) for v in labels.values()))

    def field(name: str, value: str) -> str:
        return f"      {labels[name]:<{width}} {value}"

    out = [f"{log.request_id}  {display_path(log.path)}",
           _("Identities: each commit's author as written (unsigned, so self-asserted; "
             "--require-signed trusts verified signers only)"), "",
           _("Commits that changed the file (oldest first):")]
    for e in log.events:
        c = e.commit
        status = _(CHANGE[e.status]) if e.status in CHANGE else e.status
        move = f"{e.before or '—'} → {e.after or '—'}" if e.status != "deleted" \
            else _(CHANGE["deleted"])
        out.append(f"  {c.short}  {c.committer.when:%Y-%m-%d %H:%M %z}  {status:<8} {move}")
        out.append(field("author", str(c.author)))
        if (c.committer.email, c.committer.name) != (c.author.email, c.author.name):
            out.append(field("committer", _("{committer}  (not the author)").format(
                committer=c.committer)))
        out.append(field("signature", _signature(c)))
        trailers = ", ".join(f"{k.removeprefix('Shvo-').lower()} {v}"
                             for k, v in c.trailers.items())
        out.append(field("trailers", trailers or _("none (not made by shvo)")))
        for index, line, entry in e.entries:
            out.append("      " + _("entry {number:<4} {date}  {step} → {to}  by {by}  (line "
                                    "{line})").format(
                number=index + 1, date=entry.get("date"), step=_step(entry, index),
                to=entry.get("to"), by=_by(entry), line=line))
        out += [f"      ! {f.severity.value}[{f.code}] {f.message}" for f in e.findings]
    out += ["", _("History in the file:")]
    for le in log.entries:
        if not le.committed:
            where = _("NOT COMMITTED")
        elif le.origin is None:
            where = _("commit unknown")
        elif le.origin[0] in roots:
            where = _("{commit} (import baseline)").format(commit=le.origin[0][:10])
        else:
            where = le.origin[0][:10]
        out.append(f"  {le.index + 1:>3}  {le.data.get('date')}  {_step(le.data, le.index):<22}"
                   f" → {le.data.get('to')!s:<16} {_by(le.data):<40} {where}")
    if log.notes:
        out += ["", _("Notes:")] + [f"  ! {n}" for n in log.notes]
    findings = [f for e in log.events for f in e.findings]
    errors = sum(1 for f in findings if f.severity.value == "error")
    out += ["", f"{_n(len(log.events), COMMITS)}: {_n(errors, ERRORS)}, "
            f"{_n(len(findings) - errors, WARNINGS)}"]
    return "\n".join(out) + "\n"


def log_json(log: RequestLog) -> str:
    roots = {e.commit.sha for e in log.events if not e.commit.parents}
    payload = {
        "version": 1,
        "request": log.request_id,
        "file": display_path(log.path),
        "trusted": "author",
        "commits": [{
            "commit": e.commit.sha, "parents": list(e.commit.parents), **_person(e.commit),
            "signature": None if e.commit.signature is None else {
                "status": e.commit.signature.status, "signer": e.commit.signature.signer,
                "key": e.commit.signature.key},
            "subject": redact(e.commit.subject), "trailers": e.commit.trailers,
            "change": e.status, "from": e.before, "to": e.after,
            "entries": [{"index": i, "line": line, "entry": entry}
                        for i, line, entry in e.entries],
            "findings": [_finding(f, e.commit.sha) for f in e.findings],
        } for e in log.events],
        "history": [{"index": le.index, "entry": le.data, "committed": le.committed,
                     "commit": le.origin[0] if le.origin else None,
                     "baseline": bool(le.origin and le.origin[0] in roots)}
                    for le in log.entries],
        "notes": log.notes,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n"


def _findings(result: AuditResult) -> list[Finding]:
    return [a.finding for a in result.findings]


def _as_json(result: AuditResult) -> str:
    return as_json(result)


FORMATS: Formats = formats_of(_findings, _as_json)
"""``shvo audit --format``: the result in the formats ``validate`` has."""

LOG_FORMATS: Formats = {"text": log_text, "json": log_json}
"""``shvo request log --format``."""

__all__ = ["FORMATS", "LOG_FORMATS", "as_json", "log_json", "log_text", "summary_line",
           "text_line"]
