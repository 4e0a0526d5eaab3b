"""The terminal as a person meets it: record text that would retitle the terminal or turn
text around never reaches it raw, in any command; rich tables and colours on a terminal,
plain text byte for byte everywhere else; a closed pipe ends quietly; the run's options work
before and after the command."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from shvo_cli.text import first_hidden, json_safe, one_line, visible
from tests.conftest import ROOT, Run, commit_records

Shvo = Callable[..., Run]
SHVO = [sys.executable, "-m", "shvo_cli"]

HOSTILE = "\x1b]0;pwned\x07\x9b2J\u202eX"
"""An OSC that retitles the terminal, a C1 CSI that clears it, and a right-to-left override."""
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def _yaml(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (escapes spelled out, as a hand edit could)."""
    return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'


def _plant(records: Path) -> None:
    """A hostile decision summary, system name, request title and budget line name."""
    def swap(rel: str, old: str, new: str) -> None:
        path = records / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    swap("decisions/DEC-2025-0001.yaml", "summary: VVG beslutar att fältet för planerat "
         "utskrivningsdatum görs obligatoriskt.", "summary: " + _yaml(HOSTILE + " beslut"))
    swap("systems.yaml", "    name: ELVIS", "    name: " + _yaml("ELVIS" + HOSTILE))
    path = records / "requests" / "REQ-2025-0002.yaml"
    title = "title: " + _yaml(HOSTILE).replace("\\", "\\\\")
    path.write_text(re.sub("(?m)^title: .*$", title, path.read_text(encoding="utf-8"),
                           count=1), encoding="utf-8")
    swap("budgets/budget-2025.yaml", "    name: Drift och licens",
         "    name: " + _yaml("Drift" + HOSTILE))


@pytest.fixture
def hostile(records: Path) -> Path:
    _plant(records)
    return records


def _clean(text: str) -> None:
    for char in RAW:
        assert char not in text, f"raw U+{ord(char):04X} in output:\n{text!r}"


COMMANDS = [
    ("decision", "show", "DEC-2025-0001"),
    ("decision", "list"),
    ("decision", "list", "--format", "json"),
    ("systems", "list"),
    ("systems", "show", "ELVIS"),
    ("request", "show", "REQ-2025-0002"),
    ("request", "show", "REQ-2025-0002", "--format", "json"),
    ("request", "list"),
    ("request", "list", "--format", "csv"),
    ("request", "list", "--format", "json"),
    ("budget", "show"),
    ("budget", "split", "--by", "party"),
    ("budget", "invoices", "--month", "2025-03"),
    ("budget", "invoices", "--month", "2025-03", "--format", "json"),
    ("validate",),
    ("validate", "--format", "github"),
    ("validate", "--format", "json"),
    ("summary",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_hostile_text_reaches_no_terminal_raw(shvo: Shvo, hostile: Path,
                                             args: tuple[str, ...]) -> None:
    run = shvo(*args, "--records", str(hostile))
    _clean(run.stdout)
    _clean(run.stderr)
    # 2: request show refuses a record that fails validation (Y014), and says so, escaped
    assert run.exit_code in (0, 1, 2) and "internal error" not in run.stderr, run.stderr


def test_hostile_text_is_shown_visibly(shvo: Shvo, hostile: Path) -> None:
    shown = shvo("decision", "show", "DEC-2025-0001", "--records", str(hostile)).stdout
    assert "\\x1b]0;pwned\\x07\\x9b2J <U+202E>X beslut" in shown.replace("2J<", "2J <")
    listed = shvo("systems", "list", "--records", str(hostile)).stdout
    assert "ELVIS\\x1b]0;pwned\\x07\\x9b2J<U+202E>X" in listed
    as_json = shvo("request", "show", "REQ-2025-0002", "--format", "json", "--records",
                   str(hostile)).stdout
    assert '"\\u001b]0;pwned\\u0007\\u009b2J\\u202eX"' in as_json  # the same value
    assert json.loads(as_json)["title"] == HOSTILE
    refused = shvo("budget", "show", "--records", str(hostile))  # a budget with errors
    assert refused.exit_code != 0 and "Y014" in refused.stderr


def test_validate_reports_hostile_text_as_errors(shvo: Shvo, hostile: Path) -> None:
    run = shvo("validate", "--records", str(hostile))
    assert run.exit_code == 1
    y014 = [line for line in run.stdout.splitlines() if "error[Y014]" in line]
    assert {line.split(":")[0].replace(os.sep, "/").split("records/")[-1] for line in y014} \
        == {"decisions/DEC-2025-0001.yaml", "systems.yaml", "requests/REQ-2025-0002.yaml",
            "budgets/budget-2025.yaml"}
    assert "U+001B (shown as \\x1b)" in run.stdout


def test_a_bidi_override_typed_raw_is_an_error(shvo: Shvo, records: Path) -> None:
    path = records / "requests" / "REQ-2025-0001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Påminnelse", "title: Påminnelse \u202eom"), encoding="utf-8")
    run = shvo("validate", "--records", str(records))
    assert run.exit_code == 1 and "error[Y014]" in run.stdout and "U+202E" in run.stdout
    _clean(run.stdout)


def test_git_author_and_subject_never_raw(shvo: Shvo, tmp_path: Path) -> None:
    records = commit_records(tmp_path / "repo")
    top = records.parent
    path = records / "requests" / "REQ-2025-0001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# hand edit\n", encoding="utf-8")
    subprocess.run(["git", "-c", f"user.name=Mallory{HOSTILE}", "commit", "-qam",
                    f"edit {HOSTILE}"], cwd=top, check=True, capture_output=True)
    for fmt in ("text", "json"):
        run = shvo("request", "log", "REQ-2025-0001", "--format", fmt, "--records", str(records))
        _clean(run.stdout)
        _clean(run.stderr)
        assert "Mallory" in run.stdout


def test_refusals_quoting_a_value_are_escaped(shvo: Shvo, records: Path) -> None:
    run = shvo("systems", "show", "X" + HOSTILE, "--records", str(records))
    assert run.exit_code == 2 and "unknown system" in run.stderr
    _clean(run.stderr)


# --- the one escaping function ----------------------------------------------------------

def test_text_functions() -> None:
    assert visible("a\x1bb\nc\td\r") == "a\\x1bb\nc\td\\x0d"
    assert one_line("a\nb\tc\u2028d\x9b") == "a b c d\\x9b"
    assert visible("\u202e\u2066\u200b\ufeff") == "<U+202E><U+2066><U+200B><U+FEFF>"
    assert visible("Västra Götaland — §4 «ok» 🙂") == "Västra Götaland — §4 «ok» 🙂"
    assert first_hidden("plain\ttext\n") is None
    assert first_hidden("tab\there", multiline=False) == "\t"
    assert json_safe('{"a": "\u202e\x9b"}') == '{"a": "\\u202e\\u009b"}'


# --- rich on a terminal, plain elsewhere ----------------------------------------------------

def _on_pty(args: list[str], env: dict[str, str]) -> str:
    """Run shvo with stdout on a pseudo-terminal, as a person at a terminal would."""
    master, slave = pty.openpty()
    process = subprocess.Popen([*SHVO, *args], stdout=slave, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    process.wait()
    os.close(master)
    return out.decode("utf-8").replace("\r\n", "\n")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")}
    return env | {"TERM": "xterm-256color", "COLUMNS": "160", "SHVO_LANG": "en"} | extra


def _piped(args: list[str]) -> str:
    return subprocess.run([*SHVO, *args], capture_output=True, text=True, cwd=ROOT,
                          env=_env(), check=False).stdout


ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_gets_rich_tables_and_colour(records: Path) -> None:
    listed = _on_pty(["decision", "list", "--records", str(records)], _env())
    assert ANSI.search(listed), listed  # bold headers
    assert "─" in listed and "minuted in" in listed
    plain = _piped(["decision", "list", "--records", str(records)])
    assert not ANSI.search(plain)
    assert plain.splitlines()[0].split() == ["id", "date", "body", "type", "outcome",
                                             "concerns", "minuted", "in"]
    systems = _on_pty(["systems", "list", "--records", str(records)], _env())
    assert "open requests" in systems  # headers on a terminal only
    assert "open requests" not in _piped(["systems", "list", "--records", str(records)])
    path = records / "systems.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    name: ELVIS", "    name: " + _yaml("ELVIS[red]" + HOSTILE)), encoding="utf-8")
    drawn = _on_pty(["validate", "--records", str(records)], _env())
    assert "\x1b[1;31merror[Y014]" in drawn  # the severity in colour
    systems = _on_pty(["systems", "list", "--records", str(records)], _env())
    assert "ELVIS[red]\\x1b]0;pwned" in systems  # no markup, no raw escape
    assert "\x9b" not in systems and "\u202e" not in systems and "\x07" not in systems


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}], ids=["NO_COLOR", "dumb"])
def test_no_color_and_dumb_terminals_get_plain_text(records: Path, env: dict[str, str]) -> None:
    for args in (["decision", "list"], ["budget", "split", "--by", "party"],
                 ["request", "list"]):
        drawn = _on_pty([*args, "--records", str(records)], _env(**env))
        assert drawn == _piped([*args, "--records", str(records)])
        assert not ANSI.search(drawn)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_machine_formats_stay_plain_on_a_terminal(records: Path) -> None:
    args = ["request", "list", "--format", "csv", "--records", str(records)]
    assert _on_pty(args, _env()) == _piped(args)


def test_decision_list_has_a_header_and_aligned_columns(shvo: Shvo, records: Path) -> None:
    lines = shvo("decision", "list", "--records", str(records)).stdout.splitlines()
    assert lines[0].startswith("id ") and lines[-1] == "3 decisions"
    starts = [line.index("VVG") for line in lines[1:-1]]
    assert lines[0].index("body") == starts[0] and len(set(starts)) == 1
    assert len({line.index("Protokoll") for line in lines[1:-1]}) == 1


# --- a closed pipe --------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="SIGPIPE semantics are POSIX")
@pytest.mark.parametrize("args", [["systems", "list"], ["validate"], ["budget", "split"],
                                  ["--help"], ["budget", "split", "--help"]], ids=" ".join)
def test_a_closed_pipe_ends_quietly(args: list[str]) -> None:
    process = subprocess.Popen([*SHVO, "-q", *args, "--records", str(ROOT / "records")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                               env=_env())
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before shvo writes, as with `| head -0`
    err = process.stderr.read()
    process.stderr.close()
    process.wait()
    assert err == b"" and process.returncode == 141


@pytest.mark.skipif(sys.platform == "win32", reason="needs a shell pipe")
def test_head_of_a_pipe(tmp_path: Path) -> None:
    shell = subprocess.run(
        f"{' '.join(SHVO)} -q budget split --records records | head -1; "
        "echo status ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
        capture_output=True, text=True, cwd=ROOT, env=_env())
    assert shell.stderr == ""
    assert shell.stdout.startswith("Budget 2025 split by municipality")
    assert shell.stdout.rstrip().splitlines()[-1] in ("status 0", "status 141")


# --- the run's options before or after the command -------------------------------------

@pytest.mark.parametrize("placement", ["before", "after"])
def test_quiet_lang_and_records_anywhere(shvo: Shvo, records: Path, placement: str) -> None:
    options = ["-q", "--lang", "sv", "--records", str(records)]
    args = [*options, "validate"] if placement == "before" else ["validate", *options]
    run = shvo(*args)
    assert run.exit_code == 0 and run.stderr == ""  # -q: no summary line
    assert "varning[" not in run.stdout and "warning[B001]" in run.stdout  # codes stay
    options = ["--lang", "sv", "--records", str(records)]
    args = [*options, "decision", "list"] if placement == "before" \
        else ["decision", "list", *options]
    assert shvo(*args).stdout.endswith("3 beslut\n")
    args = ["--quiet", "budget", "show", "--records", str(records)] if placement == "before" \
        else ["budget", "show", "--records", str(records), "--quiet"]
    run = shvo(*args)
    assert run.exit_code == 0 and run.stderr == "" and run.stdout.startswith("Budget 2025")


def test_quiet_silences_wrote(shvo: Shvo, records: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    loud = shvo("cycle", "report", "--as-of", "2025-08-15", "-o", str(target), "--format",
                "markdown", "--records", str(records))
    assert loud.exit_code == 0 and "wrote" in loud.stderr
    quiet = shvo("cycle", "report", "--as-of", "2025-08-15", "-o", str(target), "--format",
                 "markdown", "--records", str(records), "-q")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
    schemas = shvo("-q", "schema", "export", str(tmp_path / "schemas"))
    assert schemas.exit_code == 0 and schemas.stdout == "" and schemas.stderr == ""


def test_an_option_value_that_looks_global_is_left_alone(shvo: Shvo, records: Path) -> None:
    """``--body -q`` gives ``-q`` to --body (click would too): it is not hoisted."""
    run = shvo("decision", "list", "--body", "-q", "--records", str(records))
    assert run.exit_code == 2 and "'-q'" in run.stderr


# --- progress ---------------------------------------------------------------------------------

def test_validate_tells_its_progress(records: Path) -> None:
    from shvo_cli.checks.validate import validate

    seen: list[tuple[int, int]] = []
    result = validate(records, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (result.files, result.files) and [d for d, _ in seen] == list(
        range(1, result.files + 1))


def test_a_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from shvo_cli.cli.console import progress
    from tests.conftest import terminal_stderr

    tty = terminal_stderr(monkeypatch)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    with progress(None, "shvo validate", "{done}/{total}", delay=0) as show:
        assert show is not None
        show(1, 4000)
        show(4000, 4000)
    assert "shvo validate" in tty.getvalue() and "━" in tty.getvalue()
    tty.truncate(0)
    with progress(None, "shvo validate", "{done}/{total}", delay=60) as show:
        assert show is not None
        show(1, 4000)  # work that ends within the delay draws nothing
    assert tty.getvalue().strip("\x00") == ""
