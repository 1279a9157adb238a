//! Diagnostic codes: stable names, each with the severity it always has. The
//! catalogue (`messages.rs`) words them; [`crate::read::diagnostic`] carries them.

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be used until this is fixed.
    Error,
    /// The document works, but something is probably not what the designer meant.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident;)*) => {
        /// A stable diagnostic code. Codes are never renamed or reused: tools and
        /// golden files match on them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written in output (kebab-case).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The severity this code always has.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }
        }
    };
}

codes! {
    // Reading the bytes.
    Encoding = "encoding", Error;
    Syntax = "syntax", Error;
    TooDeep = "too-deep", Error;
    TooMany = "too-many", Error;
    TooManyWarnings = "too-many-warnings", Warning;
    TooLarge = "too-large", Error;
    BlankLine = "blank-line", Error;
    // Structure (checked against the schema).
    Type = "type", Error;
    MissingField = "missing-field", Error;
    UnknownField = "unknown-field", Error;
    DuplicateKey = "duplicate-key", Error;
    UnknownValue = "unknown-value", Error;
    OutOfRange = "out-of-range", Error;
    FormatVersion = "format-version", Error;
    // Ids and references.
    InvalidId = "invalid-id", Error;
    DuplicateId = "duplicate-id", Error;
    UnknownModule = "unknown-module", Error;
    UnknownCompetency = "unknown-competency", Error;
    UnknownAudience = "unknown-audience", Error;
    UnknownStage = "unknown-stage", Error;
    UnknownScale = "unknown-scale", Error;
    UnknownResource = "unknown-resource", Error;
    ReplacesLiveId = "replaces-live-id", Error;
    ReplacesConflict = "replaces-conflict", Error;
    // Graph.
    Cycle = "cycle", Error;
    ParentCycle = "parent-cycle", Error;
    NeverAvailable = "never-available", Error;
    EvidenceOnly = "evidence-only", Warning;
    StageOrder = "stage-order", Error;
    // Rules.
    CompletionImpossible = "completion-impossible", Error;
    GroupImpossible = "group-impossible", Error;
    GroupWithoutRule = "group-without-rule", Warning;
    AtLeastImpossible = "at-least-impossible", Error;
    EmptyExpression = "empty-expression", Error;
    ScoreOutOfRange = "score-out-of-range", Error;
    // Values.
    LevelOutOfScale = "level-out-of-scale", Error;
    NonPositiveDuration = "non-positive-duration", Error;
    DurationTooLong = "duration-too-long", Error;
    HoursMinutes = "hours-minutes", Warning;
    ValidityTooLong = "validity-too-long", Error;
    EmptyScale = "empty-scale", Error;
    ScaleScores = "scale-scores", Error;
    DefaultScaleMissing = "default-scale-missing", Error;
    AssessmentParams = "assessment-params", Error;
    FrenchMissing = "french-missing", Error;
    // Learner records.
    CurriculumMismatch = "curriculum-mismatch", Error;
    InvalidDate = "invalid-date", Error;
    FutureDate = "future-date", Error;
    LevelOrScore = "level-or-score", Error;
    ReservedSource = "reserved-source", Error;
    NegativeValue = "negative-value", Error;
    ScoreUnmapped = "score-unmapped", Error;
    // Advice.
    AudienceUnreachable = "audience-unreachable", Warning;
    CoreClosedToAudience = "core-closed-to-audience", Warning;
    TeachesNothing = "teaches-nothing", Warning;
    MissingEnglish = "missing-english", Warning;
    UntaughtCompetency = "untaught-competency", Warning;
    // Positioning instruments.
    UnknownTheme = "unknown-theme", Error;
    UnknownCollege = "unknown-college", Error;
    UnknownCurriculum = "unknown-curriculum", Error;
    InvalidCitation = "invalid-citation", Error;
    MergeChain = "merge-chain", Error;
    NamedCollegeMerge = "named-college-merge", Error;
    ScaleValues = "scale-values", Error;
    AmbiguousLabel = "ambiguous-label", Error;
    EmptySection = "empty-section", Error;
    EmptyTheme = "empty-theme", Warning;
    // Positioning answers (personal data: never a cell's content).
    MissingColumn = "missing-column", Error;
    DuplicateColumn = "duplicate-column", Error;
    NotOnScale = "not-on-scale", Error;
    CollegeValue = "college-value", Error;
    RowLength = "row-length", Error;
    CsvSyntax = "csv-syntax", Error;
    NoAnswers = "no-answers", Error;
    DuplicateRespondent = "duplicate-respondent", Error;
    UnknownItem = "unknown-item", Error;
    InstrumentMismatch = "instrument-mismatch", Error;
    AnswerDate = "answer-date", Warning;
    // Calls to the engine (a caller's mistake, not a document's).
    WrongCurriculum = "wrong-curriculum", Error;
    NotInCurriculum = "not-in-curriculum", Error;
    RespondentNotFound = "respondent-not-found", Error;
    RespondentTwice = "respondent-twice", Error;
    NoRespondentColumn = "no-respondent-column", Error;
    CurriculumNotCited = "curriculum-not-cited", Error;
    NoPersonItems = "no-person-items", Error;
    NoAnswerDate = "no-answer-date", Error;
    // A disagreement between the schema and the Rust types: a bug in parcours.
    Internal = "internal", Error;
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Written as its kebab-case name; the schema lists every code, so a tool that
/// matches on codes (and the TypeScript types made from the schema) knows them all.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Code {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Code".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        schemars::json_schema!({
            "description": "A stable diagnostic code. Codes are never renamed or reused: tools and golden files match on them.",
            "type": "string",
            "enum": names,
        })
    }
}
