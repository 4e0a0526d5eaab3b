"""YAML reading: one meaning everywhere (YAML 1.2 plain scalars), and every malformed input a
finding with a position, never an exception, a hang or a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from shvo_cli.yamlio.read import MAX_DEPTH, parse_text, read_file
from shvo_cli.yamlio.write import dump

P = Path("x.yaml")


def codes(text: str) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in parse_text(P, text).findings]


@pytest.mark.parametrize(("text", "value"), [
    ("no", "no"), ("on", "on"), ("yes", "yes"), ("off", "off"), ("0755", "0755"),
    ("12:30", "12:30"), ("2025-01-15", "2025-01-15"), ("0x1F", "0x1F"), ("1_000", "1_000"),
    (".inf", ".inf"), ("~", None), ("null", None), ("", None), ("true", True),
    ("False", False), ("42", 42), ("-7", -7), ("3.5", 3.5), ("1e3", 1000.0),
    ("'42'", "42"), ('"true"', "true"), ("7 900 000", "7 900 000"),
])
def test_plain_scalars_read_as_yaml_1_2(text: str, value: object) -> None:
    doc = parse_text(P, f"v: {text}\n")
    assert doc.findings == []
    assert doc.data == {"v": value}
    assert type(doc.data["v"]) is type(value)


def test_positions_are_kept() -> None:
    doc = parse_text(P, "a:\n  b:\n    - x\n    - {c: 1}\n")
    assert doc.locate(["a", "b", 1, "c"]) == (4, 11)
    assert doc.locate_key(["a", "b"]) == (2, 3)
    assert doc.locate(["a", "missing"]) == (2, 3)


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1\na: 2\n", [("Y002", 2)]),
    ("a:\n\t- b\n", [("Y003", 2)]),
    ("a: &x [1]\nb: *x\n", [("Y005", 1), ("Y005", 2)]),
    ("a: !!python/object:os.system x\n", [("Y006", 1)]),
    ("a: ! x\n", [("Y006", 1)]),
    ("a: 1\n---\nb: 2\n", [("Y010", 2)]),
    ("", [("Y011", 1)]),
    ("# only a comment\n", [("Y011", 1)]),
    ("- a\n- b\n", [("Y011", 1)]),
    ("just text\n", [("Y011", 1)]),
    ("a: b: c\n", [("Y001", 1)]),
    ("a: [1, 2\n", [("Y001", 2)]),
    ("1: x\n", [("Y009", 1)]),
    ("? [a]\n: x\n", [("Y009", 1)]),
    ("true: x\n", [("Y009", 1)]),
])
def test_malformed_yaml_is_a_finding(text: str, expected: list[tuple[str, int]]) -> None:
    assert codes(text) == expected


def test_billion_laughs_is_refused_without_expanding() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(8))
    doc = parse_text(P, text)
    assert doc.data is None
    assert {f.code for f in doc.findings} == {"Y005"}


@pytest.mark.parametrize("text", [
    "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "- " * 200_000 + "x\n",
    "a: " + "{b: " * 5_000 + "1" + "}" * 5_000 + "\n",
])
def test_deep_nesting_is_refused_not_crashed(text: str) -> None:
    found = codes(text)
    assert found and found[0][0] == "Y007"


def test_depth_just_within_limit_is_read() -> None:
    depth = MAX_DEPTH - 2
    doc = parse_text(P, "a: " + "[" * depth + "1" + "]" * depth + "\n")
    assert doc.findings == []


def test_non_utf8_names_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("a: 1\nb: Härryda\n".encode("latin-1"))
    doc = read_file(path)
    assert [(f.code, f.line, f.column) for f in doc.findings] == [("Y004", 2, 5)]


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffa: 1\n".encode())
    assert read_file(path).data == {"a": 1}


def test_nul_byte_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\x00\n")
    assert [f.code for f in read_file(path).findings] == ["Y004"]


_keys = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1,
                max_size=12)
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                     st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                             max_size=30))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)), max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_keys, _values, min_size=1, max_size=5))
def test_what_shvo_writes_reads_back_identical(data: dict[str, object]) -> None:
    """Whatever shvo's writer emits, the reader gets back unchanged (PyYAML's own dumper
    does not manage that: it writes '0E0' bare, a string in YAML 1.1 but a float in 1.2)."""
    text = dump(data)
    doc = parse_text(P, text)
    # Y014 (a control character in a key or value) judges the content, not the writer
    assert [f for f in doc.findings if f.code != "Y014"] == []
    assert doc.data == data


def test_pyyaml_dumper_alone_would_not_round_trip() -> None:
    assert parse_text(P, yaml.safe_dump({"v": "1e3"})).data == {"v": 1000.0}
    assert parse_text(P, dump({"v": "1e3"})).data == {"v": "1e3"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    doc = parse_text(P, text)
    assert doc.data is None or isinstance(doc.data, dict)


def test_whole_number_written_as_decimal_is_refused(records: Path) -> None:
    """JSON Schema counts 7900000.0 as an integer; money must not arrive as a float."""
    from shvo_cli.checks.validate import validate

    budget = records / "budgets" / "budget-2025.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").replace(
        "amount: 7900000", "amount: 7900000.0"), encoding="utf-8")
    found = [(f.code, f.line) for f in validate(records).findings if f.code == "S001"]
    assert found == [("S001", 29)]
