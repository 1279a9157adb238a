//! The repository's documents that the targets read fuzzed bytes against: the
//! bundled curricula (and the fixtures' minimal one, which the broken learner
//! fixtures are written for), the two positioning instruments (the bundled one and
//! the answer fixtures' one), a wave of answers and a learner record to position.
//! Loaded once per process: a fuzzer runs millions of inputs against them.

use std::sync::OnceLock;

use parcours::{AnswerTable, CheckedInstrument, Compiled, ReadOptions};

/// Curricula, in the order the record selection tries them; the first is the one
/// a record naming no known curriculum is read against.
const CURRICULA: [&[u8]; 5] = [
    include_bytes!("../../../curricula/design-thinking-aidance/curriculum.json"),
    include_bytes!("../../../curricula/innovation-sociale-design/curriculum.json"),
    include_bytes!("../../../curricula/projet-innovation-sociale/curriculum.json"),
    include_bytes!("../../../curricula/transformation-offre/curriculum.json"),
    include_bytes!("../../../tests/fixtures/curricula/valid/minimal.json"),
];

/// The bundled instrument (it cites `transformation-offre` and
/// `innovation-sociale-design`), then the answer fixtures' instrument.
const INSTRUMENTS: [&[u8]; 2] = [
    include_bytes!("../../../curricula/positioning/instrument.json"),
    include_bytes!("../../../tests/fixtures/answers/instrument.json"),
];

/// A wave of answers to the bundled instrument.
pub const ANSWERS: &[u8] = include_bytes!("../../../curricula/positioning/etablissement-2026.csv");

/// A record of `transformation-offre`, for `position`.
pub const RECORD: &[u8] =
    include_bytes!("../../../curricula/transformation-offre/learners/chef-de-service-ime.json");

/// Everything loaded.
pub struct Bundled {
    /// [`CURRICULA`], compiled.
    pub curricula: Vec<Compiled>,
    /// [`INSTRUMENTS`], checked against the curricula.
    pub instruments: Vec<CheckedInstrument>,
    /// [`ANSWERS`], read against the bundled instrument.
    pub answers: AnswerTable,
}

impl Bundled {
    /// The curricula as the calls that take several want them.
    pub fn curricula(&self) -> Vec<&Compiled> {
        self.curricula.iter().collect()
    }

    /// The curriculum with this id, if bundled.
    pub fn curriculum(&self, id: &str) -> Option<&Compiled> {
        self.curricula.iter().find(|c| c.document().id == id)
    }
}

/// The bundled documents, loaded on first use.
///
/// A bundled document that does not load is a broken harness, not a finding: it
/// fails loudly, at the first input, with the file's diagnostics.
#[allow(clippy::panic)] // see above: the harness itself is broken
pub fn get() -> &'static Bundled {
    static BUNDLED: OnceLock<Bundled> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let curricula: Vec<Compiled> = CURRICULA
            .iter()
            .map(|bytes| {
                let outcome = parcours::load(bytes);
                outcome
                    .value
                    .unwrap_or_else(|| panic!("a bundled curriculum: {:?}", outcome.diagnostics))
            })
            .collect();
        let given: Vec<&Compiled> = curricula.iter().collect();
        let instruments: Vec<CheckedInstrument> = INSTRUMENTS
            .iter()
            .map(|bytes| {
                let outcome = parcours::load_instrument(bytes, Some(&given));
                outcome
                    .value
                    .unwrap_or_else(|| panic!("a bundled instrument: {:?}", outcome.diagnostics))
            })
            .collect();
        let (answers, _) =
            parcours::read_answers(&instruments[0], ANSWERS, &ReadOptions::default());
        let answers = answers
            .value
            .unwrap_or_else(|| panic!("the bundled answers: {:?}", answers.diagnostics));
        Bundled {
            curricula,
            instruments,
            answers,
        }
    })
}
