"""A meeting agenda as Markdown, one self-contained HTML file, or a Word document (.docx).

In the run's language; every id is shown with its name. The .docx is written with the
standard library (a zip of WordprocessingML parts) with fixed timestamps, so the same agenda
gives the same bytes; it opens in Word and LibreOffice and the secretary edits it there.
"""

from __future__ import annotations

import html
import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from shvo_cli.i18n import _, language
from shvo_cli.render.safe import markdown, one_line

Line = tuple[str, str]
"""(kind, text): kind is h1, h2, h3, p, li, code — the agenda as a flat list of lines."""


def _item_lines(n: int, item: dict[str, Any]) -> list[Line]:
    out: list[Line] = [("h2", f"§ {n}. {item['title']} ({item['id']})")]
    if item["description"]:
        out.append(("p", item["description"]))
    facts = [
        _("State: {state}, since {since} ({days} days)").format(
            state=item["state_name"], since=item["since"], days=item["days"]),
        _("Scope: {scope}").format(scope=item["scope_name"] or _("not yet assessed")),
        _("Category: {category}").format(category=item["category_name"]),
        _("Assignment: {assignment}").format(
            assignment=item["assignment_text"] or item["assignment"] or _("none named")),
    ]
    if item["overdue"]:
        facts.append(_("Waited longer than the service level ({days} days)").format(
            days=item["service_level_days"]))
    out += [("li", f) for f in facts]
    if item["systems"]:
        out.append(("h3", _("Related systems and who must be told")))
        out += [("li", f"{s['name']}: " + (", ".join(s["tell"])
                                           or _("owner not named in the records")))
                for s in item["systems"]]
    out.append(("h3", _("History in brief")))
    out += [("li", f"{h['date']} {h['step']} → {h['state_name']} ({h['by']})"
             + (f": {h['note']}" if h["note"] else "")) for h in item["history"]]
    out.append(("h3", _("Decision draft")))
    out.append(("p", _("Decision: ……………… Minutes §: ……  Options:")))
    for o in item["options"]:
        out.append(("li", o["name"] if o["name"] == o["to_name"] else
                    _("{name} (→ {state})").format(name=o["name"], state=o["to_name"])))
    out.append(("p", _("After the meeting, record it:")))
    out += [("code", c) for o in item["options"] for c in o["commands"]]
    return out


def lines(data: dict[str, Any]) -> list[Line]:
    out: list[Line] = [("h1", data["title"])]
    count = len(data["items"])
    out.append(("p", _("Requests awaiting a position: {count}. Milestones of the annual "
                       "cycle due: {milestones}.").format(count=count,
                                                          milestones=len(data["milestones"]))))
    for n, item in enumerate(data["items"], start=1):
        out += _item_lines(n, item)
    out.append(("h2", _("Milestones of the annual cycle")))
    if not data["milestones"]:
        out.append(("p", _("None due.")))
    for m in data["milestones"]:
        out.append(("h3", _("{name} — deadline {deadline}").format(name=m["name"],
                                                                  deadline=m["deadline"])))
        out.append(("p", m["text"]))
        if m["blocked_by"]:
            out.append(("p", _("Waits for: {milestones}").format(
                milestones=", ".join(m["blocked_by"]))))
        out += [("code", c) for c in m["commands"]]
    return out


def as_markdown(data: dict[str, Any]) -> str:
    prefix = {"h1": "# ", "h2": "\n## ", "h3": "\n### ", "li": "- ", "p": "\n"}
    out = []
    for kind, text in lines(data):
        if kind == "code":
            out.append(f"\n    {one_line(text)}\n")
        else:
            out.append(prefix[kind] + markdown(text))
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


CSS = """body{font-family:system-ui,'Segoe UI',sans-serif;max-width:50rem;margin:2rem auto;
padding:0 1rem;color:#222;line-height:1.45}h2{border-bottom:1px solid #999;margin-top:2rem}
code{display:block;background:#f4f4f4;padding:.3rem;white-space:pre-wrap;font-size:.85rem}
@media print{body{margin:0}h2{break-after:avoid}}@page{size:A4;margin:18mm}"""


def as_html(data: dict[str, Any]) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", f'<html lang="{language()}">', "<head>",
           '<meta charset="utf-8">', f"<title>{e(data['title'])}</title>",
           f"<style>{CSS}</style>", "</head>", "<body>", "<main>"]
    in_list = False
    for kind, text in lines(data):
        if kind == "li" and not in_list:
            out.append("<ul>")
        if kind != "li" and in_list:
            out.append("</ul>")
        in_list = kind == "li"
        tag = "code" if kind == "code" else kind
        out.append(f"<{tag}>{e(text)}</{tag}>")
    if in_list:
        out.append("</ul>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


_STYLE = {"h1": "Heading1", "h2": "Heading2", "h3": "Heading3", "li": "ListBullet",
          "p": "Normal", "code": "Code"}
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.styles+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
             'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
             '2006/relationships/styles" Target="styles.xml"/></Relationships>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _styles() -> str:
    sizes = {"Heading1": 32, "Heading2": 26, "Heading3": 22, "Normal": 21, "ListBullet": 21,
             "Code": 18}
    parts = []
    for sid, size in sizes.items():
        bold = "<w:b/>" if sid.startswith("Heading") else ""
        font = '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>' if sid == "Code" else ""
        indent = '<w:ind w:left="360"/>' if sid in ("ListBullet", "Code") else ""
        parts.append(f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{sid}"/>'
                     f'<w:pPr><w:spacing w:after="80"/>{indent}</w:pPr>'
                     f'<w:rPr>{font}{bold}<w:sz w:val="{size}"/></w:rPr></w:style>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}">'
            + "".join(parts) + "</w:styles>")


def as_docx(data: dict[str, Any]) -> bytes:
    paras = []
    for kind, text in lines(data):
        shown = ("• " if kind == "li" else "") + one_line(text)
        paras.append(f'<w:p><w:pPr><w:pStyle w:val="{_STYLE[kind]}"/></w:pPr><w:r>'
                     f'<w:t xml:space="preserve">{xml_escape(shown)}</w:t></w:r></w:p>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W}"><w:body>{"".join(paras)}'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("word/_rels/document.xml.rels", _DOC_RELS),
                           ("word/styles.xml", _styles()), ("word/document.xml", document)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()
