//! Progress against the completion rule, and the individual record a training body
//! files for each trainee: entry positioning, modules skipped and why, what was
//! followed, levels before and after, what remains.
//!
//! For progress, a module is *done* when it is completed (and still valid) or held by
//! positioning; an expired module is to renew, so it is not done (it still satisfies
//! other modules' prerequisites). Only modules for the learner's audience count.
//! The percentage is in hours: done hours over the hours the rule asks for — the
//! core modules, plus the optional hours the rule needs (`minOptionalHours`, or the
//! `minOptionalModules` shortest optional modules, whichever is more).

use serde::Serialize;

use crate::compiled::{CompetencyIx, Compiled, Completion, ModuleIx};
use crate::curriculum::ModuleKind;
use crate::date::Date;
use crate::evidence::{self, round4, Piece, PieceOutput};
use crate::learner::{History, Learner};
use crate::locale::Lang;
use crate::state::{Facts, ModuleState};
use crate::unlock;

/// Options of [`progress`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgressOptions {
    /// Levels "before" are taken on this date; default: the earliest evidence.
    pub since: Option<Date>,
}

/// Counts of modules and hours.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// Modules done.
    pub done: u32,
    /// Modules asked for.
    pub required: u32,
    /// Hours done.
    pub done_hours: f64,
    /// Hours asked for.
    pub required_hours: f64,
}

/// Progress on one group rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupProgress {
    /// Group id.
    pub group: String,
    /// Modules of the group done.
    pub done: u32,
    /// Hours of the group done.
    pub done_hours: f64,
    /// Whether the rule is met.
    pub met: bool,
}

/// Progress against the completion rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionProgress {
    /// Whether the curriculum is completed (rule and every group).
    pub met: bool,
    /// Core modules for the learner's audience.
    pub core: Tally,
    /// Optional modules against the rule's minimums.
    pub optional: Tally,
    /// Group rules.
    pub groups: Vec<GroupProgress>,
    /// For an explicit completion expression: whether it holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<bool>,
    /// Hours done that count towards completion.
    pub done_hours: f64,
    /// Hours the rule asks for.
    pub required_hours: f64,
    /// `done_hours / required_hours`, in percent, 4 decimals.
    pub percentage: f64,
}

/// A piece of the entry positioning.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryPiece {
    /// The piece.
    #[serde(flatten)]
    pub piece: PieceOutput,
}

/// A competency's level before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelChange {
    /// Competency id.
    pub competency: String,
    /// Level on the `since` date.
    pub before: Option<u32>,
    /// Level now.
    pub after: Option<u32>,
    /// Whether the level rose.
    pub acquired: bool,
}

/// A completed module.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Followed {
    /// Module id.
    pub module: String,
    /// Date.
    pub date: Date,
    /// Score, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Past its validity: to renew.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub expired: bool,
}

/// A module skipped because assessed evidence shows what it teaches.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    /// Module id.
    pub module: String,
    /// The evidence.
    pub evidence: Vec<PieceOutput>,
}

/// A module the completion rule still needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Remaining {
    /// Module id.
    pub module: String,
    /// Core or optional.
    pub kind: ModuleKind,
    /// Its state now.
    pub state: ModuleState,
    /// The learner's constraints exclude it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub excluded: bool,
}

/// The individual record of one learner.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Learner id.
    pub learner: String,
    /// Curriculum id.
    pub curriculum: String,
    /// Curriculum version.
    pub version: String,
    /// The date of the computation.
    pub now: Date,
    /// The date of "before".
    pub since: Option<Date>,
    /// Against the completion rule.
    pub completion: CompletionProgress,
    /// Assessed evidence up to `since`: the entry positioning.
    pub entry_positioning: Vec<EntryPiece>,
    /// Competencies whose level is known before or after.
    pub levels: Vec<LevelChange>,
    /// Modules followed, by date.
    pub followed: Vec<Followed>,
    /// Modules skipped by positioning.
    pub skipped: Vec<Skipped>,
    /// Core modules not done, and optional modules still possible when the optional
    /// minimums are not met.
    pub remaining: Vec<Remaining>,
    /// Carried and unknown ids.
    pub history: History,
}

/// Minutes as hours, rounded to 4 decimals (durations are kept in minutes).
pub(crate) fn hours(minutes: u64) -> f64 {
    round4(minutes as f64 / 60.0)
}

/// Levels of every competency as of `on`, from pieces dated on or before it.
fn levels_on(c: &Compiled, pieces: &[Piece], on: Date) -> Vec<Option<u32>> {
    c.competencies()
        .iter()
        .enumerate()
        .map(|(ci, info)| {
            let valid: Vec<&Piece> = pieces
                .iter()
                .filter(|p| {
                    p.competency.index() == ci
                        && p.date <= on
                        && !evidence::is_expired(&info.assessment, p, on)
                })
                .collect();
            evidence::combine(&info.assessment, &valid).0
        })
        .collect()
}

/// The learner's progress and individual record.
pub fn progress(c: &Compiled, learner: &Learner, options: ProgressOptions) -> Progress {
    let facts = Facts::new(c, learner);
    let n = c.modules().len();
    let states: Vec<ModuleState> = (0..n).map(|m| facts.state(ModuleIx(m as u32))).collect();
    let is_done = |m: usize| {
        matches!(
            states[m],
            ModuleState::Completed | ModuleState::MasteredByPositioning
        )
    };
    let for_learner = |m: usize| c.modules()[m].is_for(learner.audience);
    let minutes = |m: usize| u64::from(c.modules()[m].minutes);

    let core: Vec<usize> = (0..n)
        .filter(|&m| c.modules()[m].kind == ModuleKind::Core && for_learner(m))
        .collect();
    let optional: Vec<usize> = (0..n)
        .filter(|&m| c.modules()[m].kind == ModuleKind::Optional && for_learner(m))
        .collect();
    let core_done: Vec<usize> = core.iter().copied().filter(|&m| is_done(m)).collect();
    // A completed optional module counts even if it was meant for another audience:
    // what was followed was followed.
    let optional_done: Vec<usize> = (0..n)
        .filter(|&m| c.modules()[m].kind == ModuleKind::Optional && is_done(m))
        .collect();
    let core_minutes: u64 = core.iter().map(|&m| minutes(m)).sum();
    let core_done_minutes: u64 = core_done.iter().map(|&m| minutes(m)).sum();
    let optional_done_minutes: u64 = optional_done.iter().map(|&m| minutes(m)).sum();

    let groups: Vec<GroupProgress> = c
        .groups()
        .iter()
        .map(|g| {
            let done: Vec<usize> = g
                .modules
                .iter()
                .map(|m| m.index())
                .filter(|&m| is_done(m))
                .collect();
            let done_minutes: u64 = done.iter().map(|&m| minutes(m)).sum();
            let met = g.min_modules.is_none_or(|k| done.len() as u32 >= k)
                && g.min_minutes.is_none_or(|h| done_minutes >= u64::from(h));
            GroupProgress {
                group: g.id.clone(),
                done: done.len() as u32,
                done_hours: hours(done_minutes),
                met,
            }
        })
        .collect();
    let groups_met = groups.iter().all(|g| g.met);
    // The cheapest way to meet each unmet group with modules the learner may take,
    // counting only non-core members (core ones are required anyway).
    let mut group_members: Vec<usize> = Vec::new();
    let mut group_shortfall: u64 = 0;
    for (g, progress) in c.groups().iter().zip(&groups) {
        if progress.met {
            continue;
        }
        let mut open: Vec<usize> = g
            .modules
            .iter()
            .map(|m| m.index())
            .filter(|&m| !is_done(m) && for_learner(m))
            .collect();
        open.sort_by_key(|&m| (minutes(m), c.modules()[m].id.clone()));
        group_members.extend(open.iter().copied());
        let mut done_minutes = (progress.done_hours * 60.0).round() as u64;
        for (count, m) in (progress.done..).zip(open) {
            let enough_modules = g.min_modules.is_none_or(|k| count >= k);
            let enough_minutes = g.min_minutes.is_none_or(|h| done_minutes >= u64::from(h));
            if enough_modules && enough_minutes {
                break;
            }
            done_minutes += minutes(m);
            if c.modules()[m].kind != ModuleKind::Core {
                group_shortfall += minutes(m);
            }
        }
    }

    let core_tally = Tally {
        done: core_done.len() as u32,
        required: core.len() as u32,
        done_hours: hours(core_done_minutes),
        required_hours: hours(core_minutes),
    };
    let (completion, remaining_optional) = match c.completion() {
        Completion::CoreAndOptional {
            min_optional_modules,
            min_optional_minutes,
        } => {
            let mut lengths: Vec<u64> = optional.iter().map(|&m| minutes(m)).collect();
            lengths.sort_unstable();
            let k = *min_optional_modules as usize;
            let shortest: u64 = lengths.iter().take(k).sum();
            let target = shortest.max(u64::from(*min_optional_minutes));
            let optional_met = optional_done.len() >= k
                && optional_done_minutes >= u64::from(*min_optional_minutes);
            let done = core_done_minutes + optional_done_minutes.min(target);
            let required = core_minutes + target + group_shortfall;
            let met = core_done.len() == core.len() && optional_met && groups_met;
            (
                CompletionProgress {
                    met,
                    core: core_tally.clone(),
                    optional: Tally {
                        done: optional_done.len() as u32,
                        required: k as u32,
                        done_hours: hours(optional_done_minutes),
                        required_hours: hours(u64::from(*min_optional_minutes)),
                    },
                    groups,
                    expression: None,
                    done_hours: hours(done),
                    required_hours: hours(required),
                    percentage: percentage(done, required, met),
                },
                !optional_met,
            )
        }
        Completion::Expression(cond) => {
            let holds = facts.holds(cond);
            let done_minutes: u64 = (0..n)
                .filter(|&m| is_done(m) && for_learner(m))
                .map(minutes)
                .sum();
            let left = unlock::unlock(c, cond, &facts).map_or(0, |u| u64::from(u.minutes));
            let required = done_minutes + left + group_shortfall;
            (
                CompletionProgress {
                    met: holds && groups_met,
                    core: core_tally.clone(),
                    optional: Tally {
                        done: optional_done.len() as u32,
                        required: 0,
                        done_hours: hours(optional_done_minutes),
                        required_hours: 0.0,
                    },
                    groups,
                    expression: Some(holds),
                    done_hours: hours(done_minutes),
                    required_hours: hours(required),
                    percentage: percentage(done_minutes, required, holds && groups_met),
                },
                false,
            )
        }
    };

    let mut remaining: Vec<Remaining> = core
        .iter()
        .copied()
        .filter(|&m| !is_done(m))
        .map(|m| Remaining {
            module: c.modules()[m].id.clone(),
            kind: ModuleKind::Core,
            state: states[m],
            excluded: learner.excluded.contains(&ModuleIx(m as u32)),
        })
        .collect();
    if remaining_optional {
        remaining.extend(
            optional
                .iter()
                .copied()
                .filter(|&m| !is_done(m))
                .map(|m| Remaining {
                    module: c.modules()[m].id.clone(),
                    kind: ModuleKind::Optional,
                    state: states[m],
                    excluded: learner.excluded.contains(&ModuleIx(m as u32)),
                }),
        );
    }
    for m in group_members {
        if !remaining.iter().any(|r| r.module == c.modules()[m].id) {
            remaining.push(Remaining {
                module: c.modules()[m].id.clone(),
                kind: c.modules()[m].kind,
                state: states[m],
                excluded: learner.excluded.contains(&ModuleIx(m as u32)),
            });
        }
    }

    // Before and after.
    // By default "before" is the entry positioning: the earliest assessed evidence.
    let earliest = learner.pieces.iter().map(|p| p.date).min();
    let since = options.since.or(earliest);
    let before = since.map(|s| levels_on(c, facts.pieces(), s));
    let levels = c
        .competencies()
        .iter()
        .enumerate()
        .filter_map(|(ci, info)| {
            let b = before.as_ref().and_then(|v| v[ci]);
            let a = facts.levels[ci];
            (a.is_some() || b.is_some()).then(|| LevelChange {
                competency: info.id.clone(),
                before: b,
                after: a,
                acquired: match (b, a) {
                    (None, Some(_)) => true,
                    (Some(b), Some(a)) => a > b,
                    _ => false,
                },
            })
        })
        .collect();
    let entry_positioning = match since {
        Some(s) => learner
            .pieces
            .iter()
            .filter(|p| p.date <= s)
            .map(|p| EntryPiece {
                piece: PieceOutput::new(c, p),
            })
            .collect(),
        None => Vec::new(),
    };

    let mut followed: Vec<Followed> = learner
        .completions
        .iter()
        .map(|done| Followed {
            module: c.module(done.module).id.clone(),
            date: done.date,
            score: done.score,
            expired: states[done.module.index()] == ModuleState::Expired,
        })
        .collect();
    followed.sort_by(|a, b| a.date.cmp(&b.date).then(a.module.cmp(&b.module)));

    let skipped = (0..n)
        .filter(|&m| states[m] == ModuleState::MasteredByPositioning)
        .map(|m| Skipped {
            module: c.modules()[m].id.clone(),
            evidence: mastery_evidence(c, learner, &facts, ModuleIx(m as u32)),
        })
        .collect();

    let doc = c.document();
    Progress {
        learner: learner.id.clone(),
        curriculum: doc.id.clone(),
        version: doc.version.clone(),
        now: learner.now,
        since,
        completion,
        entry_positioning,
        levels,
        followed,
        skipped,
        remaining,
        history: learner.history.clone(),
    }
}

/// Done over required, in percent; never 100 while the rule is not met (a group
/// the learner cannot meet, say, still leaves something to do).
fn percentage(done: u64, required: u64, met: bool) -> f64 {
    let raw = if required == 0 {
        100.0
    } else {
        round4(100.0 * (done.min(required)) as f64 / required as f64)
    };
    if met {
        raw
    } else {
        raw.min(99.99)
    }
}

/// The assessed evidence that shows a module is mastered.
pub(crate) fn mastery_evidence(
    c: &Compiled,
    learner: &Learner,
    facts: &Facts<'_>,
    m: ModuleIx,
) -> Vec<PieceOutput> {
    let mut out = Vec::new();
    for &(k, _) in &c.module(m).teaches {
        let info = &c.competencies()[k.index()];
        let assessed: Vec<&Piece> = facts
            .pieces()
            .iter()
            .filter(|p| {
                p.competency == k
                    && p.source != crate::competency::Source::Completion
                    && !evidence::is_expired(&info.assessment, p, learner.now)
            })
            .collect();
        let (_, used) = evidence::mastery_level(&info.assessment, &assessed, learner.now);
        out.extend(used.into_iter().map(|p| PieceOutput::new(c, p)));
    }
    out
}

fn level_label(c: &Compiled, k: CompetencyIx, level: Option<u32>, lang: Lang) -> String {
    let Some(level) = level else {
        return "—".into();
    };
    let info = &c.competencies()[k.index()];
    c.document()
        .framework
        .scales
        .get(info.scale.index())
        .and_then(|s| s.levels.get(level as usize))
        .map(|l| format!("{} ({level})", l.label.get(lang)))
        .unwrap_or_else(|| level.to_string())
}

/// Words of the individual record, in each language.
struct Words {
    title: &'static str,
    learner: &'static str,
    curriculum: &'static str,
    date: &'static str,
    completion: &'static str,
    completed_yes: &'static str,
    completed_no: &'static str,
    core: &'static str,
    optional: &'static str,
    entry: &'static str,
    entry_none: &'static str,
    skipped: &'static str,
    skipped_none: &'static str,
    followed: &'static str,
    followed_none: &'static str,
    levels: &'static str,
    levels_none: &'static str,
    before: &'static str,
    after: &'static str,
    remaining: &'static str,
    remaining_none: &'static str,
    history: &'static str,
    competency: &'static str,
    module: &'static str,
    score: &'static str,
    source: &'static str,
    level: &'static str,
    to_renew: &'static str,
    acquired: &'static str,
    unknown_versions: &'static str,
    excluded: &'static str,
    colon: &'static str,
}

const FR: Words = Words {
    title: "Dossier individuel de formation",
    learner: "Apprenant",
    curriculum: "Parcours",
    date: "Date",
    completion: "Avancement",
    completed_yes: "parcours achevé",
    completed_no: "parcours en cours",
    core: "modules socles",
    optional: "modules optionnels",
    entry: "Positionnement à l'entrée",
    entry_none: "Aucune preuve de positionnement.",
    skipped: "Modules dispensés par le positionnement",
    skipped_none: "Aucun module dispensé.",
    followed: "Modules suivis",
    followed_none: "Aucun module suivi.",
    levels: "Niveaux avant et après",
    levels_none: "Aucun niveau connu.",
    before: "avant",
    after: "après",
    remaining: "Reste à faire",
    remaining_none: "Rien : la règle d'achèvement est remplie.",
    history: "Historique repris d'une autre version du parcours",
    competency: "Compétence",
    module: "Module",
    score: "Score",
    source: "Source",
    level: "Niveau",
    to_renew: "à renouveler",
    acquired: "acquis",
    unknown_versions: "inconnu de cette version, non compté",
    excluded: "exclu par les contraintes de l'apprenant",
    colon: " : ",
};

const EN: Words = Words {
    title: "Individual training record",
    learner: "Learner",
    curriculum: "Curriculum",
    date: "Date",
    completion: "Progress",
    completed_yes: "curriculum completed",
    completed_no: "curriculum in progress",
    core: "core modules",
    optional: "optional modules",
    entry: "Entry positioning",
    entry_none: "No positioning evidence.",
    skipped: "Modules skipped by positioning",
    skipped_none: "No module skipped.",
    followed: "Modules followed",
    followed_none: "No module followed.",
    levels: "Levels before and after",
    levels_none: "No level known.",
    before: "before",
    after: "after",
    remaining: "What remains",
    remaining_none: "Nothing: the completion rule is met.",
    history: "History carried from another version of the curriculum",
    competency: "Competency",
    module: "Module",
    score: "Score",
    source: "Source",
    level: "Level",
    to_renew: "to renew",
    acquired: "acquired",
    unknown_versions: "unknown to this version, not counted",
    excluded: "excluded by the learner's constraints",
    colon: ": ",
};

fn source_name(source: crate::competency::Source, lang: Lang) -> &'static str {
    use crate::competency::Source::*;
    match (source, lang) {
        (SelfAssessment, Lang::Fr) => "autoévaluation",
        (SelfAssessment, Lang::En) => "self-assessment",
        (TrainerAssessment, Lang::Fr) => "évaluation du formateur",
        (TrainerAssessment, Lang::En) => "trainer assessment",
        (Quiz, Lang::Fr) => "quiz",
        (Quiz, Lang::En) => "quiz",
        (Observation, Lang::Fr) => "observation en situation",
        (Observation, Lang::En) => "observation in situ",
        (Peer, Lang::Fr) => "évaluation par un pair",
        (Peer, Lang::En) => "peer assessment",
        (Completion, Lang::Fr) => "module suivi",
        (Completion, Lang::En) => "module completed",
    }
}

/// A table: header cells and rows of cells (plain text).
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// One section of the individual record: a heading, then a sentence or a table.
struct Section {
    heading: String,
    sentence: Option<String>,
    table: Option<Table>,
}

impl Progress {
    fn sections(&self, c: &Compiled, lang: Lang) -> (String, Vec<String>, Vec<Section>) {
        let w = match lang {
            Lang::Fr => &FR,
            Lang::En => &EN,
        };
        let doc = c.document();
        let module_title = |id: &str| {
            c.module_ix(id)
                .map(|m| doc.modules[m.index()].title.get(lang).to_string())
                .unwrap_or_else(|| id.to_string())
        };
        let competency_ix = |id: &str| c.competency_ix(id);
        let competency_title = |id: &str| {
            competency_ix(id)
                .map(|k| {
                    doc.framework.competencies[k.index()]
                        .title
                        .get(lang)
                        .to_string()
                })
                .unwrap_or_else(|| id.to_string())
        };
        let colon = w.colon;
        let semicolon = if lang == Lang::Fr { " ; " } else { "; " };
        let facts = vec![
            format!("{}{colon}{}", w.learner, self.learner),
            format!(
                "{}{colon}{} (version {})",
                w.curriculum,
                doc.title.get(lang),
                self.version
            ),
            format!("{}{colon}{}", w.date, self.now),
        ];
        let mut sections = Vec::new();
        let cp = &self.completion;
        sections.push(Section {
            heading: w.completion.to_string(),
            sentence: Some(format!(
                "{} — {} % ({} h / {} h){semicolon}{}{colon}{}/{}{semicolon}{}{colon}{}/{}.",
                if cp.met {
                    w.completed_yes
                } else {
                    w.completed_no
                },
                number(cp.percentage, 1, lang),
                number(cp.done_hours, 2, lang),
                number(cp.required_hours, 2, lang),
                w.core,
                cp.core.done,
                cp.core.required,
                w.optional,
                cp.optional.done,
                cp.optional.required
            )),
            table: None,
        });
        // Entry positioning: one row per piece, with the competency it is about.
        let entry_rows = self.entry_rows(c, lang);
        sections.push(Section {
            heading: w.entry.to_string(),
            sentence: entry_rows.is_empty().then(|| w.entry_none.to_string()),
            table: (!entry_rows.is_empty()).then(|| Table {
                header: vec![
                    w.competency.into(),
                    w.date.into(),
                    w.source.into(),
                    w.level.into(),
                ],
                rows: entry_rows,
            }),
        });
        sections.push(Section {
            heading: w.skipped.to_string(),
            sentence: self.skipped.is_empty().then(|| w.skipped_none.to_string()),
            table: (!self.skipped.is_empty()).then(|| Table {
                header: vec![w.module.into(), w.source.into()],
                rows: self
                    .skipped
                    .iter()
                    .map(|s| {
                        let evidence = s
                            .evidence
                            .iter()
                            .map(|p| {
                                let level = c
                                    .competency_ix(&p.competency)
                                    .map(|k| level_label(c, k, Some(p.level), lang))
                                    .unwrap_or_default();
                                format!(
                                    "{} — {} ({}, {})",
                                    competency_title(&p.competency),
                                    level,
                                    source_name(p.source, lang),
                                    p.date
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" ; ");
                        vec![module_title(&s.module), evidence]
                    })
                    .collect(),
            }),
        });
        sections.push(Section {
            heading: w.followed.to_string(),
            sentence: self
                .followed
                .is_empty()
                .then(|| w.followed_none.to_string()),
            table: (!self.followed.is_empty()).then(|| Table {
                header: vec![w.module.into(), w.date.into(), w.score.into()],
                rows: self
                    .followed
                    .iter()
                    .map(|f| {
                        let mut date = f.date.to_string();
                        if f.expired {
                            date.push_str(&format!(" ({})", w.to_renew));
                        }
                        vec![
                            module_title(&f.module),
                            date,
                            f.score.map(|s| s.to_string()).unwrap_or_default(),
                        ]
                    })
                    .collect(),
            }),
        });
        let since = self.since.map(|s| s.to_string()).unwrap_or_default();
        sections.push(Section {
            heading: w.levels.to_string(),
            sentence: self.levels.is_empty().then(|| w.levels_none.to_string()),
            table: (!self.levels.is_empty()).then(|| Table {
                header: vec![
                    w.competency.into(),
                    format!("{} ({since})", w.before),
                    format!("{} ({})", w.after, self.now),
                    String::new(),
                ],
                rows: self
                    .levels
                    .iter()
                    .map(|l| {
                        let k = competency_ix(&l.competency);
                        let label = |level| {
                            k.map(|k| level_label(c, k, level, lang))
                                .unwrap_or_default()
                        };
                        vec![
                            competency_title(&l.competency),
                            label(l.before),
                            label(l.after),
                            if l.acquired {
                                w.acquired.to_string()
                            } else {
                                String::new()
                            },
                        ]
                    })
                    .collect(),
            }),
        });
        sections.push(Section {
            heading: w.remaining.to_string(),
            sentence: self
                .remaining
                .is_empty()
                .then(|| w.remaining_none.to_string()),
            table: (!self.remaining.is_empty()).then(|| Table {
                header: vec![w.module.into(), String::new()],
                rows: self
                    .remaining
                    .iter()
                    .map(|r| {
                        let kind = match r.kind {
                            ModuleKind::Core => w.core,
                            ModuleKind::Optional => w.optional,
                        };
                        let mut note = kind.to_string();
                        if r.excluded {
                            note.push_str(&format!(" ({})", w.excluded));
                        }
                        vec![module_title(&r.module), note]
                    })
                    .collect(),
            }),
        });
        if !self.history.carried.is_empty() || !self.history.unknown.is_empty() {
            let mut rows: Vec<Vec<String>> = self
                .history
                .carried
                .iter()
                .map(|h| vec![h.from.clone(), format!("→ {}", h.to)])
                .collect();
            rows.extend(
                self.history
                    .unknown
                    .iter()
                    .map(|u| vec![u.id.clone(), w.unknown_versions.to_string()]),
            );
            sections.push(Section {
                heading: format!("{} ({})", w.history, self.history.record_version),
                sentence: None,
                table: Some(Table {
                    header: vec![w.module.into(), String::new()],
                    rows,
                }),
            });
        }
        (w.title.to_string(), facts, sections)
    }

    fn entry_rows(&self, c: &Compiled, lang: Lang) -> Vec<Vec<String>> {
        self.entry_positioning
            .iter()
            .map(|e| {
                let k = c.competency_ix(&e.piece.competency);
                let title = k
                    .map(|k| {
                        c.document().framework.competencies[k.index()]
                            .title
                            .get(lang)
                            .to_string()
                    })
                    .unwrap_or_else(|| e.piece.competency.clone());
                let level = k
                    .map(|k| level_label(c, k, Some(e.piece.level), lang))
                    .unwrap_or_default();
                vec![
                    title,
                    e.piece.date.to_string(),
                    source_name(e.piece.source, lang).to_string(),
                    level,
                ]
            })
            .collect()
    }

    /// The individual record as Markdown.
    pub fn to_markdown(&self, c: &Compiled, lang: Lang) -> String {
        let (title, facts, sections) = self.sections(c, lang);
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = format!("# {title}\n\n");
        for f in facts {
            out.push_str(&format!("- {}\n", cell(&f)));
        }
        for s in sections {
            out.push_str(&format!("\n## {}\n\n", cell(&s.heading)));
            if let Some(sentence) = s.sentence {
                out.push_str(&format!("{}\n", cell(&sentence)));
            }
            if let Some(t) = s.table {
                out.push_str(&format!(
                    "| {} |\n",
                    t.header
                        .iter()
                        .map(|h| cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!("|{}\n", "---|".repeat(t.header.len())));
                for row in t.rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        row.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")
                    ));
                }
            }
        }
        out
    }

    /// The individual record as one self-contained HTML page (no external resource).
    pub fn to_html(&self, c: &Compiled, lang: Lang) -> String {
        let (title, facts, sections) = self.sections(c, lang);
        let mut out = String::new();
        out.push_str(&format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n<ul>\n",
            lang.code(),
            escape(&title),
            CSS,
            escape(&title)
        ));
        for f in facts {
            out.push_str(&format!("<li>{}</li>\n", escape(&f)));
        }
        out.push_str("</ul>\n");
        for s in sections {
            out.push_str(&format!("<section>\n<h2>{}</h2>\n", escape(&s.heading)));
            if let Some(sentence) = s.sentence {
                out.push_str(&format!("<p>{}</p>\n", escape(&sentence)));
            }
            if let Some(t) = s.table {
                out.push_str("<table>\n<thead><tr>");
                for h in &t.header {
                    out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in &t.rows {
                    out.push_str("<tr>");
                    for cell in row {
                        out.push_str(&format!("<td>{}</td>", escape(cell)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            out.push_str("</section>\n");
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left}\
th{background:#eef3f8}@media print{body{margin:0;max-width:none}section{break-inside:avoid}}";

/// A number with at most `decimals` decimals, with a decimal comma in French.
fn number(x: f64, decimals: i32, lang: Lang) -> String {
    let factor = libm::pow(10.0, f64::from(decimals));
    let rounded = libm::round(x * factor) / factor;
    let text = format!("{rounded}");
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
