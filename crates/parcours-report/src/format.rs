//! How numbers read, in each language: one formatter for every view, so that a
//! figure is written the same in the terminal, the Markdown and the HTML.

use parcours::Lang;

/// Rounds to 4 decimals, the precision every figure of parcours is computed to, so
/// that float artefacts (0.30000000000000004) never reach a reader.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A number with at most `decimals` decimals (decimal comma in French), never
/// "-0": the committee reads figures, not float artefacts.
pub fn number(x: f64, decimals: i32, lang: Lang) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let factor = libm::pow(10.0, f64::from(decimals));
    let mut rounded = round4(libm::round(x * factor) / factor);
    if rounded == 0.0 {
        rounded = 0.0;
    }
    let text = format!("{rounded}");
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A change with its sign ("+0,12", "-0,03", "0").
pub fn signed(x: f64, lang: Lang) -> String {
    let text = number(x, 2, lang);
    if text != "0" && !text.starts_with('-') {
        format!("+{text}")
    } else {
        text
    }
}
