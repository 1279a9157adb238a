//! The wasm-bindgen exports: each turns a [`Refusal`] into a JavaScript `Error`
//! and forwards to [`crate::api`]. Behind the `bindgen` feature (on by default)
//! so that a crate that only wants [`crate::api`] (the plain C ABI of
//! `parcours-c`, for servers) links no wasm-bindgen import.

use crate::api::{self, Refusal};

use wasm_bindgen::prelude::*;

/// A refusal as the JavaScript error a caller catches.
fn error(refusal: Refusal) -> JsValue {
    match refusal {
        Refusal::Misuse(message) => js_sys::TypeError::new(&message).into(),
        Refusal::Refused {
            message,
            diagnostics,
        } => {
            let e = js_sys::Error::new(&message);
            e.set_name("ParcoursError");
            let list = js_sys::JSON::parse(&diagnostics).unwrap_or(JsValue::NULL);
            // Setting a property on a fresh Error cannot fail; if it did, the
            // message still says what was refused.
            let _ = js_sys::Reflect::set(&e, &JsValue::from_str("diagnostics"), &list);
            e.into()
        }
    }
}

fn lang(code: &str) -> Result<parcours::Lang, JsValue> {
    api::lang(code).map_err(error)
}

/// The result of loading a curriculum: a bad curriculum is an expected outcome
/// (a designer's page shows its diagnostics), so it is a value, not an error.
#[wasm_bindgen]
pub struct Loaded {
    inner: api::Loaded,
}

#[wasm_bindgen]
impl Loaded {
    /// Whether the curriculum loaded (it has no error; it may have warnings).
    #[wasm_bindgen(getter)]
    pub fn ok(&self) -> bool {
        self.inner.curriculum.is_some()
    }

    /// The diagnostics as JSON text (`[{code, severity, pointer, line, column,
    /// message, hint}]`), messages in `lang` (`"fr"` or `"en"`).
    #[wasm_bindgen(js_name = diagnosticsJson)]
    pub fn diagnostics_json(&self, lang_code: &str) -> Result<String, JsValue> {
        Ok(api::diagnostics_json(
            &self.inner.diagnostics,
            lang(lang_code)?,
        ))
    }

    /// The loaded curriculum, once (the handle owns it); `undefined` when it did
    /// not load or was already taken.
    #[wasm_bindgen(js_name = takeCurriculum)]
    pub fn take_curriculum(&mut self) -> Option<Curriculum> {
        self.inner
            .curriculum
            .take()
            .map(|compiled| Curriculum { compiled })
    }
}

/// Reads, checks and compiles a curriculum (its JSON text).
#[wasm_bindgen(js_name = loadCurriculum)]
pub fn load_curriculum(text: &str) -> Loaded {
    Loaded {
        inner: api::load(text),
    }
}

/// A compiled curriculum. Every call takes the learner record (JSON text) it
/// is about: the engine keeps no state between calls.
#[wasm_bindgen]
pub struct Curriculum {
    compiled: parcours::Compiled,
}

#[wasm_bindgen]
impl Curriculum {
    /// The curriculum's id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.compiled.document().id.clone()
    }

    /// Its title in `lang`.
    pub fn title(&self, lang_code: &str) -> Result<String, JsValue> {
        Ok(self
            .compiled
            .document()
            .title
            .get(lang(lang_code)?)
            .to_string())
    }

    /// Where the learner stands: competencies and module states (JSON text).
    #[wasm_bindgen(js_name = statusJson)]
    pub fn status_json(&self, record: &str, lang_code: &str) -> Result<String, JsValue> {
        api::status(&self.compiled, record, lang(lang_code)?).map_err(error)
    }

    /// The individual record against the completion rule (JSON text); options
    /// `{"since": "AAAA-MM-JJ"}`.
    #[wasm_bindgen(js_name = progressJson)]
    pub fn progress_json(
        &self,
        record: &str,
        options: &str,
        lang_code: &str,
    ) -> Result<String, JsValue> {
        api::progress(&self.compiled, record, options, lang(lang_code)?).map_err(error)
    }

    /// The individual record as a self-contained HTML page.
    #[wasm_bindgen(js_name = recordHtml)]
    pub fn record_html(
        &self,
        record: &str,
        options: &str,
        lang_code: &str,
    ) -> Result<String, JsValue> {
        api::record_html(&self.compiled, record, options, lang(lang_code)?).map_err(error)
    }

    /// The best next modules, each score explained (JSON text); options
    /// `{"top": 3}`.
    #[wasm_bindgen(js_name = recommendJson)]
    pub fn recommend_json(
        &self,
        record: &str,
        options: &str,
        lang_code: &str,
    ) -> Result<String, JsValue> {
        api::recommend(&self.compiled, record, options, lang(lang_code)?).map_err(error)
    }

    /// Why `module` is not (first) recommended (JSON text).
    #[wasm_bindgen(js_name = whyNotJson)]
    pub fn why_not_json(
        &self,
        record: &str,
        module: &str,
        options: &str,
        lang_code: &str,
    ) -> Result<String, JsValue> {
        api::why_not(&self.compiled, record, module, options, lang(lang_code)?).map_err(error)
    }

    /// The shortest individual path (JSON text); options `{"hoursPerWeek": 7,
    /// "nodeBudget": 100000}`.
    #[wasm_bindgen(js_name = planJson)]
    pub fn plan_json(
        &self,
        record: &str,
        options: &str,
        lang_code: &str,
    ) -> Result<String, JsValue> {
        api::plan(&self.compiled, record, options, lang(lang_code)?).map_err(error)
    }

    /// The curriculum drawn as a self-contained SVG; with a record, modules
    /// coloured by the learner's state and the plan's steps numbered.
    #[wasm_bindgen(js_name = graphSvg)]
    pub fn graph_svg(&self, record: Option<String>, lang_code: &str) -> Result<String, JsValue> {
        api::graph_svg(&self.compiled, record.as_deref(), lang(lang_code)?).map_err(error)
    }

    /// One respondent's self-positioning answers (`answers`: the bytes of the
    /// CSV or JSON answer file) written into a copy of their record: JSON text
    /// `{recordText, summary}`; options `{"date": "AAAA-MM-JJ"}`.
    #[wasm_bindgen(js_name = positionJson)]
    pub fn position_json(
        &self,
        instrument: &str,
        answers: &[u8],
        respondent: &str,
        record: &str,
        options: &str,
        lang_code: &str,
    ) -> Result<String, JsValue> {
        api::position(
            &self.compiled,
            instrument,
            answers,
            respondent,
            record,
            options,
            lang(lang_code)?,
        )
        .map_err(error)
    }
}
