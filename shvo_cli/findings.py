"""Problems in records as values: every check returns findings, none raises.

One run reports every problem in every file (beancount's loader returns ``(entries, errors)``).
Codes are stable: scripts, CI annotations and the documentation table depend on them, so a
code is never reused for another meaning. ``CODES`` is the one table of them; ``docs`` and the
tests read it, so a code cannot be used without being documented.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from shvo_cli.i18n import N_, _


class Severity(StrEnum):
    """How bad a finding is. Errors fail ``validate``; warnings fail only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What a code means, for the documentation table and for ``--format json`` consumers."""

    severity: Severity
    title: str


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, CodeInfo] = {
    # YAML: the file could not be read as one plain YAML 1.2 document.
    "Y001": CodeInfo(E, N_("YAML syntax error")),
    "Y002": CodeInfo(E, N_("duplicate mapping key")),
    "Y003": CodeInfo(E, N_("tab character in indentation")),
    "Y004": CodeInfo(E, N_("file is not valid UTF-8")),
    "Y005": CodeInfo(E, N_("YAML anchor or alias")),
    "Y006": CodeInfo(E, N_("explicit YAML tag")),
    "Y007": CodeInfo(E, N_("nesting too deep")),
    "Y008": CodeInfo(E, N_("file too large")),
    "Y009": CodeInfo(E, N_("mapping key is not a string")),
    "Y010": CodeInfo(E, N_("more than one YAML document in a file")),
    "Y011": CodeInfo(E, N_("file is empty or not a mapping")),
    "Y012": CodeInfo(E, N_("file cannot be read")),
    "Y013": CodeInfo(E, N_("invisible Unicode line separator")),
    "Y014": CodeInfo(E, N_("control or invisible character in a value")),
    # Schema: the document does not have the shape of its kind.
    "Y015": CodeInfo(E, N_("link leading out of the records folder (not followed)")),
    "S001": CodeInfo(E, N_("schema violation")),
    "S002": CodeInfo(E, N_("unknown or missing record kind")),
    "S003": CodeInfo(W, N_("record kind does not belong in this folder")),
    "S004": CodeInfo(W, N_("file name does not match the record id")),
    "S010": CodeInfo(E, N_("text longer than its field allows")),
    # References between records.
    "R001": CodeInfo(E, N_("duplicate id")),
    "R002": CodeInfo(E, N_("unknown plan assignment")),
    "R003": CodeInfo(E, N_("unknown related system")),
    "R004": CodeInfo(E, N_("unknown body or role")),
    "R005": CodeInfo(E, N_("unknown subregion")),
    "R006": CodeInfo(E, N_("unknown decision")),
    "R007": CodeInfo(E, N_("unknown request")),
    "R008": CodeInfo(E, N_("category differs from the assignment's category")),
    "R009": CodeInfo(E, N_("required record missing or given twice")),
    "R010": CodeInfo(E, N_("no plan or budget for the year")),
    "R011": CodeInfo(E, N_("unknown channel")),
    "R012": CodeInfo(E, N_("unknown municipality")),
    "R013": CodeInfo(E, N_("setting names an unknown state or body")),
    "R014": CodeInfo(E, N_("line break or tab in a one-line field")),
    # Budget and financing keys.
    "B001": CodeInfo(W, N_("stated total differs from the sum of the lines")),
    "B002": CodeInfo(W, N_("stated split differs from the financing key's split")),
    "B003": CodeInfo(W, N_("stated split matches no financing key")),
    "B004": CodeInfo(E, N_("stated parts do not add up to the line amount")),
    "B005": CodeInfo(E, N_("financing key shares do not sum to 100 %")),
    "B006": CodeInfo(E, N_("unknown financing key or party")),
    "B010": CodeInfo(E, N_("budget amendment does not rest on a valid decision")),
    # Population table.
    "P001": CodeInfo(E, N_("municipality code not in the county")),
    "P002": CodeInfo(E, N_("duplicate municipality code")),
    "P003": CodeInfo(E, N_("municipality missing from the table")),
    "P004": CodeInfo(W, N_("row dated other than the table's reference date")),
    "P005": CodeInfo(W, N_("rows do not sum to the stated total")),
    "P006": CodeInfo(E, N_("municipality name does not match its code")),
    "P007": CodeInfo(E, N_("unknown kommunalförbund")),
    "P008": CodeInfo(E, N_("municipality listed under another kommunalförbund")),
    # Process definition (states, transitions, milestones).
    "F001": CodeInfo(E, N_("state unreachable from the initial state")),
    "F002": CodeInfo(E, N_("terminal state has outgoing transitions")),
    "F003": CodeInfo(E, N_("transition names an unknown state")),
    "F004": CodeInfo(E, N_("transition or milestone names an unknown body")),
    "F005": CodeInfo(E, N_("not exactly one initial state")),
    "F006": CodeInfo(W, N_("no terminal state reachable from this state")),
    "F007": CodeInfo(E, N_("duplicate state or transition id")),
    # A request's history against the process.
    "H001": CodeInfo(E, N_("history does not start in the initial state")),
    "H002": CodeInfo(E, N_("transition not allowed here")),
    "H003": CodeInfo(E, N_("history entries out of date order")),
    "H004": CodeInfo(E, N_("state differs from where the history ends")),
    "H005": CodeInfo(E, N_("requirement of the transition not met")),
    "H006": CodeInfo(E, N_("role may not make this transition")),
    "H007": CodeInfo(E, N_("person does not hold the claimed role")),
    "H008": CodeInfo(E, N_("transition does not apply to the request's scope")),
    "H009": CodeInfo(E, N_("decision was taken by another body")),
    "H010": CodeInfo(E, N_("work approved within a plan not adopted at that date")),
    "H011": CodeInfo(E, N_("consensus step without the other side's concurrence")),
    "H012": CodeInfo(E, N_("subregion is not the representative's own")),
    "H013": CodeInfo(W, N_("step dated outside the quarters the plan ties it to")),
    "H014": CodeInfo(E, N_("note citing a decision dated after the note")),
    # Plan.
    "L001": CodeInfo(E, N_("adoption status and adoption details disagree")),
    "L002": CodeInfo(E, N_("plan amendment does not rest on a valid decision")),
    # Decisions and what they govern.
    "D001": CodeInfo(W, N_("decision concerns a request whose history does not cite it")),
    "D002": CodeInfo(E, N_("history cites a decision about other requests")),
    "D003": CodeInfo(E, N_("decision outcome contradicts the step citing it")),
    "D004": CodeInfo(E, N_("decision taken by a body that does not take that kind")),
    "D005": CodeInfo(E, N_("plan or budget status and its decision disagree")),
    "D006": CodeInfo(E, N_("decision on an escalated request without an outcome")),
    "D007": CodeInfo(E, N_("decision on an escalated request names no request and none "
                           "cites it")),
    # Outages (driftstopp, seed 6.4).
    "E001": CodeInfo(E, N_("outage times or state disagree")),
    "E002": CodeInfo(E, N_("outage update out of order")),
    # Issued invoices (records/invoices/): what was sent never changes.
    "I001": CodeInfo(E, N_("issued invoice record edited (checksum differs)")),
    "I002": CodeInfo(E, N_("issued invoice record does not add up")),
    "I003": CodeInfo(E, N_("credit note corrects an invoice record that does not exist")),
    "I004": CodeInfo(E, N_("invoice record id, type and month disagree")),
    "I005": CodeInfo(E, N_("a month issued while an earlier month of the year is not")),
    # Outcome (records/outcome/).
    "O001": CodeInfo(E, N_("outcome mapping names a budget line no budget has")),
    # Patient data.
    "N001": CodeInfo(E, N_("personnummer in a record file")),
    "N002": CodeInfo(E, N_("samordningsnummer in a record file")),
    # Audit: the records' git history against the process and the roles (shvo audit).
    "A001": CodeInfo(E, N_("request file deleted")),
    "A002": CodeInfo(E, N_("request file renamed or moved away")),
    "A003": CodeInfo(E, N_("committed history entry edited")),
    "A004": CodeInfo(E, N_("committed history entries reordered")),
    "A005": CodeInfo(E, N_("committed history entries removed")),
    "A006": CodeInfo(E, N_("entry not made by the trusted identity (author or signer)")),
    "A007": CodeInfo(W, N_("entry recorded by shvo on someone else's behalf")),
    "A008": CodeInfo(E, N_("entry dated after its commit")),
    "A009": CodeInfo(W, N_("entry dated before the previous step was committed")),
    "A010": CodeInfo(W, N_("request changed by hand (no matching shvo trailers)")),
    "A011": CodeInfo(W, N_("adopted plan changed")),
    "A012": CodeInfo(W, N_("decided budget changed")),
    "A013": CodeInfo(W, N_("recorded decision changed or deleted")),
    "A014": CodeInfo(E, N_("commit not signed (--require-signed)")),
    "A015": CodeInfo(E, N_("signature bad, unverifiable or untrusted (--require-signed)")),
    "A016": CodeInfo(W, N_("roles cannot be verified: the organisation lists no members")),
    "A017": CodeInfo(E, N_("last audited commit is no longer an ancestor (history rewritten)")),
    "A018": CodeInfo(E, N_("record file unreadable at a commit")),
    "A019": CodeInfo(E, N_("issued invoice record changed or deleted after its commit")),
    "A020": CodeInfo(W, N_("record file unreadable at a commit, repaired (Shvo-Repair)")),
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. ``line`` and ``column`` are 1-based; 0 means the whole file."""

    code: str
    severity: Severity
    file: Path
    line: int
    column: int
    message: str

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order findings as a reader scans files: by file, then position, then code."""
        return (str(self.file), self.line, self.column, self.code)


def finding(code: str, file: Path, line: int, column: int, message: str) -> Finding:
    """Make a finding with the severity its code is documented to have."""
    return Finding(code, CODES[code].severity, file, line, column, message)


def title(code: str) -> str:
    """The title of ``code`` in the run's language (``CODES`` holds the English source)."""
    return _(CODES[code].title)


def kr(amount: int) -> str:
    """Format kronor as the seed does (``16 000 000``) so messages read like the plan."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", " ")
