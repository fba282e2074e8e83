"""Names, streets and dates as deduce tags them, behind the NameTagger protocol the scan reads.

deduce takes seconds to load its lookup tables. The loaded model is an object (`DeduceModel`)
owned by a tagger; taggers that should share one loaded deduce are given the same model.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any, Protocol

Annotations = list[tuple[str, int, int]]
"""deduce's annotations of one text: (tag, start, end)."""


class NameTagger(Protocol):
    """What the scan needs of a tagger: annotations per text, a batch to prefetch, and its start-up time."""

    @property
    def load_seconds(self) -> float:
        """The tagger's one-time start-up during this run (seconds; 0 when it needed none)."""

    def __call__(self, text: str) -> Annotations:
        """The annotations of one text."""

    def annotate_all(self, texts: Iterable[str]) -> None:
        """Prepare the annotations of many texts at once (the scan calls this before it starts)."""


def content_key(text: str) -> str:
    """The hash a cache keeps instead of the text."""
    return hashlib.sha256(text.encode()).hexdigest()


def _without_collections(make: Callable[[], Any]) -> Any:
    """`make()` with the cyclic garbage collector paused.

    deduce unpickles its lookup structures (77 MB, millions of objects); every few thousand new objects the
    collector would walk all of them again. Paused: 1.7 s instead of 7.4 s on a quiet machine. Nothing
    cyclic is left to collect: the objects stay, and are frozen right after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return make()
    finally:
        if was_enabled:
            gc.enable()


class DeduceModel:
    """deduce, loaded once on first use; safe to load from a background thread (`kennisbank serve`)."""

    def __init__(self) -> None:
        self._deduce: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._deduce is not None

    def load(self) -> Any:
        with self._lock:
            if self._deduce is None:
                import logging

                from deduce import Deduce

                logging.getLogger().setLevel(logging.WARNING)
                self._deduce = _without_collections(Deduce)
                # deduce leaves some 4.5 million objects that the cyclic garbage collector would walk on
                # every full collection (3-4 s each); frozen, they are skipped, also in forked workers.
                gc.freeze()
        return self._deduce

    def annotate(self, text: str) -> Annotations:
        result = self.load().deidentify(text)
        return sorted((a.tag, int(a.start_char), int(a.end_char)) for a in result.annotations)  # numpy ints: not JSON


class DeduceTagger:
    """deduce's annotations per text, cached by content hash.

    deduce is only loaded when a text is not in the cache. The cache holds hashes and
    offsets, never text.

    `annotate_all` fills the cache for many texts at once. With enough new texts
    (a first build, a fresh CI runner) it spreads them over forked worker
    processes that share the loaded deduce; every text is still annotated on its
    own, so the result is the same as one text at a time.
    """

    parallel_minimum = 2000
    """Fewer new texts (about 150 casussen) are annotated in this process: for a normal build,
    forking costs more than it saves."""

    def __init__(self, cache: dict[str, Annotations] | None = None, processes: int | None = None,
                 model: DeduceModel | None = None):
        self.cache: dict[str, Annotations] = dict(cache or {})
        self.processes = processes
        self.model = model if model is not None else DeduceModel()
        self.loaded = False
        self.load_seconds = 0.0
        """deduce's start-up, when this tagger needed it (seconds; a one-time cost per model)."""

    def __call__(self, text: str) -> Annotations:
        key = content_key(text)
        if key not in self.cache:
            self._load()
            self.cache[key] = self.model.annotate(text)
        return self.cache[key]

    def annotate_all(self, texts: Iterable[str]) -> None:
        """Fill the cache for all texts at once."""
        missing: dict[str, str] = {}
        for text in texts:
            key = content_key(text)
            if key not in self.cache:
                missing.setdefault(key, text)
        if not missing:
            return
        self._load()
        workers = self._workers(len(missing))
        if workers > 1:
            results = self._annotate_in_workers(list(missing.values()), workers)
        else:
            results = [self.model.annotate(text) for text in missing.values()]
        self.cache.update(zip(missing, results, strict=True))

    def _annotate_in_workers(self, texts: list[str], workers: int) -> list[Annotations]:
        """Forked workers share the loaded model without pickling it; each annotates every n-th text."""
        context = multiprocessing.get_context("fork")
        running = []
        for index in range(workers):
            reader, writer = context.Pipe(duplex=False)
            process = context.Process(target=self._annotate_share, args=(texts[index::workers], writer))
            process.start()
            writer.close()
            running.append((process, reader))
        shares = []
        for process, reader in running:
            try:
                shares.append(reader.recv())
            except EOFError:
                raise RuntimeError("een deduce-werkproces stopte zonder resultaat") from None
            finally:
                reader.close()
                process.join()
        results: list[Annotations] = [[] for _ in texts]
        for index, share in enumerate(shares):
            results[index::workers] = share
        return results

    def _annotate_share(self, texts: list[str], writer: Connection) -> None:
        """Runs in a forked worker: the model was loaded by the parent before the fork."""
        writer.send([self.model.annotate(text) for text in texts])
        writer.close()

    def _workers(self, texts: int) -> int:
        if self.processes is not None:
            wanted = self.processes
        elif texts < self.parallel_minimum:
            return 1
        else:
            wanted = min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        # fork shares the loaded tables without pickling them. Only Linux forks safely, and only a
        # process without other threads (`kennisbank serve` has a watcher thread: it stays sequential).
        single_threaded = threading.active_count() == 1
        return wanted if sys.platform == "linux" and single_threaded and wanted > 1 else 1

    def _load(self) -> None:
        if not self.loaded:
            start = time.perf_counter()
            self.model.load()
            self.loaded = True
            self.load_seconds = time.perf_counter() - start
