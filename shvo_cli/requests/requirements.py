"""What a step needs before it is taken: the options its transition requires, an adopted
plan for work within it (seed 6.3.1), the other side of a consensus step, and the DVS
representative's own subregion. Apart from :mod:`shvo_cli.requests.steps`, which writes the
step, so each rule reads on its own."""

from __future__ import annotations

from collections.abc import Sequence

from shvo_cli.i18n import _
from shvo_cli.records import model
from shvo_cli.records.change import Actor, check_input
from shvo_cli.records.process import StepRefused
from shvo_cli.records.repository import Repository


def missing_options(t: model.Transition, req: model.Request, *, scope: str | None,
             subregion: str | None, outcome: str | None, note: str | None,
             decisions: Sequence[str], assignment: str | None) -> list[str]:
    """The options a transition requires that were not given, as the person would type them."""
    r = t.requires
    missing = []
    if r.scope and not scope:
        missing.append("--scope within-plan|next-year|beyond-plan")
    if r.subregion and not subregion:
        missing.append(_("--subregion (the subregion lifting the request)"))
    if r.outcome and outcome != r.outcome:
        missing.append(f"--outcome {r.outcome}")
    if r.note and not note:
        missing.append(_("--note (the reason)"))
    if (r.decisions_all_of or r.decisions_one_of) and not decisions:
        bodies = r.decisions_all_of or r.decisions_one_of
        joiner = f" {_('and')} " if r.decisions_all_of else f" {_('or')} "
        missing.append(_("--decision DEC-… (a recorded decision by {bodies})").format(
            bodies=joiner.join(bodies)))
    if r.assignment and not (assignment or req.assignment):
        missing.append(_("--assignment (the plan assignment the work falls under)"))
    return missing


def check_adopted_plan(repo: Repository, req: model.Request) -> None:
    """Work within the plan falls under an assignment of the year's adopted plan."""
    plan = repo.plans.get(req.year)
    if plan is None:
        raise StepRefused(_("work within the plan needs an assignment of the adopted "
                            "plan; the plan for {year} is missing (VVG adopts it)").format(
            year=req.year))
    if plan.status != "adopted":
        raise StepRefused(_("work within the plan needs an assignment of the adopted "
                            "plan; the plan for {year} is a {status} (VVG adopts "
                            "it)").format(year=req.year, status=plan.status))


def own_subregion(repo: Repository, actor: Actor, given: str | None) -> str | None:
    """A DVS representative lifts a request for the subregion they represent: that is the
    default, and another one is refused (validate reports it as H012)."""
    member = repo.organisation.member(actor.person) if repo.organisation else None
    own = member.subregion if member is not None else None
    known = repo.organisation.subregions if repo.organisation else {}
    if given is not None and own is not None and given != own and given in known:
        raise StepRefused(_("{person} represents {own}; a request is lifted by the "
                            "representatives of their own subregion, not {given}").format(
            person=actor.person, own=own, given=given))
    return given or own


def concurrence_of(t: model.Transition, actor: Actor, person: str | None,
                 ) -> dict[str, str] | None:
    """The other side of a consensus step (6.3.1), as the history entry records it."""
    others = [b for b in t.consensus if b != actor.role]
    if not t.consensus or person is None or not others:
        return None
    check_input({"with": person})
    return {"person": person, "role": others[0]}
