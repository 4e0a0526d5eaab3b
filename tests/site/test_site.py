"""``shvo site build``: the static site, checked without a browser: every page escaped,
framed by a Content-Security-Policy, Swedish, with one h1 and the landmarks, links that
resolve, labelled inputs, colours with enough contrast, nothing about persons, and the same
bytes for the same records. (tests/site/test_site_browser.py opens it in Chromium.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from shvo_cli.site.assets import CSS
from tests.conftest import Run

Shvo = Callable[..., Run]
HOSTILE = '<script>alert("x")</script> & "citat"'


class Page(HTMLParser):
    """What the checks need from one page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.h1 = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.h1 += tag == "h1"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def accessibility_problems(path: Path) -> list[str]:
    """A small, strict set of checks in the spirit of axe-core's: language, one h1,
    landmarks, alternative text, labelled inputs, a skip link to main."""
    page = parse(path)
    problems = []
    tags = [t for t, _ in page.tags]
    html_attrs = next(a for t, a in page.tags if t == "html")
    if html_attrs.get("lang") != "sv":
        problems.append("html lang is not sv")
    if page.h1 != 1:
        problems.append(f"{page.h1} h1 elements")
    for landmark in ("header", "nav", "main", "footer"):
        if landmark not in tags:
            problems.append(f"no {landmark}")
    ids = {a.get("id") for _, a in page.tags}
    labelled = {a.get("for") for t, a in page.tags if t == "label"}
    for t, a in page.tags:
        if t == "img" and not a.get("alt"):
            problems.append("img without alt")
        if t == "svg" and a.get("role") == "img" and not a.get("aria-label"):
            problems.append("svg image without a label")
        if t == "input" and a.get("id") not in labelled:
            problems.append(f"input {a.get('id')} has no label")
        if t == "a" and str(a.get("href", "")).startswith("#") and \
                str(a.get("href"))[1:] not in ids:
            problems.append(f"link to missing #{a.get('href')}")
    return problems


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.fixture
def site(records: Path, shvo: Shvo, tmp_path: Path) -> Path:
    path = records / "requests" / "REQ-2025-0001.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", "title: '" + HOSTILE.replace("'", "''") + "'",
                           text), encoding="utf-8")
    out = tmp_path / "site"
    run = shvo("site", "build", "--records", str(records), "-o", str(out), "--as-of",
               "2025-06-30")
    assert run.exit_code == 0, run.stderr
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_framed_escaped_and_swedish(site: Path) -> None:
    assert {p.relative_to(site).as_posix() for p in pages(site)} >= {
        "index.html", "plan.html", "cykel.html", "arenden.html", "system.html",
        "rapporter.html", "kostnader.html", "rapporter/2025q2.html", "system/samsa.html"}
    for path in pages(site):
        text = path.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in text, path
        assert "<script>alert" not in text and "style=" not in text, path
        assert re.findall(r"<script[^>]*>", text) in ([], ['<script src="search.js" defer>'],
                                                      ['<script src="../search.js" defer>'])
        assert accessibility_problems(path) == [], path
    released = (site / "arenden" / "released.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;citat&quot;" in released


def test_no_persons_beyond_the_bodies(site: Path, records: Path) -> None:
    people = set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", "".join(
        p.read_text(encoding="utf-8") for p in records.rglob("*.yaml"))))
    people -= {"info.samsa@vgregion.se"}  # the public intake address (seed 6.5)
    assert people
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not [p for p in people if p in text], path


def test_links_resolve(site: Path) -> None:
    for path in pages(site):
        for tag, attrs in parse(path).tags:
            ref = attrs.get("href") or attrs.get("src") if tag in ("a", "link", "script") \
                else None
            if not ref or ref.startswith(("#", "http://", "https://")):
                continue
            assert (path.parent / ref.split("#")[0]).resolve().is_file(), (path, ref)


def test_colours_have_enough_contrast() -> None:
    colours = dict(re.findall(r"--(\w+):(#[0-9a-fA-F]{6})", CSS))
    for fg in ("ink", "muted", "link"):
        for bg in ("bg", "head"):
            assert contrast(colours[fg], colours[bg]) >= 4.5, (fg, bg)
    assert contrast(colours["focus"], colours["bg"]) >= 3


def test_ids_are_shown_by_name_and_figures_are_there(site: Path) -> None:
    text = "".join(p.read_text(encoding="utf-8") for p in pages(site))
    for english in (">within-plan<", ">new-development<", ">in-progress<", ">SIP-1177<"):
        assert english not in text
    assert "Ryms inom gällande förvaltningsplan" in text and "Vänersborg" in text
    costs = (site / "kostnader.html").read_text(encoding="utf-8")
    assert costs.count("<tr>") == 50  # header + the 49 municipalities
    cycle = (site / "cykel.html").read_text(encoding="utf-8")
    assert "Inventering av nya behov" in cycle and "2025-03-31" in cycle


def test_same_records_same_bytes(records: Path, shvo: Shvo, tmp_path: Path) -> None:
    outs = []
    for name in ("a", "b"):
        out = tmp_path / name
        assert shvo("site", "build", "--records", str(records), "-o", str(out), "--as-of",
                    "2025-06-30").exit_code == 0
        outs.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]


def test_source_links_name_the_commit(records: Path, shvo: Shvo, tmp_path: Path) -> None:
    from tests.conftest import commit_records

    root = commit_records(tmp_path / "repo", records)
    out = tmp_path / "site"
    run = shvo("site", "build", "--records", str(root), "-o", str(out), "--as-of",
               "2025-06-30", "--source-url", "https://example.org/shvo/blob/{commit}/")
    assert run.exit_code == 0, run.stderr
    plan = (out / "plan.html").read_text(encoding="utf-8")
    found = re.search(r'href="https://example.org/shvo/blob/([0-9a-f]{40})/records/plans/'
                      r'plan-2025.yaml"', plan)
    assert found and f"commit <code>{found.group(1)[:12]}</code>" in plan


def test_output_that_is_a_file_is_refused(records: Path, shvo: Shvo, tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.write_text("x", encoding="utf-8")
    run = shvo("site", "build", "--records", str(records), "-o", str(target))
    assert run.exit_code == 2 and "not a folder" in run.stderr
    assert target.read_text(encoding="utf-8") == "x"
