"""The checks ``shvo audit`` makes on each commit that changed the records: one pass over
the steps that ``history.read_history`` read, oldest first, keeping per blob which commit
added each history entry (for backdating, and for ``shvo request log``).

See ``audit.py`` for what is checked and why; this module is the engine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.audit import invoice_rules, rules
from shvo_cli.audit.history import Commit, FileChange, History, Step
from shvo_cli.audit.model import (
    SIGNATURE,
    AuditFinding,
    FileEvent,
    Origin,
    Version,
    entry_key,
    signer_email,
    step_name,
)
from shvo_cli.checks.requests import check_history
from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _
from shvo_cli.privacy import find_identity_numbers
from shvo_cli.records.layout import FILE_KIND, FOLDER_KIND
from shvo_cli.records.model import Organisation, Request, build_request
from shvo_cli.records.repository import Repository, add_document
from shvo_cli.records.schemas import validate_document
from shvo_cli.records.source import SourceRef
from shvo_cli.yamlio.read import MAX_BYTES, YamlDocument, parse_text

Progress = Callable[[int, int], None]


def _amended(kind: str, old: dict[str, Any], new: dict[str, Any] | None,
             fields: list[str]) -> bool:
    """The lawful change to an adopted plan or a decided budget: amendments appended (each
    citing its decision, which validate checks), the earlier ones untouched; a budget's other
    fields never change."""
    if new is None or "amendments" not in fields or kind not in ("plan", "budget"):
        return False
    before, after = old.get("amendments") or [], new.get("amendments") or []
    if not isinstance(before, list) or not isinstance(after, list) \
            or len(after) <= len(before) or after[:len(before)] != before:
        return False
    return kind == "plan" or fields == ["amendments"]


class Auditor:
    """One pass over the steps, oldest first; findings collect in ``out``."""

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

    # -- helpers ---------------------------------------------------------------------------

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
        elif doc.data.get("kind") != "request":
            v = Version(doc, None, _("the file as committed holds a {kind!r} record, not a "
                                     "request").format(kind=doc.data.get("kind")))
        elif errors := validate_document(doc, "request"):
            v = Version(doc, None, _("the file as committed fails the request schema "
                                     "({error})").format(error=errors[0].message))
        else:
            entries = list(doc.data["history"])
            v = Version(doc, build_request(doc.data, SourceRef(doc)), None, entries,
                        [entry_key(e) for e in entries])
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

    # -- the walk --------------------------------------------------------------------------

    def run(self, progress: Progress | None) -> None:
        total = len(self.h.steps)
        for done, step in enumerate(self.h.steps):
            if progress is not None and done % 100 == 0:
                progress(done, total)
            changes = [c for c in step.changes if self.only is None or c.path == self.only]
            if not changes:
                continue
            if self.require_signed and self.only is None:
                self.signature(step.commit, changes[0].path)
            added = {c.new: c.path for c in step.changes if c.old is None and c.new}
            for ch in changes:
                kind = self.kind(ch.path)
                if kind == "request":
                    moved = added.get(ch.old) if ch.new is None and ch.old else None
                    self.request(step, ch, moved)
                elif kind in ("plan", "budget", "decision") and self.only is None:
                    self.guarded(step, ch, kind)
                elif kind == "invoice" and self.only is None:
                    self.invoice(step.commit, ch)
                if kind is not None and self.only is None:
                    self.identity_numbers(step.commit, ch)
        if progress is not None:
            progress(total, total)

    def signature(self, c: Commit, path: str) -> None:
        sig = c.signature
        if sig is None or sig.status == "N":
            self.add("A014", c, path, 0, _("the commit is not signed (--require-signed)"))
        elif sig.status != "G":
            what = SIGNATURE.get(sig.status)
            status = (_("git status {status}, key {key}") if sig.key
                      else _("git status {status}")).format(status=sig.status, key=sig.key)
            self.add("A015", c, path, 0, _(
                "the commit carries {signature} ({status}): its author cannot be trusted "
                "(--require-signed)").format(signature=_(what) if what else "", status=status))

    def identity_numbers(self, c: Commit, ch: FileChange) -> None:
        doc, old = self.doc(ch.new, ch.path), self.doc(ch.old, ch.path)
        if doc is None or (old is not None and find_identity_numbers(old.text)):
            return
        for hit in find_identity_numbers(doc.text):
            self.add("N001" if hit.kind == "personnummer" else "N002", c, ch.path, hit.line,
                     _("a valid {kind} was committed here; it stays in the git history "
                       "until that history is rewritten (the number is not repeated here)")
                     .format(kind=hit.kind), hit.column)

    def invoice(self, c: Commit, ch: FileChange) -> None:
        """Issued invoice records never change: rules in :mod:`.invoice_rules`."""
        hit = invoice_rules.judge(self.data(ch.old, ch.path), self.data(ch.new, ch.path),
                                  Path(ch.path).stem)
        if hit is not None:
            doc = self.doc(ch.new, ch.path)
            line = doc.locate_key([hit[1][0]])[0] if doc is not None and doc.data else 0
            self.add(hit[0], c, ch.path, line, hit[2])

    def guarded(self, step: Step, ch: FileChange, kind: str) -> None:
        old = self.data(ch.old, ch.path)
        new = self.data(ch.new, ch.path)
        if old is None or old == new:
            return
        c = step.commit
        fields = sorted(k for k in {*old, *(new or {})} if old.get(k) != (new or {}).get(k))
        if _amended(kind, old, new, fields):
            return
        deleted = new is None
        doc = self.doc(ch.new, ch.path)
        line = doc.locate_key([fields[0]])[0] if doc is not None and new and fields else 0
        rid = old.get("id", Path(ch.path).stem)
        if kind == "plan" and old.get("status") == "adopted":
            message = _("{id}: the adopted plan was deleted; an adopted plan changes only by a "
                        "new VVG decision") if deleted else \
                _("{id}: the adopted plan was changed ({fields}); an adopted plan changes only "
                  "by a new VVG decision")
            code = "A011"
        elif kind == "budget" and old.get("status") == "decided":
            message = _("{id}: the decided budget was deleted; a decided budget changes only "
                        "by a new SITIV decision") if deleted else \
                _("{id}: the decided budget was changed ({fields}); a decided budget changes "
                  "only by a new SITIV decision")
            code = "A012"
        elif kind == "decision":
            message = _("{id}: a recorded decision was deleted; the requests citing it were "
                        "judged by what it said") if deleted else \
                _("{id}: a recorded decision was changed ({fields}); the requests citing it "
                  "were judged by what it said")
            code = "A013"
        else:
            return
        self.add(code, c, ch.path, line, message.format(id=rid, fields=", ".join(fields)))

    # -- requests --------------------------------------------------------------------------

    def request(self, step: Step, ch: FileChange, moved: str | None) -> None:
        c = step.commit
        rid = Path(ch.path).stem
        old = self.version(ch.old, ch.path) if ch.old else None
        event = FileEvent(c, ch.path, "deleted" if ch.new is None else
                          "added" if ch.old is None else "changed",
                          old.request.state if old and old.request else None, None, [])
        if self.only is not None:
            self.events.append(event)
        if ch.new is None:
            if ch.old is None:
                return
            event.findings.append(self.add(
                "A002" if moved else "A001", c, ch.path, 0,
                _("{id}: the request file was moved to {path}; a request's file keeps its "
                  "id's name for good").format(id=rid, path=moved) if moved else
                _("{id}: the request file was deleted; a request ends through the process "
                  "(withdrawn, rejected), never by deletion").format(id=rid)))
            self.last = None
            return
        new = self.version(ch.new, ch.path)
        self.last = (ch.new, ch.path)
        if new.problem is not None or new.request is None:
            event.findings.append(self.add("A018", c, ch.path, 1, f"{rid}: {new.problem}"))
            self.origins[ch.new] = []
            return
        event.after = new.request.state
        if old is not None and old.problem is not None:
            self.origins[ch.new] = [None] * len(new.entries)
            return  # what was appended cannot be told from an unreadable parent
        self._request(step, ch, rid, old, new, event)

    def _request(self, step: Step, ch: FileChange, rid: str, old: Version | None,
                 new: Version, event: FileEvent) -> None:
        c = step.commit
        new_blob = ch.new
        assert new.request is not None and new_blob is not None
        old_keys = old.keys if old is not None else []
        prefix = 0
        while prefix < min(len(old_keys), len(new.keys)) \
                and old_keys[prefix] == new.keys[prefix]:
            prefix += 1
        old_set = Counter(old_keys)
        added = [i for i in range(prefix, len(new.keys)) if new.keys[i] not in old_set]
        if prefix < len(old_keys):
            edited = self.rewrite(c, ch.path, rid, old_keys, new, prefix, event)
            added = [i for i in added if i != edited]
        others = [(b, self.version(b, ch.path)) for b in step.others.get(ch.path, []) if b]
        branch = {k for __, o in others for k in o.keys}
        mine = [i for i in added if new.keys[i] not in branch]
        baseline = not c.parents
        day = c.committer.when.date()
        self.origin(ch, c, new, old, others, prefix, set(mine), day)
        repo = self.context(step, new.request)
        event.entries = [(i, new.line(i), new.entries[i]) for i in added] \
            if self.only is not None else []
        report = event.findings.append
        if repo.process is not None and "organisation" not in repo.broken:
            checked = set(added)
            before_keys: set[tuple[str, str]] | None = None
            for f in check_history(repo, new.request, repo.process):
                index = new.entry_at(f.line)
                if index is None:
                    if before_keys is None:
                        before_keys = set()
                        if old is not None and old.request is not None:
                            before_keys = {(g.code, g.message) for g in check_history(
                                repo, old.request, repo.process)}
                    if (f.code, f.message) in before_keys:
                        continue
                elif index not in checked:
                    continue
                seen = (f.code, ch.path, f.message)
                if seen in self.seen:
                    continue
                self.seen.add(seen)
                report(self.add(f.code, c, ch.path, f.line, f.message, f.column))
        if any(rules.approves(repo.process, new.request.history[i].transition) for i in added):
            adopted = rules.adoptions(self.data(b, p) for p, b in step.after.decisions.items())
            for i, message in rules.unadopted_approvals(new.request, added, adopted,
                                                        repo.process):
                report(self.add("H010", c, ch.path, new.line(i), message))
        origins = self.origins[new_blob]
        for i in mine:
            when = new.request.history[i].date
            if when > day:
                report(self.add("A008", c, ch.path, new.line(i), _(
                    "{id}: entry {number} ({step}) is dated {date}, after its commit "
                    "({commit_date})").format(id=rid, number=i + 1,
                                              step=step_name(new.entries[i], i), date=when,
                                              commit_date=day)))
            prev = origins[i - 1] if i > 0 else None
            if not baseline and prev is not None and prev[0] != c.sha and when < prev[1]:
                report(self.add("A009", c, ch.path, new.line(i), _(
                    "{id}: entry {number} ({step}) is dated {date}, before the previous step "
                    "was committed ({commit_date}, {commit})").format(
                        id=rid, number=i + 1, step=step_name(new.entries[i], i), date=when,
                        commit_date=prev[1], commit=prev[0][:10])))
        if baseline:
            return
        org = repo.organisation
        if mine and (org is None or not org.members) \
                and step.before.organisation not in self.no_members:
            self.no_members.add(step.before.organisation)
            report(self.add("A016", c, self.org_path, 0, (
                _("roles cannot be verified from here on: organisation.yaml is missing or "
                  "invalid before this commit (first seen with {id})") if org is None else
                _("roles cannot be verified from here on: organisation.yaml lists no members "
                  "before this commit (first seen with {id})")).format(id=rid)))
        made_by_shvo, reason = self.shvo_made(c, rid, new, mine)
        for i in mine:
            self.author(c, ch.path, rid, new, i, made_by_shvo, org, event)
        new_data = new.doc.data if new.doc is not None else None
        old_data = old.doc.data if old is not None and old.doc is not None else None
        if others:
            merged = [o.doc.data for __, o in others if o.doc is not None] + [old_data]
            if new_data not in merged:
                line = new.line(mine[0]) if mine else 1
                report(self.add("A010", c, ch.path, line, _(
                    "{id}: changed in the merge itself, not by any merged commit (a conflict "
                    "resolved by hand?)").format(id=rid)))
        elif not made_by_shvo and new_data != old_data:
            report(self.add("A010", c, ch.path, new.line(mine[0]) if mine else 1,
                            _("{id}: changed by hand: {reason}").format(id=rid, reason=reason)))

    def origin(self, ch: FileChange, c: Commit, new: Version, old: Version | None,
               others: list[tuple[str, Version]], prefix: int, mine: set[int],
               day: date) -> None:
        """Which commit added each entry of the new version (for backdating and the log)."""
        assert ch.new is not None
        sources = ([(ch.old, old)] if ch.old and old else []) + others
        out: list[Origin | None] = []
        for i, key in enumerate(new.keys):
            found: Origin | None = None
            if i in mine:
                found = (c.sha, day)
            else:
                for blob, version in sources:
                    if key in version.keys:
                        known = self.origins.get(blob, [])
                        j = version.keys.index(key) if i >= prefix else i
                        found = known[j] if j < len(known) else None
                        break
                else:
                    found = (c.sha, day)
            out.append(found)
        self.origins[ch.new] = out

    def rewrite(self, c: Commit, path: str, rid: str, old_keys: list[str], new: Version,
                i: int, event: FileEvent) -> int | None:
        """Report how the committed past was changed; return the index of an edited entry."""
        new_set, old_set = Counter(new.keys), Counter(old_keys)
        if i < len(new.keys) and new.keys[i] not in old_set and old_keys[i] not in new_set:
            event.findings.append(self.add(
                "A003", c, path, new.line(i), _(
                    "{id}: history entry {number} ({step}) was changed after it was "
                    "committed; history is only ever appended").format(
                        id=rid, number=i + 1, step=step_name(new.entries[i], i))))
            return i
        missing = sum((old_set - new_set).values())
        if missing:
            event.findings.append(self.add(
                "A005", c, path, new.line(min(i, len(new.keys) - 1)),
                (_("{id}: {count} committed history entry was removed; history is only ever "
                   "appended") if missing == 1 else
                 _("{id}: {count} committed history entries were removed; history is only "
                   "ever appended")).format(id=rid, count=missing)))
        else:
            event.findings.append(self.add(
                "A004", c, path, new.line(i), _(
                    "{id}: committed history entries were reordered (from entry {number}); "
                    "history is only ever appended").format(id=rid, number=i + 1)))
        return None

    def shvo_made(self, c: Commit, rid: str, new: Version, mine: list[int]) -> tuple[bool, str]:
        """Whether the commit is shvo's own record of this one step (its trailers agree
        with the entry), and if not, why not."""
        t = c.trailers
        if not t:
            return False, _("the commit has no Shvo-* trailers")
        if t.get("Shvo-Request") != rid:
            return False, _("its Shvo-Request trailer names {request!r}").format(
                request=t.get("Shvo-Request"))
        if len(mine) != 1:
            return False, (_("no history entry was added for the change") if not mine
                           else _("{count} history entries were added in one commit")
                           .format(count=len(mine)))
        entry, i = new.entries[mine[0]], mine[0]
        by = entry.get("by") or {}
        if t.get("Shvo-Transition") != step_name(entry, i):
            return False, _("the trailers say {trailer!r}, the entry says {entry!r}").format(
                trailer=t.get("Shvo-Transition"), entry=step_name(entry, i))
        if str(t.get("Shvo-Person", "")).casefold() != str(by.get("person", "")).casefold():
            return False, _("the trailers name {trailer!r}, the entry {entry!r}").format(
                trailer=t.get("Shvo-Person"), entry=by.get("person"))
        if (t.get("Shvo-Role") or "").split(" ")[0] != by.get("role"):
            return False, _("the trailers say role {trailer!r}, the entry {entry!r}").format(
                trailer=t.get("Shvo-Role"), entry=by.get("role"))
        return True, ""

    def author(self, c: Commit, path: str, rid: str, new: Version, i: int, by_shvo: bool,
               org: Organisation | None, event: FileEvent) -> None:
        """The entry's person must be the identity trusted: the author, or the signer."""
        assert new.request is not None
        entry = new.request.history[i]
        person = entry.person
        what = {"id": rid, "number": i + 1, "step": step_name(new.entries[i], i),
                "role": entry.role, "person": person}
        if self.require_signed:
            sig = c.signature
            if sig is None or sig.status != "G":
                return
            signer = signer_email(sig.signer)
            member = org.member(signer) if org is not None and signer else None
            if member is None and org is not None:
                member = next((m for m in org.members if m.name == sig.signer), None)
            who = member.email if member is not None else signer
            if who.casefold() != person.casefold():
                message = _("{id}: entry {number} ({step}, as {role}) is made in the name of "
                            "{person}, but the commit is signed by {signer} (trusted: signer)") \
                    if member is not None or org is None or not org.members else \
                    _("{id}: entry {number} ({step}, as {role}) is made in the name of "
                      "{person}, but the commit is signed by {signer}, who is not a member of "
                      "the organisation (trusted: signer)")
                f = self.add("A006", c, path, new.line(i),
                             message.format(signer=sig.signer or sig.key, **what))
                event.findings.append(f)
            return
        if c.author.email.casefold() == person.casefold():
            return
        if by_shvo:
            f = self.add("A007", c, path, new.line(i), _(
                "{id}: entry {number} ({step}, as {role}) by {person} was recorded by the "
                "commit's author {author} on their behalf (trusted: author, unsigned)").format(
                    author=c.author.email, **what))
        else:
            f = self.add("A006", c, path, new.line(i), _(
                "{id}: entry {number} ({step}, as {role}) is in the name of {person}, but the "
                "commit's author is {author} and shvo did not record it (trusted: author, "
                "unsigned)").format(author=c.author.email, **what))
        event.findings.append(f)
