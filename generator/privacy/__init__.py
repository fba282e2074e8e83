"""Stage 3, check privacy: scan.py holds the stage; files.py, reader.py, recall.py and sources.py its helpers."""

from __future__ import annotations

from .scan import *  # noqa: F403 - the names callers used when this was one module
from .scan import _PLACE_PHRASES as _PLACE_PHRASES
from .scan import _WORD as _WORD
from .scan import _item_scans as _item_scans
from .scan import _key as _key
from .scan import _load_deduce as _load_deduce
from .scan import _private_patterns as _private_patterns
