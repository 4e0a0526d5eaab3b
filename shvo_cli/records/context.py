"""What a change is judged with, loaded once.

A changing command (a request step, a new request, a decision) checks the records it changes
together with only the records they refer to: the organisation, the process, the systems, a
plan, the decisions a history cites. Those are read, parsed and checked against their schemas
once, into :class:`ContextRecords`; each version of the changed records (as it stands, then as
the change would leave it) is judged on an independent copy, so the context is never loaded
twice and never holds the changed records themselves. :class:`ChangeContext` adds who acts and
on which day, so the steps of one change share one object instead of re-deriving them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from shvo_cli.records.change import Actor, check_actor
from shvo_cli.records.layout import existing
from shvo_cli.records.repository import Repository, add_document, load_repository
from shvo_cli.yamlio.read import YamlDocument, read_file


@dataclass
class ContextRecords:
    """The records a change refers to, each read and schema-checked once."""

    root: Path
    repo: Repository
    loaded: set[Path] = field(default_factory=set)

    @classmethod
    def load(cls, root: Path, files: Iterable[Path]) -> ContextRecords:
        """Read the ``files`` that exist (the others are simply not part of the context)."""
        paths = existing(list(files))
        return cls(root, load_repository(root, paths), set(paths))

    def include(self, files: Iterable[Path]) -> None:
        """Add records found later (a decision the new history entry cites); a file already
        in the context is not read again."""
        for path in existing(list(files)):
            if path not in self.loaded:
                self.loaded.add(path)
                add_document(self.repo, read_file(path))

    def with_documents(self, docs: Sequence[YamlDocument]) -> Repository:
        """A repository of the context plus ``docs`` (the changed records in one version);
        the context itself stays as loaded, ready for the next version."""
        repo = self.repo.copy()
        for doc in docs:
            add_document(repo, doc)
        return repo


@dataclass
class ChangeContext:
    """One change in the making: its context records, who acts, and the change's day."""

    records: ContextRecords
    actor: Actor
    today: date

    @property
    def root(self) -> Path:
        return self.records.root

    @property
    def repo(self) -> Repository:
        return self.records.repo

    def act(self, allowed: tuple[str, ...] | None) -> Actor:
        """Check that the actor may make a change allowed to ``allowed`` (None: any role),
        and keep the actor as the organisation spells it, with the role that fits."""
        self.actor = check_actor(self.repo, self.actor, allowed)
        return self.actor
