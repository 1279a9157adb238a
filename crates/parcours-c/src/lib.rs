//! # parcours-c
//!
//! The engine behind a plain C ABI, for hosts that are not JavaScript: the Open
//! edX XBlock (`bindings/openedx`) runs this crate, built for
//! `wasm32-unknown-unknown`, in PyPI's `wasmtime`, so the grade it publishes is
//! computed on the server by the engine itself. It forwards to
//! [`parcours_wasm::api`], the same text-in, text-out functions the browser
//! calls through wasm-bindgen: a server and a page give the same bytes, and
//! those are the command line's (`--format json`).
//!
//! Why a C ABI and not wasm-bindgen: the module this crate makes imports
//! nothing (no `__wbindgen_*` glue), so any WebAssembly runtime can run it; and
//! one family of wasm artefacts serves the browser and the server.
//!
//! ## The protocol
//!
//! - The host asks for `len` bytes with [`parcours_alloc`], writes UTF-8 text
//!   there, and gives `(ptr, len)` pairs to a call.
//! - Every call returns one `u64`: the address of its answer in the high 32
//!   bits, its length in the low 32 bits. The host reads the answer and frees it
//!   with [`parcours_dealloc`]`(ptr, len)`; it frees its own inputs the same way.
//! - An answer's first byte says what follows: `0` the result (the command
//!   line's JSON text), `1` a refusal (`{"message": …, "diagnostics": […]}`: a
//!   curriculum or a learner record that does not read, each problem with its
//!   place), `2` a misuse (one sentence, French then English: text that is not
//!   UTF-8, an unknown language, a bad option).
//! - `0` returned by [`parcours_alloc`], or as a whole answer, means the memory
//!   ran out.
//!
//! Nothing panics across the boundary: the engine denies panics on input, and
//! each call also runs inside `catch_unwind` (natively; on wasm32 a panic
//! aborts, which the host sees as a trap it reports, never as undefined
//! behaviour).

use parcours_wasm::api::{self, Refusal};

/// The first byte of an answer: the result follows.
pub const RESULT: u8 = b'0';
/// The first byte of an answer: a refusal follows (`{"message", "diagnostics"}`).
pub const REFUSED: u8 = b'1';
/// The first byte of an answer: a misuse of the API, in words, follows.
pub const MISUSE: u8 = b'2';

/// Reserves `len` bytes for the host to write an input into; 0 when `len` is
/// 0 or the memory ran out.
// `no_mangle` is what makes it an export of the module (the lint counts it as
// unsafe code: two exports may not share a name; these names are prefixed).
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn parcours_alloc(len: u32) -> u32 {
    if len == 0 {
        return 0;
    }
    let Ok(len) = usize::try_from(len) else {
        return 0;
    };
    let mut buffer = Vec::new();
    if buffer.try_reserve_exact(len).is_err() {
        return 0;
    }
    buffer.resize(len, 0u8);
    leak(buffer.into_boxed_slice()).0
}

/// Frees what [`parcours_alloc`] reserved or a call answered, given back with
/// the length it had.
///
/// # Safety
///
/// `(ptr, len)` must be exactly a block this module handed out and not freed
/// yet; `(0, _)` and `(_, 0)` are ignored.
// The one place memory goes back: the host hands back the pointer and length
// this module gave it, and a boxed slice of that length is rebuilt and dropped.
#[allow(unsafe_code)]
#[no_mangle]
pub unsafe extern "C" fn parcours_dealloc(ptr: u32, len: u32) {
    if ptr == 0 || len == 0 {
        return;
    }
    let Ok(len) = usize::try_from(len) else {
        return;
    };
    // SAFETY: by this function's contract, `(ptr, len)` is a `Box<[u8]>` this
    // module leaked (in `leak`), not freed yet.
    drop(unsafe {
        Box::from_raw(std::ptr::slice_from_raw_parts_mut(
            ptr as usize as *mut u8,
            len,
        ))
    });
}

/// Hands a buffer to the host: its address and length.
fn leak(bytes: Box<[u8]>) -> (u32, u32) {
    let len = u32::try_from(bytes.len()).unwrap_or(0);
    let ptr = Box::into_raw(bytes) as *mut u8 as usize;
    (u32::try_from(ptr).unwrap_or(0), len)
}

/// An answer as the host reads it: the tag byte, then the text.
fn reply(result: Result<String, Refusal>) -> Vec<u8> {
    let (tag, text) = match result {
        Ok(text) => (RESULT, text),
        Err(Refusal::Misuse(message)) => (MISUSE, message),
        Err(Refusal::Refused {
            message,
            diagnostics,
        }) => {
            let message = serde_json::to_string(&message).unwrap_or_else(|_| "\"\"".into());
            (
                REFUSED,
                format!("{{\"message\":{message},\"diagnostics\":{diagnostics}}}"),
            )
        }
    };
    let mut bytes = Vec::with_capacity(text.len() + 1);
    bytes.push(tag);
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// The input text at `(ptr, len)`.
///
/// # Safety
///
/// `(ptr, len)` must be readable memory of this module (a block from
/// [`parcours_alloc`]) that stays untouched for the call; `(0, 0)` is the empty
/// text.
// Reading the host's input: the only other unsafe block.
#[allow(unsafe_code)]
unsafe fn input<'a>(ptr: u32, len: u32) -> Result<&'a str, Refusal> {
    if len == 0 {
        return Ok("");
    }
    let len = usize::try_from(len).map_err(|_| not_text())?;
    if ptr == 0 {
        return Err(not_text());
    }
    // SAFETY: by this function's contract, `len` bytes at `ptr` are this
    // module's, readable and not written during the call.
    let bytes = unsafe { std::slice::from_raw_parts(ptr as usize as *const u8, len) };
    std::str::from_utf8(bytes).map_err(|_| not_text())
}

fn not_text() -> Refusal {
    Refusal::Misuse(
        "un texte UTF-8 est attendu (pointeur et longueur d'un bloc de parcours_alloc) / \
         UTF-8 text is expected (pointer and length of a block from parcours_alloc)"
            .into(),
    )
}

/// Runs `work` and hands its answer to the host, packed; a panic (none is
/// expected: the engine denies them) becomes a misuse answer instead of
/// unwinding into the host.
fn call(work: impl FnOnce() -> Result<String, Refusal>) -> u64 {
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
            Err(Refusal::Misuse(
                "erreur interne du moteur, à signaler / internal error of the engine, to report"
                    .into(),
            ))
        });
    let (ptr, len) = leak(reply(result).into_boxed_slice());
    (u64::from(ptr) << 32) | u64::from(len)
}

/// The compiled curriculum of `text`, or its diagnostics as a refusal.
fn curriculum(text: &str, lang: parcours::Lang) -> Result<parcours::Compiled, Refusal> {
    let loaded = api::load(text);
    loaded.curriculum.ok_or_else(|| {
        let count = loaded.diagnostics.len();
        Refusal::Refused {
            message: match lang {
                parcours::Lang::En => {
                    format!("curriculum refused [{count} problem(s), see `diagnostics`]")
                }
                _ => format!("cursus refusé [{count} problème(s), voir `diagnostics`]"),
            },
            diagnostics: api::diagnostics_json(&loaded.diagnostics, lang),
        }
    })
}

/// [`parcours_load`]'s work, on text.
fn check(text: &str, lang: &str) -> Result<String, Refusal> {
    let lang = api::lang(lang)?;
    let loaded = api::load(text);
    Ok(format!(
        "{{\"ok\":{},\"diagnostics\":{}}}",
        loaded.curriculum.is_some(),
        api::diagnostics_json(&loaded.diagnostics, lang)
    ))
}

/// [`parcours_status`]'s work, on text.
fn status(text: &str, record: &str, lang: &str) -> Result<String, Refusal> {
    let lang = api::lang(lang)?;
    api::status(&curriculum(text, lang)?, record, lang)
}

/// [`parcours_progress`]'s work, on text.
fn progress(text: &str, record: &str, options: &str, lang: &str) -> Result<String, Refusal> {
    let lang = api::lang(lang)?;
    api::progress(&curriculum(text, lang)?, record, options, lang)
}

/// [`parcours_recommend`]'s work, on text.
fn recommend(text: &str, record: &str, options: &str, lang: &str) -> Result<String, Refusal> {
    let lang = api::lang(lang)?;
    api::recommend(&curriculum(text, lang)?, record, options, lang)
}

/// Reads the `(ptr, len)` inputs of a call, then runs it.
macro_rules! with_inputs {
    ($($name:ident = ($ptr:ident, $len:ident)),+ => $body:expr) => {
        call(|| {
            // SAFETY: the exported function's contract: each pair is a block
            // from `parcours_alloc`, untouched for the call.
            $(let $name = unsafe { input($ptr, $len) }?;)+
            $body
        })
    };
}

/// Checks a curriculum: `{"ok": bool, "diagnostics": […]}`, each diagnostic with its pointer, line, column, message and hint in
/// `lang` (`fr` or `en`). A curriculum with problems is a result, not a
/// refusal: an author's page shows them.
///
/// # Safety
///
/// Each `(ptr, len)` is a block from [`parcours_alloc`] holding UTF-8 text.
#[allow(unsafe_code)] // an export: reads the host's blocks (see `input`)
#[no_mangle]
pub unsafe extern "C" fn parcours_load(
    curriculum_ptr: u32,
    curriculum_len: u32,
    lang_ptr: u32,
    lang_len: u32,
) -> u64 {
    with_inputs!(text = (curriculum_ptr, curriculum_len), lang = (lang_ptr, lang_len) => {
        check(text, lang)
    })
}

/// Where the learner stands: `parcours status --format json`, byte for byte.
///
/// # Safety
///
/// Each `(ptr, len)` is a block from [`parcours_alloc`] holding UTF-8 text.
#[allow(unsafe_code)] // an export: reads the host's blocks (see `input`)
#[no_mangle]
pub unsafe extern "C" fn parcours_status(
    curriculum_ptr: u32,
    curriculum_len: u32,
    record_ptr: u32,
    record_len: u32,
    lang_ptr: u32,
    lang_len: u32,
) -> u64 {
    with_inputs!(text = (curriculum_ptr, curriculum_len), record = (record_ptr, record_len), lang = (lang_ptr, lang_len) => {
        status(text, record, lang)
    })
}

/// The individual record against the completion rule: `parcours progress
/// --format json`, byte for byte; `options` is `{"since": "AAAA-MM-JJ"}` or
/// empty.
///
/// # Safety
///
/// Each `(ptr, len)` is a block from [`parcours_alloc`] holding UTF-8 text.
#[allow(unsafe_code)] // an export: reads the host's blocks (see `input`)
#[no_mangle]
pub unsafe extern "C" fn parcours_progress(
    curriculum_ptr: u32,
    curriculum_len: u32,
    record_ptr: u32,
    record_len: u32,
    options_ptr: u32,
    options_len: u32,
    lang_ptr: u32,
    lang_len: u32,
) -> u64 {
    with_inputs!(text = (curriculum_ptr, curriculum_len), record = (record_ptr, record_len), options = (options_ptr, options_len), lang = (lang_ptr, lang_len) => {
        progress(text, record, options, lang)
    })
}

/// The next modules: `parcours recommend --format json`; `options` is
/// `{"top": N}` or empty.
///
/// # Safety
///
/// Each `(ptr, len)` is a block from [`parcours_alloc`] holding UTF-8 text.
#[allow(unsafe_code)] // an export: reads the host's blocks (see `input`)
#[no_mangle]
pub unsafe extern "C" fn parcours_recommend(
    curriculum_ptr: u32,
    curriculum_len: u32,
    record_ptr: u32,
    record_len: u32,
    options_ptr: u32,
    options_len: u32,
    lang_ptr: u32,
    lang_len: u32,
) -> u64 {
    with_inputs!(text = (curriculum_ptr, curriculum_len), record = (record_ptr, record_len), options = (options_ptr, options_len), lang = (lang_ptr, lang_len) => {
        recommend(text, record, options, lang)
    })
}

#[cfg(test)]
mod tests;
