"""`-o/--output-file`: the report goes to a file instead of standard output.

The file is written atomically — a temporary file beside it, renamed over it at the end — so a
run that fails, is interrupted or cannot finish never leaves a partial or empty report behind,
and an earlier report stays intact until the new one is complete. The path is checked before
any input is read, so a typo costs no waiting.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ..errors import UsageError


def _fail(shown: str, why: str) -> UsageError:
    return UsageError(f"无法写入输出文件 {shown}：{why}")


def check_output_path(value: str, inputs: Sequence[str] = ()) -> Path:
    """The output path, validated before any file is checked; raises a one-line UsageError."""
    if not value.strip():
        raise UsageError("-o/--output-file 需要一个文件名")
    target = Path(value)
    if target.is_dir():
        raise _fail(value, "这是一个目录")
    parent = target.parent
    if not parent.is_dir():
        raise _fail(value, f"目录 {parent.as_posix()} 不存在")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise _fail(value, f"没有目录 {parent.as_posix()} 的写入权限")
    if target.exists() and not os.access(target, os.W_OK):
        raise _fail(value, "没有写入权限")
    resolved = target.resolve()
    for name in inputs:
        if name != "-" and Path(name).is_file() and Path(name).resolve() == resolved:
            raise _fail(value, "它是被检查的文件之一，写入会覆盖这份报告")
    return target


class _Failed(Exception):
    """Writing the temporary file failed: told apart from a failure while checking."""

    def __init__(self, error: OSError) -> None:
        self.error = error


class _Sink(io.TextIOBase):
    """The temporary file as a text stream whose write errors are `_Failed`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise _Failed(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise _Failed(exc) from None

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return "utf-8"


@contextmanager
def atomic_output(target: Path, shown: str) -> Iterator[TextIO]:
    """A text stream that becomes `target` (UTF-8) only when the block finishes without error.

    The report is written to a temporary file beside `target` as the run produces it (a report
    of a large corpus is hundreds of MB: never held in memory), which replaces `target` only
    at the end; a failed or interrupted run removes it, leaving any earlier report intact.
    """
    import tempfile  # only with -o

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _fail(shown, exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield _Sink(stream)  # type: ignore[misc]
            _done(lambda: (stream.flush(), os.fsync(stream.fileno())))
        # mkstemp makes the file private (0600); a report is an ordinary file of the user.
        umask = os.umask(0)
        os.umask(umask)
        _done(lambda: (os.chmod(tmp, 0o666 & ~umask), os.replace(tmp, target)))
    except _Failed as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _fail(shown, exc.error.strerror or str(exc.error)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _done(step: Callable[[], object]) -> None:
    try:
        step()
    except OSError as exc:
        raise _Failed(exc) from None
