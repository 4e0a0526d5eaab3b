"""A digest as plain text, ready to paste into an e-mail or newsletter (shvo sends nothing)."""

from __future__ import annotations

from typing import Any

from shvo_cli.i18n import _
from shvo_cli.render.safe import one_line


def as_text(data: dict[str, Any]) -> str:
    out = [_("SHVO digest for {to}, {since} – {as_of}").format(
        to=data["to"], since=data["since"], as_of=data["as_of"]), ""]
    out.append(_("Changed since {since}:").format(since=data["since"]))
    for r in data["changed"]:
        out.append(f"  {r['id']} {one_line(r['title'])}")
        out += [f"    {m['date']} → {m['state_name']} ({m['by']})" for m in r["moves"]]
    if not data["changed"]:
        out.append("  " + _("No request changed."))
    out += ["", _("Decisions:")]
    out += [f"  {d['date']} {d['body']}: {d['what']}, {d['outcome']} ({one_line(d['reference'])})"
            for d in data["decisions"]] or ["  " + _("None.")]
    out += ["", _("Waiting on {bodies} now:").format(bodies=", ".join(data["bodies"]))]
    out += [f"  {w['id']} {one_line(w['title'])} — {w['state_name']}, "
            + _("{days} days").format(days=w["days"])
            + (" " + _("(longer than the service level)") if w["overdue"] else "")
            for w in data["waiting"]] or ["  " + _("Nothing.")]
    if data["milestones"]:
        out += ["", _("Milestones of the annual cycle due:")]
        out += [f"  {m['name']}" for m in data["milestones"]]
    return "\n".join(one_line(line) for line in out) + "\n"  # record text stays one line
