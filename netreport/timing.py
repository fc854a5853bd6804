"""Per-stage wall times, for `report --timings` and the benchmark.

A stage records only while a Stopwatch is active, so the library pays nothing otherwise."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_current: ContextVar[Stopwatch | None] = ContextVar("netreport_stopwatch", default=None)


class Stopwatch:
    """Seconds spent in each named stage, in the order the stages first ran; `on_stage`, when
    given, is told the name of each stage as it starts (the CLI's progress lines)."""

    def __init__(self, on_stage: Callable[[str], None] | None = None) -> None:
        self.seconds: dict[str, float] = {}
        self.on_stage = on_stage

    @contextmanager
    def running(self) -> Iterator[Stopwatch]:
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    watch = _current.get()
    if watch is None:
        yield
        return
    if watch.on_stage is not None:
        watch.on_stage(name)
    start = time.perf_counter()
    try:
        yield
    finally:
        watch.seconds[name] = watch.seconds.get(name, 0.0) + time.perf_counter() - start
