"""What the tests share: the repository's curricula, the command line (the
reference bytes), and a toy runtime that keeps fields in memory and records
what the block publishes."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import webob
from xblock.fields import ScopeIds
from xblock.runtime import DictKeyValueStore, KvsFieldData
from xblock.test.toy_runtime import ToyRuntime

from parcours_xblock import ParcoursXBlock
from parcours_xblock import record as records

ROOT = Path(__file__).resolve().parents[3]
CURRICULA = ROOT / "curricula"
SMALL = CURRICULA / "design-thinking-aidance" / "curriculum.json"
TODAY = "2026-12-01"


def cli_path() -> Path:
    """The command line whose bytes the engine must give (``PARCOURS``, else
    the release build); the tests that compare need it built."""
    path = Path(os.environ.get("PARCOURS") or ROOT / "target" / "release" / "parcours")
    if not path.is_absolute():
        path = ROOT / path
    assert path.is_file(), f"{path} is missing: cargo build --release -p parcours-cli (or set PARCOURS)"
    return path


def cli(*args: str) -> bytes:
    return subprocess.run([str(cli_path()), *args], cwd=ROOT, capture_output=True, check=True).stdout


class Runtime(ToyRuntime):
    """A runtime of its own (fields in a fresh dict, not ToyRuntime's global
    one) that records every published event."""

    def __init__(self, user_id="learner-1"):
        super().__init__(user_id)
        self.kvs = DictKeyValueStore()
        self._services["field-data"] = KvsFieldData(self.kvs)
        self.published = []

    def publish(self, block, event_type, event_data):
        self.published.append((event_type, event_data))

    def local_resource_url(self, block, uri):
        return f"/resource/{block.scope_ids.block_type}/{uri}"


@pytest.fixture
def runtime():
    return Runtime()


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    """The server's day, fixed: records and grades do not depend on the date
    the tests run."""
    monkeypatch.setattr(records, "today", lambda: TODAY)


def block(runtime: Runtime, user: str = "learner-1") -> ParcoursXBlock:
    """The block as the platform builds it for ``user`` (a fresh object, so a
    second call reads what the first stored: a page reload)."""
    ids = ScopeIds(user, "parcours", "def-1", "usage-1")
    return runtime.construct_xblock_from_class(ParcoursXBlock, ids)


def call(b: ParcoursXBlock, handler: str, body) -> dict:
    """Calls a JSON handler the way the platform does (``runtime.handle``, which
    saves the fields afterwards)."""
    request = webob.Request.blank("/", method="POST", body=json.dumps(body).encode("utf-8"))
    response = b.runtime.handle(b, handler, request)
    return json.loads(response.body)


def init_args(fragment) -> dict:
    """The arguments the student view hands to its JavaScript."""
    return fragment.json_init_args
