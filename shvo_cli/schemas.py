"""The JSON Schemas of the record kinds, and schema validation mapped back to YAML lines.

The schemas ship inside the package (``shvo_cli/schemas`` in a wheel, built from the
repository's top-level ``schemas/``), so a plain ``pip install`` validates without the
source tree. jsonschema-rs does the work: it reports every violation (not just the first)
under draft 2020-12 about a hundred times faster than the pure-Python validator, which is
what keeps ten thousand requests within seconds.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs

from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _
from shvo_cli.yamlfile import YamlDocument

KINDS = ("organisation", "process", "systems", "plan", "budget", "population", "request",
         "decision")


def schema_dir() -> Path:
    """Packaged schemas when installed from a wheel, else the repository's ``schemas/``."""
    packaged = resources.files("shvo_cli") / "schemas"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "schemas"


@cache
def load_schema(kind: str) -> dict[str, Any]:
    path = schema_dir() / f"{kind}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def _validator(kind: str) -> Any:
    return jsonschema_rs.Draft202012Validator(load_schema(kind), validate_formats=True)


def _dotted(path: list[str | int]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def validate_document(doc: YamlDocument, kind: str) -> list[Finding]:
    """Every schema violation of ``doc``, each at the line of the node it concerns."""
    out: list[Finding] = []
    validator = _validator(kind)
    if validator.is_valid(doc.data):
        return _decimal_findings(doc, set())
    for error in validator.iter_errors(doc.data):
        path = list(error.instance_path)
        where = _dotted(path)
        unexpected = getattr(error.kind, "unexpected", None)
        if unexpected:
            for name in unexpected:
                text = (_("{where}: field {name!r} is not allowed in a {kind} record") if where
                        else _("field {name!r} is not allowed in a {kind} record"))
                out.append(doc.at("S001", [*path, str(name)],
                                  text.format(where=where, name=name, kind=kind), key=True))
            continue
        # jsonschema-rs words its own messages (in English); shvo adds only a lead-in,
        # which a translation may extend ("schemafel: …").
        message = error.message
        text = _("{where}: {schema_message}") if where else _("{schema_message}")
        out.append(doc.at("S001", path, text.format(where=where, schema_message=message)))
    return out + _decimal_findings(doc, {(f.line, f.column) for f in out})


def _decimal_findings(doc: YamlDocument, reported: set[tuple[int, int]]) -> list[Finding]:
    """Decimal numbers the schema let through (``1.0`` counts as an integer in JSON Schema)
    or did not reach; records hold whole numbers only."""
    out = []
    for node in doc.floats:
        m: Any = node.start_mark
        if (m.line + 1, m.column + 1) in reported:
            continue
        out.append(finding("S001", doc.path, m.line + 1, m.column + 1,
                           _("{value} is a decimal number; records use whole numbers "
                             "(kronor, percent, inhabitants): write it without decimals")
                           .format(value=node.value)))
    return out
