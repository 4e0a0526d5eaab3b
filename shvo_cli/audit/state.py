"""The state of one audit pass: the history read, the blobs parsed once, which commit added
each history entry, the findings so far — and the helpers the checks share.

The checks themselves are plain functions over (pass, step, changes), listed in
``auditor.CHECKS``; they keep their own notes in this state, never in globals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from shvo_cli.audit.history import Commit, History, Step
from shvo_cli.audit.model import AuditFinding, FileEvent, Origin, Version, entry_key
from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _
from shvo_cli.records.layout import FILE_KIND, FOLDER_KIND
from shvo_cli.records.model import Request, build_request
from shvo_cli.records.repository import Repository, add_document
from shvo_cli.records.schemas import validate_document
from shvo_cli.records.source import SourceRef
from shvo_cli.yamlio.read import MAX_BYTES, YamlDocument, parse_text

Progress = Callable[[int, int], None]


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
        self.docs: dict[tuple[str, str], YamlDocument | None] = {}
        self.versions: dict[tuple[str, str], Version] = {}
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
        f = finding(code, self.top / path, line, column if line else 0, prefix + message)
        self.out.append(AuditFinding(f, commit.sha if commit is not None else None))
        return f

    def doc(self, blob: str | None, path: str) -> YamlDocument | None:
        if blob is None:
            return None
        key = (blob, path)
        if key not in self.docs:
            raw = self.h.blobs.get(blob)
            text: str | None = None
            if raw is not None and len(raw) <= MAX_BYTES and b"\x00" not in raw:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    text = None
            self.docs[key] = parse_text(self.top / path, text) if text is not None else None
        return self.docs[key]

    def data(self, blob: str | None, path: str) -> dict[str, Any] | None:
        doc = self.doc(blob, path)
        return doc.data if doc is not None and isinstance(doc.data, dict) else None

    def version(self, blob: str, path: str) -> Version:
        key = (blob, path)
        v = self.versions.get(key)
        if v is not None:
            return v
        doc = self.doc(blob, path)
        broken = [f for f in doc.findings if f.code.startswith("Y")] if doc is not None else []
        if doc is None or doc.data is None or broken:
            why = broken[0].message if broken else _("not UTF-8 text of at most 1 MiB")
            v = Version(doc, None, _("the file as committed cannot be read as YAML ({why})")
                        .format(why=why))
        elif not isinstance(doc.data, dict) or doc.data.get("kind") != "request":
            kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
            v = Version(doc, None, _("the file as committed holds a {kind!r} record, not a "
                                     "request").format(kind=kind))
        elif errors := validate_document(doc, "request"):
            v = Version(doc, None, _("the file as committed fails the request schema "
                                     "({error})").format(error=errors[0].message))
        else:
            try:
                entries = list(doc.data["history"])
                v = Version(doc, build_request(doc.data, SourceRef(doc)), None, entries,
                            [entry_key(e) for e in entries])
            except (TypeError, KeyError, ValueError, AttributeError) as exc:
                v = Version(doc, None, _("the file as committed fails the request schema "
                                         "({error})").format(error=type(exc).__name__))
        self.versions[key] = v
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
