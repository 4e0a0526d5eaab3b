"""The parse cache never changes a result: cold, warm, corrupted in every way we could think
of, stale, in another language, or written by two runs at once, ``validate`` finds exactly
what a run without the cache finds."""

from __future__ import annotations

import hashlib
import marshal
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from shvo_cli import i18n
from shvo_cli.checks.validate import validate
from shvo_cli.records import cache
from tests.conftest import Run, generated_records


def _facts(root: Path, *, use_cache: bool) -> list[tuple[str, str, int, int, str]]:
    cache.set_enabled(use_cache)
    try:
        result = validate(root)
    finally:
        cache.set_enabled(True)
    return [(f.code, str(f.file), f.line, f.column, f.message) for f in result.findings] + [
        ("files", str(result.files), len(result.repository.requests),
         len(result.repository.decisions), ",".join(sorted(result.repository.broken)))]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated repository of 300 requests with some broken files among them."""
    top = tmp_path_factory.mktemp("gen")
    requests = generated_records(top, 300)
    requests[0].write_text(requests[0].read_text(encoding="utf-8").replace(
        "title:", "titel:", 1), encoding="utf-8")
    requests[1].write_bytes(b"kind: request\nid: [unclosed\n")
    requests[2].write_text(requests[2].read_text(encoding="utf-8") + "# 19121212-1212\n",
                           encoding="utf-8")
    return top / "records"


def _shards(root: Path) -> list[Path]:
    return cache.cache_files(root, i18n.language())


def _cached(root: Path) -> bool:
    return any(p.exists() for p in _shards(root))


def test_cold_warm_and_uncached_runs_agree_on_the_bundled_records(records: Path) -> None:
    expected = _facts(records, use_cache=False)
    assert not _cached(records), "--no-cache must not write a cache"
    assert _facts(records, use_cache=True) == expected
    assert _cached(records)
    assert _facts(records, use_cache=True) == expected


def test_a_git_repository_keeps_its_cache_under_dot_git(records: Path) -> None:
    top = records.parent
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    _facts(records, use_cache=True)
    assert _shards(records)[0].parent == top / ".git" / "shvo"
    assert _cached(records)


def test_generated_repository_with_findings_agrees(generated: Path) -> None:
    expected = _facts(generated, use_cache=False)
    codes = {f[0] for f in expected}
    assert {"S001", "Y001", "N001"} & codes, codes  # the broken files are reported
    assert _facts(generated, use_cache=True) == expected
    assert _facts(generated, use_cache=True) == expected


def _valid_bodies(root: Path) -> dict[Path, bytes]:
    _facts(root, use_cache=True)
    return {p: p.read_bytes() for p in _shards(root) if p.exists()}


def _reseal(body: bytes, payload: bytes) -> bytes:
    """A cache file with ``payload`` and a correct checksum (as an attacker would write)."""
    head_end = body.index(b"\n", len(cache.MAGIC)) + 1
    return body[:head_end] + hashlib.blake2b(payload, digest_size=32).digest() + payload


HOSTILE: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda b: b"",
    "magic only": lambda b: cache.MAGIC,
    "truncated in the header": lambda b: b[:20],
    "truncated in the checksum": lambda b: b[:len(cache.MAGIC) + 120],
    "truncated in the payload": lambda b: b[:len(b) // 2],
    "one byte short": lambda b: b[:-1],
    "one byte more": lambda b: b + b"\0",
    "bit flipped in the payload": lambda b: b[:-100] + bytes([b[-100] ^ 1]) + b[-99:],
    "bit flipped in the header": lambda b: b[:15] + bytes([b[15] ^ 4]) + b[16:],
    "another shvo version": lambda b: b.replace(b"|0.", b"|9.", 1),
    "garbage": lambda b: os.urandom(len(b)),
    "a list instead of entries": lambda b: _reseal(b, marshal.dumps([1, 2, 3])),
    "entries of the wrong shape": lambda b: _reseal(b, marshal.dumps(
        {k: ("x", None) for k in marshal.loads(b[b.index(b"\n", 11) + 33:])})),
    "entries with an unknown code": lambda b: _reseal(b, marshal.dumps({
        k: (v[0], v[1], v[2], (("Z999", 1, 1, "forged"),), v[4])
        for k, v in marshal.loads(b[b.index(b"\n", 11) + 33:]).items()})),
    "entries with a wrong digest": lambda b: _reseal(b, marshal.dumps({
        k: (b"\0" * 20, {"kind": "request"}, True, (), (None,) * 5)
        for k in marshal.loads(b[b.index(b"\n", 11) + 33:])})),
}


@pytest.mark.parametrize("damage", HOSTILE, ids=list(HOSTILE))
def test_a_damaged_cache_is_ignored_and_rebuilt(generated: Path, damage: str) -> None:
    expected = _facts(generated, use_cache=False)
    bodies = _valid_bodies(generated)
    assert len(bodies) == cache.SHARDS  # 300 files fill every shard
    for path, body in bodies.items():
        path.write_bytes(HOSTILE[damage](body))
    assert _facts(generated, use_cache=True) == expected
    assert _facts(generated, use_cache=True) == expected  # and the rebuilt one is right


def test_a_folder_in_place_of_the_cache_file_is_no_error(records: Path) -> None:
    expected = _facts(records, use_cache=False)
    for path in _shards(records):
        path.mkdir(parents=True)
    assert _facts(records, use_cache=True) == expected


def test_a_changed_file_is_read_again(records: Path) -> None:
    _facts(records, use_cache=True)
    request = next((records / "requests").glob("*.yaml"))
    text, before = request.read_text(encoding="utf-8"), request.stat()
    request.write_text(text.replace("title:", "tItle:", 1), encoding="utf-8")
    # Same size and modification time as before: only the content tells the change.
    os.utime(request, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert request.stat().st_size == before.st_size
    warm = _facts(records, use_cache=True)
    assert warm == _facts(records, use_cache=False)
    assert any(f[0] == "S001" and f[1] == str(request) for f in warm)


def test_each_language_has_its_own_cache(records: Path) -> None:
    request = next((records / "requests").glob("*.yaml"))
    request.write_text(request.read_text(encoding="utf-8").replace("title:", "titel:", 1),
                       encoding="utf-8")
    english = _facts(records, use_cache=True)
    i18n.set_language("sv")
    swedish = _facts(records, use_cache=True)
    assert swedish == _facts(records, use_cache=False)
    i18n.set_language("en")
    assert _facts(records, use_cache=True) == english
    assert swedish != english


def test_changed_schemas_make_every_entry_stale(records: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _facts(records, use_cache=True)
    monkeypatch.setattr(cache, "schemas_hash", lambda: "another")
    store = cache.open_cache(records, i18n.language())
    assert store is not None and store.entries == {}


def test_clear_and_no_cache_from_the_command_line(records: Path,
                                                  shvo: Callable[..., Run]) -> None:
    assert shvo("--records", str(records), "--no-cache", "validate").exit_code == 0
    assert not _cached(records)
    assert shvo("--records", str(records), "validate").exit_code == 0
    assert _cached(records)
    run = shvo("cache", "clear", "--records", str(records))
    assert run.exit_code == 0 and "removed" in run.stderr
    assert not _cached(records)
    assert "no cache" in shvo("cache", "clear", "--records", str(records)).stderr


def test_two_runs_writing_at_once_leave_a_cache_that_agrees(generated: Path) -> None:
    expected = _facts(generated, use_cache=False)
    cache.clear(generated)
    env = {**os.environ, "SHVO_LANG": "en"}
    shvo = [sys.executable, "-m", "shvo_cli", "--records", str(generated), "validate",
            "--format", "json"]
    runs = [subprocess.Popen(shvo, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env=env) for _ in range(3)]
    outputs = [p.communicate()[0] for p in runs]
    assert len(set(outputs)) == 1
    assert _facts(generated, use_cache=True) == expected


def _memo_path(root: Path) -> Path:
    return cache.cache_file(root, i18n.language(), "checks")


MEMO_HOSTILE: dict[str, Callable[[bytes], bytes]] = {
    **{k: v for k, v in HOSTILE.items() if not k.startswith("entries")},
    "entries of the wrong shape": lambda b: _reseal(b, marshal.dumps(
        {k: ("x", None) for k in marshal.loads(b[b.index(b"\n", 11) + 33:])})),
    "forged findings for another context": lambda b: _reseal(b, marshal.dumps({
        k: (v[0], b"\0" * 16, ()) for k, v in marshal.loads(
            b[b.index(b"\n", 11) + 33:]).items()})),
    "findings dropped, context kept": lambda b: _reseal(b, marshal.dumps({
        k: (v[0], v[1], (("Z999", 1, 1, "forged"),)) for k, v in marshal.loads(
            b[b.index(b"\n", 11) + 33:]).items()})),
}


@pytest.mark.parametrize("damage", MEMO_HOSTILE, ids=list(MEMO_HOSTILE))
def test_a_damaged_memo_of_request_checks_is_ignored(generated: Path, damage: str) -> None:
    expected = _facts(generated, use_cache=False)
    _facts(generated, use_cache=True)
    body = _memo_path(generated).read_bytes()
    _memo_path(generated).write_bytes(MEMO_HOSTILE[damage](body))
    assert _facts(generated, use_cache=True) == expected


def _git(top: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                   cwd=top, check=True, capture_output=True)


@pytest.fixture
def tracked(tmp_path: Path) -> Path:
    """A committed git repository of 80 generated requests, its cache warm."""
    generated_records(tmp_path, 80)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "records")
    root = tmp_path / "records"
    _facts(root, use_cache=True)
    return root


def _retitle(path: Path) -> None:
    """Break a request the same length and modification time as before."""
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "tItle:", 1),
                    encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


GIT_STATES: dict[str, Callable[[Path, Path], None]] = {
    "changed in the work tree": lambda top, f: _retitle(f),
    "changed and staged": lambda top, f: (_retitle(f), _git(top, "add", str(f)))[0],
    "changed under skip-worktree": lambda top, f: (
        _git(top, "update-index", "--skip-worktree", str(f)), _retitle(f))[0],
    "changed under assume-unchanged": lambda top, f: (
        _git(top, "update-index", "--assume-unchanged", str(f)), _retitle(f))[0],
    "staged, then changed back in the work tree": lambda top, f: (
        _retitle(f), _git(top, "add", str(f)), _git(top, "checkout", "HEAD", "--", str(f)),
        _git(top, "reset", "-q"))[0],
    "replaced by an untracked copy after git rm --cached": lambda top, f: (
        _git(top, "rm", "-q", "--cached", str(f)), _retitle(f))[0],
}


@pytest.mark.parametrize("state", GIT_STATES, ids=list(GIT_STATES))
def test_a_change_git_knows_of_or_hides_is_read_again(tracked: Path, state: str) -> None:
    """Clean tracked files are keyed by the id git's index holds, without being read: any
    file git does not vouch for as clean is read and hashed, whatever flags it carries."""
    request = sorted((tracked / "requests").glob("*.yaml"))[5]
    GIT_STATES[state](tracked.parent, request)
    warm = _facts(tracked, use_cache=True)
    assert warm == _facts(tracked, use_cache=False)
    broken = any(f[0] == "S001" and f[1] == str(request) for f in warm)
    assert broken == ("changed back" not in state)


def test_a_changed_process_renews_every_request_check(tracked: Path) -> None:
    """Per-request findings are kept only while everything but the requests is unchanged:
    a triage that only VVG may take now must show up in every history that has one."""
    before = _facts(tracked, use_cache=True)
    process = tracked / "process.yaml"
    text = process.read_text(encoding="utf-8")
    old = "    to: triaged\n    by: [GITS]\n"
    assert old in text
    process.write_text(text.replace(old, "    to: triaged\n    by: [VVG]\n", 1),
                       encoding="utf-8")
    after = _facts(tracked, use_cache=True)
    assert after == _facts(tracked, use_cache=False)
    assert len(after) > len(before) + 10


def test_one_changed_file_rewrites_one_shard(generated: Path) -> None:
    """A run that parsed one changed file rewrites the one shard holding it; the others are
    left as they were (so a small change costs a sixteenth of the cache to write)."""
    _facts(generated, use_cache=True)
    before = {p: p.read_bytes() for p in _shards(generated)}
    request = sorted((generated / "requests").glob("*.yaml"))[40]
    text = request.read_text(encoding="utf-8")
    try:
        request.write_text(text + "# one more line\n", encoding="utf-8")
        assert _facts(generated, use_cache=True) == _facts(generated, use_cache=False)
        changed = [p for p in _shards(generated) if p.read_bytes() != before[p]]
        assert changed == [_shards(generated)[cache.shard_of(str(request))]]
    finally:
        request.write_text(text, encoding="utf-8")
