#!/usr/bin/env python3
"""Adds the repository's fixtures to the fuzz corpora (fuzz/corpus/<target>/).

Each seed is named after the SHA-1 of its bytes, as libFuzzer names what it keeps,
so running this again adds nothing twice and never removes what the fuzzer found.

- curriculum_load: the bundled curricula and every curriculum fixture;
- learner_load: the bundled learner profiles and every learner fixture;
- instrument_load: the bundled instrument and every instrument fixture;
- answers_csv / answers_json: the bundled answers and every answer fixture;
- ndjson_line: each learner profile and fixture as one line (compact JSON, with
  `\\n` or `\\r\\n`), as a batch file holds them;
- dictionaries (fuzz/dict/<target>.dict, libFuzzer's format): the property names
  and enumerated values of the published schemas, JSON's and CSV's punctuation,
  and the bundled instrument's answer labels, so that mutations speak the formats;
- engine_pair: its input is structured (arbitrary bytes read by `Pair`), so no
  fixture maps onto it: seeds are pseudo-random byte strings (fixed seed), written
  only into an empty folder, which the fuzzer grows from.
"""

import hashlib
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"


def add(target: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def fixtures(pattern: str):
    """Fixture files under tests/fixtures matching `pattern`, goldens left out."""
    for path in sorted(ROOT.glob(pattern)):
        if path.is_file() and not path.name.endswith(".expected.json"):
            yield path


def schema_words(name: str) -> set:
    """Property names (quoted, as they appear in JSON) and enumerated values."""
    words = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                words.add(json.dumps(key) + ":")
            for value in node.get("enum", []):
                if isinstance(value, str):
                    words.add(json.dumps(value))
            if isinstance(node.get("const"), str):
                words.add(json.dumps(node["const"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((ROOT / "curricula/schema" / name).read_text(encoding="utf-8")))
    return words


def write_dict(target: str, words: set) -> None:
    def escape(word) -> str:
        out = []
        for byte in word if isinstance(word, bytes) else word.encode():
            if byte in (0x22, 0x5C) or byte < 0x20 or byte > 0x7E:
                out.append(f"\\x{byte:02x}")
            else:
                out.append(chr(byte))
        return "".join(out)

    folder = ROOT / "fuzz" / "dict"
    folder.mkdir(parents=True, exist_ok=True)
    lines = sorted(f'"{escape(w)}"' for w in words)
    (folder / f"{target}.dict").write_text(
        f"# Written by fuzz/seed.py for {target}: do not edit.\n" + "\n".join(lines) + "\n"
    )


JSON_TOKENS = {"{", "}", "[", "]", ",", ":", '""', "null", "true", "false", "-0", "1e308",
               "0.5", "100", "\\u0000", "\\ud800", b"\xef\xbb\xbf"}


def dictionaries() -> None:
    curriculum = schema_words("curriculum.schema.json") | JSON_TOKENS
    learner = schema_words("learner.schema.json") | JSON_TOKENS | {'"2026-02-29"', '"0001-01-01"', '"9999-12-31"'}
    instrument = schema_words("instrument.schema.json") | JSON_TOKENS
    answers = schema_words("answers.schema.json") | JSON_TOKENS
    labels = set()
    doc = json.loads((ROOT / "curricula/positioning/instrument.json").read_text(encoding="utf-8"))
    for point in doc.get("scale", {}).get("points", []):
        for text in point.get("label", {}).values():
            labels.add(text)
    dont_know = doc.get("scale", {}).get("dontKnow", {}).get("label", {})
    labels |= set(dont_know.values())
    for college in doc.get("colleges", []):
        labels |= set(college.get("label", {}).values())
    columns = set()
    for value in doc.get("answerColumns", {}).values():
        if isinstance(value, str):
            columns.add(value)
        elif isinstance(value, list):
            columns |= {v for v in value if isinstance(v, str)}
    csv = {";", ",", "\t", '"', '""', "\r\n", "\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x92", b"\xe9"} | labels | columns
    write_dict("curriculum_load", curriculum)
    write_dict("learner_load", learner)
    write_dict("ndjson_line", learner | {"\r\n", "\n"})
    write_dict("instrument_load", instrument | curriculum)
    write_dict("answers_csv", csv)
    write_dict("answers_json", answers | {json.dumps(l) for l in labels})


def main() -> None:
    dictionaries()
    for path in sorted(ROOT.glob("curricula/*/curriculum.json")):
        add("curriculum_load", path.read_bytes())
    for path in fixtures("tests/fixtures/curricula/**/*.json"):
        add("curriculum_load", path.read_bytes())

    learners = sorted(ROOT.glob("curricula/*/learners/*.json"))
    learners += list(fixtures("tests/fixtures/learners/**/*.json"))
    for path in learners:
        add("learner_load", path.read_bytes())
        raw = path.read_bytes()
        try:
            line = json.dumps(json.loads(raw), ensure_ascii=False, separators=(",", ":"))
            add("ndjson_line", line.encode() + b"\n")
            add("ndjson_line", line.encode() + b"\r\n")
        except (ValueError, UnicodeDecodeError):
            # Broken on purpose (syntax, encoding): the line as a batch would hold it.
            add("ndjson_line", raw.replace(b"\r", b"").replace(b"\n", b" ") + b"\n")

    add("instrument_load", (ROOT / "curricula/positioning/instrument.json").read_bytes())
    for path in fixtures("tests/fixtures/instruments/**/*.json"):
        add("instrument_load", path.read_bytes())
    add("instrument_load", (ROOT / "tests/fixtures/answers/instrument.json").read_bytes())

    for path in sorted(ROOT.glob("curricula/positioning/*.csv")):
        add("answers_csv", path.read_bytes())
    for path in fixtures("tests/fixtures/answers/**/*"):
        if path.name == "instrument.json" or path.suffix == ".py":
            continue
        add("answers_json" if path.suffix == ".json" else "answers_csv", path.read_bytes())

    # Only into an empty folder: once fuzzed, the corpus is what the fuzzer kept
    # (a random seed may crash: such a seed goes to regressions/, not back here).
    if not any((CORPUS / "engine_pair").glob("*")):
        rng = random.Random(20_260_101)
        for length in [16, 32, 64, 128, 256, 512, 1024, 2048] * 4:
            add("engine_pair", bytes(rng.randrange(256) for _ in range(length)))


if __name__ == "__main__":
    main()
