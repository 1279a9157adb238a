//! Labels as the positioning documents match them: a header, an answer or a college
//! written by hand or exported by a spreadsheet is compared with the instrument's
//! wording after [`normalize`].

/// A label or header as matched: lower case, any run of white space (tabs, line
/// breaks, non-breaking and narrow non-breaking spaces) as one space, trimmed; curly
/// quotes and apostrophes as straight ones; French letters written with a combining
/// accent (as macOS may export them) composed. So « Plutôt d’accord » matches
/// `plutôt d'accord`.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`'
            | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{200B}' | '\u{FEFF}' => continue,
            c if c.is_whitespace() => {
                space = true;
                continue;
            }
            c => c,
        };
        if let Some(composed) = compose(out.chars().last(), c) {
            if !space {
                out.pop();
                out.push(composed);
                continue;
            }
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        for lower in c.to_lowercase() {
            out.push(lower);
        }
    }
    out
}

/// The precomposed French letter for `base` followed by a combining accent.
fn compose(base: Option<char>, mark: char) -> Option<char> {
    let base = base?.to_lowercase().next()?;
    Some(match (base, mark) {
        ('a', '\u{300}') => 'à',
        ('e', '\u{300}') => 'è',
        ('u', '\u{300}') => 'ù',
        ('e', '\u{301}') => 'é',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('i', '\u{302}') => 'î',
        ('o', '\u{302}') => 'ô',
        ('u', '\u{302}') => 'û',
        ('e', '\u{308}') => 'ë',
        ('i', '\u{308}') => 'ï',
        ('u', '\u{308}') => 'ü',
        ('y', '\u{308}') => 'ÿ',
        ('c', '\u{327}') => 'ç',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_ignores_case_spaces_quotes_and_decomposed_accents() {
        assert_eq!(
            normalize("  Plutôt\u{a0}d\u{2019}accord \t"),
            "plutôt d'accord"
        );
        assert_eq!(normalize("PLUTÔT  D'ACCORD"), "plutôt d'accord");
        assert_eq!(normalize("Pluto\u{302}t d'accord"), "plutôt d'accord");
        assert_eq!(normalize("\u{201C}oui\u{201D}\u{202F}!"), "\"oui\" !");
        assert_eq!(normalize("Re\u{301}ponse"), "réponse");
        assert_eq!(normalize(""), "");
    }
}
