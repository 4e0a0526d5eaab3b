"""A cache of per-file work that cannot lie: parsed data and per-file findings, by content.

Staff and CI run shvo on an unchanged repository most of the time, and four fifths of a
run over ten thousand requests is parsing YAML, scanning for identity numbers and checking
schemas — work that depends only on a file's bytes, its place and the run's language. This
cache keeps the outcome of that work, keyed by a hash of the file's bytes (never by
modification time, which a checkout or a copy can keep while the content changes), in one
file per records folder and language, under the repository's ``.git/shvo/`` (never
committed) or, outside git, in the user's cache folder.

What makes it safe to use:

* The whole cache file is ignored unless its header names this shvo version, this Python's
  ``marshal`` format, the hash of the schemas in use and the language, and unless the
  checksum over its payload matches: a truncated, corrupt, foreign or half-written file is
  a miss, never an error and never trusted.
* Each entry is used only if the file's bytes hash to the entry's digest, and only if it
  has exactly the shape of an entry (digest, data, findings with documented codes, facts).
* It is written atomically (a temporary file, then a rename): a concurrent reader sees the
  old cache or the new one. A cache that cannot be written (read-only folder, full disk) is
  simply not written.
* Cross-record checks are never cached: they run on the whole model every time.

``marshal`` is used for speed (it loads ten thousand entries several times faster than
JSON); it builds only plain values, and anyone who can write into ``.git/`` can already
run code through git's hooks, so the cache adds no new way in.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from shvo_cli import __version__
from shvo_cli.findings import CODES, Finding, finding

MAGIC = b"shvo-cache\n"
FORMAT = 4


def _wanted_by_environment() -> bool:
    return os.environ.get("SHVO_NO_CACHE", "") in ("", "0")


_ENABLED = {"on": _wanted_by_environment()}


def set_enabled(on: bool) -> None:
    """``--no-cache`` (or ``SHVO_NO_CACHE=1``) turns the cache off for the run: it reads
    nothing and writes nothing."""
    _ENABLED["on"] = on and _wanted_by_environment()


def enabled() -> bool:
    return _ENABLED["on"]


def digest(raw: bytes) -> bytes:
    """The content key of a file: git's object id of its bytes (what ``git hash-object``
    gives without filters), so that a clean tracked file is keyed by the id git's index
    already holds, without reading it (:func:`shvo_cli.store.index.clean_blobs_later`)."""
    h = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
    h.update(raw)
    return h.digest()


@cache
def schemas_hash() -> str:
    """A hash of the schemas in use: new or changed schemas make every entry stale."""
    from shvo_cli.records.schemas import schema_dir

    h = hashlib.blake2b(digest_size=16)
    folder = schema_dir()
    for path in sorted(folder.glob("*.json")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


_CODE_SUFFIXES = (".py", ".po")


@cache
def code_hash() -> str:
    """A hash of shvo's own code and translations: an entry holds the outcome of the code
    that made it (which checks ran, how messages were worded), so a cache written by any
    other code — an upgrade, a developer's edit, a patched install — is never used, even
    when the version number did not change. Hashing the package's ~200 small files takes a
    few milliseconds."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.blake2b(digest_size=16)
    files = [Path(folder, name) for folder, _dirs, names in os.walk(package)
             for name in names if name.endswith(_CODE_SUFFIXES)]
    for path in sorted(files):
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        with contextlib.suppress(OSError):
            h.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return h.hexdigest()


def _git_dir(start: Path) -> Path | None:
    """The git directory of the work tree holding ``start`` (found by walking up, without
    running git: a ``.git`` folder, or a ``.git`` file of a linked work tree)."""
    for folder in (start, *start.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            try:
                line = dot.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if line.startswith("gitdir:"):
                target = Path(line[len("gitdir:"):].strip())
                return target if target.is_absolute() else (folder / target)
            return None
    return None


def _user_cache_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "shvo" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "shvo"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "shvo"


def cache_dir(root: Path) -> Path:
    """Where the cache files of ``root`` live: ``.git/shvo`` or the user's cache folder."""
    git = _git_dir(root)
    return git / "shvo" if git is not None else _user_cache_dir()


PREFIXES = ("parse", "checks")
"""The cache files of a records folder: per-file work, and the memo of per-request checks."""


def cache_file(root: Path, lang: str, prefix: str = "parse") -> Path:
    name = hashlib.blake2b(f"{root}\0{lang}".encode(), digest_size=8).hexdigest()
    return cache_dir(root) / f"{prefix}-{name}.bin"


SHARDS = 16
"""The parse cache is kept in this many files, each file's entries by a stable hash of
its path: a run that parsed one changed file rewrites one sixteenth of the cache, and
writing never needs the whole cache as one block of bytes (at 50 000 files that block
alone was 55 MB of the peak)."""


def shard_of(key: str) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogateescape")) % SHARDS


def cache_files(root: Path, lang: str) -> list[Path]:
    """The files of the parse cache of ``root`` in ``lang``, shard by shard."""
    whole = cache_file(root, lang)
    return [whole.with_name(f"{whole.stem}-{i:02x}.bin") for i in range(SHARDS)]


def _header(lang: str) -> bytes:
    return (f"{FORMAT}|{__version__}|{marshal.version}|{sys.version_info[0]}."
            f"{sys.version_info[1]}|{schemas_hash()}|{code_hash()}|{lang}\n").encode()


_SHORT = 40


def compact(value: Any) -> Any:
    """The same data with its keys and short texts interned: ten thousand requests repeat
    the same few hundred keys, states, roles and names, and one shared copy of each cut the
    loaded entries from 105 MB to 42 MB and their loading time by a third (``marshal``
    writes an interned string once and refers to it after)."""
    if isinstance(value, dict):
        return {sys.intern(k) if isinstance(k, str) else k: compact(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [compact(v) for v in value]
    if isinstance(value, str) and len(value) <= _SHORT:
        return sys.intern(value)
    return value


@dataclass(frozen=True, slots=True)
class Entry:
    """What a file's bytes gave: its data, whether it parsed, its per-file findings as
    ``(code, line, column, message)`` and what the loader learnt about it (``facts``)."""

    digest: bytes
    data: Any
    parsed: bool
    findings: tuple[tuple[str, int, int, str], ...]
    facts: tuple[str | int | bool | None, ...]

    def to_findings(self, path: Path) -> list[Finding]:
        return [finding(code, path, line, col, msg) for code, line, col, msg in self.findings]


def _entry(raw: Any) -> Entry | None:
    """An entry from loaded values, or None if they are not exactly of the expected shape."""
    if not (isinstance(raw, tuple) and len(raw) == 5):
        return None
    dig, data, parsed, found, facts = raw
    if not (isinstance(dig, bytes) and len(dig) == 20 and isinstance(parsed, bool)
            and isinstance(found, tuple) and isinstance(facts, tuple)):
        return None
    if _found(found) is None:
        return None
    if not all(v is None or isinstance(v, str | int | bool) for v in facts):
        return None
    return Entry(dig, data, parsed, found, facts)


@dataclass
class ParseCache:
    """The entries of one records folder and language, loaded once per run from its
    shard files (``paths``)."""

    paths: list[Path] | None
    header: bytes
    entries: dict[str, Any] = field(default_factory=dict)
    fresh: dict[str, Entry] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    dirty: set[int] = field(default_factory=set)

    def lookup(self, key: str, dig: bytes) -> Entry | None:
        raw = self.entries.get(key)
        entry = _entry(raw) if raw is not None else None
        if entry is None or entry.digest != dig or not isinstance(entry.data, dict | None):
            self.misses += 1
            self.dirty.add(shard_of(key))
            return None
        self.hits += 1
        self.fresh[key] = entry
        return entry

    def store(self, key: str, entry: Entry) -> None:
        self.fresh[key] = entry
        self.dirty.add(shard_of(key))

    def save(self) -> None:
        """Rewrite the shards in which this run parsed anything new, with their entries of
        this run and the still-existing ones it did not read (entries of deleted files go
        then). Failure to write is not an error: the cache is an optimisation."""
        if self.paths is None:
            return
        for shard in sorted(self.dirty):  # none when nothing was new: nothing is written
            keep: dict[str, Any] = {
                k: v for k, v in self.entries.items()
                if k not in self.fresh and shard_of(k) == shard and os.path.exists(k)}
            keep.update({k: (e.digest, e.data, e.parsed, e.findings, e.facts)
                         for k, e in self.fresh.items() if shard_of(k) == shard})
            _write(self.paths[shard], self.header, keep)


def _write(path: Path, header: bytes, entries: dict[str, Any]) -> None:
    """Write a cache file atomically (temporary file, rename); failure only means nothing
    is cached."""
    payload = marshal.dumps(entries)
    check = hashlib.blake2b(payload, digest_size=32).digest()
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".shvo-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                for part in (MAGIC, header, check, payload):  # no second copy of the payload
                    handle.write(part)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _read_entries(path: Path, header: bytes) -> dict[str, Any]:
    """The entries of a cache file, or none at all if anything about it is not right."""
    try:
        body = path.read_bytes()
    except OSError:
        return {}
    start = len(MAGIC) + len(header)
    if not body.startswith(MAGIC) or body[len(MAGIC):start] != header:
        return {}
    check = body[start:start + 32]
    payload = memoryview(body)[start + 32:]  # not a copy: at 50 000 files that is 55 MB
    if hashlib.blake2b(payload, digest_size=32).digest() != check:
        return {}
    try:
        loaded = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(loaded, dict) or not all(isinstance(k, str) for k in loaded):
        return {}
    return loaded


def open_cache(root: Path, lang: str) -> ParseCache | None:
    """The cache for ``root`` in ``lang``, or None when the cache is turned off."""
    if not enabled():
        return None
    header = _header(lang)
    paths = cache_files(root, lang)
    entries: dict[str, Any] = {}
    for path in paths:
        entries.update(_read_entries(path, header))
    return ParseCache(paths, header, entries)


Found = tuple[tuple[str, int, int, str], ...]


def _found(raw: Any) -> Found | None:
    """Findings as stored, or None if they are not exactly of that shape."""
    if not isinstance(raw, tuple):
        return None
    for f in raw:
        if not (isinstance(f, tuple) and len(f) == 4 and f[0] in CODES
                and isinstance(f[1], int) and isinstance(f[2], int) and isinstance(f[3], str)):
            return None
    return raw


@dataclass
class CheckMemo:
    """The findings of per-record checks, by record file: each is used only if both the
    file's content digest and the digest of everything else the check reads (the
    ``context``: process, organisation, plans, decisions, systems, what failed) are those
    it was made with. Checking ten thousand requests' histories was a third of a warm run;
    an unchanged request against an unchanged context cannot have other findings."""

    path: Path | None
    header: bytes
    context: bytes
    entries: dict[str, Any] = field(default_factory=dict)
    fresh: dict[str, tuple[bytes, bytes, Found]] = field(default_factory=dict)
    changed: bool = False

    def lookup(self, key: str, dig: bytes) -> Found | None:
        raw = self.entries.get(key)
        if not (isinstance(raw, tuple) and len(raw) == 3 and raw[0] == dig
                and raw[1] == self.context):
            return None
        found = _found(raw[2])
        if found is not None:
            self.fresh[key] = (dig, self.context, found)
        return found

    def store(self, key: str, dig: bytes, found: Found) -> None:
        self.fresh[key] = (dig, self.context, found)
        self.changed = True

    def save(self) -> None:
        """Keep only this run's entries: a memo of files that are gone is worth nothing."""
        if self.path is not None and (self.changed or len(self.fresh) != len(self.entries)):
            _write(self.path, self.header, dict(self.fresh))


def open_memo(root: Path, lang: str, context: bytes) -> CheckMemo | None:
    """The memo of per-record checks for ``root`` in ``lang``, or None when caching is off."""
    if not enabled():
        return None
    header = _header(lang)
    path = cache_file(root, lang, "checks")
    return CheckMemo(path, header, context, _read_entries(path, header))


def clear(root: Path, languages: tuple[str, ...] = ("sv", "en")) -> list[Path]:
    """Remove the cache files of ``root`` (``shvo cache clear``): every one of shvo's in the
    repository's ``.git/shvo``; outside git, those of this records folder only (the user's
    cache folder is shared by every records folder on the machine)."""
    if _git_dir(root) is not None:
        folder = cache_dir(root)
        candidates = sorted(p for prefix in PREFIXES for p in folder.glob(f"{prefix}-*.bin")
                            ) if folder.is_dir() else []
    else:
        candidates = [p for lang in languages
                      for p in [*cache_files(root, lang), cache_file(root, lang, "checks")]]
    removed: list[Path] = []
    for path in candidates:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed
