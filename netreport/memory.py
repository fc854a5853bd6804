"""Memory housekeeping for the large stages: read, validate, categorize, analyze.

Two things Python and the C library do by default cost a large workbook dearly:

- The cyclic garbage collector. Reading a sheet makes a list per row and analysis a dict per
  outreach item; each batch of new containers sets off a collection, and every so often a full
  one that walks every object made so far. At 100,000 contacts that is a fifth of the run, and
  it frees nothing: these objects hold no reference cycles, so reference counting frees them.
  `paused_gc` turns it off for a stage.
- glibc's malloc keeps memory that was freed (calamine's copy of a sheet, a stage's temporary
  columns) for reuse instead of handing it back: at a million rows, several hundred megabytes
  that the report writer then cannot have. `release_free_memory` hands it back.
"""

from __future__ import annotations

import ctypes
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

_lock = threading.Lock()
_paused = 0  # stages running with the collector paused
_resume = False  # whether to turn it back on when the last of them ends


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off. The collector's switch is one for
    the whole process, so paused blocks are counted: they nest and may run on several threads,
    and the collector runs again once the last ends, unless it was off before the first."""
    global _paused, _resume
    with _lock:
        if _paused == 0:
            _resume = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _resume:
                gc.enable()


def release_free_memory() -> None:
    """Hand memory that has been freed back to the operating system (glibc only; elsewhere
    this does nothing)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, looked up once; None where the C library has none."""
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library this process already runs on
    except (OSError, AttributeError, TypeError):  # not glibc: musl, macOS, Windows
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim
