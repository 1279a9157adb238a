//! Semantic checks of a structurally valid curriculum.
//!
//! The checks run in the order a designer fixes things: ids, then references, then
//! values, then the graph (cycles, reachability, stage order), then rules (groups,
//! completion), then advice (warnings). Every problem is reported; nothing stops at
//! the first. What the checks resolve on the way (ids to positions, expressions to
//! [`Cond`]s) is kept in [`Checked`], from which [`super::compile`] builds the
//! compiled form when there is no error, so that form never holds a dangling index
//! or a cycle.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::curriculum::competency::{Assessment, Method, Source, SourceWeights};
use crate::curriculum::compiled::{
    minutes, topological_order, AssessmentRule, CompetencyIx, Completion, Cond, ExemptionRule,
    ModuleIx, Op, ScaleInfo, DEFAULT_DECAY_W, DEFAULT_SOURCE_WEIGHTS,
};
use crate::curriculum::model::{CompletionRule, Curriculum, ModuleKind, FORMAT_VERSION};
use crate::curriculum::prerequisite::Expr;
use crate::read::diagnostic::{Code, Diagnostic, Severity, MAX_DIAGNOSTICS};
use crate::read::french;
use crate::read::locale::{Lang, Text};
use crate::read::order;

/// Longest id accepted.
pub(crate) const MAX_ID_LEN: usize = 64;

/// Whether `id` is a valid id: 1 to 64 of `a-z 0-9 - _ .`, starting with a letter
/// or digit. Ids travel in URLs, file names, CSV headers and `curriculum/module`
/// citations, so they stay plain ASCII and never contain `/`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= MAX_ID_LEN
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// The `invalid-id` diagnostic of `id`, which is not valid ([`is_valid_id`]): with
/// the same id without accents, capitals or spaces (`repérer` → `reperer`, `Choix 1`
/// → `choix-1`) when that is all that is wrong.
pub(crate) fn invalid_id(id: &str, pointer: String) -> Diagnostic {
    let plain = french::plain_id(id);
    let d = Diagnostic::new(Code::InvalidId, pointer).arg("id", id);
    if is_valid_id(&plain) {
        d.local(
            "suggestion",
            format!("écrivez `{plain}` : "),
            format!("write `{plain}`: "),
        )
    } else {
        d.local("suggestion", "", "")
    }
}

/// Checks a curriculum: every diagnostic, and what the checks resolved (for
/// [`super::compile::compile`]).
pub(crate) fn check(doc: &Curriculum) -> Checked<'_> {
    let mut checked = Checked::new(doc);
    if doc.format_version != FORMAT_VERSION {
        checked.push(
            Diagnostic::new(Code::FormatVersion, "/formatVersion")
                .arg("found", doc.format_version)
                .arg("supported", FORMAT_VERSION),
        );
        return checked;
    }
    checked.run();
    checked
}

/// Longest module accepted, in hours: ten thousand hours is some seven years of
/// full-time training, so anything longer is a typo (minutes instead of hours, a
/// digit too many). It also keeps every sum of minutes far from any overflow.
pub const MAX_DURATION_HOURS: f64 = 10_000.0;

/// Longest validity period accepted, in months (a hundred years): past it, a date
/// of expiry would leave the calendar.
pub const MAX_VALIDITY_MONTHS: u32 = 1_200;

/// A table of ids of one kind: id → first position, with its pointer.
pub(super) struct Ids {
    pub(super) by_id: BTreeMap<String, u32>,
}

impl Ids {
    pub(super) fn get(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// The ids a reference may be told it meant: valid ones only (an invalid id is
    /// reported at its declaration, with the valid spelling, which is here too).
    fn names(&self) -> impl Iterator<Item = &str> {
        self.by_id
            .keys()
            .map(String::as_str)
            .filter(|id| is_valid_id(id))
    }
}

/// A curriculum as the checks leave it: its diagnostics, and the references they
/// resolved on the way (id tables, expressions as [`Cond`]s, the completion rule,
/// scales), which compilation reuses rather than resolving them again.
pub(crate) struct Checked<'d> {
    pub(super) doc: &'d Curriculum,
    pub(super) out: Vec<Diagnostic>,
    pub(super) audiences: Ids,
    scales: Ids,
    pub(super) competencies: Ids,
    pub(super) stages: Ids,
    pub(super) modules: Ids,
    resources: Ids,
    pub(super) replaced_modules: BTreeMap<String, u32>,
    pub(super) replaced_competencies: BTreeMap<String, u32>,
    /// Scale of each competency (by index), once resolved.
    pub(super) competency_scale: Vec<Option<usize>>,
    /// Compiled expressions, `None` where a reference failed.
    pub(super) requires: Vec<Option<Cond>>,
    pub(super) recommends: Vec<Option<Cond>>,
    pub(super) completion: Option<Completion>,
    pub(super) scale_infos: Vec<ScaleInfo>,
}

fn hours_text(minutes: u64) -> String {
    let hours = minutes as f64 / 60.0;
    format!("{}", (hours * 100.0).round() / 100.0)
}

impl<'d> Checked<'d> {
    fn new(doc: &'d Curriculum) -> Self {
        let empty = || Ids {
            by_id: BTreeMap::new(),
        };
        Checked {
            doc,
            out: Vec::new(),
            audiences: empty(),
            scales: empty(),
            competencies: empty(),
            stages: empty(),
            modules: empty(),
            resources: empty(),
            replaced_modules: BTreeMap::new(),
            replaced_competencies: BTreeMap::new(),
            competency_scale: Vec::new(),
            requires: Vec::new(),
            recommends: Vec::new(),
            completion: None,
            scale_infos: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    /// Pushes unless the same code is already reported at the same place (a rule
    /// inherited by many competencies is one mistake, said once).
    fn push_once(&mut self, d: Diagnostic) {
        if !self
            .out
            .iter()
            .any(|o| o.code == d.code && o.pointer == d.pointer)
        {
            self.out.push(d);
        }
    }

    pub(super) fn has_errors(&self) -> bool {
        self.out.iter().any(|d| d.severity() == Severity::Error)
    }

    fn run(&mut self) {
        let doc = self.doc;
        if !doc.languages.contains(&Lang::Fr) {
            self.push(Diagnostic::new(Code::FrenchMissing, "/languages"));
        }
        self.check_id(&doc.id, "/id".to_string());
        self.collect_ids();
        self.check_framework();
        self.check_modules();
        self.check_groups();
        self.check_completion();
        self.check_graph();
        self.advise();
    }

    fn check_id(&mut self, id: &str, pointer: String) {
        if !is_valid_id(id) {
            self.push(invalid_id(id, pointer));
        }
    }

    /// Warns when a number of hours looks like hours and minutes (`3.30` for
    /// 3 h 30, which counts 3 h 18): see [`french::hours_minutes`] for the rule.
    fn check_hours(&mut self, hours: f64, field: &str, pointer: String) {
        let Some((h, m)) = french::hours_minutes(hours) else {
            return;
        };
        let total = minutes(hours);
        let read = format!("{} h {:02}", total / 60, total % 60);
        let meant = french::decimal_hours(h as f64 + m as f64 / 60.0);
        self.push(
            Diagnostic::new(Code::HoursMinutes, pointer)
                .arg("field", field)
                .arg("value", french::decimal_hours(hours))
                .arg("read", read)
                .arg("hm", format!("{h} h {m:02}"))
                .arg("meant", meant),
        );
    }

    /// Builds an id table from `(id, pointer)` pairs, reporting invalid and duplicate ids.
    fn table(&mut self, entries: Vec<(&str, String)>, what: (&str, &str)) -> Ids {
        let mut by_id = BTreeMap::new();
        let mut first_pointer: BTreeMap<&str, String> = BTreeMap::new();
        let mut aliases = Vec::new();
        for (i, (id, pointer)) in entries.into_iter().enumerate() {
            self.check_id(id, format!("{pointer}/id"));
            if !is_valid_id(id) {
                aliases.push((french::plain_id(id), i as u32));
            }
            match first_pointer.get(id) {
                Some(first) => {
                    let d = Diagnostic::new(Code::DuplicateId, format!("{pointer}/id"))
                        .arg("id", id)
                        .local("what", what.0, what.1)
                        .arg("first", first);
                    self.push(d);
                }
                None => {
                    first_pointer.insert(id, pointer);
                    by_id.insert(id.to_string(), i as u32);
                }
            }
        }
        // An invalid id is reported once, where it is declared, with the id it
        // should be: references already written that way (`reperer` for a declared
        // `repérer`) find it, rather than each being called unknown too.
        for (plain, i) in aliases {
            if is_valid_id(&plain) {
                by_id.entry(plain).or_insert(i);
            }
        }
        Ids { by_id }
    }

    fn collect_ids(&mut self) {
        let doc = self.doc;
        let entries = |ids: Vec<&'d str>, base: &str| -> Vec<(&'d str, String)> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id, format!("{base}/{i}")))
                .collect()
        };
        self.audiences = self.table(
            entries(
                doc.audiences.iter().map(|a| a.id.as_str()).collect(),
                "/audiences",
            ),
            ("publics", "audiences"),
        );
        self.scales = self.table(
            entries(
                doc.framework.scales.iter().map(|s| s.id.as_str()).collect(),
                "/framework/scales",
            ),
            ("échelles", "scales"),
        );
        for (s, scale) in doc.framework.scales.iter().enumerate() {
            self.table(
                entries(
                    scale.levels.iter().map(|l| l.id.as_str()).collect(),
                    &format!("/framework/scales/{s}/levels"),
                ),
                ("niveaux de l'échelle", "levels of the scale"),
            );
        }
        self.competencies = self.table(
            entries(
                doc.framework
                    .competencies
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect(),
                "/framework/competencies",
            ),
            ("compétences", "competencies"),
        );
        self.stages = self.table(
            entries(
                doc.stages.iter().map(|s| s.id.as_str()).collect(),
                "/stages",
            ),
            ("étapes", "stages"),
        );
        self.modules = self.table(
            entries(
                doc.modules.iter().map(|m| m.id.as_str()).collect(),
                "/modules",
            ),
            ("modules", "modules"),
        );
        self.table(
            entries(
                doc.groups.iter().map(|g| g.id.as_str()).collect(),
                "/groups",
            ),
            ("groupes", "groups"),
        );
        self.resources = self.table(
            entries(
                doc.resources.iter().map(|r| r.id.as_str()).collect(),
                "/resources",
            ),
            ("ressources", "resources"),
        );

        // `replaces`: an old id may be taken over once, and must no longer be live.
        let mut replaced_modules = BTreeMap::new();
        for (i, module) in doc.modules.iter().enumerate() {
            for (j, old) in module.replaces.iter().enumerate() {
                let pointer = format!("/modules/{i}/replaces/{j}");
                self.replacement(old, i as u32, pointer, true, &mut replaced_modules);
            }
        }
        self.replaced_modules = replaced_modules;
        let mut replaced_competencies = BTreeMap::new();
        for (i, competency) in doc.framework.competencies.iter().enumerate() {
            for (j, old) in competency.replaces.iter().enumerate() {
                let pointer = format!("/framework/competencies/{i}/replaces/{j}");
                self.replacement(old, i as u32, pointer, false, &mut replaced_competencies);
            }
        }
        self.replaced_competencies = replaced_competencies;
    }

    fn replacement(
        &mut self,
        old: &str,
        by: u32,
        pointer: String,
        module: bool,
        replaced: &mut BTreeMap<String, u32>,
    ) {
        let live = if module {
            self.modules.get(old).is_some()
        } else {
            self.competencies.get(old).is_some()
        };
        let name_of = |doc: &Curriculum, i: u32| -> String {
            if module {
                doc.modules[i as usize].id.clone()
            } else {
                doc.framework.competencies[i as usize].id.clone()
            }
        };
        if live {
            self.push(Diagnostic::new(Code::ReplacesLiveId, pointer).arg("id", old));
        } else if let Some(&first) = replaced.get(old) {
            if first != by {
                let d = Diagnostic::new(Code::ReplacesConflict, pointer)
                    .arg("id", old)
                    .arg("first", name_of(self.doc, first))
                    .arg("second", name_of(self.doc, by));
                self.push(d);
            }
        } else {
            replaced.insert(old.to_string(), by);
        }
    }

    fn unknown(&mut self, code: Code, pointer: String, id: &str) {
        let (fr, en) = match code {
            Code::UnknownModule => (
                "déclarez-le dans `modules` ou corrigez l'identifiant",
                "declare it in `modules` or fix the id",
            ),
            Code::UnknownCompetency => (
                "déclarez-la dans `framework.competencies` ou corrigez l'identifiant",
                "declare it in `framework.competencies` or fix the id",
            ),
            Code::UnknownAudience => (
                "déclarez-le dans `audiences` ou corrigez l'identifiant",
                "declare it in `audiences` or fix the id",
            ),
            Code::UnknownStage => (
                "déclarez-la dans `stages` ou corrigez l'identifiant",
                "declare it in `stages` or fix the id",
            ),
            Code::UnknownScale => (
                "déclarez-la dans `framework.scales` ou corrigez l'identifiant",
                "declare it in `framework.scales` or fix the id",
            ),
            _ => (
                "déclarez-la dans `resources` (la boîte à outils) ou corrigez l'identifiant",
                "declare it in `resources` (the toolbox) or fix the id",
            ),
        };
        let d = Diagnostic::new(code, pointer)
            .arg("id", id)
            .local("fix", fr, en);
        let replaced_by = match code {
            Code::UnknownModule => self
                .replaced_modules
                .get(id)
                .map(|&i| self.doc.modules[i as usize].id.clone()),
            Code::UnknownCompetency => self
                .replaced_competencies
                .get(id)
                .map(|&i| self.doc.framework.competencies[i as usize].id.clone()),
            _ => None,
        };
        let d = if let Some(new) = replaced_by {
            d.local(
                "suggestion",
                format!("`{id}` a été remplacé par `{new}` : "),
                format!("`{id}` was replaced by `{new}`: "),
            )
        } else if self.out.len() >= MAX_DIAGNOSTICS {
            // Past what is shown, no suggestion: ranking every id for each of
            // 10,000 misspelled references made validation quadratic.
            d.local("suggestion", "", "")
        } else {
            let names = match code {
                Code::UnknownModule => &self.modules,
                Code::UnknownCompetency => &self.competencies,
                Code::UnknownAudience => &self.audiences,
                Code::UnknownStage => &self.stages,
                Code::UnknownScale => &self.scales,
                _ => &self.resources,
            };
            d.suggesting(id, names.names())
        };
        self.push(d);
    }

    fn check_framework(&mut self) {
        let framework = &self.doc.framework;
        for (s, scale) in framework.scales.iter().enumerate() {
            let pointer = format!("/framework/scales/{s}");
            if scale.levels.is_empty() {
                self.push(
                    Diagnostic::new(Code::EmptyScale, format!("{pointer}/levels"))
                        .arg("scale", &scale.id),
                );
            }
            let mut previous: Option<f64> = None;
            for (l, level) in scale.levels.iter().enumerate() {
                let Some(score) = level.min_score else {
                    continue;
                };
                let at = format!("{pointer}/levels/{l}/minScore");
                if !(0.0..=100.0).contains(&score) {
                    let d = Diagnostic::new(Code::ScaleScores, at)
                        .arg("scale", &scale.id)
                        .local(
                            "reason",
                            format!("{score} n'est pas entre 0 et 100"),
                            format!("{score} is not between 0 and 100"),
                        );
                    self.push(d);
                } else if previous.is_some_and(|p| score <= p) {
                    let d = Diagnostic::new(Code::ScaleScores, at)
                        .arg("scale", &scale.id)
                        .local(
                            "reason",
                            format!("le niveau `{}` commence à {score}, pas au-dessus du niveau précédent", level.id),
                            format!("level `{}` starts at {score}, not above the previous level", level.id),
                        );
                    self.push(d);
                }
                previous = Some(score);
            }
            self.scale_infos.push(ScaleInfo {
                id: scale.id.clone(),
                levels: scale.levels.iter().map(|l| l.id.clone()).collect(),
                min_scores: scale.levels.iter().map(|l| l.min_score).collect(),
            });
        }
        let default_scale = match &framework.default_scale {
            Some(id) => {
                let found = self.scales.get(id).map(|i| i as usize);
                if found.is_none() {
                    self.unknown(Code::UnknownScale, "/framework/defaultScale".into(), id);
                }
                found
            }
            None if framework.scales.len() == 1 => Some(0),
            None => None,
        };
        if let Some(a) = &framework.assessment {
            self.check_assessment_block(a, "/framework/assessment");
        }
        let mut scales = Vec::with_capacity(framework.competencies.len());
        for (c, competency) in framework.competencies.iter().enumerate() {
            let pointer = format!("/framework/competencies/{c}");
            let scale = match &competency.scale {
                Some(id) => {
                    let found = self.scales.get(id).map(|i| i as usize);
                    if found.is_none() {
                        self.unknown(Code::UnknownScale, format!("{pointer}/scale"), id);
                    }
                    found
                }
                None => {
                    if default_scale.is_none()
                        && framework.scales.len() > 1
                        && framework.default_scale.is_none()
                    {
                        let d = Diagnostic::new(Code::DefaultScaleMissing, pointer.clone())
                            .arg("count", framework.scales.len())
                            .arg("competency", &competency.id);
                        self.push(d);
                    }
                    default_scale
                }
            };
            scales.push(scale);
            if let Some(parent) = &competency.parent {
                if self.competencies.get(parent).is_none() {
                    self.unknown(Code::UnknownCompetency, format!("{pointer}/parent"), parent);
                }
            }
            if let Some(a) = &competency.assessment {
                self.check_assessment_block(a, &format!("{pointer}/assessment"));
            }
            let rule = self.assessment_rule(competency.assessment.as_ref());
            if rule.method == Method::NOfM {
                let at = if competency.assessment.is_some() {
                    format!("{pointer}/assessment")
                } else {
                    "/framework/assessment".to_string()
                };
                let merged_n = competency
                    .assessment
                    .as_ref()
                    .and_then(|a| a.n)
                    .or(framework.assessment.as_ref().and_then(|a| a.n));
                let merged_m = competency
                    .assessment
                    .as_ref()
                    .and_then(|a| a.m)
                    .or(framework.assessment.as_ref().and_then(|a| a.m));
                match (merged_n, merged_m) {
                    (Some(n), Some(m)) if n >= 1 && n <= m => {}
                    (Some(n), Some(m)) => {
                        let d = Diagnostic::new(Code::AssessmentParams, at).local(
                            "reason",
                            format!(
                                "nOfM avec n = {n} et m = {m} pour `{}` : il faut 1 ≤ n ≤ m",
                                competency.id
                            ),
                            format!(
                                "nOfM with n = {n} and m = {m} for `{}`: 1 ≤ n ≤ m is required",
                                competency.id
                            ),
                        );
                        self.push_once(d);
                    }
                    _ => {
                        let d = Diagnostic::new(Code::AssessmentParams, at).local(
                            "reason",
                            format!("la méthode nOfM de `{}` demande `n` et `m`", competency.id),
                            format!("method nOfM of `{}` needs `n` and `m`", competency.id),
                        );
                        self.push_once(d);
                    }
                }
            }
        }
        self.competency_scale = scales;
        self.check_parent_cycles();
    }

    fn check_assessment_block(&mut self, a: &Assessment, pointer: &str) {
        self.check_validity(a.validity_months, &format!("{pointer}/validityMonths"));
        if let Some(w) = a.w {
            if !(w > 0.0 && w <= 1.0) {
                let d = Diagnostic::new(Code::AssessmentParams, format!("{pointer}/w")).local(
                    "reason",
                    format!("w = {w} n'est pas dans ]0, 1]"),
                    format!("w = {w} is not in (0, 1]"),
                );
                self.push(d);
            }
        }
        if let Some(min) = a.exemption.as_ref().and_then(|e| e.min_confidence) {
            if !(0.0..=1.0).contains(&min) {
                let d = Diagnostic::new(
                    Code::AssessmentParams,
                    format!("{pointer}/exemption/minConfidence"),
                )
                .local(
                    "reason",
                    format!("la confiance minimale ({min}) n'est pas dans [0, 1]"),
                    format!("the least confidence ({min}) is not in [0, 1]"),
                );
                self.push(d);
            }
        }
        if let Some(weights) = &a.source_weights {
            for (key, weight) in weights.given() {
                if !(weight.is_finite() && weight >= 0.0) {
                    let d = Diagnostic::new(
                        Code::AssessmentParams,
                        format!("{pointer}/sourceWeights/{key}"),
                    )
                    .local(
                        "reason",
                        format!("le poids de `{key}` ({weight}) doit être positif ou nul"),
                        format!("the weight of `{key}` ({weight}) must not be negative"),
                    );
                    self.push(d);
                }
            }
        }
    }

    /// A validity period past [`MAX_VALIDITY_MONTHS`]: a typo, and dates that far
    /// ahead would leave the calendar (a completion would expire before it).
    fn check_validity(&mut self, months: Option<u32>, pointer: &str) {
        if let Some(months) = months.filter(|&m| m > MAX_VALIDITY_MONTHS) {
            self.push(
                Diagnostic::new(Code::ValidityTooLong, pointer)
                    .arg("value", months)
                    .arg("max", MAX_VALIDITY_MONTHS),
            );
        }
    }

    /// The framework's assessment with a competency's block laid over it.
    pub(super) fn assessment_rule(&self, over: Option<&Assessment>) -> AssessmentRule {
        let base = self.doc.framework.assessment.as_ref();
        let pick = |f: fn(&Assessment) -> Option<f64>| over.and_then(f).or(base.and_then(f));
        let pick_u = |f: fn(&Assessment) -> Option<u32>| over.and_then(f).or(base.and_then(f));
        let weights = over
            .and_then(|a| a.source_weights.clone())
            .or(base.and_then(|a| a.source_weights.clone()))
            .unwrap_or_default();
        // A source the weights leave out keeps its default rank.
        let w = |f: fn(&SourceWeights) -> Option<f64>, i: usize| {
            f(&weights).unwrap_or(DEFAULT_SOURCE_WEIGHTS[i])
        };
        AssessmentRule {
            method: over
                .and_then(|a| a.method)
                .or(base.and_then(|a| a.method))
                .unwrap_or(Method::Latest),
            w: pick(|a| a.w).unwrap_or(DEFAULT_DECAY_W),
            n: pick_u(|a| a.n).unwrap_or(1),
            m: pick_u(|a| a.m).unwrap_or(1),
            source_weights: [
                w(|s| s.self_assessment, 0),
                w(|s| s.trainer_assessment, 1),
                w(|s| s.quiz, 2),
                w(|s| s.observation, 3),
                w(|s| s.peer, 4),
                w(|s| s.completion, 5),
            ],
            validity_months: pick_u(|a| a.validity_months),
            exemption: {
                let e = |a: &Assessment| a.exemption.clone();
                let over_e = over.and_then(e);
                let base_e = base.and_then(e);
                let defaults = ExemptionRule::default();
                let sources = over_e
                    .as_ref()
                    .and_then(|x| x.sources.clone())
                    .or(base_e.as_ref().and_then(|x| x.sources.clone()));
                ExemptionRule {
                    min_confidence: over_e
                        .as_ref()
                        .and_then(|x| x.min_confidence)
                        .or(base_e.as_ref().and_then(|x| x.min_confidence))
                        .unwrap_or(defaults.min_confidence),
                    sources: match sources {
                        Some(list) => {
                            let mut allowed = [false; 6];
                            for s in list {
                                if s != Source::Completion {
                                    allowed[s as usize] = true;
                                }
                            }
                            allowed
                        }
                        None => defaults.sources,
                    },
                    satisfies_prerequisites: over_e
                        .as_ref()
                        .and_then(|x| x.satisfies_prerequisites)
                        .or(base_e.as_ref().and_then(|x| x.satisfies_prerequisites))
                        .unwrap_or(defaults.satisfies_prerequisites),
                }
            },
        }
    }

    fn check_parent_cycles(&mut self) {
        let comps = &self.doc.framework.competencies;
        let parent: Vec<Option<usize>> = comps
            .iter()
            .map(|c| {
                c.parent
                    .as_ref()
                    .and_then(|p| self.competencies.get(p))
                    .map(|i| i as usize)
            })
            .collect();
        // Each competency is walked once: `Walking` marks the chain being followed
        // (with its place in `path`), `Done` one already known to end or to lead
        // into a cycle already reported. A 10,000-deep chain took minutes when
        // every start walked its whole chain again.
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Walking(usize),
            Done,
        }
        let mut mark = vec![Mark::New; comps.len()];
        let mut path: Vec<usize> = Vec::new();
        for start in 0..comps.len() {
            path.clear();
            let mut current = start;
            loop {
                match mark[current] {
                    Mark::Done => break,
                    Mark::Walking(pos) => {
                        let cycle = path[pos..].to_vec();
                        self.report_parent_cycle(&cycle);
                        break;
                    }
                    Mark::New => {
                        mark[current] = Mark::Walking(path.len());
                        path.push(current);
                        match parent[current] {
                            Some(next) => current = next,
                            None => break,
                        }
                    }
                }
            }
            for &c in &path {
                mark[c] = Mark::Done;
            }
        }
    }

    /// One `parent-cycle` diagnostic, the cycle written from its first competency.
    fn report_parent_cycle(&mut self, cycle: &[usize]) {
        let comps = &self.doc.framework.competencies;
        let Some(&first) = cycle.iter().min() else {
            return;
        };
        let rotate = cycle.iter().position(|&c| c == first).unwrap_or(0);
        let mut ordered: Vec<usize> = cycle[rotate..].to_vec();
        ordered.extend_from_slice(&cycle[..rotate]);
        ordered.push(first);
        let text = ordered
            .iter()
            .map(|&c| format!("`{}`", comps[c].id))
            .collect::<Vec<_>>()
            .join(" → ");
        self.push(
            Diagnostic::new(
                Code::ParentCycle,
                format!("/framework/competencies/{first}/parent"),
            )
            .arg("path", text),
        );
    }

    fn level_ok(&mut self, competency: usize, level: u32, pointer: String) -> bool {
        let Some(Some(scale)) = self.competency_scale.get(competency).copied() else {
            return true; // the scale problem is reported already
        };
        let levels = &self.doc.framework.scales[scale].levels;
        if (level as usize) < levels.len() {
            return true;
        }
        let listing = levels
            .iter()
            .enumerate()
            .map(|(rank, l)| format!("{rank} = {}", l.id))
            .collect::<Vec<_>>()
            .join(", ");
        let d = Diagnostic::new(Code::LevelOutOfScale, pointer)
            .arg("level", level)
            .arg(
                "competency",
                &self.doc.framework.competencies[competency].id,
            )
            .arg("scale", &self.doc.framework.scales[scale].id)
            .arg("max", levels.len().saturating_sub(1))
            .arg("levels", listing);
        self.push(d);
        false
    }

    fn check_modules(&mut self) {
        let doc = self.doc;
        for (i, module) in doc.modules.iter().enumerate() {
            let pointer = format!("/modules/{i}");
            if !(module.duration_hours.is_finite()
                && module.duration_hours > 0.0
                && minutes(module.duration_hours) > 0)
            {
                let d = Diagnostic::new(
                    Code::NonPositiveDuration,
                    format!("{pointer}/durationHours"),
                )
                .arg("module", &module.id)
                .arg("value", module.duration_hours);
                self.push(d);
            } else if module.duration_hours > MAX_DURATION_HOURS {
                let d = Diagnostic::new(Code::DurationTooLong, format!("{pointer}/durationHours"))
                    .arg("module", &module.id)
                    .arg("value", module.duration_hours)
                    .arg("max", MAX_DURATION_HOURS);
                self.push(d);
            }
            self.check_hours(
                module.duration_hours,
                "durationHours",
                format!("{pointer}/durationHours"),
            );
            self.check_validity(module.validity_months, &format!("{pointer}/validityMonths"));
            for (j, audience) in module.audiences.iter().enumerate() {
                if self.audiences.get(audience).is_none() {
                    self.unknown(
                        Code::UnknownAudience,
                        format!("{pointer}/audiences/{j}"),
                        audience,
                    );
                }
            }
            if let Some(stage) = &module.stage {
                if self.stages.get(stage).is_none() {
                    self.unknown(Code::UnknownStage, format!("{pointer}/stage"), stage);
                }
            }
            for (j, resource) in module.resources.iter().enumerate() {
                if self.resources.get(resource).is_none() {
                    self.unknown(
                        Code::UnknownResource,
                        format!("{pointer}/resources/{j}"),
                        resource,
                    );
                }
            }
            for (j, teaching) in module.teaches.iter().enumerate() {
                let at = format!("{pointer}/teaches/{j}");
                match self.competencies.get(&teaching.competency) {
                    Some(c) => {
                        self.level_ok(c as usize, teaching.level, format!("{at}/level"));
                    }
                    None => self.unknown(
                        Code::UnknownCompetency,
                        format!("{at}/competency"),
                        &teaching.competency,
                    ),
                }
            }
            let requires = module
                .requires
                .as_ref()
                .and_then(|e| self.expr(e, &format!("{pointer}/requires")));
            let recommends = module
                .recommends
                .as_ref()
                .and_then(|e| self.expr(e, &format!("{pointer}/recommends")));
            self.requires.push(requires);
            self.recommends.push(recommends);
        }
    }

    /// Checks and compiles an expression; `None` if any part of it is broken.
    fn expr(&mut self, expr: &Expr, pointer: &str) -> Option<Cond> {
        let label = expr.label().cloned();
        let children = |this: &mut Self, of: &[Expr]| -> Option<Vec<Cond>> {
            let compiled: Vec<Option<Cond>> = of
                .iter()
                .enumerate()
                .map(|(i, e)| this.expr(e, &format!("{pointer}/of/{i}")))
                .collect();
            compiled.into_iter().collect()
        };
        let empty = |this: &mut Self, kind: &str| {
            this.push(
                Diagnostic::new(Code::EmptyExpression, format!("{pointer}/of")).arg("kind", kind),
            );
        };
        let op = match expr {
            Expr::AllOf { of, .. } => {
                if of.is_empty() {
                    empty(self, "allOf");
                    return None;
                }
                Op::All(children(self, of)?)
            }
            Expr::AnyOf { of, .. } => {
                if of.is_empty() {
                    empty(self, "anyOf");
                    return None;
                }
                Op::Any(children(self, of)?)
            }
            Expr::AtLeast { k, of, .. } => {
                let compiled = children(self, of);
                if *k == 0 || *k as usize > of.len() {
                    let d = Diagnostic::new(Code::AtLeastImpossible, format!("{pointer}/k"))
                        .arg("k", k)
                        .arg("n", of.len());
                    self.push(d);
                    return None;
                }
                Op::AtLeast(*k, compiled?)
            }
            Expr::Module { module, .. } => match self.modules.get(module) {
                Some(m) => Op::Module(ModuleIx(m)),
                None => {
                    self.unknown(Code::UnknownModule, format!("{pointer}/module"), module);
                    return None;
                }
            },
            Expr::Score { module, min, .. } => {
                let target = self.modules.get(module);
                if target.is_none() {
                    self.unknown(Code::UnknownModule, format!("{pointer}/module"), module);
                }
                if !(0.0..=100.0).contains(min) {
                    self.push(
                        Diagnostic::new(Code::ScoreOutOfRange, format!("{pointer}/min"))
                            .arg("value", min),
                    );
                    return None;
                }
                Op::Score(ModuleIx(target?), *min)
            }
            Expr::Competency {
                competency, level, ..
            } => match self.competencies.get(competency) {
                Some(c) => {
                    if !self.level_ok(c as usize, *level, format!("{pointer}/level")) {
                        return None;
                    }
                    Op::Competency(CompetencyIx(c), *level)
                }
                None => {
                    self.unknown(
                        Code::UnknownCompetency,
                        format!("{pointer}/competency"),
                        competency,
                    );
                    return None;
                }
            },
        };
        Some(Cond { op, label })
    }

    fn module_minutes(&self, i: usize) -> u64 {
        u64::from(minutes(self.doc.modules[i].duration_hours))
    }

    fn check_groups(&mut self) {
        let doc = self.doc;
        for (g, group) in doc.groups.iter().enumerate() {
            let pointer = format!("/groups/{g}");
            let mut members = Vec::new();
            for (j, id) in group.modules.iter().enumerate() {
                match self.modules.get(id) {
                    Some(m) => members.push(m as usize),
                    None => self.unknown(Code::UnknownModule, format!("{pointer}/modules/{j}"), id),
                }
            }
            if group.min_modules.is_none() && group.min_hours.is_none() {
                self.push(
                    Diagnostic::new(Code::GroupWithoutRule, pointer.clone())
                        .arg("group", &group.id),
                );
            }
            if let Some(k) = group.min_modules {
                if k as usize > group.modules.len() {
                    let d = Diagnostic::new(Code::GroupImpossible, format!("{pointer}/minModules"))
                        .arg("group", &group.id)
                        .local(
                            "reason",
                            format!(
                                "{k} modules exigés, le groupe n'en a que {}",
                                group.modules.len()
                            ),
                            format!(
                                "{k} modules required, the group has only {}",
                                group.modules.len()
                            ),
                        );
                    self.push(d);
                }
            }
            if group.min_hours.is_some_and(|h| h < 0.0) {
                self.push(
                    Diagnostic::new(Code::NegativeValue, format!("{pointer}/minHours"))
                        .arg("field", "minHours"),
                );
            }
            if let Some(h) = group.min_hours {
                self.check_hours(h, "minHours", format!("{pointer}/minHours"));
                let available: u64 = members.iter().map(|&m| self.module_minutes(m)).sum();
                if u64::from(minutes(h)) > available || !h.is_finite() {
                    let d = Diagnostic::new(Code::GroupImpossible, format!("{pointer}/minHours"))
                        .arg("group", &group.id)
                        .local(
                            "reason",
                            format!(
                                "{h} h exigées, les modules du groupe totalisent {} h",
                                hours_text(available)
                            ),
                            format!(
                                "{h} h required, the group's modules total {} h",
                                hours_text(available)
                            ),
                        );
                    self.push(d);
                }
            }
        }
    }

    fn check_completion(&mut self) {
        let doc = self.doc;
        match &doc.completion {
            CompletionRule::CoreAndOptional {
                min_optional_modules,
                min_optional_hours,
                ..
            } => {
                let optional: Vec<usize> = (0..doc.modules.len())
                    .filter(|&i| doc.modules[i].kind == ModuleKind::Optional)
                    .collect();
                let k = min_optional_modules.unwrap_or(0);
                if k as usize > optional.len() {
                    let d = Diagnostic::new(
                        Code::CompletionImpossible,
                        "/completion/minOptionalModules",
                    )
                    .local(
                        "reason",
                        format!(
                            "{k} modules optionnels exigés, le cursus n'en déclare que {}",
                            optional.len()
                        ),
                        format!(
                            "{k} optional modules required, the curriculum declares only {}",
                            optional.len()
                        ),
                    );
                    self.push(d);
                }
                let h = min_optional_hours.unwrap_or(0.0);
                self.check_hours(
                    h,
                    "minOptionalHours",
                    "/completion/minOptionalHours".to_string(),
                );
                if h < 0.0 {
                    self.push(
                        Diagnostic::new(Code::NegativeValue, "/completion/minOptionalHours")
                            .arg("field", "minOptionalHours"),
                    );
                }
                let available: u64 = optional.iter().map(|&m| self.module_minutes(m)).sum();
                if !h.is_finite() || u64::from(minutes(h)) > available {
                    let d =
                        Diagnostic::new(Code::CompletionImpossible, "/completion/minOptionalHours")
                            .local(
                                "reason",
                                format!(
                                    "{h} h de modules optionnels exigées, ils totalisent {} h",
                                    hours_text(available)
                                ),
                                format!(
                                    "{h} h of optional modules required, they total {} h",
                                    hours_text(available)
                                ),
                            );
                    self.push(d);
                }
                self.completion = Some(Completion::CoreAndOptional {
                    min_optional_modules: k,
                    min_optional_minutes: if h > 0.0 { minutes(h) } else { 0 },
                });
            }
            CompletionRule::Expression { expression } => {
                self.completion = self
                    .expr(expression, "/completion/expression")
                    .map(Completion::Expression);
            }
        }
    }

    /// Cycles, reachability and stage order.
    fn check_graph(&mut self) {
        let graph = self.graph();
        let mut cyclic = false;
        let mut components = tarjan_scc(&graph);
        order::sort_by_key(&mut components, |c| c.iter().map(|n| n.index()).min());
        for component in components {
            let self_loop = component.len() == 1 && graph.contains_edge(component[0], component[0]);
            if component.len() < 2 && !self_loop {
                continue;
            }
            cyclic = true;
            self.report_cycle(&graph, &component);
        }
        if cyclic {
            return;
        }
        self.check_stage_order();
        self.check_reachability();
    }

    fn report_cycle(&mut self, graph: &DiGraph<ModuleIx, ()>, component: &[NodeIndex]) {
        let members: BTreeSet<usize> = order::set(component.iter().map(|n| n.index()));
        let Some(&start) = members.iter().next() else {
            return;
        };
        // Walk "requires" edges (incoming in the graph) inside the component, breadth
        // first, until the start comes back: the shortest cycle through `start`.
        let mut previous: BTreeMap<usize, usize> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut closing = None;
        while let Some(current) = queue.pop_front() {
            let mut next: Vec<usize> = graph
                .neighbors_directed(NodeIndex::new(current), petgraph::Direction::Incoming)
                .map(|n| n.index())
                .filter(|n| members.contains(n))
                .collect();
            next.sort_unstable();
            for p in next {
                if p == start {
                    closing = Some(current);
                    break;
                }
                if let std::collections::btree_map::Entry::Vacant(e) = previous.entry(p) {
                    e.insert(current);
                    queue.push_back(p);
                }
            }
            if closing.is_some() {
                break;
            }
        }
        let mut path = vec![start];
        if let Some(mut current) = closing {
            let mut back = vec![current];
            while current != start {
                match previous.get(&current) {
                    Some(&p) => {
                        current = p;
                        back.push(p);
                    }
                    None => break,
                }
            }
            back.pop(); // the start
            back.reverse();
            path.extend(back);
        }
        path.push(start);
        let text = path
            .iter()
            .map(|&m| format!("`{}`", self.doc.modules[m].id))
            .collect::<Vec<_>>()
            .join(" → ");
        let field = if self.requires[start].is_some() {
            "requires"
        } else {
            "recommends"
        };
        self.push(
            Diagnostic::new(Code::Cycle, format!("/modules/{start}/{field}")).arg("path", text),
        );
    }

    fn stage_of(&self, module: usize) -> Option<usize> {
        self.doc.modules[module]
            .stage
            .as_ref()
            .and_then(|s| self.stages.get(s))
            .map(|s| s as usize)
    }

    fn check_stage_order(&mut self) {
        for i in 0..self.doc.modules.len() {
            let Some(stage) = self.stage_of(i) else {
                continue;
            };
            let Some(cond) = self.requires[i].clone() else {
                continue;
            };
            let mut necessary = Vec::new();
            necessary_modules(&cond, &mut necessary);
            necessary.sort_unstable();
            necessary.dedup();
            for p in necessary {
                let Some(p_stage) = self.stage_of(p.index()) else {
                    continue;
                };
                if p_stage > stage {
                    let d = Diagnostic::new(Code::StageOrder, format!("/modules/{i}/requires"))
                        .arg("module", &self.doc.modules[i].id)
                        .arg("stage", &self.doc.stages[stage].id)
                        .arg("prerequisite", &self.doc.modules[p.index()].id)
                        .arg("prerequisiteStage", &self.doc.stages[p_stage].id);
                    self.push(d);
                }
            }
        }
    }

    /// Which modules can ever become available, per audience.
    ///
    /// First with any prior evidence granted (competency leaves hold; a module leaf
    /// holds when the module can be taken, or can be held by positioning because it
    /// teaches something): a module still unreachable is an error. Then with no prior
    /// evidence (a competency leaf holds only when a reachable module teaches the
    /// level): a module reachable only the first way gets a warning.
    fn check_reachability(&mut self) {
        let doc = self.doc;
        let n = doc.modules.len();
        let audiences: Vec<Option<u32>> = if doc.audiences.is_empty() {
            vec![None]
        } else {
            (0..doc.audiences.len() as u32).map(Some).collect()
        };
        // Unknown audience ids are reported already; they must not also make a module
        // open to nobody (a module whose ids are all unknown counts as open to all).
        let known_audiences: Vec<Vec<u32>> = doc
            .modules
            .iter()
            .map(|m| {
                m.audiences
                    .iter()
                    .filter_map(|id| self.audiences.get(id))
                    .collect()
            })
            .collect();
        let for_audience = |m: usize, a: Option<u32>| -> bool {
            match a {
                None => true,
                Some(a) => known_audiences[m].is_empty() || known_audiences[m].contains(&a),
            }
        };
        let order: Vec<usize> = topological_order(&self.graph())
            .into_iter()
            .map(ModuleIx::index)
            .collect();
        let teaches_something: Vec<bool> =
            doc.modules.iter().map(|m| !m.teaches.is_empty()).collect();
        let mut with_evidence = vec![false; n];
        let mut without_evidence = vec![false; n];
        let mut per_audience: Vec<Vec<bool>> = Vec::with_capacity(audiences.len());
        for &a in &audiences {
            // Pass 1: any prior evidence granted (a single pass in topological order).
            let mut possible = vec![false; n];
            for &m in &order {
                if !for_audience(m, a) {
                    continue;
                }
                possible[m] = match &self.requires[m] {
                    None => true,
                    Some(cond) => cond.eval(
                        &mut |x| possible[x.index()] || teaches_something[x.index()],
                        &mut |_, _| true,
                        &mut |x, _| possible[x.index()],
                    ),
                };
            }
            // Pass 2: no prior evidence; competency leaves depend on what reachable
            // modules teach, so iterate to the fixpoint.
            let mut reach = vec![false; n];
            let mut taught: Vec<Option<u32>> = vec![None; doc.framework.competencies.len()];
            loop {
                let mut changed = false;
                for &m in &order {
                    if reach[m] || !for_audience(m, a) {
                        continue;
                    }
                    let ok = match &self.requires[m] {
                        None => true,
                        Some(cond) => cond.eval(
                            &mut |x| reach[x.index()],
                            &mut |c, level| taught[c.index()].is_some_and(|t| t >= level),
                            &mut |x, _| reach[x.index()],
                        ),
                    };
                    if ok {
                        reach[m] = true;
                        changed = true;
                        for t in &doc.modules[m].teaches {
                            if let Some(c) = self.competencies.get(&t.competency) {
                                let slot = &mut taught[c as usize];
                                *slot = Some(slot.map_or(t.level, |s| s.max(t.level)));
                            }
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            for m in 0..n {
                with_evidence[m] |= possible[m];
                without_evidence[m] |= reach[m];
            }
            per_audience.push(possible);
        }
        for m in 0..n {
            let module = &doc.modules[m];
            if !with_evidence[m] {
                // Name the first prerequisite module that blocks it.
                let mut named = Vec::new();
                if let Some(cond) = &self.requires[m] {
                    cond.modules(&mut named);
                }
                let blocker = named
                    .into_iter()
                    .find(|x| !with_evidence[x.index()] || !shares_audience(doc, m, x.index()));
                let at = if module.requires.is_some() {
                    format!("/modules/{m}/requires")
                } else {
                    format!("/modules/{m}")
                };
                let d = Diagnostic::new(Code::NeverAvailable, at).arg("module", &module.id);
                let d = match blocker {
                    Some(x) => d.local(
                        "reason",
                        format!("il dépend de `{}`, que les publics de ce module ne pourront jamais suivre", doc.modules[x.index()].id),
                        format!("it depends on `{}`, which the module's audiences can never take", doc.modules[x.index()].id),
                    ),
                    None => d.local(
                        "reason",
                        "aucun de ses publics ne peut remplir ses prérequis",
                        "none of its audiences can meet its prerequisites",
                    ),
                };
                self.push(d);
            } else if !without_evidence[m] {
                if let Some((c, level)) = self.requires[m].as_ref().and_then(first_competency_leaf)
                {
                    let d = Diagnostic::new(Code::EvidenceOnly, format!("/modules/{m}/requires"))
                        .arg("module", &module.id)
                        .arg("competency", &doc.framework.competencies[c.index()].id)
                        .arg("level", level);
                    self.push(d);
                }
            }
        }
        // A module open to an audience that can never meet its prerequisites.
        for m in 0..n {
            if !with_evidence[m] {
                continue; // reported as never available
            }
            for id in &doc.modules[m].audiences {
                let Some(a) = self.audiences.get(id) else {
                    continue;
                };
                if !per_audience.get(a as usize).is_some_and(|p| p[m]) {
                    let d = Diagnostic::new(
                        Code::AudienceUnreachable,
                        format!("/modules/{m}/audiences"),
                    )
                    .arg("module", &doc.modules[m].id)
                    .arg("audience", id);
                    self.push(d);
                }
            }
        }
        self.check_rules_reachable(&with_evidence, &teaches_something);
        self.check_core_audiences();
    }

    /// A core module closed to one of the curriculum's audiences: the completion
    /// rule then does not ask it of that audience. Intended when core depends on
    /// the audience (`coreByAudience`), a silent gap otherwise (an audience
    /// forgotten in a module's list).
    fn check_core_audiences(&mut self) {
        let doc = self.doc;
        let CompletionRule::CoreAndOptional {
            core_by_audience: false,
            ..
        } = &doc.completion
        else {
            return;
        };
        for (m, module) in doc.modules.iter().enumerate() {
            if module.kind != ModuleKind::Core || module.audiences.is_empty() {
                continue;
            }
            for audience in &doc.audiences {
                if !module.audiences.contains(&audience.id) {
                    let d = Diagnostic::new(
                        Code::CoreClosedToAudience,
                        format!("/modules/{m}/audiences"),
                    )
                    .arg("module", &module.id)
                    .arg("audience", &audience.id);
                    self.push(d);
                }
            }
        }
    }

    /// Group and completion rules against what can ever become available: a rule
    /// that counts on modules nobody can take can never be met.
    fn check_rules_reachable(&mut self, possible: &[bool], teaches_something: &[bool]) {
        let doc = self.doc;
        for (g, group) in doc.groups.iter().enumerate() {
            let Some(k) = group.min_modules else { continue };
            let reachable = group
                .modules
                .iter()
                .filter(|id| self.modules.get(id).is_some_and(|m| possible[m as usize]))
                .count();
            if (k as usize) <= group.modules.len() && reachable < k as usize {
                let d = Diagnostic::new(Code::GroupImpossible, format!("/groups/{g}/minModules"))
                    .arg("group", &group.id)
                    .local(
                        "reason",
                        format!(
                            "{k} modules exigés, seuls {reachable} peuvent devenir accessibles"
                        ),
                        format!(
                            "{k} module(s) required, only {reachable} can ever become available"
                        ),
                    );
                self.push(d);
            }
        }
        match (&doc.completion, &self.completion) {
            (_, Some(Completion::Expression(cond))) => {
                let met = cond.eval(
                    &mut |x| possible[x.index()] || teaches_something[x.index()],
                    &mut |_, _| true,
                    &mut |x, _| possible[x.index()],
                );
                if !met {
                    let d = Diagnostic::new(Code::CompletionImpossible, "/completion/expression")
                        .local(
                            "reason",
                            "l'expression dépend de modules qui ne pourront jamais être suivis",
                            "the expression depends on modules that can never be taken",
                        );
                    self.push(d);
                }
            }
            (
                CompletionRule::CoreAndOptional {
                    min_optional_modules,
                    ..
                },
                _,
            ) => {
                // A core module nobody can take is reported as never available.
                let k = min_optional_modules.unwrap_or(0) as usize;
                let optional = doc
                    .modules
                    .iter()
                    .filter(|m| m.kind == ModuleKind::Optional)
                    .count();
                let reachable = (0..doc.modules.len())
                    .filter(|&m| doc.modules[m].kind == ModuleKind::Optional && possible[m])
                    .count();
                if k <= optional && reachable < k {
                    let d = Diagnostic::new(Code::CompletionImpossible, "/completion/minOptionalModules")
                        .local(
                            "reason",
                            format!("{k} module(s) optionnel(s) exigé(s), {reachable} seulement peuvent devenir accessibles"),
                            format!("{k} optional module(s) required, only {reachable} can ever become available"),
                        );
                    self.push(d);
                }
            }
            _ => {}
        }
    }

    /// The direct prerequisite modules of each module (required or recommended),
    /// sorted and without repeats.
    fn prerequisite_lists(&self) -> Vec<Vec<ModuleIx>> {
        (0..self.doc.modules.len())
            .map(|i| {
                let mut prereqs = Vec::new();
                for cond in [&self.requires[i], &self.recommends[i]]
                    .into_iter()
                    .flatten()
                {
                    cond.modules(&mut prereqs);
                }
                prereqs.sort_unstable();
                prereqs.dedup();
                prereqs
            })
            .collect()
    }

    /// The prerequisite graph: an edge from each prerequisite to each module needing it.
    pub(super) fn graph(&self) -> DiGraph<ModuleIx, ()> {
        let lists = self.prerequisite_lists();
        let mut graph = DiGraph::with_capacity(lists.len(), lists.len());
        for i in 0..lists.len() {
            graph.add_node(ModuleIx(i as u32));
        }
        for (i, prereqs) in lists.into_iter().enumerate() {
            for p in prereqs {
                graph.add_edge(NodeIndex::new(p.index()), NodeIndex::new(i), ());
            }
        }
        graph
    }

    /// Warnings: modules teaching nothing, competencies nobody teaches, missing English.
    fn advise(&mut self) {
        let doc = self.doc;
        for (i, module) in doc.modules.iter().enumerate() {
            if module.teaches.is_empty() {
                self.push(
                    Diagnostic::new(Code::TeachesNothing, format!("/modules/{i}"))
                        .arg("module", &module.id),
                );
            }
        }
        let taught: BTreeSet<&str> = order::set(
            doc.modules
                .iter()
                .flat_map(|m| m.teaches.iter().map(|t| t.competency.as_str())),
        );
        let domains: BTreeSet<&str> = order::set(
            doc.framework
                .competencies
                .iter()
                .filter_map(|c| c.parent.as_deref()),
        );
        for (i, competency) in doc.framework.competencies.iter().enumerate() {
            let id = competency.id.as_str();
            if !taught.contains(id) && !domains.contains(id) {
                self.push(
                    Diagnostic::new(
                        Code::UntaughtCompetency,
                        format!("/framework/competencies/{i}"),
                    )
                    .arg("competency", id),
                );
            }
        }
        if doc.languages.contains(&Lang::En) {
            let mut texts = Vec::new();
            collect_texts(doc, &mut texts);
            for (pointer, text) in texts {
                if text.en.as_deref().is_none_or(|en| en.trim().is_empty()) {
                    self.push(Diagnostic::new(Code::MissingEnglish, pointer));
                }
            }
        }
    }
}

fn shares_audience(doc: &Curriculum, a: usize, b: usize) -> bool {
    let (ma, mb) = (&doc.modules[a], &doc.modules[b]);
    ma.audiences.is_empty()
        || mb.audiences.is_empty()
        || ma.audiences.iter().any(|x| mb.audiences.contains(x))
}

/// Modules that every way of meeting `cond` needs.
fn necessary_modules(cond: &Cond, out: &mut Vec<ModuleIx>) {
    match &cond.op {
        Op::All(children) => children.iter().for_each(|c| necessary_modules(c, out)),
        Op::AtLeast(k, children) if *k as usize == children.len() => {
            children.iter().for_each(|c| necessary_modules(c, out))
        }
        Op::Any(children) | Op::AtLeast(_, children) if children.len() == 1 => {
            children.iter().for_each(|c| necessary_modules(c, out))
        }
        Op::Module(m) | Op::Score(m, _) => out.push(*m),
        _ => {}
    }
}

fn first_competency_leaf(cond: &Cond) -> Option<(CompetencyIx, u32)> {
    match &cond.op {
        Op::All(children) | Op::Any(children) | Op::AtLeast(_, children) => {
            children.iter().find_map(first_competency_leaf)
        }
        Op::Competency(c, level) => Some((*c, *level)),
        _ => None,
    }
}

fn expr_texts<'a>(expr: &'a Expr, pointer: String, out: &mut Vec<(String, &'a Text)>) {
    if let Some(label) = expr.label() {
        out.push((format!("{pointer}/label"), label));
    }
    for (i, child) in expr.children().iter().enumerate() {
        expr_texts(child, format!("{pointer}/of/{i}"), out);
    }
}

/// Every localised text of the document, with its pointer.
fn collect_texts<'a>(doc: &'a Curriculum, out: &mut Vec<(String, &'a Text)>) {
    let mut add = |pointer: String, text: Option<&'a Text>| {
        if let Some(t) = text {
            out.push((pointer, t));
        }
    };
    add("/title".into(), Some(&doc.title));
    add("/description".into(), doc.description.as_ref());
    for (i, a) in doc.audiences.iter().enumerate() {
        add(format!("/audiences/{i}/label"), Some(&a.label));
    }
    for (s, scale) in doc.framework.scales.iter().enumerate() {
        add(format!("/framework/scales/{s}/title"), scale.title.as_ref());
        for (l, level) in scale.levels.iter().enumerate() {
            add(
                format!("/framework/scales/{s}/levels/{l}/label"),
                Some(&level.label),
            );
            add(
                format!("/framework/scales/{s}/levels/{l}/description"),
                level.description.as_ref(),
            );
        }
    }
    for (i, c) in doc.framework.competencies.iter().enumerate() {
        add(format!("/framework/competencies/{i}/title"), Some(&c.title));
        add(
            format!("/framework/competencies/{i}/description"),
            c.description.as_ref(),
        );
    }
    for (i, s) in doc.stages.iter().enumerate() {
        add(format!("/stages/{i}/title"), Some(&s.title));
        add(format!("/stages/{i}/description"), s.description.as_ref());
    }
    for (i, m) in doc.modules.iter().enumerate() {
        add(format!("/modules/{i}/title"), Some(&m.title));
        add(format!("/modules/{i}/description"), m.description.as_ref());
    }
    for (i, g) in doc.groups.iter().enumerate() {
        add(format!("/groups/{i}/title"), Some(&g.title));
    }
    for (i, r) in doc.resources.iter().enumerate() {
        add(format!("/resources/{i}/title"), Some(&r.title));
        add(
            format!("/resources/{i}/description"),
            r.description.as_ref(),
        );
    }
    for (i, m) in doc.modules.iter().enumerate() {
        if let Some(e) = &m.requires {
            expr_texts(e, format!("/modules/{i}/requires"), out);
        }
        if let Some(e) = &m.recommends {
            expr_texts(e, format!("/modules/{i}/recommends"), out);
        }
    }
    if let CompletionRule::Expression { expression } = &doc.completion {
        expr_texts(expression, "/completion/expression".into(), out);
    }
}
