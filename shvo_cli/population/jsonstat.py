"""Reading SCB's population figures from JSON-stat, as PxWebApi returns them.

PxWebApi v2 answers with a JSON-stat 2.0 dataset: ``id`` and ``size`` list the dimensions
(``Region``, ``ContentsCode``, ``Tid``, sometimes more), ``dimension`` gives each one's
categories (``index`` as a list of codes or an object code → position) and labels, and
``value`` holds the figures in row-major order over all dimensions (the last dimension varies
fastest), as an array or a sparse object. PxWebApi v1's JSON-stat 1.x bundle (one dataset,
``id``/``size``/``role`` inside ``dimension``) is read too. The region dimension is the one
with role ``geo`` (else id ``Region``), time the one with role ``time`` (else ``Tid``); the
file must fix every other dimension to one category, except time, which ``--period`` may
choose. JSON keeps no line numbers, so messages find a region's code in the text again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shvo_cli.i18n import _
from shvo_cli.population.scb_csv import Collector, PopulationImportError, token_line


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
    raise ValueError(_("{name} is not a number JSON allows").format(name=name))


def _int_or_text(digits: str) -> int | str:
    """Integers of JSON; an absurdly long one stays text, for the figure check to refuse
    by name (Python's int() stops at 4 300 digits with an error of its own)."""
    return int(digits) if len(digits) <= 18 else digits


def _load_json(label: str, text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant,
                          parse_int=_int_or_text)
    except json.JSONDecodeError as exc:
        raise PopulationImportError(_("{label}:{line}:{column}: not valid JSON ({error})")
                                    .format(label=label, line=exc.lineno, column=exc.colno,
                                            error=exc.msg)) from None
    except _DuplicateKey as dup:
        line = token_line(text, json.dumps(dup.key, ensure_ascii=False), 2)
        raise PopulationImportError(_("{label}:{line}: key {key!r} appears twice in one JSON "
                                      "object (a region given twice?)").format(
                                          label=label, line=line, key=dup.key)) from None
    except (ValueError, RecursionError) as exc:
        raise PopulationImportError(_("{label}: not usable JSON ({error})").format(
            label=label, error=exc)) from None


def _dataset(label: str, doc: Any) -> tuple[dict[str, Any], list[Any], list[Any],
                                             dict[str, Any]]:
    """(dataset, dimension ids, sizes, roles) of a JSON-stat 2.0 dataset (PxWebApi v2) or a
    JSON-stat 1.x bundle holding one dataset (PxWebApi v1)."""
    if not isinstance(doc, dict):
        raise PopulationImportError(_("{label}: not a JSON-stat dataset (an object expected)")
                                    .format(label=label))
    cls = doc.get("class")
    if cls == "dataset" or (cls is None and "dimension" in doc and "value" in doc):
        return doc, _list(doc.get("id")), _list(doc.get("size")), _dict(doc.get("role"))
    if cls not in (None, "bundle"):
        raise PopulationImportError(_("{label}: a JSON-stat {cls!r}; export the table itself "
                                      "(a dataset)").format(label=label, cls=cls))
    sets = [v for v in doc.values() if isinstance(v, dict) and "dimension" in v]
    if not sets:
        raise PopulationImportError(_("{label}: not a JSON-stat dataset (no 'dimension' and "
                                      "'value')").format(label=label))
    if len(sets) != 1:
        raise PopulationImportError(_("{label}: {count} datasets; export one table").format(
            label=label, count=len(sets)))
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
        if sorted(p for __, p in positions if isinstance(p, int)) != list(range(len(index))):
            raise PopulationImportError(_("{label}:{line}: dimension {dimension!r}: index "
                                          "positions are not 0-{last}").format(
                                              label=label,
                                              line=token_line(text, json.dumps(dim_id)),
                                              dimension=dim_id, last=len(index) - 1))
        codes = [str(k) for k, __ in positions]
    elif index is None and len(labels) == 1:
        codes = list(labels)
    else:
        raise PopulationImportError(_("{label}: dimension {dimension!r} has no category index")
                                    .format(label=label, dimension=dim_id))
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            line = token_line(text, json.dumps(code, ensure_ascii=False), 2)
            raise PopulationImportError(_("{label}:{line}: dimension {dimension!r} lists "
                                          "{code!r} twice").format(
                                              label=label, line=line, dimension=dim_id,
                                              code=code))
        seen.add(code)
    if len(codes) != size:
        raise PopulationImportError(_("{label}: dimension {dimension!r} has {count} categories "
                                      "but its size is {size}").format(
                                          label=label, dimension=dim_id, count=len(codes),
                                          size=size))
    return codes, labels


def _role(roles: Mapping[str, Any], name: str, ids: Sequence[str], fallbacks: set[str]
          ) -> str | None:
    for candidate in _list(roles.get(name)):
        if candidate in ids:
            return str(candidate)
    return next((i for i in ids if i.casefold() in fallbacks), None)


def _shape(label: str, raw_ids: Sequence[Any], raw_sizes: Sequence[Any],
           ) -> tuple[list[str], list[int]]:
    """The dimension ids and sizes, which must pair up."""
    ids = [str(i) for i in raw_ids]
    if not ids or len(ids) != len(raw_sizes) or any(
            not isinstance(s, int) or isinstance(s, bool) or s < 0 for s in raw_sizes):
        raise PopulationImportError(_("{label}: JSON-stat 'id' and 'size' missing or do not "
                                      "match").format(label=label))
    return ids, list(raw_sizes)


def _period_index(label: str, codes: list[str], period: str | None) -> tuple[int, str | None]:
    """Which category of the time dimension to read: the period asked for, else the only
    one there is. Returns its index and the period found in the file (None if asked)."""
    if period is not None:
        if period not in codes:
            raise PopulationImportError(_("{label}: no figures for period {period} "
                                          "(the file has {periods})").format(
                                              label=label, period=period,
                                              periods=", ".join(codes)))
        return codes.index(period), None
    if len(codes) != 1:
        raise PopulationImportError(_("{label}: figures for several periods "
                                      "({periods}): choose one with --period").format(
                                          label=label, periods=", ".join(codes)))
    return 0, codes[0]


def _only_category(label: str, text: str, dim_id: str, codes: list[str],
                   labels: dict[str, str], metric: str | None) -> None:
    """Any other dimension must have one category (the total, or folkmängd)."""
    size = len(codes)
    if size == 1:
        return
    names = ", ".join(labels.get(c, c) for c in codes[:4]) + (" …" if size > 4 else "")
    message = (_("{label}:{line}: dimension {dimension!r} has {size} contents "
                 "({names}); export the population (folkmängd) only")
               if dim_id == metric else
               _("{label}:{line}: dimension {dimension!r} has {size} categories "
                 "({names}); export one (the total)"))
    raise PopulationImportError(message.format(
        label=label, line=token_line(text, json.dumps(dim_id)), dimension=dim_id,
        size=size, names=names))


def _value_reader(label: str, values: Any, count: int) -> Callable[[int], object]:
    """The n-th figure of the flat 'value' array (or its sparse object form)."""
    if isinstance(values, list):
        if len(values) != count:
            raise PopulationImportError(_("{label}: 'value' has {count} figures, the "
                                          "dimensions make {expected}").format(
                                              label=label, count=len(values), expected=count))
        return lambda n: values[n]
    if isinstance(values, dict):
        return lambda n: values.get(str(n))
    raise PopulationImportError(_("{label}: no 'value' array").format(label=label))


def _collect(label: str, text: str, codes: list[str], labels: dict[str, str],
             value_at: Callable[[int], object], base: int, step: int) -> Collector:
    """One figure per region code, each with the line it is written on."""
    collector = Collector(label)
    for pos, code in enumerate(codes):
        name = labels.get(code)
        if name is not None:
            name = re.sub(rf"^{re.escape(code)}\s+", "", name.strip())
        if not re.fullmatch(r"[0-9]{2}|[0-9]{4}", code):
            raise PopulationImportError(_("{label}:{line}: region {code!r} is not an SCB "
                                          "region code").format(
                                              label=label,
                                              line=token_line(text, json.dumps(code)),
                                              code=code))
        line = token_line(text, json.dumps(code, ensure_ascii=False))
        collector.region(code, name, value_at(base + pos * step), line)
    return collector


def parse_jsonstat(label: str, text: str, period: str | None) -> tuple[str | None, Collector]:
    ds, raw_ids, raw_sizes, roles = _dataset(label, _load_json(label, text))
    ids, sizes = _shape(label, raw_ids, raw_sizes)
    dims = _dict(ds.get("dimension"))
    region = _role(roles, "geo", ids, {"region"})
    if region is None:
        raise PopulationImportError(_("{label}: no region dimension (expected 'Region')")
                                    .format(label=label))
    time = _role(roles, "time", ids, {"tid", "time", "year", "år"})
    metric = _role(roles, "metric", ids, {"contentscode"})
    fixed: dict[str, int] = {}
    found: str | None = period
    region_codes: list[str] = []
    region_labels: dict[str, str] = {}
    for dim_id, size in zip(ids, sizes, strict=True):
        codes, labels = _categories(label, text, dim_id, _dict(dims.get(dim_id)), size)
        if dim_id == region:
            region_codes, region_labels = codes, labels
        elif dim_id == time:
            fixed[dim_id], in_file = _period_index(label, codes, period)
            found = found if in_file is None else in_file
        else:
            _only_category(label, text, dim_id, codes, labels, metric)
            fixed[dim_id] = 0
    strides = [1] * len(ids)
    for k in range(len(ids) - 2, -1, -1):
        strides[k] = strides[k + 1] * sizes[k + 1]
    base = sum(fixed[d] * strides[k] for k, d in enumerate(ids) if d != region)
    count = strides[0] * sizes[0] if sizes else 0
    value_at = _value_reader(label, ds.get("value"), count)
    return found, _collect(label, text, region_codes, region_labels, value_at, base,
                           strides[ids.index(region)])
