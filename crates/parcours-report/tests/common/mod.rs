//! What the golden tests of `parcours-report` share: where the repository is, and
//! comparing a view with its golden file (or rewriting it with `UPDATE=1`).
// Each test binary uses a part of it.
#![allow(dead_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly by design

use std::path::{Path, PathBuf};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[allow(unused_imports)] // each test binary uses a part of it, as for dead code above
pub use parcours_testkit::golden::{golden, updating};
