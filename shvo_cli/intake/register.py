"""Turn mails into new requests: every mail is read and every request prepared (and so
checked) before the first file is written, so a bad mail in a batch leaves the records as
they were."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from shvo_cli.i18n import _
from shvo_cli.intake.mail import Mail, MailError, read_mails, request_fields
from shvo_cli.records.schemas import load_schema
from shvo_cli.requests.steps import Actor, Change, create


def sender_allowed() -> bool:
    """The records allow keeping the sender only where the request schema has a field for it."""
    return "requester" in load_schema("request").get("properties", {})


def prepare(root: Path, actor: Actor, path: Path, category: str,
            today: date) -> list[tuple[Mail, Change]]:
    """One checked change per mail under ``path``, nothing written yet."""
    mails = read_mails(path)
    for mail in mails:
        if mail.received > today:
            raise MailError(_("{file}: the Date header {date} is in the future").format(
                file=mail.source, date=mail.received))
    keep = sender_allowed()
    return [(m, create(root, actor, m.received, request_fields(m, category, keep)))
            for m in mails]
