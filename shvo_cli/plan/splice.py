"""Plan edits spliced into the file's own text, so comments and layout stay and ``git
diff`` shows only the change; each splice is proven by reading the result back as exactly
the intended data. Where the layout does not allow it, the caller rewrites the file whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from shvo_cli.yamlio.edit import Editor, _compose, _find, _line_end
from shvo_cli.yamlio.read import parse_text
from shvo_cli.yamlio.write import render_scalar


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _proven(path: Path, text: str, expected: Any) -> str | None:
    doc = parse_text(path, text)
    return text if not doc.findings and doc.data == expected else None


def append_item(path: Path, text: str, where: Sequence[str | int], item: dict[str, Any],
                expected: Any) -> str | None:
    try:
        ed = Editor(path, text)
        ed.append(list(where), item, flow_keys=())
    except Exception:
        return None
    return _proven(path, ed.result(), expected)


def remove_item(path: Path, text: str, where: Sequence[str | int], index: int,
                expected: Any) -> str | None:
    """Cut the list item's lines (from its dash to the next item, or its last line)."""
    try:
        seq = _find(_compose(text), list(where))[0]
    except (KeyError, yaml.YAMLError):
        return None
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style or index >= len(seq.value):
        return None
    start = _line_start(text, seq.value[index].start_mark.index)
    if index + 1 < len(seq.value):
        end = _line_start(text, seq.value[index + 1].start_mark.index)
    else:
        end = _line_end(text, seq.value[index].end_mark.index)
    return _proven(path, text[:start] + text[end:], expected)


def replace_value(path: Path, text: str, where: Sequence[str | int], value: list[str] | str,
                  expected: Any) -> str | None:
    """Replace a text section's value: a block list of paragraphs, or one scalar."""
    try:
        node = _find(_compose(text), list(where))[0]
    except (KeyError, yaml.YAMLError):
        return None
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(value, str):
        rendered = render_scalar(value)
        end = _line_end(text, end) - 1 if isinstance(node, yaml.ScalarNode) \
            and node.style in ("|", ">") else end
    elif isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        column = node.start_mark.column
        rendered = ("\n" + " " * column).join("- " + render_scalar(p) for p in value)
        end = _line_end(text, node.value[-1].end_mark.index) - 1
    else:
        return None
    return _proven(path, text[:start] + rendered + text[end:], expected)
