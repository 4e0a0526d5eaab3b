"""Tests for the identity-number detector that keeps patient data out of git.

Only Skatteverket's test-number range is used: the serial part (digits 7-9) is 980-999. No test
here contains a real person's number. The Luhn digit is computed independently of the module so
the tests fail if the detector's checksum breaks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from shvo_cli.privacy import (
    IdentityKind,
    IdentityNumberHit,
    classify,
    find_identity_numbers,
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def luhn_digit(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        total += p // 10 + p % 10
    return str((10 - total % 10) % 10)


def make_number(date: dt.date, serial: int, *, coordination: bool = False) -> str:
    """Return the 12-digit form YYYYMMDDNNNC (test range serial)."""
    assert 980 <= serial <= 999
    day = date.day + (60 if coordination else 0)
    nine = f"{date.year % 100:02d}{date.month:02d}{day:02d}{serial:03d}"
    return f"{date.year:04d}" + nine[2:] + luhn_digit(nine)


def render(twelve: str, form: str) -> str:
    ten = twelve[2:]
    return {
        "12": twelve,
        "12-": f"{twelve[:8]}-{twelve[8:]}",
        "12 ": f"{twelve[:8]} {twelve[8:]}",
        "10": ten,
        "10-": f"{ten[:6]}-{ten[6:]}",
        "10+": f"{ten[:6]}+{ten[6:]}",
        "10 ": f"{ten[:6]} {ten[6:]}",
    }[form]


def wrong_check(twelve: str) -> str:
    return twelve[:-1] + str((int(twelve[-1]) + 1) % 10)


def is_bare_mobile_shape(rendered: str) -> bool:
    return (
        len(rendered) == 10
        and rendered.isdigit()
        and rendered[:3] in {"070", "072", "073", "076", "079"}
    )


FORMS = ["12", "12-", "12 ", "10", "10-", "10+", "10 "]

# Templates put the number in realistic spots; "{}" is the number.
TEMPLATES = [
    "personnummer: {}",
    "personnummer: '{}'",
    'patient: "{}"',
    "  - {}",
    "# ringde pat. {} om remissen",
    "note: id:{} saknas i journalen",
    "beskrivning: Patient ({}) flyttad",
    "ids: [{}, x]",
    "text: >-\n  Uppgift om {}, se bilaga",
    "{}",
    "key: value  # {}",
    "pnr={};",
]

# Filler lines that must never trigger: dates, amounts, phones, codes, versions, org numbers.
FILLER = [
    "id: SHVO-2025-001",
    "datum: 2025-01-15",
    "skapad: 2025-01-15T12:30:00",
    "skapad: 2025-01-15 12:30",
    "belopp: 7900000",
    "budget: 16 000 000",
    "kostnad: 5 740 000 kr",
    "summa: 1772821",
    "telefon: 031-345 00 00",
    "telefon: +46 31 345 00 00",
    "mobil: 070-123 45 67",
    "mobil: 0701234567",
    "mobil: +46701234567",
    "orgnr: 232100-0131",
    "kommunkod: 1401",
    "år: 2024",
    "version: 3.11.7",
    "# kommentar utan siffror",
    "",
    "sha: 3f786850e387550fdab836ed7e6dc881de23001b",
]


@st.composite
def valid_test_numbers(
    draw: st.DrawFn, coordination: bool | None = None
) -> tuple[str, IdentityKind]:
    """A valid test-range number as (12-digit string, expected kind)."""
    date = draw(st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2025, 12, 31)))
    serial = draw(st.integers(980, 999))
    coord = draw(st.booleans()) if coordination is None else coordination
    kind: IdentityKind = "samordningsnummer" if coord else "personnummer"
    return make_number(date, serial, coordination=coord), kind


def allowed_forms(twelve: str) -> list[str]:
    year = int(twelve[:4])
    forms = [f for f in FORMS if f != "10+" or year <= 1925]  # "+" = aged 100 or more
    return [f for f in forms if not is_bare_mobile_shape(render(twelve, f))]


# --------------------------------------------------------------------------------------------
# Positive properties


@SETTINGS
@given(
    number=valid_test_numbers(),
    data=st.data(),
    before=st.lists(st.sampled_from(FILLER), max_size=6),
    after=st.lists(st.sampled_from(FILLER), max_size=6),
    indent=st.text(alphabet=" ", max_size=6),
)
def test_valid_number_found_in_any_form_and_context(
    number: tuple[str, IdentityKind],
    data: st.DataObject,
    before: list[str],
    after: list[str],
    indent: str,
) -> None:
    twelve, kind = number
    form = data.draw(st.sampled_from(allowed_forms(twelve)), label="form")
    template = data.draw(st.sampled_from(TEMPLATES), label="template")
    rendered = render(twelve, form)
    snippet = indent + template.format(rendered)
    text = "\n".join([*before, snippet, *after]) + "\n"

    hits = find_identity_numbers(text)

    snippet_lines = snippet.split("\n")
    offset_line = next(i for i, s in enumerate(snippet_lines) if rendered in s)
    expected_line = len(before) + 1 + offset_line
    expected_column = snippet_lines[offset_line].index(rendered) + 1
    assert hits == [IdentityNumberHit(line=expected_line, column=expected_column, kind=kind)]
    assert classify(rendered) == kind


@SETTINGS
@given(number=valid_test_numbers(coordination=True), data=st.data())
def test_coordination_numbers_classified(
    number: tuple[str, IdentityKind], data: st.DataObject
) -> None:
    twelve, _ = number
    form = data.draw(st.sampled_from(allowed_forms(twelve)))
    assert classify(render(twelve, form)) == "samordningsnummer"
    assert [h.kind for h in find_identity_numbers(f"x: {render(twelve, form)}")] == [
        "samordningsnummer"
    ]


@SETTINGS
@given(
    numbers=st.lists(valid_test_numbers(), min_size=1, max_size=8),
    gaps=st.lists(st.integers(0, 3), min_size=8, max_size=8),
    crlf=st.booleans(),
)
def test_many_hits_report_right_lines(
    numbers: list[tuple[str, IdentityKind]], gaps: list[int], crlf: bool
) -> None:
    lines: list[str] = []
    expected: list[IdentityNumberHit] = []
    for (twelve, kind), gap in zip(numbers, gaps, strict=False):
        lines.extend(["datum: 2025-01-15"] * gap)
        prefix = "  nummer: "
        lines.append(prefix + render(twelve, "12-"))
        expected.append(IdentityNumberHit(len(lines), len(prefix) + 1, kind))
    text = ("\r\n" if crlf else "\n").join(lines)
    assert find_identity_numbers(text) == expected


# --------------------------------------------------------------------------------------------
# Negative properties


@SETTINGS
@given(st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2099, 12, 31)))
def test_iso_dates_and_datetimes_never_found(moment: dt.datetime) -> None:
    text = "\n".join(
        [
            f"datum: {moment.date().isoformat()}",
            f"tid: {moment.isoformat(timespec='seconds')}",
            f"tid: {moment.isoformat()}",
            f"tid: {moment:%Y-%m-%d %H:%M}",
            f"tid: {moment:%Y-%m-%d %H:%M:%S}",
            f"tid: {moment.isoformat(timespec='seconds')}+01:00",
            f"tid: '{moment:%Y-%m-%dT%H:%M:%SZ}'",
        ]
    )
    assert find_identity_numbers(text) == []


def group3(n: int, sep: str) -> str:
    s = str(n)
    parts: list[str] = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return sep.join(parts)


@SETTINGS
@given(st.integers(0, 999_999_999), st.sampled_from([" ", "\u2009", "\u202f", "\u00a0"]))
def test_amounts_never_found(amount: int, sep: str) -> None:
    text = (
        f"belopp: {amount}\n"
        f"belopp: {group3(amount, sep)} kr\n"
        f"budget: '{group3(amount, sep)} SEK'  # {amount}\n"
        f"summa: {amount},50\n"
    )
    assert find_identity_numbers(text) == []


digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    mobile_prefix = draw(st.sampled_from(["70", "72", "73", "76", "79"]))
    rest = draw(st.text(alphabet="0123456789", min_size=7, max_size=7))
    area = draw(st.sampled_from(["8", "31", "40", "13", "11", "90", "18", "470"]))
    local = draw(st.text(alphabet="0123456789", min_size=5, max_size=7))
    shapes = [
        f"0{mobile_prefix}{rest}",
        f"0{mobile_prefix}-{rest[:3]} {rest[3:5]} {rest[5:]}",
        f"0{mobile_prefix}-{rest}",
        f"0{mobile_prefix} {rest[:3]} {rest[3:5]} {rest[5:]}",
        f"+46{mobile_prefix}{rest}",
        f"+46 {mobile_prefix} {rest[:3]} {rest[3:5]} {rest[5:]}",
        f"0046{mobile_prefix}{rest}",
        f"+46 0{mobile_prefix}{rest}",
        f"0046 0{mobile_prefix}{rest}",
        f"+46-0{mobile_prefix}{rest}",
        f"0{area}-{local[:3]} {local[3:5]} {local[5:]}".rstrip(),
        f"+46 {area} {local}",
        f"+46{area}{local}",
        f"0{area}-{local}",
    ]
    return draw(st.sampled_from(shapes))


@SETTINGS
@given(phone_numbers(), st.sampled_from(["tel: {}", "kontakt: '{}'", "# ring {}", "({})"]))
def test_phone_numbers_never_found(phone: str, template: str) -> None:
    assert find_identity_numbers(template.format(phone)) == []


@st.composite
def organisation_numbers(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from("125789"))
    second = draw(digits)
    third = draw(st.sampled_from("23456789"))  # month digits >= 20: never a birth month
    rest = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
    nine = first + second + third + rest
    ten = nine + luhn_digit(nine)  # real organisation numbers carry a Luhn digit too
    shape = draw(st.sampled_from(["{a}-{b}", "{a}{b}", "16{a}{b}", "16{a}-{b}", "{a} {b}"]))
    return shape.format(a=ten[:6], b=ten[6:])


@SETTINGS
@given(organisation_numbers())
def test_organisation_numbers_never_found(orgnr: str) -> None:
    assert find_identity_numbers(f"organisationsnummer: {orgnr}  # {orgnr}") == []
    assert classify(orgnr) is None


@SETTINGS
@given(
    st.integers(0, 9999),
    st.integers(1800, 2100),
    st.lists(st.integers(0, 999), min_size=2, max_size=4),
)
def test_codes_years_and_versions_never_found(code: int, year: int, parts: list[int]) -> None:
    version = ".".join(map(str, parts))
    text = f"kommun: {code:04d}\nar: {year}\nversion: {version}\nv: v{version}-rc{code}\n"
    assert find_identity_numbers(text) == []


@SETTINGS
@given(
    number=valid_test_numbers(),
    left=st.text(alphabet="0123456789", max_size=4),
    right=st.text(alphabet="0123456789", max_size=4),
    form=st.sampled_from(["12", "10", "12-", "10-"]),
)
def test_slice_of_longer_digit_run_not_found(
    number: tuple[str, IdentityKind], left: str, right: str, form: str
) -> None:
    assume(left or right)
    # two digits in front of a 10-digit form and nothing behind is a (different) 12-digit form
    assume(not (form.startswith("10") and len(left) == 2 and not right))
    # with a separator, the digits left of it are a run of their own: 2 or 4 extra digits make
    # that run a 12- or 10-digit form that may by chance be a valid number in its own right
    assume(not (form.endswith("-") and len(left) in (2, 4)))
    rendered = left + render(number[0], form) + right
    # The number itself is never found inside the longer run. (Another ten digits of the same
    # run can by chance be a valid number of their own, "0"+"3910169881"+"0" holds
    # "9101698810": that is a different number, and reporting it is right.)
    start = len("ref: ") + len(left) + 1
    assert all(hit.column != start for hit in find_identity_numbers(f"ref: {rendered}"))


@SETTINGS
@given(number=valid_test_numbers(), form=st.sampled_from(FORMS))
def test_wrong_check_digit_never_found(number: tuple[str, IdentityKind], form: str) -> None:
    rendered = render(wrong_check(number[0]), form)
    assert find_identity_numbers(f"pnr: {rendered}") == []
    assert classify(rendered) is None


# --------------------------------------------------------------------------------------------
# Unit tests


def test_published_test_numbers() -> None:
    assert classify("189001019802") == "personnummer"
    assert classify("18900101-9802") == "personnummer"
    assert classify("900101+9802") == "personnummer"
    assert classify("191401682396") == "samordningsnummer"
    assert classify("140168-2396") == "samordningsnummer"


def test_wrong_check_digit() -> None:
    assert classify("189001019803") is None
    assert find_identity_numbers("pnr: 900101-9803") == []


def test_impossible_dates() -> None:
    nine = "900231980"  # 31 February
    assert find_identity_numbers(f"pnr: 19{nine}{luhn_digit(nine)}") == []
    assert classify(f"{nine[:6]}-{nine[6:]}{luhn_digit(nine)}") is None
    for nine in ("901301980", "900100980", "900132980", "900160980", "900192980"):
        assert classify(nine + luhn_digit(nine)) is None, nine


def test_leap_day_needs_leap_year_with_explicit_century() -> None:
    leap = make_number(dt.date(2024, 2, 29), 985)
    assert find_identity_numbers(f"pnr: {leap}") == [IdentityNumberHit(1, 6, "personnummer")]
    nine = "230229985"
    assert find_identity_numbers(f"pnr: 20{nine}{luhn_digit(nine)}") == []
    nine = "000229985"
    c = luhn_digit(nine)
    assert classify(f"19{nine}{c}") is None  # 1900 was not a leap year
    assert classify(f"20{nine}{c}") == "personnummer"
    assert classify(f"{nine[:6]}-{nine[6:]}{c}") == "personnummer"  # 2000
    assert classify(f"{nine[:6]}+{nine[6:]}{c}") is None  # 1900 or 1800: no 29 Feb


def test_plus_form_found() -> None:
    assert find_identity_numbers("a: 900101+9802") == [IdentityNumberHit(1, 4, "personnummer")]


def test_longer_digit_run_not_found() -> None:
    assert find_identity_numbers("ocr: 19001019802") == []
    assert find_identity_numbers("ocr: 90010198021") == []
    assert find_identity_numbers("ocr: 1189001019802") == []
    assert find_identity_numbers("ocr: 1900101-9802") == []
    assert find_identity_numbers("ocr: 900101-98021") == []


def test_glued_to_letters_and_punctuation_found() -> None:
    text = 'a: id:900101-9802\nb: "9001019802"\nc: (900101-9802)\nd: pnr9001019802x\n'
    assert [(h.line, h.column) for h in find_identity_numbers(text)] == [
        (1, 7),
        (2, 5),
        (3, 5),
        (4, 7),
    ]


def test_multiple_hits_several_lines() -> None:
    text = "a: 900101-9802\n\n# 191401682396 och 18900101-9802\nb: ok\n  c: '9001019802'\n"
    assert find_identity_numbers(text) == [
        IdentityNumberHit(1, 4, "personnummer"),
        IdentityNumberHit(3, 3, "samordningsnummer"),
        IdentityNumberHit(3, 20, "personnummer"),
        IdentityNumberHit(5, 7, "personnummer"),
    ]


def test_hit_never_contains_the_digits() -> None:
    assert {f.name for f in dataclasses.fields(IdentityNumberHit)} == {"line", "column", "kind"}
    hit = find_identity_numbers("pnr: 189001019802")[0]
    assert "9802" not in repr(hit)
    assert not hasattr(hit, "__dict__")  # slots: no room to smuggle the number in
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.line = 2  # type: ignore[misc]


def test_bare_mobile_shape_is_a_phone_but_separated_form_is_found() -> None:
    nine = "070301985"  # born 1907/2007-03-01: bare form looks exactly like 070-301 98 5C
    c = luhn_digit(nine)
    assert find_identity_numbers(f"tel: {nine}{c}") == []
    assert classify(f"{nine}{c}") is None
    assert find_identity_numbers(f"pnr: {nine[:6]}-{nine[6:]}{c}") == [
        IdentityNumberHit(1, 6, "personnummer")
    ]
    assert find_identity_numbers(f"pnr: 20{nine}{c}") == [IdentityNumberHit(1, 6, "personnummer")]
    nine = "071001985"  # 07 followed by 1: not a mobile prefix, so found even when bare
    assert classify(nine + luhn_digit(nine)) == "personnummer"


def test_international_prefix_is_a_phone() -> None:
    assert find_identity_numbers("tel: +46 9001019802") == []
    assert find_identity_numbers("tel: 0046-9001019802") == []
    assert find_identity_numbers("tel: 9001019802") != []


def test_hex_hash_and_decimals_not_found() -> None:
    sha = "3f7a" + "9001019802" + "e387550fdab836ed7e6dc881de23001b"[:26]
    assert find_identity_numbers(f"sha: {sha}") == []
    assert find_identity_numbers("ratio: 0.9001019802") == []
    assert find_identity_numbers("v: 9001019802.1") == []
    # short letter prefix is not a hash: still found
    assert find_identity_numbers("x: abc9001019802") == [IdentityNumberHit(1, 7, "personnummer")]


def test_word_processor_separators_found() -> None:
    for sep in ("\u2013", "\u00a0", "\u2011"):
        assert classify(f"900101{sep}9802") == "personnummer", repr(sep)


def test_classify_rejects_non_tokens() -> None:
    for s in ("", "abc", "900101-9802x", "900101----9802", "2025-01-15", "1401", "90010-19802"):
        assert classify(s) is None, s
    assert classify("  900101-9802\n") == "personnummer"


def test_samordningsnummer_day_limits() -> None:
    for day, expected in ((61, "samordningsnummer"), (91, "samordningsnummer"), (92, None)):
        nine = f"9001{day}985"
        assert classify(nine + luhn_digit(nine)) == expected, day
    nine = "900230985"  # 30 Feb
    assert classify(nine + luhn_digit(nine)) is None
    nine = "900290985"  # 30 Feb as samordningsnummer (90 - 60)
    assert classify(nine + luhn_digit(nine)) is None


def test_digits_of_other_scripts_are_read_as_digits() -> None:
    fullwidth = "note: １９９００１０１-９８１０\n"
    arabic = "x: " + "".join(chr(0x0660 + int(c)) for c in "9001019810") + "\n"
    assert [(h.line, h.column) for h in find_identity_numbers(fullwidth)] == [(1, 7)]
    assert len(find_identity_numbers(arabic)) == 1


def test_a_country_code_glued_to_a_three_digit_area_code_is_a_phone_number() -> None:
    """"+46 470 …" written without spaces leaves ten digits right after "+46" (found by
    hypothesis): a phone number, while the same ten digits after a space are still found."""
    assert find_identity_numbers("tel: +464701112577") == []
    assert find_identity_numbers("tel: 00464701112577") == []
    assert find_identity_numbers("ref: 4701112577") != []
