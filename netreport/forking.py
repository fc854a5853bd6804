"""Work shared with a forked child process, so that a large report uses both cores of a
two-core machine where its Python work cannot share one interpreter (the GIL).

A forked child sees this process's memory as it is (the checked tables, the plan), so nothing
is copied or pickled on the way in; only what it gives back is pickled. Where fork is not safe
(macOS once system frameworks are loaded; Windows has none), or when the child fails for any
reason, this process does the work itself and the result is the same.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Whether work can be given to a forked child here: Linux's fork."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def split_map(
    work: Callable[[Sequence[T]], list[R]], items: Sequence[T], *, at_least: int
) -> list[R]:
    """`work(items)`, the second half done by a forked child at the same time when there are
    `at_least` items or more: `work` of the first half, then of the second, concatenated.
    `work` must depend on its items alone, and give picklable results."""
    half = len(items) // 2
    if len(items) < at_least or not can_fork():
        return work(items)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its half, pickled into the pipe; none of the parent's code after
        code = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(work(items[half:]), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        except BaseException:  # the parent does this half itself
            pass
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        first = work(items[:half])
    except BaseException:
        os.close(read_end)
        stop(pid)
        raise
    with os.fdopen(read_end, "rb") as pipe:
        given = pipe.read()  # the child writes until it is done: read before waiting for it
    _, status = os.waitpid(pid, 0)
    second: list[R] | None = None
    if os.waitstatus_to_exitcode(status) == 0:
        try:
            second = pickle.loads(given)
        except Exception:  # a child cut short: the half is done here instead
            second = None
    return first + (second if second is not None else work(items[half:]))


def stop(pid: int) -> None:
    """Stop a child still at work, and reap it."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
