"""The process engine: which steps are open to a request, and which one a command means.

The rules are data (``process.yaml``); this module only reads them. ``checks/requests.py``
judges a history after the fact, this module chooses the next step before it is written,
and both are run on every change (the step is validated like any history).
"""

from __future__ import annotations

from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.i18n import _
from shvo_cli.records.model import Organisation, Process, Transition


class StepRefused(ShvoError):
    """The step is not allowed, or a requirement is missing. Nothing was written."""

    exit_code = ExitCode.FINDINGS


def role_allows(role: str, allowed: tuple[str, ...], org: Organisation | None) -> bool:
    """A body may act where its parent may (arbetsgrupp utveckling is a working group)."""
    if role in allowed:
        return True
    body = org.bodies.get(role) if org is not None else None
    return body is not None and body.parent is not None and body.parent in allowed


def open_transitions(process: Process, state: str, scope: str | None) -> list[Transition]:
    """Transitions that can be taken from ``state`` by a request of ``scope``."""
    return [t for t in process.transitions.values()
            if state in t.sources and (t.scope is None or t.scope == scope)]


def describe(transitions: list[Transition]) -> str:
    """'triage → triaged (by GITS)' lines, for refusals that say what is possible."""
    if not transitions:
        return _("none (the request is in a final state)")
    return "; ".join(_("{transition} → {to} (by {bodies})").format(
        transition=t.id, to=t.to, bodies=", ".join(t.by)) for t in transitions)


def choose(process: Process, org: Organisation | None, state: str, scope: str | None,
           *, transition: str | None = None, to: str | None = None,
           role: str | None = None) -> Transition:
    """Pick the one transition a command means, or refuse saying what is open from here."""
    open_here = open_transitions(process, state, scope)
    if transition is not None:
        t = process.transitions.get(transition)
        if t is None:
            raise StepRefused(_("unknown transition {transition!r}; open from {state!r}: "
                                "{steps}").format(transition=transition, state=state,
                                                  steps=describe(open_here)))
        if state not in t.sources:
            raise StepRefused(_("{transition!r} cannot be made from state {state!r}; open from "
                                "here: {steps}").format(transition=t.id, state=state,
                                                        steps=describe(open_here)))
        if t.scope is not None and t.scope != scope:
            if scope:
                raise StepRefused(_("{transition!r} is for requests {scope}, this one is "
                                    "{actual}; open from here: {steps}").format(
                    transition=t.id, scope=t.scope, actual=scope, steps=describe(open_here)))
            raise StepRefused(_("{transition!r} is for requests {scope}, this one is not yet "
                                "scoped; open from here: {steps}").format(
                transition=t.id, scope=t.scope, steps=describe(open_here)))
        if to is not None and t.to != to:
            raise StepRefused(_("{transition!r} leads to {to!r}, not {asked!r}").format(
                transition=t.id, to=t.to, asked=to))
        return t
    candidates = [t for t in open_here if to is None or t.to == to]
    if to is not None and to not in process.states:
        raise StepRefused(_("unknown state {to!r}; open from {state!r}: {steps}").format(
            to=to, state=state, steps=describe(open_here)))
    if not candidates:
        raise StepRefused(_("no step leads from {state!r} to {to!r}; open from here: "
                            "{steps}").format(state=state, to=to, steps=describe(open_here)))
    if role is not None and len(candidates) > 1:
        by_role = [t for t in candidates if role_allows(role, t.by, org)]
        candidates = by_role or candidates
    if len(candidates) > 1:
        raise StepRefused(_("several steps lead to {to!r}: {steps}; name one with "
                            "--transition").format(to=to, steps=describe(candidates)))
    return candidates[0]
