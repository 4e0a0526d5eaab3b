"""Every YAML text shvo writes, written so that :mod:`shvo_cli.yamlio.read` reads it back
identical.

* :func:`new_record`: a new record file (a request, a decision) in its canonical field order,
  one-line values as people write them, proven by reading it back once;
* :func:`dump`: a whole generated record of tables (a population table imported from SCB);
* :func:`render_scalar` and :func:`render_flow`: the one-line values that
  :mod:`shvo_cli.yamlio.edit` splices into an existing file's own text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.i18n import _
from shvo_cli.yamlio.read import _LINE_BREAKS, YamlDocument, _resolve_plain, parse_text


class WriteError(ShvoError):
    """The text built would not read back as the data it was built from; nothing was
    written. Exit 1: the change is refused, as a failed edit is."""

    exit_code = ExitCode.FINDINGS


class _Dumper(yaml.SafeDumper):
    """PyYAML's emitter decides quoting by YAML 1.1 rules: it writes ``0E0`` or ``1e3`` bare
    (strings in 1.1, numbers in 1.2) and quotes dates. This dumper drops the 1.1 resolvers and
    instead quotes exactly the strings the reader above would not read back as themselves,
    so what shvo writes reads back identical and looks like what people write."""


_Dumper.yaml_implicit_resolvers = {}


_PLAIN = re.compile(r"[\w(][\w .@/()+'’–-]*\Z")
"""Strings written without quotes (in block and flow context alike): words, spaces and a
few marks that YAML never reads as syntax."""


def render_scalar(value: Any) -> str:
    """One-line YAML for a scalar that shvo's reader reads back as exactly ``value``."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(_("cannot write {type} into a record").format(
            type=type(value).__name__))
    if (value and _PLAIN.match(value) and value == value.strip() and "  " not in value
            and isinstance(_resolve_plain(value), str)):
        return value
    return _double_quoted(value)


def _printable(c: str) -> bool:
    o = ord(c)
    return (0x20 <= o <= 0x7E or o == 0xA0 or 0xA1 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD
            or 0x10000 <= o <= 0x10FFFF) and c not in "\u2028\u2029"


def _double_quoted(value: str) -> str:
    """YAML double-quoted style: escape what YAML forbids raw or would read as a line break."""
    out = ['"']
    for c in value:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif _printable(c):
            out.append(c)
        elif ord(c) <= 0xFF:
            out.append(f"\\x{ord(c):02x}")
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    out.append('"')
    return "".join(out)


def render_flow(value: Any) -> str:
    """A list or mapping of scalars in flow style (``[A, B]``, ``{person: x, role: GITS}``)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{render_scalar(k)}: "
                               f"{render_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(render_flow(v) for v in value) + "]"
    return render_scalar(value)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None
    if value and (not isinstance(_resolve_plain(value), str) or value != value.strip()
                  or any(c in value for c in _LINE_BREAKS)):
        style = '"'
    elif value == "":
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_plain(dumper: yaml.SafeDumper, value: Any) -> yaml.ScalarNode:
    """Numbers, booleans and null written bare: with the 1.1 resolvers gone, tagging them
    ``str`` is what keeps PyYAML from adding explicit ``!!int`` tags; the reader above types
    them back."""
    text = "null" if value is None else ("true" if value else "false") \
        if isinstance(value, bool) else str(value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


_Dumper.add_representer(str, _represent_str)
for _kind in (int, bool, type(None)):
    _Dumper.add_representer(_kind, _represent_plain)


def dump(data: Any) -> str:
    """Serialise plain data (dicts, lists, scalars) as YAML that :func:`parse_text` reads back
    identical. Key order is kept; Swedish text stays readable (no ``\\xe4`` escapes)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)


def modeline(kind: str) -> str:
    """The first line of a record file: editors that speak the YAML language server check
    the file against its kind's schema as it is typed."""
    return f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | dict)
                                            and not value)


def _line(value: Any) -> str:
    return render_flow(value) if isinstance(value, list | tuple | dict) else render_scalar(value)


def _field_lines(name: str, value: Any) -> list[str]:
    """A top-level field: a one-line value, a mapping of one-line values, or a list of such
    mappings (a history)."""
    if isinstance(value, dict):
        return [f"{name}:", *(f"  {k}: {_line(v)}" for k, v in value.items())]
    if isinstance(value, list | tuple) and value and all(isinstance(v, dict) for v in value):
        lines = [f"{name}:"]
        for item in value:
            lines += [("  - " if i == 0 else "    ") + f"{k}: {_line(v)}"
                      for i, (k, v) in enumerate(item.items())]
        return lines
    return [f"{name}: {_line(value)}"]


def _plain(value: Any) -> Any:
    """``value`` as the reader gives it back (tuples are lists)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def new_record(path: Path, kind: str, data: dict[str, Any], order: Sequence[str]) -> YamlDocument:
    """A new record file for ``data``: the schema modeline, then the fields in ``order``
    (empty ones left out). The text is parsed once and must read back as exactly the data
    written; the parsed document is returned, so whoever checks it need not parse again."""
    fields = {name: data[name] for name in order if name in data and not _empty(data[name])}
    lines = [modeline(kind)]
    for name, value in fields.items():
        lines += _field_lines(name, value)
    doc = parse_text(path, "\n".join(lines) + "\n")
    if doc.findings or doc.data != _plain(fields):
        raise WriteError(_("{path}: the record built would not read back as intended; "
                           "nothing was written").format(path=path))
    return doc
