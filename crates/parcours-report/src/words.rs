//! The words the self-positioning analysis and the committee's report share, in
//! Markdown ([`crate::analysis`], [`crate::committee`]) and in HTML
//! ([`crate::committee_html`]), and the look-ups of labels that several views show:
//! the instrument's (themes, items, colleges, a group's figures) and the
//! curriculum's (modules, competencies, levels). Written once, so that every
//! version of a report, and the terminal, say the same thing.

use parcours::curriculum::compiled::{CompetencyIx, Compiled};
use parcours::engine::plan::PlanStatus;
use parcours::learner::state::ModuleState;
use parcours::positioning::analysis::{Analysis, Cell, Group, WaveFacts};
use parcours::positioning::instrument::CheckedInstrument;
use parcours::positioning::team::{GroupPlan, TeamPlan};
use parcours::positioning::Summary;
use parcours::Lang;

/// Words of the analysis and the committee's report, in one language.
pub(crate) struct Words {
    pub respondents: &'static str,
    pub rejected_rows: &'static str,
    pub not_published: &'static str,
    pub overall: &'static str,
    pub theme: &'static str,
    pub group: &'static str,
    pub dont_know: &'static str,
    pub by_team: &'static str,
    pub change_since: &'static str,
    pub objectives: &'static str,
    pub no_objective: &'static str,
    pub training_plan: &'static str,
    pub action_plan: &'static str,
    pub out_of_reach: &'static str,
}

const FR: Words = Words {
    respondents: "Répondants analysés",
    rejected_rows: "Lignes rejetées et laissées de côté",
    not_published: "Non publiés (sous le seuil)",
    overall: "Ensemble",
    theme: "Thème",
    group: "Groupe",
    dont_know: "Ne sait pas",
    by_team: "Par équipe",
    change_since: "Évolution depuis la vague précédente",
    objectives: "Objectifs opérationnels",
    no_objective: "Aucune priorité, donc aucun objectif proposé.",
    training_plan: "Plan de formation des équipes",
    action_plan: "Plan d'action",
    out_of_reach: "hors de portée",
};

const EN: Words = Words {
    respondents: "Respondents analysed",
    rejected_rows: "Rejected rows left out",
    not_published: "Not published (under the threshold)",
    overall: "Overall",
    theme: "Theme",
    group: "Group",
    dont_know: "Don't know",
    by_team: "By team",
    change_since: "Change since the earlier wave",
    objectives: "Operational objectives",
    no_objective: "No priority, so no objective suggested.",
    training_plan: "Team training plan",
    action_plan: "Action plan",
    out_of_reach: "out of reach",
};

/// The words of `lang`.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The anonymity threshold in force, where it comes from, and what it means, in
/// one sentence. Stated in every report: a reader must be able to check what
/// protection the figures had, and see when it was raised for this analysis.
pub(crate) fn threshold(analysis: &Analysis, lang: Lang) -> String {
    let n = analysis.threshold;
    let from = analysis.instrument_threshold;
    let source = match (lang, n > from) {
        (Lang::Fr, true) => format!(" (relevé pour cette analyse ; l'instrument fixe {from})"),
        (Lang::En, true) => format!(" (raised for this analysis; the instrument sets {from})"),
        (Lang::Fr, false) => " (fixé par l'instrument)".to_string(),
        (Lang::En, false) => " (set by the instrument)".to_string(),
    };
    let named: Vec<String> = analysis
        .colleges
        .iter()
        .filter(|g| g.published_by_name)
        .map(|g| format!("{} ({})", g.label.get(lang), people(g.respondents, lang)))
        .collect();
    let exception = match (lang, named.len()) {
        (_, 0) => String::new(),
        (Lang::Fr, 1) => format!(
            " Seule exception : {}, groupe nommé : ses membres ont accepté d'être identifiés comme groupe ; ses chiffres sont publiés quelle que soit sa taille, et ses équipes appliquent le seuil.",
            named.join(", ")
        ),
        (Lang::Fr, _) => format!(
            " Seules exceptions : {}, groupes nommés : leurs membres ont accepté d'être identifiés comme groupe ; leurs chiffres sont publiés quelle que soit leur taille, et leurs équipes appliquent le seuil.",
            named.join(", ")
        ),
        (Lang::En, 1) => format!(
            " The one exception: {}, a named group: its members agreed to be identified as a group; its figures are published whatever its size, and its teams apply the threshold.",
            named.join(", ")
        ),
        (Lang::En, _) => format!(
            " The only exceptions: {}, named groups: their members agreed to be identified as a group; their figures are published whatever their size, and their teams apply the threshold.",
            named.join(", ")
        ),
    };
    match lang {
        Lang::Fr => format!("Seuil d'anonymat : {n}{source} ; un groupe plus petit n'apparaît nulle part, pas même dans les totaux.{exception}"),
        Lang::En => format!(
            "Anonymity threshold: {n}{source}; a smaller group appears nowhere, not even in totals.{exception}"
        ),
    }
}

/// `n` people, in words.
fn people(n: u32, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Fr, 1) => "1 personne".into(),
        (Lang::Fr, _) => format!("{n} personnes"),
        (Lang::En, 1) => "1 person".into(),
        (Lang::En, _) => format!("{n} people"),
    }
}

/// What to change in the instrument so that a hidden college is published: the
/// committee reads it next to the hidden colleges (no figure, no name in it).
pub(crate) fn hidden_advice(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Pour publier un collège caché, modifiez l'instrument : regroupez-le avec un autre collège (`mergeInto`), ou, si ses membres acceptent d'être identifiés comme groupe, déclarez-le publié par nom (`publishedByName: true`).",
        Lang::En => "To publish a hidden college, change the instrument: merge it into another college (`mergeInto`), or, if its members agree to be identified as a group, declare it published by name (`publishedByName: true`).",
    }
}

/// The name a training plan is headed by: its group's (marked when published by
/// name, for a college's own plan), or the plan's own for a team within it.
pub(crate) fn plan_label(analysis: &Analysis, plan: &GroupPlan, lang: Lang) -> String {
    match (
        &plan.team,
        analysis.colleges.iter().find(|g| g.id == plan.group),
    ) {
        (None, Some(g)) => group_label(g, lang),
        _ => plan.label.get(lang).to_string(),
    }
}

/// A published group's name, with « groupe nommé » when it is published by name:
/// said next to every figure of such a college, so that no reader takes a group
/// of four for an anonymous one.
pub(crate) fn group_label(g: &Group, lang: Lang) -> String {
    let label = g.label.get(lang);
    match (g.published_by_name, lang) {
        (false, _) => label.to_string(),
        (true, Lang::Fr) => format!("{label} (groupe nommé)"),
        (true, Lang::En) => format!("{label} (named group)"),
    }
}

/// Each wave's dates and headcounts, one sentence per wave (this one, then the
/// earlier one when compared): a change is read against who answered, and when.
pub(crate) fn waves(analysis: &Analysis, lang: Lang) -> Vec<String> {
    let one = |facts: &WaveFacts, this: bool| {
        let name = match (lang, this) {
            (Lang::Fr, true) => "Cette vague",
            (Lang::Fr, false) => "Vague précédente",
            (Lang::En, true) => "This wave",
            (Lang::En, false) => "Earlier wave",
        };
        let when = match (facts.first_date, facts.last_date, lang) {
            (Some(f), Some(l), Lang::Fr) if f == l => {
                format!("le {}", crate::format::date(&f, lang))
            }
            (Some(f), Some(l), Lang::En) if f == l => {
                format!("on {}", crate::format::date(&f, lang))
            }
            (Some(f), Some(l), Lang::Fr) => format!(
                "du {} au {}",
                crate::format::date(&f, lang),
                crate::format::date(&l, lang)
            ),
            (Some(f), Some(l), Lang::En) => format!(
                "from {} to {}",
                crate::format::date(&f, lang),
                crate::format::date(&l, lang)
            ),
            (_, _, Lang::Fr) => "dates non connues".to_string(),
            (_, _, Lang::En) => "dates unknown".to_string(),
        };
        let groups: Vec<String> = facts
            .colleges
            .iter()
            .map(|g| {
                let label = g.label.get(lang);
                let label = match (g.published_by_name, lang) {
                    (false, _) => label.to_string(),
                    (true, Lang::Fr) => format!("{label} (groupe nommé)"),
                    (true, Lang::En) => format!("{label} (named group)"),
                };
                format!("{label} {}", g.respondents)
            })
            .collect();
        match lang {
            Lang::Fr => format!(
                "{name} : {when} ; {} répondants ({}).",
                facts.respondents,
                groups.join(", ")
            ),
            Lang::En => format!(
                "{name}: {when}; {} respondents ({}).",
                facts.respondents,
                groups.join(", ")
            ),
        }
    };
    let mut out = vec![one(&analysis.wave, true)];
    if let Some(before) = &analysis.before {
        out.push(one(before, false));
    }
    out
}

/// A plan's cost as a budget reads it: hours per person, times people, gives
/// trainee-hours; « effectif inconnu » when the instrument gives no headcount.
pub(crate) fn budget(
    per_person: f64,
    headcount: Option<u32>,
    trainee: Option<f64>,
    lang: Lang,
) -> String {
    let h = crate::format::hours(per_person, lang);
    match (headcount, trainee, lang) {
        (Some(n), Some(t), Lang::Fr) => format!(
            "{h} par personne × {n} personne{} = {} heures stagiaires",
            if n > 1 { "s" } else { "" },
            crate::format::number(t, 2, lang)
        ),
        (Some(n), Some(t), Lang::En) => format!(
            "{h} per person × {n} {} = {} trainee-hours",
            if n > 1 { "people" } else { "person" },
            crate::format::number(t, 2, lang)
        ),
        (_, _, Lang::Fr) => format!("{h} par personne (effectif inconnu)"),
        (_, _, Lang::En) => format!("{h} per person (headcount unknown)"),
    }
}

/// The total of a team plan in trainee-hours, and the colleges left out of it
/// for want of a headcount (with what to change in the instrument).
pub(crate) fn budget_total(team: &TeamPlan, analysis: &Analysis, lang: Lang) -> String {
    let total = crate::format::number(team.total_trainee_hours, 2, lang);
    let missing: Vec<String> = team
        .without_headcount
        .iter()
        .map(|id| college_label(analysis, id, lang).unwrap_or_else(|| id.clone()))
        .collect();
    let mut out = match lang {
        Lang::Fr => format!("Total : {total} heures stagiaires, tous les collèges"),
        Lang::En => format!("Total: {total} trainee-hours, every college"),
    };
    if !missing.is_empty() {
        out.push_str(&match lang {
            Lang::Fr => format!(
                ", sans {} dont l'effectif est inconnu (déclarez-le dans `headcounts` de l'instrument)",
                missing.join(", ")
            ),
            Lang::En => format!(
                ", without {} whose headcount is unknown (declare it in the instrument's `headcounts`)",
                missing.join(", ")
            ),
        });
    }
    out.push('.');
    out
}

/// The report's opening, in easy-to-read French (or English): short sentences,
/// one idea each, numbers in words' company, no percentage, no id, no jargon, so
/// that persons supported and families read the essentials first.
pub(crate) fn plain_summary(
    analysis: &Analysis,
    team: &TeamPlan,
    instr: &CheckedInstrument,
    lang: Lang,
) -> Vec<String> {
    let fr = lang == Lang::Fr;
    let mut out = Vec::new();
    let people = analysis.respondents;
    out.push(if fr {
        format!("{people} personnes ont répondu au questionnaire.")
    } else {
        format!("{people} people answered the questionnaire.")
    });
    let groups: Vec<String> = analysis
        .colleges
        .iter()
        .map(|g| group_label(g, lang))
        .collect();
    if !groups.is_empty() {
        let list = and_list(&groups, lang);
        out.push(if fr {
            format!("Elles viennent de {} groupes : {list}.", groups.len())
        } else {
            format!("They come from {} groups: {list}.", groups.len())
        });
    }
    if !analysis.hidden_colleges.is_empty() {
        out.push(if fr {
            "Un groupe trop petit n'est pas montré, pour protéger les personnes.".to_string()
        } else {
            "A group too small is not shown, to protect the people in it.".to_string()
        });
    }
    let overall: Vec<(&str, f64)> = analysis
        .items
        .iter()
        .filter_map(|i| i.overall.as_ref().map(|s| (i.item.as_str(), s.position)))
        .collect();
    let favourable = overall.iter().filter(|(_, p)| *p >= 0.5).count();
    let total = overall.len();
    if total > 0 {
        out.push(if fr {
            format!("L'avis est plutôt favorable pour {favourable} questions sur {total}.")
        } else {
            format!("The opinion is rather favourable on {favourable} questions out of {total}.")
        });
        let best = overall.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        let worst = overall.iter().min_by(|a, b| a.1.total_cmp(&b.1));
        if let (Some((b, _)), Some((w, _))) = (best, worst) {
            let (b, w) = (item_text(instr, b, lang), item_text(instr, w, lang));
            out.push(if fr {
                format!("Le point le plus fort : « {b} »")
            } else {
                format!("The strongest point: \"{b}\"")
            });
            out.push(if fr {
                format!("Le point le plus faible : « {w} »")
            } else {
                format!("The weakest point: \"{w}\"")
            });
        }
    }
    if let Some(first) = team.objectives.first() {
        out.push(if fr {
            format!(
                "Le comité peut agir d'abord sur ce point : {}",
                first.text.get(lang)
            )
        } else {
            format!(
                "The committee can act first on this: {}",
                first.text.get(lang)
            )
        });
    }
    let split: std::collections::BTreeSet<&str> =
        analysis.dialogue.iter().map(|f| f.item.as_str()).collect();
    if !split.is_empty() {
        out.push(if fr {
            format!(
                "Sur {} questions, les avis ne sont pas les mêmes. Il faut en parler ensemble.",
                split.len()
            )
        } else {
            format!(
                "On {} questions, opinions differ. They need talking over together.",
                split.len()
            )
        });
    }
    // Numbered as every report numbers items: their place in the analysis.
    let priorities: Vec<String> = analysis
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| {
            analysis
                .priorities
                .iter()
                .any(|f| f.item == i.item && f.college.is_none())
        })
        .map(|(k, _)| (k + 1).to_string())
        .collect();
    if !priorities.is_empty() {
        let list = and_list(&priorities, lang);
        out.push(match (fr, priorities.len()) {
            (true, 1) => {
                format!("Pour l'ensemble des répondants, la priorité est la question n° {list}.")
            }
            (true, _) => format!(
                "Pour l'ensemble des répondants, les priorités sont les questions n° {list}."
            ),
            (false, 1) => format!("For all respondents, the priority is question no. {list}."),
            (false, _) => format!("For all respondents, the priorities are questions no. {list}."),
        });
    }
    out.push(if fr {
        "Chaque question est une seule fois dans le tableau « Item par item », avec tous ses chiffres.".to_string()
    } else {
        "Each question is in the \"Item by item\" table once, with all its figures.".to_string()
    });
    out.push(if fr {
        "La dernière colonne de ce tableau dit si c'est un point fort, une priorité ou un sujet à discuter.".to_string()
    } else {
        "The last column of that table says whether it is a strength, a priority or a subject to talk over.".to_string()
    });
    let overall_changes: Vec<f64> = analysis
        .changes
        .iter()
        .filter(|c| c.group.is_none())
        .map(|c| c.mean_after - c.mean_before)
        .collect();
    if !overall_changes.is_empty() {
        let moved = overall_changes.iter().sum::<f64>() / overall_changes.len() as f64;
        let words = match (fr, crate::format::number(moved, 1, lang).as_str()) {
            (true, "0") => "Depuis la dernière fois, l'avis moyen n'a pas changé.",
            (false, "0") => "Since last time, the average opinion has not changed.",
            (true, _) if moved > 0.0 => {
                "Depuis la dernière fois, l'avis moyen est devenu plus favorable."
            }
            (false, _) if moved > 0.0 => {
                "Since last time, the average opinion has become more favourable."
            }
            (true, _) => "Depuis la dernière fois, l'avis moyen est devenu moins favorable.",
            (false, _) => "Since last time, the average opinion has become less favourable.",
        };
        out.push(words.to_string());
    }
    out
}

/// Words joined as a sentence says them: « a, b et c » / "a, b and c".
pub(crate) fn and_list(words: &[String], lang: Lang) -> String {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!(
            "{} {} {last}",
            rest.join(", "),
            if lang == Lang::Fr { "et" } else { "and" }
        ),
        _ => words.concat(),
    }
}

/// What the analysis makes of one item, in words and without its figures (they
/// stand beside it in the item's row): strength, priority, subject for
/// dialogue, each naming the groups concerned. This is what lets a report show
/// each item once, with all its figures and all its classes, rather than once
/// per list it falls in. A finding of a college not published is never named.
pub(crate) fn item_verdicts<'a>(analysis: &'a Analysis, item: &str, lang: Lang) -> Vec<String> {
    use parcours::positioning::analysis::{Finding, Reason};
    let fr = lang == Lang::Fr;
    let of_item = |list: &'a [Finding]| -> Vec<&'a Finding> {
        list.iter()
            .filter(|f| f.item == item)
            .filter(|f| {
                f.college
                    .as_deref()
                    .is_none_or(|c| college_label(analysis, c, lang).is_some())
            })
            .collect()
    };
    let scope = |f: &&Finding| match &f.college {
        Some(c) => college_label(analysis, c, lang).unwrap_or_default(),
        None => if fr {
            "l'ensemble des répondants"
        } else {
            "all respondents"
        }
        .to_string(),
    };
    let mut out = Vec::new();
    for (word, list) in [
        (
            if fr { "Point fort" } else { "Strength" },
            &analysis.strengths,
        ),
        (
            if fr { "Priorité" } else { "Priority" },
            &analysis.priorities,
        ),
    ] {
        let groups: Vec<String> = of_item(list).iter().map(scope).collect();
        if !groups.is_empty() {
            out.push(format!(
                "{word} {} {}.",
                if fr { "pour" } else { "for" },
                and_list(&groups, lang)
            ));
        }
    }
    let dialogue = of_item(&analysis.dialogue);
    let split: Vec<String> = dialogue
        .iter()
        .filter(|f| matches!(f.reason, Reason::Dispersed { .. }))
        .map(scope)
        .collect();
    if !split.is_empty() {
        out.push(if fr {
            format!(
                "À discuter : avis partagés pour {}.",
                and_list(&split, lang)
            )
        } else {
            format!(
                "To talk over: opinions split for {}.",
                and_list(&split, lang)
            )
        });
    }
    let (low, high) = (
        analysis.scale.first().copied().unwrap_or(0.0),
        analysis.scale.last().copied().unwrap_or(1.0),
    );
    let top = crate::format::number(high, 2, lang);
    for f in &dialogue {
        if let Reason::CollegesApart {
            gap,
            low: l,
            high: h,
        } = &f.reason
        {
            let name = |id: &str| college_label(analysis, id, lang).unwrap_or_default();
            let gap = gap * (high - low);
            let points = crate::format::number(gap, 2, lang);
            out.push(if fr {
                format!(
                    "À discuter : « {} » et « {} » ne le voient pas pareil ({points} {} d'écart de moyenne sur {top}).",
                    name(h),
                    name(l),
                    if gap >= 2.0 { "points" } else { "point" }
                )
            } else {
                format!(
                    "To talk over: \"{}\" and \"{}\" do not see it alike ({points} {} apart in mean, out of {top}).",
                    name(h),
                    name(l),
                    if gap == 1.0 { "point" } else { "points" }
                )
            });
        }
    }
    out
}

/// A team plan's status in a word.
pub(crate) fn plan_status(status: PlanStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (PlanStatus::Optimal, _) => "optimal",
        (PlanStatus::Feasible, Lang::Fr) => "réalisable",
        (PlanStatus::Feasible, Lang::En) => "feasible",
        (PlanStatus::Unreachable, Lang::Fr) => "inatteignable",
        (PlanStatus::Unreachable, Lang::En) => "unreachable",
        // A status this version of the report does not name yet.
        (_, Lang::Fr) => "autre statut",
        (_, Lang::En) => "other status",
    }
}

/// A word with its first letter in capitals ("hors de portée" → "Hors de portée").
pub(crate) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A theme's title, or its id when the instrument has no such theme.
pub(crate) fn theme_title(instr: &CheckedInstrument, id: &str, lang: Lang) -> String {
    instr
        .themes()
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| id.to_string(), |t| t.title.get(lang).to_string())
}

/// An item's text, or its id when the instrument has no such item. A statement
/// worded negatively says so, wherever it is shown with figures: its figures
/// read « higher is better » like the others, which a reader of the statement
/// alone would not guess.
pub(crate) fn item_text(instr: &CheckedInstrument, id: &str, lang: Lang) -> String {
    match instr.items().iter().find(|i| i.id == id) {
        None => id.to_string(),
        Some(i) if i.reversed => match lang {
            Lang::Fr => format!(
                "{} (énoncé négatif : échelle inversée, plus haut = mieux)",
                i.text.get(lang)
            ),
            Lang::En => format!(
                "{} (negative statement: scale reversed, higher = better)",
                i.text.get(lang)
            ),
        },
        Some(i) => i.text.get(lang).to_string(),
    }
}

/// A published college's label, or `None` for a college not published.
pub(crate) fn college_label(analysis: &Analysis, id: &str, lang: Lang) -> Option<String> {
    analysis
        .colleges
        .iter()
        .find(|g| g.id == id)
        .map(|g| group_label(g, lang))
}

/// The labels of the colleges under the threshold (from the instrument: the
/// analysis holds nothing else of them), in the analysis's order.
pub(crate) fn hidden_colleges(
    analysis: &Analysis,
    instr: &CheckedInstrument,
    lang: Lang,
) -> Vec<String> {
    analysis
        .hidden_colleges
        .iter()
        .map(|id| {
            instr
                .colleges()
                .iter()
                .find(|c| &c.id == id)
                .map_or_else(|| id.clone(), |c| c.label.get(lang).to_string())
        })
        .collect()
}

/// The figures of `group` among a theme's or an item's `cells`, if published.
pub(crate) fn summary_of<'a>(cells: &'a [Cell], group: &str) -> Option<&'a Summary> {
    cells.iter().find(|c| c.group == group).map(|c| &c.summary)
}

/// A module's title, or `None` when the curriculum has no such module.
pub(crate) fn module_title(c: &Compiled, id: &str, lang: Lang) -> Option<String> {
    c.module_ix(id)
        .map(|m| c.document().modules[m.index()].title.get(lang).to_string())
}

/// A competency's title, or `None` when the curriculum has no such competency.
pub(crate) fn competency_title(c: &Compiled, id: &str, lang: Lang) -> Option<String> {
    c.competency_ix(id).map(|k| {
        c.document().framework.competencies[k.index()]
            .title
            .get(lang)
            .to_string()
    })
}

/// The label of `level` on competency `k`'s scale ("Maîtrise"), or `None` when the
/// scale has no such level.
pub(crate) fn level_name(c: &Compiled, k: CompetencyIx, level: u32, lang: Lang) -> Option<String> {
    let info = &c.competencies()[k.index()];
    c.document()
        .framework
        .scales
        .get(info.scale.index())
        .and_then(|s| s.levels.get(level as usize))
        .map(|l| l.label.get(lang).to_string())
}

/// A module's state as the terminal and the drawings name it: its mark and its
/// words, so that the status view and the drawing's legend say the same thing.
pub(crate) fn module_state(state: ModuleState, lang: Lang) -> (&'static str, &'static str) {
    let fr = lang == Lang::Fr;
    match (state, fr) {
        (ModuleState::Completed, true) => ("✓", "suivi"),
        (ModuleState::Completed, false) => ("✓", "completed"),
        (ModuleState::Expired, true) => ("↻", "périmé, à renouveler"),
        (ModuleState::Expired, false) => ("↻", "expired, to renew"),
        (ModuleState::NotForAudience, true) => ("·", "hors public"),
        (ModuleState::NotForAudience, false) => ("·", "not for this audience"),
        (ModuleState::MasteredByPositioning, true) => {
            ("⤳", "acquis au positionnement, peut être dispensé")
        }
        (ModuleState::MasteredByPositioning, false) => {
            ("⤳", "mastered at positioning, may be skipped")
        }
        (ModuleState::Available, true) => ("○", "accessible"),
        (ModuleState::Available, false) => ("○", "available"),
        (ModuleState::AvailableWithWarnings, true) => ("!", "accessible, avec réserve"),
        (ModuleState::AvailableWithWarnings, false) => ("!", "available, with a warning"),
        (ModuleState::Locked, true) => ("✗", "verrouillé"),
        (ModuleState::Locked, false) => ("✗", "locked"),
        // A state this version of the report does not word yet.
        (_, true) => ("·", "autre état"),
        (_, false) => ("·", "other state"),
    }
}
