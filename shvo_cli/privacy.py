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

# The pattern starts with a character class (not a lookbehind) so that the regex engine can skip
# quickly to the next digit: a file without digits costs one fast scan. The lookbehind placed
# after the first digit checks that no digit precedes it (a slice of a longer run is not a
# number); the lookahead at the end does the same on the right.
_CANDIDATE: Final = re.compile(
    r"[0-9](?<![0-9][0-9])"  # first digit, not preceded by a digit
    r"(?:(?<=1)[89][0-9]{6}|(?<=2)0[0-9]{6}|[0-9]{5})"  # optional century 18/19/20, YYMMDD
    r"([" + re.escape(_SEPARATORS) + r"]?)"
    r"[0-9]{4}"
    r"(?![0-9])"
)

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


def _split(match: re.Match[str]) -> tuple[str, str, str]:
    """Return (century, ten digits, separator) of a candidate match."""
    separator = match.group(1)
    digits = match.group(0).replace(separator, "") if separator else match.group(0)
    if len(digits) == 12:
        return digits[:2], digits[2:], separator
    return "", digits, separator


def _is_mobile_number(century: str, ten_digits: str, separator: str) -> bool:
    return not century and not separator and ten_digits.startswith(_MOBILE_PREFIXES)


def classify(candidate: str) -> IdentityKind | None:
    """Tell whether one token is an identity number, so callers can vet a single value.

    Surrounding whitespace is ignored. The same acceptance rules as ``find_identity_numbers``
    apply to the token's own shape (so a bare ``07[02369]`` 10-digit run is a phone number here
    too); rules that depend on surrounding text (``+46`` prefix, hashes, decimals) cannot apply.
    """
    match = _CANDIDATE.fullmatch(candidate.strip())
    if match is None:
        return None
    century, ten_digits, separator = _split(match)
    if _is_mobile_number(century, ten_digits, separator):
        return None
    return _validate(century, ten_digits, separator)


def _looks_like_other_number(text: str, start: int, end: int, digits: str) -> bool:
    """True when context shows the digits belong to a phone number, hash or decimal number."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    # Decimal fraction / version component: "0.9001019802", "9001019802.5".
    if before == "." and start >= 2 and text[start - 2] in _DIGITS:
        return True
    if after == "." and end + 1 < len(text) and text[end + 1] in _DIGITS:
        return True
    # International phone number: "+46 7012345678", "0046-8123456789".
    if before in {" ", "-"} and _INTERNATIONAL_PREFIX.search(text, max(0, start - 5), start):
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


_OTHER_DIGIT: Final = re.compile(r"(?![0-9])\d")


def _ascii_digits(text: str) -> str:
    """Fullwidth (１９９０…) or other scripts' digits read as ASCII digits, one character for
    one, so positions stay exact: a number typed that way is still a personnummer."""
    import unicodedata

    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and c.isdecimal() else c
                   for c in text)


def find_identity_numbers(text: str) -> list[IdentityNumberHit]:
    """Locate every identity number in ``text`` so the caller can refuse the file.

    Returns positions and kinds only, in text order; the digits are never returned or logged, so
    reporting a hit cannot itself leak the number. Lines are split on ``\\n`` (``\\r\\n`` works);
    columns count characters, both 1-based.
    """
    if _OTHER_DIGIT.search(text):
        text = _ascii_digits(text)
    hits: list[IdentityNumberHit] = []
    line = 1
    line_start = 0
    scanned = 0
    for match in _CANDIDATE.finditer(text):
        century, ten_digits, separator = _split(match)
        if _is_mobile_number(century, ten_digits, separator):
            continue
        kind = _validate(century, ten_digits, separator)
        if kind is None:
            continue
        start, end = match.span()
        if _looks_like_other_number(text, start, end, century + ten_digits):
            continue
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

    Messages quote values (a schema error repeats the value it rejects, ``repr`` turns a
    non-breaking space into ``\\xa0``), so the number may reach output in escaped form: runs of
    digits, separators and such escapes that hold ten or more digits are replaced when the
    text holds a number at all. Other digits (ids, amounts, line numbers) stay readable.
    """
    if not find_identity_numbers(_unescape(text)):
        return text

    def blank(match: re.Match[str]) -> str:
        run = _unescape(match.group(0))
        return _("[redacted]") if sum(c in _DIGITS for c in run) >= 10 else match.group(0)

    return _REDACT_RUN.sub(blank, text)
