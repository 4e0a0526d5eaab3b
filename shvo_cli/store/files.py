"""Writing record files so that a crash, a kill or a full disk never leaves half a file.

Every write goes to a temporary file in the same folder (same file system, so the final
rename is atomic), is flushed and fsynced, then replaces the target with ``os.replace``; the
folder is fsynced too so the rename itself survives a power cut. A reader, git, or a second
shvo process sees either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from shvo_cli.errors import ShvoError
from shvo_cli.i18n import _
from shvo_cli.store.synced import kept_mode, write_synced


def atomic_write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically. Keeps the old file's permissions."""
    folder = path.parent
    if mode is None:
        mode = kept_mode(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        write_synced(fd, tmp, data, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def atomic_write_text(path: Path, text: str) -> None:
    """UTF-8 text with ``\\n`` line ends, as every record file is written."""
    atomic_write(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


class OutputPathError(ShvoError):
    """An output path shvo will not write to (missing folder, a directory, a device)."""


def check_output_path(path: Path) -> Path:
    """Where ``-o FILE`` may write: a regular file (new or existing) in an existing folder.
    A link is followed to its target; devices, pipes and folders are refused, since an atomic
    rename would replace them rather than write into them."""
    if str(path) == "":
        raise OutputPathError(_("-o: give a file name"))
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        raise OutputPathError(_("{path}: not a regular file (a folder or a device); give a "
                                "file name").format(path=path))
    if not target.parent.is_dir():
        raise OutputPathError(_("{path}: folder {folder} does not exist").format(
            path=path, folder=target.parent))
    return target


@contextlib.contextmanager
def change_lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """One changing command at a time per records folder. Two commands computing a change
    from the same file would otherwise both write and commit, the second silently replacing
    the first's history entry. The lock lives in the git directory when there is one (so it
    never shows as an untracked file), else beside the records. The lock is an operating
    system lock (filelock: fcntl on Linux and macOS, msvcrt on Windows), so it is released
    when the process ends, even when it is killed."""
    import subprocess

    from filelock import FileLock, Timeout

    proc = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=root,
                          capture_output=True, text=True, encoding="utf-8",
                          errors="replace", check=False)
    if proc.returncode != 0 and "dubious ownership" in proc.stderr:
        from shvo_cli.store import git

        git.work_tree(root, strict=True)  # raises: no lock file left in a foreign repository
    folder = Path(proc.stdout.strip()) if proc.returncode == 0 else root
    lock_path = folder / "shvo.lock" if proc.returncode == 0 else root / ".shvo.lock"
    # thread_local=False: the lock belongs to the process, whichever thread releases it.
    lock = FileLock(lock_path, timeout=timeout, thread_local=False)
    try:
        lock.acquire(poll_interval=0.05)
    except Timeout:
        raise ShvoError(_("another shvo command has been changing {root} for {seconds:.0f} s; "
                          "try again").format(root=root, seconds=timeout)) from None
    try:
        if proc.returncode == 0:
            from shvo_cli.store import commit

            # Under the lock the shvo that left a change in flight is gone: finish or remove
            # it before this command reads the records (apply says what was done).
            commit.recover(Path(root))
        yield
    finally:
        lock.release()
