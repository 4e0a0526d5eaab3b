"""From a record file's bytes to its text: the size limit, UTF-8 and NUL, in one place for
files on disk and blobs in git history alike."""

from __future__ import annotations

from pathlib import Path

from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _
from shvo_cli.yamlio.scan import _line_of

MAX_BYTES = 1024 * 1024
"""Record files are a few KB; a megabyte is a mistake or an attack, not a record."""


def decode_record(path: Path, raw: bytes) -> str | Finding:
    """The text of a record file's bytes, or the finding why they are not one: over
    :data:`MAX_BYTES`, not UTF-8, or holding NUL. The one place these limits are checked,
    for files on disk and blobs in git history alike."""
    if len(raw) > MAX_BYTES:
        return finding("Y008", path, 1, 1, _("file is over {max} bytes, the limit for "
                                             "records").format(max=MAX_BYTES))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return finding("Y004", path, line, col,
                       _("byte 0x{byte:02x} is not UTF-8; save the file as UTF-8").format(
                           byte=raw[exc.start]))
    if "\x00" in text:
        return finding("Y004", path, _line_of(text, text.index("\x00")), 1,
                       _("NUL character: this is not a text file"))
    return text


def text_again(path: Path) -> str:
    """The text of a file the cache vouched for, read when a finding needs its lines; a
    file that became unreadable since gives no text (positions fall back to 1:1)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return ""
    text = decode_record(path, raw)
    if isinstance(text, Finding):
        return ""
    return text[1:] if text.startswith("\ufeff") else text
