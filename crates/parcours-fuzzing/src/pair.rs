//! The structured input of the `engine_pair` target: a small curriculum, a learner
//! record for it and the options of the engine's calls, drawn from the fuzzer's
//! bytes with [`arbitrary`] and written as the JSON documents a host would pass.
//!
//! The shapes are chosen so that most inputs load and reach the engine: ids are
//! made from indices (`m3`, `c1`, `a0`), a prerequisite names only modules declared
//! before its module (no cycle), stages never go down along the module list (no
//! `stage-order`), levels and `atLeast`'s `k` are taken modulo what exists, dates
//! count back from `now`. What stays free, and where bugs hide, is the shape of
//! the graph (`allOf`/`anyOf`/`atLeast` nested four deep, over modules, levels and
//! scores), the audiences, the groups and the completion rule, the record (an id
//! the curriculum replaced or does not know, another curriculum version, evidence
//! with a level, a score, both or neither) and the numbers: each duration, score,
//! weight and hour budget is a [`Number`] and each month count a [`Count`], from
//! everyday values to the extremes (0, −0, 5e-324, 1e300, `f64::MAX`, 2^53 + 1,
//! `u32::MAX` months, a 0.25 h-per-week plan of a 71-million-hour module). Every
//! input runs as it is: the four findings this target made are fixed (their files
//! are under `fuzz/regressions/engine_pair/`).

use arbitrary::{Arbitrary, Unstructured};
use parcours::{Compiled, Date, PlanOptions, ProgressOptions, RecommendOptions};
use serde_json::{json, Map, Value};

/// Largest sizes written: enough for every structure, small enough for the plan.
const MODULES: usize = 16;
const COMPETENCIES: usize = 8;
const SCALES: usize = 3;
const LEVELS: usize = 6;
const GROUPS: usize = 3;
const CHILDREN: usize = 5;
const DEPTH: usize = 4;
const ENTRIES: usize = 24;

/// A number as the documents hold it: mostly an everyday value (read per use, see
/// `Use`), else a whole number, one of the `EXTREMES` or any `f64`.
#[derive(Debug, Clone, Copy)]
pub enum Number {
    /// An everyday value for its use (a quarter-hour count, a score out of 100…).
    Everyday(u8),
    /// A whole number.
    Whole(u32),
    /// A value from `EXTREMES` (0, −0, 5e-324, 1e300, `f64::MAX`...).
    Extreme(u8),
    /// Any `f64` (non-finite ones are written `null`).
    Raw(f64),
}

impl<'a> Arbitrary<'a> for Number {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        // Weighted so that most documents stay valid and reach the engine.
        Ok(match u8::arbitrary(u)? {
            0..=199 => Number::Everyday(u8::arbitrary(u)?),
            200..=219 => Number::Whole(u32::arbitrary(u)?),
            220..=249 => Number::Extreme(u8::arbitrary(u)?),
            _ => Number::Raw(f64::arbitrary(u)?),
        })
    }
}

/// Values at the edges of what the engine converts, rounds and adds.
const EXTREMES: [f64; 16] = [
    0.0,
    -0.0,
    -1.0,
    5e-324,
    f64::MIN_POSITIVE,
    1.0 / 120.0, // half a minute: rounds to 0 or 1
    1.0 / 60.0,
    0.1,
    99.999_999_999,
    100.0,
    100.000_000_000_001,
    9_007_199_254_740_993.0, // 2^53 + 1
    71_582_788.25,           // u32::MAX minutes
    1e15,
    1e300,
    f64::MAX,
];

/// What a [`Number`] stands for: it decides what an everyday value means.
#[derive(Debug, Clone, Copy)]
enum Use {
    /// Hours: a count of quarter hours, from 0.25.
    Hours,
    /// A score out of 100.
    Score,
    /// A weight in ]0, 1].
    Weight,
}

impl Number {
    fn value(self, to: Use) -> f64 {
        match self {
            Number::Everyday(n) => match to {
                Use::Hours => f64::from(n) / 4.0 + 0.25,
                Use::Score => f64::from(n % 101),
                Use::Weight => (f64::from(n) + 1.0) / 256.0,
            },
            Number::Whole(n) => f64::from(n),
            Number::Extreme(i) => EXTREMES[usize::from(i) % EXTREMES.len()],
            Number::Raw(x) => x,
        }
    }

    fn json(self, to: Use) -> Value {
        json!(self.value(to))
    }
}

/// A count (months of validity, `n` and `m` of `nOfM`): mostly small, sometimes
/// any `u32`, `u32::MAX` included.
#[derive(Debug, Clone, Copy)]
pub struct Count(u32);

impl<'a> Arbitrary<'a> for Count {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(Count(match u8::arbitrary(u)? {
            0..=223 => u32::from(u8::arbitrary(u)? % 64),
            224..=239 => u32::MAX,
            _ => u32::arbitrary(u)?,
        }))
    }
}

impl Count {
    /// As months of validity.
    fn months(self) -> u32 {
        self.0
    }
}

/// A date: near today, or anywhere (the calendar's ends included).
#[derive(Debug, Clone, Copy)]
pub enum Day {
    /// Days after 2020-01-01 (up to 2199).
    Near(u16),
    /// Days since 1970 (clamped to 0001-01-01 … 9999-12-31).
    Any(i32),
}

impl<'a> Arbitrary<'a> for Day {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(match u8::arbitrary(u)? {
            0..=223 => Day::Near(u16::arbitrary(u)?),
            _ => Day::Any(i32::arbitrary(u)?),
        })
    }
}

impl Day {
    fn unix_days(self) -> i64 {
        match self {
            Day::Near(n) => 18_262 + i64::from(n),
            Day::Any(n) => i64::from(n),
        }
    }
}

/// The calendar's first and last days, as Unix days.
const FIRST_DAY: i64 = -719_162;
const LAST_DAY: i64 = 2_932_896;

fn date(unix_days: i64) -> String {
    Date::from_unix_days(unix_days.clamp(FIRST_DAY, LAST_DAY))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// A prerequisite expression, before its references are resolved.
#[derive(Debug, Clone, Arbitrary)]
pub enum Expr {
    /// `allOf`.
    AllOf(Vec<Expr>),
    /// `anyOf`.
    AnyOf(Vec<Expr>),
    /// `atLeast` (`k` taken between 1 and the number of terms).
    AtLeast(u8, Vec<Expr>),
    /// A module completed (one declared before).
    Module(u8),
    /// A competency at a level.
    Competency(u8, u8),
    /// A score in a module (one declared before).
    Score(u8, Number),
}

/// A proficiency scale.
#[derive(Debug, Clone, Arbitrary)]
pub struct Scale {
    levels: u8,
    /// Minimum scores: none, rising ones, or any.
    scores: Scores,
}

/// The `minScore` of a scale's levels.
#[derive(Debug, Clone)]
pub enum Scores {
    /// No scores.
    None,
    /// Rising from `start`, by `step` + 1.
    Rising(u8, u8),
    /// Given one by one (maybe out of order or out of range).
    Each(Vec<Number>),
}

impl<'a> Arbitrary<'a> for Scores {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(match u8::arbitrary(u)? {
            0..=127 => Scores::None,
            128..=239 => Scores::Rising(u8::arbitrary(u)?, u8::arbitrary(u)?),
            _ => Scores::Each(Vec::arbitrary(u)?),
        })
    }
}

/// How evidence becomes a level.
#[derive(Debug, Clone, Arbitrary)]
pub struct Assessment {
    method: Option<u8>,
    w: Option<Number>,
    /// `n` and `m` - `n` of `nOfM` (so that `n` ≤ `m`), both when given.
    n_of_m: Option<(Count, Count)>,
    weights: Option<[Option<Number>; 6]>,
    validity: Option<Count>,
}

/// A competency.
#[derive(Debug, Clone, Arbitrary)]
pub struct Competency {
    /// A domain declared before.
    parent: Option<u8>,
    scale: Option<u8>,
    assessment: Option<Assessment>,
    replaces: bool,
}

/// A module.
#[derive(Debug, Clone, Arbitrary)]
pub struct Module {
    optional: bool,
    hours: Number,
    format: u8,
    audiences: Vec<u8>,
    /// Whether the stage moves on from the previous module's.
    next_stage: Option<bool>,
    teaches: Vec<(u8, u8)>,
    requires: Option<Expr>,
    recommends: Option<Expr>,
    validity: Option<Count>,
    replaces: bool,
}

impl Module {
    /// Its duration in hours.
    fn hours(&self) -> f64 {
        self.hours.value(Use::Hours)
    }
}

/// A group of modules with its own rule.
#[derive(Debug, Clone, Arbitrary)]
pub struct Group {
    modules: Vec<u8>,
    min_modules: Option<u8>,
    min_hours: Option<Number>,
}

/// The completion rule.
#[derive(Debug, Clone, Arbitrary)]
pub enum Completion {
    /// Every core module, and some optional ones.
    CoreAndOptional(Option<u8>, Option<Number>),
    /// An expression over any module.
    Expression(Expr),
}

/// The curriculum.
#[derive(Debug, Clone, Arbitrary)]
pub struct Curriculum {
    english: bool,
    audiences: u8,
    stages: u8,
    scales: Vec<Scale>,
    default_scale: Option<u8>,
    assessment: Option<Assessment>,
    competencies: Vec<Competency>,
    modules: Vec<Module>,
    groups: Vec<Group>,
    completion: Completion,
}

/// A level or a score (rarely both, or neither: refused).
#[derive(Debug, Clone, Copy)]
pub enum Measure {
    /// A level.
    Level(u8),
    /// A score.
    Score(Number),
    /// Both (refused).
    Both(u8, Number),
    /// Neither (refused).
    Neither,
}

impl<'a> Arbitrary<'a> for Measure {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        Ok(match u8::arbitrary(u)? {
            0..=119 => Measure::Level(u8::arbitrary(u)?),
            120..=243 => Measure::Score(Number::arbitrary(u)?),
            244..=249 => Measure::Both(u8::arbitrary(u)?, Number::arbitrary(u)?),
            _ => Measure::Neither,
        })
    }
}

/// A piece of evidence.
#[derive(Debug, Clone, Arbitrary)]
pub struct Evidence {
    competency: u8,
    measure: Measure,
    source: u8,
    days_before: u16,
    weight: Option<Number>,
}

/// The learner record.
#[derive(Debug, Clone, Arbitrary)]
pub struct Record {
    audience: u8,
    /// Kept against another version of the curriculum (unknown ids then pass).
    other_version: bool,
    now: Day,
    completed: Vec<(u8, u16, Option<Number>)>,
    evidence: Vec<Evidence>,
    goals: Option<(bool, Vec<(u8, u8)>)>,
    constraints: Option<(Option<Number>, Vec<u8>)>,
}

/// How many recommendations.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Top {
    /// 0 to 255.
    Few(u8),
    /// `usize::MAX`.
    All,
}

/// The options of the engine's calls.
#[derive(Debug, Clone, Arbitrary)]
pub struct Options {
    top: Top,
    weights: Option<[Number; 6]>,
    /// A module to ask `why_not` about (past the last: an unknown id).
    why_not: u8,
    since: Option<Day>,
    node_budget: u8,
    hours_per_week: Option<Number>,
}

/// The `engine_pair` input.
#[derive(Debug, Clone, Arbitrary)]
pub struct Pair {
    /// The curriculum.
    pub curriculum: Curriculum,
    /// The learner record.
    pub record: Record,
    /// The calls' options.
    pub options: Options,
}

/// The options of each call, made from [`Options`] for one curriculum.
#[derive(Debug, Clone)]
pub struct Calls {
    /// `recommend` and `why_not`.
    pub recommend: RecommendOptions,
    /// The module `why_not` asks about.
    pub why_not: String,
    /// `progress`.
    pub progress: ProgressOptions,
    /// `plan`: a node budget of 0 to 50, so that the relaxation runs too.
    pub plan: PlanOptions,
}

fn text(fr: &str, english: bool) -> Value {
    if english {
        json!({ "fr": fr, "en": fr })
    } else {
        json!({ "fr": fr })
    }
}

/// Sizes the record's references are taken modulo.
struct Shape {
    modules: usize,
    competencies: usize,
    /// Levels of each competency's scale.
    levels: Vec<usize>,
    audiences: usize,
}

impl Pair {
    /// The curriculum and the record, as JSON text.
    pub fn documents(&self) -> (String, String) {
        let (curriculum, shape) = self.curriculum.json();
        let record = self.record.json(&shape);
        (curriculum.to_string(), record.to_string())
    }

    /// The options of each call, against the curriculum as it compiled.
    pub fn calls(&self, c: &Compiled) -> Calls {
        let o = &self.options;
        let mut recommend = RecommendOptions {
            top: match o.top {
                Top::Few(n) => usize::from(n),
                Top::All => usize::MAX,
            },
            ..RecommendOptions::default()
        };
        if let Some(w) = o.weights {
            let value = |i: usize| w[i].value(Use::Weight);
            recommend.weights.gap = value(0);
            recommend.weights.completion = value(1);
            recommend.weights.unlocks = value(2);
            recommend.weights.core = value(3);
            recommend.weights.stage = value(4);
            recommend.weights.hours = value(5);
        }
        let modules = c.modules();
        let why_not = modules
            .get(usize::from(o.why_not) % (modules.len() + 1))
            .map_or_else(|| "inconnu".to_owned(), |m| m.id.clone());
        let hours_per_week = o.hours_per_week.map(|h| h.value(Use::Hours));
        Calls {
            recommend,
            why_not,
            progress: ProgressOptions {
                since: o
                    .since
                    .and_then(|d| Date::from_unix_days(d.unix_days().clamp(FIRST_DAY, LAST_DAY))),
            },
            plan: PlanOptions {
                node_budget: Some(u64::from(o.node_budget % 51)),
                hours_per_week,
            },
        }
    }
}

impl Curriculum {
    fn json(&self) -> (Value, Shape) {
        let english = self.english;
        let audiences = usize::from(self.audiences % 4) + 1;
        let stages = usize::from(self.stages % 4);

        let mut scales: Vec<&Scale> = self.scales.iter().take(SCALES).collect();
        let fallback = Scale {
            levels: 3,
            scores: Scores::None,
        };
        if scales.is_empty() {
            scales.push(&fallback);
        }
        let levels: Vec<usize> = scales
            .iter()
            .map(|s| usize::from(s.levels) % LEVELS + 1)
            .collect();
        let default_scale = self.default_scale.map(|s| usize::from(s) % scales.len());

        let competencies: Vec<&Competency> = self.competencies.iter().take(COMPETENCIES).collect();
        let n_competencies = competencies.len();
        // A competency without a scale of its own takes the default, or the only one.
        let scale_of: Vec<usize> = competencies
            .iter()
            .map(|c| match (c.scale, default_scale) {
                (Some(s), _) => usize::from(s) % scales.len(),
                (None, Some(d)) => d,
                (None, None) => 0,
            })
            .collect();
        let competency_levels: Vec<usize> = scale_of.iter().map(|&s| levels[s]).collect();

        let modules: Vec<&Module> = self.modules.iter().take(MODULES).collect();
        let n_modules = modules.len();
        let refs = Refs {
            competency_levels: &competency_levels,
        };

        let mut framework = Map::new();
        framework.insert(
            "scales".into(),
            scales
                .iter()
                .enumerate()
                .map(|(s, scale)| scale.json(s, levels[s], english))
                .collect(),
        );
        if let Some(d) = default_scale {
            framework.insert("defaultScale".into(), json!(format!("s{d}")));
        }
        if let Some(a) = &self.assessment {
            framework.insert("assessment".into(), a.json());
        }
        framework.insert(
            "competencies".into(),
            competencies
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let mut o = Map::new();
                    o.insert("id".into(), json!(format!("c{i}")));
                    o.insert("title".into(), text(&format!("Compétence {i}"), english));
                    if let (Some(p), true) = (c.parent, i > 0) {
                        o.insert("parent".into(), json!(format!("c{}", usize::from(p) % i)));
                    }
                    if c.scale.is_some() || (default_scale.is_none() && scales.len() > 1) {
                        o.insert("scale".into(), json!(format!("s{}", scale_of[i])));
                    }
                    if let Some(a) = &c.assessment {
                        o.insert("assessment".into(), a.json());
                    }
                    if c.replaces {
                        o.insert("replaces".into(), json!([format!("ancienne-c{i}")]));
                    }
                    Value::Object(o)
                })
                .collect(),
        );

        let mut stage = 0usize;
        let modules_json: Vec<Value> = modules
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut o = Map::new();
                o.insert("id".into(), json!(format!("m{i}")));
                o.insert("title".into(), text(&format!("Module {i}"), english));
                o.insert(
                    "kind".into(),
                    json!(if m.optional { "optional" } else { "core" }),
                );
                o.insert("durationHours".into(), json!(m.hours()));
                o.insert(
                    "format".into(),
                    json!(FORMATS[usize::from(m.format) % FORMATS.len()]),
                );
                let mut open: Vec<usize> = m
                    .audiences
                    .iter()
                    .map(|&a| usize::from(a) % audiences)
                    .collect();
                open.sort_unstable();
                open.dedup();
                if !open.is_empty() {
                    o.insert(
                        "audiences".into(),
                        open.iter().map(|a| json!(format!("a{a}"))).collect(),
                    );
                }
                if let (Some(next), true) = (m.next_stage, stages > 0) {
                    stage = (stage + usize::from(next)).min(stages - 1);
                    o.insert("stage".into(), json!(format!("e{stage}")));
                }
                let mut taught: Vec<(usize, usize)> = Vec::new();
                if n_competencies > 0 {
                    for &(c, l) in &m.teaches {
                        let c = usize::from(c) % n_competencies;
                        if taught.iter().all(|&(t, _)| t != c) {
                            taught.push((c, usize::from(l) % competency_levels[c]));
                        }
                    }
                }
                if !taught.is_empty() {
                    o.insert(
                        "teaches".into(),
                        taught
                            .iter()
                            .map(|(c, l)| json!({ "competency": format!("c{c}"), "level": l }))
                            .collect(),
                    );
                }
                if let Some(e) = m.requires.as_ref().and_then(|e| refs.expr(e, i, 0)) {
                    o.insert("requires".into(), e);
                }
                if let Some(e) = m.recommends.as_ref().and_then(|e| refs.expr(e, i, 0)) {
                    o.insert("recommends".into(), e);
                }
                if let Some(v) = m.validity {
                    o.insert("validityMonths".into(), json!(v.months()));
                }
                if m.replaces {
                    o.insert("replaces".into(), json!([format!("ancien-m{i}")]));
                }
                Value::Object(o)
            })
            .collect();

        let groups: Vec<Value> = if n_modules == 0 {
            Vec::new()
        } else {
            self.groups
                .iter()
                .take(GROUPS)
                .enumerate()
                .map(|(g, group)| {
                    let mut members: Vec<usize> = group
                        .modules
                        .iter()
                        .map(|&m| usize::from(m) % n_modules)
                        .collect();
                    members.sort_unstable();
                    members.dedup();
                    let mut o = Map::new();
                    o.insert("id".into(), json!(format!("g{g}")));
                    o.insert("title".into(), text(&format!("Groupe {g}"), english));
                    o.insert(
                        "modules".into(),
                        members.iter().map(|m| json!(format!("m{m}"))).collect(),
                    );
                    if let Some(k) = group.min_modules {
                        o.insert(
                            "minModules".into(),
                            json!(usize::from(k) % (members.len() + 1)),
                        );
                    }
                    if let Some(h) = group.min_hours {
                        o.insert("minHours".into(), h.json(Use::Hours));
                    }
                    Value::Object(o)
                })
                .collect()
        };

        let optional = modules.iter().filter(|m| m.optional).count();
        let completion = match &self.completion {
            Completion::Expression(e) => match refs.expr(e, n_modules, 0) {
                Some(expression) => json!({ "rule": "expression", "expression": expression }),
                None => json!({ "rule": "coreAndOptional" }),
            },
            Completion::CoreAndOptional(k, h) => {
                let mut o = Map::new();
                o.insert("rule".into(), json!("coreAndOptional"));
                if let Some(k) = k {
                    o.insert(
                        "minOptionalModules".into(),
                        json!(usize::from(*k) % (optional + 1)),
                    );
                }
                if let Some(h) = h {
                    o.insert("minOptionalHours".into(), h.json(Use::Hours));
                }
                Value::Object(o)
            }
        };

        let mut doc = Map::new();
        doc.insert("formatVersion".into(), json!(1));
        doc.insert("id".into(), json!("fuzz"));
        doc.insert("version".into(), json!("1"));
        doc.insert("title".into(), text("Cursus généré", english));
        doc.insert(
            "languages".into(),
            if english {
                json!(["fr", "en"])
            } else {
                json!(["fr"])
            },
        );
        doc.insert(
            "audiences".into(),
            (0..audiences)
                .map(|a| json!({ "id": format!("a{a}"), "label": text(&format!("Public {a}"), english) }))
                .collect(),
        );
        doc.insert("framework".into(), Value::Object(framework));
        if stages > 0 {
            doc.insert(
                "stages".into(),
                (0..stages)
                    .map(|s| json!({ "id": format!("e{s}"), "title": text(&format!("Étape {s}"), english) }))
                    .collect(),
            );
        }
        doc.insert("modules".into(), Value::Array(modules_json));
        if !groups.is_empty() {
            doc.insert("groups".into(), Value::Array(groups));
        }
        doc.insert("completion".into(), completion);
        let shape = Shape {
            modules: n_modules,
            competencies: n_competencies,
            levels: competency_levels,
            audiences,
        };
        (Value::Object(doc), shape)
    }
}

const FORMATS: [&str; 8] = [
    "classroom",
    "workshop",
    "eLearning",
    "virtualClassroom",
    "inSituPractice",
    "coaching",
    "companionship",
    "blended",
];

const METHODS: [&str; 5] = ["latest", "highest", "average", "decayingAverage", "nOfM"];

const WEIGHTED: [&str; 6] = [
    "selfAssessment",
    "trainerAssessment",
    "quiz",
    "observation",
    "peer",
    "completion",
];

/// Evidence sources a record may give (`completion` is the engine's own).
const SOURCES: [&str; 5] = [
    "selfAssessment",
    "trainerAssessment",
    "quiz",
    "observation",
    "peer",
];

impl Scale {
    fn json(&self, s: usize, levels: usize, english: bool) -> Value {
        let scores: Vec<Option<f64>> = match &self.scores {
            Scores::None => vec![None; levels],
            Scores::Rising(start, step) => (0..levels)
                .map(|l| {
                    let score = usize::from(*start) % 50 + l * (usize::from(*step) % 10 + 1);
                    Some(score as f64)
                })
                .collect(),
            Scores::Each(given) => (0..levels)
                .map(|l| given.get(l).map(|n| n.value(Use::Score)))
                .collect(),
        };
        let levels: Vec<Value> = scores
            .iter()
            .enumerate()
            .map(|(l, score)| {
                let mut o = Map::new();
                o.insert("id".into(), json!(format!("n{l}")));
                o.insert("label".into(), text(&format!("Niveau {l}"), english));
                if let Some(score) = score {
                    o.insert("minScore".into(), json!(score));
                }
                Value::Object(o)
            })
            .collect();
        json!({ "id": format!("s{s}"), "levels": levels })
    }
}

impl Assessment {
    fn json(&self) -> Value {
        let mut o = Map::new();
        if let Some(m) = self.method {
            o.insert(
                "method".into(),
                json!(METHODS[usize::from(m) % METHODS.len()]),
            );
        }
        if let Some(w) = self.w {
            o.insert("w".into(), w.json(Use::Weight));
        }
        if let Some((n, more)) = self.n_of_m {
            let n = n.0.max(1);
            o.insert("n".into(), json!(n));
            o.insert("m".into(), json!(n.saturating_add(more.0)));
        }
        if let Some(weights) = &self.weights {
            let mut w = Map::new();
            for (key, value) in WEIGHTED.iter().zip(weights) {
                if let Some(value) = value {
                    w.insert((*key).into(), value.json(Use::Weight));
                }
            }
            o.insert("sourceWeights".into(), Value::Object(w));
        }
        if let Some(v) = self.validity {
            o.insert("validityMonths".into(), json!(v.months()));
        }
        Value::Object(o)
    }
}

/// What an expression's references are taken modulo.
struct Refs<'a> {
    competency_levels: &'a [usize],
}

impl Refs<'_> {
    /// The expression with its references resolved: modules among the first
    /// `modules` (those declared before), at most [`DEPTH`] deep and [`CHILDREN`]
    /// wide; `None` when nothing is left to require.
    fn expr(&self, e: &Expr, modules: usize, depth: usize) -> Option<Value> {
        let children = |of: &[Expr]| -> Vec<Value> {
            if depth >= DEPTH {
                return Vec::new();
            }
            of.iter()
                .take(CHILDREN)
                .filter_map(|c| self.expr(c, modules, depth + 1))
                .collect()
        };
        match e {
            Expr::AllOf(of) => {
                let of = children(of);
                (!of.is_empty()).then(|| json!({ "type": "allOf", "of": of }))
            }
            Expr::AnyOf(of) => {
                let of = children(of);
                (!of.is_empty()).then(|| json!({ "type": "anyOf", "of": of }))
            }
            Expr::AtLeast(k, of) => {
                let of = children(of);
                (!of.is_empty()).then(|| {
                    let k = usize::from(*k) % of.len() + 1;
                    json!({ "type": "atLeast", "k": k, "of": of })
                })
            }
            Expr::Module(m) => (modules > 0).then(
                || json!({ "type": "module", "module": format!("m{}", usize::from(*m) % modules) }),
            ),
            Expr::Score(m, min) => (modules > 0).then(|| {
                json!({
                    "type": "score",
                    "module": format!("m{}", usize::from(*m) % modules),
                    "min": min.json(Use::Score),
                })
            }),
            Expr::Competency(c, l) => {
                let n = self.competency_levels.len();
                (n > 0).then(|| {
                    let c = usize::from(*c) % n;
                    let level = usize::from(*l) % self.competency_levels[c];
                    json!({ "type": "competency", "competency": format!("c{c}"), "level": level })
                })
            }
        }
    }
}

impl Record {
    fn json(&self, shape: &Shape) -> Value {
        let now = self.now.unix_days();
        let module = |m: u8| -> String {
            // 254: an id the curriculum may have replaced; 255: an unknown one.
            match m {
                254 => "ancien-m0".to_owned(),
                m if m < 254 && shape.modules > 0 => {
                    format!("m{}", usize::from(m) % shape.modules)
                }
                _ => "inconnu".to_owned(),
            }
        };
        let level = |c: usize, l: u8| usize::from(l) % shape.levels[c];
        let mut o = Map::new();
        o.insert("formatVersion".into(), json!(1));
        o.insert("id".into(), json!("personne"));
        o.insert(
            "audience".into(),
            json!(format!("a{}", usize::from(self.audience) % shape.audiences)),
        );
        o.insert(
            "curriculum".into(),
            json!({ "id": "fuzz", "version": if self.other_version { "0" } else { "1" } }),
        );
        o.insert("now".into(), json!(date(now)));
        let completed: Vec<Value> = self
            .completed
            .iter()
            .take(ENTRIES)
            .map(|&(m, before, score)| {
                let mut c = Map::new();
                c.insert("module".into(), json!(module(m)));
                c.insert("date".into(), json!(date(now - i64::from(before))));
                if let Some(score) = score {
                    c.insert("score".into(), score.json(Use::Score));
                }
                Value::Object(c)
            })
            .collect();
        if !completed.is_empty() {
            o.insert("completed".into(), Value::Array(completed));
        }
        if shape.competencies > 0 {
            let evidence: Vec<Value> = self
                .evidence
                .iter()
                .take(ENTRIES)
                .map(|e| {
                    let c = usize::from(e.competency) % shape.competencies;
                    let mut v = Map::new();
                    v.insert("competency".into(), json!(format!("c{c}")));
                    match e.measure {
                        Measure::Level(l) => {
                            v.insert("level".into(), json!(level(c, l)));
                        }
                        Measure::Score(s) => {
                            v.insert("score".into(), s.json(Use::Score));
                        }
                        Measure::Both(l, s) => {
                            v.insert("level".into(), json!(level(c, l)));
                            v.insert("score".into(), s.json(Use::Score));
                        }
                        Measure::Neither => {}
                    }
                    v.insert(
                        "source".into(),
                        json!(SOURCES[usize::from(e.source) % SOURCES.len()]),
                    );
                    v.insert("date".into(), json!(date(now - i64::from(e.days_before))));
                    if let Some(w) = e.weight {
                        v.insert("weight".into(), w.json(Use::Weight));
                    }
                    Value::Object(v)
                })
                .collect();
            if !evidence.is_empty() {
                o.insert("evidence".into(), Value::Array(evidence));
            }
        }
        if let Some((complete, wanted)) = &self.goals {
            let mut g = Map::new();
            g.insert("complete".into(), json!(complete));
            if shape.competencies > 0 {
                let wanted: Vec<Value> = wanted
                    .iter()
                    .take(COMPETENCIES)
                    .map(|&(c, l)| {
                        let c = usize::from(c) % shape.competencies;
                        json!({ "competency": format!("c{c}"), "level": level(c, l) })
                    })
                    .collect();
                if !wanted.is_empty() {
                    g.insert("competencies".into(), Value::Array(wanted));
                }
            }
            o.insert("goals".into(), Value::Object(g));
        }
        if let Some((hours, excluded)) = &self.constraints {
            let mut c = Map::new();
            if let Some(h) = hours {
                c.insert("hoursAvailable".into(), h.json(Use::Hours));
            }
            let excluded: Vec<Value> = excluded
                .iter()
                .take(ENTRIES)
                .map(|&m| json!(module(m)))
                .collect();
            if !excluded.is_empty() {
                c.insert("excludedModules".into(), Value::Array(excluded));
            }
            o.insert("constraints".into(), Value::Object(c));
        }
        Value::Object(o)
    }
}
