"""The parcours engine on the server: ``crates/parcours-c`` built for wasm32,
run by PyPI ``wasmtime``.

Why WebAssembly on the server: it is the same engine as the browser's (the same
``parcours_wasm::api`` functions), so the grade the server publishes is the one
the learner's page shows, and its JSON is the command line's, byte for byte;
and the module imports nothing, so it cannot reach the file system or the
network.

Each call instantiates the module afresh (its compiled code is shared): no
state survives a call, a call that traps cannot poison the next, and memory
never grows across calls.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import wasmtime

#: Where the built module sits in the package (``bindings/openedx/build.sh``
#: copies it there); ``PARCOURS_WASM`` names another file.
WASM = Path(__file__).parent / "engine" / "parcours_c.wasm"

#: The largest document the server hands to the engine, in bytes: a curriculum
#: or a learner record is tens of kilobytes; this bounds memory, not features.
MAX_INPUT = 8 * 1024 * 1024

RESULT, REFUSED, MISUSE = ord("0"), ord("1"), ord("2")


class EngineError(Exception):
    """A call gave no result: ``message`` says why (French, then English where
    the engine gives both), ``diagnostics`` list each problem with its place
    (pointer, line, column, message, hint), ``misuse`` marks a caller's mistake
    (an unknown language, an option of the wrong type) rather than a document
    that does not read."""

    def __init__(self, message: str, diagnostics: list | None = None, misuse: bool = False):
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics or []
        self.misuse = misuse


@dataclass
class Checked:
    """A curriculum checked by the engine: ``ok`` when it has no error (it may
    have warnings); every diagnostic with its pointer, line and column."""

    ok: bool
    diagnostics: list = field(default_factory=list)


class Engine:
    """The engine, compiled once per process, instantiated per call."""

    def __init__(self, wasm: Path | str | None = None):
        path = Path(wasm or os.environ.get("PARCOURS_WASM") or WASM)
        if not path.is_file():
            raise EngineError(
                f"moteur introuvable : {path} ; construisez-le avec bash bindings/openedx/build.sh"
                f" / engine not found: {path}; build it with bash bindings/openedx/build.sh"
            )
        self._engine = wasmtime.Engine()
        self._module = wasmtime.Module.from_file(self._engine, str(path))

    def _call(self, name: str, *texts: str) -> str:
        for text in texts:
            if len(text.encode("utf-8")) > MAX_INPUT:
                raise EngineError(
                    f"document trop grand (plus de {MAX_INPUT // (1024 * 1024)} Mio)"
                    f" / document too large (over {MAX_INPUT // (1024 * 1024)} MiB)",
                    misuse=True,
                )
        store = wasmtime.Store(self._engine)
        try:
            instance = wasmtime.Instance(store, self._module, [])
            exports = instance.exports(store)
            memory = exports["memory"]
            alloc, dealloc = exports["parcours_alloc"], exports["parcours_dealloc"]
            args = []
            for text in texts:
                data = text.encode("utf-8")
                if not data:
                    args += [0, 0]
                    continue
                ptr = alloc(store, len(data))
                if ptr == 0:
                    raise EngineError("mémoire épuisée / out of memory")
                memory.write(store, data, ptr)
                args += [ptr, len(data)]
            packed = exports[name](store, *args) & 0xFFFF_FFFF_FFFF_FFFF
        except wasmtime.Trap as trap:
            raise EngineError(
                f"le moteur s'est arrêté sur une erreur interne, à signaler"
                f" / the engine stopped on an internal error, to report ({trap.message})"
            ) from trap
        ptr, length = packed >> 32, packed & 0xFFFF_FFFF
        if ptr == 0 or length == 0:
            raise EngineError("mémoire épuisée / out of memory")
        answer = bytes(memory.read(store, ptr, ptr + length))
        # The store goes with this call; freeing keeps the protocol honest.
        dealloc(store, ptr, length)
        tag, text = answer[0], answer[1:].decode("utf-8")
        if tag == RESULT:
            return text
        if tag == REFUSED:
            refusal = json.loads(text)
            raise EngineError(refusal["message"], refusal["diagnostics"])
        raise EngineError(text, misuse=True)

    def check(self, curriculum: str, lang: str = "fr") -> Checked:
        """Checks a curriculum; its problems are a result, not an error."""
        out = json.loads(self._call("parcours_load", curriculum, lang))
        return Checked(out["ok"], out["diagnostics"])

    def status(self, curriculum: str, record: str, lang: str = "fr") -> str:
        """``parcours status --format json``, the same bytes."""
        return self._call("parcours_status", curriculum, record, lang)

    def progress(self, curriculum: str, record: str, lang: str = "fr", options: str = "") -> str:
        """``parcours progress --format json``, the same bytes."""
        return self._call("parcours_progress", curriculum, record, options, lang)

    def recommend(self, curriculum: str, record: str, lang: str = "fr", options: str = "") -> str:
        """``parcours recommend --format json``, the same bytes."""
        return self._call("parcours_recommend", curriculum, record, options, lang)


_shared: Engine | None = None
_lock = threading.Lock()


def engine() -> Engine:
    """The process's engine, compiled on first use (under a second)."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Engine()
        return _shared
