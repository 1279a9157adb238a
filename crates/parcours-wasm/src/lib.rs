//! # parcours-wasm
//!
//! The engine for JavaScript, compiled to WebAssembly: everything `status`,
//! `recommend`, `plan` and `progress` do, in the learner's browser, with no
//! server. This crate is thin on purpose — it converts and forwards to the
//! facade of `parcours` and to `parcours-report`, and adds no rule of its own —
//! so a page and a batch job can never disagree.
//!
//! The exports take and give text (JSON documents in, the command line's JSON
//! out); the npm package in `bindings/js` wraps them in the friendly API (plain
//! objects in and out, a loaded curriculum as a handle). Its work lives in
//! [`api`], plain Rust tested natively; `exports.rs` only turns a
//! [`api::Refusal`] into a JavaScript `Error`: a `ParcoursError` whose
//! `diagnostics` property lists each problem with its place, or a `TypeError`
//! for a misuse of the API. Nothing here panics on any input: a panic inside
//! WebAssembly would kill the host page.

pub mod api;
#[cfg(feature = "bindgen")]
mod exports;

#[cfg(feature = "bindgen")]
pub use exports::*;
