"""What a finance view's figures come from, for the sources sheet of a workbook and the
foot of a statement: the records (id and file) and the git commit they were read at."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from shvo_cli.budget.split import Split
from shvo_cli.i18n import _
from shvo_cli.invoices.record import Issued
from shvo_cli.paths import display_path
from shvo_cli.store import git


def head_commit(root: Path) -> str | None:
    """HEAD of the records' git work tree, or None outside git."""
    top = git.work_tree(root)
    return git.resolve_commit(top, "HEAD") if top is not None else None


def uncommitted(root: Path) -> bool:
    """True if a records file differs from HEAD: the commit alone does not name the figures."""
    top = git.work_tree(root)
    return top is not None and git.has_changes(top, root)


def describe(root: Path, split: Split | None, records: Iterable[Issued] = (),
             extra: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if split is not None:
        b, t = split.budget, split.table
        out.append((_("budget"), f"{b.id} ({b.status}) — {display_path(b.ref.file)}"))
        out.append((_("population table"),
                    f"{t.id} ({t.reference_date}) — {display_path(t.ref.file)}"))
    for r in records:
        out.append((_("issued record"), f"{r.id} ({r.issued})"
                    + (" " + _("PRELIMINARY") if r.preliminary else "")))
    out += list(extra)
    sha = head_commit(root)
    if sha is None:
        out.append((_("git commit"), _("none (the records are not in git)")))
    else:
        note = " " + _("(with uncommitted changes)") if uncommitted(root) else ""
        out.append((_("git commit"), sha + note))
    return out
