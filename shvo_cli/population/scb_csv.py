"""Reading SCB's population exports: the checks every row passes, decoding, and the CSV export.

Statistikdatabasen's "Folkmängd efter region och år" (table BE0101N1) comes as CSV, with rows
like ``"1401 Härryda",40003``, in whatever encoding and separator the export used, or as
JSON-stat (:mod:`shvo_cli.population.jsonstat`). Both feed :class:`Collector`, which refuses
at the first bad row, naming its line: anything but exactly the county's 49 municipalities (a row of
another county, a code twice, one missing), a name that does not match its code, figures that
are missing, zero, negative or not whole. The county row (``14 Västra Götalands län``) is
kept as the stated total; a country row (``00 Riket``) is skipped.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from shvo_cli.county import COUNTY_CODE, COUNTY_NAME, MUNICIPALITIES
from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.i18n import _

COUNTRY_CODE = "00"


MAX_FIGURE_DIGITS = 9
"""No municipality, county or country of the records has a billion inhabitants: a longer
figure is a broken export (and one of thousands of digits would stop Python's int())."""


class PopulationImportError(ShvoError):
    """The file cannot become a population record; nothing is written. Exit 2."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class ScbRow:
    code: str
    name: str
    population: int
    line: int


@dataclass(frozen=True)
class ScbFigures:
    """What an SCB export says: the 49 municipalities (by code) and the county total."""

    file_name: str
    format: str
    encoding: str
    period: str | None
    rows: tuple[ScbRow, ...]
    county_total: int | None
    county_line: int | None

    @property
    def total(self) -> int:
        return sum(r.population for r in self.rows)


def printable(text: str) -> str:
    """File names end up in YAML comments: a control character (a newline) would end the
    comment and let the name write YAML of its own."""
    return "".join(c if c.isprintable() else "?" for c in text)


def same_name(given: str, known: str) -> bool:
    """A label matches its code's name up to case, spacing and Unicode normalisation (a
    UTF-8 export may spell "Öckerö" with combining marks)."""

    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).casefold().split())

    return norm(given) == norm(known)


def token_line(text: str, token: str, nth: int = 1) -> int:
    """Line of the ``nth`` occurrence of ``token`` (1 if absent): JSON has no positions
    once parsed, so messages find the region code in the text again."""
    at = -1
    for __ in range(nth):
        found = text.find(token, at + 1)
        if found < 0:
            break
        at = found
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


_DIGITS = re.compile(r"[0-9]+\Z")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+\Z")
_NEGATIVE = re.compile(r"[-\u2212][0-9 \u00a0\u202f]+\Z")
_MISSING = {"", ".", "..", "-", "–", "…"}


class Collector:
    """Checks region rows as they are read, so the first bad row is named with its line."""

    def __init__(self, label: str, hint: str = "") -> None:
        self.label = label
        self.hint = hint
        self.rows: dict[str, ScbRow] = {}
        self.county: tuple[int, int] | None = None

    def _fail(self, line: int, message: str) -> PopulationImportError:
        return PopulationImportError(f"{self.label}:{line}: {message}")

    def _implausible(self, line: int, what: str, digits: int) -> PopulationImportError:
        return self._fail(line, _("{what}: a figure of {digits} digits is not a population "
                                  "(at most {max} digits)").format(
                                      what=what, digits=digits, max=MAX_FIGURE_DIGITS))

    def figure(self, value: object, line: int, what: str) -> int:
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
            if number >= 10 ** MAX_FIGURE_DIGITS:
                raise self._implausible(line, what, len(str(number)))
        elif isinstance(value, str):
            text = value.strip()
            if _DIGITS.match(text) or _GROUPED.match(text):
                digits = re.sub(r"\D", "", text)
                if len(digits.lstrip("0")) > MAX_FIGURE_DIGITS:
                    raise self._implausible(line, what, len(digits))
                number = int(digits)
            elif _NEGATIVE.match(text):
                raise self._fail(line, _("{what}: negative population {value!r}").format(
                    what=what, value=text))
            elif text in _MISSING:
                raise self._fail(line, _("{what}: no figure ({value!r}; SCB writes '..' where a "
                                         "figure is missing)").format(what=what, value=text))
            else:
                raise self._fail(line, _("{what}: population {value!r} is not a whole number")
                                 .format(what=what, value=text))
        elif value is None:
            raise self._fail(line, _("{what}: no figure (null)").format(what=what))
        else:
            raise self._fail(line, _("{what}: population {value!r} is not a whole number")
                             .format(what=what, value=value))
        if number < 0:
            raise self._fail(line, _("{what}: negative population {number}").format(
                what=what, number=number))
        if number == 0:
            raise self._fail(line, _("{what}: population 0; every municipality has "
                                     "inhabitants").format(what=what))
        return number

    def region(self, code: str, name: str | None, value: object, line: int) -> None:
        shown = f"{code} {name}" if name else code
        if code == COUNTRY_CODE:
            return
        if len(code) == 2 and code == COUNTY_CODE:
            if self.county is not None:
                raise self._fail(line, _("the county row {shown!r} appears twice (first at "
                                         "line {first}){hint}").format(
                                             shown=shown, first=self.county[1], hint=self.hint))
            self.county = (self.figure(value, line, shown), line)
            return
        if not code.startswith(COUNTY_CODE) or len(code) == 2:
            raise self._fail(line, _("{shown!r} is not in {county} (county code {code}): "
                                     "export the county's 49 municipalities only").format(
                                         shown=shown, county=COUNTY_NAME, code=COUNTY_CODE))
        known = MUNICIPALITIES.get(code)
        if known is None:
            raise self._fail(line, _("{shown!r}: code {code} is not one of the 49 "
                                     "municipalities of {county}").format(
                                         shown=shown, code=code, county=COUNTY_NAME))
        if name and not same_name(name, known[0]):
            raise self._fail(line, _("code {code} is {known}, not {name!r}").format(
                code=code, known=known[0], name=name))
        first = self.rows.get(code)
        if first is not None:
            raise self._fail(line, _("{code} {name} appears twice (first at line {first})"
                                     "{hint}").format(code=code, name=known[0],
                                                      first=first.line, hint=self.hint))
        self.rows[code] = ScbRow(code, known[0], self.figure(value, line, shown), line)

    def finish(self) -> tuple[tuple[ScbRow, ...], int | None, int | None]:
        missing = [f"{c} {n}" for c, (n, __) in MUNICIPALITIES.items() if c not in self.rows]
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            if len(missing) == 1:
                raise PopulationImportError(
                    _("{label}: 1 of the county's 49 municipalities is missing: {shown}")
                    .format(label=self.label, shown=shown))
            raise PopulationImportError(
                _("{label}: {count} of the county's 49 municipalities are missing: {shown}")
                .format(label=self.label, count=len(missing), shown=shown))
        rows = tuple(sorted(self.rows.values(), key=lambda r: r.code))
        county, line = self.county if self.county else (None, None)
        return rows, county, line


# --- decoding -------------------------------------------------------------------------------


def decode(label: str, raw: bytes) -> tuple[str, str]:
    """Text and the encoding it was in. Statistikdatabasen writes UTF-8 (often with a BOM)
    or Windows-1252; Excel's "Unicode text" is UTF-16 with a BOM. A NUL byte without a
    UTF-16 BOM is not a text export at all."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise PopulationImportError(_("{label}: not valid UTF-16 text").format(
                label=label)) from None
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise PopulationImportError(_("{label}:{line}: NUL byte: not a text export").format(
            label=label, line=line))
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1"


# --- CSV ------------------------------------------------------------------------------------

_REGION = re.compile(r"\s*([0-9]{2}|[0-9]{4})(?:\s+(\S.*?))?\s*\Z")
_PERIOD = re.compile(r"(?:^|\s)([0-9]{4}(?:M(?:0[1-9]|1[0-2])|K[1-4])?)\Z")
_DELIMITERS = ("\t", ";", ",")


def _region_of(cell: str) -> tuple[str, str | None] | None:
    if cell.strip().casefold() == "riket":
        return COUNTRY_CODE, "Riket"
    m = _REGION.match(cell)
    return (m.group(1), m.group(2)) if m else None


def _parse_rows(lines: Sequence[str], delimiter: str) -> list[list[str]]:
    return list(csv.reader(lines, delimiter=delimiter))


def parse_csv(label: str, text: str, period: str | None) -> tuple[str | None, Collector]:
    lines = text.splitlines()
    try:
        parsed = {d: _parse_rows(lines, d) for d in _DELIMITERS}
    except csv.Error as exc:
        raise PopulationImportError(_("{label}: not a readable CSV file ({error})").format(
            label=label, error=exc)) from None

    def score(d: str) -> int:
        return sum(1 for row in parsed[d] if len(row) >= 2 and _region_of(row[0]))

    delimiter = max(_DELIMITERS, key=score)
    rows = parsed[delimiter]
    data = [i for i, row in enumerate(rows) if len(row) >= 2 and _region_of(row[0])]
    if not data:
        raise PopulationImportError(_(
            "{label}: no rows like \"1401 Härryda\",40003: not an SCB population export "
            "(Statistikdatabasen BE0101N1, CSV or JSON-stat)").format(label=label))
    first, last = data[0], data[-1]
    header_at = next((i for i in range(first - 1, -1, -1)
                      if sum(1 for c in rows[i] if c.strip()) >= 2), None)
    header = rows[header_at] if header_at is not None else None
    width = len(header) if header is not None else len(rows[first])
    value_col, found = _value_column(label, header, header_at, width, period)
    dims = [c.strip() for j, c in enumerate(header or ()) if j and j != value_col
            and not _PERIOD.search(c.strip())]
    hint = (_("; the file breaks the figures down by {dimensions}: export the total only")
            .format(dimensions=", ".join(dims)) if dims else "")
    collector = Collector(label, hint)
    for i in range((header_at if header_at is not None else first - 1) + 1, last + 1):
        row, line = rows[i], i + 1
        if not any(c.strip() for c in row):
            continue
        region = _region_of(row[0]) if len(row) >= 2 else None
        if region is None:
            raise PopulationImportError(_(
                "{label}:{line}: {row!r} is not a row of a region and its figure, like "
                "\"1401 Härryda\",40003").format(
                    label=label, line=line, row=printable(delimiter.join(row))[:60]))
        if len(row) != width and header_at is not None:
            raise PopulationImportError(_(
                "{label}:{line}: {count} fields, but the header on line {header} has {width}")
                .format(label=label, line=line, count=len(row), header=header_at + 1,
                        width=width))
        if len(row) != width:
            raise PopulationImportError(_(
                "{label}:{line}: {count} fields, but the first row has {width}").format(
                    label=label, line=line, count=len(row), width=width))
        collector.region(region[0], region[1], row[value_col], line)
    return found, collector


def _value_column(label: str, header: list[str] | None, header_at: int | None, width: int,
                  period: str | None) -> tuple[int, str | None]:
    """Which column holds the figures, and for which period: the columns named by a period
    (``2024``, ``Folkmängd 2024``, ``2024M12``); without one, a two-column file's second."""
    if header is None or header_at is None:
        if width != 2:
            raise PopulationImportError(_("{label}: no header row naming the period of each "
                                          "figure column").format(label=label))
        return 1, period
    periods = [(j, m.group(1)) for j, c in enumerate(header)
               if j and (m := _PERIOD.search(c.strip()))]
    where = f"{label}:{header_at + 1}"
    if not periods:
        if width == 2:
            return 1, period
        raise PopulationImportError(_("{where}: no column is named by a period (such as "
                                      "2024): cannot tell which column holds the figures")
                                    .format(where=where))
    if period is not None:
        chosen = [(j, p) for j, p in periods if p == period]
        if not chosen:
            raise PopulationImportError(
                _("{where}: no figures for period {period} (the file has {periods})").format(
                    where=where, period=period, periods=", ".join(p for __, p in periods)))
    elif len({p for __, p in periods}) > 1:
        raise PopulationImportError(
            _("{where}: figures for several periods ({periods}): choose one with --period")
            .format(where=where, periods=", ".join(p for __, p in periods)))
    else:
        chosen = periods
    if len(chosen) > 1:
        raise PopulationImportError(
            _("{where}: {count} columns for {period} ({columns}): export the population "
              "(folkmängd) only").format(
                  where=where, count=len(chosen), period=chosen[0][1],
                  columns=", ".join(repr(header[j].strip()) for j, __ in chosen)))
    return chosen[0]
