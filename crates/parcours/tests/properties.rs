//! Property tests of the validator on synthetic curricula.
//!
//! 1. Every generated curriculum, whatever its size and seed, loads with zero
//!    diagnostics, compiles, and its topological order puts every prerequisite
//!    before the modules that name it.
//! 2. One mutation of a valid curriculum gives exactly the expected codes: not one
//!    more (no cascade of follow-up errors), not one fewer, each located.

// Tests fail loudly on purpose: unwrap, expect and panic are how they report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use parcours::curriculum::model::{CompletionRule, ModuleKind, Teaching};
use parcours::curriculum::prerequisite::Expr;
use parcours::{Code, Curriculum, Severity};
use parcours_testkit::{self as synthetic, Rng, SyntheticOptions, AUDIENCES};
use proptest::prelude::*;

fn generate(modules: usize, seed: u64) -> Curriculum {
    synthetic::curriculum(&SyntheticOptions {
        modules,
        seed,
        ..SyntheticOptions::default()
    })
}

/// Ids of the modules named by the leaves (module and score) of an expression.
fn named_modules<'a>(expr: &'a Expr, out: &mut Vec<&'a str>) {
    match expr {
        Expr::Module { module, .. } | Expr::Score { module, .. } => out.push(module),
        other => other.children().iter().for_each(|c| named_modules(c, out)),
    }
}

/// Each module's position, by id.
fn module_positions(doc: &Curriculum) -> BTreeMap<&str, usize> {
    doc.modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect()
}

/// Direct prerequisites (required or recommended) of each module, by position.
fn prerequisites(doc: &Curriculum) -> Vec<Vec<usize>> {
    let index = module_positions(doc);
    doc.modules
        .iter()
        .map(|m| {
            let mut ids = Vec::new();
            for e in m.requires.iter().chain(m.recommends.iter()) {
                named_modules(e, &mut ids);
            }
            ids.iter().filter_map(|id| index.get(id).copied()).collect()
        })
        .collect()
}

/// Modules that (transitively) name module `start` as a prerequisite.
fn dependents(doc: &Curriculum, start: usize) -> BTreeSet<usize> {
    let prereqs = prerequisites(doc);
    let mut forward = vec![Vec::new(); doc.modules.len()];
    for (m, ps) in prereqs.iter().enumerate() {
        for &p in ps {
            forward[p].push(m);
        }
    }
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(m) = stack.pop() {
        for &d in &forward[m] {
            if seen.insert(d) {
                stack.push(d);
            }
        }
    }
    seen
}

/// A mutable view of one node of interest in an expression.
enum Node<'a> {
    ModuleLeaf(&'a mut String),
    ScoreLeaf(&'a mut String, &'a mut f64),
    CompetencyLeaf(&'a mut u32),
    AtLeast(&'a mut u32, usize),
}

fn walk<'a>(expr: &'a mut Expr, out: &mut Vec<Node<'a>>) {
    match expr {
        Expr::Module { module, .. } => out.push(Node::ModuleLeaf(module)),
        Expr::Score { module, min, .. } => out.push(Node::ScoreLeaf(module, min)),
        Expr::Competency { level, .. } => out.push(Node::CompetencyLeaf(level)),
        Expr::AtLeast { k, of, .. } => {
            out.push(Node::AtLeast(k, of.len()));
            of.iter_mut().for_each(|c| walk(c, out));
        }
        Expr::AllOf { of, .. } | Expr::AnyOf { of, .. } => of.iter_mut().for_each(|c| walk(c, out)),
    }
}

/// Every node of interest in the `requires` of every module.
fn required_nodes(doc: &mut Curriculum) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    for m in &mut doc.modules {
        if let Some(e) = &mut m.requires {
            walk(e, &mut out);
        }
    }
    out
}

/// `existing` and `extra` both (just `extra` when there was nothing).
fn and_also(existing: Option<Expr>, extra: Expr) -> Option<Expr> {
    Some(match existing {
        None => extra,
        Some(e) => Expr::all_of(vec![e, extra]),
    })
}

fn pick_index(rng: &mut Rng, len: usize) -> usize {
    assert!(len > 0);
    rng.below(len)
}

const UNKNOWN_MODULE: &str = "module-inexistant";

/// One way of breaking a valid curriculum, with the codes it must give exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mutation {
    DanglingRequirement,
    DanglingGroupMember,
    Cycle,
    DuplicateModuleId,
    AtLeastImpossible,
    NonPositiveDuration,
    TeachesLevelOutOfScale,
    RequiresLevelOutOfScale,
    UnknownAudience,
    UnknownCompetency,
    UnknownStage,
    UnknownResource,
    UnknownScale,
    ScoreOutOfRange,
    EmptyAllOf,
    FrenchMissing,
    GroupImpossible,
    CompletionImpossible,
    InvalidGroupId,
    ParentCycle,
    StageOrder,
    MissingEnglish,
}

const MUTATIONS: [Mutation; 22] = [
    Mutation::DanglingRequirement,
    Mutation::DanglingGroupMember,
    Mutation::Cycle,
    Mutation::DuplicateModuleId,
    Mutation::AtLeastImpossible,
    Mutation::NonPositiveDuration,
    Mutation::TeachesLevelOutOfScale,
    Mutation::RequiresLevelOutOfScale,
    Mutation::UnknownAudience,
    Mutation::UnknownCompetency,
    Mutation::UnknownStage,
    Mutation::UnknownResource,
    Mutation::UnknownScale,
    Mutation::ScoreOutOfRange,
    Mutation::EmptyAllOf,
    Mutation::FrenchMissing,
    Mutation::GroupImpossible,
    Mutation::CompletionImpossible,
    Mutation::InvalidGroupId,
    Mutation::ParentCycle,
    Mutation::StageOrder,
    Mutation::MissingEnglish,
];

/// Applies `mutation`; returns the exact codes expected, or `None` when this
/// curriculum offers no place where the mutation's expectation is exact.
fn mutate(doc: &mut Curriculum, mutation: Mutation, rng: &mut Rng) -> Option<Vec<Code>> {
    let n = doc.modules.len();
    let r = pick_index(rng, n);
    match mutation {
        Mutation::DanglingRequirement => {
            // A module leaf (or score leaf) of some `requires` names no module. The
            // whole expression is then dropped: it only makes things easier, so
            // nothing else is reported.
            let mut nodes: Vec<&mut String> = required_nodes(doc)
                .into_iter()
                .filter_map(|node| match node {
                    Node::ModuleLeaf(id) | Node::ScoreLeaf(id, _) => Some(id),
                    _ => None,
                })
                .collect();
            if nodes.is_empty() {
                let m = &mut doc.modules[r];
                m.requires = and_also(m.requires.take(), Expr::module(UNKNOWN_MODULE));
            } else {
                let i = pick_index(rng, nodes.len());
                *nodes[i] = UNKNOWN_MODULE.into();
            }
            Some(vec![Code::UnknownModule])
        }
        Mutation::DanglingGroupMember => {
            // Adding a member keeps `minModules` feasible.
            let g = pick_index(rng, doc.groups.len());
            let members = &mut doc.groups[g].modules;
            let at = rng.below(members.len() + 1);
            members.insert(at, UNKNOWN_MODULE.into());
            Some(vec![Code::UnknownModule])
        }
        Mutation::Cycle => {
            // Module i comes to need module j, which (transitively) needs i. Cycles
            // stop the graph checks, so no stage-order or reachability follows; the
            // back edge is still a `recommends` when the stages differ, so that the
            // expectation stays exact even if stage order were checked anyway.
            let i = rng.below(n - 1);
            let downstream: Vec<usize> = dependents(doc, i).into_iter().collect();
            let j = match rng.pick(&downstream) {
                Some(&j) if rng.chance(50) => j,
                _ => {
                    let j = i + 1 + rng.below(n - i - 1);
                    let m = &mut doc.modules[j];
                    let id = doc_module_id(i);
                    m.requires = and_also(m.requires.take(), Expr::module(id));
                    j
                }
            };
            let back = Expr::module(doc.modules[j].id.clone());
            let same_stage = doc.modules[j].stage == doc.modules[i].stage;
            let m = &mut doc.modules[i];
            if same_stage {
                m.requires = and_also(m.requires.take(), back);
            } else {
                m.recommends = and_also(m.recommends.take(), back);
            }
            Some(vec![Code::Cycle])
        }
        Mutation::DuplicateModuleId => {
            // A copy of a module, anywhere: the second of the two is the duplicate.
            // References to the id reach an identical module, so nothing else moves.
            let copy = doc.modules[r].clone();
            let at = rng.below(n + 1);
            doc.modules.insert(at, copy);
            Some(vec![Code::DuplicateId])
        }
        Mutation::AtLeastImpossible => {
            let mut ks: Vec<(&mut u32, usize)> = required_nodes(doc)
                .into_iter()
                .filter_map(|node| match node {
                    Node::AtLeast(k, len) => Some((k, len)),
                    _ => None,
                })
                .collect();
            let zero = rng.chance(25);
            if ks.is_empty() {
                let m = &mut doc.modules[r];
                let of = match m.requires.take() {
                    Some(e) => vec![e],
                    None => vec![Expr::Competency {
                        competency: synthetic::competency_id(0),
                        level: 0,
                        label: None,
                    }],
                };
                let k = if zero { 0 } else { of.len() as u32 + 1 };
                m.requires = Some(Expr::AtLeast { k, of, label: None });
            } else {
                let i = pick_index(rng, ks.len());
                let (k, len) = &mut ks[i];
                **k = if zero { 0 } else { *len as u32 + 1 };
            }
            Some(vec![Code::AtLeastImpossible])
        }
        Mutation::NonPositiveDuration => {
            // A core module in no group that counts hours: its zero minutes change
            // no group or completion total.
            let counted: BTreeSet<&str> = doc
                .groups
                .iter()
                .filter(|g| g.min_hours.is_some())
                .flat_map(|g| g.modules.iter().map(String::as_str))
                .collect();
            let candidates: Vec<usize> = (0..n)
                .filter(|&i| {
                    doc.modules[i].kind == ModuleKind::Core
                        && !counted.contains(doc.modules[i].id.as_str())
                })
                .collect();
            let &m = rng.pick(&candidates)?;
            let values = [0.0, -1.5, -0.0, 0.004];
            doc.modules[m].duration_hours = *rng.pick(&values).unwrap();
            Some(vec![Code::NonPositiveDuration])
        }
        Mutation::TeachesLevelOutOfScale => {
            let m = &mut doc.modules[r];
            let t = pick_index(rng, m.teaches.len());
            m.teaches[t].level = if rng.chance(50) {
                99
            } else {
                synthetic::LEVELS
            };
            Some(vec![Code::LevelOutOfScale])
        }
        Mutation::RequiresLevelOutOfScale => {
            let mut levels: Vec<&mut u32> = required_nodes(doc)
                .into_iter()
                .filter_map(|node| match node {
                    Node::CompetencyLeaf(level) => Some(level),
                    _ => None,
                })
                .collect();
            if levels.is_empty() {
                return None;
            }
            let i = pick_index(rng, levels.len());
            *levels[i] = 99;
            Some(vec![Code::LevelOutOfScale])
        }
        Mutation::UnknownAudience => {
            // An unknown audience matches nobody, so it must not narrow the module:
            // "every audience" is spelt out in full first.
            let m = &mut doc.modules[r];
            if m.audiences.is_empty() {
                m.audiences = AUDIENCES.iter().map(|a| a.to_string()).collect();
            }
            let at = rng.below(m.audiences.len() + 1);
            m.audiences.insert(at, "benevoles".into());
            Some(vec![Code::UnknownAudience])
        }
        Mutation::UnknownCompetency => {
            // Added, not replacing: what the module teaches is unchanged.
            let m = &mut doc.modules[r];
            let at = rng.below(m.teaches.len() + 1);
            m.teaches.insert(
                at,
                Teaching {
                    competency: "competence-inconnue".into(),
                    level: 0,
                },
            );
            Some(vec![Code::UnknownCompetency])
        }
        Mutation::UnknownStage => {
            doc.modules[r].stage = Some("etape-inconnue".into());
            Some(vec![Code::UnknownStage])
        }
        Mutation::UnknownResource => {
            let m = &mut doc.modules[r];
            let at = rng.below(m.resources.len() + 1);
            m.resources.insert(at, "ressource-inconnue".into());
            Some(vec![Code::UnknownResource])
        }
        Mutation::UnknownScale => {
            let c = pick_index(rng, doc.framework.competencies.len());
            doc.framework.competencies[c].scale = Some("echelle-inconnue".into());
            Some(vec![Code::UnknownScale])
        }
        Mutation::ScoreOutOfRange => {
            let value = if rng.chance(50) { 100.5 } else { -5.0 };
            let mut mins: Vec<&mut f64> = required_nodes(doc)
                .into_iter()
                .filter_map(|node| match node {
                    Node::ScoreLeaf(_, min) => Some(min),
                    _ => None,
                })
                .collect();
            if mins.is_empty() {
                // The broken expression is dropped whole, so naming any module is
                // fine (even a later one: no edge is made).
                let target = doc_module_id(rng.below(n));
                let m = &mut doc.modules[r];
                let leaf = Expr::Score {
                    module: target,
                    min: value,
                    label: None,
                };
                m.requires = and_also(m.requires.take(), leaf);
            } else {
                let i = pick_index(rng, mins.len());
                *mins[i] = value;
            }
            Some(vec![Code::ScoreOutOfRange])
        }
        Mutation::EmptyAllOf => {
            // An empty `allOf` always holds, so only the emptiness is reported (an
            // empty `anyOf` never holds: it would also make the module unreachable).
            let m = &mut doc.modules[r];
            m.requires = and_also(m.requires.take(), Expr::all_of(Vec::new()));
            Some(vec![Code::EmptyExpression])
        }
        Mutation::FrenchMissing => {
            doc.languages.retain(|l| *l != parcours::Lang::Fr);
            Some(vec![Code::FrenchMissing])
        }
        Mutation::GroupImpossible => {
            let g = pick_index(rng, doc.groups.len());
            let group = &mut doc.groups[g];
            if rng.chance(50) {
                group.min_modules = Some(group.modules.len() as u32 + 1);
            } else {
                let hours: f64 = group
                    .modules
                    .iter()
                    .filter_map(|id| doc.modules.iter().find(|m| &m.id == id))
                    .map(|m| m.duration_hours)
                    .sum();
                let group = &mut doc.groups[g];
                group.min_hours = Some(hours + 1.0);
            }
            Some(vec![Code::GroupImpossible])
        }
        Mutation::CompletionImpossible => {
            let optional: Vec<f64> = doc
                .modules
                .iter()
                .filter(|m| m.kind == ModuleKind::Optional)
                .map(|m| m.duration_hours)
                .collect();
            let CompletionRule::CoreAndOptional {
                min_optional_modules,
                min_optional_hours,
                ..
            } = &mut doc.completion
            else {
                return None;
            };
            if rng.chance(50) {
                *min_optional_modules = Some(optional.len() as u32 + 1);
            } else {
                *min_optional_hours = Some(optional.iter().sum::<f64>() + 0.5);
            }
            Some(vec![Code::CompletionImpossible])
        }
        Mutation::InvalidGroupId => {
            // Nothing refers to a group by id, so only the id itself is wrong.
            let g = pick_index(rng, doc.groups.len());
            let bad = ["Groupe A", "groupe/a", "-groupe", "groupe é"];
            doc.groups[g].id = (*rng.pick(&bad).unwrap()).into();
            Some(vec![Code::InvalidId])
        }
        Mutation::ParentCycle => {
            // A competency becomes its own parent, or the parent of its parent.
            let competencies = &mut doc.framework.competencies;
            let c = pick_index(rng, competencies.len());
            let id = competencies[c].id.clone();
            let parent = competencies[c]
                .parent
                .clone()
                .and_then(|p| competencies.iter().position(|x| x.id == p));
            match parent {
                Some(p) if rng.chance(70) => competencies[p].parent = Some(id),
                _ => competencies[c].parent = Some(id),
            }
            Some(vec![Code::ParentCycle])
        }
        Mutation::StageOrder => {
            // Module i comes to need module j of a later stage; j must not depend
            // on i (that would be a cycle), must be open to i's audiences, and must
            // need no competency level on the way (that level could be taught only
            // by i or what follows it: then `evidence-only` warnings, rightly).
            let stage_index = |s: &Option<String>| {
                s.as_deref()
                    .and_then(|s| synthetic::STAGES.iter().position(|x| *x == s))
            };
            let mut pairs = Vec::new();
            for _ in 0..32 {
                let i = rng.below(n);
                let j = rng.below(n);
                let (mi, mj) = (&doc.modules[i], &doc.modules[j]);
                let later = stage_index(&mj.stage) > stage_index(&mi.stage);
                let open = mj.audiences.is_empty()
                    || (!mi.audiences.is_empty()
                        && mi.audiences.iter().all(|a| mj.audiences.contains(a)));
                if later && open && !dependents(doc, i).contains(&j) && !needs_competency(doc, j) {
                    pairs.push((i, j));
                    break;
                }
            }
            let &(i, j) = pairs.first()?;
            let id = doc.modules[j].id.clone();
            let m = &mut doc.modules[i];
            m.requires = and_also(m.requires.take(), Expr::module(id));
            Some(vec![Code::StageOrder])
        }
        Mutation::MissingEnglish => {
            let m = &mut doc.modules[r];
            m.title.en = if rng.chance(50) {
                None
            } else {
                Some("  ".into())
            };
            Some(vec![Code::MissingEnglish])
        }
    }
}

/// Whether module `m`, or any module it (transitively) requires, has a competency
/// leaf in its `requires`.
fn needs_competency(doc: &Curriculum, m: usize) -> bool {
    fn has_leaf(e: &Expr) -> bool {
        matches!(e, Expr::Competency { .. }) || e.children().iter().any(has_leaf)
    }
    let index = module_positions(doc);
    let mut seen = BTreeSet::from([m]);
    let mut stack = vec![m];
    while let Some(x) = stack.pop() {
        let Some(requires) = &doc.modules[x].requires else {
            continue;
        };
        if has_leaf(requires) {
            return true;
        }
        let mut ids = Vec::new();
        named_modules(requires, &mut ids);
        for id in ids {
            if let Some(&p) = index.get(id) {
                if seen.insert(p) {
                    stack.push(p);
                }
            }
        }
    }
    false
}

fn doc_module_id(i: usize) -> String {
    synthetic::module_id(i)
}

/// Loads the text and checks the codes are exactly `expected` (as a multiset),
/// every diagnostic located, and the compiled form present exactly without errors.
fn assert_exact(text: &str, expected: &[Code], what: &str) {
    let outcome = parcours::load_str(text);
    let mut found: Vec<Code> = outcome.diagnostics.iter().map(|d| d.code).collect();
    let mut wanted = expected.to_vec();
    found.sort();
    wanted.sort();
    let detail: Vec<(Code, &str)> = outcome
        .diagnostics
        .iter()
        .map(|d| (d.code, d.pointer.as_str()))
        .collect();
    assert_eq!(found, wanted, "{what}: {detail:?}");
    for d in &outcome.diagnostics {
        assert!(
            d.line.is_some() && d.column.is_some(),
            "{what}: {:?} at `{}` has no position",
            d.code,
            d.pointer
        );
    }
    let errors = wanted.iter().any(|c| c.severity() == Severity::Error);
    assert_eq!(outcome.value.is_some(), !errors, "{what}");
}

/// Applies `mutation` (or, where it cannot be exact, a fallback) to a generated
/// curriculum and checks the outcome; returns the mutation actually applied.
fn check_mutation(modules: usize, seed: u64, mutation: Mutation, choice: u64) -> Mutation {
    let mut doc = generate(modules, seed);
    let mut rng = Rng::new(choice);
    let (mutation, expected) = match mutate(&mut doc, mutation, &mut rng) {
        Some(expected) => (mutation, expected),
        None => {
            // Always possible: every module teaches something.
            let fallback = Mutation::TeachesLevelOutOfScale;
            (fallback, mutate(&mut doc, fallback, &mut rng).unwrap())
        }
    };
    let what = format!("{mutation:?} on {modules} modules, seed {seed}, choice {choice}");
    assert_exact(&synthetic::to_json(&doc), &expected, &what);
    mutation
}

fn check_clean(modules: usize, seed: u64) {
    let doc = generate(modules, seed);
    let text = synthetic::to_json(&doc);
    let outcome = parcours::load(text.as_bytes());
    let codes: Vec<(Code, &str)> = outcome
        .diagnostics
        .iter()
        .map(|d| (d.code, d.pointer.as_str()))
        .collect();
    assert!(
        codes.is_empty(),
        "{modules} modules, seed {seed}: {codes:?}"
    );
    let compiled = outcome.value.expect("compiled");
    let order = compiled.topological_order();
    assert_eq!(order.len(), modules);
    let mut position = vec![usize::MAX; modules];
    for (at, m) in order.iter().enumerate() {
        assert_eq!(position[m.index()], usize::MAX, "module listed twice");
        position[m.index()] = at;
    }
    for (m, prereqs) in prerequisites(&doc).iter().enumerate() {
        for &p in prereqs {
            assert!(
                position[p] < position[m],
                "`{}` comes after `{}`, which needs it",
                doc.modules[p].id,
                doc.modules[m].id
            );
        }
        let mut graph: Vec<usize> = compiled
            .prerequisites_of(order[position[m]])
            .map(|x| x.index())
            .collect();
        let mut named = prereqs.clone();
        graph.sort_unstable();
        named.sort_unstable();
        named.dedup();
        assert_eq!(graph, named, "edges of `{}`", doc.modules[m].id);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_curricula_load_clean(modules in 1usize..200, seed in any::<u64>()) {
        check_clean(modules, seed);
    }

    #[test]
    fn one_mutation_gives_exactly_the_expected_codes(
        modules in 3usize..200,
        seed in any::<u64>(),
        mutation in 0usize..MUTATIONS.len(),
        choice in any::<u64>(),
    ) {
        check_mutation(modules, seed, MUTATIONS[mutation], choice);
    }
}

/// Every mutation, on a few fixed sizes and seeds: each kind is exercised at least
/// once whatever the random cases above drew.
#[test]
fn every_mutation_is_exact_somewhere() {
    for mutation in MUTATIONS {
        let mut applied = 0;
        for (k, modules) in [3usize, 4, 11, 60].into_iter().enumerate() {
            for seed in 0..3u64 {
                let choice = seed * 31 + k as u64;
                if check_mutation(modules, seed, mutation, choice) == mutation {
                    applied += 1;
                }
            }
        }
        assert!(applied > 0, "{mutation:?} never applied");
    }
}

#[test]
fn an_empty_curriculum_is_clean_too() {
    let doc = generate(0, 1);
    let outcome = parcours::load_str(&synthetic::to_json(&doc));
    assert!(outcome.diagnostics.is_empty());
    assert!(outcome.value.is_some());
}

/// Many more cases, in release: `cargo test --release -p parcours --test properties
/// -- --ignored` (the count from `PARCOURS_STRESS_CASES`, default 5000).
#[test]
#[ignore = "slow: a stress run, in release"]
fn stress() {
    let cases: u64 = std::env::var("PARCOURS_STRESS_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let mut rng = Rng::new(0x5EED);
    let mut drawn = [0usize; MUTATIONS.len()];
    let mut applied = [0usize; MUTATIONS.len()];
    for case in 0..cases {
        let modules = 1 + rng.below(400);
        check_clean(modules, rng.next_u64());
        let k = rng.below(MUTATIONS.len());
        drawn[k] += 1;
        if check_mutation(modules.max(3), rng.next_u64(), MUTATIONS[k], case) == MUTATIONS[k] {
            applied[k] += 1;
        }
    }
    for (k, mutation) in MUTATIONS.iter().enumerate() {
        eprintln!("{mutation:?}: applied {} of {}", applied[k], drawn[k]);
    }
}
