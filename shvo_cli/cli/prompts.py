"""Questions on the terminal that check each answer when it is given.

A wrong answer is asked again with a reason, never carried to the end of a long series of
questions and refused there: ids are matched ignoring case (``samsa`` is ``SAMSA``), an
unknown id gets the closest known ones ("did you mean"), choices are numbered and show the
Swedish names the records give them, and an empty answer to a required question says what is
expected. Messages name ids and words, never a pattern or a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import typer

from shvo_cli.cli.console import echo
from shvo_cli.i18n import _, language
from shvo_cli.records.ids import closest


class Option(NamedTuple):
    """One numbered choice: the value recorded and its name in the records (Swedish)."""

    value: str
    label: str = ""


def tell(text: str) -> None:
    """A reason under the question, on stderr (stdout carries only results)."""
    echo("  " + text, err=True)


def _ask(prompt: str) -> str:
    return str(typer.prompt(prompt, default="", show_default=False, err=True)).strip()


def resolve(answer: str, known: Iterable[str]) -> tuple[str | None, list[str]]:
    """The known id an answer means (exactly, then ignoring case), else up to three close
    ones to suggest."""
    names = list(known)
    if answer in names:
        return answer, []
    folded = {k.casefold(): k for k in names}
    hit = folded.get(answer.casefold())
    if hit is not None:
        return hit, []
    return None, closest(answer, names)


def unknown(what: str, answer: str, close: Sequence[str], hint: str = "") -> str:
    """Why an id is not accepted, with the closest known ids or where to find them."""
    if close:
        return _("{what} {answer} does not exist; did you mean {close}?").format(
            what=what, answer=answer, close=f" {_('or')} ".join(close))
    return _("{what} {answer} does not exist").format(what=what, answer=answer) + (
        f" ({hint})" if hint else "")


def text(prompt: str, *, expected: str, field: str, optional: bool = False) -> str | None:
    """Free text; an empty answer is "none" when optional, else asked again. Text the
    change would refuse (a personnummer, control characters) is refused here, at once."""
    from shvo_cli.records.change import ChangeRefused, check_input

    while True:
        answer = _ask(prompt)
        if not answer and not optional:
            tell(_("an answer is needed: {expected}").format(expected=expected))
            continue
        try:
            check_input({field: answer or None})
        except ChangeRefused as refused:
            tell(str(refused))
            continue
        return answer or None


def _show(options: Sequence[Option]) -> None:
    swedish = language() == "sv"
    for i, (value, label) in enumerate(options, 1):
        if not label:
            echo(f"  {i:>2}. {value}", err=True)
        elif swedish:  # the Swedish name leads, the id it is recorded as follows
            echo(f"  {i:>2}. {label} ({value})", err=True)
        else:
            echo(f"  {i:>2}. {value}  {label}", err=True)


def choose(prompt: str, options: Sequence[Option], *, what: str,
           optional: bool = False) -> str | None:
    """A numbered choice: the number, the id (any case) or the name is accepted."""
    echo(prompt + ":", err=True)
    _show(options)
    values = [o.value for o in options]
    names = {o.label.casefold(): o.value for o in options if o.label}
    while True:
        answer = _ask(_("Choice (empty: none)") if optional else _("Choice"))
        if not answer:
            if optional:
                return None
            tell(_("choose a number from 1 to {count}, or type the id").format(
                count=len(options)))
            continue
        if answer.isdigit():
            if 1 <= int(answer) <= len(options):
                return options[int(answer) - 1].value
            tell(_("choose a number from 1 to {count}, or type the id").format(
                count=len(options)))
            continue
        value, close = resolve(answer, values)
        value = value or names.get(answer.casefold())
        if value is not None:
            return value
        tell(unknown(what, answer, close))


def ids(prompt: str, known: Mapping[str, str], *, what: str, hint: str,
        optional: bool = True) -> list[str]:
    """Several ids, comma-separated; each is checked, and the whole answer is asked again
    if one is unknown (``known`` maps each id to its name, for the suggestion)."""
    while True:
        answer = _ask(prompt)
        given = [a.strip() for a in answer.split(",") if a.strip()]
        if not given:
            if optional:
                return []
            tell(_("an answer is needed: {expected}").format(expected=hint))
            continue
        found: list[str] = []
        for one in given:
            value, close = resolve(one, known)
            if value is None:
                tell(unknown(what, one, close, hint))
                break
            if value not in found:
                found.append(value)
        else:
            return found


def one_id(prompt: str, known: Mapping[str, str], *, what: str, hint: str) -> str:
    """One id from ``known``, required."""
    while True:
        chosen = ids(prompt, known, what=what, hint=hint, optional=False)
        if len(chosen) == 1:
            return chosen[0]
        tell(_("give one {what}").format(what=what))
