//! How the command line explains itself — help, usage and argument errors — in the
//! user's language.
//!
//! Clap writes English, and parcours's users read French first. So the language is
//! known before clap parses (`--lang en` anywhere on the line, French otherwise),
//! every help text is picked in that language from the command's doc comments,
//! which hold both (French first, English after « [en] », or after « / » in a
//! one-line help), and in French clap's own words are replaced: a French help
//! template and headings, a French `--help`, defaults and possible values written
//! into the help, and errors rendered here from their kind and context. English
//! keeps clap's own help and errors.

use std::error::Error as _;
use std::ffi::OsString;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use parcours::Lang;

/// Help headings in French. Clap writes a colon right after a heading; the
/// trailing space gives French typography's « Options : ».
const OPTIONS: &str = "Options ";
const PARAMETERS: &str = "Paramètres ";
const COMMANDS: &str = "Commandes ";

/// The help page's layout in French: clap's default with its headings translated.
const FRENCH_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Utilisation : {usage}

{all-args}{after-help}";

/// The language asked on the command line: `--lang en` or `--lang=en` anywhere
/// before `--` (each command reads `--lang` itself, but only after the help it
/// would show is built), French otherwise.
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut after_lang = false;
    for arg in args.iter().skip(1) {
        let arg = arg.to_string_lossy();
        if arg == "--" {
            break;
        }
        if (after_lang && arg == "en") || arg == "--lang=en" {
            return Lang::En;
        }
        after_lang = arg == "--lang";
    }
    Lang::Fr
}

/// One help text in one language: the French part before « [en] » and the
/// English part after it; without « [en] », a one-line help splits at « / »
/// (« Langue / language. »); a text with neither serves both languages.
pub fn pick(text: &str, lang: Lang) -> String {
    let (fr, en, slash) = match text.split_once("[en]") {
        Some((fr, en)) => (fr, en, false),
        None => match text.split_once(" / ") {
            Some((fr, en)) if !text.contains("\n\n") => (fr, en, true),
            _ => (text, text, false),
        },
    };
    let chosen = match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
    .trim();
    if !(slash && lang == Lang::En) {
        return chosen.to_string();
    }
    // « Langue / language. »: the English half starts with a capital too.
    let mut chars = chosen.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The command (and its subcommands) with every text in `lang`; in French, with
/// clap's English words replaced.
pub fn localize(command: Command, lang: Lang) -> Command {
    localize_one(command, lang, true)
}

fn localize_one(command: Command, lang: Lang, root: bool) -> Command {
    let about = command.get_about().map(ToString::to_string);
    let long = command.get_long_about().map(ToString::to_string);
    // The short help is the first paragraph of the doc comment, which is French:
    // in English it is the first paragraph of the English part.
    let short = match (&about, &long) {
        (Some(a), Some(l)) if !a.contains("[en]") && l.contains("[en]") => {
            let picked = pick(l, lang);
            picked.split("\n\n").next().map(str::to_string)
        }
        (Some(a), _) => Some(pick(a, lang)),
        (None, _) => None,
    };
    let mut command = command.mut_args(|a| localize_arg(a, lang));
    if let Some(short) = short {
        command = command.about(short);
    }
    if let Some(long) = long {
        command = command.long_about(pick(&long, lang));
    }
    if lang == Lang::Fr {
        command = command
            .help_template(FRENCH_TEMPLATE)
            .subcommand_help_heading(COMMANDS)
            .subcommand_value_name("COMMANDE")
            .disable_help_subcommand(true)
            .disable_help_flag(true)
            .disable_version_flag(true)
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("Affiche cette aide (-h : en bref)")
                    .help_heading(OPTIONS),
            );
        if root {
            command = command.arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help("Affiche la version")
                    .help_heading(OPTIONS),
            );
        }
    }
    command.mut_subcommands(|s| localize_one(s, lang, false))
}

/// One argument's help in `lang`; in French with its default and possible values
/// written in French into the help, instead of clap's « [default: …] ».
fn localize_arg(arg: Arg, lang: Lang) -> Arg {
    let help = arg.get_help().map(|h| pick(&h.to_string(), lang));
    let long = arg.get_long_help().map(|h| pick(&h.to_string(), lang));
    let set = |arg: Arg, help: Option<String>, long: Option<String>| {
        let arg = match help {
            Some(h) => arg.help(h),
            None => arg,
        };
        match long {
            Some(l) => arg.long_help(l),
            None => arg,
        }
    };
    if lang == Lang::En {
        return set(arg, help, long);
    }
    let mut extra = Vec::new();
    if arg.get_action().takes_values() {
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            extra.push(format!("valeurs : {}", values.join(", ")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            extra.push(format!("par défaut : {}", defaults.join(", ")));
        }
    }
    let with_extra = |text: String| {
        if extra.is_empty() {
            text
        } else {
            format!("{text} ({})", extra.join(" ; "))
        }
    };
    let heading = if arg.is_positional() {
        PARAMETERS
    } else {
        OPTIONS
    };
    let takes_values = arg.get_action().takes_values();
    let arg = set(arg, help.map(with_extra), long.map(with_extra)).help_heading(heading);
    // Clap allows hiding values only on an argument that takes one.
    if takes_values {
        arg.hide_possible_values(true).hide_default_value(true)
    } else {
        arg
    }
}

/// Prints what clap stopped on — the help or the version (standard output, exit
/// 0), or an argument error (standard error, exit 2) — in `lang`.
pub fn exit_with(error: &clap::Error, lang: Lang) -> ExitCode {
    use std::io::Write;
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = write!(std::io::stdout(), "{}", error.render());
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = write!(std::io::stderr(), "{}", error.render());
            ExitCode::from(2)
        }
        _ if lang == Lang::En => {
            let _ = write!(std::io::stderr(), "{}", error.render());
            ExitCode::from(2)
        }
        _ => {
            let _ = write!(std::io::stderr(), "{}", french_error(error));
            ExitCode::from(2)
        }
    }
}

/// A context value as text: lists joined with commas.
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Each value of a list context in guillemets: « a », « b ».
fn quoted_list(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::Strings(v) => Some(
            v.iter()
                .map(|s| format!("« {s} »"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::String(s) => Some(format!("« {s} »")),
        _ => None,
    }
}

/// `--date` is not a date. Its words are English for clap's English errors; the
/// French ones are [`refused_because`]'s.
#[derive(Debug, Clone, Copy)]
pub struct NotADate;

impl std::fmt::Display for NotADate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a date: write YYYY-MM-DD (for example 2026-03-02) or DD/MM/YYYY")
    }
}

impl std::error::Error for NotADate {}

/// Why a value was refused, in French: the reasons of the standard parsers
/// (numbers) in words, parcours's own reasons (bilingual) in French.
fn refused_because(error: &clap::Error) -> String {
    let Some(source) = error.source() else {
        return "valeur non reconnue".into();
    };
    if source.downcast_ref::<std::num::ParseIntError>().is_some() {
        return "un nombre entier positif est attendu (par exemple 5)".into();
    }
    if source.downcast_ref::<std::num::ParseFloatError>().is_some() {
        return "un nombre est attendu (par exemple 7 ou 3.5)".into();
    }
    if source.downcast_ref::<NotADate>().is_some() {
        return "date non reconnue : écrivez AAAA-MM-JJ (par exemple 2026-03-02) ou JJ/MM/AAAA"
            .into();
    }
    source.to_string()
}

/// Clap's error, in French, with the usage of the command and where to learn more.
pub fn french_error(error: &clap::Error) -> String {
    let arg = context(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    let message = match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("il manque la valeur de {arg}"),
        ErrorKind::InvalidValue => format!("« {value} » n'est pas une valeur possible de {arg}"),
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("l'option {arg} n'existe pas pour cette commande")
        }
        ErrorKind::UnknownArgument => format!("« {arg} » n'est pas attendu ici"),
        ErrorKind::InvalidSubcommand => {
            let name = context(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("la commande « {name} » n'existe pas")
        }
        ErrorKind::NoEquals => format!("{arg} attend sa valeur après « = »"),
        ErrorKind::ValueValidation => {
            format!(
                "« {value} » ne convient pas à {arg} : {}",
                refused_because(error)
            )
        }
        ErrorKind::TooManyValues => format!("{arg} a reçu une valeur de trop : « {value} »"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = context(error, ContextKind::ExpectedNumValues)
                .or_else(|| context(error, ContextKind::MinValues))
                .unwrap_or_default();
            let actual = context(error, ContextKind::ActualNumValues).unwrap_or_default();
            format!("{arg} attend {expected} valeur(s) et en a reçu {actual}")
        }
        ErrorKind::ArgumentConflict => match context(error, ContextKind::PriorArg) {
            Some(prior) if prior != arg => {
                format!("{arg} ne peut pas être donné avec {prior} : gardez l'un des deux")
            }
            _ => format!("{arg} ne peut être donné qu'une fois"),
        },
        ErrorKind::MissingRequiredArgument => {
            format!("il manque {arg} : cette commande en a besoin")
        }
        ErrorKind::MissingSubcommand => "il manque la commande".to_string(),
        _ => "la ligne de commande n'est pas comprise".to_string(),
    };
    if let Some(valid) = context(error, ContextKind::ValidValue) {
        lines.push(format!("valeurs possibles : {valid}"));
    }
    if let Some(valid) = context(error, ContextKind::ValidSubcommand) {
        lines.push(format!("commandes : {valid}"));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedCommand,
    ] {
        if let Some(s) = quoted_list(error, kind) {
            lines.push(format!("vouliez-vous dire {s} ?"));
        }
    }
    if let Some(ContextValue::Bool(true)) = error.get(ContextKind::TrailingArg) {
        lines.push(format!(
            "pour donner « {arg} » comme valeur, écrivez « -- {arg} »"
        ));
    }
    let mut out = format!("parcours : erreur : {message}\n");
    for line in lines {
        out.push_str(&format!("  = {line}\n"));
    }
    if let Some(usage) = context(error, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!("\nUtilisation : {usage}\n"));
    }
    out.push_str("\nPour en savoir plus, ajoutez --help à la commande.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_before_clap_parses() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args(&["parcours", "status"])), Lang::Fr);
        assert_eq!(
            lang_of(&args(&["parcours", "status", "--lang", "en"])),
            Lang::En
        );
        assert_eq!(lang_of(&args(&["parcours", "--lang=en"])), Lang::En);
        assert_eq!(
            lang_of(&args(&["parcours", "validate", "--", "--lang", "en"])),
            Lang::Fr
        );
    }

    #[test]
    fn each_help_text_is_picked_in_its_language() {
        assert_eq!(pick("Langue / language.", Lang::En), "Language.");
        assert_eq!(pick("Langue / language.", Lang::Fr), "Langue");
        assert_eq!(pick("Texte.\n\n[en] Text.", Lang::En), "Text.");
        assert_eq!(pick("Texte.\n\n[en] Text.", Lang::Fr), "Texte.");
        assert_eq!(pick("`human` ou `json`.", Lang::En), "`human` ou `json`.");
    }
}
