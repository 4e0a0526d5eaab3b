"""Find the records, read every file once, and build the model from what is valid.

A repository is read in one pass: each file is parsed, scanned for identity numbers,
checked against its kind's schema and, if valid, turned into model objects. Files that fail
their schema stay out of the model, and the kinds they belong to are remembered as
``broken`` so that cross-record checks do not bury the real error under a cascade of
"unknown …" findings.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from shvo_cli.findings import Finding, finding
from shvo_cli.i18n import _, language
from shvo_cli.records import finance_model, incident_model, model, population_model, settings
from shvo_cli.records.assess import Assessment, assess
from shvo_cli.records.cache import Entry, ParseCache, compact, digest, open_cache
from shvo_cli.records.cache import enabled as cache_enabled
from shvo_cli.records.layout import (
    SINGLETONS,
    singleton_path,
)
from shvo_cli.records.locate import LinkGuard, discover
from shvo_cli.records.source import SourceRef
from shvo_cli.store.index import clean_blobs_later
from shvo_cli.yamlio.read import YamlDocument, parse_bytes, read_raw


@dataclass
class Repository:
    """Everything read from a records root: documents, findings so far, and the model."""

    root: Path
    documents: list[YamlDocument] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    organisation: model.Organisation | None = None
    process: model.Process | None = None
    systems: dict[str, model.System] = field(default_factory=dict)
    plans: dict[int, model.Plan] = field(default_factory=dict)
    budgets: dict[int, model.Budget] = field(default_factory=dict)
    populations: list[population_model.PopulationTable] = field(default_factory=list)
    requests: dict[str, model.Request] = field(default_factory=dict)
    decisions: dict[str, model.Decision] = field(default_factory=dict)
    service_levels: settings.ServiceLevels | None = None
    incidents: dict[str, incident_model.Incident] = field(default_factory=dict)
    invoices: dict[str, finance_model.InvoiceRecord] = field(default_factory=dict)
    finance: dict[str, finance_model.FinanceRecord] = field(default_factory=dict)
    """Outcome and utskrivningsklara records, by id (shvo_cli.finance reads them)."""
    broken: set[str] = field(default_factory=set)
    seen_kinds: set[str] = field(default_factory=set)
    singletons: set[str] = field(default_factory=set)
    duplicate_ids: set[str] = field(default_factory=set)
    broken_ids: set[str] = field(default_factory=set)
    """Ids of records that failed their schema: known to exist, so references to them are
    not reported as unknown (the schema finding is the one to fix)."""
    broken_plan_years: set[int] = field(default_factory=set)
    ids: dict[str, SourceRef] = field(default_factory=dict)
    digests: dict[str, bytes] = field(default_factory=dict)
    """Content digest of each file read through the cache, by path as text (none when
    caching is off)."""
    request_files: set[str] = field(default_factory=set)
    """Files that hold a request record (valid or not), by path as text."""

    def copy(self) -> Repository:
        """An independent copy to add documents to: the containers are new, the model
        objects (immutable) and documents are shared."""
        return replace(self, **{f.name: copy.copy(getattr(self, f.name)) for f in fields(self)
                                if isinstance(getattr(self, f.name), list | dict | set)})


_BUILDERS: dict[str, Callable[[dict[str, Any], SourceRef], Any]] = {
    "organisation": model.build_organisation,
    "process": model.build_process,
    "systems": model.build_systems,
    "plan": model.build_plan,
    "budget": model.build_budget,
    "population": population_model.build_population,
    "request": model.build_request,
    "decision": model.build_decision,
    "service-levels": settings.build_service_levels,
    "incident": incident_model.build_incident,
    "invoice": finance_model.build_invoice,
    "outcome": finance_model.build_finance,
    "utskrivningsklara": finance_model.build_finance,
}


def _rel(repo: Repository, path: Path) -> str:
    try:
        return path.relative_to(repo.root).as_posix()
    except ValueError:
        return str(path)


def _claim_id(repo: Repository, record_id: str, ref: SourceRef, what: str) -> bool:
    """Register an id; ids are unique across the whole repository, whatever the kind. Both
    files get the finding, so validating either one alone still fails."""
    first = repo.ids.get(record_id)
    if first is not None:
        here = ref.doc.locate(["id"])[0]
        there = first.doc.locate(["id"])[0]
        text = _("{kind} id {id!r} is also claimed by {file}:{line}")
        repo.findings.append(ref.at(
            "R001", text.format(kind=what, id=record_id, file=_rel(repo, first.file),
                                line=there), "id"))
        if record_id not in repo.duplicate_ids:
            repo.duplicate_ids.add(record_id)
            repo.findings.append(first.at(
                "R001", text.format(kind=what, id=record_id, file=_rel(repo, ref.file),
                                    line=here), "id"))
        return False
    repo.ids[record_id] = ref
    return True


def _add(repo: Repository, kind: str, obj: Any, ref: SourceRef) -> None:
    if kind in SINGLETONS:
        if kind in repo.singletons:
            repo.findings.append(ref.at("R009", _("a second {kind} record; there must be "
                                                  "one").format(kind=kind)))
            return
        repo.singletons.add(kind)
        if kind == "organisation":
            repo.organisation = obj
        elif kind == "process":
            repo.process = obj
        else:
            for system in obj:
                if system.id in repo.systems:
                    repo.findings.append(system.ref.at(
                        "R001", _("system id {id!r} is listed twice").format(id=system.id),
                        "id"))
                repo.systems.setdefault(system.id, system)
        return
    if kind == "service-levels":
        if repo.service_levels is not None:
            repo.findings.append(ref.at("R009", _("a second service-levels setting; there "
                                                  "must be at most one")))
            return
        repo.service_levels = obj
        return
    if not _claim_id(repo, obj.id, ref, kind):
        return
    if kind == "plan":
        if obj.year in repo.plans:
            repo.findings.append(ref.at("R009", _("a second plan for {year}").format(
                year=obj.year), "year"))
        repo.plans.setdefault(obj.year, obj)
    elif kind == "budget":
        if obj.year in repo.budgets:
            repo.findings.append(ref.at("R009", _("a second budget for {year}").format(
                year=obj.year), "year"))
        repo.budgets.setdefault(obj.year, obj)
    elif kind == "population":
        repo.populations.append(obj)
    elif kind == "request":
        repo.requests[obj.id] = obj
    elif kind == "incident":
        repo.incidents[obj.id] = obj
    elif kind == "invoice":
        repo.invoices[obj.id] = obj
    elif kind in ("outcome", "utskrivningsklara"):
        repo.finance[obj.id] = obj
    else:
        repo.decisions[obj.id] = obj


def admit(repo: Repository, doc: YamlDocument, found: Assessment) -> None:
    """Add an assessed document to the repository: its findings, and its model objects."""
    repo.documents.append(doc)
    repo.findings.extend(found.findings)
    if found.seen_kind is not None:
        repo.seen_kinds.add(found.seen_kind)
        if found.seen_kind == "request":
            repo.request_files.add(str(doc.path))
    if found.broken_kind is not None:
        repo.broken.add(found.broken_kind)
    if found.broken_id is not None:
        repo.broken_ids.add(found.broken_id)
    if found.broken_plan_year is not None:
        repo.broken_plan_years.add(found.broken_plan_year)
    if found.build is not None:
        ref = SourceRef(doc)
        _add(repo, found.build, _BUILDERS[found.build](doc.data, ref), ref)


def add_document(repo: Repository, doc: YamlDocument) -> None:
    """Check one parsed document and add what it holds to the repository's model."""
    admit(repo, doc, assess(repo.root, doc))


def _from_entry(repo: Repository, path: Path, entry: Entry, text: str | None) -> None:
    """Admit a document from a cache entry; ``text`` None leaves the file unread."""
    if text is not None and text.startswith("\ufeff"):
        text = text[1:]
    doc = YamlDocument(path=path, source=text, data=entry.data, parsed=entry.parsed)
    build, seen, broken, broken_id, year = entry.facts
    admit(repo, doc, Assessment(
        entry.to_findings(path), build=build if isinstance(build, str) else None,
        seen_kind=seen if isinstance(seen, str) else None,
        broken_kind=broken if isinstance(broken, str) else None,
        broken_id=broken_id if isinstance(broken_id, str) else None,
        broken_plan_year=year if isinstance(year, int) and not isinstance(year, bool)
        else None))


def _load_one(repo: Repository, path: Path, store: ParseCache | None,
              clean: dict[str, bytes]) -> None:
    """Read, assess and admit one file, taking the per-file work from the cache when the
    file's content is what the cache saw: for a file git's index vouches for (``clean``:
    its id by path), without reading it at all."""
    key = str(path)
    known = clean.get(key) if store is not None else None
    if known is not None and store is not None:
        entry = store.lookup(key, known)
        if entry is not None:
            repo.digests[key] = known
            _from_entry(repo, path, entry, None)
            return
    raw = read_raw(path)
    if isinstance(raw, YamlDocument):
        add_document(repo, raw)
        return
    if store is None:
        doc = parse_bytes(path, raw)
        doc.data = compact(doc.data)
        add_document(repo, doc)
        doc.source = None  # read again if a finding needs its lines: see YamlDocument.text
        return
    dig = known if known is not None else digest(raw)
    repo.digests[key] = dig
    entry = store.lookup(key, dig) if known is None else None
    if entry is not None:
        _from_entry(repo, path, entry, None)
        return
    doc = parse_bytes(path, raw)
    doc.data = compact(doc.data)
    found = assess(repo.root, doc)
    admit(repo, doc, found)
    doc.source = None  # fifty thousand files' texts are 100 MB that only findings need
    if all(f.file == path for f in found.findings):
        store.store(key, Entry(dig, doc.data, doc.parsed, tuple(
            (f.code, f.line, f.column, f.message) for f in found.findings), found.facts()))


def context_digest(repo: Repository) -> bytes | None:
    """A digest of everything but the requests themselves: the files that are not requests
    and what the loader learnt from the broken ones. Per-request checks read nothing else,
    so their findings for an unchanged request hold while this digest is unchanged. None
    when a document was not read through the cache (no digest to build it from)."""
    h = hashlib.blake2b(digest_size=16)
    for doc in repo.documents:
        key = str(doc.path)
        if key in repo.request_files:
            continue
        dig = repo.digests.get(key)
        if dig is None:
            return None
        h.update(key.encode() + b"\0" + dig)
    for name in ("broken", "seen_kinds", "broken_ids", "duplicate_ids", "broken_plan_years"):
        h.update(name.encode() + repr(sorted(map(str, getattr(repo, name)))).encode())
    return h.digest()


_FEW = 64


def _clean_files(root: Path, found: dict[str, bytes]) -> dict[str, bytes]:
    """``found`` (git's clean files, relative and ``/``-separated) by the path the walk
    gives each file."""
    top = str(root) + os.sep
    if os.sep == "/":
        return {top + rel: oid for rel, oid in found.items()}
    return {top + rel.replace("/", os.sep): oid for rel, oid in found.items()}


def load_repository(root: Path, files: Iterable[Path] | None = None,
                    progress: Callable[[int, int], None] | None = None, *,
                    whole: bool | None = None) -> Repository:
    """Read every record file below ``root`` (or just ``files``) into one repository;
    ``progress(done, total)`` after each file, for a bar on a terminal. ``whole``: the
    files are all of the folder's (default: when ``files`` is not given) — the parse cache
    is used for those and for any larger set, not for a handful."""
    repo = Repository(root=root)
    paths = list(files) if files is not None else discover(root)
    paused = gc.isenabled()
    gc.disable()  # loading allocates millions of acyclic objects: a collection pass per
    try:          # few hundred files re-walks them all (measured: 11.4 s vs 2.7 s for 10 000)
        # A handful of files parse faster than the cache of ten thousand loads.
        if whole is None:
            whole = files is None
        cached = (whole or len(paths) > _FEW) and cache_enabled()
        ask_git = clean_blobs_later(root) if cached else None  # git works while the cache loads
        store = open_cache(root, language()) if cached else None
        clean = _clean_files(root, ask_git()) if ask_git is not None else {}
        links = LinkGuard(root)
        for done, path in enumerate(paths, 1):
            if str(path) not in clean and links.leads_out(path):
                repo.findings.append(finding("Y015", path, 0, 0, _(
                    "a link that leads out of the records folder: not followed, nothing read "
                    "from it (copy the record into the folder instead)")))
            else:
                _load_one(repo, path, store, clean)
            if progress is not None:
                progress(done, len(paths))
    finally:
        # What was loaded lives until the command ends: the collector need never walk it
        # again (without this, later allocations trigger full passes over a million
        # objects: a third of `request list` at 10 000 requests).
        gc.freeze()
        if paused:
            gc.enable()
    if store is not None:
        store.save()
    for kind in SINGLETONS:
        if kind not in repo.seen_kinds and kind not in repo.broken:
            repo.findings.append(finding(
                "R009", singleton_path(root, kind), 0, 0,
                _("no {kind} record: {path} is required").format(
                    kind=kind, path=singleton_path(root, kind))))
    return repo
