"""Writing plain data as YAML that :mod:`shvo_cli.yamlio.read` reads back identical.

Used where shvo writes a whole new record (a population table imported from SCB); edits of
existing records go through :mod:`shvo_cli.yamlio.edit`, which splices the file's own text instead.
"""

from __future__ import annotations

from typing import Any

import yaml

from shvo_cli.yamlio.read import _LINE_BREAKS, _resolve_plain


class _Dumper(yaml.SafeDumper):
    """PyYAML's emitter decides quoting by YAML 1.1 rules: it writes ``0E0`` or ``1e3`` bare
    (strings in 1.1, numbers in 1.2) and quotes dates. This dumper drops the 1.1 resolvers and
    instead quotes exactly the strings the reader above would not read back as themselves,
    so what shvo writes reads back identical and looks like what people write."""


_Dumper.yaml_implicit_resolvers = {}


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
