//! The analysis of a self-positioning (autopositionnement): per item and theme, per
//! college and overall, the figures of [`crate::positioning::Summary`]; strengths, priorities and
//! subjects for dialogue, each with the rule that classed it; teams; the change
//! since an earlier wave. Every figure respects the anonymity threshold.
//!
//! ## Anonymity
//! The rule is applied in this order, and every published figure is computed only
//! from what the earlier steps let through:
//! 1. A college with fewer respondents than the threshold merges as the instrument
//!    says (`mergeInto`), under the merged group's name.
//! 2. A group still under the threshold is *hidden*: its respondents leave the
//!    analysis altogether, so no total includes them (an overall figure minus the
//!    published colleges would otherwise give the hidden one).
//! 3. For each item, a group's answers on the scale form a *cell*; a cell with fewer
//!    answers than the threshold is hidden, and its answers leave every figure of
//!    that item (overall, themes, teams) for the same reason.
//! 4. Teams cut the same answers another way, so a hidden team could be found by
//!    subtracting the others from the overall figure: when the hidden cells of a
//!    view hold fewer respondents than the threshold together, the smallest
//!    published ones are hidden too until they do (complementary suppression).
//!    Respondents without a team count as one more, never shown, cell.
//! 5. A change between two waves is shown only for cells published in both.
//!
//! The one exception: a college the instrument declares *published by name*
//! (`publishedByName`: its members agreed to be identified as a group) is shown
//! whatever its size, and so are its cells (steps 2 and 3). It never merges. Its
//! members stay out of the cut by teams (step 4): a team's figure minus the
//! named college's would otherwise show the few others of that team. The team
//! cells inside it (its staff groups for the training plan) still apply the
//! threshold.
//!
//! ## Classes
//! An item (overall, and within each published college) is a **subject for
//! dialogue** when answers are dispersed (consensus below `dispersed`) or, overall,
//! when two colleges are far apart (their positions on the scale differ by at least
//! `apart`); otherwise a **strength** when high (position at least `high`) and
//! consensual (consensus at least `consensual`), a **priority** when low (position
//! at most `low`) and consensual. Positions run from 0 (lowest point) to 1 (highest).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::positioning::answers::{Answer, AnswerTable};
use crate::positioning::instrument::CheckedInstrument;
use crate::positioning::ordinal::{summarise, Summary};
use crate::read::date::Date;
use crate::read::locale::Text;
use crate::read::order;

/// Thresholds of the classes (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rules {
    /// Lowest position of a strength.
    pub high: f64,
    /// Highest position of a priority.
    pub low: f64,
    /// Lowest consensus of a strength or a priority.
    pub consensual: f64,
    /// Consensus under which answers are dispersed.
    pub dispersed: f64,
    /// Gap between two colleges' positions from which they are apart.
    pub apart: f64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            high: 0.7,
            low: 0.45,
            consensual: 0.6,
            dispersed: 0.5,
            apart: 0.3,
        }
    }
}

/// Options of [`crate::analyse()`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AnalysisOptions {
    /// A stricter anonymity threshold for this analysis only (a committee that
    /// wants more caution for one reading). The threshold applied is the larger of
    /// this and the instrument's: a caller may raise anonymity, never lower it,
    /// since the instrument's threshold is what respondents were promised.
    pub threshold: Option<u32>,
    /// Thresholds of the classes.
    pub rules: Rules,
}

/// A class an item falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum Class {
    /// High and consensual.
    Strength,
    /// Low and consensual: a theme to start or deepen a change.
    Priority,
    /// Dispersed, or colleges apart.
    Dialogue,
}

/// Why an item is in its class: the rule and the figures it compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "rule")]
#[non_exhaustive]
pub enum Reason {
    /// Position ≥ `high` and consensus ≥ `consensual`.
    #[serde(rename_all = "camelCase")]
    HighAndConsensual {
        /// The position.
        position: f64,
        /// The consensus.
        consensus: f64,
    },
    /// Position ≤ `low` and consensus ≥ `consensual`.
    #[serde(rename_all = "camelCase")]
    LowAndConsensual {
        /// The position.
        position: f64,
        /// The consensus.
        consensus: f64,
    },
    /// Consensus < `dispersed`.
    #[serde(rename_all = "camelCase")]
    Dispersed {
        /// The consensus.
        consensus: f64,
    },
    /// Two published colleges' positions differ by at least `apart`.
    #[serde(rename_all = "camelCase")]
    CollegesApart {
        /// The gap between their positions.
        gap: f64,
        /// The lowest college.
        low: String,
        /// The highest college.
        high: String,
    },
}

/// A class and its reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Classed {
    /// The class.
    pub class: Class,
    /// The rule that classed it.
    pub reason: Reason,
}

/// A published group (a college, possibly merged, or a team).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Group {
    /// Id (for a merged college: the id of the college it merged into).
    pub id: String,
    /// Name (for a merged college: the merged group's name).
    pub label: Text,
    /// Colleges whose answers it holds.
    pub colleges: Vec<String>,
    /// Respondents in it.
    pub respondents: u32,
    /// Published by name, whatever its size: its members agreed to be identified
    /// as a group (the report says so next to its figures).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub published_by_name: bool,
}

/// One group's figures on one item or theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Cell {
    /// Group id.
    pub group: String,
    /// The figures.
    #[serde(flatten)]
    pub summary: Summary,
    /// Its class within the group, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<Classed>,
}

/// One item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ItemAnalysis {
    /// Item id.
    pub item: String,
    /// Theme id.
    pub theme: String,
    /// Over every published answer; absent when too few.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<Summary>,
    /// Its class, overall.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<Classed>,
    /// Published colleges, in instrument order.
    pub colleges: Vec<Cell>,
    /// The largest gap between two published colleges' positions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
}

/// One theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ThemeAnalysis {
    /// Theme id.
    pub theme: String,
    /// Over every published answer to its items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<Summary>,
    /// Published colleges.
    pub colleges: Vec<Cell>,
    /// Published teams.
    pub teams: Vec<Cell>,
}

/// A class list entry: the item, and where it was classed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Finding {
    /// Item id.
    pub item: String,
    /// The college it was classed in; absent for the overall class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub college: Option<String>,
    /// Why.
    pub reason: Reason,
}

/// The change of one cell between two waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Change {
    /// Theme id.
    pub theme: String,
    /// Group id; absent for the overall figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Mean before and after.
    pub mean_before: f64,
    /// Mean after.
    pub mean_after: f64,
    /// Change of the mean.
    pub mean_change: f64,
    /// Consensus before.
    pub consensus_before: f64,
    /// Consensus after.
    pub consensus_after: f64,
    /// Change of the consensus.
    pub consensus_change: f64,
}

/// Who answered one wave, and when: what a committee needs to read a change
/// between two waves (a change means little if the colleges were not the same
/// size, or the waves years apart). Counts and dates are over the published
/// groups only, as every other figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WaveFacts {
    /// The first day someone answered (from the answers' date column), if dated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_date: Option<Date>,
    /// The last day someone answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_date: Option<Date>,
    /// Respondents analysed.
    pub respondents: u32,
    /// Respondents per published group (merged where the instrument says), in
    /// instrument order.
    pub colleges: Vec<GroupCount>,
}

/// A published group's headcount in one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupCount {
    /// Group id.
    pub group: String,
    /// Its name in that wave (a merged group's name when it merged).
    pub label: Text,
    /// Published by name.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub published_by_name: bool,
    /// Respondents in it.
    pub respondents: u32,
}

/// The analysis of one wave (and its change since an earlier one).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Analysis {
    /// Instrument id.
    pub instrument: String,
    /// Instrument version.
    pub version: String,
    /// The anonymity threshold applied (never under `instrument_threshold`).
    pub threshold: u32,
    /// The instrument's own threshold, so that a report can say when the one
    /// applied was raised for this analysis.
    pub instrument_threshold: u32,
    /// The class thresholds applied.
    pub rules: Rules,
    /// The scale's values, lowest first.
    pub scale: Vec<f64>,
    /// Respondents in the analysis (hidden groups excluded).
    pub respondents: u32,
    /// Rows of the answer file left out because they were rejected (with
    /// `--skip-bad-rows`); set by the caller, which read the file.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_rows: u32,
    /// Published colleges (merged where the instrument says), in instrument order.
    pub colleges: Vec<Group>,
    /// Colleges not published (under the threshold even after merging), by id.
    pub hidden_colleges: Vec<String>,
    /// Published teams.
    pub teams: Vec<Group>,
    /// Per theme.
    pub themes: Vec<ThemeAnalysis>,
    /// Per item.
    pub items: Vec<ItemAnalysis>,
    /// Strengths: overall, then per college.
    pub strengths: Vec<Finding>,
    /// Priorities: overall, then per college.
    pub priorities: Vec<Finding>,
    /// Subjects for dialogue: overall, then per college.
    pub dialogue: Vec<Finding>,
    /// Change since the earlier wave, per theme, overall and per college.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// This wave: its dates and who answered.
    pub wave: WaveFacts,
    /// The earlier wave, when compared: its dates and who answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<WaveFacts>,
    /// Priorities of the staff groups within a college, by team, for the team
    /// training plan: an item low and consensual among one published college's
    /// members of one team (cells under the threshold hidden, with their
    /// complement in the college).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub team_priorities: Vec<TeamFinding>,
}

/// A priority of one college's members in one team.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TeamFinding {
    /// Item id.
    pub item: String,
    /// The published college.
    pub college: String,
    /// The team.
    pub team: String,
    /// Why.
    pub reason: Reason,
}

/// The groups of one wave after merging and hiding.
struct Population {
    /// Published groups, in instrument order of their (target) college.
    groups: Vec<Group>,
    /// For each respondent, the published group index, or `None` (hidden).
    group_of: Vec<Option<usize>>,
    /// For each published group, the fewest answers a cell of it needs: the
    /// threshold, or 1 for a college published by name.
    floor: Vec<u32>,
    hidden: Vec<String>,
}

fn population(instr: &CheckedInstrument, table: &AnswerTable, threshold: u32) -> Population {
    let colleges = instr.colleges();
    let college_of: Vec<Option<usize>> = table
        .respondents
        .iter()
        .map(|r| instr.college_ix(&r.college))
        .collect();
    let mut size = vec![0u32; colleges.len()];
    for c in college_of.iter().flatten() {
        size[*c] += 1;
    }
    // Step 1: small colleges merge into their target (a college published by
    // name never does: the instrument's check refuses it).
    let mut target: Vec<usize> = (0..colleges.len()).collect();
    for c in 0..colleges.len() {
        if size[c] > 0 && size[c] < threshold && !instr.published_by_name(c) {
            if let Some(t) = instr.merge_target(c) {
                target[c] = t;
            }
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); colleges.len()];
    for (c, t) in target.iter().enumerate() {
        if size[c] > 0 {
            members[*t].push(c);
        }
    }
    let mut merged_size = vec![0u32; colleges.len()];
    for c in 0..colleges.len() {
        merged_size[target[c]] += size[c];
    }
    // Step 2: groups still under the threshold are hidden.
    let mut index: Vec<Option<usize>> = vec![None; colleges.len()];
    let mut groups = Vec::new();
    let mut floor = Vec::new();
    let mut hidden = Vec::new();
    for t in 0..colleges.len() {
        if members[t].is_empty() {
            continue;
        }
        let named = instr.published_by_name(t);
        if merged_size[t] < threshold && !named {
            hidden.extend(members[t].iter().map(|&c| colleges[c].id.clone()));
            continue;
        }
        let merged = members[t].iter().any(|&c| c != t);
        let label = if merged {
            members[t]
                .iter()
                .find(|&&c| c != t)
                .and_then(|&c| colleges[c].merge_into.as_ref())
                .map(|m| m.label.clone())
                .unwrap_or_else(|| colleges[t].label.clone())
        } else {
            colleges[t].label.clone()
        };
        index[t] = Some(groups.len());
        groups.push(Group {
            id: colleges[t].id.clone(),
            label,
            colleges: members[t].iter().map(|&c| colleges[c].id.clone()).collect(),
            respondents: merged_size[t],
            published_by_name: named,
        });
        floor.push(if named { 1 } else { threshold });
    }
    order::sort(&mut hidden);
    let group_of = college_of
        .iter()
        .map(|c| c.and_then(|c| index[target[c]]))
        .collect();
    Population {
        groups,
        group_of,
        floor,
        hidden,
    }
}

/// Per respondent and item, whether the answer is published (steps 2 and 3), and
/// the published cells per (item, group).
struct Published {
    /// `[respondent][item]`: the answer counts.
    ok: Vec<Vec<bool>>,
}

fn point_of(values: &[f64], answer: Answer) -> Option<usize> {
    match answer {
        Answer::Value(v) => values.iter().position(|&x| x == f64::from(v)),
        Answer::DontKnow | Answer::Blank => None,
    }
}

#[allow(clippy::needless_range_loop)] // items are columns: `ok` is indexed [row][item]
fn published(table: &AnswerTable, pop: &Population, values: &[f64], items: usize) -> Published {
    let mut ok: Vec<Vec<bool>> = vec![vec![false; items]; table.respondents.len()];
    for i in 0..items {
        let mut n = vec![0u32; pop.groups.len()];
        for (r, resp) in table.respondents.iter().enumerate() {
            if let (Some(g), Some(answer)) = (pop.group_of[r], resp.answers.get(i)) {
                if point_of(values, *answer).is_some() {
                    n[g] += 1;
                }
            }
        }
        for (r, resp) in table.respondents.iter().enumerate() {
            if let (Some(g), Some(answer)) = (pop.group_of[r], resp.answers.get(i)) {
                // "Ne sait pas" rides with its cell: published when the cell is.
                ok[r][i] = n[g] >= pop.floor[g] && !matches!(answer, Answer::Blank);
            }
        }
    }
    Published { ok }
}

/// Counts per point and "ne sait pas" over the given respondents and items.
fn tally(
    table: &AnswerTable,
    values: &[f64],
    publishable: &Published,
    respondents: &[usize],
    items: &[usize],
) -> (Vec<u32>, u32, u32) {
    let mut counts = vec![0u32; values.len()];
    let mut dont_know = 0;
    let mut people = 0;
    for &r in respondents {
        let mut counted = false;
        for &i in items {
            if !publishable.ok[r][i] {
                continue;
            }
            match table.respondents[r].answers.get(i) {
                Some(Answer::DontKnow) => dont_know += 1,
                Some(&a) => {
                    if let Some(p) = point_of(values, a) {
                        counts[p] += 1;
                        counted = true;
                    }
                }
                None => {}
            }
        }
        people += u32::from(counted);
    }
    (counts, dont_know, people)
}

fn classify(s: &Summary, rules: &Rules) -> Option<Classed> {
    if s.consensus < rules.dispersed {
        return Some(Classed {
            class: Class::Dialogue,
            reason: Reason::Dispersed {
                consensus: s.consensus,
            },
        });
    }
    if s.consensus >= rules.consensual && s.position >= rules.high {
        return Some(Classed {
            class: Class::Strength,
            reason: Reason::HighAndConsensual {
                position: s.position,
                consensus: s.consensus,
            },
        });
    }
    if s.consensus >= rules.consensual && s.position <= rules.low {
        return Some(Classed {
            class: Class::Priority,
            reason: Reason::LowAndConsensual {
                position: s.position,
                consensus: s.consensus,
            },
        });
    }
    None
}

/// Analyses one wave (`answers`), and its change since `before` when given.
pub(crate) fn analyse(
    instr: &CheckedInstrument,
    answers: &AnswerTable,
    before: Option<&AnswerTable>,
    options: &AnalysisOptions,
) -> Analysis {
    // The instrument's threshold is a floor: an option may only raise it.
    let instrument_threshold = instr.threshold().max(1);
    let threshold = options
        .threshold
        .map_or(instrument_threshold, |t| t.max(instrument_threshold));
    let values: Vec<f64> = instr.values().into_iter().map(f64::from).collect();
    let rules = options.rules;
    let wave = Wave::new(instr, answers, &values, threshold);
    let items_out: Vec<ItemAnalysis> = (0..instr.items().len())
        .map(|i| wave.item(instr, i, &rules))
        .collect();
    let themes_out: Vec<ThemeAnalysis> = (0..instr.themes().len())
        .map(|t| wave.theme(instr, t, &rules))
        .collect();
    let mut strengths = Vec::new();
    let mut priorities = Vec::new();
    let mut dialogue = Vec::new();
    let mut file = |classed: &Classed, item: &str, college: Option<&str>| {
        let finding = Finding {
            item: item.to_string(),
            college: college.map(str::to_string),
            reason: classed.reason.clone(),
        };
        match classed.class {
            Class::Strength => strengths.push(finding),
            Class::Priority => priorities.push(finding),
            Class::Dialogue => dialogue.push(finding),
        }
    };
    for item in &items_out {
        if let Some(c) = &item.class {
            file(c, &item.item, None);
        }
    }
    for item in &items_out {
        for cell in &item.colleges {
            if let Some(c) = &cell.class {
                file(c, &item.item, Some(&cell.group));
            }
        }
    }
    let team_priorities = wave.team_priorities(instr, &rules);
    let (changes, before_facts) = match before {
        Some(b) => {
            let earlier = Wave::new(instr, b, &values, threshold);
            let earlier_themes: Vec<ThemeAnalysis> = (0..instr.themes().len())
                .map(|t| earlier.theme(instr, t, &rules))
                .collect();
            (changes(&earlier_themes, &themes_out), Some(earlier.facts()))
        }
        None => (Vec::new(), None),
    };
    Analysis {
        instrument: instr.document().id.clone(),
        version: instr.document().version.clone(),
        threshold,
        instrument_threshold,
        rules,
        scale: values,
        respondents: wave.pop.groups.iter().map(|g| g.respondents).sum(),
        skipped_rows: 0,
        colleges: wave.pop.groups.clone(),
        hidden_colleges: wave.pop.hidden.clone(),
        teams: wave.teams.clone(),
        themes: themes_out,
        items: items_out,
        strengths,
        priorities,
        dialogue,
        changes,
        wave: wave.facts(),
        before: before_facts,
        team_priorities,
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn changes(before: &[ThemeAnalysis], after: &[ThemeAnalysis]) -> Vec<Change> {
    let mut out = Vec::new();
    for (b, a) in before.iter().zip(after) {
        let change = |group: Option<String>, sb: &Summary, sa: &Summary| Change {
            theme: a.theme.clone(),
            group,
            mean_before: sb.mean,
            mean_after: sa.mean,
            mean_change: crate::learner::evidence::round4(sa.mean - sb.mean),
            consensus_before: sb.consensus,
            consensus_after: sa.consensus,
            consensus_change: crate::learner::evidence::round4(sa.consensus - sb.consensus),
        };
        if let (Some(sb), Some(sa)) = (&b.overall, &a.overall) {
            out.push(change(None, sb, sa));
        }
        for ca in &a.colleges {
            if let Some(cb) = b.colleges.iter().find(|c| c.group == ca.group) {
                out.push(change(Some(ca.group.clone()), &cb.summary, &ca.summary));
            }
        }
    }
    out
}

/// One wave, with its population, published answers and teams.
struct Wave<'t> {
    table: &'t AnswerTable,
    values: Vec<f64>,
    threshold: u32,
    pop: Population,
    ok: Published,
    /// Published teams.
    teams: Vec<Group>,
    /// Every team cell (`None`: no team), with its respondents, and whether it is
    /// published on team sizes.
    partition: Vec<(Option<String>, Vec<usize>)>,
    team_shown: Vec<bool>,
}

impl<'t> Wave<'t> {
    fn new(
        instr: &CheckedInstrument,
        table: &'t AnswerTable,
        values: &[f64],
        threshold: u32,
    ) -> Self {
        let pop = population(instr, table, threshold);
        let ok = published(table, &pop, values, instr.items().len());
        // Teams among the analysed respondents; those without a team form one more
        // cell, never shown. Complementary suppression (step 4) on team sizes here,
        // and again on each theme's respondents in `theme`.
        // A college published by name stays out of this cut (see the module
        // documentation).
        let mut by_team: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
        for (r, resp) in table.respondents.iter().enumerate() {
            if pop.group_of[r].is_some_and(|g| !pop.groups[g].published_by_name) {
                by_team.entry(resp.team.clone()).or_default().push(r);
            }
        }
        let partition: Vec<(Option<String>, Vec<usize>)> = by_team.into_iter().collect();
        let mut shown: Vec<bool> = partition
            .iter()
            .map(|(team, members)| team.is_some() && members.len() as u32 >= threshold)
            .collect();
        let sizes: Vec<u32> = partition.iter().map(|(_, m)| m.len() as u32).collect();
        suppress(&sizes, &mut shown, threshold);
        let teams = partition
            .iter()
            .zip(&shown)
            .filter_map(|((team, members), &shown)| {
                let name = team.as_ref().filter(|_| shown)?;
                Some(Group {
                    id: name.clone(),
                    label: Text::fr_en(name.clone(), name.clone()),
                    colleges: Vec::new(),
                    respondents: members.len() as u32,
                    published_by_name: false,
                })
            })
            .collect();
        let team_shown = shown;
        Wave {
            table,
            values: values.to_vec(),
            threshold,
            pop,
            ok,
            teams,
            partition,
            team_shown,
        }
    }

    /// Its dates and headcounts, over the published groups.
    fn facts(&self) -> WaveFacts {
        let dates = self
            .everyone()
            .into_iter()
            .filter_map(|r| self.table.respondents[r].date);
        let (mut first, mut last): (Option<Date>, Option<Date>) = (None, None);
        for d in dates {
            first = Some(first.map_or(d, |f| f.min(d)));
            last = Some(last.map_or(d, |l| l.max(d)));
        }
        WaveFacts {
            first_date: first,
            last_date: last,
            respondents: self.pop.groups.iter().map(|g| g.respondents).sum(),
            colleges: self
                .pop
                .groups
                .iter()
                .map(|g| GroupCount {
                    group: g.id.clone(),
                    label: g.label.clone(),
                    published_by_name: g.published_by_name,
                    respondents: g.respondents,
                })
                .collect(),
        }
    }

    fn members(&self, g: usize) -> Vec<usize> {
        (0..self.table.respondents.len())
            .filter(|&r| self.pop.group_of[r] == Some(g))
            .collect()
    }

    fn everyone(&self) -> Vec<usize> {
        (0..self.table.respondents.len())
            .filter(|&r| self.pop.group_of[r].is_some())
            .collect()
    }

    fn summary(&self, respondents: &[usize], items: &[usize]) -> Option<(Summary, u32)> {
        let (counts, dk, people) = tally(self.table, &self.values, &self.ok, respondents, items);
        summarise(&self.values, &counts, dk).map(|s| (s, people))
    }

    fn item(&self, instr: &CheckedInstrument, i: usize, rules: &Rules) -> ItemAnalysis {
        let items = [i];
        let mut colleges = Vec::new();
        for (g, group) in self.pop.groups.iter().enumerate() {
            if let Some((summary, _)) = self.summary(&self.members(g), &items) {
                if summary.n >= self.pop.floor[g] {
                    let class = classify(&summary, rules);
                    colleges.push(Cell {
                        group: group.id.clone(),
                        summary,
                        class,
                    });
                }
            }
        }
        let overall = self.summary(&self.everyone(), &items).map(|(s, _)| s);
        let mut gap = None;
        let mut apart = None;
        if colleges.len() >= 2 {
            let low = colleges
                .iter()
                .min_by(|a, b| a.summary.position.total_cmp(&b.summary.position));
            let high = colleges
                .iter()
                .max_by(|a, b| a.summary.position.total_cmp(&b.summary.position));
            if let (Some(low), Some(high)) = (low, high) {
                let g =
                    crate::learner::evidence::round4(high.summary.position - low.summary.position);
                gap = Some(g);
                if g >= rules.apart {
                    apart = Some(Classed {
                        class: Class::Dialogue,
                        reason: Reason::CollegesApart {
                            gap: g,
                            low: low.group.clone(),
                            high: high.group.clone(),
                        },
                    });
                }
            }
        }
        let class = match (&overall, apart) {
            (_, Some(apart)) => Some(apart),
            (Some(s), None) => classify(s, rules),
            (None, None) => None,
        };
        ItemAnalysis {
            item: instr.items()[i].id.clone(),
            theme: instr.themes()[instr.theme_of(i)].id.clone(),
            overall,
            class,
            colleges,
            gap,
        }
    }

    /// Each published college's members, cut by team; for every item, the cells
    /// under the threshold are hidden with their complement within the college
    /// (step 4), and the published cells are classed.
    fn team_priorities(&self, instr: &CheckedInstrument, rules: &Rules) -> Vec<TeamFinding> {
        let mut out = Vec::new();
        for (g, group) in self.pop.groups.iter().enumerate() {
            let mut by_team: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
            for r in self.members(g) {
                by_team
                    .entry(self.table.respondents[r].team.as_deref())
                    .or_default()
                    .push(r);
            }
            let cells: Vec<(Option<&str>, Vec<usize>)> = by_team.into_iter().collect();
            for i in 0..instr.items().len() {
                let items = [i];
                let summaries: Vec<Option<Summary>> = cells
                    .iter()
                    .map(|(_, members)| self.summary(members, &items).map(|(s, _)| s))
                    .collect();
                let sizes: Vec<u32> = summaries
                    .iter()
                    .map(|s| s.as_ref().map_or(0, |s| s.n))
                    .collect();
                let mut shown: Vec<bool> = cells
                    .iter()
                    .zip(&sizes)
                    .map(|((team, _), &n)| team.is_some() && n >= self.threshold)
                    .collect();
                suppress(&sizes, &mut shown, self.threshold);
                for (((team, _), summary), shown) in cells.iter().zip(&summaries).zip(&shown) {
                    let (Some(team), Some(summary), true) = (team, summary, *shown) else {
                        continue;
                    };
                    if let Some(Classed {
                        class: Class::Priority,
                        reason,
                    }) = classify(summary, rules)
                    {
                        out.push(TeamFinding {
                            item: instr.items()[i].id.clone(),
                            college: group.id.clone(),
                            team: team.to_string(),
                            reason,
                        });
                    }
                }
            }
        }
        out
    }

    fn theme(&self, instr: &CheckedInstrument, t: usize, rules: &Rules) -> ThemeAnalysis {
        let items: Vec<usize> = (0..instr.items().len())
            .filter(|&i| instr.theme_of(i) == t)
            .collect();
        let cell = |group: &str, respondents: &[usize], floor: u32| {
            self.summary(respondents, &items)
                .filter(|(_, people)| *people >= floor)
                .map(|(summary, _)| Cell {
                    group: group.to_string(),
                    class: classify(&summary, rules).filter(|c| c.class == Class::Dialogue),
                    summary,
                })
        };
        let colleges = self
            .pop
            .groups
            .iter()
            .enumerate()
            .filter_map(|(g, group)| cell(&group.id, &self.members(g), self.pop.floor[g]))
            .collect();
        // Teams again with this theme's respondents: a team whose published
        // answers come from too few people is hidden, with its complement.
        let people: Vec<u32> = self
            .partition
            .iter()
            .map(|(_, members)| tally(self.table, &self.values, &self.ok, members, &items).2)
            .collect();
        let mut shown: Vec<bool> = self
            .team_shown
            .iter()
            .zip(&people)
            .map(|(&shown, &p)| shown && p >= self.threshold)
            .collect();
        suppress(&people, &mut shown, self.threshold);
        let teams = self
            .partition
            .iter()
            .zip(&shown)
            .filter(|(_, &shown)| shown)
            .filter_map(|((team, members), _)| cell(team.as_deref()?, members, self.threshold))
            .collect();
        ThemeAnalysis {
            theme: instr.themes()[t].id.clone(),
            overall: self.summary(&self.everyone(), &items).map(|(s, _)| s),
            colleges,
            teams,
        }
    }
}

/// Complementary suppression: while the hidden cells hold some respondents but
/// fewer than the threshold together, hide the smallest shown cell too (ties: the
/// first).
fn suppress(sizes: &[u32], shown: &mut [bool], threshold: u32) {
    loop {
        let hidden: u32 = sizes
            .iter()
            .zip(shown.iter())
            .filter(|(_, &s)| !s)
            .map(|(&n, _)| n)
            .sum();
        if hidden == 0 || hidden >= threshold {
            return;
        }
        let smallest = (0..sizes.len())
            .filter(|&i| shown[i])
            .min_by_key(|&i| sizes[i]);
        match smallest {
            Some(i) => shown[i] = false,
            None => return,
        }
    }
}
