"""A change to the records, and the one way it is written.

Every changing command (a request step, a note, an edit, a decision) computes a
:class:`Change`: the new text of each file it touches and the commit message that explains
it. :func:`apply` then writes those files atomically and, inside a git work tree, commits
exactly them. This module also holds what every change checks first: who acts and in which
role (:func:`check_actor`), and that user-supplied text is plain and free of patient data
(:func:`check_input`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.privacy import find_identity_numbers
from shvo_cli.records.process import StepRefused, role_allows
from shvo_cli.records.repository import Repository
from shvo_cli.store import commit as atomic
from shvo_cli.store import git
from shvo_cli.store.files import atomic_write_text
from shvo_cli.text import first_hidden


class ChangeError(ShvoError):
    """The change cannot be written here (no git work tree, uncommitted hand edits, missing
    organisation); nothing was written. Exit 2."""


class ChangeRefused(ShvoError):
    """The change would leave the records invalid; the findings say why."""

    exit_code = ExitCode.FINDINGS

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = list(findings)


@dataclass(frozen=True)
class Actor:
    """Who makes a change. ``role`` None means "the one role that fits"; ``claimed`` when
    the organisation lists no members to check the role against."""

    person: str
    role: str | None
    claimed: bool = False


def _pick_role(repo: Repository, actor: Actor, allowed: tuple[str, ...] | None) -> Actor:
    """Fill in the role when only one fits: the step's only body, or the person's only role
    (among those allowed)."""
    if actor.role is not None:
        return actor
    org = repo.organisation
    member = org.member(actor.person) if org is not None else None
    options: list[str] = sorted(member.roles) if member is not None else []
    if allowed is not None:
        fitting = [r for r in options if role_allows(r, allowed, org)] if options \
            else list(allowed)
        options = fitting
    if len(options) == 1:
        return Actor(actor.person, options[0], actor.claimed)
    if not options and member is not None and allowed is not None:
        raise StepRefused(_("{person} holds {roles}; this step is made by {allowed}").format(
            person=actor.person, roles=", ".join(sorted(member.roles)),
            allowed=", ".join(allowed)))
    if options:
        raise StepRefused(_("say in which role {person} acts: --as ROLE (one of "
                            "{roles})").format(person=actor.person, roles=", ".join(options)))
    raise StepRefused(_("say in which role {person} acts: --as ROLE").format(
        person=actor.person))


@dataclass
class Change:
    """A computed, validated change, ready to write (and commit)."""

    path: Path
    old_text: str | None
    new_text: str
    request_id: str
    summary: str
    trailers: dict[str, str]
    body: str = ""
    warnings: list[str] = field(default_factory=list)
    also: list[tuple[Path, str, str]] = field(default_factory=list)
    """Other files changed with this one (path, old text, new text): a decision adopting a
    plan sets the plan's status in the same commit."""
    display: str = ""
    """The summary as shown to people, in their language; ``summary`` is the commit
    subject and stays English (the audit parses it)."""

    @property
    def shown(self) -> str:
        return self.display or self.summary

    def files(self) -> list[tuple[Path, str | None, str]]:
        return [(self.path, self.old_text, self.new_text), *self.also]

    def commit_message(self) -> str:
        lines = [self.summary, ""]
        if self.body:
            lines += [self.body, ""]
        lines += [f"{k}: {v}" for k, v in self.trailers.items()]
        return "\n".join(lines) + "\n"


def actor_trailers(actor: Actor) -> dict[str, str]:
    """The commit trailers that say who made a change and in which role."""
    return {"Shvo-Role": f"{actor.role}{' (claimed)' if actor.claimed else ''}",
            "Shvo-Person": actor.person}


def claimed_warning(actor: Actor) -> str:
    return _("organisation.yaml lists no members: role {role} is recorded as claimed by "
             "{person}").format(role=actor.role, person=actor.person)


def check_actor(repo: Repository, actor: Actor, allowed: tuple[str, ...] | None) -> Actor:
    """Check the person may act in the role; with no members listed, record as claimed."""
    org = repo.organisation
    if org is None:
        raise ChangeError(_("the organisation record is missing or invalid: run shvo "
                             "validate"))
    actor = _pick_role(repo, actor, allowed)
    assert actor.role is not None
    if actor.role not in org.bodies:
        raise StepRefused(_("unknown role {role!r} (bodies: {bodies})").format(
            role=actor.role, bodies=", ".join(org.bodies)))
    if allowed is not None and not role_allows(actor.role, allowed, org):
        raise StepRefused(_("{role} may not make this step (allowed: {allowed})").format(
            role=actor.role, allowed=", ".join(allowed)))
    if not org.members:
        return Actor(actor.person, actor.role, claimed=True)
    member = org.member(actor.person)
    if member is None:
        raise StepRefused(_("{person} is not a member of the organisation "
                            "(organisation.yaml lists who may act)").format(
            person=actor.person))
    if actor.role not in member.roles:
        raise StepRefused(_("{person} does not hold role {role} (holds {roles})").format(
            person=actor.person, role=actor.role, roles=", ".join(sorted(member.roles))))
    return Actor(member.email, actor.role, actor.claimed)  # as the organisation spells it


MULTILINE = frozenset({"description", "note", "summary"})


def check_text(values: dict[str, Any]) -> None:
    """Refuse text that would mislead a reader of the records or a terminal: control
    characters (escape sequences can retitle a terminal or hide text), bidirectional
    overrides, blank values, and line breaks in one-line fields such as titles."""
    for name, value in values.items():
        texts = value if isinstance(value, list | tuple) else [value]
        for text in texts:
            if not isinstance(text, str):
                continue
            if not text.strip():
                raise ChangeRefused(_("--{name} is blank").format(name=name))
            limit = 10_000 if name in ("description", "note") else 500  # as records/doclocal.py
            if len(text) > limit:
                raise ChangeRefused(_("--{name} is {length} characters long; at most {limit} "
                                      "are allowed (nothing written)").format(
                                          name=name, length=len(text), limit=limit))
            bad = first_hidden(text, multiline=name in MULTILINE)
            if bad is not None:
                raise ChangeRefused(_("--{name} holds the control character U+{code:04X}; "
                                      "write plain text").format(name=name, code=ord(bad)))


def check_input(values: dict[str, Any]) -> None:
    check_text(values)
    for name, value in values.items():
        texts = value if isinstance(value, list | tuple) else [value]
        for text in texts:
            if isinstance(text, str) and find_identity_numbers(text):
                raise ChangeRefused(_("--{name} holds a personnummer or samordningsnummer; "
                                      "records must never hold patient data (nothing "
                                      "written)").format(name=name))


def apply(change: Change, *, commit: bool | None, force: bool = False,
          allow_detached: bool = False) -> str | None:
    """Write the change and, by default inside a git work tree, commit just its files —
    as one atomic commit (``store.commit``): after an interruption at any instant either
    nothing changed or the commit was made. Without a commit the files are written
    atomically; a failed write puts every file back as it was. Returns the commit hash."""
    folder = change.path.parent
    top = git.work_tree(folder if folder.exists() else folder.parent, strict=True)
    do_commit = commit if commit is not None else top is not None
    if do_commit and top is None:
        raise ChangeError(_("--commit: the records are not in a git work tree"))
    if do_commit and top is not None:
        atomic.recover(top)
        change.warnings += atomic.take_notes()
        for path, old, __ in change.files():
            current = path.read_bytes().decode("utf-8", "replace") if path.is_file() else None
            if old is not None and current is not None and current != old:
                raise ChangeError(_("{file} changed while this change was prepared; nothing "
                                    "was written: run the command again").format(
                                        file=path.name))
        if not force:
            for path, old, __ in change.files():
                if old is not None and git.has_changes(top, path):
                    raise ChangeError(_("{file} has uncommitted changes (a hand edit?); "
                                        "commit them first, or pass --force to include them "
                                        "in this commit").format(file=path.name))
        return atomic.commit(top, [(p, new.encode("utf-8")) for p, __, new in change.files()],
                             change.commit_message(), allow_detached=allow_detached)
    written: list[tuple[Path, str | None]] = []
    try:
        for path, old, new in change.files():
            path.parent.mkdir(exist_ok=True)
            atomic_write_text(path, new)
            written.append((path, old))
    except BaseException:
        for path, old in reversed(written):
            if old is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write_text(path, old)
        raise
    return None
