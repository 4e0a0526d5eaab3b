"""``shvo audit``: every change to the records in git, checked against the process and the
roles — history made into evidence, and plain about what it cannot prove.

What is checked, per commit (oldest first) and per changed record file:

* a request's history is only appended: no entry edited (A003), reordered (A004) or removed
  (A005); no request file deleted (A001) or moved away (A002);
* each new entry is a legal step from the state at the parent commit with its requirements
  met — the same rules and codes as ``shvo validate`` (``checks.requests.check_history``),
  judged by the organisation and process *before* the commit (a commit cannot grant its own
  author the role it uses) and the decisions as of the commit;
* the entry was made by the identity trusted: the commit's author as written, or with
  ``--require-signed`` the verified signer (A006; A007 when shvo recorded it for someone);
* its date is not after the commit (A008) nor before the previous step was committed
  (A009, backdated); entries in order (H003);
* changes without shvo's trailers are hand edits (A010); changes to an adopted plan, a decided
  budget or a decision record are flagged (A011–A013); identity numbers ever committed (N001).

The root commit is the import baseline: its entries are checked for legality and dates, not
attributed (records kept on paper before git have no git author).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from shvo_cli.audit.auditor import Auditor, Progress
from shvo_cli.audit.history import HistoryError
from shvo_cli.audit.model import AuditFinding, FileEvent, Origin, Version
from shvo_cli.audit.reading import read_history
from shvo_cli.errors import ExitCode
from shvo_cli.findings import Severity, finding
from shvo_cli.i18n import _
from shvo_cli.store import git

AUDITED_REF = "refs/shvo/audited"


@dataclass
class AuditResult:
    top: Path
    root: Path
    tip: str
    base: str | None
    walked: int
    checked: int
    require_signed: bool
    findings: list[AuditFinding]
    events: list[FileEvent]
    final: Version | None = None
    final_origins: list[Origin | None] = field(default_factory=list)

    @property
    def trusted(self) -> str:
        return "signer" if self.require_signed else "author"

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.finding.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.finding.severity is Severity.WARNING)

    def exit_code(self, strict: bool = False) -> ExitCode:
        if self.errors or (strict and self.warnings):
            return ExitCode.FINDINGS
        return ExitCode.OK


def _relative(root: Path, top: Path) -> str:
    rel = os.path.relpath(os.path.realpath(root), os.path.realpath(top))
    if rel == ".":
        return ""
    if rel.startswith(".."):
        raise HistoryError(_("{root}: the records are not inside the git work tree {top}")
                           .format(root=root, top=top))
    return Path(rel).as_posix()


def _resolve(top: Path, root: Path, range_: str | None,
             since_verified: bool) -> tuple[str, str | None, list[AuditFinding]]:
    head = git.resolve_commit(top, "HEAD")
    if head is None:
        raise HistoryError(_("the repository has no commits yet: nothing to audit"))
    if since_verified:
        if range_ is not None:
            raise HistoryError(_("--range and --since-verified cannot be combined"))
        recorded = git.read_ref(top, AUDITED_REF)
        if recorded is None:
            raise HistoryError(_("nothing is recorded as audited ({ref}): run shvo audit "
                                 "--record once on a clean history").format(ref=AUDITED_REF))
        if git.object_exists(top, recorded) and git.is_ancestor(top, recorded, head):
            return head, recorded, []
        f = finding("A017", root, 0, 0, _(
            "the last audited commit {commit} ({ref}) is not an ancestor of HEAD {head}: the "
            "history was rewritten after it was audited; auditing the whole history instead"
        ).format(commit=recorded[:10], ref=AUDITED_REF, head=head[:10]))
        return head, None, [AuditFinding(f, None)]
    if range_ is None:
        return head, None, []
    shown = repr(range_ if len(range_) < 80 else range_[:80] + "…")
    if "..." in range_:
        raise HistoryError(_("--range {range}: give A..B (commits in B but not in A)")
                           .format(range=shown))
    left, dots, right = range_.partition("..")
    tip_name = (right or "HEAD") if dots else left
    tip = git.resolve_commit(top, tip_name)
    if tip is None:
        raise HistoryError(_("--range {range}: {name!r} is not a commit")
                           .format(range=shown, name=tip_name))
    if not dots:
        return tip, None, []
    base = git.resolve_commit(top, left or "HEAD")
    if base is None:
        raise HistoryError(_("--range {range}: {name!r} is not a commit")
                           .format(range=shown, name=left))
    return tip, base, []


def audit(root: Path, *, range_: str | None = None, since_verified: bool = False,
          require_signed: bool = False, only: str | None = None,
          with_signatures: bool | None = None, progress: Progress | None = None) -> AuditResult:
    """Check every commit in the range that changed the records (or, with ``only``, the one
    record file at that path below the records root, e.g. ``requests/REQ-….yaml``)."""
    top = git.work_tree(root)
    if top is None:
        raise HistoryError(_("{root}: not in a git work tree; the audit reads its history")
                           .format(root=root))
    rel = _relative(root, top)
    tip, base, pre = _resolve(top, root, range_, since_verified)
    signatures = require_signed if with_signatures is None else with_signatures
    path = None if only is None else (f"{rel}/{only}" if rel else only)
    with read_history(top, rel, tip, base, only=path, with_signatures=signatures) as history:
        auditor = Auditor(history, root, require_signed=require_signed, only=path)
        auditor.run(progress)
        result = AuditResult(top, root, tip, base, history.walked, auditor.checked,
                             require_signed, pre + auditor.out, auditor.events)
        if auditor.last is not None and only is not None:
            blob, last_path = auditor.last
            result.final = auditor.version(blob, last_path)
            result.final_origins = auditor.origins.get(blob, [])
    return result


def record(result: AuditResult) -> None:
    """Remember the audited tip, for ``--since-verified``: a local ref, written only when
    asked (``--record``), never by default and never in CI unless a job asks."""
    git.update_ref(result.top, AUDITED_REF, result.tip, "shvo audit --record")


__all__ = ["AUDITED_REF", "AuditFinding", "AuditResult", "FileEvent", "HistoryError", "Origin",
           "Progress", "Version", "audit", "record"]
