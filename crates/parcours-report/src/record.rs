//! The individual record (dossier individuel): where one learner stands, as Markdown
//! or as one self-contained HTML page, for the learner, the trainer and the
//! training body's quality file (Qualiopi asks for the entry positioning and the
//! evaluation of what was acquired).

use parcours::curriculum::compiled::{CompetencyIx, Compiled};
use parcours::curriculum::model::ModuleKind;
use parcours::learner::progress::Progress;
use parcours::Lang;

use maud::PreEscaped;

use crate::format::{colon, date, markdown_cell, markdown_head, markdown_row, number, plural};
use crate::words::{competency_title, level_name, module_title};

/// A level as the record shows it, "Maîtrise (2)"; "—" for no level.
fn level_label(c: &Compiled, k: CompetencyIx, level: Option<u32>, lang: Lang) -> String {
    let Some(level) = level else {
        return "—".into();
    };
    level_name(c, k, level, lang).map_or_else(|| level.to_string(), |l| format!("{l} ({level})"))
}

/// Words of the individual record, in each language.
struct Words {
    title: &'static str,
    learner: &'static str,
    curriculum: &'static str,
    date: &'static str,
    completion: &'static str,
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
    expired_on: &'static str,
    acquired: &'static str,
    in_progress: &'static str,
    expired: &'static str,
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
    expired_on: "expiré le",
    acquired: "acquis",
    in_progress: "en progrès",
    expired: "preuve expirée",
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
    expired_on: "expired on",
    acquired: "acquired",
    in_progress: "in progress",
    expired: "evidence expired",
    unknown_versions: "unknown to this version, not counted",
    excluded: "excluded by the learner's constraints",
    colon: ": ",
};

fn source_name(source: parcours::curriculum::competency::Source, lang: Lang) -> &'static str {
    use parcours::curriculum::competency::Source::*;
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
        // A source this version of the report does not name yet.
        (_, Lang::Fr) => "autre source",
        (_, Lang::En) => "other source",
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

/// The progress sentence: hours done, left (the shortest plan's, as `plan` gives
/// them) and asked, then what the module counts count, in words (« 3 suivis,
/// 2 demandés », never « 3/2 »). A written completion rule (`expression`) asks for
/// no number of core or optional modules: only those followed are counted.
fn completion_sentence(p: &Progress, lang: Lang) -> String {
    let cp = &p.completion;
    let h = |x: f64| number(x, 2, lang);
    let n = |x: u32| x as usize;
    let (state, hours) = match lang {
        Lang::Fr => (
            match (cp.met, cp.reachable) {
                (true, _) => "parcours achevé".to_string(),
                (false, true) => "parcours en cours".to_string(),
                (false, false) => {
                    "parcours en cours, achèvement hors de portée (voir le plan)".to_string()
                }
            },
            format!(
                "{} h faites sur {} h, {} h {}",
                h(cp.done_hours),
                h(cp.required_hours),
                h(cp.remaining_hours),
                if cp.remaining_hours >= 2.0 {
                    "restantes"
                } else {
                    "restante"
                }
            ),
        ),
        Lang::En => (
            match (cp.met, cp.reachable) {
                (true, _) => "curriculum completed".to_string(),
                (false, true) => "curriculum in progress".to_string(),
                (false, false) => {
                    "curriculum in progress, completion out of reach (see the plan)".to_string()
                }
            },
            format!(
                "{} h done of {} h, {} h left",
                h(cp.done_hours),
                h(cp.required_hours),
                h(cp.remaining_hours)
            ),
        ),
    };
    // « modules socles : 3 suivis », then what the rule asks, when it asks a number.
    let followed = |fr: &str, en: &str, done: u32| match lang {
        Lang::Fr => format!(
            "{fr}{}{done} {}",
            colon(lang),
            plural(n(done), "suivi", "suivis", lang)
        ),
        Lang::En => format!("{en}{}{done} completed", colon(lang)),
    };
    let core = followed("modules socles", "core modules", cp.core.done);
    let optional = followed("modules optionnels", "optional modules", cp.optional.done);
    let (core, optional) = match (cp.expression.is_some(), lang) {
        (true, _) => (core, optional),
        (false, Lang::Fr) => (
            format!("{core} sur {}", cp.core.required),
            format!(
                "{optional}, {} {}",
                cp.optional.required,
                plural(n(cp.optional.required), "demandé", "demandés", lang)
            ),
        ),
        (false, Lang::En) => (
            format!("{core} of {}", cp.core.required),
            format!("{optional}, {} asked", cp.optional.required),
        ),
    };
    let semicolon = if lang == Lang::Fr { " ; " } else { "; " };
    format!(
        "{state} — {} % ({hours}){semicolon}{core}{semicolon}{optional}.",
        number(cp.percentage, 1, lang)
    )
}

fn sections(p: &Progress, c: &Compiled, lang: Lang) -> (String, Vec<String>, Vec<Section>) {
    let w = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    let doc = c.document();
    let module_title = |id: &str| module_title(c, id, lang).unwrap_or_else(|| id.to_string());
    let competency_title =
        |id: &str| competency_title(c, id, lang).unwrap_or_else(|| id.to_string());
    let colon = w.colon;
    let facts = vec![
        format!("{}{colon}{}", w.learner, p.learner),
        format!(
            "{}{colon}{} (version {})",
            w.curriculum,
            doc.title.get(lang),
            p.version
        ),
        format!("{}{colon}{}", w.date, date(&p.now, lang)),
    ];
    let mut sections = Vec::new();
    sections.push(Section {
        heading: w.completion.to_string(),
        sentence: Some(completion_sentence(p, lang)),
        table: None,
    });
    // Entry positioning: one row per piece, with the competency it is about.
    let entry_rows = entry_rows(p, c, lang);
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
        sentence: p.skipped.is_empty().then(|| w.skipped_none.to_string()),
        table: (!p.skipped.is_empty()).then(|| Table {
            header: vec![w.module.into(), w.source.into()],
            rows: p
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
                                date(&p.date, lang)
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
        sentence: p.followed.is_empty().then(|| w.followed_none.to_string()),
        table: (!p.followed.is_empty()).then(|| Table {
            header: vec![w.module.into(), w.date.into(), w.score.into()],
            rows: p
                .followed
                .iter()
                .map(|f| {
                    let mut when = date(&f.date, lang);
                    match (&f.expired_on, f.expired) {
                        (Some(lapsed), _) => when.push_str(&format!(
                            " ({} {}, {})",
                            w.expired_on,
                            date(lapsed, lang),
                            w.to_renew
                        )),
                        (None, true) => when.push_str(&format!(" ({})", w.to_renew)),
                        (None, false) => {}
                    }
                    vec![
                        module_title(&f.module),
                        when,
                        f.score.map(|s| number(s, 2, lang)).unwrap_or_default(),
                    ]
                })
                .collect(),
        }),
    });
    // With no earlier evidence there is no « before » date: the column is headed
    // « avant » alone, never « avant () ».
    let before = match &p.since {
        Some(since) => format!("{} ({})", w.before, date(since, lang)),
        None => w.before.to_string(),
    };
    sections.push(Section {
        heading: w.levels.to_string(),
        sentence: p.levels.is_empty().then(|| w.levels_none.to_string()),
        table: (!p.levels.is_empty()).then(|| Table {
            header: vec![
                w.competency.into(),
                before,
                format!("{} ({})", w.after, date(&p.now, lang)),
                String::new(),
            ],
            rows: p
                .levels
                .iter()
                .map(|l| {
                    let k = c.competency_ix(&l.competency);
                    let label = |level| {
                        k.map(|k| level_label(c, k, level, lang))
                            .unwrap_or_default()
                    };
                    let mut after = label(l.after);
                    if l.expired {
                        after = format!("{after} ({})", w.expired);
                    }
                    vec![
                        competency_title(&l.competency),
                        label(l.before),
                        after,
                        if l.acquired {
                            w.acquired.to_string()
                        } else if l.in_progress {
                            w.in_progress.to_string()
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
        sentence: p.remaining.is_empty().then(|| w.remaining_none.to_string()),
        table: (!p.remaining.is_empty()).then(|| Table {
            header: vec![w.module.into(), String::new()],
            rows: p
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
    if !p.history.carried.is_empty() || !p.history.unknown.is_empty() {
        let mut rows: Vec<Vec<String>> = p
            .history
            .carried
            .iter()
            .map(|h| vec![h.from.clone(), format!("→ {}", h.to)])
            .collect();
        rows.extend(
            p.history
                .unknown
                .iter()
                .map(|u| vec![u.id.clone(), w.unknown_versions.to_string()]),
        );
        sections.push(Section {
            heading: format!("{} ({})", w.history, p.history.record_version),
            sentence: None,
            table: Some(Table {
                header: vec![w.module.into(), String::new()],
                rows,
            }),
        });
    }
    (w.title.to_string(), facts, sections)
}

fn entry_rows(p: &Progress, c: &Compiled, lang: Lang) -> Vec<Vec<String>> {
    p.entry_positioning
        .iter()
        .map(|e| {
            let k = c.competency_ix(&e.piece.competency);
            let title = competency_title(c, &e.piece.competency, lang)
                .unwrap_or_else(|| e.piece.competency.clone());
            let mut level = k
                .map(|k| level_label(c, k, Some(e.piece.level), lang))
                .unwrap_or_default();
            if e.expired {
                let word = if lang == Lang::Fr {
                    "expiré"
                } else {
                    "expired"
                };
                level.push_str(&format!(" ({word})"));
            }
            vec![
                title,
                date(&e.piece.date, lang),
                source_name(e.piece.source, lang).to_string(),
                level,
            ]
        })
        .collect()
}

/// The individual record as Markdown.
pub fn markdown(p: &Progress, c: &Compiled, lang: Lang) -> String {
    let (title, facts, sections) = sections(p, c, lang);
    let mut out = format!("# {title}\n\n");
    for f in facts {
        out.push_str(&format!("- {}\n", markdown_cell(&f)));
    }
    for s in sections {
        out.push_str(&format!("\n## {}\n\n", markdown_cell(&s.heading)));
        if let Some(sentence) = s.sentence {
            out.push_str(&format!("{}\n", markdown_cell(&sentence)));
        }
        if let Some(t) = s.table {
            out.push_str(&format!("{}\n", markdown_head(&t.header)));
            for row in t.rows {
                out.push_str(&format!("{}\n", markdown_row(&row)));
            }
        }
    }
    out
}

/// The individual record as one self-contained HTML page (no external resource).
pub fn html(p: &Progress, c: &Compiled, lang: Lang) -> String {
    let (title, facts, sections) = sections(p, c, lang);
    let page = maud::html! {
        (maud::DOCTYPE) "\n"
        html lang=(lang.code()) {
            "\n"
            head {
                "\n" meta charset="utf-8"; "\n"
                title { (title) } "\n"
                style { "\n" (PreEscaped(CSS)) "\n" } "\n"
            }
            "\n"
            body {
                "\n"
                h1 { (title) } "\n"
                ul {
                    "\n"
                    @for f in &facts { li { (f) } "\n" }
                }
                "\n"
                @for s in &sections {
                    section {
                        "\n"
                        h2 { (s.heading) } "\n"
                        @if let Some(sentence) = &s.sentence { p { (sentence) } "\n" }
                        @if let Some(t) = &s.table {
                            table {
                                "\n"
                                thead { tr { @for h in &t.header { th scope="col" { (h) } } } } "\n"
                                tbody {
                                    "\n"
                                    @for row in &t.rows {
                                        tr { @for cell in row { td { (cell) } } } "\n"
                                    }
                                }
                                "\n"
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
            }
            "\n"
        }
        "\n"
    };
    page.into_string()
}

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left}\
th{background:#eef3f8}@media print{body{margin:0;max-width:none}section{break-inside:avoid}}";
