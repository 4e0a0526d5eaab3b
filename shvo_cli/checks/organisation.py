"""Organisation checks: the roles everyone else refers to must themselves be sound."""

from __future__ import annotations

from shvo_cli.county import MUNICIPALITIES
from shvo_cli.findings import Finding
from shvo_cli.i18n import _
from shvo_cli.records.repository import Repository


def check(repo: Repository) -> list[Finding]:
    org = repo.organisation
    if org is None:
        return []
    out: list[Finding] = []
    data = org.ref.doc.data
    seen: set[str] = set()
    for i, body in enumerate(data["bodies"]):
        if body["id"] in seen:
            out.append(org.ref.at("R001", _("body id {id!r} is defined twice").format(
                id=body["id"]), "bodies", i, "id"))
        seen.add(body["id"])
        parent = body.get("parent")
        if parent is not None and parent not in org.bodies:
            out.append(org.ref.at("R004", _("body {id!r} has unknown parent {parent!r}")
                                  .format(id=body["id"], parent=parent),
                                  "bodies", i, "parent"))
    subregions = org.subregions
    out += _subregion_members(repo)
    emails: set[str] = set()
    for member in org.members:
        if member.email.casefold() in emails:
            out.append(member.ref.at("R001", _("member {email} is listed twice").format(
                email=member.email), "email"))
        emails.add(member.email.casefold())
        for role in sorted(member.roles):
            if role not in org.bodies:
                index = data["members"][member.ref.path[-1]]["roles"].index(role)
                out.append(member.ref.at("R004", _("{email}: unknown role {role!r}").format(
                    email=member.email, role=role), "roles", index))
        if member.subregion is not None and member.subregion not in subregions:
            out.append(member.ref.at("R005", _("{email}: unknown subregion {subregion!r} "
                                               "(one of {known})").format(
                email=member.email, subregion=member.subregion, known=", ".join(subregions)),
                "subregion"))
    return out


def _subregion_members(repo: Repository) -> list[Finding]:
    """A subregion's municipalities are county municipalities, each in one subregion."""
    assert repo.organisation is not None
    out: list[Finding] = []
    owner: dict[str, str] = {}
    for i, body in enumerate(repo.organisation.ref.doc.data["bodies"]):
        for j, sub in enumerate(body.get("subregions", ())):
            for k, code in enumerate(sub.get("municipalities", ())):
                where = ("bodies", i, "subregions", j, "municipalities", k)
                if code not in MUNICIPALITIES:
                    out.append(repo.organisation.ref.at("R012", _(
                        "subregion {id}: {code} is not a municipality of Västra Götaland")
                        .format(id=sub["id"], code=code), *where))
                elif code in owner and owner[code] != sub["id"]:
                    out.append(repo.organisation.ref.at("R005", _(
                        "subregion {id}: {code} {name} is already in {other}").format(
                        id=sub["id"], code=code, name=MUNICIPALITIES[code][0],
                        other=owner[code]), *where))
                owner.setdefault(code, sub["id"])
    return out
