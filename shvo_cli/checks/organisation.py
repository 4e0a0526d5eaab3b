"""Organisation checks: the roles everyone else refers to must themselves be sound."""

from __future__ import annotations

from shvo_cli.findings import Finding
from shvo_cli.repository import Repository


def check(repo: Repository) -> list[Finding]:
    org = repo.organisation
    if org is None:
        return []
    out: list[Finding] = []
    data = org.ref.doc.data
    seen: set[str] = set()
    for i, body in enumerate(data["bodies"]):
        if body["id"] in seen:
            out.append(org.ref.at("R001", f"body id {body['id']!r} is defined twice",
                                  "bodies", i, "id"))
        seen.add(body["id"])
        parent = body.get("parent")
        if parent is not None and parent not in org.bodies:
            out.append(org.ref.at("R004", f"body {body['id']!r} has unknown parent "
                                  f"{parent!r}", "bodies", i, "parent"))
    subregions = org.subregions
    emails: set[str] = set()
    for member in org.members:
        if member.email.casefold() in emails:
            out.append(member.ref.at("R001", f"member {member.email} is listed twice",
                                     "email"))
        emails.add(member.email.casefold())
        for role in sorted(member.roles):
            if role not in org.bodies:
                index = data["members"][member.ref.path[-1]]["roles"].index(role)
                out.append(member.ref.at("R004", f"{member.email}: unknown role {role!r}",
                                         "roles", index))
        if member.subregion is not None and member.subregion not in subregions:
            out.append(member.ref.at("R005", f"{member.email}: unknown subregion "
                                     f"{member.subregion!r} (one of {', '.join(subregions)})",
                                     "subregion"))
    return out
