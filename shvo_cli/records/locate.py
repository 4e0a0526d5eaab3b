"""Where the records are: the folder a run works on, and the record files in it.

Kept apart from reading them (:mod:`shvo_cli.records.repository`): finding the root walks
up from the working directory to a ``shvo.yaml`` (as git finds ``.git``), and the walk over
the folder follows links at most once per real folder so a loop cannot make it endless.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from shvo_cli.errors import RecordsNotFoundError, RecordsPathError
from shvo_cli.i18n import _
from shvo_cli.privacy import find_identity_numbers
from shvo_cli.records.layout import (
    FILE_KIND,
    FOLDER_KIND,
    MARKER,
    RECORD_SUFFIXES,
    is_records_folder,
)
from shvo_cli.yamlio.read import read_file

ENV_VAR = "SHVO_RECORDS"


def _abs(path: Path) -> Path:
    """Absolute and normalised, without resolving symlinks: a linked record file keeps the
    name it has in the records folder, whether it was found by walking or named as a PATH."""
    return Path(os.path.abspath(path))


def _check_root(root: Path, origin: str) -> Path:
    """Refuse a folder that holds no records (``SHVO_RECORDS=/tmp`` must not walk /tmp)."""
    if not is_records_folder(root):
        raise RecordsNotFoundError(
            _("{origin}: {root} is not a records folder (it has none of {files}, {folders})")
            .format(origin=origin, root=root, files=", ".join(FILE_KIND),
                    folders=", ".join(d + "/" for d in FOLDER_KIND)))
    return root


def _marker_records(marker: Path) -> Path:
    """The records folder a ``shvo.yaml`` marker points at (``records: DIR``, default ``.``)."""
    doc = read_file(marker)
    if not doc.findings and find_identity_numbers(doc.text):
        raise RecordsNotFoundError(_("{marker}: holds a personnummer or samordningsnummer; "
                                     "remove it").format(marker=marker))
    if doc.findings:
        f = doc.findings[0]
        raise RecordsNotFoundError(f"{marker}:{f.line}:{f.column}: {f.message}")
    target = (doc.data or {}).get("records", ".")
    if not isinstance(target, str) or not target:
        line = doc.locate(["records"])[0]
        raise RecordsNotFoundError(_("{marker}:{line}: 'records' must name a folder").format(
            marker=marker, line=line))
    root = _abs(marker.parent / target)
    line = doc.locate(["records"])[0]
    if not root.is_dir():
        raise RecordsNotFoundError(_("{marker}:{line}: records folder {target!r} does not "
                                     "exist").format(marker=marker, line=line, target=target))
    return _check_root(root, f"{marker}:{line}")


def find_records_root(explicit: str | None, env: Mapping[str, str], cwd: Path) -> Path:
    """``--records`` first, then ``$SHVO_RECORDS``, then a ``shvo.yaml`` found walking up from
    the working directory, as git finds ``.git``. A folder holding a marker is followed."""
    given = explicit if explicit else env.get(ENV_VAR) or None
    if given:
        root = Path(given).expanduser()
        origin = "--records" if explicit else f"${ENV_VAR}"
        if root.exists() and not root.is_dir():
            raise RecordsNotFoundError(_("{origin} {given}: is a file, not a folder").format(
                origin=origin, given=given))
        if not root.is_dir():
            raise RecordsNotFoundError(_("{origin} {given}: no such folder").format(
                origin=origin, given=given))
        if (root / MARKER).is_file() and not is_records_folder(root):
            return _marker_records(root / MARKER)
        return _check_root(_abs(root), f"{origin} {given}")
    for folder in (cwd, *cwd.parents):
        if (folder / MARKER).is_file():
            return _marker_records(folder / MARKER)
    raise RecordsNotFoundError(
        _("no records found: no {marker} in {cwd} or above it; pass --records DIR or set "
          "{env}").format(marker=MARKER, cwd=cwd, env=ENV_VAR))


def discover(root: Path, kinds: Collection[str] | None = None) -> list[Path]:
    """Every YAML file below the records root, in a stable order; hidden folders skipped.
    Linked folders inside the records folder are followed (a records folder may be assembled
    from links), each real folder once, so a link loop cannot make the walk endless. A link
    that leads out of the records folder is listed but not followed (``load_repository``
    reports it without reading it): a link to ``/`` must not walk the machine. With
    ``kinds``, only the folders and top-level files whose place implies one of them are
    walked (a budget needs three folders, not ten thousand requests)."""
    found: list[Path] = []
    seen: set[str] = set()
    top = True
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        if top and kinds is not None:
            dirs[:] = [d for d in dirs if FOLDER_KIND.get(d) in kinds]
            files = [f for f in files if FILE_KIND.get(f) in kinds]
        top = False
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            full = Path(folder) / name
            if full.is_symlink() and leads_out(root, full):
                found.append(full)
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.endswith(RECORD_SUFFIXES) and name != MARKER:
                found.append(Path(folder) / name)
    return found


def check_paths(root: Path, paths: Iterable[str]) -> list[Path]:
    """Resolve the PATHS given to ``validate``; a missing path is a usage error."""
    out: list[Path] = []
    for raw in paths:
        p = _abs(Path(raw))
        try:
            mode = p.stat().st_mode
        except OSError as exc:
            if not os.path.lexists(p):
                raise RecordsPathError(_("{path}: no such file or folder").format(
                    path=raw)) from None
            raise RecordsPathError(_("{path}: {os_error}").format(
                path=raw, os_error=exc.strerror)) from None
        if stat.S_ISDIR(mode):
            out.extend(discover(p))
            continue
        if not stat.S_ISREG(mode):
            raise RecordsPathError(_("{path}: not a regular file").format(path=raw))
        try:
            with p.open("rb") as handle:
                handle.read(1)
        except OSError as exc:
            raise RecordsPathError(_("{path}: cannot be read ({reason})").format(
                path=raw, reason=exc.strerror)) from None
        out.append(p)
    return out


def leads_out(root: Path, path: Path) -> bool:
    """A path below the records folder (as written) whose real location is outside it:
    reached through a link."""
    real_root = os.path.realpath(root)
    if not os.path.abspath(path).startswith(os.path.abspath(root) + os.sep):
        return False
    real = os.path.realpath(path)
    return real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep)


class LinkGuard:
    """``leads_out`` for many files of one walk, without resolving every path: a file can
    only lead out if it is a link itself or its folder does, and a walk has few folders
    (resolving all ten thousand paths took 0.46 s of a 2 s run)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders: dict[str, bool] = {}

    def leads_out(self, path: Path) -> bool:
        folder = os.path.dirname(path)
        out = self.folders.get(folder)
        if out is None:
            out = self.folders[folder] = leads_out(self.root, Path(folder))
        return out or (os.path.islink(path) and leads_out(self.root, path))
