"""Meeting agendas (``shvo agenda``) and digests (``shvo digest``) from the bundled records."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from tests.conftest import RECORDS, Run

Shvo = Callable[..., Run]


def test_vvg_agenda_holds_what_the_meeting_needs(shvo: Shvo) -> None:
    run = shvo("--lang", "sv", "agenda", "VVG", "--date", "2025-04-10", "--records",
               str(RECORDS))
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert out.startswith("# Dagordning Vårdsamverkan Västra Götaland 2025-04-10\n")
    # The escalated request and the inventoried need, each with what VVG needs to decide.
    for text in ("§ 1. Obligatoriskt fält för planerat utskrivningsdatum (REQ-2025-0002)",
                 "Parterna har olika syn", "Ryms inom gällande förvaltningsplan",
                 "Melior/Denodo: Varje RPA-ansvarig förvaltning",
                 "Ingen konsensus i referensgruppen.", "§ 2. Digital underskrift av SIP",
                 "Nyutveckling (4.3)", "VVG:s ställningstagande till nya behov",
                 "shvo decision add --body VVG --type escalated-request --outcome approved "
                 "--request REQ-2025-0002 --step vvg-approve --as VVG --date 2025-04-10",
                 "--request REQ-2025-0003 --step take-on --as VVG"):
        assert text in out, text
    for english in ("new-development", "within-plan", "escalated ", "State:", "SIP-1177"):
        assert english not in out, english


def test_same_records_and_date_give_the_same_bytes(shvo: Shvo, tmp_path: Path) -> None:
    for fmt in ("markdown", "html", "docx"):
        paths = [tmp_path / f"a{i}.{fmt}" for i in range(2)]
        for p in paths:
            run = shvo("agenda", "REF", "--date", "2025-02-25", "--format", fmt, "-o", str(p),
                       "--records", str(RECORDS))
            assert run.exit_code == 0, run.stderr
        assert paths[0].read_bytes() == paths[1].read_bytes()


def test_docx_is_a_word_document(shvo: Shvo, tmp_path: Path) -> None:
    target = tmp_path / "dagordning.docx"
    run = shvo("--lang", "sv", "agenda", "VVG", "--date", "2025-04-10", "--format", "docx",
               "-o", str(target), "--records", str(RECORDS))
    assert run.exit_code == 0, run.stderr
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as z:
        assert {"[Content_Types].xml", "word/document.xml", "word/styles.xml"} <= set(
            z.namelist())
        root = ElementTree.fromstring(z.read("word/document.xml"))
    text = "".join(t.text or "" for t in root.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
    assert "Digital underskrift av SIP" in text and "Beslutsförslag" in text
    refused = shvo("--lang", "en", "agenda", "VVG", "--format", "docx", "--records", str(RECORDS))
    assert refused.exit_code == 2 and "-o FILE.docx" in refused.stderr


def test_html_agenda_escapes_and_is_in_swedish(shvo: Shvo) -> None:
    run = shvo("--lang", "sv", "agenda", "REF", "--date", "2025-02-25", "--format", "html",
               "--records", str(RECORDS))
    assert '<html lang="sv">' in run.stdout and "<main>" in run.stdout
    assert "--note &quot;…&quot;" in run.stdout  # quotes in commands escaped


def test_unknown_body_is_refused(shvo: Shvo) -> None:
    run = shvo("agenda", "GITS", "--records", str(RECORDS))
    assert run.exit_code == 2 and "not one of REF, VVG, SITIV, DVS" in run.stderr


def test_digest_says_what_changed_and_what_waits(shvo: Shvo) -> None:
    run = shvo("--lang", "sv", "digest", "--to", "sekreterare.vvg@example.org", "--since",
               "2025-04-01", "--as-of", "2025-04-30", "--records", str(RECORDS))
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert "2025-04-24 → Beslutat att genomföra (VVG)" in out
    assert "Protokoll VVG 2025-04-24, § 7" in out
    assert "REQ-2025-0003 Digital underskrift av SIP — Inventerat behov inför kommande år" in out
    assert "VVG:s ställningstagande till nya behov" in out
    bad = shvo("--lang", "en", "digest", "--to", "nobody@example.org", "--records", str(RECORDS))
    assert bad.exit_code == 2 and "not a member" in bad.stderr
    backwards = shvo("digest", "--to", "VVG", "--since", "2025-05-01", "--as-of",
                     "2025-04-01", "--records", str(RECORDS))
    assert backwards.exit_code == 2 and "after --as-of" in backwards.stderr


def test_dvs_and_sitiv_agendas(shvo: Shvo) -> None:
    dvs = shvo("--lang", "en", "agenda", "DVS", "--date", "2025-03-01", "--records",
               str(RECORDS))
    assert dvs.exit_code == 0, dvs.stderr
    assert "REQ-2025-0002" in dvs.stdout and "--transition escalate --as DVS" in dvs.stdout
    assert "--subregion …" in dvs.stdout
    sitiv = shvo("--lang", "en", "agenda", "SITIV", "--date", "2025-03-01", "--records",
                 str(RECORDS))
    assert sitiv.exit_code == 0 and "Requests awaiting a position: 0." in sitiv.stdout


def test_the_agenda_command_records_decision_and_step(records: Path, shvo: Shvo) -> None:
    """The command under a decision draft, run as printed (minutes filled in), records the
    decision and then the step that cites it."""
    import re
    import shlex

    base = ("--records", str(records), "--no-commit")
    # The bundled plan 2025 is adopted (DEC-2024-0001), so work within it can be approved.
    rid = shvo("request", "new", "--no-input", "--title", "Lyft ärende", "--category",
               "new-development", "--assignment", "process-functionality", "--channel",
               "support", "--by", "handlaggare@example.org", "--date", "2025-09-01",
               *base).stdout.strip()
    for args in (("triage", rid, "--scope", "within-plan", "--by", "handlaggare@example.org"),
                 ("escalate", rid, "--by", "dvs.fyrbodal@example.org")):
        done = shvo("request", *args, "--date", "2025-09-02", *base)
        assert done.exit_code == 0, done.stderr
    agenda = shvo("--lang", "en", "agenda", "VVG", "--date", "2025-10-01", "--records",
                  str(records)).stdout
    line = next(c.strip() for c in agenda.splitlines()
                if "--step vvg-approve" in c and rid in c)
    args = shlex.split(line.replace("§ …", "§ 7"))[1:]
    run = shvo("--lang", "en", *args, "--by", "sekreterare.vvg@example.org", "--no-commit",
               "--records", str(records), "--no-input")
    assert run.exit_code == 0, run.stderr
    decision_id = run.stdout.split()[0]
    assert re.fullmatch(r"DEC-2025-\w+", decision_id)
    text = (records / "requests" / f"{rid}.yaml").read_text(encoding="utf-8")
    assert "state: approved" in text and f"decisions: [{decision_id}]" in text


def test_step_without_request_is_refused_before_anything_is_written(records: Path,
                                                                    shvo: Shvo) -> None:
    before = sorted(p.name for p in (records / "decisions").iterdir())
    run = shvo("--lang", "en", "decision", "add", "--no-input", "--body", "VVG", "--type",
               "other", "--reference", "Protokoll VVG 2025-10-01, § 1", "--step",
               "vvg-approve", "--by", "sekreterare.vvg@example.org", "--records", str(records),
               "--no-commit")
    assert run.exit_code == 2 and "--step needs --request" in run.stderr
    assert sorted(p.name for p in (records / "decisions").iterdir()) == before
