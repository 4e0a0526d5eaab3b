"""Who a request waits on, and whether it has waited longer than the service level allows.

A request waits on the bodies that may make one of the steps open from its state (the
process record's ``by``). Withdrawing is open to GITS from almost every state and waits on
nobody, so a step into a withdrawn state does not count.

Every answer is a function of the records and a date: the state "as of" a day is replayed
from the request's history, so a queue as of 30 June reads the same next year.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from shvo_cli.county import MUNICIPALITIES
from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.model import Process, Request
from shvo_cli.records.process import open_transitions
from shvo_cli.records.repository import Repository
from shvo_cli.requests.service_levels import days_waiting

NOT_WAITING = frozenset({"withdrawn"})
"""States a step may lead to without anyone being waited on (withdrawing is always open)."""


def state_at(req: Request, day: date) -> str | None:
    """The request's state at the end of ``day`` (None if it did not exist yet)."""
    return req.history.state_at(day)


def scope_at(req: Request, day: date) -> str | None:
    """The request's scope at the end of ``day`` (set on triage, perhaps changed by edits)."""
    scope = None
    for entry in req.history:
        if entry.date > day:
            break
        scope = entry.scope or scope
    return scope if scope is not None else req.scope


def entered_state(req: Request, day: date) -> date:
    """When the request entered the state it is in at ``day``."""
    since = req.history.first_date()
    state = None
    for entry in req.history:
        if entry.date > day:
            break
        if entry.to != state:
            since, state = entry.date, entry.to
    return since


def service_days(repo: Repository, state: str) -> int | None:
    """The most days a request may stay in ``state`` under GITS's own service levels
    (``settings/service-levels.yaml``, a local setting: the plan sets no time limits), or
    None where none is set. The one place that reads them."""
    levels = repo.service_levels
    return None if levels is None else levels.days.get(state)


def waiting_on(process: Process, state: str, scope: str | None) -> tuple[str, ...]:
    """The bodies that may take the next step from ``state``, in the process record's order."""
    bodies: dict[str, None] = {}
    for t in open_transitions(process, state, scope):
        if t.to in NOT_WAITING:
            continue
        bodies.update(dict.fromkeys(t.by))
    return tuple(bodies)


@dataclass(frozen=True)
class Waiting:
    """Where one request stands in the queues on a day."""

    id: str
    title: str
    state: str
    since: date
    days: int
    max_days: int | None
    waiting_on: tuple[str, ...]

    @property
    def overdue(self) -> bool:
        return self.max_days is not None and self.days > self.max_days


def waiting(repo: Repository, req: Request, day: date) -> Waiting | None:
    """Where ``req`` stands at the end of ``day``; None if it did not exist yet or is closed."""
    state = state_at(req, day)
    process = repo.process
    if state is None or process is None:
        return None
    known = process.states.get(state)
    if known is not None and known.terminal:
        return None
    since = entered_state(req, day)
    # Days awaiting a REF or VVG meeting are not GITS's delay: they do not count.
    counted = days_waiting(req, day)[2]
    return Waiting(req.id, req.title, state, since, counted,
                   service_days(repo, state), waiting_on(process, state, scope_at(req, day)))


def queue(repo: Repository, day: date, *, body: str | None = None,
          bodies: Collection[str] | None = None, overdue: bool = False,
          keep: Callable[[Request], bool] | None = None) -> list[Waiting]:
    """Open requests at ``day``, waiting on ``body`` or any of ``bodies`` (if given),
    overdue only (if asked), that ``keep`` keeps; the longest waiting first (ties by id)."""
    wanted = set(bodies or ()) | ({body} if body is not None else set())
    out = []
    for req in repo.requests.values():
        if keep is not None and not keep(req):
            continue
        w = waiting(repo, req, day)
        if w is None or (wanted and not wanted & set(w.waiting_on)) \
                or (overdue and not w.overdue):
            continue
        out.append(w)
    return sorted(out, key=lambda w: (-w.days, w.id))


class QueueError(ShvoError):
    """A queue asked for by a body, person or municipality the records do not know."""


def roles_of(repo: Repository, person: str) -> tuple[str, ...]:
    """The bodies ``person`` (an e-mail address) acts in, per organisation.yaml."""
    org = repo.organisation
    if org is None:
        return ()
    roles: set[str] = set()
    for m in org.members:
        if m.email.casefold() == person.casefold():
            roles |= m.roles
    return tuple(sorted(roles))


def bodies_for(repo: Repository, waiting_on: str, me: str | None) -> tuple[str, ...]:
    """The bodies ``--waiting-on`` names: one body id, or ``me`` (the roles of ``me``)."""
    if waiting_on != "me":
        known = set(repo.organisation.bodies) if repo.organisation is not None else set()
        if known and waiting_on not in known:
            raise QueueError(_("--waiting-on {value!r}: not one of {options}").format(
                value=waiting_on, options=", ".join(sorted(known | {"me"}))))
        return (waiting_on,)
    if not me:
        raise QueueError(_("--waiting-on me: who are you? set git config user.email or "
                           "pass --by EMAIL"))
    roles = roles_of(repo, me)
    if not roles:
        raise QueueError(_("--waiting-on me: {person} is not a member of any body in "
                           "organisation.yaml; pass --waiting-on ROLE").format(person=me))
    return roles


def check_municipality(code: str) -> str:
    """A kommunkod of Västra Götaland, or a refusal that says so."""
    if code not in MUNICIPALITIES:
        raise QueueError(_("--municipality {code!r}: not a municipality of Västra Götaland "
                           "(write the four-digit kommunkod, e.g. 1487)").format(code=code))
    return code


def municipality_name(code: str) -> str:
    """"1487 Vänersborg"; an unknown code is shown as it is."""
    known = MUNICIPALITIES.get(code)
    return f"{code} {known[0]}" if known else code
