"""``shvo request new --from-mail``: register requests from e-mails (the core is in
shvo_cli/intake/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shvo_cli.cli.console import echo
from shvo_cli.i18n import _


def register_mails(root: Path, actor: object, path: Path, category: str | None,
                   commit: bool | None) -> None:
    """Read, check and register every mail; print each new id on stdout."""
    from shvo_cli.cli.common import detached_allowed
    from shvo_cli.errors import ShvoError
    from shvo_cli.intake.register import prepare, sender_allowed
    from shvo_cli.requests.steps import Actor, apply
    from shvo_cli.store.files import change_lock

    if not category:
        raise ShvoError(_("--from-mail needs --category (maintenance, sustaining-development "
                          "or new-development)"))
    assert isinstance(actor, Actor)
    with change_lock(root):
        prepared = prepare(root, actor, path, category, date.today())
        for mail, change in prepared:
            sha = apply(change, commit=commit, allow_detached=detached_allowed())
            echo(change.request_id)
            echo(_("{source}: {id} registered from the mail of {date}{commit}").format(
                source=mail.source, id=change.request_id, date=mail.received,
                commit=f" ({sha[:10]})" if sha else ""), err=True)
    if not sender_allowed():
        echo(_("the sender's address is not kept: the request records have no field "
                     "for it"), err=True)
