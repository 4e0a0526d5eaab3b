"""The README's tour stays true: every command it shows in a ``console`` block is run, in a
fresh copy of the bundled records in a git repository, and its output compared with what the
README prints (commit hashes, random ids and the checkout's path are the only things allowed
to differ; a line ``…`` in the README means "the rest is cut")."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, commit_records

DOCUMENTS = [ROOT / "README.md", ROOT / "docs" / "tour.md"]
FIXTURE = ROOT / "tests" / "fixtures" / "scb" / "be0101n1-2025-cp1252.csv"
ID = re.compile(r"\b(REQ|DEC)-\d{4}-[0-9A-HJKMNP-TV-Z]{6}\b")
HASH = re.compile(r"\b[0-9a-f]{10}\b")


def console_blocks() -> list[list[tuple[str, list[str]]]]:
    """Each console block of the documents as (command, expected output lines) pairs."""
    blocks = []
    text = "".join(doc.read_text(encoding="utf-8") for doc in DOCUMENTS)
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        steps: list[tuple[str, list[str]]] = []
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith("$ "):
                command = line[2:]
                while command.endswith("\\"):
                    i += 1
                    command = command[:-1] + " " + lines[i].strip()
                steps.append((command, []))
            elif steps:
                steps[-1][1].append(line)
            i += 1
        blocks.append(steps)
    return blocks


def _git(top: Path, *args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", *args], cwd=top, check=True, capture_output=True, env=env)


def _sandbox(tmp: Path) -> tuple[Path, dict[str, str]]:
    top = tmp / "shvo"
    commit_records(top)
    shutil.copy(FIXTURE, top / "folkmangd-2025.csv")
    (top / "bad.csv").write_text('"region";"2025"\n"1401 Härryda";40162\n'
                                 '"1384 Kungsbacka";85000\n', encoding="cp1252")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
           "PYTHONUNBUFFERED": "1", "SHVO_LANG": "en", "NO_COLOR": "1"}
    env.pop("SHVO_RECORDS", None)
    return top, env


def _forge_audit_example(top: Path) -> None:
    """The README's audit example: a hand-made consensus entry committed by an outsider."""
    def at(day: str) -> dict[str, str]:  # commits dated like the steps they record
        stamp = f"{day}T10:00:00+01:00"
        return {**os.environ, "SHVO_LANG": "en", "GIT_AUTHOR_DATE": stamp,
                "GIT_COMMITTER_DATE": stamp}

    shvo = [sys.executable, "-m", "shvo_cli"]
    rid = subprocess.run([*shvo, "request", "new", "--no-input", "--date", "2025-09-01",
                          "--title", "Ny rapport", "--category", "new-development",
                          "--assignment", "output-solutions", "--channel", "support",
                          "--systems", "SAMSA"],
                         cwd=top, capture_output=True, text=True, check=True,
                         env=at("2025-09-01")).stdout.strip()
    subprocess.run([*shvo, "request", "triage", rid, "--scope", "within-plan", "--date",
                    "2025-09-03"], cwd=top, check=True, capture_output=True,
                   env=at("2025-09-03"))
    path = top / "records" / "requests" / f"{rid}.yaml"
    text = path.read_text(encoding="utf-8").replace("state: triaged", "state: approved")
    text += ("  - date: 2025-09-05\n    transition: agree\n    to: approved\n"
             "    by: {person: referens@example.org, role: REF}\n"
             "    concurrence: {person: handlaggare@example.org, role: GITS}\n")
    path.write_text(text, encoding="utf-8")
    _git(top, "-c", "user.email=mallory@example.net", "-c", "user.name=Mallory", "commit",
         "-qam", "approve", env=at("2025-09-05"))


def _normal(text: str, ids: dict[str, str], top: Path) -> str:
    text = text.replace(str(top), "/path/to/shvo")
    for actual, shown in ids.items():
        text = text.replace(actual, shown)
    return HASH.sub("<hash>", text)


@pytest.mark.parametrize("block", range(len(console_blocks())))
def test_readme_console_block(block: int, tmp_path: Path) -> None:
    steps = console_blocks()[block]
    top, env = _sandbox(tmp_path)
    if steps[0][0].startswith("shvo audit"):
        _forge_audit_example(top)
    ids: dict[str, str] = {}
    status = 0
    for command, expected in steps:
        for actual, shown in ids.items():
            command = command.replace(shown, actual)
        if command.strip() == "echo $?":  # each command runs in its own shell
            assert [str(status)] == expected, f"exit status of the command before {expected}"
            continue
        proc = subprocess.run(["bash", "-c", command + " 2>&1"], cwd=top, env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        status = proc.returncode
        got = proc.stdout.rstrip("\n").splitlines()
        for line in got:  # ids made during the run map onto the README's ids in order
            for m in ID.finditer(line):
                if m.group() not in ids and m.group() not in "\n".join(expected):
                    shown_ids = [x.group() for x in ID.finditer("\n".join(expected))
                                 if x.group() not in ids.values()]
                    if shown_ids:
                        ids[m.group()] = shown_ids[0]
        want = expected[:expected.index("…")] if "…" in expected else expected
        have = [_normal(line, ids, top) for line in got][:len(want)] if "…" in expected \
            else [_normal(line, ids, top) for line in got]
        assert have == [HASH.sub("<hash>", line) for line in want], command
