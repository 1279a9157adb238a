//! The compiled curriculum: dense indices, resolved references, an acyclic graph.
//!
//! A [`Compiled`] exists only for a curriculum that passed every check: references
//! resolve, levels fit their scales, the prerequisite graph has no cycle (the graph
//! type says so: [`AcyclicGraph`]). The engine runs on this form and never
//! re-checks. Indices are positions in the document's arrays, so ties that break
//! "by index" follow the designer's order, and ties that break "by id" use the
//! `id` kept beside each entry.

use std::collections::BTreeSet;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::curriculum::competency::Method;
use crate::curriculum::model::{Curriculum, ModuleKind};
use crate::read::locale::Text;

/// A prerequisite graph proven free of cycles when it was built: the only way to
/// make one is the crate's `AcyclicGraph::new`, which refuses a cyclic graph, and
/// only compiling a curriculum calls it.
///
/// Why not petgraph's own `Acyclic`: it keeps a `RefCell` inside, so a curriculum
/// holding it could not be shared between threads, and batch jobs share one
/// compiled curriculum across every core.
#[derive(Debug, Clone)]
pub struct AcyclicGraph {
    graph: DiGraph<ModuleIx, ()>,
    /// Every node, in [`topological_order`].
    order: Vec<ModuleIx>,
}

impl AcyclicGraph {
    /// The graph, if it has no cycle.
    pub(crate) fn new(graph: DiGraph<ModuleIx, ()>) -> Option<Self> {
        let order = topological_order(&graph);
        (order.len() == graph.node_count()).then_some(AcyclicGraph { graph, order })
    }

    /// The underlying petgraph graph (read only).
    pub fn graph(&self) -> &DiGraph<ModuleIx, ()> {
        &self.graph
    }

    /// Every node, each after all its predecessors, ties broken by index.
    pub fn order(&self) -> &[ModuleIx] {
        &self.order
    }
}

/// The nodes of `graph` in an order where every edge points forward, ties broken
/// by index (Kahn's algorithm, the ready nodes kept sorted). With a cycle, only the
/// nodes that no cycle holds back.
pub(crate) fn topological_order(graph: &DiGraph<ModuleIx, ()>) -> Vec<ModuleIx> {
    let n = graph.node_count();
    let mut pending = vec![0usize; n];
    for e in graph.edge_indices() {
        if let Some((_, to)) = graph.edge_endpoints(e) {
            pending[to.index()] += 1;
        }
    }
    let mut ready: BTreeSet<usize> = (0..n).filter(|&i| pending[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_first() {
        order.push(ModuleIx(i as u32));
        for d in graph.neighbors_directed(NodeIndex::new(i), petgraph::Direction::Outgoing) {
            pending[d.index()] -= 1;
            if pending[d.index()] == 0 {
                ready.insert(d.index());
            }
        }
    }
    order
}

/// Minutes of a duration in hours, rounded to the minute (0 for anything not
/// positive).
pub(crate) fn minutes(hours: f64) -> u32 {
    let m = libm::round(hours * 60.0);
    if m.is_finite() && m > 0.0 {
        m.min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// Position in the document's array.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// A module, by position in `modules`.
    ModuleIx
);
index_type!(
    /// A competency, by position in `framework.competencies`.
    CompetencyIx
);
index_type!(
    /// An audience, by position in `audiences`.
    AudienceIx
);
index_type!(
    /// A stage, by position in `stages` (so also its order).
    StageIx
);
index_type!(
    /// A scale, by position in `framework.scales`.
    ScaleIx
);

/// A compiled prerequisite expression node.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Cond {
    /// What the node tests.
    pub op: Op,
    /// The designer's label for this node, if any.
    pub label: Option<Text>,
}

/// The test a [`Cond`] node performs.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Op {
    /// Every child holds.
    All(Vec<Cond>),
    /// At least one child holds.
    Any(Vec<Cond>),
    /// At least `k` children hold (1 ≤ k ≤ number of children).
    AtLeast(u32, Vec<Cond>),
    /// The module is completed (or held by positioning).
    Module(ModuleIx),
    /// The competency is at or above the level (a rank that fits its scale).
    Competency(CompetencyIx, u32),
    /// The module was completed with at least this score (0–100).
    Score(ModuleIx, f64),
}

impl Cond {
    /// Evaluates the expression with the given leaf tests.
    pub(crate) fn eval(
        &self,
        module: &mut impl FnMut(ModuleIx) -> bool,
        competency: &mut impl FnMut(CompetencyIx, u32) -> bool,
        score: &mut impl FnMut(ModuleIx, f64) -> bool,
    ) -> bool {
        match &self.op {
            Op::All(children) => children.iter().all(|c| c.eval(module, competency, score)),
            Op::Any(children) => children.iter().any(|c| c.eval(module, competency, score)),
            Op::AtLeast(k, children) => {
                let mut held = 0u32;
                for child in children {
                    if child.eval(module, competency, score) {
                        held += 1;
                        if held >= *k {
                            return true;
                        }
                    }
                }
                false
            }
            Op::Module(m) => module(*m),
            Op::Competency(c, level) => competency(*c, *level),
            Op::Score(m, min) => score(*m, *min),
        }
    }

    /// Every competency leaf with its level, in expression order.
    pub(crate) fn competency_levels(&self, out: &mut Vec<(CompetencyIx, u32)>) {
        match &self.op {
            Op::All(children) | Op::Any(children) | Op::AtLeast(_, children) => {
                for child in children {
                    child.competency_levels(out);
                }
            }
            Op::Competency(c, level) => out.push((*c, *level)),
            Op::Module(_) | Op::Score(..) => {}
        }
    }

    /// Every module named by a leaf (module or score), in expression order.
    pub fn modules(&self, out: &mut Vec<ModuleIx>) {
        match &self.op {
            Op::All(children) | Op::Any(children) | Op::AtLeast(_, children) => {
                for child in children {
                    child.modules(out);
                }
            }
            Op::Module(m) | Op::Score(m, _) => out.push(*m),
            Op::Competency(..) => {}
        }
    }
}

/// A prerequisite expression laid out flat, in prefix order: the same tests as a
/// [`Cond`] tree without its labels, in 16-byte nodes, so that evaluating the
/// requirements of every module of a large curriculum for one learner stays in
/// cache. Each group node knows where its subtree ends, so evaluation can still
/// stop early.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FlatCond<'a>(&'a [Flat]);

/// One node of a [`FlatCond`]; group nodes hold the end of their subtree,
/// relative to the start of their program.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Flat {
    All { end: u32 },
    Any { end: u32 },
    AtLeast { k: u32, end: u32 },
    Module(ModuleIx),
    Competency(CompetencyIx, u32),
    Score(ModuleIx, f64),
}

/// Appends `cond` as a flat program to `out` (every program of a curriculum
/// lives in one array, so that evaluating them all reads memory in order).
pub(crate) fn flatten(cond: &Cond, out: &mut Vec<Flat>) -> (u32, u32) {
    fn push(cond: &Cond, out: &mut Vec<Flat>, base: usize) {
        let group = |children: &Vec<Cond>, out: &mut Vec<Flat>, make: &dyn Fn(u32) -> Flat| {
            let at = out.len();
            out.push(make(0));
            for child in children {
                push(child, out, base);
            }
            out[at] = make((out.len() - base) as u32);
        };
        match &cond.op {
            Op::All(ch) => group(ch, out, &|end| Flat::All { end }),
            Op::Any(ch) => group(ch, out, &|end| Flat::Any { end }),
            Op::AtLeast(k, ch) => {
                let k = *k;
                group(ch, out, &move |end| Flat::AtLeast { k, end })
            }
            Op::Module(m) => out.push(Flat::Module(*m)),
            Op::Competency(c, l) => out.push(Flat::Competency(*c, *l)),
            Op::Score(m, min) => out.push(Flat::Score(*m, *min)),
        }
    }
    let start = out.len();
    push(cond, out, start);
    (start as u32, out.len() as u32)
}

impl FlatCond<'_> {
    /// Evaluates the expression with the given leaf tests (as [`Cond::eval`]).
    ///
    /// One pass over the nodes with a small stack of open groups, no recursion:
    /// a leaf's value goes to its group, and a group that is decided (an `allOf`
    /// with a false part, an `anyOf` or `atLeast` with enough true ones) skips
    /// the rest of its subtree and passes its value up.
    pub(crate) fn eval(
        &self,
        module: &mut impl FnMut(ModuleIx) -> bool,
        competency: &mut impl FnMut(CompetencyIx, u32) -> bool,
        score: &mut impl FnMut(ModuleIx, f64) -> bool,
    ) -> bool {
        // Real expressions nest two or three groups deep; deeper subtrees are
        // evaluated recursively. A small stack of u32s is set up with a few stores
        // (a larger one cost a memset call per evaluation).
        const DEPTH: usize = 8;
        // Open groups: (need (u32::MAX: all), held, end).
        let mut stack = [(0u32, 0u32, 0u32); DEPTH];
        let mut depth = 0usize;
        let nodes = self.0;
        let mut i = 0usize;
        loop {
            let Some(node) = nodes.get(i) else {
                return false;
            };
            let mut value = match *node {
                Flat::Module(m) => module(m),
                Flat::Competency(c, l) => competency(c, l),
                Flat::Score(m, min) => score(m, min),
                Flat::All { end } | Flat::Any { end } | Flat::AtLeast { end, .. } => {
                    let need = match *node {
                        Flat::All { .. } => u32::MAX,
                        Flat::AtLeast { k, .. } => k,
                        _ => 1,
                    };
                    if end as usize == i + 1 {
                        // An empty group: `allOf` holds, the others do not.
                        i += 1;
                        need == u32::MAX
                    } else if depth == DEPTH {
                        // Deeper than any real expression: evaluate this subtree
                        // recursively instead.
                        let v = self.at(i, module, competency, score);
                        i = end as usize;
                        v
                    } else {
                        stack[depth] = (need, 0, end);
                        depth += 1;
                        i += 1;
                        continue;
                    }
                }
            };
            if !matches!(
                node,
                Flat::All { .. } | Flat::Any { .. } | Flat::AtLeast { .. }
            ) {
                i += 1;
            }
            // Pass the value up through every group it decides or completes.
            loop {
                if depth == 0 {
                    return value;
                }
                let (need, held, end) = &mut stack[depth - 1];
                let decided = if *need == u32::MAX {
                    (!value).then_some(false)
                } else if value {
                    *held += 1;
                    (*held >= *need).then_some(true)
                } else {
                    None
                };
                let finished = match decided {
                    Some(v) => Some(v),
                    None if i >= *end as usize => Some(*need == u32::MAX),
                    None => None,
                };
                match finished {
                    Some(v) => {
                        i = *end as usize;
                        value = v;
                        depth -= 1;
                    }
                    None => break,
                }
            }
        }
    }

    fn end(&self, i: usize) -> usize {
        match self.0[i] {
            Flat::All { end } | Flat::Any { end } | Flat::AtLeast { end, .. } => end as usize,
            _ => i + 1,
        }
    }

    fn at(
        &self,
        i: usize,
        module: &mut impl FnMut(ModuleIx) -> bool,
        competency: &mut impl FnMut(CompetencyIx, u32) -> bool,
        score: &mut impl FnMut(ModuleIx, f64) -> bool,
    ) -> bool {
        let (need, end) = match self.0[i] {
            Flat::Module(m) => return module(m),
            Flat::Competency(c, l) => return competency(c, l),
            Flat::Score(m, min) => return score(m, min),
            Flat::All { end } => (u32::MAX, end as usize),
            Flat::Any { end } => (1, end as usize),
            Flat::AtLeast { k, end } => (k, end as usize),
        };
        let mut j = i + 1;
        let mut held = 0u32;
        while j < end {
            let ok = self.at(j, module, competency, score);
            if need == u32::MAX {
                if !ok {
                    return false;
                }
            } else if ok {
                held += 1;
                if held >= need {
                    return true;
                }
            }
            j = self.end(j);
        }
        need == u32::MAX
    }
}

/// A module, resolved.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ModuleInfo {
    /// Stable id.
    pub id: String,
    /// Core or optional.
    pub kind: ModuleKind,
    /// Duration in whole minutes (durations are counted to the minute, so that sums
    /// of hours are exact and the same on every target).
    pub minutes: u32,
    /// Stage, if any.
    pub stage: Option<StageIx>,
    /// Audiences the module is for; empty means every audience.
    pub audiences: Vec<AudienceIx>,
    /// Competencies taught, with the level reached.
    pub teaches: Vec<(CompetencyIx, u32)>,
    /// Blocking prerequisites.
    pub requires: Option<Cond>,
    /// Advisory prerequisites.
    pub recommends: Option<Cond>,
    /// Months after which the module must be renewed.
    pub validity_months: Option<u32>,
}

impl ModuleInfo {
    /// Whether learners of `audience` may take the module.
    pub fn is_for(&self, audience: AudienceIx) -> bool {
        self.audiences.is_empty() || self.audiences.contains(&audience)
    }
}

/// The assessment rule of one competency, with the framework's defaults applied.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AssessmentRule {
    /// Aggregation method.
    pub method: Method,
    /// Weight of the newest evidence in a decaying average.
    pub w: f64,
    /// `n` of n-of-m (at least 1).
    pub n: u32,
    /// `m` of n-of-m (at least n).
    pub m: u32,
    /// Weights of the sources, in the order of [`crate::curriculum::competency::Source`].
    pub source_weights: [f64; 6],
    /// Evidence older than this many months no longer counts.
    pub validity_months: Option<u32>,
    /// When assessed evidence dispenses from a module.
    pub exemption: ExemptionRule,
}

/// The dispensation policy of one competency, with the defaults applied.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExemptionRule {
    /// Least confidence of the evidence that dispenses.
    pub min_confidence: f64,
    /// Per source, in the order of [`crate::curriculum::competency::Source`]:
    /// whether its evidence may dispense (never a completion).
    pub sources: [bool; 6],
    /// Whether a dispensed module satisfies "module completed" in prerequisites.
    pub satisfies_prerequisites: bool,
}

/// Least confidence for assessed evidence to dispense from a module, by default.
pub(crate) const DEFAULT_EXEMPTION_CONFIDENCE: f64 = 0.4;

impl Default for ExemptionRule {
    /// Everything but self-assessment (and completion) may dispense, with a
    /// confidence of 0.4; a dispensation satisfies prerequisites.
    fn default() -> Self {
        ExemptionRule {
            min_confidence: DEFAULT_EXEMPTION_CONFIDENCE,
            sources: [false, true, true, true, true, false],
            satisfies_prerequisites: true,
        }
    }
}

/// Source weights when the curriculum sets none, in the order of
/// [`crate::curriculum::competency::Source`] (self-assessment, trainer assessment,
/// quiz, observation, peer, completion): what a trainer, an observation or a test
/// shows ranks above what the learner or a peer declares, so that with `latest` or
/// `highest` a learner's own level 3 does not beat a trainer's level 1.
pub(crate) const DEFAULT_SOURCE_WEIGHTS: [f64; 6] = [0.5, 1.0, 1.0, 1.0, 0.5, 1.0];

/// The default weight of newest evidence in a decaying average.
pub(crate) const DEFAULT_DECAY_W: f64 = 0.65;

/// A competency, resolved.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CompetencyInfo {
    /// Stable id.
    pub id: String,
    /// Its scale.
    pub scale: ScaleIx,
    /// Its domain.
    pub parent: Option<CompetencyIx>,
    /// How evidence becomes a level.
    pub assessment: AssessmentRule,
}

/// A scale, resolved.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ScaleInfo {
    /// Stable id.
    pub id: String,
    /// Level ids, by rank.
    pub levels: Vec<String>,
    /// Lowest score of each level, by rank, where given (strictly increasing).
    pub min_scores: Vec<Option<f64>>,
}

/// A group rule, resolved.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct GroupInfo {
    /// Stable id.
    pub id: String,
    /// Members.
    pub modules: Vec<ModuleIx>,
    /// At least this many members to complete.
    pub min_modules: Option<u32>,
    /// At least this many minutes of members to complete.
    pub min_minutes: Option<u32>,
}

/// The completion rule, resolved.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Completion {
    /// All core modules, plus optional modules.
    CoreAndOptional {
        /// Optional modules to complete, at least.
        min_optional_modules: u32,
        /// Minutes of optional modules to complete, at least.
        min_optional_minutes: u32,
    },
    /// An explicit expression.
    Expression(Cond),
}

/// A checked curriculum in index form. Build it with [`crate::load()`].
#[derive(Debug, Clone)]
pub struct Compiled {
    pub(crate) document: Curriculum,
    pub(crate) modules: Vec<ModuleInfo>,
    pub(crate) module_ids: IdMap<ModuleIx>,
    pub(crate) replaced_modules: IdMap<ModuleIx>,
    pub(crate) competencies: Vec<CompetencyInfo>,
    pub(crate) competency_ids: IdMap<CompetencyIx>,
    pub(crate) replaced_competencies: IdMap<CompetencyIx>,
    pub(crate) audience_ids: IdMap<AudienceIx>,
    pub(crate) scales: Vec<ScaleInfo>,
    pub(crate) groups: Vec<GroupInfo>,
    pub(crate) completion: Completion,
    pub(crate) graph: AcyclicGraph,
    /// Each module's dependents, in compressed rows (`start`, `list`), so that the
    /// hot loops of recommendations read them from one array.
    pub(crate) dependents: (Vec<u32>, Vec<ModuleIx>),
    /// For each competency, the modules whose `requires` names it, once per level
    /// named.
    pub(crate) competency_dependents: Vec<Vec<(ModuleIx, u32)>>,
    /// Each module's position in id order, so that ties "by id" compare numbers.
    pub(crate) id_rank: Vec<u32>,
    /// Each module's audiences as a bit mask (0: open to all; `None` when an
    /// audience index is past 63), and its kind: the per-learner passes over every
    /// module read these small arrays instead of the module records.
    pub(crate) audience_masks: Vec<Option<u64>>,
    /// Every module's `requires` and `recommends` as flat programs, in one array;
    /// per module, the spans of the two (empty: none).
    pub(crate) flat: Vec<Flat>,
    pub(crate) flat_spans: Vec<[(u32, u32); 2]>,
    /// For a module whose `requires` only counts modules completed (one module;
    /// all, any or at least k of several distinct ones): how many it needs
    /// (`u32::MAX` otherwise), and per module, in compressed rows, the modules
    /// that count it that way. A learner's states then come from counting their
    /// completed modules' rows instead of evaluating those programs.
    pub(crate) counted_need: Vec<u32>,
    pub(crate) counted_dependents: (Vec<u32>, Vec<ModuleIx>),
    /// What a completion of each module gives, read once per completion of a
    /// record (thousands on a large one): its validity in months, and in
    /// compressed rows the levels it teaches. The module records hold the same;
    /// these small arrays keep a learner's pass in cache.
    pub(crate) validity: Vec<Option<u32>>,
    pub(crate) teaches: (Vec<u32>, Vec<(CompetencyIx, u32)>),
    pub(crate) kinds: Vec<ModuleKind>,
    pub(crate) ranking: Ranking,
    pub(crate) key: CurriculumKey,
    /// [`Compiled::id_and_version`], made once: every learner read against this
    /// curriculum keeps it (to name it if it is refused) for a reference count.
    pub(crate) name: std::sync::Arc<str>,
}

/// What the indices of a compiled curriculum mean, in one number: two compiled
/// curricula with the same key give every index (module, competency, audience,
/// stage, scale, level) the same meaning.
///
/// A [`crate::Learner`] keeps the key of the curriculum it was read against, so
/// that asking about it with another curriculum is a clear error instead of an
/// index that points at the wrong module, or past the end of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CurriculumKey(u64);

impl CurriculumKey {
    /// FNV-1a over everything an index or a level of a learner points into.
    pub(crate) fn of(c: &Compiled) -> Self {
        let mut hash = Fnv::default();
        let doc = &c.document;
        hash.text(&doc.id);
        hash.text(&doc.version);
        for m in &c.modules {
            hash.text(&m.id);
        }
        for k in &c.competencies {
            hash.text(&k.id);
            hash.number(k.scale.0 as u64);
        }
        for s in &c.scales {
            hash.text(&s.id);
            hash.number(s.levels.len() as u64);
            for score in &s.min_scores {
                hash.number(score.map_or(u64::MAX, f64::to_bits));
            }
        }
        for a in &doc.audiences {
            hash.text(&a.id);
        }
        for s in &doc.stages {
            hash.text(&s.id);
        }
        for g in &c.groups {
            hash.text(&g.id);
        }
        CurriculumKey(hash.0)
    }
}

/// 64-bit FNV-1a: small, stable across platforms and releases (unlike std's
/// hasher), which a key compared across calls needs; also the hasher of
/// [`IdMap`].
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn number(&mut self, n: u64) {
        for b in n.to_le_bytes() {
            self.byte(b);
        }
    }
    /// Length first, so that `["ab", "c"]` and `["a", "bc"]` differ.
    fn text(&mut self, t: &str) {
        self.number(t.len() as u64);
        for &b in t.as_bytes() {
            self.byte(b);
        }
    }
}

/// What recommendations read of every available module for every learner: the
/// learner-independent terms of its score, in small arrays rather than the module
/// records.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ranking {
    /// Hours of each module.
    pub hours: Vec<f64>,
    /// The stage term: 1 for the first stage down to 0 for the last (0 without
    /// stages, 1 when there is only one).
    pub stage: Vec<f64>,
}

impl Ranking {
    pub(crate) fn of(c: &Compiled) -> Ranking {
        let stages = c.document.stages.len();
        Ranking {
            hours: c
                .modules
                .iter()
                .map(|m| f64::from(m.minutes) / 60.0)
                .collect(),
            stage: c
                .modules
                .iter()
                .map(|m| match (m.stage, stages) {
                    (Some(s), n) if n > 1 => (n - 1 - s.index()) as f64 / (n - 1) as f64,
                    (Some(_), _) => 1.0,
                    (None, _) => 0.0,
                })
                .collect(),
        }
    }
}

/// Ids to indices, for lookups only: every id of a learner record is looked up
/// here once, which a `BTreeMap` made a dozen string comparisons at 1,000 modules.
/// Never iterated, so its order reaches no output. The keys are the curriculum's
/// own ids; a record only looks them up, so it cannot make the table degrade.
pub(crate) type IdMap<V> = std::collections::HashMap<String, V, BuildIdHasher>;

/// Builds the hashers of [`IdMap`]: FNV-1a over the bytes of an id, a few cycles
/// for ids of a few dozen bytes, where SipHash's setup costs more than the id.
pub(crate) type BuildIdHasher = std::hash::BuildHasherDefault<Fnv>;

impl Compiled {
    /// The document it was compiled from (for labels and descriptions).
    pub fn document(&self) -> &Curriculum {
        &self.document
    }

    /// What this curriculum's indices mean, in one number (see [`CurriculumKey`]).
    pub fn key(&self) -> CurriculumKey {
        self.key
    }

    /// The curriculum's id and version (« design-thinking 2026.1 »), how messages
    /// name it.
    pub fn id_and_version(&self) -> String {
        format!("{} {}", self.document.id, self.document.version)
    }

    /// The modules, in document order.
    pub fn modules(&self) -> &[ModuleInfo] {
        &self.modules
    }

    /// Every module with its index, in document order.
    pub fn module_ixs(&self) -> impl ExactSizeIterator<Item = (ModuleIx, &ModuleInfo)> + '_ {
        self.modules
            .iter()
            .enumerate()
            .map(|(i, m)| (ModuleIx(i as u32), m))
    }

    /// One module.
    pub fn module(&self, ix: ModuleIx) -> &ModuleInfo {
        &self.modules[ix.index()]
    }

    /// The module with this id, or the module that replaced it.
    pub fn module_ix(&self, id: &str) -> Option<ModuleIx> {
        self.module_ids
            .get(id)
            .or_else(|| self.replaced_modules.get(id))
            .copied()
    }

    /// The competencies, in document order.
    pub fn competencies(&self) -> &[CompetencyInfo] {
        &self.competencies
    }

    /// The competency with this id, or the competency that replaced it.
    pub fn competency_ix(&self, id: &str) -> Option<CompetencyIx> {
        self.competency_ids
            .get(id)
            .or_else(|| self.replaced_competencies.get(id))
            .copied()
    }

    /// The audience with this id.
    pub fn audience_ix(&self, id: &str) -> Option<AudienceIx> {
        self.audience_ids.get(id).copied()
    }

    /// The scales, in document order.
    pub fn scales(&self) -> &[ScaleInfo] {
        &self.scales
    }

    /// The group rules.
    pub fn groups(&self) -> &[GroupInfo] {
        &self.groups
    }

    /// The completion rule.
    pub fn completion(&self) -> &Completion {
        &self.completion
    }

    /// Modules in an order where every prerequisite comes before the modules that
    /// need it (ties in document order).
    pub fn topological_order(&self) -> &[ModuleIx] {
        self.graph.order()
    }

    /// The prerequisite graph: an edge from each prerequisite module to each module
    /// whose `requires` or `recommends` names it. Acyclic by construction.
    pub fn prerequisite_graph(&self) -> &AcyclicGraph {
        &self.graph
    }

    /// The modules that name `ix` in their `requires` or `recommends`, in module
    /// order.
    pub fn dependents_of(&self, ix: ModuleIx) -> impl Iterator<Item = ModuleIx> + '_ {
        let (start, list) = &self.dependents;
        let from = start.get(ix.index()).map_or(0, |&s| s as usize);
        let to = start.get(ix.index() + 1).map_or(from, |&s| s as usize);
        list.get(from..to).unwrap_or(&[]).iter().copied()
    }

    /// Whether learners of `audience` may take module `m` (as
    /// [`ModuleInfo::is_for`], from a compact mask).
    pub(crate) fn open_to(&self, m: usize, audience: AudienceIx) -> bool {
        match self.audience_masks.get(m) {
            Some(Some(0)) => true,
            Some(Some(mask)) => audience.index() < 64 && mask >> audience.index() & 1 == 1,
            _ => self
                .modules
                .get(m)
                .is_some_and(|info| info.is_for(audience)),
        }
    }

    /// Module `m`'s `requires` as a flat program, for fast evaluation.
    pub(crate) fn requires_flat(&self, m: usize) -> Option<FlatCond<'_>> {
        self.flat_program(m, 0)
    }

    /// Module `m`'s `recommends` as a flat program.
    pub(crate) fn recommends_flat(&self, m: usize) -> Option<FlatCond<'_>> {
        self.flat_program(m, 1)
    }

    fn flat_program(&self, m: usize, which: usize) -> Option<FlatCond<'_>> {
        let (start, end) = self.flat_spans.get(m)?[which];
        (end > start)
            .then(|| self.flat.get(start as usize..end as usize))
            .flatten()
            .map(FlatCond)
    }

    /// How many of its distinct modules module `m`'s `requires` needs, when it
    /// counts nothing but completed modules; `None` otherwise.
    pub(crate) fn counted_need(&self, m: usize) -> Option<u32> {
        self.counted_need.get(m).copied().filter(|&n| n != u32::MAX)
    }

    /// Module `m`'s validity in months (`ModuleInfo::validity_months`).
    pub(crate) fn validity(&self, m: ModuleIx) -> Option<u32> {
        self.validity.get(m.index()).copied().flatten()
    }

    /// The levels module `m` teaches (`ModuleInfo::teaches`).
    pub(crate) fn teaches(&self, m: ModuleIx) -> &[(CompetencyIx, u32)] {
        let (start, list) = &self.teaches;
        let from = start.get(m.index()).map_or(0, |&s| s as usize);
        let to = start.get(m.index() + 1).map_or(from, |&s| s as usize);
        list.get(from..to).unwrap_or(&[])
    }

    /// The modules whose `requires` counts module `m` and nothing but modules.
    pub(crate) fn counted_dependents(&self, m: usize) -> &[ModuleIx] {
        let (start, list) = &self.counted_dependents;
        let from = start.get(m).map_or(0, |&s| s as usize);
        let to = start.get(m + 1).map_or(from, |&s| s as usize);
        list.get(from..to).unwrap_or(&[])
    }

    /// Whether module `m` is core.
    pub(crate) fn is_core(&self, m: usize) -> bool {
        self.kinds.get(m) == Some(&ModuleKind::Core)
    }

    /// The module's position when modules are sorted by id (ties break on it).
    pub(crate) fn id_rank(&self, ix: ModuleIx) -> u32 {
        self.id_rank.get(ix.index()).copied().unwrap_or(u32::MAX)
    }

    /// The modules whose `requires` names competency `c`, once per level it names
    /// (in module order, then level order).
    pub(crate) fn competency_dependents(&self, c: CompetencyIx) -> &[(ModuleIx, u32)] {
        self.competency_dependents
            .get(c.index())
            .map_or(&[], Vec::as_slice)
    }

    /// The direct prerequisites (required or recommended) of a module.
    pub fn prerequisites_of(&self, ix: ModuleIx) -> impl Iterator<Item = ModuleIx> + '_ {
        self.graph
            .graph
            .neighbors_directed(NodeIndex::new(ix.index()), petgraph::Direction::Incoming)
            .map(|n| ModuleIx(n.index() as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A random expression over module leaves 0..8, up to `depth` deep.
    fn random_cond(seed: &mut u64, depth: u32) -> Cond {
        let mut next = || {
            *seed ^= *seed << 13;
            *seed ^= *seed >> 7;
            *seed ^= *seed << 17;
            *seed
        };
        let pick = next() % 10;
        let op = if depth == 0 || pick < 4 {
            Op::Module(ModuleIx((next() % 8) as u32))
        } else {
            let n = (next() % 4) as usize;
            let children: Vec<Cond> = (0..n).map(|_| random_cond(seed, depth - 1)).collect();
            match pick {
                4..=5 => Op::All(children),
                6..=7 => Op::Any(children),
                _ => {
                    let k = if children.is_empty() {
                        1
                    } else {
                        1 + (n as u32 - 1) / 2
                    };
                    Op::AtLeast(k, children)
                }
            }
        };
        Cond { op, label: None }
    }

    #[test]
    fn flat_programs_evaluate_as_the_tree() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for round in 0..4000 {
            let cond = random_cond(&mut seed, 1 + round % 40);
            let mut arena = Vec::new();
            let (start, end) = flatten(&cond, &mut arena);
            let flat = FlatCond(&arena[start as usize..end as usize]);
            for done in 0u32..256 {
                let mut m = |x: ModuleIx| done >> x.index() & 1 == 1;
                let tree = cond.eval(&mut m, &mut |_, _| false, &mut |_, _| false);
                let mut m = |x: ModuleIx| done >> x.index() & 1 == 1;
                let fast = flat.eval(&mut m, &mut |_, _| false, &mut |_, _| false);
                assert_eq!(tree, fast, "round {round}, leaves {done:08b}: {cond:?}");
            }
        }
    }
    /// One compiled curriculum is shared by every thread of a batch job.
    #[test]
    fn a_compiled_curriculum_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<super::Compiled>();
    }
}
