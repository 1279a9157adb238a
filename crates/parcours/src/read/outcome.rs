//! The one shape every entry point returns: a value when one could be made, and
//! every diagnostic found on the way.
//!
//! A curriculum with mistakes, a learner record kept for another curriculum or a
//! module id that does not exist are expected outcomes, not exceptions: they come
//! back as located diagnostics with a hint, in the same shape whether the caller is
//! the command line, a WebAssembly page or a batch job.

use crate::read::diagnostic::{Diagnostic, Severity};

/// A value (present when no diagnostic is an error, unless the entry point says
/// otherwise) and the diagnostics found while making it, errors and warnings alike.
#[derive(Debug, Clone)]
#[must_use = "an outcome may hold errors: look at `diagnostics` or call `into_result`"]
pub struct Outcome<T> {
    /// What the call made; `None` when an error prevented it.
    pub value: Option<T>,
    /// Errors and warnings, each with a stable code, a place and a hint.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Outcome<T> {
    /// A value with no diagnostic.
    pub fn ok(value: T) -> Self {
        Outcome {
            value: Some(value),
            diagnostics: Vec::new(),
        }
    }

    /// No value, and the diagnostic that says why.
    pub fn refused(diagnostic: Diagnostic) -> Self {
        Outcome {
            value: None,
            diagnostics: vec![diagnostic],
        }
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
    }

    /// The value, keeping the diagnostics (warnings) beside it, or every
    /// diagnostic as the error: for callers that like `?`.
    pub fn into_result(self) -> Result<(T, Vec<Diagnostic>), Invalid> {
        match self.value {
            Some(value) => Ok((value, self.diagnostics)),
            None => Err(Invalid {
                diagnostics: self.diagnostics,
            }),
        }
    }

    /// Chains a call that needs this value: its diagnostics follow these ones, and
    /// there is a value only when both gave one.
    pub fn and_then<U>(self, f: impl FnOnce(T) -> Outcome<U>) -> Outcome<U> {
        let mut diagnostics = self.diagnostics;
        match self.value {
            Some(value) => {
                let next = f(value);
                diagnostics.extend(next.diagnostics);
                Outcome {
                    value: next.value,
                    diagnostics,
                }
            }
            None => Outcome {
                value: None,
                diagnostics,
            },
        }
    }

    /// The same diagnostics with the value transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        Outcome {
            value: self.value.map(f),
            diagnostics: self.diagnostics,
        }
    }
}

/// What [`Outcome::into_result`] gives when there is no value: every diagnostic,
/// errors first in position order as the call reported them.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", summary(.diagnostics))]
pub struct Invalid {
    /// Every diagnostic of the call, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error);
    let count = errors.clone().count();
    match errors.clone().next() {
        Some(first) => {
            let place = match (first.line, first.column) {
                (Some(l), Some(c)) => format!("{l}:{c} "),
                _ => String::new(),
            };
            format!(
                "{count} erreur(s) / error(s); {place}[{}] {}",
                first.code.as_str(),
                first.message(crate::read::locale::Lang::Fr)
            )
        }
        None => "aucune valeur / no value".to_string(),
    }
}
