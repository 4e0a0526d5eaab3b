"""The dependency register (``shvo systems list|show``): each related system with the open
requests touching it, and whom to tell."""

from __future__ import annotations

from shvo_cli.i18n import N_, _
from shvo_cli.records.repository import Repository
from shvo_cli.render.formats import Formats
from shvo_cli.render.table import Page, Table
from shvo_cli.requests.views import notify_for, touching
from shvo_cli.text import one_line

HEADINGS = (N_("system"), N_("open requests"), N_("name"))


def list_table(repo: Repository) -> Page:
    """One line per system: id, how many open requests touch it, name. Plain text keeps the
    lines without a header row (scripts read them); a terminal shows the headers."""
    rows = [[sid, _("{count:>3} open").format(count=len(touching(repo, sid))), system.name]
            for sid, system in repo.systems.items()]
    return Page([Table([_(h) for h in HEADINGS], rows, pad_last=False, strip=False,
                       show_headers=False)])


LIST: Formats = {"table": list_table}


def show_text(repo: Repository, system_id: str) -> Page:
    """The system's dependency text, whom to tell, and every open request that touches it."""
    system = repo.systems[system_id]
    [info] = notify_for(repo, (system_id,))
    page = Page([f"{system.id}  {system.name}", "", f"  {system.dependency}", "",
                 _("Who must be told: {whom}").format(
                     whom=", ".join(info["tell"]) or _("owner not named in the records"))])
    rows = touching(repo, system_id)
    if not rows:
        return page.add("", _("Open requests (0):\n  none"))
    page.add("", _("Open requests ({count}):").format(count=len(rows)))
    return page.add(Table([_("id"), _("state, title")],
                          [[r.id, f"{r.state:<16} {one_line(r.title)}"] for r in rows],
                          indent="  ", pad_last=False, strip=False, show_headers=False))


SHOW: Formats = {"text": show_text}
