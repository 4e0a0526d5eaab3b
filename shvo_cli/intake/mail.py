"""Read requests from e-mails (.eml files, a folder of them, or an mbox) with the standard
library's ``email`` package, for ``shvo request new --from-mail``.

Requests come in by e-mail to info.samsa@vgregion.se (seed 6.5). A mail becomes a request
with the Subject as title (RFC 2047 decoded), the text part as description (quoted-printable
and base64 decoded; an HTML-only mail converted to text), channel ``email`` and the date of
its Date header. Attachments are never stored: their names are listed in the description.
The sender's address is kept only where the request schema has a ``requester`` field.

A mail that holds a personal identity number anywhere (a header, the subject, any text part,
an attachment's name or text) is refused as a whole, and the refusal never repeats the
number. A mail that cannot be read as one (no Subject, no Date, no text) is refused with the
reason; nothing is written for a refused mail.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.intake.text import html_to_text
from shvo_cli.privacy import find_identity_numbers

ATTACHMENTS_NOTE = "Bilagor i e-postmeddelandet (sparas inte): {names}"
"""Written into the record, which keeps Swedish whatever the run's language."""
MAX_TITLE = 200
"""Longer subjects are cut (with …): a title is one line in every listing."""


class MailError(ShvoError):
    """A mail that cannot become a request: unreadable, incomplete, or holding a personnummer."""


@dataclass(frozen=True)
class Mail:
    """What a request takes from one mail."""

    source: str  # the file (and message number in an mbox), as shown to the user
    title: str
    description: str
    received: date
    sender: str  # the address only, "" if none
    attachments: tuple[str, ...]


def sources(path: Path) -> list[tuple[str, bytes]]:
    """(name, raw bytes) of each mail in a file, a folder of .eml files, or an mbox."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".eml" and p.is_file())
        if not files:
            raise MailError(_("{folder}: no .eml files").format(folder=path))
        return [(p.name, p.read_bytes()) for p in files]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MailError(_("{file}: cannot read it ({error})").format(
            file=path, error=exc.strerror)) from None
    if raw.startswith(b"From "):
        box = mailbox.mbox(path, create=False)
        try:
            return [(f"{path.name} #{i}", box.get_bytes(key))
                    for i, key in enumerate(box.keys(), start=1)]
        finally:
            box.close()
    return [(path.name, raw)]


def _texts(msg: EmailMessage, name: str) -> list[str]:
    """Every text the mail carries (headers, text parts, attachment names), decoded."""
    out = [f"{k}: {v}" for k, v in msg.items()]
    for part in msg.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if filename:
            out.append(filename)
        if part.get_content_maintype() == "text":
            try:
                out.append(str(part.get_content()))
            except (LookupError, ValueError):
                raise MailError(_("{file}: a text part cannot be decoded (unknown charset "
                                  "or broken encoding)").format(file=name)) from None
    return out


def _body(msg: EmailMessage, name: str) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise MailError(_("{file}: the mail has no text part to use as description").format(
            file=name))
    text = str(part.get_content())
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def _header(msg: EmailMessage, key: str, name: str) -> str:
    try:
        value = msg[key]
    except (IndexError, ValueError):  # a header the parser cannot even represent
        value = None
    if value is None or not str(value).strip():
        raise MailError(_("{file}: the mail has no {header} header").format(file=name,
                                                                           header=key))
    return " ".join(str(value).split())


def read_mail(name: str, raw: bytes) -> Mail:
    """One mail as a request's fields, or a MailError that names the file and the reason."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    if any(find_identity_numbers(text) for text in _texts(msg, name)):
        raise MailError(_("{file}: the mail holds a personal identity number (personnummer); "
                          "it was not registered. Ask the sender to remove it, or register the "
                          "request by hand without it.").format(file=name))
    title = _header(msg, "Subject", name)
    try:
        received = parsedate_to_datetime(_header(msg, "Date", name)).date()
    except (TypeError, ValueError):
        raise MailError(_("{file}: the Date header is not a date").format(file=name)) from None
    body = _body(msg, name)
    attachments = tuple(p.get_filename() or _("(unnamed)") for p in msg.iter_attachments())
    sender = parseaddr(str(msg.get("From", "")))[1]
    if len(title) > MAX_TITLE:
        title = title[:MAX_TITLE - 1] + "…"
    return Mail(name, title, body, received, sender, attachments)


def read_mails(path: Path) -> list[Mail]:
    """Every mail under ``path``; the first one that cannot be read stops all (nothing is
    registered from a batch with a bad mail, so it can be fixed and run again)."""
    return [read_mail(name, raw) for name, raw in sources(path)]


def description(mail: Mail) -> str:
    """The request's description: the mail's text, and the names of attachments not kept."""
    text = mail.description
    if mail.attachments:
        text += ("\n\n" if text else "") + ATTACHMENTS_NOTE.format(
            names=", ".join(mail.attachments))
    return text


def request_fields(mail: Mail, category: str, keep_sender: bool) -> dict[str, object]:
    """The fields of the new request (``request.create`` adds id, state and history)."""
    fields: dict[str, object] = {"title": mail.title, "description": description(mail) or None,
                                 "category": category, "channel": "email", "systems": []}
    if keep_sender and mail.sender:
        fields["requester"] = mail.sender
    return fields
