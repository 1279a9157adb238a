"""``ParcoursXBlock``: a learning path in an Open edX course.

The learner sees ``<parcours-path>`` (the ``bindings/js`` web component, served
as this block's static resources: nothing is fetched from anywhere else); the
author sets the curriculum in Studio. The server is the authority: it keeps the
learner record (``Scope.user_state``), appends a completion only when the
engine says the module may be taken, and publishes the grade the engine
computes from the record — never a figure the browser sends.
"""

from __future__ import annotations

import json
from html import escape

from web_fragments.fragment import Fragment
from xblock.core import XBlock
from xblock.fields import Scope, String

from . import record as records
from . import words
from .engine import EngineError, engine

#: Largest curriculum an author may save, in bytes (the bundled ones are
#: 20 to 60 kB).
MAX_CURRICULUM = 4 * 1024 * 1024


def _title(value, lang: str = "fr") -> str:
    """A label of the curriculum (``{"fr": …, "en": …}`` or text) in ``lang``."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("fr") or "")
    return str(value or "")


def _diagnostics(curriculum: str) -> tuple[bool, list]:
    """The engine's check of a curriculum, each diagnostic in both languages."""
    fr = engine().check(curriculum, "fr")
    en = engine().check(curriculum, "en")
    out = []
    for d, e in zip(fr.diagnostics, en.diagnostics):
        out.append(
            {
                "code": d.get("code"),
                "severity": d.get("severity"),
                "pointer": d.get("pointer", ""),
                "line": d.get("line"),
                "column": d.get("column"),
                "fr": {"message": d.get("message"), "hint": d.get("hint")},
                "en": {"message": e.get("message"), "hint": e.get("hint")},
            }
        )
    return fr.ok, out


class ParcoursXBlock(XBlock):
    """A learning path: the curriculum's graph, the learner's state, what to
    take next, and a grade from progress towards the completion rule."""

    display_name = String(
        display_name="Nom affiché / Display name",
        scope=Scope.settings,
        default="Parcours de formation",
    )
    curriculum = String(
        display_name="Cursus (JSON) / Curriculum (JSON)",
        help="Le cursus parcours, vérifié à l’enregistrement / the parcours curriculum, checked on save",
        scope=Scope.settings,
        default="",
    )
    audience = String(
        display_name="Public / Audience",
        help="Le public d’un apprenant qui commence (vide : le premier du cursus) / a starting learner's audience",
        scope=Scope.settings,
        default="",
    )
    lang = String(
        display_name="Langue / Language",
        scope=Scope.settings,
        default="fr",
        values=["fr", "en"],
    )
    record = String(
        help="Le dossier de l’apprenant (JSON), tel que le moteur l’a accepté / the learner record",
        scope=Scope.user_state,
        default="",
    )

    has_score = True
    icon_class = "problem"

    # -- shared ---------------------------------------------------------------

    def _curriculum(self) -> dict | None:
        """The stored curriculum, parsed, when the engine accepts it."""
        if not self.curriculum:
            return None
        try:
            doc = json.loads(self.curriculum)
        except ValueError:
            return None
        if not isinstance(doc, dict) or not engine().check(self.curriculum).ok:
            return None
        return doc

    def _stored(self, doc: dict) -> tuple[dict | None, bool]:
        """The learner's record (a fresh one when none is stored) and whether
        it reads; a stored record that does not read is kept, never replaced."""
        if not self.record:
            return records.fresh(doc, self.audience), True
        try:
            stored = json.loads(self.record)
        except ValueError:
            return None, False
        if not isinstance(stored, dict):
            return None, False
        try:
            engine().status(self.curriculum, records.text(records.at(stored, records.today())))
        except EngineError:
            return stored, False
        return stored, True

    def resource(self, path: str) -> str:
        return self.runtime.local_resource_url(self, f"public/{path}")

    # -- the learner's view -----------------------------------------------------

    def student_view(self, context=None):
        """The path, for the learner."""
        frag = Fragment()
        frag.add_css_url(self.resource("parcours.css"))
        doc = self._curriculum()
        if doc is None:
            message = words.no_curriculum() if not self.curriculum else words.broken_curriculum()
            frag.add_content(self._notice(message))
            return frag
        stored, readable = self._stored(doc)
        shown = stored if readable and stored is not None else records.fresh(doc, self.audience)
        lang = self.lang if self.lang in ("fr", "en") else "fr"
        title = _title(doc.get("title"), lang)
        alert = "" if readable else self._alert(words.unreadable_record())
        frag.add_content(
            f'<div class="parcours-xblock" lang="{lang}">'
            f'<h2 class="parcours-title">{escape(title)}</h2>'
            f'<p class="parcours-status" role="status"></p>'
            f"{alert}"
            f'<parcours-path lang="{lang}"></parcours-path>'
            "</div>"
        )
        frag.add_javascript_url(self.resource("student.js"))
        frag.initialize_js(
            "ParcoursXBlock",
            {
                "runtime": self.resource("runtime/"),
                "curriculum": doc,
                "record": records.at(shown, records.today()),
                "today": records.today(),
                "lang": lang,
                "readable": readable,
            },
        )
        return frag

    @staticmethod
    def _notice(message: dict) -> str:
        return (
            '<div class="parcours-xblock"><p class="parcours-notice">'
            f'{escape(message["fr"])}<br><span lang="en">[en] {escape(message["en"])}</span></p></div>'
        )

    @staticmethod
    def _alert(message: dict) -> str:
        return (
            '<div class="parcours-alert" role="alert">'
            f'<p>{escape(message["fr"])}</p><p lang="en">[en] {escape(message["en"])}</p></div>'
        )

    @XBlock.json_handler
    def mark_done(self, data, suffix=""):
        """The learner marked a module done: the server checks with the engine
        that the module may be taken, appends the completion (dated by the
        server), has the engine read the new record, stores it and publishes
        the grade. Whatever is refused leaves the stored record as it was."""
        module = data.get("module") if isinstance(data, dict) else None
        if not isinstance(module, str) or not module:
            return {"ok": False, "message": words.bad_request()}
        doc = self._curriculum()
        if doc is None:
            return {"ok": False, "message": words.broken_curriculum() if self.curriculum else words.no_curriculum()}
        found = next((m for m in doc.get("modules", []) if isinstance(m, dict) and m.get("id") == module), None)
        if found is None:
            return {"ok": False, "message": words.unknown_module()}
        title = _title(found.get("title"), "fr")
        stored, readable = self._stored(doc)
        if not readable or stored is None:
            return {"ok": False, "message": words.unreadable_record()}
        day = records.today()
        # The engine says whether the module may be marked done now.
        status = json.loads(engine().status(self.curriculum, records.text(records.at(stored, day))))
        state = next((m.get("state") for m in status.get("modules", []) if m.get("module") == module), None)
        if state not in records.DONE_ALLOWED:
            fr, en = words.state(state or "")
            return {"ok": False, "message": words.not_open(title, fr, en)}
        updated = records.with_completion(stored, module, day)
        text = records.text(updated)
        try:
            progress = json.loads(engine().progress(self.curriculum, text))
        except EngineError as refusal:
            return {"ok": False, "message": words.refused_record(title), "diagnostics": refusal.diagnostics}
        self.record = text
        grade = records.grade(progress)
        self.runtime.publish(self, "grade", grade)
        percent = f"{progress.get('completion', {}).get('percentage', 0):.0f}"
        return {
            "ok": True,
            "record": updated,
            "grade": grade,
            "message": words.saved(title, f"{percent} %", f"{percent}%"),
        }

    # -- the author's view ------------------------------------------------------

    def studio_view(self, context=None):
        """The curriculum and the settings, for the author."""
        frag = Fragment()
        frag.add_css_url(self.resource("parcours.css"))
        frag.add_content(
            '<div class="parcours-studio">'
            '<label>Nom affiché <span lang="en">[en] Display name</span>'
            f'<input name="display_name" type="text" value="{escape(self.display_name)}"></label>'
            '<label>Langue de la page <span lang="en">[en] Page language</span>'
            f'<select name="lang"><option value="fr"{" selected" if self.lang != "en" else ""}>français</option>'
            f'<option value="en"{" selected" if self.lang == "en" else ""}>English</option></select></label>'
            '<label>Public d’un apprenant qui commence (vide : le premier du cursus) '
            '<span lang="en">[en] Audience of a starting learner (empty: the first)</span>'
            f'<input name="audience" type="text" value="{escape(self.audience)}"></label>'
            '<label>Cursus (JSON) <span lang="en">[en] Curriculum (JSON)</span>'
            f'<textarea name="curriculum" rows="24" spellcheck="false">{escape(self.curriculum)}</textarea></label>'
            '<p class="parcours-studio-status" role="status"></p>'
            '<ol class="parcours-diagnostics"></ol>'
            '<div class="parcours-buttons"><button type="button" class="save-button">Enregistrer / Save</button>'
            '<button type="button" class="cancel-button">Annuler / Cancel</button></div>'
            "</div>"
        )
        frag.add_javascript_url(self.resource("studio.js"))
        frag.initialize_js("ParcoursStudio")
        return frag

    @XBlock.json_handler
    def save_settings(self, data, suffix=""):
        """Saves the author's settings when the engine accepts the curriculum;
        otherwise nothing is saved, and the author gets every diagnostic with
        its pointer and line:column, French first."""
        if not isinstance(data, dict) or not isinstance(data.get("curriculum"), str):
            return {"ok": False, "message": words.bad_request(), "diagnostics": []}
        curriculum = data["curriculum"]
        lang = data.get("lang", self.lang)
        audience = data.get("audience", "")
        name = data.get("display_name", self.display_name)
        if lang not in ("fr", "en") or not isinstance(audience, str) or not isinstance(name, str):
            return {"ok": False, "message": words.unknown_lang(), "diagnostics": []}
        if len(curriculum.encode("utf-8")) > MAX_CURRICULUM:
            return {
                "ok": False,
                "message": words.both(
                    f"Cursus trop grand (plus de {MAX_CURRICULUM // (1024 * 1024)} Mio) : rien n’est enregistré.",
                    f"Curriculum too large (over {MAX_CURRICULUM // (1024 * 1024)} MiB): nothing is saved.",
                ),
                "diagnostics": [],
            }
        ok, diagnostics = _diagnostics(curriculum)
        errors = sum(1 for d in diagnostics if d["severity"] == "error")
        if not ok:
            return {"ok": False, "message": words.invalid_curriculum(max(errors, 1)), "diagnostics": diagnostics}
        doc = json.loads(curriculum)
        known = [a.get("id") for a in doc.get("audiences", []) if isinstance(a, dict)]
        audience = audience.strip()
        if audience and audience not in known:
            labels = ", ".join(f"« {_title(a.get('title') or a.get('label'))} » ({a.get('id')})" for a in doc.get("audiences", []))
            return {"ok": False, "message": words.unknown_audience(audience, labels), "diagnostics": []}
        self.curriculum = curriculum
        self.lang = lang
        self.audience = audience
        self.display_name = name
        return {"ok": True, "message": words.settings_saved(len(diagnostics)), "diagnostics": diagnostics}

    @staticmethod
    def workbench_scenarios():
        """The xblock-sdk workbench's scenario: one path, its curriculum set in
        the Studio view."""
        return [("parcours", "<parcours/>")]
