"""What one record file is, found from its bytes and its place alone: its per-file findings
(identity numbers, kind, schema, names, text lengths, ids within lists) and what the loader
needs to know of it. Nothing here looks at another file, which is what lets the parse cache
keep the outcome by the file's content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _
from shvo_cli.privacy import find_identity_numbers
from shvo_cli.records.doclocal import check_document
from shvo_cli.records.layout import SINGLETONS, expected_kind
from shvo_cli.records.schemas import KINDS, validate_document
from shvo_cli.yamlio.read import YamlDocument


def identity_findings(doc: YamlDocument) -> list[Finding]:
    """Personal identity numbers in the raw text (values and comments: both land in git)."""
    out = []
    for hit in find_identity_numbers(doc.text):
        code = "N001" if hit.kind == "personnummer" else "N002"
        out.append(finding(code, doc.path, hit.line, hit.column,
                           _("a valid {kind} is written here; records must never hold "
                             "patient data (the number is not repeated in this message)")
                           .format(kind=hit.kind)))
    return out


@dataclass(slots=True)
class Assessment:
    """What one file is, found from its bytes and place alone (so it can be cached): its
    findings, the kind to build a model object from (None when it must stay out of the
    model), and what its failure tells the cross-record checks."""

    findings: list[Finding]
    build: str | None = None
    seen_kind: str | None = None
    broken_kind: str | None = None
    broken_id: str | None = None
    broken_plan_year: int | None = None

    def facts(self) -> tuple[str | int | None, ...]:
        return (self.build, self.seen_kind, self.broken_kind, self.broken_id,
                self.broken_plan_year)


def assess(root: Path, doc: YamlDocument) -> Assessment:
    """Check one parsed document on its own: names, identity numbers, kind and schema."""
    found = list(doc.findings)
    try:
        rel = doc.path.relative_to(root).as_posix()
    except ValueError:
        rel = str(doc.path)
    if find_identity_numbers(rel):
        found.append(finding(
            "N001", doc.path, 0, 0, _("the file's name or folder holds a personnummer or "
                                      "samordningsnummer; file names land in git too: "
                                      "rename it")))
    if doc.text:
        found.extend(identity_findings(doc))
    found.extend(check_document(doc))
    expected = expected_kind(root, doc.path)
    if doc.data is None:
        return Assessment(found, broken_kind=expected)
    kind = doc.data.get("kind")
    if kind not in KINDS:
        if kind is not None:
            text = (_("unknown record kind {kind!r}; files here are '{expected}' records")
                    if expected else _("unknown record kind {kind!r}"))
        else:
            text = (_("missing 'kind' field; files here are '{expected}' records")
                    if expected else _("missing 'kind' field"))
        found.append(doc.at("S002", ["kind"] if "kind" in doc.data else [],
                            text.format(kind=kind, expected=expected), key=True))
        return Assessment(found, broken_kind=expected)
    if expected is not None and kind != expected:
        found.append(doc.at(
            "S003", ["kind"], _("a {kind} record in a place for {expected} records").format(
                kind=kind, expected=expected), key=True))
    schema_findings = validate_document(doc, kind)
    record_id = doc.data.get("id")
    if schema_findings:
        found.extend(schema_findings)
        year = doc.data.get("year")
        return Assessment(
            found, seen_kind=kind,
            broken_kind=kind if kind in SINGLETONS or (kind == "plan" and not isinstance(
                year, int)) else None,
            broken_id=record_id if isinstance(record_id, str) else None,
            broken_plan_year=year if kind == "plan" and isinstance(year, int) else None)
    if isinstance(record_id, str) and doc.path.stem != record_id:
        found.append(doc.at(
            "S004", ["id"], _("file is named {name} but holds {id}; name it {id}{suffix}")
            .format(name=doc.path.name, id=record_id, suffix=doc.path.suffix), key=True))
    return Assessment(found, build=kind, seen_kind=kind)
