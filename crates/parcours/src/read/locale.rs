//! Languages and localised text.
//!
//! User-facing text is French first: every localised text has a required `fr` and an
//! optional `en`. Code, ids and JSON keys are English; only data and messages are
//! localised.

use serde::{Deserialize, Serialize};

/// A language the engine speaks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French, the default and the reference.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// A text in French, optionally translated into English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// French text (required: French is the reference language).
    pub fr: String,
    /// English translation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// A French-only text.
    pub fn fr(text: impl Into<String>) -> Self {
        Text {
            fr: text.into(),
            en: None,
        }
    }

    /// A text in both languages.
    pub fn fr_en(fr: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            fr: fr.into(),
            en: Some(en.into()),
        }
    }

    /// The text in `lang`, falling back to French when there is no translation.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => self.en.as_deref().unwrap_or(&self.fr),
        }
    }
}
