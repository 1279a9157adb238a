//! Compilation: a checked curriculum ([`Checked`], from
//! [`validate::check`](crate::curriculum::validate::check)) into
//! the index-based form the engine runs on ([`Compiled`]).
//!
//! Nothing here reports a problem the checks could find: a curriculum with an error
//! is not compiled at all, and what the checks resolved (ids, expressions, the
//! completion rule, scales) is taken as they left it.

use crate::curriculum::compiled::{
    flatten, minutes, AcyclicGraph, AudienceIx, CompetencyInfo, CompetencyIx, Compiled, Completion,
    Cond, CurriculumKey, GroupInfo, ModuleInfo, ModuleIx, Op, Ranking, ScaleIx, StageIx,
};
use crate::curriculum::model::ModuleKind;
use crate::curriculum::validate::{Checked, Ids};
use crate::read::diagnostic::{Code, Diagnostic};
use crate::read::order;

/// Compiles a checked curriculum: its diagnostics and, when none is an error, its
/// compiled form.
pub(crate) fn compile(mut checked: Checked<'_>) -> (Vec<Diagnostic>, Option<Compiled>) {
    let compiled = build(&mut checked);
    (checked.out, compiled)
}

fn build(checked: &mut Checked<'_>) -> Option<Compiled> {
    if checked.has_errors() {
        return None;
    }
    let doc = checked.doc;
    let audience_ix = |id: &String| checked.audiences.get(id).map(AudienceIx);
    let modules: Vec<ModuleInfo> = doc
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| ModuleInfo {
            id: m.id.clone(),
            kind: m.kind,
            minutes: minutes(m.duration_hours),
            stage: m
                .stage
                .as_ref()
                .and_then(|s| checked.stages.get(s))
                .map(StageIx),
            audiences: m.audiences.iter().filter_map(audience_ix).collect(),
            teaches: m
                .teaches
                .iter()
                .filter_map(|t| {
                    checked
                        .competencies
                        .get(&t.competency)
                        .map(|c| (CompetencyIx(c), t.level))
                })
                .collect(),
            requires: checked.requires[i].clone(),
            recommends: checked.recommends[i].clone(),
            validity_months: m.validity_months,
        })
        .collect();
    let audience_masks: Vec<Option<u64>> = modules
        .iter()
        .map(|m| {
            m.audiences.iter().try_fold(0u64, |mask, a| {
                (a.index() < 64).then(|| mask | 1 << a.index())
            })
        })
        .collect();
    let kinds: Vec<ModuleKind> = modules.iter().map(|m| m.kind).collect();
    // Prerequisites that only count modules completed (see `Compiled`): the
    // distinct modules and how many of them are needed.
    let counted: Vec<Option<(Vec<usize>, u32)>> = modules
        .iter()
        .map(|m| {
            let r = m.requires.as_ref()?;
            let modules_of = |children: &[Cond]| {
                children
                    .iter()
                    .map(|c| match c.op {
                        Op::Module(j) => Some(j.index()),
                        _ => None,
                    })
                    .collect::<Option<Vec<usize>>>()
            };
            let (mut leaves, need) = match &r.op {
                Op::Module(j) => (vec![j.index()], Some(1)),
                // All of them, distinct: repeats change nothing.
                Op::All(children) => (modules_of(children)?, None),
                Op::Any(children) => (modules_of(children)?, Some(1)),
                // A repeated module would count twice: left to evaluation.
                Op::AtLeast(k, children) if *k >= 1 => (modules_of(children)?, Some(*k)),
                _ => return None,
            };
            let listed = leaves.len();
            leaves.sort_unstable();
            leaves.dedup();
            if matches!(r.op, Op::AtLeast(..)) && leaves.len() != listed {
                return None;
            }
            let need = need.unwrap_or(leaves.len() as u32);
            Some((leaves, need))
        })
        .collect();
    let counted_need: Vec<u32> = counted
        .iter()
        .map(|c| c.as_ref().map_or(u32::MAX, |(_, need)| *need))
        .collect();
    let counted_dependents = {
        let mut rows: Vec<Vec<ModuleIx>> = vec![Vec::new(); modules.len()];
        for (m, leaves) in counted.iter().enumerate() {
            for &j in leaves.iter().flat_map(|(l, _)| l) {
                rows[j].push(ModuleIx(m as u32));
            }
        }
        let mut start = Vec::with_capacity(modules.len() + 1);
        let mut list = Vec::new();
        for row in rows {
            start.push(list.len() as u32);
            list.extend(row);
        }
        start.push(list.len() as u32);
        (start, list)
    };
    let validity: Vec<Option<u32>> = modules.iter().map(|m| m.validity_months).collect();
    let teaches = {
        let mut start = Vec::with_capacity(modules.len() + 1);
        let mut list = Vec::new();
        for m in &modules {
            start.push(list.len() as u32);
            list.extend_from_slice(&m.teaches);
        }
        start.push(list.len() as u32);
        (start, list)
    };
    let mut flat = Vec::new();
    let flat_spans: Vec<[(u32, u32); 2]> = modules
        .iter()
        .map(|m| {
            let mut program =
                |c: &Option<Cond>| c.as_ref().map_or((0, 0), |c| flatten(c, &mut flat));
            [program(&m.requires), program(&m.recommends)]
        })
        .collect();
    let competencies: Vec<CompetencyInfo> = doc
        .framework
        .competencies
        .iter()
        .enumerate()
        .map(|(i, c)| CompetencyInfo {
            id: c.id.clone(),
            scale: ScaleIx(
                checked
                    .competency_scale
                    .get(i)
                    .copied()
                    .flatten()
                    .unwrap_or(0) as u32,
            ),
            parent: c
                .parent
                .as_ref()
                .and_then(|p| checked.competencies.get(p))
                .map(CompetencyIx),
            assessment: checked.assessment_rule(c.assessment.as_ref()),
        })
        .collect();
    let groups: Vec<GroupInfo> = doc
        .groups
        .iter()
        .map(|g| GroupInfo {
            id: g.id.clone(),
            modules: g
                .modules
                .iter()
                .filter_map(|m| checked.modules.get(m))
                .map(ModuleIx)
                .collect(),
            min_modules: g.min_modules,
            min_minutes: g.min_hours.map(minutes),
        })
        .collect();
    let mut competency_dependents: Vec<Vec<(ModuleIx, u32)>> = vec![Vec::new(); competencies.len()];
    for (i, module) in modules.iter().enumerate() {
        if let Some(requires) = &module.requires {
            let mut named = Vec::new();
            requires.competency_levels(&mut named);
            // Each level named for each competency, once.
            named.sort_unstable();
            named.dedup();
            for (k, level) in named {
                competency_dependents[k.index()].push((ModuleIx(i as u32), level));
            }
        }
    }
    let graph = checked.graph();
    let graph = match AcyclicGraph::new(graph) {
        Some(g) => g,
        None => {
            // Unreachable: cycles are errors above. Report rather than panic.
            checked
                .push(Diagnostic::new(Code::Internal, "").arg("detail", "cycle after validation"));
            return None;
        }
    };
    let ids = |t: &Ids| order::map(t.by_id.iter().map(|(k, v)| (k.clone(), *v)));
    let mut compiled = Compiled {
        document: doc.clone(),
        modules,
        module_ids: ids(&checked.modules)
            .into_iter()
            .map(|(k, v)| (k, ModuleIx(v)))
            .collect(),
        replaced_modules: checked
            .replaced_modules
            .iter()
            .map(|(k, v)| (k.clone(), ModuleIx(*v)))
            .collect(),
        competencies,
        competency_ids: ids(&checked.competencies)
            .into_iter()
            .map(|(k, v)| (k, CompetencyIx(v)))
            .collect(),
        replaced_competencies: checked
            .replaced_competencies
            .iter()
            .map(|(k, v)| (k.clone(), CompetencyIx(*v)))
            .collect(),
        audience_ids: ids(&checked.audiences)
            .into_iter()
            .map(|(k, v)| (k, AudienceIx(v)))
            .collect(),
        scales: std::mem::take(&mut checked.scale_infos),
        groups,
        completion: checked
            .completion
            .clone()
            .unwrap_or(Completion::CoreAndOptional {
                min_optional_modules: 0,
                min_optional_minutes: 0,
            }),
        audience_masks,
        kinds,
        flat,
        flat_spans,
        counted_need,
        counted_dependents,
        validity,
        teaches,
        dependents: {
            // Compressed rows: the dependents of module i are
            // `dependent_list[dependent_start[i]..dependent_start[i + 1]]`.
            let n = doc.modules.len();
            let mut rows: Vec<Vec<ModuleIx>> = vec![Vec::new(); n];
            for e in graph.graph().edge_indices() {
                if let Some((a, b)) = graph.graph().edge_endpoints(e) {
                    rows[a.index()].push(ModuleIx(b.index() as u32));
                }
            }
            let mut start = Vec::with_capacity(n + 1);
            let mut list = Vec::new();
            for mut row in rows {
                start.push(list.len() as u32);
                row.sort_unstable();
                row.dedup();
                list.extend(row);
            }
            start.push(list.len() as u32);
            (start, list)
        },
        graph,
        competency_dependents,
        id_rank: {
            // `by_id` is a BTreeMap: iterating it visits ids in order.
            let mut rank = vec![u32::MAX; doc.modules.len()];
            for (position, &m) in checked.modules.by_id.values().enumerate() {
                rank[m as usize] = position as u32;
            }
            rank
        },
        ranking: Ranking::default(),
        key: CurriculumKey::default(),
        name: format!("{} {}", doc.id, doc.version).into(),
    };
    compiled.ranking = Ranking::of(&compiled);
    compiled.key = CurriculumKey::of(&compiled);
    Some(compiled)
}
