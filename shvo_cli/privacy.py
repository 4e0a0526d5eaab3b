"""Detect Swedish personal identity numbers in raw record text before it reaches git.

Governance records are committed to a git repository, and whatever lands in git history stays
there (every clone, every backup). A personnummer or samordningsnummer in a record is patient
(or staff) data that must never get there, so ``shvo`` scans the *raw text* of every YAML file,
values and comments alike, and refuses it. This module is that scanner.

Design choices, and why:

* **Recall first, but not at any price.** A miss leaks personal data into history forever; a false
  alarm only costs the author an edit. The detector therefore accepts every common way of writing
  the number (10 or 12 digits, with ``-``, ``+``, a space or nothing between date and serial,
  glued to ``id:``, quotes or brackets) and only rejects shapes that are far more likely to be
  something else. Each such rejection is listed below so the trade-off is visible.
* **Validity = real date + Luhn.** Random digits pass both tests about once in 150 tries, which
  keeps amounts, dates, organisation numbers (month digits >= 20) and phone numbers quiet.
* **Never echo the number.** A hit carries only line, column and kind: error messages, logs and
  CI output are themselves persisted, so the digits must not travel any further.
* **Cheap on clean files.** One compiled regex pass per file; line numbers are computed only for
  hits. A run may scan 10 000 files.

Deliberate exclusions (false-negative risk accepted, documented here on purpose):

* A *separator-less* 10-digit run starting ``070``, ``072``, ``073``, ``076`` or ``079`` is taken
  to be a Swedish mobile number (staff contact numbers are common in records and about one in ten
  would pass the Luhn test). Cost: someone born in February, March, June or September of 1907 or
  2007 whose number is written as ten bare digits is missed. Written with ``-``, ``+`` or a space
  between date and serial (``070301-NNNC``) the number *is* reported.
* A 10-digit run directly preceded by ``+46`` or ``0046`` (optionally one space or ``-``) is a
  phone number in international form.
* A match glued to ASCII letters whose whole letter/digit token is hexadecimal and at least 16
  characters long is part of a hash or identifier (git SHA, SHA-256, UUID fragment).
* A match directly preceded by ``<digit>.`` or followed by ``.<digit>`` is part of a decimal number
  or a version string.

Known remaining false-positive sources (accepted, since a false alarm is cheap): compact
timestamps ``YYYYMMDDHHMM``, 10-digit Unix timestamps and plain 10-digit landline numbers whose
leading digits happen to form a date, each passing the Luhn test one time in ten.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final, Literal

from shvo_cli.i18n import _

__all__ = ["IdentityKind", "IdentityNumberHit", "classify", "find_identity_numbers"]

IdentityKind = Literal["personnummer", "samordningsnummer"]


@dataclass(frozen=True, slots=True)
class IdentityNumberHit:
    """Where an identity number sits, deliberately without the number itself.

    There is no field for the digits so that no caller can accidentally print, log or store them.
    """

    line: int  # 1-based line of the first character of the match
    column: int  # 1-based column of the first character
    kind: IdentityKind


# Separators accepted between the date part and the serial part. Besides the official "-" and
# "+", a plain space and the dashes/spaces that word processors substitute on copy-paste, since
# a number pasted from a document is exactly the case this guards against.
_SEPARATORS: Final = "-+ \u00a0\u2009\u202f\u2010\u2011\u2012\u2013\u2212"

# Between the date and the serial, and between the parts of the date, any run of up to three
# characters that are neither letters nor digits counts as a separator: "1912-12-12-1212",
# "19 12 12 12 1212", "191212 - 1212", "191212_1212", "191212/1212", a tab, two spaces — a
# number typed or pasted in any of these ways is still a number. (Text is first normalised:
# NFKC, so fullwidth and other-script digits and dashes are ASCII; format characters such as
# the invisible soft hyphen are removed.) The first character is a digit class, not a
# lookbehind, so the engine skips quickly to the next digit; a file without digits costs one
# fast scan. Digits on either side mean a slice of a longer run, not a number.
_SEP: Final = r"(?:[^\w\n\r]|_){1,3}"
_CANDIDATE: Final = re.compile(
    r"[0-9](?<![0-9][0-9])[0-9]"                       # two digits, none before them
    r"(?:(?:" + _SEP + r")?[0-9]{2}){2,3}"              # the rest of the date (6 or 8 digits)
    r"(?P<sep>" + _SEP + r")?"                          # between date and serial
    r"(?P<serial>[0-9]{4})"
    r"(?![0-9])"
)
_NOT_DIGIT: Final = re.compile(r"[^0-9]")
_NOT_DIGITS_RUN: Final = re.compile(r"[^0-9]+")
_INVISIBLE: Final = frozenset(("Cf",))

_HEX_TOKEN: Final = re.compile(r"[0-9A-Fa-f]+")
_ASCII_ALNUM: Final = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_DIGITS: Final = frozenset("0123456789")
_INTERNATIONAL_PREFIX: Final = re.compile(r"(?:\+|00)46[ \-]?\Z")
_MOBILE_PREFIXES: Final = ("070", "072", "073", "076", "079")
_HASH_MIN_LENGTH: Final = 16

_DAYS_IN_MONTH: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _luhn_ok(ten_digits: str) -> bool:
    """Luhn over YYMMDDNNN with weights 2,1,2,...; the last digit must be the check digit."""
    total = 0
    for index, char in enumerate(ten_digits[:9]):
        product = (ord(char) - 48) * (2 - index % 2)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10 == ord(ten_digits[9]) - 48


def _validate(century: str, ten_digits: str, separator: str) -> IdentityKind | None:
    """Return the kind if the digits form a real date and pass Luhn; ``century`` may be empty."""
    month = int(ten_digits[2:4])
    day = int(ten_digits[4:6])
    if not 1 <= month <= 12:
        return None
    kind: IdentityKind = "personnummer"
    if day > 60:
        kind = "samordningsnummer"
        day -= 60
    if day < 1:
        return None
    if day > _DAYS_IN_MONTH[month - 1]:
        if not (month == 2 and day == 29):
            return None
        # 29 February: the century decides. With an explicit century it is exact; without one,
        # accept if some plausible century makes it a leap year ("+" means born 100+ years ago).
        yy = int(ten_digits[0:2])
        if century:
            years: tuple[int, ...] = (int(century) * 100 + yy,)
        elif separator == "+":
            years = (1800 + yy, 1900 + yy)
        else:
            years = (1900 + yy, 2000 + yy)
        if not any(_is_leap(year) for year in years):
            return None
    if not _luhn_ok(ten_digits):
        return None
    return kind


def _split(match: re.Match[str]) -> tuple[str, str, str, int] | None:
    """(century, ten digits, separator, offset of the first digit used) of a candidate, or
    None when its eight-digit date has no century of a living person (18, 19, 20) and its
    last six digits are not a date either."""
    separator = match.group("sep") or ""
    date_text = match.group(0)[:match.start("sep" if separator else "serial") - match.start()]
    date = _NOT_DIGIT.sub("", date_text)
    serial = match.group("serial")
    century, skip = "", 0
    if len(date) == 8:
        if date[:2] in ("18", "19", "20"):
            century = date[:2]
        else:
            seen = 0
            while seen < 2:  # the date starts at its third digit: offset of that digit
                seen += date_text[skip].isdigit()
                skip += 1
            while not date_text[skip].isdigit():
                skip += 1
    inside = _NOT_DIGITS_RUN.findall(date_text[skip:])
    if inside and (len(set(inside)) > 1 or any(":" in x for x in inside)
                   or separator != inside[0]):
        # "00:07.20", "2025-07.01", "2025-03-22 1045": a time, a mixed run, or a date and
        # then a time; a number written out is separated alike ("1912-12-12-1212").
        return None
    return century, date[-6:] + serial, separator, skip


def _separated(match: re.Match[str]) -> bool:
    """A separator anywhere in the candidate (inside the date or before the serial)."""
    return not match.group(0).isdigit()


def _is_mobile_number(century: str, ten_digits: str, separated: bool) -> bool:
    return not century and not separated and ten_digits.startswith(_MOBILE_PREFIXES)


def classify(candidate: str) -> IdentityKind | None:
    """Tell whether one token is an identity number, so callers can vet a single value.

    Surrounding whitespace is ignored. The same acceptance rules as ``find_identity_numbers``
    apply to the token's own shape (so a bare ``07[02369]`` 10-digit run is a phone number here
    too); rules that depend on surrounding text (``+46`` prefix, hashes, decimals) cannot apply.
    """
    original = candidate.strip()
    text, __ = _normalise(original)
    match = _CANDIDATE.fullmatch(text)
    if match is None:
        return None
    parts = _split(match)
    if parts is None or parts[3]:
        return None
    century, ten_digits, separator, _skip = parts
    if _is_mobile_number(century, ten_digits, _separated(match) or len(text) < len(original)):
        return None
    return _validate(century, ten_digits, "+" if "+" in separator else separator)


def _looks_like_other_number(text: str, start: int, end: int, digits: str) -> bool:
    """True when context shows the digits belong to a phone number, hash or decimal number."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    # Decimal fraction / version component: "0.9001019802", "9001019802.5".
    if before == "." and start >= 2 and text[start - 2] in _DIGITS:
        return True
    if after in "-./" and after and end + 1 < len(text) and text[end + 1] in _DIGITS:
        return True  # "… 2025-06-11", a date range: the "serial" is the next date's year
    # International phone number: "+46 7012345678", "0046-8123456789", "+464701112577" (an
    # area code of three digits leaves ten digits glued to the country code).
    if _INTERNATIONAL_PREFIX.search(text, max(0, start - 5), start):
        return True
    # Hash or hex identifier: the match is glued to letters inside a long hexadecimal token.
    if before in _ASCII_LETTERS or after in _ASCII_LETTERS:
        left = start
        while left > 0 and text[left - 1] in _ASCII_ALNUM:
            left -= 1
        right = end
        while right < len(text) and text[right] in _ASCII_ALNUM:
            right += 1
        token = text[left:start] + digits + text[end:right]
        if len(token) >= _HASH_MIN_LENGTH and _HEX_TOKEN.fullmatch(token):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _unchanged(c: str) -> bool:
    """The scan reads this non-ASCII character as itself (Swedish letters do): visible,
    not a digit, its own NFKC form. Text made only of such characters is read as it is."""
    import unicodedata

    return unicodedata.category(c) not in _INVISIBLE and not c.isdecimal() \
        and unicodedata.normalize("NFKC", c) == c


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """The text as the scan reads it, and for each of its characters the index of the
    original one (None: the same text). NFKC per character (fullwidth digits, dashes and
    plus signs become ASCII, a no-break space a space), digits of every script as ASCII
    digits, and format characters — the invisible soft hyphen, zero-width spaces, bidi
    marks — removed, so nothing invisible can split a number."""
    if text.isascii():
        return text, None
    import unicodedata

    if all(_unchanged(c) for c in set(text) if not c.isascii()):
        return text, None  # e.g. Swedish letters only: each distinct character judged once
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c.isascii():
            out.append(c)
            where.append(i)
            continue
        if unicodedata.category(c) in _INVISIBLE:
            continue
        if c.isdecimal():
            n = str(unicodedata.decimal(c))
        else:
            n = unicodedata.normalize("NFKC", c)
            if any(ch.isdecimal() and not ch.isascii() for ch in n):
                n = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in n)
        for ch in n:
            out.append(ch)
            where.append(i)
    where.append(len(text))
    return "".join(out), where


def _scan(text: str) -> list[tuple[int, int, IdentityKind]]:
    """(start, end, kind) of every identity number, as indexes into ``text`` itself."""
    norm, where = _normalise(text)
    found: list[tuple[int, int, IdentityKind]] = []
    for match in _CANDIDATE.finditer(norm):
        parts = _split(match)
        if parts is None:
            continue
        century, ten_digits, separator, skip = parts
        separated = _separated(match) or (
            where is not None and where[match.end() - 1] + 1 - where[match.start()]
            != match.end() - match.start())  # an invisible character was removed inside
        if _is_mobile_number(century, ten_digits, separated):
            continue
        kind = _validate(century, ten_digits, "+" if "+" in separator else separator)
        if kind is None:
            continue
        start, end = match.start() + skip, match.end()
        if _looks_like_other_number(norm, start, end, century + ten_digits):
            continue
        if where is not None:
            start, end = where[start], where[end - 1] + 1
        found.append((start, end, kind))
    return found


def find_identity_numbers(text: str) -> list[IdentityNumberHit]:
    """Locate every identity number in ``text`` so the caller can refuse the file.

    Returns positions and kinds only, in text order; the digits are never returned or logged, so
    reporting a hit cannot itself leak the number. Lines are split on ``\\n`` (``\\r\\n`` works);
    columns count characters of the original text, both 1-based.
    """
    hits: list[IdentityNumberHit] = []
    line = 1
    line_start = 0
    scanned = 0
    for start, __, kind in _scan(text):
        newlines = text.count("\n", scanned, start)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", scanned, start) + 1
        scanned = start
        hits.append(IdentityNumberHit(line=line, column=start - line_start + 1, kind=kind))
    return hits


_ESCAPE: Final = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")
_REDACT_RUN: Final = re.compile(
    r"(?:[0-9]|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|[" + re.escape(_SEPARATORS) + r"])+")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def redact(text: str) -> str:
    """Blank out identity numbers in a message or path before it is shown or stored.

    Each number found is replaced, whatever separates its digits. Messages also quote values
    in escaped form (a schema error repeats the value it rejects, ``repr`` turns a
    non-breaking space into ``\\xa0``): when only the unescaped text holds a number, runs of
    digits, separators and such escapes that hold ten or more digits are replaced. Other
    digits (ids, amounts, line numbers) stay readable.
    """
    spans = _scan(text)
    if spans:
        out = text
        for start, end, __ in reversed(spans):
            out = out[:start] + _("[redacted]") + out[end:]
        return out
    unescaped = _unescape(text)
    if unescaped == text or not _scan(unescaped):
        return text

    def blank(match: re.Match[str]) -> str:
        run = _unescape(match.group(0))
        return _("[redacted]") if sum(c in _DIGITS for c in run) >= 10 else match.group(0)

    return _REDACT_RUN.sub(blank, text)
