"""Regenerate the code tables in docs/findings.md from shvo_cli.findings.CODES.

Run ``.venv/bin/python docs/make_findings.py`` after adding a code; the test suite fails
while a code is missing from the document.
"""

from __future__ import annotations

from pathlib import Path

from shvo_cli.findings import CODES

GROUPS = {
    "Y": "YAML — the file is not one plain YAML 1.2 document",
    "S": "Schema — the document does not have the shape of its kind (`schemas/`)",
    "R": "References — ids that must exist, or must be unique, across the records",
    "B": "Budget — the table must add up and follow its financing keys",
    "P": "Population — the county's 49 municipalities, once each, dated and summed",
    "F": "Process — the state machine in `process.yaml` must be sound",
    "H": "History — each request's history must be a legal walk of the process",
    "L": "Plan",
    "D": "Decisions — decision records and what they govern tell one story",
    "E": "Outages — driftstopp records (seed 6.4) tell one consistent story",
    "I": "Issued invoices — what was invoiced never changes (`records/invoices/`, `docs/finance.md`)",
    "O": "Outcome — the mapping from the financial system's accounts to budget lines",
    "N": "Patient data — never in a record file (values, comments or file names)",
    "A": "Audit — the records' git history against the process and the roles (`shvo audit`)",
}
START, END = "<!-- codes:start -->", "<!-- codes:end -->"


def tables() -> str:
    out: list[str] = []
    for prefix, title in GROUPS.items():
        out += [f"## {title}", "", "| code | severity | meaning |", "|---|---|---|"]
        out += [f"| {c} | {i.severity.value} | {i.title} |"
                for c, i in CODES.items() if c[0] == prefix]
        out.append("")
    return "\n".join(out)


def main() -> None:
    path = Path(__file__).resolve().parent / "findings.md"
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    path.write_text(f"{head}{START}\n{tables()}{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
