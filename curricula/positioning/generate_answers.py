#!/usr/bin/env python3
"""Generates the synthetic answers of a fictional establishment, two waves.

    python3 curricula/positioning/generate_answers.py

writes `etablissement-2026.csv` and `etablissement-2027.csv` beside this script, the
way a French spreadsheet exports a form: UTF-8 with a byte-order mark, `;`, CRLF,
answers as labels. Everything is made up (seeded, so the files are reproducible):
no real person, the e-mails are @example.org, the ids are pseudonyms.

The answers are drawn so that the analysis has something to find:
- strengths (high and consensual): si-3, rp-2, ct-1;
- priorities (low and consensual): si-4, ad-2, lp-2;
- colleges apart: ad-1, ad-3, rp-3, ct-4 (staff and management agree, persons
  supported or families do not); dispersed answers: si-1;
- many "Ne sait pas" among persons supported and families: lp-3, lp-4, ct-3.
40 respondents: direction 4 (under the anonymity threshold of 5, to be hidden),
familles 3 (merged into personnes accompagnées), professionnels 20, personnes
accompagnées 13. The 2027 wave keeps the sizes, renews ten respondents, and moves:
ad-2 and lp-2 up (FALC documents and pathway coordinators were put in place),
ad-1 and rp-3 closer between colleges, ct-4 up for families; si-4 stays low.

The items about the person answering (`subject: person`, theme « Ma pratique »,
mp-1 to mp-4) are for staff: direction and professionnels answer them, the other
colleges leave them blank. They are drawn from a second seeded stream, after every
other column, so that adding them changed no other answer.
"""

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

PROFILES = {
    "high": [0.02, 0.06, 0.37, 0.55],
    "mid_high": [0.05, 0.20, 0.50, 0.25],
    "mid": [0.15, 0.35, 0.35, 0.15],
    "mid_low": [0.25, 0.50, 0.20, 0.05],
    "low": [0.45, 0.42, 0.10, 0.03],
    "split": [0.38, 0.12, 0.12, 0.38],
}

COLLEGES = ["direction", "professionnels", "personnes-accompagnees", "familles"]

# item -> (default profile, {college: profile}, {college: probability of "Ne sait pas"})
WAVE_2026 = {
    "si-1": ("split", {}, {}),
    "si-2": ("mid", {}, {"personnes-accompagnees": 0.1}),
    "si-3": ("high", {}, {}),
    "si-4": ("low", {}, {}),
    "ad-1": ("high", {"personnes-accompagnees": "low", "familles": "mid_low"}, {}),
    "ad-2": ("low", {}, {}),
    "ad-3": ("mid", {"direction": "high", "personnes-accompagnees": "low", "familles": "mid_low"}, {}),
    "ad-4": ("mid_low", {}, {"personnes-accompagnees": 0.25, "familles": 0.3}),
    "rp-1": ("mid_high", {}, {}),
    "rp-2": ("high", {}, {}),
    "rp-3": ("mid", {"direction": "high", "professionnels": "low"}, {"familles": 0.3}),
    "rp-4": ("mid_high", {}, {}),
    "lp-1": ("mid", {}, {}),
    "lp-2": ("low", {}, {}),
    "lp-3": ("mid", {}, {"personnes-accompagnees": 0.3, "familles": 0.35}),
    "lp-4": ("mid_low", {}, {"personnes-accompagnees": 0.3, "familles": 0.35}),
    "ct-1": ("high", {"personnes-accompagnees": "mid_high"}, {}),
    "ct-2": ("mid_high", {}, {"personnes-accompagnees": 0.15}),
    "ct-3": ("mid_low", {}, {"personnes-accompagnees": 0.6, "familles": 0.6}),
    "ct-4": ("high", {"familles": "low", "personnes-accompagnees": "mid"}, {}),
}

WAVE_2027 = dict(WAVE_2026)
WAVE_2027.update({
    "ad-1": ("high", {"personnes-accompagnees": "mid_high", "familles": "mid"}, {}),
    "ad-2": ("mid_high", {}, {}),
    "lp-2": ("mid_high", {}, {}),
    "rp-3": ("mid_high", {"direction": "high"}, {"familles": 0.3}),
    "ct-4": ("high", {"familles": "mid", "personnes-accompagnees": "mid_high"}, {}),
})

# Items about the person: who answers them, and how (same profiles, per wave).
STAFF = {"direction", "professionnels"}
PERSON_2026 = {"mp-1": "mid_high", "mp-2": "mid", "mp-3": "mid_low", "mp-4": "low"}
PERSON_2027 = {"mp-1": "high", "mp-2": "mid_high", "mp-3": "mid", "mp-4": "mid_low"}

SIZES = {"direction": 4, "professionnels": 20, "personnes-accompagnees": 13, "familles": 3}

# What respondents type or pick in the college question (labels and aliases).
COLLEGE_VALUES = {
    "direction": ["Direction", "Direction", "Équipe de direction"],
    "professionnels": ["Professionnels", "Professionnels", "Professionnelle", "Professionnel"],
    "personnes-accompagnees": ["Personnes accompagnées", "Personne accompagnée"],
    "familles": ["Familles et proches", "Famille"],
}

TEAMS = ["Foyer Les Tilleuls", "SAVS Les Coteaux", "Accueil de jour La Passerelle"]

BLANK = 0.03


def population(rng, previous=None):
    """Respondents as (pseudonym, college, team); the 2027 wave keeps 30 of 2026."""
    if previous is None:
        people = []
        n = 1
        for college in COLLEGES:
            for _ in range(SIZES[college]):
                team = "" if college == "direction" else rng.choice(TEAMS)
                people.append((f"P{n:03d}", college, team))
                n += 1
        return people
    stay = set(rng.sample(range(len(previous)), 30))
    people = []
    n = len(previous) + 1
    for i, (pid, college, team) in enumerate(previous):
        if i in stay:
            people.append((pid, college, team))
        else:
            new_team = "" if college == "direction" else rng.choice(TEAMS)
            people.append((f"P{n:03d}", college, new_team))
            n += 1
    return people


def answer(rng, labels, dont_know, profile, nsp):
    if rng.random() < BLANK:
        return ""
    if rng.random() < nsp:
        return dont_know
    value = rng.choices([1, 2, 3, 4], weights=PROFILES[profile])[0]
    label = labels[value]
    # Some respondents' tools write a straight apostrophe instead of the curly one.
    if rng.random() < 0.3:
        label = label.replace("\u2019", "'")
    return label


def cell(text):
    if any(c in text for c in ';"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write(path, items, labels, dont_know, people, plan, rng, year, month, person_items, person_plan):
    header = ["Horodateur", "Adresse e-mail", "Identifiant", "Collège", "Équipe"]
    header += [item["text"]["fr"] for item in items]
    header += [item["text"]["fr"] for item in person_items]
    # A stream of its own, so that the other columns stay as they were.
    person_rng = random.Random(year * 17)
    rows = []
    order = list(range(len(people)))
    rng.shuffle(order)
    minute = 0
    for k, i in enumerate(order):
        pid, college, team = people[i]
        minute += rng.randint(3, 240)
        day, rest = divmod(minute, 24 * 60)
        hour, mins = divmod(rest, 60)
        stamp = f"{2 + day:02d}/{month:02d}/{year} {8 + hour % 10:02d}:{mins:02d}:{rng.randint(0, 59):02d}"
        email = "" if (college == "personnes-accompagnees" and rng.random() < 0.5) else f"repondant.{pid.lower()}@example.org"
        row = [stamp, email, pid, rng.choice(COLLEGE_VALUES[college]), team]
        for item in items:
            default, overrides, nsp = plan[item["id"]]
            profile = overrides.get(college, default)
            row.append(answer(rng, labels, dont_know, profile, nsp.get(college, 0.02)))
        for item in person_items:
            if college in STAFF:
                row.append(answer(person_rng, labels, dont_know, person_plan[item["id"]], 0.02))
            else:
                row.append("")
        rows.append(row)
    text = "\r\n".join(";".join(cell(c) for c in r) for r in [header] + rows) + "\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def main():
    instrument = json.loads((HERE / "instrument.json").read_text(encoding="utf-8"))
    items = [i for i in instrument["items"] if i.get("subject", "establishment") == "establishment"]
    person_items = [i for i in instrument["items"] if i.get("subject") == "person"]
    labels = {p["value"]: p["label"]["fr"] for p in instrument["scale"]["points"]}
    dont_know = instrument["scale"]["dontKnow"]["label"]["fr"]
    rng = random.Random(2026)
    first = population(rng)
    write(HERE / "etablissement-2026.csv", items, labels, dont_know, first, WAVE_2026, rng, 2026, 3,
          person_items, PERSON_2026)
    second = population(rng, first)
    write(HERE / "etablissement-2027.csv", items, labels, dont_know, second, WAVE_2027, rng, 2027, 3,
          person_items, PERSON_2027)


if __name__ == "__main__":
    main()
