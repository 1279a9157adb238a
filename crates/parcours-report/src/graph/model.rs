//! The drawing as data: nodes (modules, junctions, competencies), arrows, bands
//! and the words of the legend, built once from a compiled curriculum (and a
//! learner), and read by every format.

use parcours::curriculum::compiled::{CompetencyIx, Compiled, Cond, Op};
use parcours::curriculum::model::ModuleKind;
use parcours::learner::state::ModuleState;
use parcours::Lang;

use super::LearnerView;
use crate::format::{hours, number, wrap};
use crate::words::level_name;

/// What a node is, which decides its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A module of the curriculum.
    Module(ModuleKind),
    /// « k parmi n » of a requirement (`required`) or a recommendation.
    Junction { required: bool },
    /// A competency that some rule asks a level of.
    Competency,
}

/// One node of the drawing.
#[derive(Debug, Clone)]
pub(super) struct Node {
    /// A name for the formats that need one (DOT, Mermaid); never shown.
    pub key: String,
    /// The main text: a module's or competency's title, a junction's « k parmi n ».
    pub title: String,
    /// A second line: a module's hours, a junction's label from the designer.
    pub detail: Option<String>,
    pub shape: Shape,
    /// The band (stage) the node is drawn in, an index into [`Drawing::bands`].
    pub band: usize,
    /// The learner's state of a module.
    pub state: Option<ModuleState>,
    /// The module's step in the learner's plan, from 1.
    pub step: Option<usize>,
}

impl Node {
    /// A node for the legend: a title and a shape, nothing of a curriculum.
    pub fn sample(title: &str, shape: Shape) -> Node {
        Node {
            key: String::new(),
            title: title.to_string(),
            detail: None,
            shape,
            band: 0,
            state: None,
            step: None,
        }
    }
}

/// One arrow: `from` is needed (or recommended) for `to`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Edge {
    pub from: usize,
    pub to: usize,
    pub required: bool,
    /// What the arrow asks beyond completion: « score ≥ 70 », « niveau ≥ Pratique ».
    pub label: Option<String>,
}

/// A stage, drawn as a cluster or a band.
#[derive(Debug, Clone)]
pub(super) struct Band {
    /// « 1. Découvrir »; `None` for the one band of a curriculum without stages.
    pub title: Option<String>,
}

/// A curriculum ready to draw.
#[derive(Debug, Clone)]
pub(super) struct Drawing {
    pub id: String,
    pub title: String,
    pub bands: Vec<Band>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Whether a learner's states and plan are drawn.
    pub learner: bool,
}

impl Drawing {
    /// The drawing of `c`, in `lang`, for `learner` if given.
    pub fn new(c: &Compiled, lang: Lang, learner: Option<&LearnerView<'_>>) -> Drawing {
        let doc = c.document();
        let mut bands: Vec<Band> = doc
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| Band {
                title: Some(format!("{}. {}", i + 1, s.title.get(lang))),
            })
            .collect();
        let loose = c.modules().iter().any(|m| m.stage.is_none());
        if loose || bands.is_empty() {
            bands.push(Band {
                title: (!doc.stages.is_empty()).then(|| words(lang).no_stage.to_string()),
            });
        }
        let loose_band = bands.len() - 1;
        let mut d = Drawing {
            id: doc.id.clone(),
            title: doc.title.get(lang).to_string(),
            bands,
            nodes: Vec::new(),
            edges: Vec::new(),
            learner: learner.is_some(),
        };
        for (ix, m) in c.module_ixs() {
            d.nodes.push(Node {
                key: m.id.clone(),
                title: doc.modules[ix.index()].title.get(lang).to_string(),
                detail: Some(hours(f64::from(m.minutes) / 60.0, lang)),
                shape: Shape::Module(m.kind),
                band: m.stage.map_or(loose_band, |s| s.index()),
                state: None,
                step: None,
            });
        }
        if let Some(view) = learner {
            for s in &view.status.modules {
                if let Some(ix) = c.module_ix(&s.module) {
                    d.nodes[ix.index()].state = Some(s.state);
                }
            }
            for (i, step) in view.plan.map_or(&[][..], |p| &p.steps).iter().enumerate() {
                if let Some(ix) = c.module_ix(&step.module) {
                    d.nodes[ix.index()].step.get_or_insert(i + 1);
                }
            }
        }
        let mut builder = Builder {
            c,
            lang,
            d,
            competencies: vec![None; c.competencies().len()],
            junctions: 0,
            into: Vec::new(),
        };
        for (ix, m) in c.module_ixs() {
            for (cond, required) in [(&m.requires, true), (&m.recommends, false)] {
                if let Some(cond) = cond {
                    builder.attach(cond, ix.index(), required, true);
                }
            }
        }
        builder.d
    }
}

/// Adds the nodes and arrows of prerequisite expressions to a drawing.
struct Builder<'a> {
    c: &'a Compiled,
    lang: Lang,
    d: Drawing,
    /// The node of each competency, once drawn.
    competencies: Vec<Option<usize>>,
    junctions: usize,
    /// Per node, the arrows drawn into it so far (indices into the edges).
    into: Vec<Vec<usize>>,
}

impl Builder<'_> {
    /// Draws what `cond` asks of node `into`. An `allOf` adds its parts' arrows
    /// to `into` directly when `flatten` (at the top of a rule, or inside another
    /// `allOf`): each of them is required anyway. Inside a junction it needs its
    /// own « n parmi n », or the junction would count its parts one by one.
    fn attach(&mut self, cond: &Cond, into: usize, required: bool, flatten: bool) {
        match &cond.op {
            Op::All(children) if flatten || children.len() == 1 => {
                for child in children {
                    self.attach(child, into, required, true);
                }
            }
            Op::All(children) => {
                let n = children.len() as u32;
                self.junction(cond, n, children, into, required);
            }
            Op::Any(children) => self.junction(cond, 1, children, into, required),
            Op::AtLeast(k, children) => self.junction(cond, *k, children, into, required),
            Op::Module(m) => self.edge(m.index(), into, required, None),
            Op::Score(m, min) => {
                let label = score_label(*min, self.lang);
                self.edge(m.index(), into, required, Some(label));
            }
            Op::Competency(k, level) => {
                let node = self.competency(*k, into);
                let label = level_name(self.c, *k, *level, self.lang)
                    .map(|name| level_label(&name, self.lang));
                self.edge(node, into, required, label);
            }
            // An expression this version does not draw yet: no arrow rather than a
            // wrong one.
            _ => {}
        }
    }

    /// A junction « k parmi n » between `children` and node `into`. One part
    /// asked once needs no junction: its arrow goes to `into`.
    fn junction(&mut self, cond: &Cond, k: u32, children: &[Cond], into: usize, required: bool) {
        if children.len() == 1 && k == 1 && cond.label.is_none() {
            self.attach(&children[0], into, required, true);
            return;
        }
        self.junctions += 1;
        let node = self.d.nodes.len();
        let all = k as usize == children.len();
        self.d.nodes.push(Node {
            key: format!("junction:{}", self.junctions),
            title: among(k, children.len(), self.lang),
            detail: cond.label.as_ref().map(|l| l.get(self.lang).to_string()),
            shape: Shape::Junction { required },
            band: self.d.nodes[into].band,
            state: None,
            step: None,
        });
        self.edge(node, into, required, None);
        for child in children {
            // Inside « n parmi n » an `allOf` adds nothing; inside « k parmi n »
            // with k < n it is one part and keeps its own junction.
            self.attach(child, node, required, all);
        }
    }

    /// The node of competency `k`, drawn in the earliest band that asks for it.
    fn competency(&mut self, k: CompetencyIx, into: usize) -> usize {
        let band = self.d.nodes[into].band;
        if let Some(node) = self.competencies[k.index()] {
            let n = &mut self.d.nodes[node];
            n.band = n.band.min(band);
            return node;
        }
        let node = self.d.nodes.len();
        let info = &self.c.competencies()[k.index()];
        self.d.nodes.push(Node {
            key: format!("competency:{}", info.id),
            title: self.c.document().framework.competencies[k.index()]
                .title
                .get(self.lang)
                .to_string(),
            detail: None,
            shape: Shape::Competency,
            band,
            state: None,
            step: None,
        });
        self.competencies[k.index()] = Some(node);
        node
    }

    /// An arrow, unless the same one is already drawn: looked up among the
    /// arrows into `to` (`into`), not by scanning every arrow, which a large
    /// curriculum has thousands of.
    fn edge(&mut self, from: usize, to: usize, required: bool, label: Option<String>) {
        let edge = Edge {
            from,
            to,
            required,
            label,
        };
        if self.into.len() <= to {
            self.into.resize(to + 1, Vec::new());
        }
        if self.into[to].iter().any(|&e| self.d.edges[e] == edge) {
            return;
        }
        self.into[to].push(self.d.edges.len());
        self.d.edges.push(edge);
    }
}

impl Drawing {
    /// The nodes of band `b`, in node order.
    pub fn band_nodes(&self, b: usize) -> impl Iterator<Item = (usize, &Node)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.band == b)
    }

    /// The learner states drawn, each once, in the engine's order of states.
    pub fn states(&self) -> Vec<ModuleState> {
        let mut states: Vec<ModuleState> = self.nodes.iter().filter_map(|n| n.state).collect();
        states.sort();
        states.dedup();
        states
    }
}

/// « 1 parmi 2 » / "1 of 2".
pub(super) fn among(k: u32, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{k} parmi {n}"),
        Lang::En => format!("{k} of {n}"),
    }
}

/// « score ≥ 70 » (the number as every view writes it).
fn score_label(min: f64, lang: Lang) -> String {
    format!("score ≥ {}", number(min, 2, lang))
}

/// « niveau ≥ Pratique » / "level ≥ Practice".
fn level_label(level: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("niveau ≥ {level}"),
        Lang::En => format!("level ≥ {level}"),
    }
}

/// The words of the drawings: their legend and what they name themselves.
pub(super) struct Words {
    pub legend: &'static str,
    pub no_stage: &'static str,
    pub core: &'static str,
    pub optional: &'static str,
    pub competency: &'static str,
    pub junction: &'static str,
    pub junction_example: &'static str,
    pub required: &'static str,
    pub recommended: &'static str,
    pub score: &'static str,
    pub level: &'static str,
    pub step: &'static str,
    pub step_example: &'static str,
    /// A colon as the language writes it (« : » in French, ": " in English).
    pub colon: &'static str,
}

const FR: Words = Words {
    legend: "Légende",
    no_stage: "Sans étape",
    core: "Module du socle",
    optional: "Module optionnel",
    competency: "Compétence",
    junction: "au moins k des n flèches qui y entrent",
    junction_example: "k parmi n",
    required: "prérequis exigé",
    recommended: "prérequis recommandé (n'empêche pas de suivre le module)",
    score: "score ≥ x : note minimale obtenue au module",
    level: "niveau ≥ N : niveau de la compétence exigé",
    step: "n° de l'étape dans le plan de l'apprenant",
    step_example: "étape n",
    colon: " : ",
};

const EN: Words = Words {
    legend: "Legend",
    no_stage: "No stage",
    core: "Core module",
    optional: "Optional module",
    competency: "Competency",
    junction: "at least k of the n arrows coming in",
    junction_example: "k of n",
    required: "required prerequisite",
    recommended: "recommended prerequisite (does not block the module)",
    score: "score ≥ x: lowest score obtained in the module",
    level: "level ≥ N: competency level required",
    step: "the step's number in the learner's plan",
    step_example: "step n",
    colon: ": ",
};

/// The drawing words of `lang`.
pub(super) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The colours every format uses, so that a DOT, a Mermaid and an SVG drawing of
/// one curriculum read alike.
pub(super) mod colour {
    use super::{ModuleKind, ModuleState, Node, Shape};

    pub const CORE: &str = "#dbe9f6";
    pub const CORE_LINE: &str = "#1f4e79";
    pub const OPTIONAL: &str = "#ffffff";
    pub const OPTIONAL_LINE: &str = "#595959";
    pub const JUNCTION: &str = "#fff2cc";
    pub const JUNCTION_LINE: &str = "#7f6000";
    pub const COMPETENCY: &str = "#e2f0d9";
    pub const COMPETENCY_LINE: &str = "#385723";
    pub const REQUIRED: &str = "#333333";
    pub const RECOMMENDED: &str = "#808080";

    /// The fill of a learner's state: distinct hues, explained by the legend.
    pub fn state(state: ModuleState) -> &'static str {
        match state {
            ModuleState::Completed => "#a9d18e",
            ModuleState::MasteredByPositioning => "#c9e7f5",
            ModuleState::Expired => "#f4b183",
            ModuleState::Available => "#ffe699",
            ModuleState::AvailableWithWarnings => "#ffd1dc",
            ModuleState::Locked => "#d9d9d9",
            _ => "#ffffff",
        }
    }

    /// A node's fill: its learner state when drawn for a learner, its kind
    /// otherwise.
    pub fn fill(node: &Node) -> &'static str {
        match (node.state, node.shape) {
            (Some(s), _) => state(s),
            (None, Shape::Module(ModuleKind::Core)) => CORE,
            (None, Shape::Module(_)) => OPTIONAL,
            (None, Shape::Junction { .. }) => JUNCTION,
            (None, Shape::Competency) => COMPETENCY,
        }
    }

    /// A node's outline.
    pub fn line(shape: Shape) -> &'static str {
        match shape {
            Shape::Module(ModuleKind::Core) => CORE_LINE,
            Shape::Module(_) => OPTIONAL_LINE,
            Shape::Junction { .. } => JUNCTION_LINE,
            Shape::Competency => COMPETENCY_LINE,
        }
    }
}

/// A module's second line for the text formats: its hours, and its step in the
/// learner's plan (« 3,5 h · étape 2 »).
pub(super) fn detail_with_step(node: &Node, lang: Lang) -> Option<String> {
    match (&node.detail, node.step) {
        (Some(d), Some(s)) => Some(format!("{d} · {}", step_label(s, lang))),
        (None, Some(s)) => Some(step_label(s, lang)),
        (d, None) => d.clone(),
    }
}

/// A node's label for the text formats (DOT, Mermaid), which do not wrap: the
/// title wrapped at 28 characters (never cut), then the detail line.
pub(super) fn text_label(node: &Node, lang: Lang) -> String {
    let mut lines = wrap(&node.title, 28, usize::MAX);
    if let Some(detail) = detail_with_step(node, lang) {
        lines.extend(wrap(&detail, 32, usize::MAX));
    }
    lines.join("\n")
}

/// A state's name as the engine's JSON writes it (`completed`, `locked`, …): a
/// stable key for machines (a `data-state` attribute, a DOT node name), never
/// shown.
pub(super) fn state_key(state: ModuleState) -> String {
    serde_json::to_value(state)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// « étape 2 » / "step 2".
pub(super) fn step_label(step: usize, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("étape {step}"),
        Lang::En => format!("step {step}"),
    }
}
