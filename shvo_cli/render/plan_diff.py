"""``plan diff`` in Swedish, by section (text, Markdown, HTML), and ``budget compare``
(table, CSV, JSON). The diff is written for VVG, so it is Swedish whatever the run's
language, like the plan it describes."""

from __future__ import annotations

import html
import json

from shvo_cli.budget.compare import Comparison
from shvo_cli.i18n import _
from shvo_cli.plan.document import kronor
from shvo_cli.plan.views import PlanDiff
from shvo_cli.render.plan import md
from shvo_cli.render.safe import one_line


def _amount(value: int | None) -> str:
    return "–" if value is None else kronor(value) + " kr"


def diff_sections(diff: PlanDiff) -> list[tuple[str, list[str]]]:
    """(section heading, items) in plain Swedish."""
    out: list[tuple[str, list[str]]] = []
    if diff.needs:
        out.append(("Behov som VVG tagit ställning till att omhänderta", [
            f"{n['text']} ({', '.join(n['requests'])}) – föreslås under {n['category']}"
            for n in diff.needs]))
    out.append(("4 Uppdrag – tillkommande", [
        f"{a['category']}: {a['text']}" for a in diff.added]))
    out.append(("4 Uppdrag – utgående", [
        f"{a['category']}: {a['text']}" for a in diff.retired]))
    out.append(("4 Uppdrag – omformulerade", [
        f"{a['category']}: ”{a['old_text']}” blir ”{a['text']}”" for a in diff.reworded]))
    out.append(("5 Budget – ändrade rader", [
        f"{b['name']}: {_amount(b['old'])} → {_amount(b['new'])}"
        + (f" (nyckel {b['old_key']} → {b['new_key']})" if b["old_key"] != b["new_key"]
           else "") for b in diff.budget]))
    for s in diff.sections:
        out.append((f"{s['number']} {s['heading']} – ändrad text", [
            *[f"Tidigare: {t}" for t in s["old"]], *[f"Nu: {t}" for t in s["new"]]]))
    return out


def diff_text(diff: PlanDiff, markdown: bool = False) -> str:
    title = f"Förvaltningsplan {diff.new} jämfört med {diff.old}"
    lines = [("# " + title) if markdown else title]
    if diff.empty:
        lines += ["", "Inga ändringar."]
    for heading, items in diff_sections(diff):
        lines += ["", ("## " + md(heading)) if markdown else heading]
        show = [md(i) for i in items] if markdown else [one_line(i) for i in items]
        lines += [f"- {i}" for i in show] if show else ["- Inga."]
    return "\n".join(lines) + "\n"


def diff_html(diff: PlanDiff) -> str:
    e = html.escape
    title = f"Förvaltningsplan {diff.new} jämfört med {diff.old}"
    out = ["<!DOCTYPE html>", '<html lang="sv">', '<head><meta charset="utf-8">',
           f"<title>{e(title)}</title>",
           "<style>body{font-family:Calibri,Arial,sans-serif;max-width:48em;margin:2em auto}"
           "@page{size:A4;margin:20mm}</style></head><body>", f"<h1>{e(title)}</h1>"]
    for heading, items in diff_sections(diff):
        out.append(f"<h2>{e(heading)}</h2><ul>")
        out += [f"<li>{e(i)}</li>" for i in items] or ["<li>Inga.</li>"]
        out.append("</ul>")
    return "\n".join([*out, "</body></html>"]) + "\n"


# --- budget compare -------------------------------------------------------------------------

_COLUMNS = ("this_year", "next_year", "change", "budget_effect", "population_effect")


def _warning(c: Comparison) -> str | None:
    if not c.preliminary:
        return None
    return _("preliminary (not decided): {budgets}; figures may change").format(
        budgets=", ".join(c.preliminary))


def compare_table(c: Comparison) -> str:
    head = [_("payer"), _("name"), str(c.year), str(c.next), _("change"),
            _("budget change"), _("population change")]
    rows = [[r.group.id, one_line(r.group.name), *(kronor(getattr(r, k)) for k in _COLUMNS)]
            for r in c.rows]
    rows.append([_("total"), "", *(kronor(c.total(k)) for k in _COLUMNS)])
    widths = [max(len(str(x[i])) for x in [head, *rows]) for i in range(len(head))]
    fmt = [f"{{:<{w}}}" if i < 2 else f"{{:>{w}}}" for i, w in enumerate(widths)]
    lines = [_("Budget {next} against {year} (population {old} → {new})").format(
        next=c.next, year=c.year, old=c.this_table, new=c.next_table), ""]
    lines += ["  ".join(f.format(x) for f, x in zip(fmt, row, strict=True)).rstrip()
              for row in [head, *rows]]
    warning = _warning(c)
    if warning:
        lines += ["", "! " + warning]
    return "\n".join(lines) + "\n"


def compare_csv(c: Comparison) -> str:
    """Every cell through :func:`shvo_cli.render.cells.neutral` (no formula can run)."""
    from shvo_cli.render.cells import write_csv

    return write_csv(["payer", "name", "association", *_COLUMNS],
                     [[r.group.id, r.group.name, r.group.association or "",
                       *(getattr(r, k) for k in _COLUMNS)] for r in c.rows])


def compare_json(c: Comparison) -> str:
    payload = {"version": 1, "year": c.year, "next": c.next, "population": {
        str(c.year): c.this_table, str(c.next): c.next_table},
        "preliminary": list(c.preliminary),
        "rows": [{"payer": r.group.id, "name": r.group.name,
                  "association": r.group.association,
                  **{k: getattr(r, k) for k in _COLUMNS}} for r in c.rows],
        "totals": {k: c.total(k) for k in _COLUMNS}}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
