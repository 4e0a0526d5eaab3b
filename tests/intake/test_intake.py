"""E-mail intake: ``shvo request new --from-mail`` with synthetic mails only (fixtures in
tests/fixtures/mail/, and mails built here)."""

from __future__ import annotations

import mailbox
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from shvo_cli.intake.mail import MailError, read_mail, read_mails
from shvo_cli.intake.text import html_to_text
from tests.conftest import ROOT, Run

Shvo = Callable[..., Run]
MAIL = ROOT / "tests" / "fixtures" / "mail"
TEST_NUMBER = "19121212-1212"  # Skatteverket's test personnummer


def _new(shvo: Shvo, records: Path, source: Path, *more: str) -> Run:
    return shvo("--lang", "en", "request", "new", "--records", str(records), "--from-mail",
                str(source), "--category", "new-development", "--by",
                "handlaggare@example.org", "--no-commit", *more)


def _requests(records: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8")
            for p in sorted((records / "requests").glob("*.yaml"))}


def test_quoted_printable_mail_with_encoded_subject(records: Path, shvo: Shvo) -> None:
    before = _requests(records)
    run = _new(shvo, records, MAIL / "plain-qp.eml")
    assert run.exit_code == 0, run.stderr
    new_id = run.stdout.strip()
    text = _requests(records)[new_id]
    assert "title: Påminnelse när SIP-uppföljning närmar sig" in text
    assert "uppföljning av en SIP närmar sig" in text and "channel: email" in text
    assert "date: 2025-01-14" in text
    assert "samordnare@example.org" not in text  # the schema has no field for the sender
    assert "sender's address is not kept" in run.stderr
    assert set(_requests(records)) - set(before) == {new_id}


def test_multipart_base64_lists_attachments_without_storing_them(records: Path,
                                                                 shvo: Shvo) -> None:
    run = _new(shvo, records, MAIL / "multipart-base64.eml")
    assert run.exit_code == 0, run.stderr
    text = _requests(records)[run.stdout.strip()]
    assert "title: Visa utskrivningsdatum i översikten" in text  # RFC 2047, ISO-8859-1
    assert "Förslag: visa utskrivningsdatum i översikten." in text  # base64 text part
    assert "Bilagor i e-postmeddelandet (sparas inte): skiss.pdf" in text
    assert "PDF-1.4" not in text and not list(records.rglob("skiss.pdf"))


def test_html_only_mail_becomes_text() -> None:
    mail = read_mails(MAIL / "html-only.eml")[0]
    assert mail.description == ("Hej,\n\nvi vill kunna visa kommunens logotyp & färger.\n\n"
                                "- Startsidan\n- Utskrifter")
    assert "color" not in mail.description
    assert html_to_text("<p>a<br>b</p><script>x()</script>") == "a\nb"


def test_a_mail_with_a_personnummer_is_refused_without_echoing_it(records: Path,
                                                                  shvo: Shvo) -> None:
    before = _requests(records)
    run = _new(shvo, records, MAIL / "with-personnummer.eml")
    assert run.exit_code == 2
    assert "personal identity number" in run.stderr and "with-personnummer.eml" in run.stderr
    assert TEST_NUMBER not in run.stderr + run.stdout and "1212" not in run.stderr
    assert _requests(records) == before


@pytest.mark.parametrize("where", ["Subject", "From", "attachment", "html"])
def test_personnummer_anywhere_in_the_mail_is_found(where: str) -> None:
    subject = f"Fel {TEST_NUMBER}" if where == "Subject" else "Fel"
    sender = f'"{TEST_NUMBER}" <a@example.org>' if where == "From" else "a@example.org"
    raw = (f"From: {sender}\nSubject: {subject}\nDate: Thu, 6 Mar 2025 10:00:00 +0100\n"
           'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n--B\n'
           "Content-Type: text/html; charset=utf-8\n\n"
           + (f"<p>{TEST_NUMBER}</p>" if where == "html" else "<p>Hej</p>") + "\n--B\n"
           "Content-Type: text/plain; charset=utf-8\n"
           'Content-Disposition: attachment; filename="lista.txt"\n\n'
           + (f"{TEST_NUMBER}\n" if where == "attachment" else "ingenting\n") + "--B--\n")
    with pytest.raises(MailError, match="personal identity number") as caught:
        read_mail("x.eml", raw.encode())
    assert TEST_NUMBER not in str(caught.value)


def test_malformed_mails_are_refused_and_nothing_is_written(records: Path, shvo: Shvo,
                                                            tmp_path: Path) -> None:
    before = _requests(records)
    run = _new(shvo, records, MAIL / "no-date.eml")
    assert run.exit_code == 2 and "no-date.eml: the mail has no Date header" in run.stderr
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x00\x01 not a mail at all")
    run = _new(shvo, records, junk)
    assert run.exit_code == 2 and "junk.eml" in run.stderr and "Traceback" not in run.stderr
    # A folder with one bad mail registers none of them.
    folder = tmp_path / "inkorg"
    folder.mkdir()
    for name in ("plain-qp.eml", "html-only.eml", "no-date.eml"):
        shutil.copy(MAIL / name, folder / name)
    run = _new(shvo, records, folder)
    assert run.exit_code == 2 and "no-date.eml" in run.stderr
    assert _requests(records) == before
    no_category = shvo("--lang", "en", "request", "new", "--records", str(records),
                       "--from-mail", str(MAIL / "plain-qp.eml"), "--by", "a@example.org")
    assert no_category.exit_code == 2 and "needs --category" in no_category.stderr


def test_a_folder_and_an_mbox(records: Path, shvo: Shvo, tmp_path: Path) -> None:
    folder = tmp_path / "inkorg"
    folder.mkdir()
    for name in ("plain-qp.eml", "html-only.eml"):
        shutil.copy(MAIL / name, folder / name)
    run = _new(shvo, records, folder)
    assert run.exit_code == 0, run.stderr
    assert len(run.stdout.split()) == 2
    box_path = tmp_path / "inkorg.mbox"
    box = mailbox.mbox(box_path)
    for name in ("plain-qp.eml", "multipart-base64.eml"):
        box.add((MAIL / name).read_bytes())
    box.flush()
    box.close()
    run = _new(shvo, records, box_path)
    assert run.exit_code == 0, run.stderr
    titles = [_requests(records)[i] for i in run.stdout.split()]
    assert "Påminnelse när SIP-uppföljning" in titles[0]
    assert "Visa utskrivningsdatum" in titles[1]


def test_a_mail_dated_in_the_future_is_refused(records: Path, shvo: Shvo,
                                               tmp_path: Path) -> None:
    future = tmp_path / "framtid.eml"
    future.write_text((MAIL / "html-only.eml").read_text(encoding="utf-8").replace(
        "Wed, 5 Mar 2025", "Fri, 5 Mar 2100"), encoding="utf-8")
    before = _requests(records)
    run = _new(shvo, records, future)
    assert run.exit_code == 2 and "in the future" in run.stderr
    assert _requests(records) == before
