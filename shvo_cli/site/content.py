"""The bodies of the site's pages, from the records. Swedish whatever the run's language (the
site is for the public in Västra Götaland); every id shown by its name; nothing about persons
beyond the bodies (request histories name people: only dates and states are shown).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from shvo_cli.findings import kr
from shvo_cli.records.model import Request
from shvo_cli.records.repository import Repository
from shvo_cli.site.shell import e

STATUS = {"done": "klar", "due": "aktuell (detta kvartal)", "overdue": "försenad",
          "upcoming": "kommande"}


def request_row(req: Request, n: dict[str, dict[str, str]]) -> str:
    """One request as a table row: title, scope, state, received, last change, systems."""
    systems = ", ".join(n["systems"].get(s, s) for s in req.systems)
    return (f"<tr><td>{e(req.title)}</td><td>{e(n['scopes'].get(req.scope or 'unscoped', ''))}"
            f"</td><td>{e(n['states'].get(req.state, req.state))}</td>"
            f"<td>{req.history.first_date().isoformat()}</td>"
            f"<td>{req.history.last_date().isoformat()}</td><td>{e(systems)}</td></tr>")


def request_table(table_id: str, caption: str, rows: Iterable[str]) -> str:
    """A table of requests, with a filter field that the optional script shows."""
    return (f'<p class="filter" data-for="{e(table_id)}" hidden><label for="{e(table_id)}-q">'
            f'Sök i tabellen</label><input id="{e(table_id)}-q" type="search"></p>'
            f'<table id="{e(table_id)}"><caption>{e(caption)}</caption><thead><tr>'
            '<th scope="col">Titel</th><th scope="col">Omfattning</th>'
            '<th scope="col">Status</th><th scope="col">Inkom</th>'
            '<th scope="col">Senast ändrat</th><th scope="col">Närliggande system</th>'
            "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def table(caption: str, header: list[str], rows: list[list[str]],
          numeric: Iterable[int] = ()) -> str:
    """A plain table of text cells (escaped here); ``numeric`` columns align right."""
    right = set(numeric)
    head = "".join(f'<th scope="col"{" class=num" if i in right else ""}>{e(h)}</th>'
                   for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(
        f'<td{" class=num" if i in right else ""}>{e(c)}</td>' for i, c in enumerate(r))
        + "</tr>" for r in rows)
    return (f"<table><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


def plan_body(repo: Repository, year: int, n: dict[str, dict[str, str]]) -> str:
    """The plan of the year from its record (the plan document, where another part of shvo
    renders it, is linked from here instead)."""
    plan = repo.plans.get(year)
    if plan is None:
        return f"<p>Det finns ingen förvaltningsplan för {year} i posterna.</p>"
    adopted = plan.adoption_date.isoformat() if plan.adoption_date else ""
    status = (f"Fastställd {adopted} av {e(plan.adoption_body)}"
              f" ({e(plan.adoption_decision or '')})." if plan.status == "adopted"
              else "Utkast: VVG har ännu inte fastställt planen.")
    out = [f"<p><strong>{e(plan.title)}</strong></p>", f"<p>{status}</p>",
           "<h2>Uppdrag i planen</h2>"]
    by_category: dict[str, list[Any]] = {}
    for a in plan.assignments.values():
        by_category.setdefault(a.category, []).append(a)
    for category, items in by_category.items():
        out.append(f"<h3>{e(n['categories'].get(category, category))}</h3><ul>")
        for a in items:
            sub = "".join(f"<li>{e(i)}</li>" for i in a.items)
            out.append(f"<li>{e(a.text)}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
        out.append("</ul>")
    return "\n".join(out)


def cycle_body(milestones: list[dict[str, Any]], n: dict[str, dict[str, str]],
               year: int) -> str:
    rows = [[n["milestones"].get(m["id"], m["id"]), m["from"], m["deadline"],
             n["bodies"].get(m["body"], m["body"]), STATUS.get(m["status"], m["status"]),
             f"{m['decision']} {m['decided_on']}" if m["decision"] else ""]
            for m in milestones]
    intro = ("<p>Förvaltningsmodellens årscykel (förvaltningsplanen avsnitt 6.3.2): vad som "
             "ska göras, av vem och senast när.</p>")
    return intro + table(f"Årscykeln {year}", ["Milstolpe", "Från", "Senast", "Organ",
                                               "Status", "Klar genom beslut"], rows)


def costs_body(costs: list[dict[str, Any]]) -> str:
    out = ["<p>Kommunernas andel av budgeten fördelas efter folkmängd (förvaltningsplanen "
           "avsnitt 8). Belopp i hela kronor.</p>"]
    for c in costs:
        out.append(f"<h2>{c['year']}</h2>")
        if c["note"]:
            out.append(f"<p>{e(c['note'])}</p>")
            continue
        rows = [[p["code"], p["name"], p["association"], kr(p["amount"])]
                for p in c["payers"]]
        out.append(table(f"Kostnad per kommun {c['year']} ({c['status']})",
                         ["Kommunkod", "Kommun", "Kommunalförbund", "Kronor"], rows, [3]))
    return "\n".join(out)


def start_body(repo: Repository, day: date, n: dict[str, dict[str, str]],
               open_count: int, next_milestone: str | None) -> str:
    plan = repo.plans.get(day.year)
    return "\n".join([
        "<p>Här redovisas förvaltningen av IT-tjänsten SAMSA inom Samordnad hälsa, vård och "
        "omsorg (SHVO): Västra Götalandsregionen och de 49 kommunerna i länet.</p>",
        "<ul>",
        f"<li>Förvaltningsplan {day.year}: "
        + ("fastställd" if plan is not None and plan.status == "adopted" else "inte fastställd")
        + ' – <a href="plan.html">läs planen</a></li>',
        f'<li><a href="arenden.html">Ärenden</a>: {open_count} öppna, av '
        f"{len(repo.requests)} totalt</li>",
        "<li>Nästa steg i årscykeln: " + e(next_milestone or "inget kvar i år")
        + ' – <a href="cykel.html">årscykeln</a></li>',
        '<li><a href="rapporter.html">Kvartalsrapporter</a> till VVG och SITIV</li>',
        '<li><a href="kostnader.html">Kostnad per kommun</a></li>', "</ul>",
        f"<p>Uppgifterna gäller per {day.isoformat()}.</p>"])
