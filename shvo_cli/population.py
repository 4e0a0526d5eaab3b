"""Import SCB's population figures as a population record, in one step.

Staff download "Folkmängd efter region och år" (Statistikdatabasen, table BE0101N1) either
as JSON-stat 2.0, which PxWebApi v2 returns (PxWebApi v1's JSON-stat 1.x bundle is read
too), or as the CSV export whose rows read ``"1401 Härryda",40003``. Either becomes a record
under ``records/population/`` whose rows all carry the file's date and source.

What is refused, naming the file and line: anything but exactly the county's 49
municipalities (a row of another county, a code twice, one missing), a name that does not
match its code, figures that are missing, zero, negative or not whole, several periods or
contents without ``--period`` choosing one, and any personnummer or samordningsnummer (a
population file never holds one, but nothing that does is ever written). The county row
(``14 Västra Götalands län``) becomes the stated total; a country row (``00 Riket``) is
skipped. The record is validated like any other before it is written, atomically.
"""

from __future__ import annotations

import calendar
import csv
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from shvo_cli.budget import where
from shvo_cli.checks.population import check_table
from shvo_cli.county import COUNTY_CODE, COUNTY_NAME, MUNICIPALITIES
from shvo_cli.errors import ExitCode, ShvoError
from shvo_cli.files import atomic_write_text
from shvo_cli.findings import Severity
from shvo_cli.identity_numbers import find_identity_numbers
from shvo_cli.repository import add_document, discover, expected_kind, load_repository
from shvo_cli.yamlfile import dump, parse_text

MAX_BYTES = 5 * 1024 * 1024
"""The county's table is a few kilobytes; even all of Sweden's 290 municipalities by age
and sex stays far below this."""

COUNTRY_CODE = "00"
SCHEMA_MODELINE = "# yaml-language-server: $schema=../../schemas/population.schema.json"


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


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def _same_name(given: str, known: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFC", s).casefold().split())

    return norm(given) == norm(known)


def _token_line(text: str, token: str, nth: int = 1) -> int:
    """Line of the ``nth`` occurrence of ``token`` (1 if absent): JSON has no positions
    once parsed, so messages find the region code in the text again."""
    at = -1
    for _ in range(nth):
        found = text.find(token, at + 1)
        if found < 0:
            break
        at = found
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


_DIGITS = re.compile(r"[0-9]+\Z")
_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+\Z")
_NEGATIVE = re.compile(r"[-\u2212][0-9 \u00a0\u202f]+\Z")
_MISSING = {"", ".", "..", "-", "–", "…"}


class _Collector:
    """Checks region rows as they are read, so the first bad row is named with its line."""

    def __init__(self, label: str, hint: str = "") -> None:
        self.label = label
        self.hint = hint
        self.rows: dict[str, ScbRow] = {}
        self.county: tuple[int, int] | None = None

    def _fail(self, line: int, message: str) -> PopulationImportError:
        return PopulationImportError(f"{self.label}:{line}: {message}")

    def figure(self, value: object, line: int, what: str) -> int:
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str):
            text = value.strip()
            if _DIGITS.match(text) or _GROUPED.match(text):
                number = int(re.sub(r"\D", "", text))
            elif _NEGATIVE.match(text):
                raise self._fail(line, f"{what}: negative population {text!r}")
            elif text in _MISSING:
                raise self._fail(line, f"{what}: no figure ({text!r}; SCB writes '..' where a "
                                       "figure is missing)")
            else:
                raise self._fail(line, f"{what}: population {text!r} is not a whole number")
        elif value is None:
            raise self._fail(line, f"{what}: no figure (null)")
        else:
            raise self._fail(line, f"{what}: population {value!r} is not a whole number")
        if number < 0:
            raise self._fail(line, f"{what}: negative population {number}")
        if number == 0:
            raise self._fail(line, f"{what}: population 0; every municipality has inhabitants")
        return number

    def region(self, code: str, name: str | None, value: object, line: int) -> None:
        shown = f"{code} {name}" if name else code
        if code == COUNTRY_CODE:
            return
        if len(code) == 2 and code == COUNTY_CODE:
            if self.county is not None:
                raise self._fail(line, f"the county row {shown!r} appears twice (first at "
                                       f"line {self.county[1]}){self.hint}")
            self.county = (self.figure(value, line, shown), line)
            return
        if not code.startswith(COUNTY_CODE) or len(code) == 2:
            raise self._fail(line, f"{shown!r} is not in {COUNTY_NAME} (county code "
                                   f"{COUNTY_CODE}): export the county's 49 municipalities only")
        known = MUNICIPALITIES.get(code)
        if known is None:
            raise self._fail(line, f"{shown!r}: code {code} is not one of the 49 "
                                   f"municipalities of {COUNTY_NAME}")
        if name and not _same_name(name, known[0]):
            raise self._fail(line, f"code {code} is {known[0]}, not {name!r}")
        first = self.rows.get(code)
        if first is not None:
            raise self._fail(line, f"{code} {known[0]} appears twice (first at line "
                                   f"{first.line}){self.hint}")
        self.rows[code] = ScbRow(code, known[0], self.figure(value, line, shown), line)

    def finish(self) -> tuple[tuple[ScbRow, ...], int | None, int | None]:
        missing = [f"{c} {n}" for c, (n, _) in MUNICIPALITIES.items() if c not in self.rows]
        if missing:
            shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
            raise PopulationImportError(
                f"{self.label}: {len(missing)} of the county's 49 municipalities "
                f"{'is' if len(missing) == 1 else 'are'} missing: {shown}")
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
            raise PopulationImportError(f"{label}: not valid UTF-16 text") from None
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise PopulationImportError(f"{label}:{line}: NUL byte: not a text export")
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


def _parse_csv(label: str, text: str, period: str | None) -> tuple[str | None, _Collector]:
    lines = text.splitlines()
    try:
        parsed = {d: _parse_rows(lines, d) for d in _DELIMITERS}
    except csv.Error as exc:
        raise PopulationImportError(f"{label}: not a readable CSV file ({exc})") from None

    def score(d: str) -> int:
        return sum(1 for row in parsed[d] if len(row) >= 2 and _region_of(row[0]))

    delimiter = max(_DELIMITERS, key=score)
    rows = parsed[delimiter]
    data = [i for i, row in enumerate(rows) if len(row) >= 2 and _region_of(row[0])]
    if not data:
        raise PopulationImportError(
            f"{label}: no rows like \"1401 Härryda\",40003: not an SCB population export "
            "(Statistikdatabasen BE0101N1, CSV or JSON-stat)")
    first, last = data[0], data[-1]
    header_at = next((i for i in range(first - 1, -1, -1)
                      if sum(1 for c in rows[i] if c.strip()) >= 2), None)
    header = rows[header_at] if header_at is not None else None
    width = len(header) if header is not None else len(rows[first])
    value_col, found = _value_column(label, header, header_at, width, period)
    dims = [c.strip() for j, c in enumerate(header or ()) if j and j != value_col
            and not _PERIOD.search(c.strip())]
    hint = (f"; the file breaks the figures down by {', '.join(dims)}: export the total only"
            if dims else "")
    collector = _Collector(label, hint)
    for i in range((header_at if header_at is not None else first - 1) + 1, last + 1):
        row, line = rows[i], i + 1
        if not any(c.strip() for c in row):
            continue
        region = _region_of(row[0]) if len(row) >= 2 else None
        if region is None:
            raise PopulationImportError(
                f"{label}:{line}: {_printable(delimiter.join(row))[:60]!r} is not a row of a "
                "region and its figure, like \"1401 Härryda\",40003")
        if len(row) != width:
            raise PopulationImportError(
                f"{label}:{line}: {len(row)} fields, but "
                + (f"the header on line {header_at + 1} has {width}" if header_at is not None
                   else f"the first row has {width}"))
        collector.region(region[0], region[1], row[value_col], line)
    return found, collector


def _value_column(label: str, header: list[str] | None, header_at: int | None, width: int,
                  period: str | None) -> tuple[int, str | None]:
    """Which column holds the figures, and for which period: the columns named by a period
    (``2024``, ``Folkmängd 2024``, ``2024M12``); without one, a two-column file's second."""
    if header is None or header_at is None:
        if width != 2:
            raise PopulationImportError(f"{label}: no header row naming the period of each "
                                        "figure column")
        return 1, period
    periods = [(j, m.group(1)) for j, c in enumerate(header)
               if j and (m := _PERIOD.search(c.strip()))]
    where = f"{label}:{header_at + 1}"
    if not periods:
        if width == 2:
            return 1, period
        raise PopulationImportError(f"{where}: no column is named by a period (such as 2024): "
                                    "cannot tell which column holds the figures")
    if period is not None:
        chosen = [(j, p) for j, p in periods if p == period]
        if not chosen:
            raise PopulationImportError(
                f"{where}: no figures for period {period} (the file has "
                f"{', '.join(p for _, p in periods)})")
    elif len({p for _, p in periods}) > 1:
        raise PopulationImportError(
            f"{where}: figures for several periods ({', '.join(p for _, p in periods)}): "
            "choose one with --period")
    else:
        chosen = periods
    if len(chosen) > 1:
        raise PopulationImportError(
            f"{where}: {len(chosen)} columns for {chosen[0][1]} "
            f"({', '.join(repr(header[j].strip()) for j, _ in chosen)}): export the "
            "population (folkmängd) only")
    return chosen[0]


# --- JSON-stat ------------------------------------------------------------------------------


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in items:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _load_json(label: str, text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise PopulationImportError(f"{label}:{exc.lineno}:{exc.colno}: not valid JSON "
                                    f"({exc.msg})") from None
    except _DuplicateKey as dup:
        line = _token_line(text, json.dumps(dup.key, ensure_ascii=False), 2)
        raise PopulationImportError(f"{label}:{line}: key {dup.key!r} appears twice in one "
                                    "JSON object (a region given twice?)") from None
    except (ValueError, RecursionError) as exc:
        raise PopulationImportError(f"{label}: not usable JSON ({exc})") from None


def _dataset(label: str, doc: Any) -> tuple[dict[str, Any], list[Any], list[Any],
                                             dict[str, Any]]:
    """(dataset, dimension ids, sizes, roles) of a JSON-stat 2.0 dataset (PxWebApi v2) or a
    JSON-stat 1.x bundle holding one dataset (PxWebApi v1)."""
    if not isinstance(doc, dict):
        raise PopulationImportError(f"{label}: not a JSON-stat dataset (an object expected)")
    cls = doc.get("class")
    if cls == "dataset" or (cls is None and "dimension" in doc and "value" in doc):
        return doc, _list(doc.get("id")), _list(doc.get("size")), _dict(doc.get("role"))
    if cls not in (None, "bundle"):
        raise PopulationImportError(f"{label}: a JSON-stat {cls!r}; export the table itself "
                                    "(a dataset)")
    sets = [v for v in doc.values() if isinstance(v, dict) and "dimension" in v]
    if len(sets) != 1:
        raise PopulationImportError(f"{label}: not a JSON-stat dataset (no 'dimension' and "
                                    "'value')" if not sets else
                                    f"{label}: {len(sets)} datasets; export one table")
    ds = sets[0]
    dims = _dict(ds.get("dimension"))
    return ds, _list(dims.get("id")), _list(dims.get("size")), _dict(dims.get("role"))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _categories(label: str, text: str, dim_id: str, dim: Mapping[str, Any], size: int
                ) -> tuple[list[str], dict[str, str]]:
    """Category codes in position order (``index`` as a list or an object), and labels."""
    cat = _dict(dim.get("category"))
    labels = {str(k): str(v) for k, v in _dict(cat.get("label")).items()}
    index = cat.get("index")
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        positions = sorted(index.items(), key=lambda kv: kv[1] if isinstance(kv[1], int) else -1)
        if sorted(p for _, p in positions if isinstance(p, int)) != list(range(len(index))):
            raise PopulationImportError(f"{label}:{_token_line(text, json.dumps(dim_id))}: "
                                        f"dimension {dim_id!r}: index positions are not "
                                        f"0-{len(index) - 1}")
        codes = [str(k) for k, _ in positions]
    elif index is None and len(labels) == 1:
        codes = list(labels)
    else:
        raise PopulationImportError(f"{label}: dimension {dim_id!r} has no category index")
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            line = _token_line(text, json.dumps(code, ensure_ascii=False), 2)
            raise PopulationImportError(f"{label}:{line}: dimension {dim_id!r} lists {code!r} "
                                        "twice")
        seen.add(code)
    if len(codes) != size:
        raise PopulationImportError(f"{label}: dimension {dim_id!r} has {len(codes)} "
                                    f"categories but its size is {size}")
    return codes, labels


def _role(roles: Mapping[str, Any], name: str, ids: Sequence[str], fallbacks: set[str]
          ) -> str | None:
    for candidate in _list(roles.get(name)):
        if candidate in ids:
            return str(candidate)
    return next((i for i in ids if i.casefold() in fallbacks), None)


def _parse_jsonstat(label: str, text: str, period: str | None) -> tuple[str | None, _Collector]:
    ds, raw_ids, raw_sizes, roles = _dataset(label, _load_json(label, text))
    ids = [str(i) for i in raw_ids]
    dims = _dict(ds.get("dimension"))
    if not ids or len(ids) != len(raw_sizes) or any(
            not isinstance(s, int) or isinstance(s, bool) or s < 0 for s in raw_sizes):
        raise PopulationImportError(f"{label}: JSON-stat 'id' and 'size' missing or do not "
                                    "match")
    sizes: list[int] = list(raw_sizes)
    region = _role(roles, "geo", ids, {"region"})
    if region is None:
        raise PopulationImportError(f"{label}: no region dimension (expected 'Region')")
    time = _role(roles, "time", ids, {"tid", "time", "year", "år"})
    metric = _role(roles, "metric", ids, {"contentscode"})
    fixed: dict[str, int] = {}
    found: str | None = period
    region_codes: list[str] = []
    region_labels: dict[str, str] = {}
    for dim_id, size in zip(ids, sizes, strict=True):
        dim = _dict(dims.get(dim_id))
        codes, labels = _categories(label, text, dim_id, dim, size)
        if dim_id == region:
            region_codes, region_labels = codes, labels
            continue
        if dim_id == time:
            if period is not None:
                if period not in codes:
                    raise PopulationImportError(f"{label}: no figures for period {period} (the "
                                                f"file has {', '.join(codes)})")
                fixed[dim_id] = codes.index(period)
            elif size != 1:
                raise PopulationImportError(f"{label}: figures for several periods "
                                            f"({', '.join(codes)}): choose one with --period")
            else:
                fixed[dim_id] = 0
                found = codes[0]
            continue
        if size != 1:
            names = ", ".join(labels.get(c, c) for c in codes[:4]) + (" …" if size > 4 else "")
            what = "contents" if dim_id == metric else "categories"
            raise PopulationImportError(
                f"{label}:{_token_line(text, json.dumps(dim_id))}: dimension {dim_id!r} has "
                f"{size} {what} ({names}); export "
                + ("the population (folkmängd) only" if dim_id == metric else
                   "one (the total)"))
        fixed[dim_id] = 0
    strides = [1] * len(ids)
    for k in range(len(ids) - 2, -1, -1):
        strides[k] = strides[k + 1] * sizes[k + 1]
    base = sum(fixed[d] * strides[k] for k, d in enumerate(ids) if d != region)
    step = strides[ids.index(region)]
    count = strides[0] * sizes[0] if sizes else 0
    values = ds.get("value")
    if isinstance(values, list):
        if len(values) != count:
            raise PopulationImportError(f"{label}: 'value' has {len(values)} figures, the "
                                        f"dimensions make {count}")

        def value_at(n: int) -> object:
            return values[n]
    elif isinstance(values, dict):
        def value_at(n: int) -> object:
            return values.get(str(n))
    else:
        raise PopulationImportError(f"{label}: no 'value' array")
    collector = _Collector(label)
    for pos, code in enumerate(region_codes):
        name = region_labels.get(code)
        if name is not None:
            name = re.sub(rf"^{re.escape(code)}\s+", "", name.strip())
        if not re.fullmatch(r"[0-9]{2}|[0-9]{4}", code):
            raise PopulationImportError(f"{label}:{_token_line(text, json.dumps(code))}: "
                                        f"region {code!r} is not an SCB region code")
        line = _token_line(text, json.dumps(code, ensure_ascii=False))
        collector.region(code, name, value_at(base + pos * step), line)
    return found, collector


# --- the record -----------------------------------------------------------------------------


def parse_scb(label: str, raw: bytes, period: str | None = None) -> ScbFigures:
    """Read an SCB export (format and encoding detected) into checked figures."""
    text, encoding = decode(label, raw)
    hits = find_identity_numbers(text)
    if hits:
        raise PopulationImportError(
            f"{label}:{hits[0].line}: holds a {hits[0].kind} (not repeated here); a population "
            "file never should, and nothing of it is imported")
    if text.lstrip().startswith(("{", "[")):
        found, collector = _parse_jsonstat(label, text, period)
        fmt = "JSON-stat"
    else:
        found, collector = _parse_csv(label, text, period)
        fmt = "CSV"
    rows, county, county_line = collector.finish()
    return ScbFigures(Path(label).name, fmt, encoding, found, rows, county, county_line)


def reference_date(period: str | None, given: date | None) -> date:
    """``--date``, else the last day of the period: ``2024`` → 2024-12-31 (SCB's yearly
    figure is the population on 31 December), ``2024M06`` → 2024-06-30, ``2024K2`` →
    2024-06-30."""
    if given is not None:
        return given
    if period is None:
        raise PopulationImportError("the file does not say which period it holds: pass "
                                    "--date YYYY-MM-DD")
    year = int(period[:4])
    month = 12 if len(period) == 4 else (int(period[5:]) if period[4] == "M"
                                          else 3 * int(period[5:]))
    return date(year, month, calendar.monthrange(year, month)[1])


def record_text(figures: ScbFigures, ref: date, source: str | None = None) -> tuple[str, str]:
    """(record id, YAML text) of the population record for ``figures``."""
    record_id = f"population-{ref.isoformat()}"
    name = _printable(figures.file_name)
    period = f", period {figures.period}" if figures.period else ""
    source = source or f"SCB Statistikdatabasen BE0101N1 (folkmängd{period}), imported from {name}"
    if figures.county_total is not None:
        stated, stated_source = figures.county_total, (
            f"SCB, county row '{COUNTY_CODE} {COUNTY_NAME}' of {name} "
            f"(line {figures.county_line})")
    else:
        stated, stated_source = figures.total, (
            f"sum of the 49 municipalities of {name}, which has no county row")
    data = {
        "kind": "population",
        "id": record_id,
        "reference_date": ref.isoformat(),
        "stated_total": stated,
        "stated_total_source": stated_source,
        "compiled_from": name,
        "municipalities": [
            {"code": r.code, "name": r.name, "association": MUNICIPALITIES[r.code][1],
             "population": r.population, "as_of": ref.isoformat(), "source": source}
            for r in figures.rows],
    }
    header = (f"{SCHEMA_MODELINE}\n"
              f"# Folkmängd of the 49 municipalities of {COUNTY_NAME} on {ref.isoformat()},\n"
              f"# written by `shvo population import` from {name}\n"
              f"# (SCB Statistikdatabasen, {figures.format}, {figures.encoding}{period}).\n"
              "# To change it, import a new export rather than editing figures by hand.\n")
    return record_id, header + dump(data)


@dataclass(frozen=True)
class ImportResult:
    path: Path
    record_id: str
    reference_date: date
    figures: ScbFigures
    text: str
    replaced: bool
    written: bool


def import_population(root: Path, file: Path, *, ref: date | None = None,
                      source: str | None = None, period: str | None = None,
                      force: bool = False, dry_run: bool = False,
                      label: str | None = None) -> ImportResult:
    """Read ``file``, build the record, check it as ``validate`` would, and write it to
    ``root/population/<id>.yaml`` (unless ``dry_run``). An existing record is replaced
    only with ``force``; every refusal leaves the records untouched."""
    shown = label or str(file)
    try:
        if not file.is_file():
            raise PopulationImportError(f"{shown}: no such file")
        if file.stat().st_size > MAX_BYTES:
            raise PopulationImportError(f"{shown}: over {MAX_BYTES // (1024 * 1024)} MiB: "
                                        "not a population export")
        raw = file.read_bytes()
    except OSError as exc:
        raise PopulationImportError(f"{shown}: cannot be read ({exc.strerror})") from None
    if source is not None and not source.strip():
        raise PopulationImportError("--source must not be empty")
    figures = parse_scb(shown, raw, period)
    when = reference_date(figures.period, ref)
    record_id, text = record_text(figures, when, source)
    if find_identity_numbers(text):
        raise PopulationImportError("the file name or --source holds a personnummer or "
                                    "samordningsnummer; nothing written")
    target = root / "population" / f"{record_id}.yaml"
    exists = target.exists()
    if exists and not force and not dry_run:
        raise PopulationImportError(f"{where(target)} already exists; pass --force to "
                                    "replace it")
    _check_before_writing(root, target, text)
    if not dry_run:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
    return ImportResult(target, record_id, when, figures, text, exists, not dry_run)


def _check_before_writing(root: Path, target: Path, text: str) -> None:
    """The record must pass ``shvo validate`` (schema, the 49, names, no id clash with
    another population file) before it lands."""
    others = [p for p in discover(root)
              if expected_kind(root, p) == "population" and p != target] if root.is_dir() else []
    repo = load_repository(root, others)
    add_document(repo, parse_text(target, text))
    errors = [f for f in repo.findings if f.file == target and f.severity is Severity.ERROR]
    errors += [f for t in repo.populations if t.ref.file == target
               for f in check_table(t) if f.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        raise PopulationImportError(f"the record built would not validate ({first.code} at "
                                    f"{target.name}:{first.line}: {first.message}); nothing "
                                    "written")
