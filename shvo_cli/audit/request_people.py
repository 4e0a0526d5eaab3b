"""Who made a request's new history entries, and when: dates against the commits (A008,
A009), the roles that can be verified (A016), the trusted identity (A006, A007) and
changes shvo did not record (A010)."""

from __future__ import annotations

from shvo_cli.audit.history import Commit, FileChange, Step
from shvo_cli.audit.model import FileEvent, Origin, Version, signer_email, step_name
from shvo_cli.audit.state import AuditPass
from shvo_cli.i18n import _
from shvo_cli.records.model import Organisation
from shvo_cli.records.repository import Repository


def check_people(p: AuditPass, step: Step, ch: FileChange, rid: str, old: Version | None,
                 new: Version, mine: list[int], others: list[tuple[str, Version]],
                 repo: Repository, event: FileEvent) -> None:
    """Dates, roles, identity and hand edits of the entries this commit added."""
    c, path = step.commit, ch.path
    assert ch.new is not None
    _dates(p, c, path, rid, new, mine, p.origins[ch.new], event)
    if not c.parents:
        return  # the import baseline: records kept before git have no git author
    org = repo.organisation
    if mine and (org is None or not org.members) \
            and step.before.organisation not in p.no_members:
        p.no_members.add(step.before.organisation)
        event.findings.append(p.add("A016", c, p.org_path, 0, (
            _("roles cannot be verified from here on: organisation.yaml is missing or "
              "invalid before this commit (first seen with {id})") if org is None else
            _("roles cannot be verified from here on: organisation.yaml lists no members "
              "before this commit (first seen with {id})")).format(id=rid)))
    made_by_shvo, reason = _shvo_made(c, rid, new, mine)
    for i in mine:
        _author(p, c, path, rid, new, i, made_by_shvo, org, event)
    new_data = new.doc.data if new.doc is not None else None
    old_data = old.doc.data if old is not None and old.doc is not None else None
    if others:
        merged = [o.doc.data for __, o in others if o.doc is not None] + [old_data]
        if new_data not in merged:
            line = new.line(mine[0]) if mine else 1
            event.findings.append(p.add("A010", c, path, line, _(
                "{id}: changed in the merge itself, not by any merged commit (a conflict "
                "resolved by hand?)").format(id=rid)))
    elif not made_by_shvo and new_data != old_data:
        line = new.line(mine[0]) if mine else 1
        event.findings.append(p.add("A010", c, path, line, _(
            "{id}: changed by hand: {reason}").format(id=rid, reason=reason)))


def _dates(p: AuditPass, c: Commit, path: str, rid: str, new: Version, mine: list[int],
           origins: list[Origin | None], event: FileEvent) -> None:
    assert new.request is not None
    day = c.committer.when.date()
    for i in mine:
        when = new.request.history[i].date
        if when > day:
            event.findings.append(p.add("A008", c, path, new.line(i), _(
                "{id}: entry {number} ({step}) is dated {date}, after its commit "
                "({commit_date})").format(id=rid, number=i + 1,
                                          step=step_name(new.entries[i], i), date=when,
                                          commit_date=day)))
        prev = origins[i - 1] if 0 < i <= len(origins) else None
        if c.parents and prev is not None and prev[0] != c.sha and when < prev[1]:
            event.findings.append(p.add("A009", c, path, new.line(i), _(
                "{id}: entry {number} ({step}) is dated {date}, before the previous step "
                "was committed ({commit_date}, {commit})").format(
                    id=rid, number=i + 1, step=step_name(new.entries[i], i), date=when,
                    commit_date=prev[1], commit=prev[0][:10])))


def _shvo_made(c: Commit, rid: str, new: Version, mine: list[int]) -> tuple[bool, str]:
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


def _signed_author(p: AuditPass, c: Commit, path: str, new: Version, i: int,
                   org: Organisation | None, what: dict[str, object],
                   event: FileEvent) -> None:
    sig = c.signature
    if sig is None or sig.status != "G":
        return
    signer = signer_email(sig.signer)
    member = org.member(signer) if org is not None and signer else None
    if member is None and org is not None:
        member = next((m for m in org.members if m.name == sig.signer), None)
    who = member.email if member is not None else signer
    if who.casefold() == str(what["person"]).casefold():
        return
    message = _("{id}: entry {number} ({step}, as {role}) is made in the name of "
                "{person}, but the commit is signed by {signer} (trusted: signer)") \
        if member is not None or org is None or not org.members else \
        _("{id}: entry {number} ({step}, as {role}) is made in the name of "
          "{person}, but the commit is signed by {signer}, who is not a member of "
          "the organisation (trusted: signer)")
    event.findings.append(p.add("A006", c, path, new.line(i),
                                message.format(signer=sig.signer or sig.key, **what)))


def _author(p: AuditPass, c: Commit, path: str, rid: str, new: Version, i: int,
            by_shvo: bool, org: Organisation | None, event: FileEvent) -> None:
    """The entry's person must be the identity trusted: the author, or the signer."""
    assert new.request is not None
    entry = new.request.history[i]
    person = entry.person
    what: dict[str, object] = {"id": rid, "number": i + 1, "step": step_name(new.entries[i], i),
                               "role": entry.role, "person": person}
    if p.require_signed:
        _signed_author(p, c, path, new, i, org, what, event)
        return
    if c.author.email.casefold() == person.casefold():
        return
    if by_shvo:
        f = p.add("A007", c, path, new.line(i), _(
            "{id}: entry {number} ({step}, as {role}) by {person} was recorded by the "
            "commit's author {author} on their behalf (trusted: author, unsigned)").format(
                author=c.author.email, **what))
    else:
        f = p.add("A006", c, path, new.line(i), _(
            "{id}: entry {number} ({step}, as {role}) is in the name of {person}, but the "
            "commit's author is {author} and shvo did not record it (trusted: author, "
            "unsigned)").format(author=c.author.email, **what))
    event.findings.append(f)
