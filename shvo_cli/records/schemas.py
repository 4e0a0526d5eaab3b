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

from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import N_, _
from shvo_cli.yamlio.read import YamlDocument

KINDS = ("organisation", "process", "systems", "plan", "budget", "population", "request",
         "decision", "service-levels", "incident", "invoice", "outcome",
         "utskrivningsklara")


def schema_dir() -> Path:
    """Packaged schemas when installed from a wheel, else the repository's ``schemas/``."""
    packaged = resources.files("shvo_cli") / "schemas"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "schemas"


@cache
def load_schema(kind: str) -> dict[str, Any]:
    path = schema_dir() / f"{kind}.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def _validator(kind: str) -> Any:
    # Imported here: a run whose files all come from the parse cache never checks a schema.
    import jsonschema_rs

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
        message = _own_words(error) or error.message
        text = _("{where}: {schema_message}") if where else _("{schema_message}")
        out.append(doc.at("S001", path, text.format(where=where, schema_message=message)))
    return out + _decimal_findings(doc, {(f.line, f.column) for f in out})


_TYPE_NAMES = {"string": N_("text"), "integer": N_("a whole number"),
               "array": N_("a list"), "object": N_("a mapping of fields"),
               "boolean": N_("true or false"), "null": N_("null"), "number": N_("a number")}


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _own_words(error: Any) -> str | None:
    """shvo's wording, in the run's language, for the violations people make most; other
    kinds keep jsonschema-rs's English message behind the translated lead-in."""
    kind = error.kind
    name = type(kind).__name__
    value = getattr(error, "instance", None)
    if name == "Required":
        return _("the required field {field!r} is missing").format(
            field=getattr(kind, "property", "?"))
    if name == "Enum":
        options = getattr(kind, "options", None) or []
        return _("{value} is not one of {options}").format(
            value=_shown(value), options=", ".join(str(o) for o in options))
    if name == "Type":
        types = getattr(kind, "types", None) or []
        wanted = _(" or ").join(_(_TYPE_NAMES.get(t, t)) for t in types)
        return _("{value} should be {wanted}").format(value=_shown(value), wanted=wanted)
    if name == "Format" and getattr(kind, "format", None) == "date":
        return _("{value} is not a date (YYYY-MM-DD)").format(value=_shown(value))
    if name == "Pattern":
        return _("{value} does not have the required form ({pattern})").format(
            value=_shown(value), pattern=getattr(kind, "pattern", "?"))
    if name in ("MinItems", "MinLength") and getattr(kind, "limit", None) == 1:
        return _("must not be empty")
    if name == "Minimum":
        return _("{value} is less than {limit}").format(value=_shown(value),
                                                       limit=getattr(kind, "limit", "?"))
    return None


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
