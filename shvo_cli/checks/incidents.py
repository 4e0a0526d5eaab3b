"""Outages (seed 6.4) and GITS's service levels: checks of the local records.

An outage record must tell one consistent story (started before ended, closed exactly when it
has an end, updates in time order from the start), name systems of the register, and be
written by members in their roles. Service levels may name only states of the process and
a body of the organisation.
"""

from __future__ import annotations

from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.incident_model import Incident
from shvo_cli.records.repository import Repository


def _check_incident(repo: Repository, inc: Incident) -> list[Finding]:
    out: list[Finding] = []
    if inc.ended is not None and inc.ended < inc.started:
        out.append(inc.ref.at("E001", _("{id}: ended {ended} is before it started {started}")
                              .format(id=inc.id, ended=inc.ended, started=inc.started),
                              "ended"))
    if (inc.state == "closed") != (inc.ended is not None):
        text = (_("{id}: closed but has no end time ('ended')") if inc.state == "closed"
                else _("{id}: has an end time but is still open (state: closed)"))
        out.append(inc.ref.at("E001", text.format(id=inc.id), "state"))
    if "systems" not in repo.broken and "systems" in repo.seen_kinds:
        for i, system in enumerate(inc.systems):
            if system not in repo.systems:
                out.append(inc.ref.at("R003", _("{id}: unknown related system {system!r}")
                                      .format(id=inc.id, system=system), "systems", i))
    previous = inc.started
    org = repo.organisation
    for u in inc.updates:
        if u.at < previous:
            out.append(u.ref.at("E002", _("{id}: update of {at} comes before {previous}")
                                .format(id=inc.id, at=u.at, previous=previous), "at"))
        previous = max(previous, u.at)
        for k, told in enumerate(u.informed):
            if told.at < inc.started:
                out.append(u.ref.at("E002", _("{id}: {who} told at {at}, before the outage "
                                              "started").format(id=inc.id, who=told.who,
                                                                at=told.at),
                                    "informed", k, "at"))
        if org is not None and org.members:
            member = org.member(u.person)
            if member is None or u.role not in member.roles:
                out.append(u.ref.at("H007", _("{id}: {person} does not hold role {role}")
                                    .format(id=inc.id, person=u.person, role=u.role),
                                    "by", "person"))
    return out


def check_service_levels(repo: Repository) -> list[Finding]:
    levels = repo.service_levels
    if levels is None:
        return []
    out: list[Finding] = []
    if repo.process is not None:
        for state in levels.days:
            if state not in repo.process.states:
                out.append(levels.ref.at("R013", _("service level for unknown state {state!r}")
                                         .format(state=state), "days", state))
    if repo.organisation is not None and levels.set_by not in repo.organisation.bodies:
        out.append(levels.ref.at("R013", _("service levels set by unknown body {body!r}")
                                 .format(body=levels.set_by), "set_by"))
    return out


def check(repo: Repository) -> list[Finding]:
    out = check_service_levels(repo)
    for inc in repo.incidents.values():
        out += _check_incident(repo, inc)
    return out
