"""What the block says, French first, then English (« fr » then [en]): labels,
never ids, in sentences. One function per message, so that both languages take
the same arguments."""

from __future__ import annotations


def both(fr: str, en: str) -> dict:
    """A message in both languages; pages show ``fr`` and then ``en``."""
    return {"fr": fr, "en": en}


def no_curriculum() -> dict:
    return both(
        "Aucun cursus n’est encore défini pour ce parcours : l’auteur le choisit dans Studio (« Modifier »).",
        "No curriculum is set for this path yet: the author sets it in Studio (\"Edit\").",
    )


def broken_curriculum() -> dict:
    return both(
        "Le cursus enregistré ne se lit pas : l’auteur doit le corriger dans Studio. Vos données sont conservées.",
        "The stored curriculum does not read: the author must fix it in Studio. Your data is kept.",
    )


def unreadable_record() -> dict:
    return both(
        "Votre dossier enregistré ne se lit plus avec ce cursus : il est conservé tel quel, et rien ne sera écrit par-dessus. Prévenez votre formateur.",
        "Your stored record no longer reads with this curriculum: it is kept as it is, and nothing will be written over it. Tell your trainer.",
    )


def unknown_module() -> dict:
    return both(
        "Ce module n’existe pas dans le cursus : rechargez la page.",
        "This module does not exist in the curriculum: reload the page.",
    )


def not_open(title: str, state_fr: str, state_en: str) -> dict:
    return both(
        f"« {title} » ne peut pas être marqué comme fait : il est {state_fr}.",
        f"\"{title}\" cannot be marked as done: it is {state_en}.",
    )


def refused_record(title: str) -> dict:
    return both(
        f"« {title} » n’a pas été enregistré : le dossier qui en résulterait ne se lit pas. Votre dossier enregistré est conservé.",
        f"\"{title}\" was not saved: the resulting record does not read. Your stored record is kept.",
    )


def saved(title: str, percent: str, percent_en: str) -> dict:
    return both(
        f"« {title} » est noté comme fait ; votre progression ({percent}) est enregistrée.",
        f"\"{title}\" is recorded as done; your progress ({percent_en}) is saved.",
    )


def bad_request() -> dict:
    return both(
        "Demande incomplète : un objet JSON {\"module\": …} est attendu.",
        "Incomplete request: a JSON object {\"module\": …} is expected.",
    )


def count(n: int, one: str, many: str) -> str:
    """A count and its noun, agreed the French way (singular for 0 and 1), so no
    text needs « erreur(s) »."""
    return f"{n} {one if n < 2 else many}"


def invalid_curriculum(errors: int) -> dict:
    return both(
        f"Le cursus n’est pas enregistré : {count(errors, 'erreur', 'erreurs')} à corriger, "
        f"{'détaillée' if errors < 2 else 'détaillées'} ci-dessous. Le cursus précédent est conservé.",
        f"The curriculum is not saved: {errors} {'error' if errors == 1 else 'errors'} to fix, listed below. "
        "The previous curriculum is kept.",
    )


def unknown_audience(audience: str, known: str) -> dict:
    return both(
        f"Le public « {audience} » n’existe pas dans ce cursus ; publics possibles : {known}. Rien n’est enregistré.",
        f"The audience \"{audience}\" does not exist in this curriculum; possible audiences: {known}. Nothing is saved.",
    )


def unknown_lang() -> dict:
    return both(
        "Langue inconnue : choisissez « fr » ou « en ». Rien n’est enregistré.",
        "Unknown language: choose \"fr\" or \"en\". Nothing is saved.",
    )


def settings_saved(warnings: int) -> dict:
    if warnings:
        return both(
            f"Cursus enregistré, avec {warnings} avertissement(s) ci-dessous.",
            f"Curriculum saved, with {warnings} warning(s) below.",
        )
    return both("Cursus enregistré.", "Curriculum saved.")


#: Module states in words (the engine's `state`), as `<parcours-path>` names them.
STATES = {
    "completed": ("déjà suivi", "already completed"),
    "notForAudience": ("hors de votre public", "not for your audience"),
    "locked": ("verrouillé", "locked"),
}


def state(code: str) -> tuple[str, str]:
    return STATES.get(code, ("indisponible", "unavailable"))
