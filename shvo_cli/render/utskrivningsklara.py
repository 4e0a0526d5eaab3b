"""The utskrivningsklara billing basis: per municipality, days × price per day."""

from __future__ import annotations

import json

from shvo_cli.finance.utskrivningsklara import Basis
from shvo_cli.findings import kr
from shvo_cli.i18n import _
from shvo_cli.render.cells import write_csv
from shvo_cli.render.safe import one_line
from shvo_cli.render.sheets import Cell, Sheet, foot


def _title(b: Basis) -> str:
    return _("Utskrivningsklara {month}: billing basis, {price} kr per day ({source})").format(
        month=b.month, price=kr(b.price), source=one_line(b.source))


def table(b: Basis) -> str:
    out = [_title(b), "", f"{_('code'):<6}{_('name'):<22}{_('days'):>8}{_('amount'):>14}"]
    out += [f"{r.code:<6}{r.name:<22}{r.days:>8}{kr(r.amount):>14}" for r in b.rows]
    out += ["", f"{_('total'):<28}{sum(r.days for r in b.rows):>8}{kr(b.total):>14}"]
    return "\n".join(out) + "\n"


def csv(b: Basis) -> str:
    return write_csv(["month", "code", "name", "days", "price_per_day", "amount"],
                     [[b.month, r.code, r.name, r.days, b.price, r.amount] for r in b.rows])


def to_json(b: Basis) -> str:
    return json.dumps({"version": 1, "month": b.month, "price_per_day": b.price,
                       "source": b.source, "total": b.total,
                       "municipalities": [{"code": r.code, "name": r.name, "days": r.days,
                                           "amount": r.amount} for r in b.rows]},
                      ensure_ascii=False, indent=2) + "\n"


def sheet(b: Basis) -> Sheet:
    rows: list[list[Cell]] = [[r.code, r.name, r.days, r.amount] for r in b.rows]
    return Sheet(_("Utskrivningsklara {month}").format(month=b.month),
                 [_("code"), _("name"), _("days"), _("amount")], rows, frozenset({3}),
                 foot(rows, [2, 3], 4, {3: b.total}))
