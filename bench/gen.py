"""Synthetic records repositories for the benchmark.

The benchmark must measure ``shvo validate`` on data shaped like the real thing, not on
files that fail at the first check and skip the expensive ones. So every generated request
is a *legal* walk of the process in ``records/process.yaml``: each step is looked up there
(source state, target state, who may make it, what it requires), made by a fictional member
of ``records/organisation.yaml`` who holds an allowed role, in date order, citing decisions
by the right body that were taken no later than the entry. The walk is built from the
process data itself, so a change to the rule book shows up as a loud generation error
rather than as a silently invalid benchmark.

Generation is deterministic (seeded ``random.Random``), so two runs time the same bytes.
Text is Swedish, plain and free of long digit runs: ``shvo`` rejects anything that looks
like a personnummer, and the benchmark must not trip that check by accident.
"""

from __future__ import annotations

import random
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
RECORDS = REPO / "records"
REQUEST_ID = re.compile(r"^REQ-(\d{4})-(\d{4})$")
DECISION_ID = re.compile(r"^DEC-(\d{4})-(\d{4})$")
FIRST_YEAR = 2025

# Walks of the process as transition ids, after the initial 'received' entry. Each is checked
# against process.yaml while generating, so an illegal template fails loudly.
TEMPLATES: dict[str, list[list[str]]] = {
    "within-plan": [
        ["triage", "agree", "start", "submit-for-test", "pass-test",
         "inform-reference-group", "release"],
        ["triage", "agree", "start", "submit-for-test", "fail-test", "submit-for-test",
         "pass-test", "inform-reference-group", "release"],
        ["triage", "send-to-working-group", "return-proposal", "agree", "start", "complete"],
        ["triage", "send-to-working-group", "return-proposal", "decline"],
        ["triage", "escalate", "vvg-approve", "start", "submit-for-test", "pass-test",
         "inform-reference-group", "release"],
        ["triage", "send-to-working-group", "return-proposal", "escalate", "vvg-reject"],
        ["triage", "send-to-working-group", "return-proposal", "agree", "start"],
        ["triage", "agree", "start", "submit-for-test"],
        ["triage", "send-to-working-group", "return-proposal", "agree", "withdraw"],
    ],
    "next-year": [
        ["triage", "inventory", "take-on", "include-in-plan", "start", "submit-for-test",
         "pass-test", "inform-reference-group", "release"],
        ["triage", "send-to-working-group", "return-proposal", "inventory", "not-take-on"],
        ["triage", "send-to-working-group", "return-proposal", "inventory", "take-on"],
    ],
    "beyond-plan": [
        ["triage", "refer-for-anchoring", "anchor", "start", "submit-for-test", "pass-test",
         "inform-reference-group", "release"],
        ["triage", "send-to-working-group", "return-proposal", "refer-for-anchoring",
         "refuse-anchoring"],
        ["triage", "send-to-working-group", "return-proposal", "refer-for-anchoring", "anchor",
         "start", "complete"],
    ],
}
SCOPE_WEIGHTS = {"within-plan": 7, "next-year": 2, "beyond-plan": 1}

# Synthetic decisions added for every year that has requests: (month, day, body, type).
DECISION_CALENDAR = [
    (2, 13, "VVG", "escalated-request"),
    (3, 6, "SITIV", "anchoring"),
    (4, 24, "VVG", "escalated-request"),
    (6, 12, "VVG", "position-new-needs"),
    (9, 18, "VVG", "position-new-needs"),
    (10, 16, "SITIV", "anchoring"),
    (11, 20, "VVG", "adopt-plan"),
]
PREFERRED_DECISION_TYPE = {
    "vvg-approve": "escalated-request",
    "vvg-reject": "escalated-request",
    "take-on": "position-new-needs",
    "not-take-on": "position-new-needs",
    "include-in-plan": "adopt-plan",
    "anchor": "anchoring",
    "refuse-anchoring": "anchoring",
}
DECISION_SUMMARY = {
    "escalated-request": "VVG tar ställning i ärenden som lyfts via delregional vårdsamverkan.",
    "position-new-needs": "VVG tar ställning till vilka nya behov som omhändertas.",
    "adopt-plan": "VVG fastställer vilka behov som ingår i kommande förvaltningsplan.",
    "anchoring": "SITIV tar ställning till uppdrag utöver beslutad förvaltningsplan och budget.",
}

AREA_SUBJECTS = {
    "in-discharge": ["inskrivningsmeddelandet", "meddelandet om utskrivningsklar patient",
                     "planerat utskrivningsdatum", "hemgångsplaneringen",
                     "informationsöverföringen vid utskrivning", "vårdbegäran"],
    "sip": ["kallelsen till SIP", "SIP-mötet", "uppföljningen av SIP", "deltagarlistan i SIP",
            "den samordnade individuella planen", "den enskildes delaktighet i SIP"],
    "outpatient": ["samordnad vårdplan i öppenvård", "kallelsen i öppenvårdsprocessen",
                   "uppgiften om fast vårdkontakt", "samverkansmeddelanden i öppenvård"],
    "it-service": ["inloggningen med SITHS", "startsidan i SAMSA", "behörighetsadministrationen",
                   "sökfunktionen i SAMSA", "utskrift till fil", "aviseringarna i SAMSA"],
    "other": ["statistikuttaget", "nyhetsbrevet", "utbildningsmaterialet",
              "manualen för SAMSA", "informationen på webbplatsen"],
}
AREA_SYSTEMS = {
    "in-discharge": ["MELIOR-DENODO", "MILLENIUM-SAMVY", "PROGRAM-MILLENNIUM", "ELVIS", "NPO"],
    "sip": ["SIP-1177", "PEXIP", "NPO"],
    "outpatient": ["VARDVALET", "NPO", "SIP-1177", "VASTFOLKET"],
    "it-service": ["SITHS", "HSA", "PERSONUPPGIFTSPORTALEN-VGR", "UTDATAMODUL-SAMSA"],
    "other": ["UTDATAMODUL-SAMSA", "VGR-UTSKRIFT-TILL-FIL", "MEDCONTROL-PRO"],
}
TITLE_PATTERNS = [
    "Tydligare översikt över {s}",
    "Påminnelse kopplad till {s}",
    "Möjlighet att bifoga dokument i {s}",
    "Felaktig sortering i {s}",
    "Förenklad hantering av {s}",
    "Filtrering och sökning i {s}",
    "Förtydligat felmeddelande för {s}",
    "Anpassning av {s} efter ny riktlinje",
]
WHO = ["Samordnare i kommunen", "Vårdplanerare på sjukhuset", "Biståndshandläggare",
       "Distriktssköterskor i primärvården", "Användare i hemsjukvården",
       "Medarbetare i socialtjänsten", "Enhetschefer i äldreomsorgen"]
WANT = ["en tydligare översikt", "en automatisk påminnelse", "möjlighet att filtrera",
        "ett förtydligat felmeddelande", "en enklare hantering", "bättre stöd för utskrift",
        "att fler uppgifter visas direkt"]
BENEFIT = ["arbetet kan planeras i tid", "risken för dubbelarbete minskar",
           "den enskilde får en sammanhållen vård och omsorg",
           "informationen når rätt mottagare utan fördröjning",
           "färre frågor behöver hanteras via support",
           "samverkan mellan kommun och region fungerar smidigare"]
CONTEXT = ["Behovet har lyfts i flera delregionala områden.",
           "Frågan har tidigare diskuterats i arbetsgruppen.",
           "Önskemålet berör både kommuner och region.",
           "Ärendet har inkommit via support vid upprepade tillfällen.",
           "Förslaget bedöms påverka utbildningsmaterialet.",
           "Konsekvenserna för arbetssättet behöver beskrivas innan beslut."]
EFFECT = ["Förändringen behöver kommuniceras via nyhetsbrev och SOFIA-ytor innan driftsättning.",
          "Utbildningsmaterial och manualer behöver ses över om förslaget genomförs.",
          "Berörda arbetsgrupper behöver involveras i test och införande.",
          "Påverkan på närliggande system och integrationer behöver utredas."]
CHANNEL_NOTES = {
    "working-group": "Inkom via arbetsgrupp.",
    "support": "Inkom via support.",
    "reference-group": "Inkom via referensgrupp SHVO.",
    "email": "Inkom via info.samsa@vgregion.se.",
}
NOTES = {
    "decline": ["Länsgemensam enhetlighet prioriteras; genomförs inte.",
                "Nyttan bedöms inte motsvara kostnaden; genomförs inte.",
                "Behovet kan lösas med befintlig funktionalitet och rutin."],
    "escalate": ["Ingen konsensus i referensgruppen.",
                 "Parterna har olika syn på konsekvenserna för arbetssättet."],
    "complete": ["Genomfört genom ändrad konfiguration, utan ny release.",
                 "Genomfört genom uppdaterat stödmaterial."],
    "withdraw": ["Återkallat av anmälaren; behovet är tillgodosett på annat sätt.",
                 "Återkallat efter ändrade förutsättningar i verksamheten."],
    "fail-test": ["Fel hittades vid acceptanstest; åtgärdas före ny test.",
                  "Avvikelse mot kravställningen; skickas tillbaka till leverantören."],
    "return-proposal": ["Arbetsgruppen har tagit fram ett åtgärdsförslag.",
                        "Förslag till lösning och konsekvensbeskrivning är framtaget."],
    "pass-test": ["Godkänt i SAMSAs acceptanstestmiljö."],
    "agree": ["Konsensus i referensgruppsmötet."],
}


@dataclass(frozen=True, slots=True)
class Transition:
    """The parts of a process transition the generator needs to make a legal step."""

    id: str
    sources: tuple[str, ...]
    to: str
    by: tuple[str, ...]
    requires: dict[str, Any]
    scope: str | None
    consensus: tuple[str, ...] = ()


@dataclass(slots=True)
class Rules:
    """Process, organisation and plans as read from the copied records."""

    initial: str
    transitions: dict[str, Transition]
    members: dict[str, list[tuple[str, str | None]]]  # role -> [(email, subregion)]
    assignments: list[tuple[str, str]]  # (assignment id, category)
    systems: list[str]
    channels: list[str]
    decisions: dict[str, list[tuple[date, str, str, str]]] = field(default_factory=dict)
    # body -> sorted [(date, id, type)]


@dataclass(frozen=True, slots=True)
class GenStats:
    """What was written, for the benchmark report."""

    requests: int
    synthetic: int
    decisions_added: int
    years: tuple[int, ...]
    bytes_per_request: float
    lines_per_request: float
    entries_per_request: float


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping")
    return data


def _read_rules(records: Path) -> Rules:
    process = _load(records / "process.yaml")
    org = _load(records / "organisation.yaml")
    systems = _load(records / "systems.yaml")
    plan = _load(records / "plans" / f"plan-{FIRST_YEAR}.yaml")
    initial = next(s["id"] for s in process["states"] if s.get("initial"))
    transitions = {
        t["id"]: Transition(t["id"], tuple(t["from"]), t["to"], tuple(t["by"]),
                            dict(t.get("requires") or {}), t.get("scope"),
                            tuple(t.get("consensus") or ()))
        for t in process["transitions"]
    }
    members: dict[str, list[tuple[str, str | None]]] = {}
    for m in org.get("members", []):
        for role in m["roles"]:
            members.setdefault(role, []).append((m["email"], m.get("subregion")))
    assignments = [(a["id"], a["category"]) for a in plan["assignments"]]
    return Rules(initial, transitions, members, assignments,
                 [s["id"] for s in systems["systems"]],
                 [c["id"] for c in process.get("channels", [])])


def _weekday(d: date) -> date:
    """Move a date off the weekend: records are made on working days."""
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _wrap(text: str) -> str:
    return "\n".join("  " + line for line in textwrap.wrap(text, width=88))


def _add_decisions(dest: Path, rules: Rules, years: list[int]) -> int:
    """Give every year VVG and SITIV decisions to cite, and index all decisions by body."""
    folder = dest / "decisions"
    folder.mkdir(exist_ok=True)
    existing: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = _load(path)
        existing[str(data["id"])] = data
    taken = {(str(d["body"]), str(d["date"]), str(d.get("outcome"))) for d in existing.values()}
    added = 0
    for year in years:
        numbers = [int(m.group(2)) for i in existing if (m := DECISION_ID.match(i))
                   and int(m.group(1)) == year]
        number = max(numbers, default=0)
        for paragraph, (month, day, body, kind) in enumerate(DECISION_CALENDAR, start=3):
            when = _weekday(date(year, month, day)).isoformat()
            for outcome in ("approved", "rejected"):
                if (body, when, outcome) in taken:
                    continue
                number += 1
                dec_id = f"DEC-{year}-{number:04d}"
                text = (
                    "# yaml-language-server: $schema=../../schemas/decision.schema.json\n"
                    "# SYNTHETIC: generated by bench/gen.py.\n"
                    "kind: decision\n"
                    f"id: {dec_id}\n"
                    f"body: {body}\n"
                    f"date: {when}\n"
                    f"type: {kind}\n"
                    f"outcome: {outcome}\n"
                    f"reference: Protokoll {body} {when}, § {paragraph} (syntetiskt)\n"
                    f"summary: {DECISION_SUMMARY[kind]}\n"
                )
                (folder / f"{dec_id}.yaml").write_text(text, encoding="utf-8")
                existing[dec_id] = {"id": dec_id, "body": body, "date": when, "type": kind,
                                    "outcome": outcome}
                taken.add((body, when, outcome))
                added += 1
    for d in existing.values():
        if (d.get("concerns") or {}).get("requests"):
            continue  # a decision about named requests may not be cited by others (D002)
        raw = d["date"]  # PyYAML reads an unquoted ISO date as a date
        taken_on = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        rules.decisions.setdefault(str(d["body"]), []).append(
            (taken_on, str(d["id"]), str(d["type"]), str(d.get("outcome", "approved"))))
    for lst in rules.decisions.values():
        lst.sort()
    return added


def _cite(rules: Rules, t: Transition, when: date, actor_role: str,
          rng: random.Random) -> tuple[date, list[str]]:
    """Pick decisions the transition needs, moving the entry later if none is old enough."""
    req = t.requires.get("decisions")
    if not req:
        return when, []
    all_of = list(req.get("all_of", []))
    one_of = list(req.get("one_of", []))
    bodies = all_of
    if one_of:  # the actor's own body's decision if it may decide, else either one
        bodies = [actor_role] if actor_role in one_of else [rng.choice(one_of)]
    for body in bodies:
        if not rules.decisions.get(body):
            raise ValueError(f"no decision by {body} to cite for {t.id!r}")
        when = max(when, min(d[0] for d in rules.decisions[body]
                             if d[3] == ("rejected" if t.to == "rejected" else "approved")))
    wanted = PREFERRED_DECISION_TYPE.get(t.id)
    outcome = "rejected" if t.to == "rejected" else "approved"  # D003: outcome fits the step
    cited = []
    for body in bodies:
        usable = [d for d in rules.decisions[body] if d[0] <= when and d[3] == outcome]
        preferred = [d for d in usable if d[2] == wanted]
        cited.append((preferred or usable)[-1][1])
    return when, cited


def _actor(rules: Rules, roles: tuple[str, ...], rng: random.Random,
           ) -> tuple[str, str, str | None]:
    options = [(role, email, sub) for role in roles for email, sub in rules.members.get(role, [])]
    if not options:
        raise ValueError(f"no member holds any of {roles}")
    return rng.choice(options)


def _request_text(rules: Rules, req_id: str, year: int, rng: random.Random) -> tuple[str, int]:
    """One request file: header fields, then a legal history. Returns (text, entries)."""
    scope = rng.choices(list(SCOPE_WEIGHTS), weights=list(SCOPE_WEIGHTS.values()))[0]
    steps = rng.choice(TEMPLATES[scope])
    area = rng.choice(list(AREA_SUBJECTS))
    subject = rng.choice(AREA_SUBJECTS[area])
    title = rng.choice(TITLE_PATTERNS).format(s=subject)
    title = title[0].upper() + title[1:]
    description = (f"{rng.choice(WHO)} önskar {rng.choice(WANT)} i {subject}, så att "
                   f"{rng.choice(BENEFIT)}. {rng.choice(CONTEXT)} {rng.choice(EFFECT)}")
    assignment, category = rng.choice(rules.assignments)
    channel = rng.choice(rules.channels)
    extra = [s for s in AREA_SYSTEMS[area] if s in rules.systems]
    systems = ["SAMSA", *rng.sample(extra, k=min(len(extra), rng.randint(0, 2)))]

    when = _weekday(date(year, 1, 2) + timedelta(days=rng.randint(0, 270)))
    gits = _actor(rules, ("GITS",), rng)
    entries = [
        f"  - date: {when.isoformat()}\n"
        f"    to: {rules.initial}\n"
        f"    by: {{person: {gits[1]}, role: {gits[0]}}}\n"
        f"    note: {CHANNEL_NOTES.get(channel, 'Inkom.')}\n"
    ]
    state = rules.initial
    for step in steps:
        t = rules.transitions[step]
        if state not in t.sources:
            raise ValueError(f"template step {step!r} cannot be made from {state!r}")
        if t.scope is not None and t.scope != scope:
            raise ValueError(f"template step {step!r} is for {t.scope}, not {scope}")
        when = _weekday(when + timedelta(days=rng.randint(2, 24)))
        role, email, subregion = _actor(rules, t.by, rng)
        when, cited = _cite(rules, t, when, role, rng)
        when = _weekday(when)
        lines = [f"  - date: {when.isoformat()}", f"    transition: {t.id}", f"    to: {t.to}",
                 f"    by: {{person: {email}, role: {role}}}"]
        r = t.requires
        if r.get("scope"):
            lines.append(f"    scope: {scope}")
        if r.get("subregion"):
            lines.append(f"    subregion: {subregion or 'GR'}")
        others = [b for b in t.consensus if b != role]
        if others:  # 6.3.1: the other side of the consensus, by one of its members
            lines.append(f"    concurrence: {{person: {rules.members[others[0]][0][0]}, "
                         f"role: {others[0]}}}")
        if r.get("outcome"):
            lines.append(f"    outcome: {r['outcome']}")
        if cited:
            lines.append(f"    decisions: [{', '.join(cited)}]")
        if r.get("note") or (step in NOTES and rng.random() < 0.6):
            lines.append(f"    note: {rng.choice(NOTES.get(step, NOTES['complete']))}")
        entries.append("\n".join(lines) + "\n")
        state = t.to

    text = (
        "# yaml-language-server: $schema=../../schemas/request.schema.json\n"
        "# SYNTHETIC: generated by bench/gen.py for the performance benchmark.\n"
        "kind: request\n"
        f"id: {req_id}\n"
        f"title: {title}\n"
        "description: >-\n"
        f"{_wrap(description)}\n"
        f"category: {category}\n"
        f"assignment: {assignment}\n"
        f"channel: {channel}\n"
        f"area: {area}\n"
        f"scope: {scope}\n"
        f"systems: [{', '.join(systems)}]\n"
        f"state: {state}\n"
        "history:\n" + "".join(entries)
    )
    return text, len(entries)


def _next_ids(existing: set[str], count: int) -> list[str]:
    """Free ids from REQ-2025-0001 upwards, rolling over to the next year after 9999."""
    out: list[str] = []
    year, number = FIRST_YEAR, 0
    while len(out) < count:
        number += 1
        if number > 9999:
            year, number = year + 1, 1
        candidate = f"REQ-{year}-{number:04d}"
        if candidate not in existing:
            out.append(candidate)
    return out


def _add_plan(dest: Path, year: int) -> None:
    """Requests are judged against the plan of the year in their id: copy 2025's for later
    years, changing only what names the year."""
    target = dest / "plans" / f"plan-{year}.yaml"
    if target.exists():
        return
    text = (dest / "plans" / f"plan-{FIRST_YEAR}.yaml").read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^id: plan-{FIRST_YEAR}$", f"id: plan-{year}", text)
    text = re.sub(rf"(?m)^year: {FIRST_YEAR}$", f"year: {year}", text)
    text = re.sub(rf"(?m)^title: Förvaltningsplan {FIRST_YEAR}$",
                  f"title: Förvaltningsplan {year}", text)
    target.write_text(f"# SYNTHETIC: copy of plan-{FIRST_YEAR} made by bench/gen.py.\n{text}",
                      encoding="utf-8")


def generate(dest: Path, total: int, seed: int = 20250101) -> GenStats:
    """Write a records folder at ``dest`` holding ``total`` requests in all.

    The bundled records are copied unchanged (their decisions cite the bundled example
    requests, so those stay), and synthetic requests fill the rest up to ``total``.
    """
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(RECORDS, dest)
    requests = dest / "requests"
    requests.mkdir(exist_ok=True)
    existing = {p.stem for p in requests.glob("*.yaml") if REQUEST_ID.match(p.stem)}
    count = max(0, total - len(existing))
    ids = _next_ids(existing, count)
    years = sorted({FIRST_YEAR, *(int(i[4:8]) for i in ids)})
    for year in years:
        _add_plan(dest, year)
    rules = _read_rules(dest)
    added = _add_decisions(dest, rules, years)
    rng = random.Random(seed)
    size = lines = entries = 0
    for req_id in ids:
        text, n = _request_text(rules, req_id, int(req_id[4:8]), rng)
        (requests / f"{req_id}.yaml").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        lines += text.count("\n")
        entries += n
    per = max(count, 1)
    return GenStats(len(existing) + count, count, added, tuple(years),
                    size / per, lines / per, entries / per)


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "bench" / "out" / "records-sample"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    print(generate(out, n))
