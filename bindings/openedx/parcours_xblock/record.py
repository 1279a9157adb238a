"""The learner record the block keeps, and what the server does to it.

The record is stored as text (``Scope.user_state``), exactly as the engine last
accepted it: the server never re-serialises what it holds, so a record that no
longer reads (a curriculum changed without ``replaces``) is kept byte for byte
until someone fixes the curriculum. Only the server appends to it (a completion
dated by the server's clock); the browser only asks, and the engine decides
whether the module may be marked done.
"""

from __future__ import annotations

import datetime
import json

#: The states in which the learner may mark a module done: what
#: ``<parcours-path>`` offers its « Marquer comme fait » button for.
DONE_ALLOWED = {"available", "availableWithWarnings", "expired", "masteredByPositioning"}


def today() -> str:
    """The server's day, ``AAAA-MM-JJ``: the engine reads no clock, the
    record's ``now`` is this."""
    return datetime.date.today().isoformat()


def text(record: dict) -> str:
    """A record as stored: compact JSON, keys in the order they came, UTF-8."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def fresh(curriculum: dict, audience: str = "") -> dict:
    """The record of a learner who starts: the author's audience, else the
    curriculum's first; the completion of the curriculum as goal. It holds no
    name: the platform knows who the learner is."""
    audiences = [a.get("id") for a in curriculum.get("audiences", []) if isinstance(a, dict)]
    return {
        "formatVersion": 1,
        "id": "apprenant",
        "audience": audience or (audiences[0] if audiences else ""),
        "curriculum": {"id": curriculum.get("id", ""), "version": curriculum.get("version", "")},
        "evidence": [],
        "goals": {"complete": True},
    }


def at(record: dict, day: str) -> dict:
    """The record on ``day`` (its ``now``), a copy."""
    return {**record, "now": day}


def with_completion(record: dict, module: str, day: str) -> dict:
    """The record with ``module`` completed on ``day``, a copy."""
    completed = list(record.get("completed") or [])
    completed.append({"module": module, "date": day})
    return {**record, "completed": completed, "now": day}


def grade(progress: dict) -> dict:
    """The grade the platform receives: the engine's progress towards the
    completion rule (``completion.percentage``), as a fraction of 1; 1 only when
    the rule is met."""
    completion = progress.get("completion") or {}
    if completion.get("met"):
        value = 1.0
    else:
        value = min(max(float(completion.get("percentage") or 0.0) / 100.0, 0.0), 1.0)
    return {"value": round(value, 4), "max_value": 1.0}
