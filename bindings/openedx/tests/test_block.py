"""ParcoursXBlock's views and handlers with the real engine: the author's
curriculum checked on save, the learner's record kept on the server, modules
marked done only when the engine says they may be, the grade the engine
computes, a stored record never lost."""

from __future__ import annotations

import json

from parcours_xblock import record as records
from parcours_xblock.engine import engine

from conftest import ROOT, SMALL, TODAY, block, call, cli, init_args

CURRICULUM = SMALL.read_text("utf-8")


def authored(runtime, curriculum: str = CURRICULUM, **settings) -> dict:
    return call(block(runtime), "save_settings", {"curriculum": curriculum, "lang": "fr", "audience": "professionnels", "display_name": "Parcours", **settings})


def states(curriculum: str, record: dict) -> dict:
    status = json.loads(engine().status(curriculum, records.text(records.at(record, TODAY))))
    return {m["module"]: m["state"] for m in status["modules"]}


def test_without_a_curriculum_the_learner_reads_why_in_both_languages(runtime):
    html = block(runtime).student_view().body_html()
    assert "Aucun cursus n’est encore défini" in html and "[en] No curriculum is set" in html
    assert html.index("Aucun cursus") < html.index("[en]")


def test_the_author_saves_a_valid_curriculum(runtime):
    answer = authored(runtime)
    assert answer["ok"], answer
    assert answer["message"]["fr"] == "Cursus enregistré."
    b = block(runtime)
    assert b.curriculum == CURRICULUM and b.audience == "professionnels"
    frag = b.student_view()
    args = init_args(frag)
    assert args["curriculum"]["id"] == "design-thinking-aidance"
    assert args["record"]["audience"] == "professionnels" and args["record"]["now"] == TODAY
    assert "<parcours-path" in frag.body_html()
    # The component and its engine are this block's own resources.
    assert args["runtime"] == "/resource/parcours/public/runtime/"


def test_a_bad_curriculum_is_not_saved_and_every_error_is_placed_french_first(runtime):
    authored(runtime)
    bad = (ROOT / "tests/fixtures/curricula/invalid/combo-every-problem-at-once.json").read_text("utf-8")
    answer = authored(runtime, bad, display_name="Nouveau nom")
    assert not answer["ok"]
    assert answer["message"]["fr"].startswith("Le cursus n’est pas enregistré : 4 erreurs à corriger")
    assert answer["message"]["en"].startswith("The curriculum is not saved: 4 errors to fix")
    typed = next(d for d in answer["diagnostics"] if d["code"] == "type")
    assert (typed["line"], typed["column"], typed["pointer"]) == (43, 24, "/modules/1/durationHours")
    assert typed["fr"]["message"].startswith("type incorrect")
    assert typed["en"]["message"] and typed["en"]["message"] != typed["fr"]["message"]
    # Nothing saved, not even the other fields: the previous curriculum stays.
    b = block(runtime)
    assert b.curriculum == CURRICULUM and b.display_name == "Parcours"
    # Not JSON at all: one diagnostic, placed.
    answer = authored(runtime, '{"formatVersion": 1,')
    assert not answer["ok"] and answer["diagnostics"][0]["line"] == 1
    assert block(runtime).curriculum == CURRICULUM


def test_an_audience_the_curriculum_does_not_have_is_refused_by_label(runtime):
    answer = authored(runtime, audience="infirmiers")
    assert not answer["ok"]
    assert "« Direction et encadrement » (direction)" in answer["message"]["fr"]
    assert block(runtime).curriculum == ""


def first_open(curriculum: str, record: dict) -> str:
    return next(m for m, s in states(curriculum, record).items() if s in records.DONE_ALLOWED)


def test_a_module_marked_done_is_stored_graded_by_the_engine_and_there_after_a_reload(runtime, tmp_path):
    authored(runtime)
    start = init_args(block(runtime).student_view())["record"]
    module = first_open(CURRICULUM, start)
    answer = call(block(runtime), "mark_done", {"module": module})
    assert answer["ok"], answer
    assert answer["message"]["fr"].startswith("« ") and "est noté comme fait" in answer["message"]["fr"]
    # Stored on the server, dated by the server.
    stored = json.loads(block(runtime).record)
    assert stored["completed"] == [{"module": module, "date": TODAY}]
    # The grade is the engine's progress on that record, as the CLI computes it.
    path = tmp_path / "record.json"
    path.write_text(block(runtime).record, "utf-8")
    progress = json.loads(cli("progress", "--curriculum", str(SMALL), "--learner", str(path), "--format", "json"))
    expected = round(progress["completion"]["percentage"] / 100, 4)
    assert expected > 0
    assert runtime.published == [("grade", {"value": expected, "max_value": 1.0})]
    assert answer["grade"] == {"value": expected, "max_value": 1.0}
    # A reload: the page starts from the stored record.
    assert init_args(block(runtime).student_view())["record"]["completed"] == [{"module": module, "date": TODAY}]
    # Another learner has their own record.
    other = init_args(block(runtime, "learner-2").student_view())["record"]
    assert "completed" not in other


def test_the_server_refuses_what_the_engine_does_not_allow_and_keeps_the_record(runtime):
    authored(runtime)
    start = records.fresh(json.loads(CURRICULUM), "professionnels")
    module = first_open(CURRICULUM, start)
    assert call(block(runtime), "mark_done", {"module": module})["ok"]
    kept = block(runtime).record
    # Done already, locked, unknown, malformed: refused, the record untouched.
    again = call(block(runtime), "mark_done", {"module": module})
    assert not again["ok"] and "déjà suivi" in again["message"]["fr"]
    locked = next(m for m, s in states(CURRICULUM, json.loads(kept)).items() if s == "locked")
    answer = call(block(runtime), "mark_done", {"module": locked})
    assert not answer["ok"] and "verrouillé" in answer["message"]["fr"] and "locked" in answer["message"]["en"]
    # Labels, never ids, in sentences.
    title = next(m["title"]["fr"] for m in json.loads(CURRICULUM)["modules"] if m["id"] == locked)
    assert f"« {title} »" in answer["message"]["fr"] and locked not in answer["message"]["fr"]
    assert not call(block(runtime), "mark_done", {"module": "n-existe-pas"})["ok"]
    assert not call(block(runtime), "mark_done", {"module": 7})["ok"]
    assert not call(block(runtime), "mark_done", ["x"])["ok"]
    assert block(runtime).record == kept
    assert len(runtime.published) == 1


def test_a_stored_record_that_does_not_read_is_kept_byte_for_byte(runtime):
    authored(runtime)
    b = block(runtime)
    b.record = '{"formatVersion": 1, "abîmé": true'
    b.save()
    frag = block(runtime).student_view()
    assert "Votre dossier enregistré ne se lit plus" in frag.body_html()
    assert init_args(frag)["readable"] is False
    answer = call(block(runtime), "mark_done", {"module": first_open(CURRICULUM, records.fresh(json.loads(CURRICULUM), "professionnels"))})
    assert not answer["ok"] and "conservé tel quel" in answer["message"]["fr"]
    assert block(runtime).record == '{"formatVersion": 1, "abîmé": true'
    assert runtime.published == []


def mark_until_stuck(runtime, audience: str) -> tuple[list, dict]:
    """Marks the first recommended module the page offers, again and again, as
    a learner would; the grades received and the engine's last progress."""
    authored(runtime, audience=audience)
    grades = []
    for _ in range(60):
        record = json.loads(block(runtime).record or records.text(records.fresh(json.loads(CURRICULUM), audience)))
        text = records.text(records.at(record, TODAY))
        progress = json.loads(engine().progress(CURRICULUM, text))
        open_now = states(CURRICULUM, record)
        recommended = json.loads(engine().recommend(CURRICULUM, text))["recommendations"]
        module = next((r["module"] for r in recommended if open_now[r["module"]] in records.DONE_ALLOWED), None)
        if progress["completion"]["met"] or module is None:
            return grades, progress
        answer = call(block(runtime), "mark_done", {"module": module})
        assert answer["ok"], answer
        grades.append(answer["grade"]["value"])
    raise AssertionError("60 modules marked done and still going")


def test_until_the_completion_rule_is_met_the_grade_rises_to_one(runtime):
    grades, progress = mark_until_stuck(runtime, "familles")
    assert progress["completion"]["met"]
    assert grades == sorted(grades) and grades[-1] == 1.0 and grades[0] < 1.0
    assert runtime.published == [("grade", {"value": g, "max_value": 1.0}) for g in grades]


def test_a_score_gate_keeps_the_grade_below_one_when_only_marking_done(runtime):
    # Marking done records no score: a module behind a score gate stays locked,
    # and the grade stops where the engine's progress stops.
    grades, progress = mark_until_stuck(runtime, "professionnels")
    assert not progress["completion"]["met"]
    assert grades == sorted(grades) and grades[-1] == round(progress["completion"]["percentage"] / 100, 4) < 1.0


def test_a_new_curriculum_version_keeps_the_stored_record_through_replaces(runtime):
    authored(runtime)
    module = first_open(CURRICULUM, records.fresh(json.loads(CURRICULUM), "professionnels"))
    assert call(block(runtime), "mark_done", {"module": module})["ok"]
    stored = block(runtime).record
    # Version 2: the module done is renamed everywhere, and lists its old id.
    renamed = f"{module}-v2"

    def swap(v):
        if isinstance(v, list):
            return [swap(x) for x in v]
        if isinstance(v, dict):
            return {k: swap(x) for k, x in v.items()}
        return renamed if v == module else v

    v2 = swap(json.loads(CURRICULUM))
    v2["version"] = "2026.2"
    m = next(m for m in v2["modules"] if m["id"] == renamed)
    m["replaces"] = [*m.get("replaces", []), module]
    assert authored(runtime, json.dumps(v2, ensure_ascii=False, indent=2))["ok"]
    # The record is as stored, and it reads: the renamed module is done.
    assert block(runtime).record == stored
    frag = block(runtime).student_view()
    assert init_args(frag)["readable"] is True
    assert states(json.dumps(v2), json.loads(stored))[renamed] == "completed"
    # And the learner goes on under version 2.
    nxt = first_open(json.dumps(v2), json.loads(stored))
    assert call(block(runtime), "mark_done", {"module": nxt})["ok"]
    assert [c["module"] for c in json.loads(block(runtime).record)["completed"]] == [module, nxt]


def test_what_the_browser_sends_beyond_the_module_is_never_trusted(runtime):
    authored(runtime)
    doc = json.loads(CURRICULUM)
    module = first_open(CURRICULUM, records.fresh(doc, "professionnels"))
    forged = {**records.fresh(doc, "professionnels"), "completed": [{"module": m["id"], "date": TODAY} for m in doc["modules"]]}
    answer = call(block(runtime), "mark_done", {"module": module, "record": forged, "grade": {"value": 1, "max_value": 1}, "date": "2020-01-01"})
    assert answer["ok"]
    stored = json.loads(block(runtime).record)
    assert stored["completed"] == [{"module": module, "date": TODAY}]
    assert runtime.published[0][1]["value"] < 1.0


def test_the_pages_escape_what_the_author_wrote(runtime):
    doc = json.loads(CURRICULUM)
    doc["title"]["fr"] = "Cursus <script>alert(1)</script>"
    text = json.dumps(doc, ensure_ascii=False)
    assert authored(runtime, text, display_name='"><img src=x>')["ok"]
    html = block(runtime).student_view().body_html()
    assert "<script>alert(1)</script>" not in html and "Cursus &lt;script&gt;" in html
    studio = block(runtime).studio_view().body_html()
    assert '"><img src=x>' not in studio and "&lt;/script&gt;" in studio
