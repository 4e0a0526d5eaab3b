"""Regenerate ``tests/examples/invalid/``: one case per finding code.

Each case is a folder with ``case.yaml`` (what it shows, which bundled files it removes, and
the findings it must produce) and ``records/``, files laid over a copy of the bundled records.
Cases are written as small edits of the bundled records, so when those change, run
``python tests/examples/build_invalid.py`` and review the diff. Expected lines are where the
edit put a ``# expect`` marker, found by plain text search, not by shvo.

Cases that cannot be files in git (a 2 MiB file, a dangling link) are made in the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORDS = HERE.parents[1] / "records"
OUT = HERE / "invalid"
M = "  # expect"

REQ1 = "requests/REQ-2025-0001.yaml"
REQ2 = "requests/REQ-2025-0002.yaml"
REQ3 = "requests/REQ-2025-0003.yaml"
REQ4 = "requests/REQ-2025-0004.yaml"
DEC1 = "decisions/DEC-2025-0001.yaml"
BUDGET = "budgets/budget-2025.yaml"
POP = "population/population-2024-12-31.yaml"
PLAN = "plans/plan-2025.yaml"
PROC = "process.yaml"
ORG = "organisation.yaml"
LEVELS = "settings/service-levels.yaml"
INC1 = "incidents/INC-2025-0001.yaml"
ADOPTED = "  date: 2024-12-12\n  decision: DEC-2024-0001"

CLEAN_BUDGET = [
    ("    key: null   # the seed names no key for this line; its stated split is 1/3 : 2/3\n"
     "    stated: {VGK: 100000, VGR: 200000}",
     "    key: null\n    stated: {VGK: 90000, VGR: 210000}"),
    ("  amount: 16000000\n  VGK: 5740000\n  VGR: 10260000",
     "  amount: 15900000\n  VGK: 5790000\n  VGR: 10110000"),
]

# name: (file, [(old, new), ...], [(code, file, line-or-None-for-marker)], description)
CASES: dict[str, tuple[str, list[tuple[str, str]], list[tuple[str, str, int | None]], str]] = {
    "Y001-syntax": (REQ1, [("title: Påminnelse om uppföljning av SIP i SAMSA",
                            "title: Påminnelse: om uppföljning" + M)],
                    [("Y001", REQ1, None)], "a colon and space inside a plain value"),
    "Y002-duplicate-key": (REQ1, [("category: new-development",
                                   "category: new-development\ncategory: maintenance" + M)],
                           [("Y002", REQ1, None)], "the same key twice in one mapping"),
    "Y003-tab": (REQ1, [("category: new-development", "category:\n\tnew-development" + M)],
                 [("Y003", REQ1, None)], "a tab in the indentation"),
    "Y005-anchor": (REQ1, [("systems: [SAMSA, SIP-1177]", "systems: &s [SAMSA, SIP-1177]" + M)],
                    [("Y005", REQ1, None)], "an anchor"),
    "Y006-tag": (REQ1, [("state: released", "state: !!str released" + M)],
                 [("Y006", REQ1, None)], "an explicit tag"),
    "Y007-depth": (REQ1, [("example: true", "example: true\nextra: " + "[" * 40 + "1"
                           + "]" * 40 + M)],
                   [("Y007", REQ1, None)], "flow sequences nested 40 deep"),
    "Y009-number-key": (REQ1, [("example: true", "example: true\n2025: år" + M)],
                        [("Y009", REQ1, None)], "a key that reads as a number"),
    "Y010-two-documents": (REQ1, [("    by: {person: handlaggare@example.org, role: GITS}\n"
                                   "    note: Inkom via referensgrupp SHVO.",
                                   "    by: {person: handlaggare@example.org, role: GITS}\n"
                                   "    note: Inkom via referensgrupp SHVO.\n---" + M)],
                           [("Y010", REQ1, None)], "a second document in the file"),
    "Y013-line-separator": (REQ1, [("title: Påminnelse om uppföljning av SIP i SAMSA",
                                    "title: Påminnelse om\u2028uppföljning av SIP" + M)],
                            [("Y013", REQ1, None)], "a Unicode line separator pasted into text"),
    "Y014-control-character": (DEC1, [(
        "summary: VVG beslutar att fältet för planerat utskrivningsdatum görs obligatoriskt.",
        'summary: "\\e]0;pwned\\a\\u202eVVG beslutar att fältet för planerat '
        'utskrivningsdatum görs obligatoriskt."' + M)],
        [("Y014", DEC1, None)], "an escape sequence and a bidi override in a summary"),
    "Y011-empty": ("requests/REQ-2025-0009.yaml", [], [("Y011", "requests/REQ-2025-0009.yaml",
                                                       1)], "an empty file"),
    "S010-long-text": (REQ1, [("title: Påminnelse om uppföljning av SIP i SAMSA",
                               "title: " + "Lång titel " * 60 + M)],
                       [("S010", REQ1, None)],
                       "a title of 660 characters (one-line fields hold at most 500)"),
    "S001-schema": (REQ1, [("category: new-development", "category: nyutveckling" + M)],
                    [("S001", REQ1, None)], "a value outside the schema's enum"),
    "S002-kind": (REQ1, [("kind: request", "kind: ärende" + M)],
                  [("S002", REQ1, None)], "an unknown record kind"),
    "S003-folder": ("requests/DEC-2025-0009.yaml", [], [("S003", "requests/DEC-2025-0009.yaml",
                                                        None)], "a decision among requests"),
    "S004-file-name": ("requests/REQ-2025-0099.yaml", [],
                       [("S004", "requests/REQ-2025-0099.yaml", None)],
                       "file name and id disagree"),
    "R001-duplicate-id": ("requests/REQ-2025-0001-copy.yaml", [],
                          [("R001", REQ1, 5), ("R001", "requests/REQ-2025-0001-copy.yaml", None),
                           ("S004", "requests/REQ-2025-0001-copy.yaml", None)],
                          "two files claim one id"),
    "R002-assignment": (REQ1, [("assignment: process-functionality",
                                "assignment: okant-uppdrag" + M)],
                        [("R002", REQ1, None)], "an assignment the plan does not have"),
    "R003-system": (REQ1, [("systems: [SAMSA, SIP-1177]", "systems: [SAMSA, OKANT]" + M)],
                    [("R003", REQ1, None)], "an unknown related system"),
    "R004-role": (REQ4, [("    transition: triage\n    to: triaged\n"
                          "    by: {person: handlaggare@example.org, role: GITS}",
                          "    transition: triage\n    to: triaged\n"
                          "    by: {person: handlaggare@example.org, role: KANSLI}" + M)],
                  [("R004", REQ4, None)], "a role that is no body"),
    "R005-subregion": (REQ2, [("subregion: FYRBODAL", "subregion: HALLAND" + M)],
                       [("R005", REQ2, None)], "an unknown subregion"),
    "R006-decision": (REQ2, [("decisions: [DEC-2025-0001]", "decisions: [DEC-2025-0042]" + M)],
                      [("R006", REQ2, None), ("H005", REQ2, -1)],
                      "a decision that does not exist (so VVG's decision is missing too)"),
    "R007-request": (DEC1, [("requests: [REQ-2025-0002]",
                             "requests: [REQ-2025-0002, REQ-2025-0077]" + M)],
                     [("R007", DEC1, None)], "a decision about an unknown request"),
    "R008-category": (REQ4, [("category: maintenance", "category: new-development" + M)],
                      [("R008", REQ4, None)], "category differs from the assignment's"),
    "R009-no-organisation": ("", [], [("R009", ORG, 0)], "the organisation record is missing"),
    "R010-no-plan": (BUDGET, [("id: budget-2025\nyear: 2025", "id: budget-2026\nyear: 2026" + M)],
                     [("R010", BUDGET, None)], "a budget for a year with no plan"),
    "R011-channel": (REQ4, [("channel: support", "channel: telefon" + M)],
                     [("R011", REQ4, None)], "an unknown channel"),
    "R012-municipality": (REQ2, [('municipalities: ["1487", "1488"]',
                                   'municipalities: ["1487", "1403"]' + M)],
                          [("R012", REQ2, None)], "a municipality of another county"),
    "R004-member-role": (ORG, [("    roles: [SITIV]", "    roles: [SITIV, KASSA]" + M)],
                         [("R004", ORG, None)], "a member holds a role that is no body"),
    "B001-total": (BUDGET, [*CLEAN_BUDGET, ("  amount: 15900000", "  amount: 15900001" + M)],
                   [("B001", BUDGET, None)], "the stated total is off by one krona"),
    "B002-key-split": (BUDGET, [("stated: {VGK: 2370000, VGR: 5530000}",
                                 "stated: {VGK: 2370001, VGR: 5529999}" + M)],
                       [("B002", BUDGET, None)], "a stated split that is not the key's"),
    "B003-no-key": (BUDGET, [*CLEAN_BUDGET, ("    stated: {VGK: 90000, VGR: 210000}",
                                             "    stated: {VGK: 120000, VGR: 180000}" + M)],
                    [("B003", BUDGET, None)], "a keyless line whose split matches no key"),
    "B004-parts": (BUDGET, [("stated: {VGK: 2370000, VGR: 5530000}",
                             "stated: {VGK: 2370000, VGR: 5530001}" + M)],
                   [("B004", BUDGET, None)], "stated parts do not add up to the line"),
    "B005-key-100": (BUDGET, [("shares: {VGR: 70, VGK: 30}\n  - id: development",
                               "shares: {VGR: 70, VGK: 40}" + M + "\n  - id: development")],
                     [("B005", BUDGET, None)], "key shares sum to 110 %"),
    "B006-unknown-key": (BUDGET, [("    key: it-service", "    key: it-tjanst" + M)],
                         [("B006", BUDGET, None)], "a line names an unknown key"),
    "P001-foreign-code": (POP, [('code: "1407"', 'code: "1384"' + M)],
                          [("P001", POP, None), ("P003", POP, -1)],
                          "a code of another county (so Öckerö is missing)"),
    "P002-duplicate-code": (POP, [('code: "1402"', 'code: "1401"' + M)],
                            [("P002", POP, None), ("P003", POP, -1)],
                            "a code twice (so Partille is missing)"),
    "P003-missing": (POP, [('  - code: "1407"\n    name: Öckerö\n    association: GR\n'
                            '    population: 12771\n    as_of: 2024-12-31\n    source: '
                            '"sverigestatistik.se \'Befolkning (senaste år)\' (source SCB/Kolada), '
                            'figures of 2024-12-31"\n', '')],
                     [("P003", POP, 13)], "a municipality left out"),
    "P004-date": (POP, [("    population: 40003\n    as_of: 2024-12-31",
                         "    population: 40003\n    as_of: 2024-06-30" + M)],
                  [("P004", POP, None)], "a row dated off the reference date"),
    "P005-total": (POP, [("stated_total: 1772821", "stated_total: 1772822" + M)],
                   [("P005", POP, None)], "rows do not sum to the stated total"),
    "P006-name": (POP, [("name: Härryda", "name: Partille" + M)],
                  [("P006", POP, None)], "a name that is not the code's"),
    "P007-association": (POP, [("name: Härryda\n    association: GR",
                                "name: Härryda\n    association: HALLAND" + M)],
                         [("P007", POP, None)], "an unknown kommunalförbund"),
    "P008-wrong-association": (POP, [("name: Härryda\n    association: GR",
                                      "name: Härryda\n    association: SKARABORG" + M)],
                               [("P008", POP, None)], "a municipality under another förbund"),
    "F001-unreachable": (PROC, [("  - id: released\n", "  - id: orphan" + M +
                                 "\n    name: Föräldralös\n    terminal: true\n"
                                 "  - id: released\n")],
                         [("F001", PROC, None)], "a state nothing leads to"),
    "F002-terminal": (PROC, [("    from: [received, triaged, in-working-group, escalated",
                              "    from: [released, received, triaged, in-working-group, "
                              "escalated")],
                      [("F002", PROC, -1)], "a transition out of a terminal state"),
    "F003-unknown-state": (PROC, [("transitions:\n", "transitions:\n  - id: lost\n"
                                   "    from: [received]\n    to: nowhere" + M +
                                   "\n    by: [GITS]\n")],
                           [("F003", PROC, None)], "a transition to an unknown state"),
    "F004-unknown-body": (PROC, [("    to: in-working-group\n    by: [GITS]",
                                  "    to: in-working-group\n    by: [STYRELSEN]" + M)],
                          [("F004", PROC, None)], "a transition by an unknown body"),
    "F005-two-initial": (PROC, [("    name: Bedömt av GITS\n",
                                 "    name: Bedömt av GITS\n    initial: true" + M + "\n")],
                         [("F005", PROC, -1)], "two initial states"),
    "F006-dead-end": (PROC, [("transitions:\n", "transitions:\n  - id: park\n"
                              "    from: [triaged]\n    to: parked\n    by: [GITS]\n"),
                             ("  - id: released\n", "  - id: parked" + M +
                              "\n    name: Parkerat\n  - id: released\n")],
                      [("F006", PROC, None)], "a state with no way out"),
    "F007-duplicate-state": (PROC, [("  - id: released\n", "  - id: received" + M +
                                     "\n    name: Inkommet igen\n  - id: released\n")],
                             [("F007", PROC, None)], "a state id defined twice"),
    "H001-start": (REQ4, [("  - date: 2025-04-02\n    to: received",
                           "  - date: 2025-04-02" + M + "\n    to: triaged")],
                   [("H001", REQ4, None), ("H002", REQ4, -1)],
                   "a history that starts mid-process (so triage comes from the wrong state)"),
    "H002-illegal": (REQ1, [("transition: agree", "transition: approve" + M)],
                     [("H002", REQ1, None)], "a transition the process does not have"),
    "H003-order": (REQ4, [("  - date: 2025-05-07", "  - date: 2025-04-05" + M)],
                   [("H003", REQ4, None)], "an entry dated before the one above it"),
    "H004-state": (REQ4, [("state: rejected", "state: approved" + M)],
                   [("H004", REQ4, None)], "state and history disagree"),
    "H005-requirement": (REQ2, [("  - date: 2025-03-21\n", "  - date: 2025-03-21" + M + "\n"),
                                ("    subregion: FYRBODAL\n", "")],
                         [("H005", REQ2, None)], "an escalation without its subregion"),
    "H006-role-not-allowed": (REQ4, [("    by: {person: referens@example.org, role: REF}",
                                      "    by: {person: handlaggare@example.org, role: GITS}"
                                      + M)],
                              [("H006", REQ4, None)], "GITS alone declines (needs REF)"),
    "H007-not-a-member": (REQ4, [("    by: {person: referens@example.org, role: REF}",
                                  "    by: {person: handlaggare@example.org, role: REF}" + M)],
                          [("H007", REQ4, None)], "a person claims a role they do not hold"),
    "H008-scope": (REQ4, [("scope: within-plan\nsystems", "scope: next-year\nsystems"),
                          ("    scope: within-plan", "    scope: next-year"),
                          ("    transition: decline", "    transition: decline" + M)],
                   [("H008", REQ4, None)], "a within-plan transition on a next-year request"),
    "H009-decision-body": (REQ2, [("decisions: [DEC-2025-0001]", "decisions: [DEC-2025-0003]"
                                   + M)],
                           [("H009", REQ2, None), ("H005", REQ2, -1)],
                           "VVG's step cites SITIV's decision"),
    "D001-not-cited": (DEC1, [("requests: [REQ-2025-0002]",
                               "requests: [REQ-2025-0002, REQ-2025-0001]" + M)],
                       [("D001", DEC1, None)], "a decision about a request that never cites it"),
    "D002-other-request": (REQ3, [("decisions: [DEC-2025-0002]", "decisions: [DEC-2025-0001]"
                                   + M)],
                           [("D002", REQ3, None)], "a step cites a decision about another request"),
    "D003-outcome": (DEC1, [("outcome: approved", "outcome: rejected" + M)],
                     [("D003", REQ2, -1)], "VVG rejected, but the step went ahead"),
    "D004-body": ("decisions/DEC-2025-0009.yaml", [], [("D004", "decisions/DEC-2025-0009.yaml",
                                                        None)], "GITS 'decides' the budget"),
    "D006-escalated-no-outcome": ("decisions/DEC-2025-0009.yaml", [], [
        ("D006", "decisions/DEC-2025-0009.yaml", None)],
        "VVG's decision on an escalated request does not say approved or rejected"),
    "D007-escalated-no-request": ("decisions/DEC-2025-0009.yaml", [], [
        ("D007", "decisions/DEC-2025-0009.yaml", None)],
        "a decision on an escalated request about no request"),
    "D005-adoption": (PLAN, [(ADOPTED, "  date: 2025-04-24\n  decision: DEC-2025-0001" + M)],
                      [("D005", PLAN, None), ("H010", REQ1, -1)],
                      "a plan adopted by a decision on a request"),
    "D006-escalated-without-outcome": (DEC1, [("type: escalated-request",
                                                "type: escalated-request" + M),
                                               ("outcome: approved\n", "")],
                                       [("D006", DEC1, None)],
                                       "VVG's position on an escalated request without outcome"),
    "L001-adoption": (PLAN, [("status: adopted", "status: draft" + M)],
                      [("L001", PLAN, -1), ("H010", REQ1, -1), ("H010", REQ2, -1)],
                      "a draft with an adoption date"),
    "H010-unadopted": (PLAN, [("status: adopted", "status: draft" + M),
                              (ADOPTED, "  date: null\n  decision: null")],
                       [("H010", REQ1, -1), ("H010", REQ2, -1)],
                       "work approved within a draft plan"),
    "H011-no-concurrence": (REQ4, [("  - date: 2025-05-07", "  - date: 2025-05-07" + M),
                                   ("    concurrence: {person: handlaggare@example.org, "
                                    "role: GITS}\n", "")],
                            [("H011", REQ4, None)], "REF declines alone, without GITS"),
    "H012-other-subregion": (REQ2, [("    subregion: FYRBODAL", "    subregion: SKARABORG" + M)],
                             [("H012", REQ2, None)],
                             "Fyrbodal's representative lifts a request for Skaraborg"),
    "H013-quarter": (REQ3, [("  - date: 2025-03-14", "  - date: 2025-04-14" + M)],
                     [("H013", REQ3, None)], "the inventory dated in Q2 (the plan says Q1)"),
    "H014-note-before-decision": (REQ3, [("  - date: 2025-06-12\n", "  - date: 2025-03-20\n"
                                          "    to: inventoried\n"
                                          "    by: {person: handlaggare@example.org, "
                                          "role: GITS}\n"
                                          "    decisions: [DEC-2025-0002]" + M + "\n"
                                          "    note: Hänvisar till ett senare beslut.\n"
                                          "  - date: 2025-06-12\n")],
                                  [("H014", REQ3, None)],
                                  "a note citing a decision taken after the note"),
    "R014-tab-in-title": (REQ1, [("title: Påminnelse om uppföljning av SIP i SAMSA",
                                  'title: "Påminnelse\\tom uppföljning"' + M)],
                          [("R014", REQ1, None)], "a tab in a title"),
    "R013-service-level-state": (LEVELS, [("  received: 14", "  recieved: 14" + M)],
                                 [("R013", LEVELS, None)],
                                 "a service level for a state the process does not have"),
    "E001-outage-times": (INC1, [("ended: 2025-05-14T10:05", "ended: null" + M)],
                          [("E001", INC1, -1)], "a closed outage without an end time"),
    "E002-outage-update-order": (INC1, [("  - at: 2025-05-14T10:20",
                                         "  - at: 2025-05-14T08:00" + M)],
                                 [("E002", INC1, None)], "an update dated before the one above"),
    "L002-amendment": (PLAN, [("status: adopted", "status: draft"),
                              (ADOPTED, "  date: null\n  decision: null"),
                              ("# The plan's other text sections",
                               "amendments:\n  - date: 2025-04-24\n    decision: DEC-2025-0001"
                               + M + "\n    text: Nytt uppdrag\n# The plan's other text "
                               "sections")],
                       [("L002", PLAN, -1), ("H010", REQ1, -1), ("H010", REQ2, -1)],
                       "a draft plan with an amendment"),
    "B010-amendment": (BUDGET, [("# \"Totalt\" as the seed states it.",
                                 "amendments:\n  - line: development\n    amount: 400000"
                                 + M + "\n    decision: DEC-2025-0001\n    date: 2025-04-24\n"
                                 "# \"Totalt\" as the seed states it.")],
                       [("B010", BUDGET, -1)],
                       "a preliminary budget amended by a VVG decision"),
    "N001-personnummer": (REQ1, [("  så att uppföljningsmötet kan bokas i tid.",
                                  "  så att uppföljningsmötet kan bokas i tid. Gäller"
                                  " 19900101-9810." + M)],
                          [("N001", REQ1, None)], "a personnummer in a description"),
    "N002-samordningsnummer": (REQ1, [("# EXAMPLE: within the plan",
                                       "# 191401682396" + M + "\n# EXAMPLE: within the plan")],
                               [("N002", REQ1, None)], "a samordningsnummer in a comment"),
}

EXTRA_FILES = {
    "D004-body": """kind: decision
id: DEC-2025-0009
body: GITS  # expect
date: 2025-11-20
type: decide-budget
concerns:
  budget: budget-2025
reference: Protokoll GITS 2025-11-20 (exempel)
""",
    "D006-escalated-no-outcome": """kind: decision
id: DEC-2025-0009
body: VVG
date: 2025-04-24
type: escalated-request  # expect
concerns:
  requests: [REQ-2025-0002]
reference: Protokoll VVG 2025-04-24, § 8 (exempel)
""",
    "D007-escalated-no-request": """kind: decision
id: DEC-2025-0009
body: VVG
date: 2025-04-24
type: escalated-request  # expect
outcome: approved
reference: Protokoll VVG 2025-04-24, § 8 (exempel)
""",
    "S003-folder": """kind: decision  # expect
id: DEC-2025-0009
body: VVG
date: 2025-06-12
type: other
reference: Protokoll VVG 2025-06-12, § 12 (exempel)
""",
    "S004-file-name": """kind: request
id: REQ-2025-0005  # expect
title: Felnamnad fil
category: maintenance
channel: support
state: received
history:
  - date: 2025-06-01
    to: received
    by: {person: handlaggare@example.org, role: GITS}
""",
    "Y011-empty": "",
    "H009-decision-body": """kind: decision
id: DEC-2025-0003
body: SITIV
date: 2025-04-20
type: other
concerns:
  requests: [REQ-2025-0002]
reference: Protokoll SITIV 2025-04-20, § 3 (exempel)
""",
}
EXTRA_PATH = {"H009-decision-body": "decisions/DEC-2025-0003.yaml"}


def _invoice(rid: str, month: str, payers: list[tuple[str, list[int], int]],
             mark: str, **extra: object) -> str:
    """A small issued-invoice record as shvo writes it (checksum of the content given),
    with the ``# expect`` marker on the first line containing ``mark``."""
    import sys

    sys.path.insert(0, str(HERE.parents[1]))
    from shvo_cli.invoices.record import render

    data: dict[str, object] = {
        "kind": "invoice", "id": rid, "type": "credit" if rid.startswith("credit") else
        "invoice", "month": month, "issued": f"{month}-28", "budget": "budget-2025",
        "population": "population-2024-12-31", **extra,
        "lines": ["operation-licence", "coordinators"],
        "invoices": [{"payer": p, "amount": a, "lines": ls} for p, ls, a in payers],
        "total": sum(a for __, ___, a in payers)}
    text = render(data)
    at = text.index(mark)
    end = text.index("\n", at)
    return text[:end] + M + text[end:]


INVOICE_CASES = {
    # name: (file, text, description)
    "I001-edited": ("invoices/invoice-2025-01.yaml", _invoice(
        "invoice-2025-01", "2025-01", [("1480", [100, 50], 150)], "checksum").replace(
        "amount: 150, lines: [100, 50]", "amount: 140, lines: [90, 50]").replace(
        "total: 150", "total: 140"),
        "an issued record edited by hand (sums still add up)"),
    "I002-sums": ("invoices/invoice-2025-01.yaml", _invoice(
        "invoice-2025-01", "2025-01", [("1480", [100, 50], 151)], "\"1480\""),
        "a payer's amount that is not the sum of its lines (checksum redone)"),
    "I003-corrects": ("invoices/credit-2025-01-01.yaml", _invoice(
        "credit-2025-01-01", "2025-01", [("1480", [-10, -5], -15)], "corrects:",
        corrects="invoice-2025-01", reason="Fel"),
        "a credit note for an invoice that was never issued"),
    "I004-id-month": ("invoices/invoice-2025-02.yaml", _invoice(
        "invoice-2025-02", "2025-01", [("1480", [100, 50], 150)], "id:"),
        "a record named for February holding January"),
    "I005-order": ("invoices/invoice-2025-02.yaml", _invoice(
        "invoice-2025-02", "2025-02", [("1480", [100, 50], 150)], "month:"),
        "February issued while January is not"),
}
INVOICE_CASES["O001-mapping"] = ("outcome/outcome-mapping.yaml", (
    "kind: outcome\nid: outcome-mapping\ntype: mapping\n"
    "source: \"Exempel: fiktiva konton\"\ncolumns: {account: Konto, month: Period, "
    "amount: Belopp}\naccounts:\n  \"6540\": operation-licence\n"
    "  \"6541\": licence" + M + "\n"), "an account mapped to a line the budget does not have")
for _name, (_rel, _text, _what) in INVOICE_CASES.items():
    CASES[_name] = (_rel, [], [(_name[:4], _rel, None)], _what)
    EXTRA_FILES[_name] = _text


def _marker_line(text: str) -> int:
    for number, line in enumerate(text.split("\n"), 1):
        if line.rstrip().endswith("# expect"):
            return number
    raise ValueError("no # expect marker")


def _fail(name: str) -> int:
    raise ValueError(f"{name}: no # expect marker")


def build() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    for name, (rel, edits, expects, description) in CASES.items():
        folder = OUT / name
        (folder / "records").mkdir(parents=True)
        text = ""
        remove: list[str] = []
        if name == "R009-no-organisation":
            remove = [ORG]
        elif name == "R001-duplicate-id":
            text = (RECORDS / REQ1).read_text(encoding="utf-8").replace(
                "id: REQ-2025-0001", "id: REQ-2025-0001" + M)
        elif name in EXTRA_FILES and name not in EXTRA_PATH:
            text = EXTRA_FILES[name]
        else:
            text = (RECORDS / rel).read_text(encoding="utf-8")
            for old, new in edits:
                if old not in text:
                    raise SystemExit(f"{name}: {old!r} not in {rel}")
                text = text.replace(old, new, 1)
        if rel:
            target = folder / "records" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if name in EXTRA_PATH:
            extra = folder / "records" / EXTRA_PATH[name]
            extra.parent.mkdir(parents=True, exist_ok=True)
            extra.write_text(EXTRA_FILES[name], encoding="utf-8")
        lines = []
        for code, file, line in expects:
            if line is None:
                line = _marker_line(text) if "# expect" in text else _fail(name)
            lines.append(f"  - {{code: {code}, file: {file}, line: {line}}}")
        case = [f"description: {description}"]
        if remove:
            case.append(f"remove: [{', '.join(remove)}]")
        case.append("expect:  # line -1: anywhere in the file")
        case += lines
        (folder / "case.yaml").write_text("\n".join(case) + "\n", encoding="utf-8")
    # Y004 needs bytes that are not UTF-8.
    folder = OUT / "Y004-not-utf8" / "records" / "requests"
    folder.mkdir(parents=True)
    raw = (RECORDS / REQ1).read_text(encoding="utf-8")
    (folder / "REQ-2025-0001.yaml").write_bytes(raw.encode("latin-1"))
    first = next(i for i, line in enumerate(raw.splitlines(), 1)
                 if any(ord(c) > 127 for c in line))
    (OUT / "Y004-not-utf8" / "case.yaml").write_text(
        "description: a file saved as Latin-1\nexpect:\n"
        f"  - {{code: Y004, file: {REQ1}, line: {first}}}\n", encoding="utf-8")


if __name__ == "__main__":
    build()
