"""The engine on the server (crates/parcours-c in wasmtime): the same bytes as
the command line for every bundled profile, refusals with their places, misuse
in words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parcours_xblock.engine import Engine, EngineError, engine

from conftest import CURRICULA, ROOT, SMALL, cli


def profiles():
    for curriculum in sorted(CURRICULA.glob("*/curriculum.json")):
        for learner in sorted((curriculum.parent / "learners").glob("*.json")):
            yield curriculum, learner


PROFILES = list(profiles())


def test_there_are_profiles_to_compare():
    assert len(PROFILES) >= 8, PROFILES


@pytest.mark.parametrize("curriculum,learner", PROFILES, ids=[f"{c.parent.name}/{l.stem}" for c, l in PROFILES])
def test_status_progress_recommend_are_the_command_lines_bytes(curriculum: Path, learner: Path):
    c, l = curriculum.read_text("utf-8"), learner.read_text("utf-8")
    args = ["--curriculum", str(curriculum.relative_to(ROOT)), "--learner", str(learner.relative_to(ROOT)), "--format", "json"]
    assert engine().status(c, l).encode("utf-8") == cli("status", *args)
    assert engine().progress(c, l).encode("utf-8") == cli("progress", *args)
    assert engine().recommend(c, l).encode("utf-8") == cli("recommend", *args)


def test_english_is_the_command_lines_too():
    learner = SMALL.parent / "learners" / "aide-soignante-debutante.json"
    args = ["--curriculum", str(SMALL.relative_to(ROOT)), "--learner", str(learner.relative_to(ROOT)), "--format", "json", "--lang", "en"]
    out = engine().progress(SMALL.read_text("utf-8"), learner.read_text("utf-8"), "en")
    assert out.encode("utf-8") == cli("progress", *args)


def test_a_curriculum_with_errors_gives_every_problem_with_its_place():
    bad = ROOT / "tests/fixtures/curricula/invalid/combo-every-problem-at-once.json"
    checked = engine().check(bad.read_text("utf-8"))
    assert not checked.ok
    codes = [d["code"] for d in checked.diagnostics]
    assert {"type", "cycle", "unknown-audience", "level-out-of-scale"} <= set(codes), codes
    for d in checked.diagnostics:
        assert d["line"] >= 1 and d["column"] >= 1 and d["pointer"].startswith("/"), d
    typed = next(d for d in checked.diagnostics if d["code"] == "type")
    assert typed["pointer"] == "/modules/1/durationHours" and (typed["line"], typed["column"]) == (43, 24)
    assert engine().check(SMALL.read_text("utf-8")).ok


def test_a_record_that_does_not_read_is_refused_without_showing_its_values():
    c = SMALL.read_text("utf-8")
    record = {"formatVersion": 1, "id": "x", "audience": "Mme Dupont", "curriculum": {"id": "design-thinking-aidance", "version": "2026.1"}, "now": "2026-12-01"}
    with pytest.raises(EngineError) as refused:
        engine().progress(c, json.dumps(record))
    assert refused.value.diagnostics and not refused.value.misuse
    assert "Mme Dupont" not in refused.value.message
    assert "Mme Dupont" not in json.dumps(refused.value.diagnostics)
    assert refused.value.message.startswith("dossier de l'apprenant refusé")


def test_a_curriculum_that_does_not_load_refuses_the_call():
    with pytest.raises(EngineError) as refused:
        engine().status("{", "{}")
    assert refused.value.message.startswith("cursus refusé") and refused.value.diagnostics


def test_misuse_is_said_in_both_languages():
    c = SMALL.read_text("utf-8")
    with pytest.raises(EngineError) as misuse:
        engine().status(c, "{}", "de")
    assert misuse.value.misuse
    assert misuse.value.message == 'langue inconnue : écrivez "fr" ou "en" / unknown language: write "fr" or "en"'
    with pytest.raises(EngineError) as misuse:
        engine().recommend(c, (SMALL.parent / "learners" / "aide-soignante-debutante.json").read_text("utf-8"), "fr", '{"top": 0}')
    assert misuse.value.misuse and "top" in misuse.value.message


def test_hostile_text_gives_an_answer_never_a_crash():
    c = SMALL.read_text("utf-8")
    for hostile in ["", "\x00", "[" * 10000, "{\"formatVersion\": 1e999}", "é" * 1000, "\ud7ff"]:
        try:
            engine().progress(c, hostile)
        except EngineError as e:
            assert e.message and not e.message.startswith("le moteur s'est arrêté"), e.message
        assert engine().check(hostile).ok is False


def test_a_missing_module_file_is_said_with_the_fix(tmp_path):
    with pytest.raises(EngineError) as missing:
        Engine(tmp_path / "absent.wasm")
    assert "bindings/openedx/build.sh" in missing.value.message
