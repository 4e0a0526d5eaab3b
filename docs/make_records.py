"""Generate docs/records.md, the record formats, from the JSON Schemas in ``schemas/``.

Run ``.venv/bin/python docs/make_records.py`` after changing a schema; a test fails while the
document and the schemas disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shvo_cli.records.schemas import KINDS, load_schema

OUT = Path(__file__).resolve().parent / "records.md"
WHERE = {"organisation": "records/organisation.yaml", "process": "records/process.yaml",
         "systems": "records/systems.yaml", "plan": "records/plans/plan-YYYY.yaml",
         "budget": "records/budgets/budget-YYYY.yaml",
         "population": "records/population/population-YYYY-MM-DD.yaml",
         "request": "records/requests/REQ-YYYY-XXXXXX.yaml",
         "decision": "records/decisions/DEC-YYYY-XXXXXX.yaml",
         "service-levels": "records/settings/service-levels.yaml (optional)",
         "incident": "records/incidents/INC-YYYY-XXXXXX.yaml",
         "invoice": "records/invoices/invoice-YYYY-MM.yaml or credit-YYYY-MM-NN.yaml",
         "outcome": "records/outcome/outcome-mapping.yaml, records/outcome/outcome-YYYY.yaml",
         "utskrivningsklara": "records/utskrivningsklara/uk-price-YYYY.yaml, "
                              "uk-days-YYYY-MM.yaml"}


def _type(schema: dict[str, Any]) -> str:
    if "const" in schema:
        return f"`{schema['const']}`"
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    kind = schema.get("type", "")
    if kind == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if kind == "string" and schema.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if kind == "string" and "pattern" in schema:
        return f"text matching `{schema['pattern']}`"
    if kind == "object" and "properties" not in schema:
        return "mapping"
    return str(kind or "any")


def _rows(schema: dict[str, Any], prefix: str = "") -> list[str]:
    rows = []
    required = set(schema.get("required", []))
    for name, sub in schema.get("properties", {}).items():
        path = f"{prefix}{name}"
        desc = (sub.get("description") or "").replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{path}` | {'yes' if name in required else ''} | {_type(sub)} | "
                    f"{desc} |")
        target = sub.get("items", {}) if sub.get("type") == "array" else sub
        if target.get("type") == "object" and "properties" in target:
            rows += _rows(target, f"{path}{'[]' if sub.get('type') == 'array' else ''}.")
    return rows


def render() -> str:
    out = ["# Record formats", "",
           "Generated from `schemas/` by `docs/make_records.py`; do not edit by hand. Each",
           "record file names its schema on its first line",
           "(`# yaml-language-server: $schema=…`), so an editor checks it as you type.", ""]
    for kind in KINDS:
        schema = load_schema(kind)
        out += [f"## {schema.get('title', kind)} — `{kind}`", "",
                f"File: `{WHERE[kind]}`. {schema.get('description', '')}", "",
                "| field | required | type | meaning |", "|---|---|---|---|", *_rows(schema),
                ""]
    return "\n".join(out)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
