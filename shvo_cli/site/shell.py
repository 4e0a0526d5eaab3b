"""The frame every page of the public site shares: head with a Content-Security-Policy,
skip link, header, navigation, main, and a footer that names the page's source record and
the commit it was built from. Swedish, accessible, printable; everything escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'")
"""Only the site's own style sheet and script; nothing inline, nothing from elsewhere."""

NAV = (("index.html", "Start"), ("plan.html", "Förvaltningsplan"), ("cykel.html", "Årscykeln"),
       ("arenden.html", "Ärenden"), ("system.html", "Närliggande system"),
       ("rapporter.html", "Kvartalsrapporter"), ("kostnader.html", "Kostnad per kommun"))


def e(text: object) -> str:
    """Escape record text for HTML (quotes too: it may land in an attribute)."""
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Source:
    """Where a page's facts come from: record files (relative to the records folder) at a
    commit, linked when the site is given a URL for the repository."""

    commit: str | None
    url: str | None  # a prefix with {commit}, e.g. https://example.org/shvo/blob/{commit}/

    def link(self, record: str) -> str:
        if self.url and self.commit:
            href = self.url.replace("{commit}", self.commit) + "records/" + record
            return f'<a href="{e(href)}"><code>{e(record)}</code></a>'
        return f"<code>{e(record)}</code>"

    def commit_text(self) -> str:
        if not self.commit:
            return "posterna var inte incheckade i git när sidan byggdes"
        return f"commit <code>{e(self.commit[:12])}</code>"


def page(*, path: str, title: str, body: str, records: list[str], source: Source,
         depth: int = 0, built: str) -> str:
    """A whole page. ``depth`` is how many folders below the site root it lies."""
    up = "../" * depth
    nav = "".join(
        f'<li><a href="{up}{href}"'
        + (' aria-current="page"' if href == path else "") + f">{e(label)}</a></li>"
        for href, label in NAV)
    sources = ", ".join(source.link(r) for r in records) or "–"
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="sv">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)} – SHVO</title>",
        f'<link rel="stylesheet" href="{up}site.css">',
        f'<script src="{up}search.js" defer></script>', "</head>", "<body>",
        '<a class="skip" href="#main">Hoppa till innehållet</a>',
        '<header><p class="brand">SHVO – Samordnad hälsa, vård och omsorg</p>',
        f'<nav aria-label="Huvudmeny"><ul>{nav}</ul></nav></header>',
        f'<main id="main" tabindex="-1"><h1>{e(title)}</h1>', body, "</main>",
        f"<footer><p>Källa: {sources}; {source.commit_text()}. Byggd per {e(built)} med "
        "shvo site build.</p></footer>", "</body>", "</html>", ""])
