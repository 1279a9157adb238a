//! Synthetic curricula for benchmarks, property tests and load tests; and the
//! golden-file comparison every golden test shares ([`golden`]).
//!
//! [`curriculum`] builds a curriculum of any size from a seed. The same options
//! always give the same curriculum (a small SplitMix64 generator, [`Rng`], no clock
//! and no global state), and every curriculum it builds is valid: loading it gives
//! **zero errors and zero warnings**, whatever the size and the seed.
//!
//! How validity is kept by construction:
//!
//! - stages are assigned by module position, never decreasing, and prerequisites
//!   (required or recommended) only name *earlier* modules: no cycle, and no
//!   prerequisite in a later stage;
//! - a module open to every audience only requires modules open to every audience;
//!   a module for some audiences only requires modules open to all of them, so every
//!   module can be reached by each of its audiences;
//! - a competency leaf asks for a level that an earlier module, open to every
//!   audience, teaches (no `evidence-only` warning);
//! - `atLeast` has 1 ≤ k ≤ number of sub-expressions; scores are between 0 and 100;
//! - every module teaches something and every competency is taught; groups and the
//!   completion rule ask for no more modules or hours than there are;
//! - every text is in French and English.

pub mod golden;

use parcours::curriculum::competency::{Assessment, Competency, Framework, Level, Method, Scale};
use parcours::curriculum::model::{
    Audience, CompletionRule, Curriculum, Format, Group, Module, ModuleKind, Resource,
    ResourceKind, Stage, Teaching, FORMAT_VERSION,
};
use parcours::curriculum::prerequisite::Expr;
use parcours::{Lang, Text};

/// A small deterministic pseudo-random generator (SplitMix64).
///
/// Not for cryptography: it only makes synthetic data reproducible from a seed, the
/// same on every platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), without modulo bias worth mentioning.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with the given probability, in percent.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// One element of `items`, or `None` when it is empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            items.get(self.below(items.len()))
        }
    }
}

/// What [`curriculum`] builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticOptions {
    /// Number of modules (0 gives a curriculum without modules, also valid).
    pub modules: usize,
    /// Seed of the generator: the same options always give the same curriculum.
    pub seed: u64,
    /// Share of optional modules, in percent (the others are core).
    pub optional_percent: u32,
    /// Share of modules with prerequisites, in percent (module 0 never has any).
    pub requires_percent: u32,
    /// Share of modules restricted to one or two audiences, in percent.
    pub restricted_percent: u32,
    /// How far back (in modules) prerequisites are chosen: a window keeps the graph
    /// local, as in real curricula, rather than a random dense graph.
    pub window: usize,
}

impl Default for SyntheticOptions {
    fn default() -> Self {
        SyntheticOptions {
            modules: 100,
            seed: 0,
            optional_percent: 30,
            requires_percent: 70,
            restricted_percent: 10,
            window: 40,
        }
    }
}

/// Ids of the four audiences, in document order.
pub const AUDIENCES: [&str; 4] = [
    "direction",
    "professionnels",
    "personnes-accompagnees",
    "familles",
];

/// Ids of the five stages, in order.
pub const STAGES: [&str; 5] = [
    "cadrage",
    "observation",
    "ideation",
    "prototype-et-tests",
    "deploiement",
];

/// Number of levels of the synthetic scale.
pub const LEVELS: u32 = 4;

const AUDIENCE_LABELS: [(&str, &str); 4] = [
    ("Direction", "Management"),
    ("Professionnels", "Professionals"),
    ("Personnes accompagnées", "People supported"),
    ("Familles", "Families"),
];

const STAGE_TEXTS: [(&str, &str, &str, &str); 5] = [
    (
        "Cadrage",
        "Framing",
        "Poser la question et réunir les parties prenantes.",
        "Set the question and gather the stakeholders.",
    ),
    (
        "Observation",
        "Observation",
        "Observer les usages sur le terrain.",
        "Observe practices in the field.",
    ),
    (
        "Idéation",
        "Ideation",
        "Imaginer des pistes en intelligence collective.",
        "Imagine options through collective intelligence.",
    ),
    (
        "Prototype et tests",
        "Prototype and tests",
        "Fabriquer et tester des prototypes avec les usagers.",
        "Build and test prototypes with users.",
    ),
    (
        "Déploiement",
        "Roll-out",
        "Déployer et évaluer les solutions retenues.",
        "Roll out and evaluate the chosen solutions.",
    ),
];

const LEVEL_TEXTS: [(&str, &str, &str, f64); 4] = [
    ("decouverte", "Découverte", "Discovery", 0.0),
    ("pratique", "Pratique", "Practice", 25.0),
    ("maitrise", "Maîtrise", "Mastery", 50.0),
    ("expertise", "Expertise", "Expertise", 75.0),
];

const TOPICS: [(&str, &str); 12] = [
    ("observation des usages", "observing practices"),
    ("entretiens avec les usagers", "interviewing users"),
    ("cartographie des parties prenantes", "stakeholder mapping"),
    ("animation d'ateliers", "running workshops"),
    ("idéation collective", "collective ideation"),
    ("prototypage rapide", "rapid prototyping"),
    ("tests avec les usagers", "testing with users"),
    ("éthique du soin", "care ethics"),
    ("participation des familles", "family participation"),
    ("évaluation d'impact", "impact assessment"),
    ("conduite du changement", "change management"),
    ("outils numériques", "digital tools"),
];

const FORMATS: [(Format, &str, &str); 8] = [
    (Format::Classroom, "Formation", "Training"),
    (Format::Workshop, "Atelier", "Workshop"),
    (Format::ELearning, "Module en ligne", "Online module"),
    (
        Format::VirtualClassroom,
        "Classe virtuelle",
        "Virtual class",
    ),
    (Format::InSituPractice, "Mise en pratique", "Practice"),
    (Format::Coaching, "Coaching", "Coaching"),
    (Format::Companionship, "Accompagnement", "Companionship"),
    (Format::Blended, "Parcours mixte", "Blended course"),
];

/// Durations in hours: whole and half hours, so that sums are exact.
const DURATIONS: [f64; 8] = [1.0, 1.5, 2.0, 3.0, 3.5, 7.0, 14.0, 21.0];

const TAGS: [&str; 5] = [
    "design-thinking",
    "intelligence-collective",
    "ethique",
    "numerique",
    "participation",
];

const RESOURCES: [(&str, ResourceKind, &str, &str); 6] = [
    (
        "guide-observation",
        ResourceKind::Guide,
        "Guide d'observation",
        "Observation guide",
    ),
    (
        "canevas-prototype",
        ResourceKind::Canvas,
        "Canevas de prototypage",
        "Prototyping canvas",
    ),
    (
        "kit-atelier",
        ResourceKind::WorkshopKit,
        "Kit d'atelier",
        "Workshop kit",
    ),
    (
        "grille-entretien",
        ResourceKind::Template,
        "Grille d'entretien",
        "Interview template",
    ),
    (
        "liste-ethique",
        ResourceKind::Checklist,
        "Liste de vérification éthique",
        "Ethics checklist",
    ),
    (
        "video-introduction",
        ResourceKind::Video,
        "Vidéo d'introduction",
        "Introduction video",
    ),
];

/// The id of the module at `index` in a synthetic curriculum.
pub fn module_id(index: usize) -> String {
    format!("module-{index:05}")
}

/// The id of the competency at `index` in a synthetic curriculum.
pub fn competency_id(index: usize) -> String {
    format!("competence-{index:04}")
}

/// The stage (index in [`STAGES`]) of module `index` among `count`: never decreasing.
fn stage_of(index: usize, count: usize) -> usize {
    if count == 0 {
        0
    } else {
        ((index as u128 * STAGES.len() as u128) / count as u128) as usize
    }
}

/// What the module being built may name in its prerequisites.
struct Context<'a> {
    /// Earlier modules it may name (their audiences cover its own).
    eligible: &'a [usize],
    /// Highest level of each competency taught by an earlier module open to all.
    taught: &'a [Option<u32>],
}

/// Builds a valid synthetic curriculum (zero errors, zero warnings).
pub fn curriculum(options: &SyntheticOptions) -> Curriculum {
    let mut rng = Rng::new(options.seed);
    let n = options.modules;
    let competency_count = if n == 0 { 0 } else { (n / 5).max(1) };

    let audiences = AUDIENCES
        .iter()
        .zip(AUDIENCE_LABELS)
        .map(|(id, (fr, en))| Audience {
            id: (*id).to_string(),
            label: Text::fr_en(fr, en),
        })
        .collect();
    let stages = STAGES
        .iter()
        .zip(STAGE_TEXTS)
        .map(|(id, (fr, en, dfr, den))| Stage {
            id: (*id).to_string(),
            title: Text::fr_en(fr, en),
            description: Some(Text::fr_en(dfr, den)),
        })
        .collect();
    let resources: Vec<Resource> = RESOURCES
        .iter()
        .map(|(id, kind, fr, en)| Resource {
            id: (*id).to_string(),
            title: Text::fr_en(*fr, *en),
            kind: *kind,
            description: Some(Text::fr_en(
                format!("{fr}, à imprimer ou à projeter."),
                format!("{en}, to print or to show."),
            )),
            url: Some(format!("https://example.invalid/boite-a-outils/{id}")),
        })
        .collect();

    let competencies = (0..competency_count)
        .map(|c| {
            let (fr, en) = TOPICS[c % TOPICS.len()];
            Competency {
                id: competency_id(c),
                title: Text::fr_en(format!("Compétence {c} : {fr}"), format!("Skill {c}: {en}")),
                description: rng.chance(50).then(|| {
                    Text::fr_en(
                        format!("Savoir mener {fr} dans un établissement."),
                        format!("Being able to handle {en} in an establishment."),
                    )
                }),
                // Parents are earlier competencies: no parent cycle.
                parent: (c > 0 && rng.chance(20)).then(|| competency_id(rng.below(c))),
                scale: None,
                assessment: rng.chance(10).then(|| Assessment {
                    method: Some(Method::Highest),
                    ..Assessment::default()
                }),
                replaces: Vec::new(),
            }
        })
        .collect();
    let framework = Framework {
        scales: vec![Scale {
            id: "niveaux".into(),
            title: Some(Text::fr_en("Niveaux de maîtrise", "Proficiency levels")),
            levels: LEVEL_TEXTS
                .iter()
                .map(|(id, fr, en, min)| Level {
                    id: (*id).to_string(),
                    label: Text::fr_en(*fr, *en),
                    description: None,
                    min_score: Some(*min),
                })
                .collect(),
        }],
        default_scale: None,
        assessment: Some(Assessment {
            method: Some(Method::DecayingAverage),
            w: Some(0.65),
            ..Assessment::default()
        }),
        competencies,
    };

    let mut modules: Vec<Module> = Vec::with_capacity(n);
    // Highest level of each competency taught by a module open to every audience.
    let mut taught: Vec<Option<u32>> = vec![None; competency_count];
    let mut eligible: Vec<usize> = Vec::with_capacity(options.window);
    for i in 0..n {
        let stage = stage_of(i, n);
        let (format, format_fr, format_en) = FORMATS[rng.below(FORMATS.len())];
        let (topic_fr, topic_en) = TOPICS[rng.below(TOPICS.len())];
        let audiences: Vec<String> = if rng.chance(options.restricted_percent) {
            let first = rng.below(AUDIENCES.len());
            let second = rng.below(AUDIENCES.len());
            let mut chosen = vec![first.min(second), first.max(second)];
            chosen.dedup();
            chosen.iter().map(|&a| AUDIENCES[a].to_string()).collect()
        } else {
            Vec::new()
        };

        // Teaching (competency index, level): the first modules teach each competency
        // once, so that every competency is taught.
        let base_level = (stage as u32 * LEVELS / STAGES.len() as u32).min(LEVELS - 1);
        let mut teaches = Vec::new();
        let first = if i < competency_count {
            i
        } else {
            rng.below(competency_count)
        };
        let level = (base_level + rng.below(2) as u32).min(LEVELS - 1);
        teaches.push((first, level));
        if competency_count > 1 && rng.chance(20) {
            let second = rng.below(competency_count);
            if second != first {
                teaches.push((second, base_level));
            }
        }

        // Earlier modules this one may name: open to every audience, or (for a
        // restricted module) open to all of its audiences.
        eligible.clear();
        let from = i.saturating_sub(options.window);
        for (j, earlier) in modules.iter().enumerate().skip(from) {
            let other = &earlier.audiences;
            let covers = other.is_empty()
                || (!audiences.is_empty() && audiences.iter().all(|a| other.contains(a)));
            if covers {
                eligible.push(j);
            }
        }
        let context = Context {
            eligible: &eligible,
            taught: &taught,
        };
        let requires = if i > 0 && rng.chance(options.requires_percent) {
            expression(&mut rng, &context, 0)
        } else {
            None
        };
        let recommends = if i > 0 && rng.chance(15) {
            rng.pick(&eligible).map(|&j| Expr::module(module_id(j)))
        } else {
            None
        };

        // Zero, one or two distinct tags.
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.below(3) {
            let tag = TAGS[rng.below(TAGS.len())];
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_string());
            }
        }
        let module_resources = if rng.chance(30) {
            let r = rng.below(RESOURCES.len());
            vec![RESOURCES[r].0.to_string()]
        } else {
            Vec::new()
        };

        if audiences.is_empty() {
            for &(c, level) in &teaches {
                taught[c] = Some(taught[c].map_or(level, |l: u32| l.max(level)));
            }
        }

        modules.push(Module {
            id: module_id(i),
            title: Text::fr_en(
                format!("{format_fr} : {topic_fr} ({i})"),
                format!("{format_en}: {topic_en} ({i})"),
            ),
            description: rng.chance(50).then(|| {
                Text::fr_en(
                    format!("{format_fr} sur {topic_fr}, étape {}.", STAGES[stage]),
                    format!("{format_en} on {topic_en}, stage {}.", STAGES[stage]),
                )
            }),
            kind: if rng.chance(options.optional_percent) {
                ModuleKind::Optional
            } else {
                ModuleKind::Core
            },
            duration_hours: DURATIONS[rng.below(DURATIONS.len())],
            format,
            audiences,
            tags,
            stage: Some(STAGES[stage].to_string()),
            resources: module_resources,
            teaches: teaches
                .iter()
                .map(|&(c, level)| Teaching {
                    competency: competency_id(c),
                    level,
                })
                .collect(),
            requires,
            recommends,
            validity_months: rng.chance(10).then_some(24),
            replaces: Vec::new(),
        });
    }

    let groups = groups(&mut rng, &modules);
    let completion = completion(&modules);

    Curriculum {
        schema: None,
        format_version: FORMAT_VERSION,
        id: format!("synthetique-{}", options.seed),
        version: "2026.1".into(),
        title: Text::fr_en(
            format!("Cursus synthétique de {n} modules"),
            format!("Synthetic curriculum of {n} modules"),
        ),
        description: Some(Text::fr_en(
            "Cursus généré pour les tests et les mesures ; durées et contenus inventés (hypothèses).",
            "Curriculum generated for tests and benchmarks; durations and contents are invented (assumptions).",
        )),
        languages: vec![Lang::Fr, Lang::En],
        audiences,
        framework,
        stages,
        modules,
        groups,
        resources,
        completion,
    }
}

/// A leaf: a module completed (mostly), a score, or a competency level.
fn leaf(rng: &mut Rng, context: &Context<'_>) -> Option<Expr> {
    let roll = rng.below(100);
    if roll < 12 {
        let known: Vec<(usize, u32)> = context
            .taught
            .iter()
            .enumerate()
            .filter_map(|(c, level)| level.map(|l| (c, l)))
            .collect();
        if let Some(&(c, max)) = rng.pick(&known) {
            return Some(Expr::Competency {
                competency: competency_id(c),
                level: rng.below(max as usize + 1) as u32,
                label: None,
            });
        }
    }
    let &module = rng.pick(context.eligible)?;
    if roll < 22 {
        Some(Expr::Score {
            module: module_id(module),
            min: 50.0 + 5.0 * rng.below(9) as f64,
            label: None,
        })
    } else {
        Some(Expr::module(module_id(module)))
    }
}

/// A prerequisite expression whose every leaf holds for the module's audiences.
fn expression(rng: &mut Rng, context: &Context<'_>, depth: usize) -> Option<Expr> {
    let count = 1 + rng.below(4);
    if count == 1 || depth >= 2 {
        return leaf(rng, context);
    }
    let mut of = Vec::with_capacity(count);
    for _ in 0..count {
        let child = if rng.chance(20) {
            expression(rng, context, depth + 1)
        } else {
            leaf(rng, context)
        };
        of.extend(child);
    }
    let label = rng.chance(15).then(|| {
        Text::fr_en(
            "Avoir suivi les bases de l'étape",
            "Having taken the basics of the stage",
        )
    });
    match of.len() {
        0 => None,
        1 => of.pop(),
        len => Some(match rng.below(10) {
            0..=3 => Expr::AllOf { of, label },
            4..=6 => Expr::AnyOf { of, label },
            _ => Expr::AtLeast {
                k: 1 + rng.below(len) as u32,
                of,
                label,
            },
        }),
    }
}

/// A few groups, each asking for no more modules and hours than it has.
fn groups(rng: &mut Rng, modules: &[Module]) -> Vec<Group> {
    let n = modules.len();
    if n == 0 {
        return Vec::new();
    }
    (0..1 + n / 25)
        .map(|g| {
            let size = (2 + rng.below(4)).min(n);
            let mut members: Vec<usize> = Vec::with_capacity(size);
            // Consecutive modules from a random start: distinct, and like a theme.
            let start = rng.below(n - size + 1);
            members.extend(start..start + size);
            let hours: f64 = members.iter().map(|&m| modules[m].duration_hours).sum();
            let min_hours = libm::floor(hours / 2.0);
            Group {
                id: format!("groupe-{g:03}"),
                title: Text::fr_en(
                    format!("Approfondissement {g}"),
                    format!("Going further {g}"),
                ),
                modules: members.iter().map(|&m| modules[m].id.clone()).collect(),
                min_modules: Some(1 + rng.below(size) as u32),
                min_hours: (rng.chance(30) && min_hours > 0.0).then_some(min_hours),
            }
        })
        .collect()
}

/// Core modules plus a third of the optional ones and a quarter of their hours.
fn completion(modules: &[Module]) -> CompletionRule {
    let optional: Vec<&Module> = modules
        .iter()
        .filter(|m| m.kind == ModuleKind::Optional)
        .collect();
    let hours: f64 = optional.iter().map(|m| m.duration_hours).sum();
    let min_hours = libm::floor(hours / 4.0);
    CompletionRule::CoreAndOptional {
        min_optional_modules: (!optional.is_empty()).then(|| optional.len().div_ceil(3) as u32),
        min_optional_hours: (min_hours > 0.0).then_some(min_hours),
        // Restricted core modules are core for their audiences only, on purpose:
        // said, so that generated curricula stay free of warnings.
        core_by_audience: modules
            .iter()
            .any(|m| m.kind == ModuleKind::Core && !m.audiences.is_empty()),
    }
}

/// The curriculum as compact JSON.
pub fn to_json(curriculum: &Curriculum) -> String {
    // Serialising these types cannot fail: every map key is a string.
    serde_json::to_string(curriculum).unwrap_or_default()
}

/// A learner record (JSON) for a curriculum made by [`curriculum`]: its first
/// `done` modules completed (prerequisites only name earlier modules, so the
/// record is consistent), the whole curriculum as goal, the audience
/// `professionnels`, dated 2026-11-25.
pub fn record(c: &parcours::Compiled, done: usize) -> String {
    let doc = c.document();
    let completed: Vec<String> = doc
        .modules
        .iter()
        .take(done)
        .map(|m| format!("{{\"module\":\"{}\",\"date\":\"2026-03-02\"}}", m.id))
        .collect();
    format!(
        "{{\"formatVersion\":1,\"id\":\"l\",\"audience\":\"professionnels\",\
         \"curriculum\":{{\"id\":\"{}\",\"version\":\"{}\"}},\"now\":\"2026-11-25\",\
         \"completed\":[{}],\"goals\":{{\"complete\":true}}}}",
        doc.id,
        doc.version,
        completed.join(",")
    )
}

/// The bundled curricula: the folders of `root/curricula` that hold a
/// `curriculum.json`, sorted (an unreadable folder lists nothing).
pub fn bundled_curricula(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("curricula"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("curriculum.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_options_same_curriculum() {
        let options = SyntheticOptions {
            modules: 50,
            seed: 7,
            ..SyntheticOptions::default()
        };
        assert_eq!(curriculum(&options), curriculum(&options));
        let other = SyntheticOptions { seed: 8, ..options };
        assert_ne!(to_json(&curriculum(&other)), to_json(&curriculum(&options)));
    }

    #[test]
    fn small_sizes_are_clean() {
        for modules in 0..30 {
            for seed in 0..4 {
                let c = curriculum(&SyntheticOptions {
                    modules,
                    seed,
                    ..SyntheticOptions::default()
                });
                let outcome = parcours::load_str(&to_json(&c));
                let codes: Vec<_> = outcome.diagnostics.iter().map(|d| d.code).collect();
                assert!(
                    codes.is_empty(),
                    "{modules} modules, seed {seed}: {codes:?}"
                );
                assert!(outcome.value.is_some());
            }
        }
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = Rng::new(1);
        assert_eq!(rng.below(0), 0);
        for n in 1..100 {
            assert!(rng.below(n) < n);
        }
    }
}
