"""Outputs replaced in one step: a file (``extract -o x.jsonl``) or a build folder (``build -o out/``).

A run that fails, is interrupted (Ctrl-C, SIGTERM) or meets a full disk must leave the previous outputs as
they were, never a mix of old and new files nor a truncated one.  So everything is written to a hidden
temporary file or folder next to the target (same file system, skipped by the input scan) and renamed into
place at the end; a folder is swapped with one atomic exchange (renameat2), keeping the files in it that
policykg did not write.  The swapped folder lists the files policykg wrote in OUTPUT_MARKER, which is how
the input scan knows never to read them back and how the next swap knows which files are the user's.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from policykg.errors import OutputError, PolicykgError, printable
from policykg.records import OUTPUT_MARKER, is_extraction


def check_file_target(target: Path, inputs: list[Path], ours: Callable[[Path], bool] = is_extraction) -> None:
    """Refuse, before anything is read, an output file that could not or must not be replaced.

    ``ours`` tells whether an existing file is one policykg wrote and may replace (an extraction by default).
    """
    if target.is_dir():
        raise PolicykgError(f"{printable(target)}: is a folder; -o names the file to write")
    if target.exists() and any(_same(target, p) for p in inputs):
        raise PolicykgError(f"{printable(target)}: -o names an input file; choose another output")
    if target.is_file() and target.stat().st_size and not ours(target):
        raise PolicykgError(f"{printable(target)}: exists and is not a policykg extraction; "
                            "refusing to overwrite it (an input inside a scanned folder?)")
    if _is_stream(target):
        if not os.access(target, os.W_OK):
            raise PolicykgError(f"{printable(target)}: not writable")
        return
    _check_writable(Path(os.path.realpath(target)))


def check_folder_target(target: Path, inputs: list[Path]) -> None:
    """Refuse, before anything is read, an output folder that is a file, an input or read-only.

    An output folder inside an input folder is fine: the scan skips the files its OUTPUT_MARKER lists.
    """
    if target.exists() and not target.is_dir():
        raise PolicykgError(f"{printable(target)}: is a file; -o names the output folder")
    if target.exists() and any(_same(target, p) for p in inputs):
        raise PolicykgError(f"{printable(target)}: -o names an input folder; choose another output folder")
    _check_writable(Path(os.path.realpath(target)))


def _is_stream(path: Path) -> bool:
    return path.exists() and not path.is_file() and not path.is_dir()


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _check_writable(target: Path) -> None:
    """The nearest existing ancestor must be a writable folder, and an existing target writable too."""
    if target.exists() and not os.access(target, os.W_OK):
        raise PolicykgError(f"{printable(target)}: read-only; cannot replace it")
    parent = target.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise PolicykgError(f"{printable(parent)}: is a file, so {printable(target)} cannot be written")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise PolicykgError(f"{printable(parent)}: folder is read-only; cannot write {printable(target)}")


@contextmanager
def replaced_file(target: Path) -> Iterator[Path]:
    """A temporary path to write; renamed onto ``target`` when the block succeeds, removed otherwise.

    A symbolic link is followed (the file it names is replaced, the link stays), and a target that is a
    stream (``/dev/stdout``, a FIFO, a device) is written directly: renaming onto it would replace the
    device node itself, and a stream has no earlier content to protect.
    """
    if _is_stream(target):
        with _writing(target):
            yield target
        return
    target = Path(os.path.realpath(target))
    with _writing(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    tmp = Path(name)
    try:
        with _writing(target):
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an output gets the user's usual mode
            yield tmp
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def replaced_folder(target: Path) -> Iterator[Path]:
    """A temporary folder to fill; swapped with ``target`` when the block succeeds, removed otherwise.

    Files of ``target`` that policykg did not write (absent from its OUTPUT_MARKER) are carried into the
    new folder as hard links first, so the swap keeps them.  A symlinked ``target`` is followed: the folder
    it names is swapped and the link stays.
    """
    target = Path(os.path.realpath(target))
    with _writing(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        with _writing(target):
            os.chmod(tmp, 0o777 & ~_umask())
            yield tmp
            written = sorted(p.name for p in tmp.iterdir())
            (tmp / OUTPUT_MARKER).write_text("".join(f"{n}\n" for n in written), encoding="utf-8")
            if target.exists():
                _carry_foreign(target, tmp)
            _swap(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # after the swap it holds the previous set


def _record(folder: Path, names: list[str]) -> None:
    """Add files a later command (viz) wrote into an output folder to its OUTPUT_MARKER."""
    with replaced_file(folder / OUTPUT_MARKER) as tmp:
        tmp.write_text("".join(f"{n}\n" for n in sorted(_listed(folder) | set(names))), encoding="utf-8")


def _listed(folder: Path) -> set[str]:
    marker = folder / OUTPUT_MARKER
    return set(marker.read_text(encoding="utf-8").splitlines()) if marker.exists() else set()


def _carry_foreign(old: Path, new: Path) -> None:
    ours = _listed(old)
    for entry in old.iterdir():
        if entry.name in ours or entry.name == OUTPUT_MARKER or (new / entry.name).exists():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, new / entry.name, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_symlink():
            os.symlink(os.readlink(entry), new / entry.name)
        else:
            _link_or_copy(entry, new / entry.name)


def _link_or_copy(src: str | Path, dst: str | Path) -> None:
    try:
        os.link(src, dst)
    except OSError:  # a file system without hard links
        shutil.copy2(src, dst)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the previous ``target`` (if any) ends up at ``new``.

    Linux exchanges the two names atomically (renameat2 RENAME_EXCHANGE), so no moment exists without a
    complete set at ``target``; elsewhere two renames leave a gap of one system call.
    """
    if not target.exists():
        os.rename(new, target)
        return
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target),
                                           _RENAME_EXCHANGE) == 0:
        return
    if renameat2 is not None and ctypes.get_errno() not in (errno.ENOSYS, errno.EINVAL):
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(target))
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.rename(target, old / target.name)
    os.rename(new, target)
    os.rename(old / target.name, new)
    old.rmdir()


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """OSError while writing (disk full, quota, permissions changed mid-run) as one OutputError line."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"{printable(target)}: cannot write: {exc.strerror or exc}") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def staged_files(folder: Path) -> Iterator[Path]:
    """A temporary folder whose files are each renamed into ``folder`` when the block succeeds (viz pages:
    independent views, each replaced whole) and recorded in its OUTPUT_MARKER."""
    with _writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        with _writing(folder):
            yield tmp
            written = sorted(tmp.iterdir())
            for page in written:
                os.chmod(page, 0o666 & ~_umask())
                os.replace(page, folder / page.name)
            _record(folder, [p.name for p in written])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
