"""The quarterly report laid out as text, Markdown, JSON or one self-contained HTML file.

In the run's language: Swedish for VVG and SITIV (``--lang sv``), English otherwise. Every id
is shown by its name (``data["names"]``); state and scope names come from process.yaml and
are shown as they are written there. The HTML embeds its style and its charts (inline SVG):
it loads nothing from anywhere, opens offline and prints on A4.

Text, Markdown and HTML lay out the same list of blocks (``LEAD`` then ``COUNTS``), so the
three carry the same facts; JSON is the data itself. A new section is one function returning
a :class:`Block`, added to one of the lists.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

from shvo_cli.findings import kr
from shvo_cli.i18n import N_, _, language
from shvo_cli.render.formats import Formats
from shvo_cli.render.incidents import report_section as outage_section
from shvo_cli.render.report_block import Block
from shvo_cli.render.report_charts import charts_text, svg_budget, svg_requests
from shvo_cli.render.report_extra import outcome_blocks, outcome_chart, plan_diff_blocks
from shvo_cli.render.safe import markdown, one_line

STATUS = {"done": N_("done"), "due": N_("due (this quarter)"), "overdue": N_("overdue"),
          "upcoming": N_("upcoming")}
MOVES = {"received": N_("requests received"), "decided": N_("requests decided"),
         "escalated": N_("escalated to VVG"), "rejected": N_("requests rejected"),
         "released": N_("changes released")}
MOVED = {"decided": N_("decided"), "released": N_("released"), "rejected": N_("rejected"),
         "escalated": N_("escalated"), "received": N_("received")}
"""One request's move in the quarter, in the order the report lists them."""


def as_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _n(data: dict[str, Any], table: str, key: str | None) -> str:
    if key is None:
        return ""
    return str(data["names"][table].get(key, key))


def _bodies(data: dict[str, Any], ids: list[str]) -> str:
    return ", ".join(_n(data, "bodies", b) for b in ids)


def _plan_line(data: dict[str, Any]) -> str:
    p = data["plan"]
    if p is None:
        return _("Plan: missing")
    if p["status"] == "adopted":
        return _("Plan {id}: adopted {date} ({decision})").format(
            id=p["id"], date=p["adopted"], decision=p["decision"])
    return _("Plan {id}: draft (VVG has not taken a position)").format(id=p["id"])


def _budget_line(data: dict[str, Any]) -> str:
    b = data["budget"]
    if b is None:
        return _("Budget: missing")
    if b["status"] != "decided":
        status = _("preliminary")
    elif b["decision"]:
        status = _("decided ({decision})").format(decision=b["decision"])
    else:
        status = _("decided")
    if b["stated_total"] is not None and b["stated_total"] != b["lines_total"]:
        return _("Budget {id}: {status}, the lines add up to {total} kr; stated total "
                 "{stated} kr").format(id=b["id"], status=status, total=kr(b["lines_total"]),
                                       stated=kr(b["stated_total"]))
    return _("Budget {id}: {status}, the lines add up to {total} kr").format(
        id=b["id"], status=status, total=kr(b["lines_total"]))


def _quarter(n: int) -> str:
    """A quarter of the year as people write it: Q2 in English, K2 (kvartal) in Swedish."""
    return _("Q{n}").format(n=n)


def _period(data: dict[str, Any]) -> str:
    return _("Period {start} – {end}, as of {as_of}").format(
        start=data["period"]["start"], end=data["period"]["end"], as_of=data["as_of"])


def _validation(data: dict[str, Any]) -> str:
    v = data["validation"]
    line = _("Validation: {errors} errors, {warnings} warnings").format(
        errors=v["errors"], warnings=v["warnings"])
    if v["findings"]:
        line += " " + _("(listed in the appendix)")
    return line


def summary_lines(data: dict[str, Any]) -> list[str]:
    """The lines under the title: plan, budget, and validation in one line."""
    return [_plan_line(data), _budget_line(data), _validation(data)]


def decisions_block(data: dict[str, Any]) -> Block:
    rows = []
    for d in data["decisions"]:
        what = d["what"] + (f": {d['summary']}" if d["summary"] else "")
        concerns = "; ".join(f"{r['id']} {r['title']}" for r in d["requests"])
        rows.append([d["date"], _n(data, "bodies", d["body"]), what, d["outcome_name"],
                     d["reference"], concerns, d["id"]])
    return Block(_("Decisions of the quarter"),
                 [_("date"), _("body"), _("what"), _("outcome"), _("minutes"),
                  _("requests"), _("decision")], rows,
                 [] if rows else [_("No decisions were recorded in the quarter.")])


def moved_block(data: dict[str, Any]) -> Block:
    rows = [[_(MOVED[kind]), r["date"], r["id"], r["title"], _n(data, "states", r["state"])]
            for kind in MOVED for r in data["moved"][kind]]
    return Block(_("Requests in the quarter"),
                 [_("event"), _("date"), _("request"), _("title"), _("state now")], rows,
                 [] if rows else [_("No request moved in the quarter.")])


def awaiting_block(data: dict[str, Any], body: str) -> Block:
    wait = data["awaiting"][body]
    rows = [[w["id"], w["title"], _n(data, "states", w["state"]), w["since"], str(w["days"])]
            for w in wait["requests"]]
    notes = [_("Milestone {name}: {status}, deadline {deadline}").format(
        name=_n(data, "milestones", m["id"]), status=_(STATUS[m["status"]]), deadline=m["deadline"])
        for m in wait["milestones"]]
    if not rows and not notes:
        notes = [_("Nothing waits on {body}.").format(body=_n(data, "bodies", body))]
    return Block(_("Waiting on {body} now").format(body=_n(data, "bodies", body)),
                 [_("request"), _("title"), _("state"), _("since"), _("days")], rows, notes)


def cycle_block(data: dict[str, Any]) -> Block:
    rows = []
    for m in data["milestones"]:
        quarters = "–".join(_quarter(q) for q in (m["quarters"][0], m["quarters"][-1])) \
            if len(m["quarters"]) > 1 else _quarter(m["quarters"][0])
        if m.get("inferred"):
            quarters += " " + _("(inferred)")
        done = f"{m['decision']} {m['decided_on']}" if m["decision"] else ""
        wait = _bodies(data, m["waiting_on"]) if m["status"] != "done" else ""
        rows.append([_n(data, "milestones", m["id"]), quarters, m["deadline"],
                     _n(data, "bodies", m["body"]), _(STATUS[m["status"]]), done, wait])
    return Block(_("The annual cycle"),
                 [_("milestone"), _("quarter"), _("deadline"), _("body"), _("status"),
                  _("done by"), _("waiting on")], rows)


def _count_block(data: dict[str, Any], heading: str, column: str, table: str,
                 counts: dict[str, int], notes: list[str] | None = None) -> Block:
    return Block(heading, [column, _("count")],
                 [[_n(data, table, k), str(v)] for k, v in counts.items()], notes or [])


def count_blocks(data: dict[str, Any]) -> list[Block]:
    r = data["requests"]
    total = (_("{total} request, of which {open} open") if r["total"] == 1
             else _("{total} requests, of which {open} open")).format(total=r["total"],
                                                                        open=r["open"])
    return [
        _count_block(data, _("Requests by state"), _("state"), "states", r["by_state"],
                     [total]),
        _count_block(data, _("Requests by scope"), _("scope"), "scopes", r["by_scope"]),
        _count_block(data, _("Requests by category"), _("category"), "categories",
                     r["by_category"]),
        Block(_("Movement during the quarter"), [_("event"), _("count")],
              [[_(MOVES[k]), str(v)] for k, v in r["movement"].items()]),
    ]


def overdue_block(data: dict[str, Any]) -> Block:
    """Who waits past GITS's own service levels, said to be GITS's and not the plan's."""
    late = data["requests"]["waiting_too_long"]
    levels = data["requests"].get("service_levels")
    notes = ([_("GITS's own service levels, set by {body} on {date}; not the plan's "
                "rule. Days awaiting a REF or VVG meeting do not count.").format(
                body=levels["set_by"], date=levels["set_on"])] if levels
             else [_("No service levels are set (the plan sets no time limits).")])
    return Block(_("Requests waiting longer than GITS's service level"),
                 [_("request"), _("state"), _("since"), _("days"), _("service level"),
                  _("title")],
                 [[w["id"], _n(data, "states", w["state"]), w["since"], str(w["days"]),
                   str(w["service_level_days"]), w["title"]] for w in late],
                 notes + ([] if late or not levels else [_("None.")]))


def outages_block(data: dict[str, Any]) -> Block:
    heading, rows, header, notes = outage_section(data)
    return Block(heading, header, [[_n(data, "systems", r[0]), *r[1:]] for r in rows], notes)


def inventory_block(data: dict[str, Any]) -> Block:
    return Block(_("Inventory for the coming year"),
                 [_("request"), _("state"), _("VVG's position"), _("decisions"),
                  _("to budget"), _("title")],
                 [[i["id"], _n(data, "states", i["state"]), i["position"] or _("not taken"),
                   ", ".join(i["decisions"]), _("yes") if i["to_budget"] else _("no"),
                   i["title"]] for i in data["inventory"]],
                 [] if data["inventory"] else [_("No needs inventoried.")])


def systems_block(data: dict[str, Any]) -> Block:
    return Block(_("Related systems touched by open requests"),
                 [_("system"), _("requests"), _("inform")],
                 [[s["name"], ", ".join(s["open_requests"]),
                   ", ".join(s["tell"]) or _("owner not named in the records")]
                  for s in data["systems"]],
                 [] if data["systems"] else [_("None.")])


Blocks = Callable[[dict[str, Any]], list[Block]]
LEAD: list[Blocks] = [
    lambda d: [decisions_block(d)],
    lambda d: [moved_block(d)],
    lambda d: [awaiting_block(d, body) for body in d["awaiting"]],
    lambda d: [cycle_block(d)],
    plan_diff_blocks,
]
"""What happened and what needs the readers: read first."""
COUNTS: list[Blocks] = [
    count_blocks,
    lambda d: [overdue_block(d)],
    lambda d: [inventory_block(d)],
    lambda d: [systems_block(d)],
    lambda d: [outages_block(d)],
    outcome_blocks,
]
"""Figures after the lead; then the charts and the appendix."""


def blocks(data: dict[str, Any]) -> list[Block]:
    return [b for make in (*LEAD, *COUNTS) for b in make(data)]


def appendix_lines(data: dict[str, Any]) -> list[str]:
    v = data["validation"]
    if not v["findings"]:
        return [_("No findings.")]
    return [f"{f['file']}:{f['line']} {f['code']} {f['message']}" for f in v["findings"]]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    rows = [[one_line(str(c)) for c in r] for r in rows]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = ["  ".join(str(c).ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in rows]
    return out


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(markdown(str(c)) for c in r) + " |" for r in rows]
    return out


def as_text(data: dict[str, Any]) -> str:
    out = [data["title"], "=" * len(data["title"]), _period(data), "", *summary_lines(data)]
    for b in blocks(data):
        out += ["", b.heading, "-" * len(b.heading)]
        out += _table(b.header, b.rows) if b.rows else []
        out += b.notes
    out += ["", *charts_text(data)]
    heading = _("Appendix: validation findings")
    out += ["", heading, "-" * len(heading), *appendix_lines(data)]
    return "\n".join(out) + "\n"


def as_markdown(data: dict[str, Any]) -> str:
    out = [f"# {data['title']}", "", _period(data) + ".", ""]
    out += [f"- {markdown(line)}" for line in summary_lines(data)]
    for b in blocks(data):
        out += ["", f"## {b.heading}", ""]
        out += _md_table(b.header, b.rows) if b.rows else []
        out += ([""] if b.rows and b.notes else []) + [markdown(n) for n in b.notes]
    out += ["", f"## {_('Charts')}", "", "```text", *charts_text(data), "```"]
    out += ["", f"## {_('Appendix: validation findings')}", ""]
    out += [f"- {markdown(line)}" for line in appendix_lines(data)]
    return "\n".join(out) + "\n"


CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
caption{text-align:left;font-style:italic}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f3f6}svg{max-width:100%;height:auto;font-size:12px}
.legend .key{margin-right:1rem;white-space:nowrap}.legend svg{vertical-align:middle}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}}
@page{size:A4;margin:15mm}"""


def _html_block(i: int, b: Block) -> list[str]:
    e = html.escape
    out = [f'<section id="s{i}"><h2>{e(b.heading)}</h2>']
    if b.rows:
        out.append("<table><thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>'
                                                  for h in b.header) + "</tr></thead><tbody>")
        out += ["<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in b.rows]
        out.append("</tbody></table>")
    out += [f"<p>{e(n)}</p>" for n in b.notes]
    out.append("</section>")
    return out

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
"""The report needs nothing but its own inline style and inline SVG: no script runs and
nothing is loaded from elsewhere, whatever a record's text holds."""


def as_html(data: dict[str, Any]) -> str:
    e = html.escape
    out = ['<!DOCTYPE html>', f'<html lang="{language()}">', "<head>",
           '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width">',
           f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
           f"<title>{e(data['title'])}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           "<main>", f"<h1>{e(data['title'])}</h1>", f"<p>{e(_period(data))}.</p>",
           f'<section id="status"><h2>{e(_("Plan and budget"))}</h2><ul>',
           *[f"<li>{e(line)}</li>" for line in summary_lines(data)], "</ul></section>"]
    for i, b in enumerate(blocks(data), start=1):
        out += _html_block(i, b)
    out += [f'<section id="charts"><h2>{e(_("Charts"))}</h2>',
            f"<h3>{e(_('Requests by state at the end of each quarter'))}</h3>",
            svg_requests(data),
            f"<h3>{e(_('Budget by payer'))}</h3>", svg_budget(data), *outcome_chart(data),
            "</section>",
            f'<section id="appendix"><h2>{e(_("Appendix: validation findings"))}</h2><ul>',
            *[f"<li>{e(line)}</li>" for line in appendix_lines(data)],
            "</ul></section>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


FORMATS: Formats = {"text": as_text, "markdown": as_markdown, "json": as_json,
                    "html": as_html}
"""``shvo cycle report --format``."""


def render(data: dict[str, Any], fmt: str) -> str:
    return str(FORMATS[fmt](data))
