"""A municipality's statement as HTML (printable on A4), Markdown and XLSX sheets.

Written for a municipal contact who must explain the charge to their own finance office:
plain sentences in the run's language (Swedish by default for this command), names not
codes, every amount in whole kronor, and at the foot the records and commit the figures
come from. Record text (line names, key texts, sources) is escaped for HTML and Markdown.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from shvo_cli.findings import kr
from shvo_cli.i18n import _, language
from shvo_cli.invoices.statement import Statement
from shvo_cli.render.safe import markdown, one_line
from shvo_cli.render.sheets import Cell, Sheet, foot


def percent(part: int, whole: int) -> str:
    """``part / whole`` as a percentage with two decimals, rounded half up, in integers."""
    q = (part * 20000 + whole) // (2 * whole) if whole else 0
    sign = "," if language() == "sv" else "."
    return f"{q // 100}{sign}{q % 100:02d} %"


def title(s: Statement) -> str:
    return _("Cost statement {year}: {name}").format(year=s.year, name=s.name)


def key_meaning(s: Statement, i: int) -> str:
    line = s.lines[i]
    if line.key_text is None:
        return _("No financing key: the plan states the municipalities' share, {amount} kr, "
                 "divided between the 49 municipalities by population.").format(
            amount=kr(line.vgk_amount))
    return _("{text}. The municipalities together pay {percent} %, divided between the 49 "
             "municipalities by population.").format(text=one_line(line.key_text).rstrip("."),
                                                     percent=line.vgk_percent)


def paragraphs(s: Statement) -> list[str]:
    """The plain-language text, in order; record text already made one line."""
    out = [_("What {name} pays for SHVO (Samordnad hälsa, vård och omsorg) in {year}: its "
             "share of each line of the budget, how that share is worked out, and its "
             "monthly invoices. {name} belongs to the kommunalförbund {association}.").format(
        name=s.name, association=s.association, year=s.year)]
    if s.preliminary:
        out.append(_("PRELIMINARY: the {year} budget is not yet decided; the figures may "
                     "change.").format(year=s.year))
    out.append(_("{name} had {population} inhabitants on {date} (source: {source}). The 49 "
                 "municipalities had {total} together, so {name} pays {share} of the "
                 "municipalities' share of each line.").format(
        name=s.name, population=kr(s.row.population), date=s.row.as_of,
        source=one_line(s.row.source), total=kr(s.county_population),
        share=percent(s.row.population, s.county_population)))
    if s.stale:
        out.append(_("Note: this figure is from {as_of}, older than the population table's "
                     "reference date {reference}: no newer figure was available when the "
                     "table was compiled.").format(as_of=s.row.as_of, reference=s.reference_date))
    return out


def reconciliation_text(s: Statement) -> str:
    r = s.reconciliation
    if r is None:
        return _("The reconciliation against SCB's actual population figures is made after "
                 "the year; it has not been made yet.")
    meaning = (_("{name} pays the difference") if r.difference > 0 else
               _("{name} is paid back the difference") if r.difference < 0 else
               _("no difference")).format(name=s.name)
    return _("Reconciliation against SCB's figures ({table}): invoiced {invoiced} kr, due "
             "{due} kr, difference {difference} kr: {meaning}.").format(
        table=s.actual_table, invoiced=kr(r.invoiced), due=kr(r.due),
        difference=kr(r.difference), meaning=meaning)


def source_text(s: Statement) -> str:
    commit = s.commit or _("none (the records are not in git)")
    if s.commit and s.dirty:
        commit += " " + _("(with uncommitted changes)")
    return _("Figures from {budget} ({status}) and {table} ({files}); records at commit "
             "{commit}.").format(budget=s.budget_id, status=s.budget_status, table=s.table_id,
                                 files=", ".join(s.files), commit=commit)


def line_rows(s: Statement) -> list[list[Cell]]:
    return [[x.name, x.amount, key_meaning(s, i), x.vgk_amount, x.part]
            for i, x in enumerate(s.lines)]


def line_headers(s: Statement) -> list[str]:
    return [_("budget line"), _("line amount"), _("key and what it means"),
            _("municipalities' share"), _("{name}'s part").format(name=s.name)]


def month_status(s: Statement, i: int) -> str:
    m = s.months[i]
    text = (_("issued {date} ({id})").format(date=m.issued_on, id=m.issued) if m.issued
            else _("planned"))
    if m.credits:
        text += "; " + _("credited {amount} kr").format(amount=kr(-m.credits))
    return text


def month_rows(s: Statement) -> list[list[Cell]]:
    return [[m.month, m.amount + m.credits, month_status(s, i)]
            for i, m in enumerate(s.months)]


def month_headers() -> list[str]:
    return [_("month"), _("amount"), _("status")]


# --- formats --------------------------------------------------------------------------------

_CSS = """@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 10.5pt; color: #111; }
h1 { font-size: 16pt; margin: 0 0 6pt; } h2 { font-size: 12pt; margin: 14pt 0 4pt; }
table { border-collapse: collapse; width: 100%; page-break-inside: avoid; }
th, td { border-bottom: 1px solid #bbb; padding: 3pt 4pt; text-align: left;
  vertical-align: top; }
td.kr, th.kr { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #111; }
.prel { border: 2px solid #111; padding: 4pt; font-weight: bold; }
.foot { margin-top: 14pt; font-size: 8.5pt; color: #444; }"""


def _cell(value: Cell, money: bool) -> str:
    if isinstance(value, int) and money:
        return f'<td class="kr">{kr(value)}</td>'
    return f"<td>{html.escape(str(value if value is not None else ''))}</td>"


def _html_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], money: set[int],
                total: Sequence[Cell] | None = None) -> str:
    head = "".join(f'<th class="kr">{html.escape(h)}</th>' if j in money
                   else f"<th>{html.escape(h)}</th>" for j, h in enumerate(headers))
    body = ["<tr>" + "".join(_cell(v, j in money) for j, v in enumerate(r)) + "</tr>"
            for r in rows]
    if total is not None:
        body.append('<tr class="total">' + "".join(_cell(v, j in money)
                                                  for j, v in enumerate(total)) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def to_html(s: Statement) -> str:
    e = html.escape
    paras = paragraphs(s)
    out = ["<!DOCTYPE html>", f'<html lang="{language()}"><head><meta charset="utf-8">',
           f"<title>{e(title(s))}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(title(s))}</h1>", f"<p>{e(paras[0])}</p>"]
    out += [f'<p class="prel">{e(p)}</p>' if s.preliminary and i == 1 else f"<p>{e(p)}</p>"
            for i, p in enumerate(paras[1:], start=1)]
    out.append(f"<h2>{e(_('Share of each budget line'))}</h2>")
    out.append(_html_table(line_headers(s), line_rows(s), {1, 3, 4},
                           [_("total"), sum(x.amount for x in s.lines), "",
                            sum(x.vgk_amount for x in s.lines), s.total]))
    out.append(f"<h2>{e(_('Invoices month by month'))}</h2>")
    out.append(_html_table(month_headers(), month_rows(s), {1},
                           [_("total"), s.invoiced, ""]))
    out.append(f"<h2>{e(_('Reconciliation'))}</h2><p>{e(reconciliation_text(s))}</p>")
    out.append(f'<p class="foot">{e(source_text(s))}</p></body></html>')
    return "\n".join(out) + "\n"


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], money: set[int]) -> str:
    def cell(v: Cell, j: int) -> str:
        return kr(v) if isinstance(v, int) and j in money else markdown(str(v or ""))

    out = ["| " + " | ".join(markdown(h) for h in headers) + " |",
           "|" + "|".join("---:" if j in money else "---" for j in range(len(headers))) + "|"]
    out += ["| " + " | ".join(cell(v, j) for j, v in enumerate(r)) + " |" for r in rows]
    return "\n".join(out)


def to_markdown(s: Statement) -> str:
    paras = paragraphs(s)
    out = [f"# {markdown(title(s))}", ""]
    for i, p in enumerate(paras):
        out += [f"**{markdown(p)}**" if s.preliminary and i == 1 else markdown(p), ""]
    out += [f"## {_('Share of each budget line')}", "",
            _md_table(line_headers(s), [*line_rows(s), [_("total"), sum(
                x.amount for x in s.lines), "", sum(x.vgk_amount for x in s.lines), s.total]],
                {1, 3, 4}), "",
            f"## {_('Invoices month by month')}", "",
            _md_table(month_headers(), [*month_rows(s), [_("total"), s.invoiced, ""]], {1}), "",
            f"## {_('Reconciliation')}", "", markdown(reconciliation_text(s)), "",
            "---", "", markdown(source_text(s)), ""]
    return "\n".join(out)


def sheets(s: Statement) -> list[Sheet]:
    lines = line_rows(s)
    months = month_rows(s)
    text: list[list[Cell]] = [[p] for p in [*paragraphs(s), reconciliation_text(s),
                                            source_text(s)]]
    return [Sheet(_("Share of each budget line"), line_headers(s), lines, frozenset({1, 3, 4}),
                  foot(lines, [1, 3, 4], 5, {})),
            Sheet(_("Invoices month by month"), month_headers(), months, frozenset({1}),
                  foot(months, [1], 3, {1: s.invoiced})),
            Sheet(_("Sources"), [title(s)], text, frozenset())]
