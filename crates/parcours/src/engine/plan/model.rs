//! The plan model: constraints as monotone formulas over candidate modules.
//!
//! [`Model::new`] keeps the modules the learner may plan and the goal can reach (the
//! candidates, numbered in id order), each one's `requires` and the goal's parts as
//! formulas ([`F`]) over "candidate v is planned", and the goal parts no plan can
//! meet ([`Impossible`], turned into obstacles by `output`). [`holds`] evaluates a
//! formula on a set of planned candidates ([`BitSet`]).

use crate::curriculum::compiled::{CompetencyIx, Compiled, Completion, Cond, ModuleIx, Op};
use crate::curriculum::model::ModuleKind;
use crate::learner::record::Learner;
use crate::learner::state::{Facts, ModuleState};
use crate::learner::unlock::Known;

/// A monotone formula over candidates (indices into `Model::vars`).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum F {
    True,
    False,
    /// The candidate is planned.
    Var(usize),
    /// One of these candidates is planned (a competency level taught by several).
    AnyVar(Vec<usize>),
    All(Vec<F>),
    Any(Vec<F>),
    AtLeast(u32, Vec<F>),
    /// At least `need` of the candidates are planned.
    Count(u32, Vec<usize>),
    /// The planned candidates add up to at least `need` minutes.
    Minutes(u64, Vec<usize>),
}

/// Builds an `All`, folding constants.
fn all(children: Vec<F>) -> F {
    let mut kept = Vec::with_capacity(children.len());
    for child in children {
        match child {
            F::True => {}
            F::False => return F::False,
            other => kept.push(other),
        }
    }
    match kept.len() {
        0 => F::True,
        1 => kept.pop().unwrap_or(F::True),
        _ => F::All(kept),
    }
}

/// Builds an `AtLeast` (`Any` when k is 1), folding constants.
fn at_least(k: u32, children: Vec<F>) -> F {
    let mut need = k;
    let mut kept = Vec::with_capacity(children.len());
    for child in children {
        match child {
            F::True => need = need.saturating_sub(1),
            F::False => {}
            other => kept.push(other),
        }
    }
    if need == 0 {
        F::True
    } else if (kept.len() as u32) < need {
        F::False
    } else if need as usize == kept.len() {
        all(kept)
    } else if need == 1 {
        if kept.len() == 1 {
            kept.pop().unwrap_or(F::False)
        } else {
            F::Any(kept)
        }
    } else {
        F::AtLeast(need, kept)
    }
}

/// A set of candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct BitSet(Vec<u64>);

impl BitSet {
    pub(super) fn new(n: usize) -> Self {
        BitSet(vec![0; n.div_ceil(64)])
    }
    pub(super) fn of(n: usize, members: &[usize]) -> Self {
        let mut s = BitSet::new(n);
        for &v in members {
            s.insert(v);
        }
        s
    }
    pub(super) fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
    pub(super) fn insert(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    pub(super) fn remove(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }
    pub(super) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(k, &w)| {
            let mut word = w;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(k * 64 + bit)
            })
        })
    }
    pub(super) fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

pub(super) struct Model<'a> {
    pub(super) c: &'a Compiled,
    /// Candidate modules, in id order (so index order is id order).
    pub(super) vars: Vec<ModuleIx>,
    pub(super) minutes: Vec<u32>,
    /// Each candidate's `requires`, over candidates.
    pub(super) requires: Vec<F>,
    /// The goal's parts.
    pub(super) goal: Vec<F>,
    /// Sort key of the plan order: (stage, core first, id).
    pub(super) order_key: Vec<(u32, u8, u32)>,
    /// Goal parts that are false whatever the plan, for obstacles.
    pub(super) impossible: Vec<Impossible>,
    /// Per module: why it may not be planned.
    pub(super) blocked: Vec<Option<Blocked>>,
    /// Per module: its candidate number (`usize::MAX` when not a candidate).
    pub(super) var_of: Vec<usize>,
    /// Per candidate: the candidates whose `requires` name it (itself excluded), in
    /// index order. Placing or removing a candidate can change whether only these
    /// can go, which keeps ordering and trimming a plan near-linear.
    pub(super) dependents: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Blocked {
    NotForAudience,
    Excluded,
}

/// A goal part that is false whatever the plan, in the order found; `output` words
/// it as an obstacle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Impossible {
    /// A core module the learner may not plan.
    Blocked(usize, Blocked),
    /// No module open to the learner teaches the competency to the level.
    NoTeacher(CompetencyIx, u32),
    /// The rule of the group (by index) cannot be met with the modules open to the
    /// learner.
    Group(usize),
    /// The optional modules the completion rule asks for cannot all be taken:
    /// `need` more, by count (`hours: false`) or by minutes (`hours: true`).
    Optional { need: u64, hours: bool },
}

/// Formulas over modules, before candidates are numbered.
struct Builder<'a, 'f> {
    c: &'a Compiled,
    facts: &'f Facts<'a>,
    /// Whether the module may be planned.
    allowed: Vec<bool>,
    /// Why a module may not be planned.
    blocked: Vec<Option<Blocked>>,
    /// Per module, the candidate number once known (`usize::MAX` before).
    var: Vec<usize>,
    /// Per competency: the allowed modules that teach it and at which level, in
    /// module order (scanning every module per competency leaf was quadratic).
    taught_by: Vec<Vec<(usize, u32)>>,
}

impl Builder<'_, '_> {
    fn module_var(&self, m: ModuleIx) -> F {
        if self.allowed[m.index()] {
            F::Var(self.var[m.index()])
        } else {
            F::False
        }
    }

    fn teachers(&self, k: CompetencyIx, level: u32) -> F {
        let mut vars: Vec<usize> = self
            .taught_by
            .get(k.index())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|&&(_, l)| l >= level)
            .map(|&(m, _)| self.var[m])
            .collect();
        vars.sort_unstable();
        vars.dedup();
        match vars.len() {
            0 => F::False,
            1 => F::Var(vars[0]),
            _ => F::AnyVar(vars),
        }
    }

    /// A prerequisite expression (`done` = what counts as done for module leaves).
    fn cond(&self, cond: &Cond, done: &dyn Fn(ModuleIx) -> bool) -> F {
        match &cond.op {
            Op::All(children) => all(children.iter().map(|ch| self.cond(ch, done)).collect()),
            Op::Any(children) => {
                at_least(1, children.iter().map(|ch| self.cond(ch, done)).collect())
            }
            Op::AtLeast(k, children) => {
                at_least(*k, children.iter().map(|ch| self.cond(ch, done)).collect())
            }
            Op::Module(m) => {
                if done(*m) {
                    F::True
                } else {
                    self.module_var(*m)
                }
            }
            Op::Score(m, min) => {
                if self.facts.score_at(*m, *min) {
                    F::True
                } else {
                    self.module_var(*m)
                }
            }
            Op::Competency(k, level) => {
                if self.facts.competency_at(*k, *level) {
                    F::True
                } else {
                    self.teachers(*k, *level)
                }
            }
        }
    }
}

impl<'a> Model<'a> {
    pub(super) fn new(c: &'a Compiled, learner: &Learner, facts: &Facts<'a>) -> Self {
        let n = c.modules().len();
        let mut blocked: Vec<Option<Blocked>> = vec![None; n];
        let mut allowed = vec![false; n];
        for (m, info) in c.modules().iter().enumerate() {
            let ix = ModuleIx(m as u32);
            blocked[m] = if !info.is_for(learner.audience) {
                Some(Blocked::NotForAudience)
            } else if learner.excluded.contains(&ix) {
                Some(Blocked::Excluded)
            } else {
                None
            };
            allowed[m] = blocked[m].is_none();
        }
        // Number every allowed module first (by module index), build the formulas,
        // then keep only the candidates the goal can reach and renumber in id order.
        let var: Vec<usize> = (0..n).collect();
        let mut taught_by: Vec<Vec<(usize, u32)>> = vec![Vec::new(); c.competencies().len()];
        for (m, info) in c.modules().iter().enumerate() {
            if allowed[m] {
                for &(k, level) in &info.teaches {
                    if let Some(list) = taught_by.get_mut(k.index()) {
                        list.push((m, level));
                    }
                }
            }
        }
        let builder = Builder {
            c,
            facts,
            allowed,
            blocked,
            var,
            taught_by,
        };
        let done_for_completion = |m: ModuleIx| {
            matches!(
                facts.state(m),
                ModuleState::Completed | ModuleState::MasteredByPositioning
            )
        };
        let module_done = |m: ModuleIx| facts.module_done(m);
        let mut goal: Vec<F> = Vec::new();
        let mut impossible: Vec<Impossible> = Vec::new();
        let goal_complete = learner.goal_complete || learner.goal_levels.is_empty();
        if goal_complete {
            completion_goal(
                c,
                learner,
                &builder,
                &done_for_completion,
                &module_done,
                &mut goal,
                &mut impossible,
            );
        }
        for &(k, level) in &learner.goal_levels {
            if facts.competency_at(k, level) {
                continue;
            }
            let f = builder.teachers(k, level);
            if f == F::False {
                impossible.push(Impossible::NoTeacher(k, level));
            }
            goal.push(f);
        }
        let requires_all: Vec<F> = (0..n)
            .map(|m| match (&c.modules()[m].requires, builder.allowed[m]) {
                (Some(r), true) => builder.cond(r, &module_done),
                _ => F::True,
            })
            .collect();

        // Relevance: what the goal names, then what those need, transitively.
        let mut relevant = vec![false; n];
        let mut queue: Vec<usize> = Vec::new();
        for f in &goal {
            vars_of(f, &mut queue);
        }
        while let Some(m) = queue.pop() {
            if relevant[m] {
                continue;
            }
            relevant[m] = true;
            vars_of(&requires_all[m], &mut queue);
        }
        let mut vars: Vec<ModuleIx> = (0..n)
            .filter(|&m| relevant[m])
            .map(|m| ModuleIx(m as u32))
            .collect();
        vars.sort_by_key(|&m| c.id_rank(m));
        let mut renumber = vec![usize::MAX; n];
        for (v, m) in vars.iter().enumerate() {
            renumber[m.index()] = v;
        }
        let requires: Vec<F> = vars
            .iter()
            .map(|m| remap(&requires_all[m.index()], &renumber))
            .collect();
        let goal: Vec<F> = goal.iter().map(|f| remap(f, &renumber)).collect();
        let order_key = vars
            .iter()
            .map(|&m| {
                let info = c.module(m);
                (
                    info.stage.map_or(u32::MAX, |s| s.index() as u32),
                    u8::from(info.kind != ModuleKind::Core),
                    c.id_rank(m),
                )
            })
            .collect();
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); vars.len()];
        let mut named = Vec::new();
        for (d, f) in requires.iter().enumerate() {
            named.clear();
            vars_of(f, &mut named);
            named.sort_unstable();
            named.dedup();
            for &v in &named {
                if v != d {
                    dependents[v].push(d);
                }
            }
        }
        Model {
            c,
            dependents,
            minutes: vars.iter().map(|&m| c.module(m).minutes).collect(),
            vars,
            requires,
            goal,
            order_key,
            impossible,
            blocked: builder.blocked.clone(),
            var_of: renumber,
        }
    }

    /// The constraints on a plan of `members`: the goal's parts, then each member's
    /// `requires`.
    pub(super) fn constraints<'s>(&'s self, members: &'s [usize]) -> impl Iterator<Item = &'s F> {
        self.goal
            .iter()
            .chain(members.iter().map(|&v| &self.requires[v]))
    }

    pub(super) fn cost(&self, s: &BitSet) -> u64 {
        s.iter().map(|v| u64::from(self.minutes[v])).sum()
    }

    pub(super) fn goal_holds(&self, s: &BitSet) -> bool {
        self.goal.iter().all(|f| holds(f, s, &self.minutes))
    }

    /// The candidates of `s` that can be taken in some order (a fixed point).
    pub(super) fn placeable(&self, s: &BitSet) -> BitSet {
        let mut placed = BitSet::new(self.vars.len());
        let members: Vec<usize> = s.iter().collect();
        self.place(s, &mut placed, &members);
        placed
    }

    /// Places what it can of `members` (of `s`) after the candidates already in
    /// `placed`, and returns them in the order placed (each one's prerequisites
    /// hold over `placed` and those before it).
    ///
    /// Event-driven: a member is checked once at the start, then once each time a
    /// module its prerequisites name is placed (prerequisites are monotone: once
    /// ready, always ready). Rescanning every member until nothing changed was
    /// quadratic on a 5,000-module plan.
    pub(super) fn place(&self, s: &BitSet, placed: &mut BitSet, members: &[usize]) -> Vec<usize> {
        let mut queued = BitSet::new(self.vars.len());
        let mut ready: Vec<usize> = Vec::new();
        for &v in members.iter().rev() {
            if holds(&self.requires[v], placed, &self.minutes) {
                queued.insert(v);
                ready.push(v);
            }
        }
        let mut order = Vec::with_capacity(members.len());
        while let Some(v) = ready.pop() {
            placed.insert(v);
            order.push(v);
            for &d in &self.dependents[v] {
                if s.contains(d)
                    && !placed.contains(d)
                    && !queued.contains(d)
                    && holds(&self.requires[d], placed, &self.minutes)
                {
                    queued.insert(d);
                    ready.push(d);
                }
            }
        }
        order
    }

    /// Everything that can be planned: the largest feasible set.
    pub(super) fn reachable_all(&self) -> BitSet {
        let mut all = BitSet::new(self.vars.len());
        for v in 0..self.vars.len() {
            all.insert(v);
        }
        self.placeable(&all)
    }

    /// Whether `s` is a plan: the goal holds and every module can be placed.
    pub(super) fn feasible(&self, s: &BitSet) -> bool {
        self.goal_holds(s) && self.placeable(s).len() == s.len()
    }
}

#[allow(clippy::too_many_arguments)]
fn completion_goal(
    c: &Compiled,
    learner: &Learner,
    b: &Builder,
    done: &dyn Fn(ModuleIx) -> bool,
    module_done: &dyn Fn(ModuleIx) -> bool,
    goal: &mut Vec<F>,
    impossible: &mut Vec<Impossible>,
) {
    let modules = c.modules();
    match c.completion() {
        Completion::CoreAndOptional {
            min_optional_modules,
            min_optional_minutes,
        } => {
            for (m, info) in modules.iter().enumerate() {
                let ix = ModuleIx(m as u32);
                if info.kind != ModuleKind::Core || !info.is_for(learner.audience) || done(ix) {
                    continue;
                }
                let f = b.module_var(ix);
                if f == F::False {
                    if let Some(why) = b.blocked[m] {
                        impossible.push(Impossible::Blocked(m, why));
                    }
                }
                goal.push(f);
            }
            let optional_done: Vec<usize> = (0..modules.len())
                .filter(|&m| modules[m].kind == ModuleKind::Optional && done(ModuleIx(m as u32)))
                .collect();
            let open: Vec<usize> = (0..modules.len())
                .filter(|&m| {
                    modules[m].kind == ModuleKind::Optional
                        && !done(ModuleIx(m as u32))
                        && b.allowed[m]
                })
                .collect();
            let have = optional_done.len() as u32;
            if *min_optional_modules > have {
                let f = count_rule(*min_optional_modules - have, &open, b);
                if f == F::False {
                    impossible.push(Impossible::Optional {
                        need: u64::from(*min_optional_modules - have),
                        hours: false,
                    });
                }
                goal.push(f);
            }
            let have_minutes: u64 = optional_done
                .iter()
                .map(|&m| u64::from(modules[m].minutes))
                .sum();
            if u64::from(*min_optional_minutes) > have_minutes {
                let need = u64::from(*min_optional_minutes) - have_minutes;
                let f = minutes_rule(need, &open, b);
                if f == F::False {
                    impossible.push(Impossible::Optional { need, hours: true });
                }
                goal.push(f);
            }
        }
        Completion::Expression(cond) => {
            let f = b.cond(cond, module_done);
            if f == F::False {
                // Name what is in the way: the modules the rule names that the
                // learner may not plan, and the levels no open module teaches.
                in_the_way(cond, b, module_done, impossible);
            }
            goal.push(f);
        }
    }
    for (gi, g) in c.groups().iter().enumerate() {
        let members: Vec<usize> = g.modules.iter().map(|m| m.index()).collect();
        let have: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&m| done(ModuleIx(m as u32)))
            .collect();
        let open: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&m| !done(ModuleIx(m as u32)) && b.allowed[m])
            .collect();
        let mut parts = Vec::new();
        if let Some(k) = g.min_modules {
            if k > have.len() as u32 {
                parts.push(count_rule(k - have.len() as u32, &open, b));
            }
        }
        if let Some(h) = g.min_minutes {
            let have_minutes: u64 = have.iter().map(|&m| u64::from(modules[m].minutes)).sum();
            if u64::from(h) > have_minutes {
                parts.push(minutes_rule(u64::from(h) - have_minutes, &open, b));
            }
        }
        for f in parts {
            if f == F::False {
                impossible.push(Impossible::Group(gi));
            }
            goal.push(f);
        }
    }
}

/// The leaves of a completion expression that no plan can make true.
fn in_the_way(
    cond: &Cond,
    b: &Builder,
    module_done: &dyn Fn(ModuleIx) -> bool,
    impossible: &mut Vec<Impossible>,
) {
    match &cond.op {
        Op::All(children) | Op::Any(children) | Op::AtLeast(_, children) => {
            for child in children {
                if b.cond(child, module_done) == F::False {
                    in_the_way(child, b, module_done, impossible);
                }
            }
        }
        Op::Module(m) | Op::Score(m, _) => {
            if let Some(why) = b.blocked[m.index()] {
                let part = Impossible::Blocked(m.index(), why);
                if !impossible.contains(&part) {
                    impossible.push(part);
                }
            }
        }
        Op::Competency(k, level) => {
            let part = Impossible::NoTeacher(*k, *level);
            if !impossible.contains(&part) {
                impossible.push(part);
            }
        }
    }
}

fn count_rule(need: u32, open: &[usize], b: &Builder) -> F {
    if (open.len() as u32) < need {
        return F::False;
    }
    F::Count(need, open.iter().map(|&m| b.var[m]).collect())
}

fn minutes_rule(need: u64, open: &[usize], b: &Builder) -> F {
    let total: u64 = open
        .iter()
        .map(|&m| u64::from(b.c.modules()[m].minutes))
        .sum();
    if total < need {
        return F::False;
    }
    F::Minutes(need, open.iter().map(|&m| b.var[m]).collect())
}

pub(super) fn vars_of(f: &F, out: &mut Vec<usize>) {
    match f {
        F::True | F::False => {}
        F::Var(v) => out.push(*v),
        F::AnyVar(vs) | F::Count(_, vs) | F::Minutes(_, vs) => out.extend_from_slice(vs),
        F::All(ch) | F::Any(ch) | F::AtLeast(_, ch) => {
            for x in ch {
                vars_of(x, out);
            }
        }
    }
}

fn remap(f: &F, to: &[usize]) -> F {
    let list = |vs: &[usize]| -> Vec<usize> {
        let mut out: Vec<usize> = vs.iter().map(|&v| to[v]).collect();
        out.sort_unstable();
        out
    };
    match f {
        F::True => F::True,
        F::False => F::False,
        F::Var(v) => F::Var(to[*v]),
        F::AnyVar(vs) => F::AnyVar(list(vs)),
        F::Count(k, vs) => F::Count(*k, list(vs)),
        F::Minutes(k, vs) => F::Minutes(*k, list(vs)),
        F::All(ch) => F::All(ch.iter().map(|x| remap(x, to)).collect()),
        F::Any(ch) => F::Any(ch.iter().map(|x| remap(x, to)).collect()),
        F::AtLeast(k, ch) => F::AtLeast(*k, ch.iter().map(|x| remap(x, to)).collect()),
    }
}

// ---------------------------------------------------------------------------
// Evaluating formulas on a set of planned candidates.

pub(super) fn holds(f: &F, s: &BitSet, minutes: &[u32]) -> bool {
    holds_in(f, &|v| s.contains(v), minutes)
}

/// [`holds`] over the candidates `member` accepts (a prefix of an order, say).
pub(super) fn holds_in<P: Fn(usize) -> bool>(f: &F, member: &P, minutes: &[u32]) -> bool {
    match f {
        F::True => true,
        F::False => false,
        F::Var(v) => member(*v),
        F::AnyVar(vs) => vs.iter().any(|&v| member(v)),
        F::All(ch) => ch.iter().all(|x| holds_in(x, member, minutes)),
        F::Any(ch) => ch.iter().any(|x| holds_in(x, member, minutes)),
        F::AtLeast(k, ch) => {
            ch.iter()
                .filter(|x| holds_in(x, member, minutes))
                .take(*k as usize)
                .count() as u32
                >= *k
        }
        F::Count(k, vs) => vs.iter().filter(|&&v| member(v)).take(*k as usize).count() as u32 >= *k,
        F::Minutes(need, vs) => {
            let planned: u64 = vs
                .iter()
                .filter(|&&v| member(v))
                .map(|&v| u64::from(minutes[v]))
                .sum();
            planned >= *need
        }
    }
}

pub(super) fn planned_minutes(vs: &[usize], s: &BitSet, minutes: &[u32]) -> u64 {
    vs.iter()
        .filter(|&&v| s.contains(v))
        .map(|&v| u64::from(minutes[v]))
        .sum()
}
