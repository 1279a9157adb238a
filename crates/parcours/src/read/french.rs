//! French habits a document's author brings to JSON, recognised so that a hint can
//! say what they meant: a decimal comma, hours written `3h30`, accented ids, French
//! words for the format's English values.
//!
//! Each function recognises one habit and returns what the format expects, or
//! nothing; the wording of the hint stays with the check that uses it.

/// An id without accents, spaces or capitals: `Repérer les signes` →
/// `reperer-les-signes`. The designer's id, spelled as ids must be (see
/// `is_valid_id` in the curriculum checks), when nothing else is wrong with it.
pub(crate) fn plain_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' => out.push('y'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            ' ' | '\'' | '’' => {
                if !out.ends_with('-') {
                    out.push('-');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A French word, or one spelled the French way, for one of the format's values:
/// the values it stands for among `allowed` (the first is the likeliest). Words are
/// compared without case, accents, spaces, hyphens or apostrophes.
pub(crate) fn enum_word<'a>(found: &str, allowed: &[&'a str]) -> Vec<&'a str> {
    let key: String = plain_id(found)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let meant: &[&str] = match key.as_str() {
        // Module kinds.
        "socle" | "obligatoire" | "tronccommun" | "commun" | "coeur" => &["core"],
        "optionnel" | "optionel" | "option" | "facultatif" | "electif" | "auchoix" => &["optional"],
        // Formats.
        "presentiel" | "enpresentiel" | "salle" | "ensalle" | "cours" => &["classroom"],
        "atelier" | "ateliers" => &["workshop", "workshopKit"],
        "distanciel" | "adistance" | "endistanciel" => &["eLearning", "virtualClassroom"],
        "enligne" | "formationenligne" | "autoformation" | "foad" => &["eLearning"],
        "classevirtuelle" | "visio" | "visioconference" | "webinaire" => &["virtualClassroom"],
        "situationdetravail" | "misesensituation" | "miseensituation" | "terrain"
        | "surleterrain" | "insitu" | "afest" | "immersion" | "pratique" => &["inSituPractice"],
        "accompagnement" => &["companionship", "coaching"],
        "tutorat" | "mentorat" => &["coaching"],
        "hybride" | "mixte" => &["blended"],
        // Resource kinds.
        "canevas" | "trame" => &["canvas"],
        "kit" | "kitatelier" | "kitdatelier" | "boiteaoutils" => &["workshopKit"],
        "modele" | "gabarit" | "formulaire" => &["template"],
        "grille" | "listedecontrole" | "listedeverification" => &["checklist"],
        "fiche" => &["document"],
        // Languages.
        "francais" => &["fr"],
        "anglais" => &["en"],
        // Assessment methods.
        "dernier" | "derniere" | "plusrecent" | "plusrecente" => &["latest"],
        "meilleur" | "meilleure" | "plushaut" | "plushaute" | "maximum" => &["highest"],
        "moyenne" => &["average"],
        "moyenneponderee" | "moyennedecroissante" => &["decayingAverage"],
        "nsurm" | "nparmim" => &["nOfM"],
        // Prerequisite nodes and completion rules.
        "tous" | "toutes" | "tout" | "et" => &["allOf"],
        "unparmi" | "lundes" | "ou" | "auchoixun" => &["anyOf"],
        "aumoins" | "parmi" => &["atLeast"],
        "compétence" | "competence" => &["competency"],
        "note" => &["score"],
        "socleetoptions" | "socleetoptionnels" | "socleetoption" => &["coreAndOptional"],
        // Sources of evidence (learner records).
        "autoevaluation" | "autopositionnement" | "positionnement" => &["selfAssessment"],
        "evaluationformateur" | "formateur" | "evaluation" => &["trainerAssessment"],
        "questionnaire" => &["quiz"],
        "pair" | "pairs" | "evaluationparlespairs" => &["peer"],
        "validation" | "achevement" => &["completion"],
        // Subjects of positioning items.
        "etablissement" | "structure" => &["establishment"],
        "personne" | "individu" => &["person"],
        _ => &[],
    };
    meant
        .iter()
        .filter_map(|m| allowed.iter().find(|a| *a == m).copied())
        .collect()
}

/// A number written as text the French way, in hours when `hours`: `"3,5"`,
/// `"3.5"`, and for hours `"3h30"`, `"3 h 30"`, `"1h"`, `"45 min"`, `"2 heures"`.
/// The number meant, in decimal hours for a duration.
pub(crate) fn number_in_text(text: &str, hours: bool) -> Option<f64> {
    let t = text.trim().to_lowercase().replace(',', ".");
    if let Ok(n) = t.parse::<f64>() {
        return n.is_finite().then_some(n);
    }
    if !hours {
        return None;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let number = |s: &str| s.parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 0.0);
    for unit in ["minutes", "minute", "mins", "min", "mn"] {
        if let Some(m) = compact.strip_suffix(unit) {
            return number(m).map(|m| m / 60.0);
        }
    }
    for unit in ["heures", "heure", "hours", "hour", "h"] {
        if let Some(h) = compact.strip_suffix(unit) {
            return number(h);
        }
    }
    let (h, m) = compact.split_once('h')?;
    let m = m.strip_suffix("min").unwrap_or(m);
    let minutes = number(m).filter(|m| *m < 60.0 && m.fract() == 0.0)?;
    number(h).map(|h| h + minutes / 60.0)
}

/// The hours and minutes a decimal duration looks like when it was written
/// `hours.minutes`: `3.30` (3 h 30, which reads as 3 h 18), `1.15`, `2.45`.
///
/// The rule, to keep false alarms rare: the duration has exactly two decimals
/// (`3.3` counts as `3.30`: a number carries no trailing zero), those two digits
/// read as minutes are 10 to 55 in steps of 5, and they are not a quarter or a half
/// in decimal (`.25`, `.50`, `.75` are what a designer writes for 15, 30 and 45
/// minutes). So `3.30`, `1.15`, `2.45`, `1.2`, `0.4` warn; `2.5`, `1.25`, `0.75`,
/// `1.33`, `7` do not.
pub(crate) fn hours_minutes(duration: f64) -> Option<(u64, u64)> {
    if !duration.is_finite() || duration < 0.0 {
        return None;
    }
    let hundredths = (duration * 100.0).round();
    if (duration * 100.0 - hundredths).abs() > 1e-6 {
        return None;
    }
    let hundredths = hundredths as u64;
    let (hours, minutes) = (hundredths / 100, hundredths % 100);
    ((10..=55).contains(&minutes) && minutes % 5 == 0 && minutes != 25 && minutes != 50)
        .then_some((hours, minutes))
}

/// Decimal hours, as a designer would write them: at most two decimals, no
/// trailing zero (`3.5`, `1.25`, `1.33`).
pub(crate) fn decimal_hours(hours: f64) -> String {
    let text = format!("{:.2}", (hours * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_lose_accents_capitals_and_spaces() {
        assert_eq!(plain_id("repérer"), "reperer");
        assert_eq!(plain_id("Cœur de métier"), "coeur-de-metier");
        assert_eq!(plain_id("l'équipe"), "l-equipe");
    }

    #[test]
    fn french_words_name_the_format_values_allowed_there() {
        let kinds = ["core", "optional"];
        assert_eq!(enum_word("socle", &kinds), ["core"]);
        assert_eq!(enum_word("Optionnel", &kinds), ["optional"]);
        let formats = ["classroom", "workshop", "eLearning", "virtualClassroom"];
        assert_eq!(enum_word("présentiel", &formats), ["classroom"]);
        assert_eq!(
            enum_word("distanciel", &formats),
            ["eLearning", "virtualClassroom"]
        );
        // A word for a value not allowed here suggests nothing.
        assert!(enum_word("socle", &formats).is_empty());
        assert!(enum_word("bleu", &kinds).is_empty());
    }

    #[test]
    fn hours_written_as_text_are_read() {
        for (text, hours) in [
            ("3h30", 3.5),
            ("3 h 30", 3.5),
            ("1h15", 1.25),
            ("2h", 2.0),
            ("45 min", 0.75),
            ("3,5", 3.5),
            ("7", 7.0),
            ("2 heures", 2.0),
        ] {
            assert_eq!(number_in_text(text, true), Some(hours), "{text}");
        }
        assert_eq!(number_in_text("3h75", true), None);
        assert_eq!(number_in_text("trois", true), None);
        assert_eq!(number_in_text("3h30", false), None);
        assert_eq!(number_in_text("0,5", false), Some(0.5));
    }

    #[test]
    fn durations_that_look_like_hours_and_minutes() {
        for (d, hm) in [
            (3.30, (3, 30)),
            (1.15, (1, 15)),
            (2.45, (2, 45)),
            (1.2, (1, 20)),
        ] {
            assert_eq!(hours_minutes(d), Some(hm), "{d}");
        }
        for d in [2.5, 1.25, 0.75, 1.33, 7.0, 3.0, 0.05, 1.5] {
            assert_eq!(hours_minutes(d), None, "{d}");
        }
        assert_eq!(decimal_hours(3.5), "3.5");
        assert_eq!(decimal_hours(1.0 + 20.0 / 60.0), "1.33");
        assert_eq!(decimal_hours(2.0), "2");
    }
}
