"""The state of one audit pass: the history read, the blobs parsed (each once while it
matters), which commit added each history entry, the findings so far — and the helpers
the checks share.

The checks themselves are plain functions over (pass, step, changes), listed in
``auditor.CHECKS``; they keep their own notes in this state, never in globals.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from shvo_cli.audit.history import Commit, Step
from shvo_cli.audit.model import AuditFinding, FileEvent, Origin, Version, entry_key
from shvo_cli.audit.reading import History
from shvo_cli.audit.splice import Split, spliced, split
from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _
from shvo_cli.privacy import IdentityNumberHit, find_identity_numbers
from shvo_cli.records.layout import FILE_KIND, FOLDER_KIND
from shvo_cli.records.model import Request, build_request
from shvo_cli.records.repository import Repository, add_document
from shvo_cli.records.schemas import validate_document
from shvo_cli.records.source import SourceRef
from shvo_cli.yamlio.read import MAX_BYTES, YamlDocument, parse_text

Progress = Callable[[int, int], None]
KEPT = 256
"""Parsed documents and versions kept beyond each request's newest: the few a merge or a
repair looks back at. Bounded, so the memory of an audit does not grow with its history."""


class AuditPass:
    """What one pass over the steps knows; findings collect in ``out``."""

    def __init__(self, history: History, root: Path, *, require_signed: bool,
                 only: str | None) -> None:
        self.h = history
        self.top = history.top
        self.root = root
        prefix = f"{history.rel}/" if history.rel else ""
        self.prefix = prefix
        self.org_path = f"{prefix}organisation.yaml"
        self.require_signed = require_signed
        self.only = only
        self.docs: OrderedDict[tuple[str, str], YamlDocument | None] = OrderedDict()
        self.versions: OrderedDict[tuple[str, str], Version] = OrderedDict()
        self.latest: dict[str, tuple[str, Version, Split | None]] = {}
        """Each request's last version judged, by path: what its next change is compared
        with. Everything else parsed is only kept for a while (``KEPT``); a version needed
        again after that is read and parsed again — the same result, a little later."""
        self.cuts: dict[tuple[str, str], Split | None] = {}
        """A version read by the shortcut → its own cut, until it is kept."""
        self.numbers: dict[str, bool] = {}
        """Blob → whether it holds an identity number (each blob scanned once)."""
        self.checked = 0
        self.files: dict[str, Path] = {}
        self.origins: dict[str, list[Origin | None]] = {}
        self.repos: dict[tuple[Any, ...], Repository] = {}
        self.no_members: set[str | None] = set()
        self.seen: set[tuple[str, str, str]] = set()
        self.out: list[AuditFinding] = []
        self.events: list[FileEvent] = []
        self.last: tuple[str, str] | None = None
        self.notes: dict[str, Any] = {}
        """Per-check memory across steps, by the check's own key."""

    def add(self, code: str, commit: Commit | None, path: str, line: int, message: str,
            column: int = 1) -> Finding:
        prefix = f"{commit.short}: " if commit is not None else ""
        f = finding(code, self.file(path), line, column if line else 0, prefix + message)
        self.out.append(AuditFinding(f, commit.sha if commit is not None else None))
        return f

    def file(self, path: str) -> Path:
        """A record file's path in the work tree (one object per path, not one per use)."""
        found = self.files.get(path)
        if found is None:
            found = self.files[path] = self.top / path
        return found

    def text(self, blob: str) -> str | None:
        """A blob as record text: UTF-8 of at most ``MAX_BYTES``, without NUL (else None)."""
        raw = self.h.blob(blob)
        if raw is None or len(raw) > MAX_BYTES or b"\x00" in raw:
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def _remember(self, key: tuple[str, str], doc: YamlDocument | None) -> None:
        self.docs[key] = doc
        if len(self.docs) > KEPT:
            self.docs.popitem(last=False)

    def doc(self, blob: str | None, path: str) -> YamlDocument | None:
        if blob is None:
            return None
        key = (blob, path)
        if key in self.docs:
            self.docs.move_to_end(key)
            return self.docs[key]
        text = self.text(blob)
        doc = parse_text(self.file(path), text) if text is not None else None
        self._remember(key, doc)
        return doc

    def numbers_in(self, blob: str | None, path: str) -> list[IdentityNumberHit] | None:
        """The identity numbers in a blob (None: unreadable); a blob already known to hold
        none is not scanned again."""
        if blob is None or self.numbers.get(blob) is False:
            return None if blob is None else []
        doc = self.doc(blob, path)
        if doc is None:
            return None
        hits = find_identity_numbers(doc.text)
        self.numbers[blob] = bool(hits)
        return hits

    def data(self, blob: str | None, path: str) -> dict[str, Any] | None:
        doc = self.doc(blob, path)
        return doc.data if doc is not None and isinstance(doc.data, dict) else None

    def keep(self, path: str, blob: str, version: Version) -> None:
        """Remember a request's newest version until its next change, cut for the
        shortcut of :mod:`~shvo_cli.audit.splice` when it has the shape for it."""
        cut = self.cuts.pop((blob, path), None) if (blob, path) in self.cuts else \
            split(version.doc) if version.doc is not None else None
        self.latest[path] = (blob, version, cut if version.request is not None else None)

    def _spliced(self, blob: str, path: str) -> tuple[YamlDocument, list[str]] | None:
        """The version read from the request's newest one (see ``splice``), and its keys."""
        latest = self.latest.get(path)
        if latest is None or latest[2] is None or latest[1].doc is None:
            return None
        text = self.text(blob)
        found = spliced(self.file(path), latest[1].doc, latest[2], text) \
            if text is not None else None
        if found is None:
            return None
        self._remember((blob, path), found[0])
        if len(self.cuts) > KEPT:
            self.cuts.clear()
        self.cuts[(blob, path)] = found[2]
        return found[0], [*latest[1].keys, *(entry_key(e) for e in found[1])]

    def version(self, blob: str, path: str) -> Version:
        key = (blob, path)
        latest = self.latest.get(path)
        if latest is not None and latest[0] == blob:
            return latest[1]
        v = self.versions.get(key)
        if v is not None:
            self.versions.move_to_end(key)
            return v
        quick = self._spliced(blob, path)
        v = _judged(self.doc(blob, path) if quick is None else quick[0],
                    None if quick is None else quick[1])
        self.versions[key] = v
        if len(self.versions) > KEPT:
            self.versions.popitem(last=False)
        return v

    def context(self, step: Step, req: Request) -> Repository:
        """Organisation and process before the commit; the decisions it cites, as of it."""
        cited = sorted({d for e in req.history for d in e.decisions})
        decisions = tuple((d, step.after.decisions.get(f"{self.prefix}decisions/{d}.yaml"))
                          for d in cited)
        key = (step.before.organisation, step.before.process, decisions)
        repo = self.repos.get(key)
        if repo is None:
            repo = Repository(root=self.root)
            files = [(step.before.organisation, self.org_path),
                     (step.before.process, f"{self.prefix}process.yaml")]
            files += [(b, f"{self.prefix}decisions/{d}.yaml") for d, b in decisions]
            for blob, path in files:
                doc = self.doc(blob, path)
                if doc is not None:
                    add_document(repo, doc)
            self.repos[key] = repo
        return repo

    def kind(self, path: str) -> str | None:
        if not path.startswith(self.prefix) or not path.endswith((".yaml", ".yml")):
            return None
        parts = path[len(self.prefix):].split("/")
        return FILE_KIND.get(parts[0]) if len(parts) == 1 else FOLDER_KIND.get(parts[0])


def _judged(doc: YamlDocument | None, keys: list[str] | None) -> Version:
    """A request file as one blob: parsed, schema-checked, built — or why not."""
    broken = [f for f in doc.findings if f.code.startswith("Y")] if doc is not None else []
    if doc is None or doc.data is None or broken:
        why = broken[0].message if broken else _("not UTF-8 text of at most 1 MiB")
        return Version(doc, None, _("the file as committed cannot be read as YAML ({why})")
                       .format(why=why))
    if not isinstance(doc.data, dict) or doc.data.get("kind") != "request":
        kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
        return Version(doc, None, _("the file as committed holds a {kind!r} record, not a "
                                    "request").format(kind=kind))
    if errors := validate_document(doc, "request"):
        return Version(doc, None, _("the file as committed fails the request schema "
                                    "({error})").format(error=errors[0].message))
    try:
        entries = list(doc.data["history"])
        return Version(doc, build_request(doc.data, SourceRef(doc)), None, entries,
                       keys if keys is not None else [entry_key(e) for e in entries])
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        return Version(doc, None, _("the file as committed fails the request schema "
                                    "({error})").format(error=type(exc).__name__))
