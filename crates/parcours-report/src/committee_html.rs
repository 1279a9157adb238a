//! The steering committee's report as one self-contained HTML page.
//!
//! The committee reads it on screen, prints it on A4 and hands it to persons
//! supported and their relatives, so the page is built to those constraints:
//!
//! - **Self-contained.** One file, no network request of any kind: inline CSS, no
//!   script, no font, no image file, no `url(…)` (so no SVG pattern or gradient
//!   either), no `xmlns` (inline SVG needs none and it would be an address).
//! - **Anonymity kept.** Only published colleges (and teams) get a figure. A
//!   hidden college is named once, in the "not published" line, as in the
//!   Markdown; every figure drawn or tabulated is looked up among
//!   [`Analysis::colleges`] (or teams), so a stray cell of a hidden group cannot
//!   reach the page even if the data held one.
//! - **Readable without the picture.** Every chart is an SVG with `role="img"`, a
//!   `<title>` and, through `aria-labelledby`, a one-sentence summary in plain
//!   words; its data table follows it (the accessible alternative). Colour never
//!   carries information alone: values are written on the chart, dashed and solid
//!   lines (or outlined and filled bars) tell the series apart, and text on
//!   coloured cells meets the WCAG AA contrast ratio (checked by a test).
//! - **Printable on A4.** `@page` sets the paper; SVGs have a `viewBox` and scale
//!   down with `max-width: 100%`; tables wrap their text; charts are not split
//!   across pages.
//! - **Escaped by construction.** The page is written with `maud` templates, which
//!   escape every value they insert (text and attributes); only the constant style
//!   sheet goes in unescaped.
//! - **Pure and deterministic.** No clock, no I/O; the same report gives the same
//!   bytes (coordinates are written with one decimal, numbers rounded as in the
//!   Markdown, trigonometry through `libm`).
//!
//! Every element that carries a figure of a group has `data-group="<group id>"`, so
//! tests (and hosts) can check what each group shows.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::action_plan::{shown_cells, shown_headers};
use crate::committee::Report;
use crate::format::{change, hours_unbroken, number, wrap, xy};
use crate::words::{
    self, capitalised, group_label, hidden_advice, hidden_colleges, plan_status, summary_of,
    threshold, waves, words, Words,
};
use parcours::positioning::analysis::{Analysis, Change, Group, ItemAnalysis};
use parcours::positioning::instrument::CheckedInstrument;
use parcours::positioning::Summary;
use parcours::Lang;

/// Blue of a group's series: 6.6:1 against white.
const BLUE: &str = "#1f5fa8";
/// Position bins of the heat map, low to high: (lower bound, fill, text colour).
/// Pale (unfavourable) to dark (favourable), one hue path (yellow, green, blue),
/// so the order survives grey-scale printing and colour-blind reading, and a dark
/// cell is a favourable one; the text colour is chosen per fill for a contrast of
/// at least 4.5:1.
const POSITION_BINS: [(f64, &str, &str); 5] = [
    (0.0, "#ffffcc", "#1a1a1a"),
    (0.2, "#c7e9b4", "#1a1a1a"),
    (0.4, "#7fcdbb", "#1a1a1a"),
    (0.6, "#225ea8", "#ffffff"),
    (0.8, "#0c2c84", "#ffffff"),
];
/// The consensus bar, on its white track.
const BAR: &str = "#333333";
/// A cell with no published figure.
const EMPTY_FILL: &str = "#eeeeee";
const EMPTY_TEXT: &str = "#4d4d4d";

const CSS: &str = "@page{size:A4;margin:15mm}\
*{box-sizing:border-box}\
body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;line-height:1.45;color:#1a1a1a;background:#fff;max-width:52rem;margin:1.5rem auto;padding:0 1rem}\
h1{font-size:1.6rem;margin:.2rem 0 .8rem;line-height:1.25}\
h2{font-size:1.3rem;margin:2.2rem 0 .6rem;border-bottom:2px solid #1f5fa8;padding-bottom:.2rem;break-after:avoid;page-break-after:avoid}\
h3{font-size:1.08rem;margin:1.4rem 0 .4rem;break-after:avoid;page-break-after:avoid}\
p,li,h1,h2,h3,caption{overflow-wrap:break-word}\
.kicker{margin:0;color:#444;font-size:.95rem}\
.note{color:#444;font-size:.92rem}\
table{border-collapse:collapse;width:100%;max-width:100%;margin:.5rem 0 1.2rem;font-size:.88rem}\
caption{text-align:left;font-weight:600;padding:.2rem 0 .3rem}\
th,td{border:1px solid #8c8c8c;padding:.25rem .4rem;text-align:left;vertical-align:top;overflow-wrap:break-word;word-break:normal}\
thead th{background:#e6edf6}\
tbody th{font-weight:normal}\
td.num,th.num{text-align:right}\
tr{break-inside:avoid;page-break-inside:avoid}\
.sub{display:block;font-size:.82em;color:#444}\
figure{margin:1rem 0 .4rem;break-inside:avoid;page-break-inside:avoid}\
figure svg{display:block;max-width:100%;height:auto;margin:0 auto}\
figcaption{margin-top:.5rem;padding-left:.6rem;border-left:4px solid #1f5fa8}\
.legend{font-size:.9rem;color:#333}\
table#items{table-layout:fixed}table#items th,table#items td{overflow-wrap:anywhere;hyphens:auto}\
table#items thead th:first-child{width:32%}table#items thead th:last-child{width:24%}\
table#items tr.theme th{background:#f2f5f9;font-weight:600}\
table.actions{table-layout:fixed}table.actions th,table.actions td{overflow-wrap:anywhere}\
table.actions td{height:3.4em}\
table.wide{table-layout:fixed}table.wide th,table.wide td{overflow-wrap:anywhere;hyphens:auto}\
ol.steps{margin:.2rem 0 .6rem}\
footer{margin-top:2.5rem;font-size:.8rem;color:#444}\
@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}h2{break-before:auto}}";

impl Report {
    /// The report as one self-contained, printable HTML page (French or English):
    /// a summary in easy-to-read words, the analysis with its charts (a radar per
    /// published college, the heat map followed by the one table where each item
    /// appears, with all its figures and its classes in words, the change since
    /// the earlier wave), then the objectives, the team training plan and the
    /// action plan for the committee to complete. See the module documentation
    /// for what the page guarantees.
    pub fn to_html(&self, instr: &CheckedInstrument, lang: Lang) -> String {
        let page = Page {
            a: &self.analysis,
            report: self,
            instr,
            lang,
            fr: lang == Lang::Fr,
            w: words(lang),
        };
        page.render()
    }
}

/// What every part of the page needs.
struct Page<'a> {
    a: &'a Analysis,
    report: &'a Report,
    instr: &'a CheckedInstrument,
    lang: Lang,
    fr: bool,
    /// The words the page shares with the Markdown.
    w: &'static Words,
}

/// One theme's band of the heat map: where it starts, and where each of its
/// items' rows starts.
struct Band<'a> {
    top: f64,
    theme: &'a str,
    rows: Vec<(f64, &'a ItemAnalysis)>,
}

/// `lines` as one SVG `<text>` with a `<tspan>` per line, in bold `weight`, and
/// the group whose figure it labels.
fn svg_text(
    (x, y): (f64, f64),
    anchor: &str,
    group: Option<&str>,
    weight: &str,
    lines: &[String],
) -> Markup {
    html! {
        text x=(xy(x)) y=(xy(y)) text-anchor=(anchor) data-group=[group] font-weight=(weight) {
            @for (i, line) in lines.iter().enumerate() {
                @if i == 0 {
                    tspan x=(xy(x)) { (line) }
                } @else {
                    tspan x=(xy(x)) dy="13" { (line) }
                }
            }
        }
    }
}

/// The heat map bin of a position.
fn position_bin(position: f64) -> (&'static str, &'static str) {
    let mut chosen = (POSITION_BINS[0].1, POSITION_BINS[0].2);
    for (low, fill, text) in POSITION_BINS {
        if position >= low {
            chosen = (fill, text);
        }
    }
    chosen
}

/// French typography in the page's text: a non-breaking space inside « » and
/// before ":" and ";", so that a guillemet or a colon never starts a line (the CSS
/// and attributes hold none of these sequences).
fn french_spacing(html: &str) -> String {
    let (head, body) = html.split_at(html.find("</style>").unwrap_or(0));
    let body = body
        .replace("« ", "«\u{a0}")
        .replace(" »", "\u{a0}»")
        .replace(" : ", "\u{a0}: ")
        .replace(" ; ", "\u{a0}; ");
    format!("{head}{body}")
}

impl Page<'_> {
    /// French or English wording.
    fn t(&self, fr: &'static str, en: &'static str) -> &'static str {
        if self.fr {
            fr
        } else {
            en
        }
    }

    /// Between a label and its value: French puts a space before the colon.
    fn sep(&self) -> &'static str {
        self.t(" : ", ": ")
    }

    fn n(&self, x: f64) -> String {
        number(x, 2, self.lang)
    }

    fn hours(&self, x: f64) -> String {
        hours_unbroken(x, self.lang)
    }

    fn theme_title(&self, id: &str) -> String {
        words::theme_title(self.instr, id, self.lang)
    }

    fn item_text(&self, id: &str) -> String {
        words::item_text(self.instr, id, self.lang)
    }

    /// The item's number in the analysis (1-based), the label of its heat map row.
    fn item_number(&self, id: &str) -> usize {
        self.a
            .items
            .iter()
            .position(|i| i.item == id)
            .map_or(0, |p| p + 1)
    }

    /// A published college, by id.
    fn college(&self, id: &str) -> Option<&Group> {
        self.a.colleges.iter().find(|g| g.id == id)
    }

    fn college_label(&self, id: &str) -> Option<String> {
        words::college_label(self.a, id, self.lang)
    }

    /// The words of the two ends of the scale, for explanations in plain words.
    fn scale_ends(&self) -> (String, String) {
        let points = &self.instr.document().scale.points;
        let first = points
            .first()
            .map_or_else(String::new, |p| p.label.get(self.lang).to_string());
        let last = points
            .last()
            .map_or_else(String::new, |p| p.label.get(self.lang).to_string());
        (first, last)
    }

    fn render(&self) -> String {
        let title = self.instr.document().title.get(self.lang);
        let kicker = self.t(
            "Rapport pour le comité de pilotage",
            "Report for the steering committee",
        );
        let page = html! {
            (DOCTYPE) "\n"
            html lang=(self.lang.code()) {
                "\n"
                head {
                    "\n"
                    meta charset="utf-8"; "\n"
                    meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                    title { (kicker) " — " (title) } "\n"
                    style { "\n" (PreEscaped(CSS)) "\n" } "\n"
                }
                "\n"
                body {
                    "\n"
                    header {
                        "\n"
                        p class="kicker" { (kicker) } "\n"
                        h1 { (title) } "\n"
                        (self.in_short())
                        (self.facts())
                        (self.how_to_read())
                    }
                    "\n"
                    main {
                        "\n"
                        (self.radars())
                        (self.heatmap())
                        (self.teams())
                        (self.changes())
                        (self.objectives())
                        (self.training())
                        (self.actions())
                    }
                    "\n"
                    footer {
                        "\n"
                        p {
                            (self.t("Instrument", "Instrument")) " " (self.a.instrument)
                            " (" (self.t("version", "version")) " " (self.a.version) "). "
                            (self.t(
                                "Rapport produit par parcours à partir des réponses publiées.",
                                "Report produced by parcours from the published answers."
                            ))
                        }
                        "\n"
                    }
                    "\n"
                }
                "\n"
            }
            "\n"
        };
        let out = page.into_string();
        if self.fr {
            french_spacing(&out)
        } else {
            out
        }
    }

    /// Who answered, the threshold, and the colleges not published (named once,
    /// never with a figure).
    fn facts(&self) -> Markup {
        let a = self.a;
        let sep = self.sep();
        let hidden = hidden_colleges(a, self.instr, self.lang);
        html! {
            ul class="facts" {
                "\n"
                li { (self.w.respondents) (sep) (a.respondents) } "\n"
                li {
                    (self.t("Collèges publiés", "Published colleges")) (sep)
                    @if a.colleges.is_empty() {
                        (self.t("aucun", "none"))
                    }
                    @for (i, g) in a.colleges.iter().enumerate() {
                        @if i > 0 { ", " }
                        span data-group=(g.id) { (group_label(g, self.lang)) " (" (g.respondents) ")" }
                    }
                }
                "\n"
                li class="threshold" { (threshold(a, self.lang)) } "\n"
                @for line in waves(a, self.lang) {
                    li class="wave" { (line) } "\n"
                }
                @if a.skipped_rows > 0 {
                    li {
                        (self.w.rejected_rows)
                        (sep) (a.skipped_rows)
                    }
                    "\n"
                }
                @if !hidden.is_empty() {
                    li class="hidden-colleges" {
                        (self.w.not_published)
                        (sep) (hidden.join(", "))
                    }
                    "\n"
                    li class="hidden-advice" { (hidden_advice(self.lang)) } "\n"
                }

            }
            "\n"
        }
    }

    /// The opening in easy-to-read words: one idea per line.
    fn in_short(&self) -> Markup {
        let lines = words::plain_summary(self.a, &self.report.team, self.instr, self.lang);
        html! {
            section id="summary" {
                "\n"
                h2 { (self.t("En bref", "In short")) } "\n"
                ul class="plain" {
                    "\n"
                    @for line in &lines { li { (line) } "\n" }
                }
                "\n"
            }
            "\n"
        }
    }

    /// The two figures every chart uses, in plain words.
    fn how_to_read(&self) -> Markup {
        let (low, high) = self.scale_ends();
        let text = if self.fr {
            format!(
                "Comment lire ce rapport : chaque graphique est suivi d'une phrase qui le résume et d'un tableau avec les mêmes chiffres. \
                 La moyenne va de {} (tout le monde a répondu « {low} ») à {} (tout le monde a répondu « {high} »). \
                 Le consensus va de 0 (avis partagés entre les deux extrêmes) à 1 (tout le monde a donné la même réponse).",
                self.n(self.a.scale.first().copied().unwrap_or(0.0)),
                self.n(self.a.scale.last().copied().unwrap_or(1.0))
            )
        } else {
            format!(
                "How to read this report: each chart is followed by a sentence that sums it up and a table with the same figures. \
                 The mean runs from {} (everyone answered \"{low}\") to {} (everyone answered \"{high}\"). \
                 The consensus runs from 0 (opinions split between the two ends) to 1 (everyone gave the same answer).",
                self.n(self.a.scale.first().copied().unwrap_or(0.0)),
                self.n(self.a.scale.last().copied().unwrap_or(1.0))
            )
        };
        html! { p class="note" { (text) } "\n" }
    }

    /// One radar per published college: axes are themes, the college's position
    /// filled, the overall one dashed for reference.
    fn radars(&self) -> Markup {
        html! {
            section id="themes" {
                "\n"
                h2 { (self.t("Positionnement par thème et par collège", "Position by theme and college")) }
                "\n"
                @if self.a.colleges.is_empty() {
                    p {
                        (self.t(
                            "Aucun collège n'atteint le seuil d'anonymat : aucun chiffre n'est publié.",
                            "No college reaches the anonymity threshold: no figure is published."
                        ))
                    }
                    "\n"
                }
                @for (ix, g) in self.a.colleges.iter().enumerate() {
                    (self.radar(ix + 1, g))
                }
            }
            "\n"
        }
    }

    fn radar(&self, ix: usize, g: &Group) -> Markup {
        let lang = self.lang;
        let label = group_label(g, lang);
        let label = label.as_str();
        let themes = &self.a.themes;
        let own: Vec<Option<&Summary>> = themes
            .iter()
            .map(|t| summary_of(&t.colleges, &g.id))
            .collect();
        let overall: Vec<Option<&Summary>> = themes.iter().map(|t| t.overall.as_ref()).collect();

        // Summary sentence: strongest and weakest theme of the college.
        let mut best: Option<(usize, f64)> = None;
        let mut worst: Option<(usize, f64)> = None;
        for (k, s) in own.iter().enumerate() {
            if let Some(s) = s {
                if best.is_none_or(|(_, p)| s.mean > p) {
                    best = Some((k, s.mean));
                }
                if worst.is_none_or(|(_, p)| s.mean < p) {
                    worst = Some((k, s.mean));
                }
            }
        }
        let people = if self.fr {
            format!("{} personnes", g.respondents)
        } else {
            format!("{} people", g.respondents)
        };
        let top = self.n(self.a.scale.last().copied().unwrap_or(1.0));
        let summary = match (best, worst) {
            (Some((b, pb)), Some((w, pw))) if b != w => {
                let tb = self.theme_title(&themes[b].theme);
                let tw = self.theme_title(&themes[w].theme);
                if self.fr {
                    format!(
                        "Pour le collège « {label} » ({people}), le thème le plus fort est « {tb} » (moyenne {} sur {top}) et le plus faible « {tw} » ({} sur {top}).",
                        self.n(pb),
                        self.n(pw)
                    )
                } else {
                    format!(
                        "For the college \"{label}\" ({people}), the strongest theme is \"{tb}\" (mean {} out of {top}) and the weakest \"{tw}\" ({} out of {top}).",
                        self.n(pb),
                        self.n(pw)
                    )
                }
            }
            (Some((b, pb)), _) => {
                let tb = self.theme_title(&themes[b].theme);
                if self.fr {
                    format!(
                        "Pour le collège « {label} » ({people}), un seul thème est publié : « {tb} » (moyenne {} sur {top}).",
                        self.n(pb)
                    )
                } else {
                    format!(
                        "For the college \"{label}\" ({people}), one theme only is published: \"{tb}\" (mean {} out of {top}).",
                        self.n(pb)
                    )
                }
            }
            _ => {
                if self.fr {
                    format!("Pour le collège « {label} » ({people}), aucun thème n'a assez de réponses pour être publié.")
                } else {
                    format!("For the college \"{label}\" ({people}), no theme has enough answers to be published.")
                }
            }
        };

        let (w, h, cx, cy, r) = (520.0, 372.0, 260.0, 172.0, 120.0);
        let count = themes.len().max(1);
        let angle = |k: usize| {
            -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / count as f64
        };
        let point = |k: usize, v: f64| {
            let v = v.clamp(0.0, 1.0);
            (
                cx + r * v * libm::cos(angle(k)),
                cy + r * v * libm::sin(angle(k)),
            )
        };
        let polygon = |values: &[Option<&Summary>]| -> String {
            values
                .iter()
                .enumerate()
                .filter_map(|(k, s)| s.map(|s| point(k, s.position)))
                .map(|(x, y)| format!("{},{}", xy(x), xy(y)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let id = format!("radar-{ix}");
        // Rings at each point of the scale, labelled with its words.
        let scale = &self.a.scale;
        let points = &self.instr.document().scale.points;
        let (low, high) = (
            scale.first().copied().unwrap_or(0.0),
            scale.last().copied().unwrap_or(1.0),
        );
        let span = if high > low { high - low } else { 1.0 };
        let rings: Vec<(f64, String, Option<&str>)> = scale
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, v)| {
                let p = (v - low) / span;
                let ring: Vec<String> = (0..count)
                    .map(|k| {
                        let (x, y) = point(k, p);
                        format!("{},{}", xy(x), xy(y))
                    })
                    .collect();
                (
                    p,
                    ring.join(" "),
                    points.get(i).map(|pt| pt.label.get(lang)),
                )
            })
            .collect();
        let overall_points = polygon(&overall);
        let own_points = polygon(&own);
        // Axis labels: the theme titles, placed by the side of the circle they are on.
        let axis_label = |k: usize, theme: &str| {
            let (dx, dy) = (libm::cos(angle(k)), libm::sin(angle(k)));
            let (px, py) = (cx + (r + 12.0) * dx, cy + (r + 12.0) * dy);
            let anchor = if dx > 0.3 {
                "start"
            } else if dx < -0.3 {
                "end"
            } else {
                "middle"
            };
            let lines = wrap(&self.theme_title(theme), 16, 3);
            let extra = 13.0 * lines.len().saturating_sub(1) as f64;
            let y0 = if dy < -0.3 {
                py - 2.0 - extra
            } else if dy > 0.3 {
                py + 11.0
            } else {
                py + 4.0 - extra / 2.0
            };
            svg_text((px, y0), anchor, None, "600", &lines)
        };
        let title = if self.fr {
            format!("Radar des positions par thème : {label}, comparé à l'ensemble")
        } else {
            format!("Radar of positions by theme: {label}, compared with the overall")
        };
        let solid = if self.fr {
            format!("trait plein : {label}")
        } else {
            format!("solid line: {label}")
        };
        let caption = if self.fr {
            format!("Chiffres du radar : {label}")
        } else {
            format!("Figures of the radar: {label}")
        };
        let mean_head = if self.fr {
            format!(
                "Moyenne (de {} à {})",
                number(low, 2, lang),
                number(high, 2, lang)
            )
        } else {
            format!(
                "Mean ({} to {})",
                number(low, 2, lang),
                number(high, 2, lang)
            )
        };
        let dash = || "—".to_string();
        html! {
            div class="chart-block" data-group=(g.id) {
                "\n"
                h3 { (label) } "\n"
                figure {
                    "\n"
                    svg class="radar" data-group=(g.id) role="img"
                        aria-labelledby=(format!("{id}-title {id}-summary"))
                        viewBox=(format!("0 0 {w} {h}")) width=(w) height=(h) font-size="11" {
                        "\n"
                        title id=(format!("{id}-title")) { (title) } "\n"
                        @for (p, ring, word) in &rings {
                            polygon points=(ring) fill="none" stroke="#bdbdbd" stroke-width="1" {} "\n"
                            @if let Some(word) = word {
                                text x=(xy(cx + 4.0)) y=(xy(cy - r * p - 3.0)) font-size="9"
                                    fill="#4d4d4d" stroke="#ffffff" stroke-width="3" paint-order="stroke" { (word) }
                                "\n"
                            }
                        }
                        @for k in 0..themes.len() {
                            @let (x, y) = point(k, 1.0);
                            line x1=(xy(cx)) y1=(xy(cy)) x2=(xy(x)) y2=(xy(y)) stroke="#bdbdbd" stroke-width="1" {} "\n"
                        }
                        // The overall reference, dashed, then the college, filled and dotted.
                        @if !overall_points.is_empty() {
                            polygon class="overall" points=(overall_points) fill="none" stroke="#333333"
                                stroke-width="1.5" stroke-dasharray="5 3" {}
                            "\n"
                        }
                        @if !own_points.is_empty() {
                            polygon data-group=(g.id) points=(own_points) fill=(BLUE) fill-opacity="0.15"
                                stroke=(BLUE) stroke-width="2.5" {}
                            "\n"
                        }
                        @for (k, s) in own.iter().enumerate() {
                            @if let Some(s) = s {
                                @let (x, y) = point(k, s.position);
                                circle data-group=(g.id) cx=(xy(x)) cy=(xy(y)) r="3.5" fill=(BLUE) {} "\n"
                            }
                        }
                        @for (k, t) in themes.iter().enumerate() {
                            (axis_label(k, &t.theme)) "\n"
                        }
                        // Legend: the line style says which is which, not the colour alone.
                        line x1="16" y1=(xy(h - 30.0)) x2="46" y2=(xy(h - 30.0)) stroke=(BLUE) stroke-width="2.5" {}
                        text x="52" y=(xy(h - 26.0)) { (solid) } "\n"
                        line x1="16" y1=(xy(h - 12.0)) x2="46" y2=(xy(h - 12.0)) stroke="#333333"
                            stroke-width="1.5" stroke-dasharray="5 3" {}
                        text x="52" y=(xy(h - 8.0)) {
                            (self.t(
                                "pointillés : ensemble des répondants publiés",
                                "dashed line: all published respondents"
                            ))
                        }
                        "\n"
                    }
                    "\n"
                    figcaption id=(format!("{id}-summary")) { (summary) } "\n"
                }
                "\n"
                // The data table: the figures of the chart, and the mean and consensus.
                table data-group=(g.id) {
                    "\n"
                    caption { (caption) } "\n"
                    thead {
                        tr {
                            th scope="col" { (self.w.theme) }
                            th scope="col" class="num" { (self.t("Position du collège", "Position of the college")) }
                            th scope="col" class="num" { (self.t("Position de l'ensemble", "Overall position")) }
                            th scope="col" class="num" { (mean_head) }
                            th scope="col" class="num" { (self.t("Consensus", "Consensus")) }
                            th scope="col" class="num" { (self.t("Réponses", "Answers")) }
                        }
                    }
                    "\n"
                    tbody {
                        "\n"
                        @for (k, t) in themes.iter().enumerate() {
                            @let (pos, mean, cons, n) = match own[k] {
                                Some(s) => (
                                    self.n(s.position),
                                    self.n(s.mean),
                                    self.n(s.consensus),
                                    s.n.to_string(),
                                ),
                                None => (dash(), dash(), dash(), dash()),
                            };
                            @let reference = overall[k].map_or_else(dash, |s| self.n(s.position));
                            tr data-group=(g.id) {
                                th scope="row" { (self.theme_title(&t.theme)) }
                                td class="num" { (pos) }
                                td class="num" { (reference) }
                                td class="num" { (mean) }
                                td class="num" { (cons) }
                                td class="num" { (n) }
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
                "\n"
            }
            "\n"
        }
    }

    /// The heat map: items × (overall, published colleges). Each cell's colour is
    /// the position (how favourable the answers are: pale = unfavourable, dark =
    /// favourable, so that a dark cell reads as a strength and is one), with the
    /// mean written in it; the consensus is a second, distinct mark, a bar under
    /// the number on a white track (long = answers alike, short = split). A
    /// legend in plain words says both.
    fn heatmap(&self) -> Markup {
        let a = self.a;
        let lang = self.lang;
        // Columns: overall, then each published college.
        let mut columns: Vec<(Option<&Group>, String)> = vec![(None, self.w.overall.into())];
        columns.extend(a.colleges.iter().map(|g| (Some(g), group_label(g, lang))));
        let cell_of = |item: &'_ ItemAnalysis, col: Option<&Group>| match col {
            None => item.overall.clone(),
            Some(g) => summary_of(&item.colleges, &g.id).cloned(),
        };
        let (low, high) = (
            a.scale.first().copied().unwrap_or(0.0),
            a.scale.last().copied().unwrap_or(1.0),
        );
        let (low_words, high_words) = self.scale_ends();
        let on_scale = |p: f64| low + p * (high - low);

        // Summary: the least and the most favourable items overall, and how many
        // have split answers.
        let mut worst: Option<(&str, f64)> = None;
        let mut best: Option<(&str, f64)> = None;
        let mut dispersed = 0;
        let mut with_overall = 0;
        for item in &a.items {
            if let Some(s) = &item.overall {
                with_overall += 1;
                if s.consensus < a.rules.dispersed {
                    dispersed += 1;
                }
                if worst.is_none_or(|(_, m)| s.mean < m) {
                    worst = Some((&item.item, s.mean));
                }
                if best.is_none_or(|(_, m)| s.mean > m) {
                    best = Some((&item.item, s.mean));
                }
            }
        }
        let top = self.n(high);
        let summary = match (worst, best) {
            (Some((wi, wm)), Some((bi, bm))) => {
                let (wn, wt) = (self.item_number(wi), self.item_text(wi));
                let (bn, bt) = (self.item_number(bi), self.item_text(bi));
                if self.fr {
                    format!(
                        "L'avis le moins favorable porte sur l'item n° {wn} « {wt} » (moyenne {} sur {top}, pour l'ensemble) et le plus favorable sur l'item n° {bn} « {bt} » ({} sur {top}) ; {dispersed} item{} sur {with_overall} {} des réponses partagées (trait court).",
                        self.n(wm),
                        self.n(bm),
                        if dispersed > 1 { "s" } else { "" },
                        if dispersed > 1 { "ont" } else { "a" },
                    )
                } else {
                    format!(
                        "The least favourable opinion is on item no. {wn} \"{wt}\" (mean {} out of {top}, overall) and the most favourable on item no. {bn} \"{bt}\" ({} out of {top}); {dispersed} item{} out of {with_overall} {} split answers (short bar).",
                        self.n(wm),
                        self.n(bm),
                        if dispersed == 1 { "" } else { "s" },
                        if dispersed == 1 { "has" } else { "have" },
                    )
                }
            }
            _ => self
                .t(
                    "Aucun item n'a assez de réponses pour être publié.",
                    "No item has enough answers to be published.",
                )
                .to_string(),
        };

        // Geometry.
        let label_w = 52.0;
        let col_w = ((640.0 - label_w) / columns.len() as f64).clamp(44.0, 112.0);
        let head_chars = ((col_w - 6.0) / 6.4).max(4.0) as usize;
        let head_lines: Vec<Vec<String>> = columns
            .iter()
            .map(|(_, l)| wrap(l, head_chars, 3))
            .collect();
        let head_h = 13.0 * head_lines.iter().map(Vec::len).max().unwrap_or(1) as f64 + 10.0;
        let row_h = 30.0;
        let band_h = 20.0;
        let mut rows_h = 0.0;
        for t in &a.themes {
            rows_h += band_h;
            rows_h += row_h * a.items.iter().filter(|i| i.theme == t.theme).count() as f64;
        }
        let legend_h = 112.0;
        let w = (label_w + col_w * columns.len() as f64).max(420.0);
        let h = head_h + rows_h + legend_h;
        // Where each theme band and each item row starts, top to bottom.
        let mut y = head_h;
        let mut bands: Vec<Band> = Vec::new();
        for t in &a.themes {
            let top = y;
            y += band_h;
            let mut rows = Vec::new();
            for item in a.items.iter().filter(|i| i.theme == t.theme) {
                rows.push((y, item));
                y += row_h;
            }
            bands.push(Band {
                top,
                theme: &t.theme,
                rows,
            });
        }
        // The consensus bar of a cell: a white track, and a dark bar as long as the
        // consensus (at least a sliver, so that 0 still shows a mark).
        let track_w = (col_w - 16.0).max(20.0);
        let bar = |x: f64, y: f64, consensus: f64, track_w: f64| {
            let len = (track_w * consensus.clamp(0.0, 1.0)).max(2.0);
            html! {
                rect x=(xy(x)) y=(xy(y)) width=(xy(track_w)) height="5" fill="#ffffff"
                    stroke="#4d4d4d" stroke-width="0.6" {}
                rect x=(xy(x)) y=(xy(y)) width=(xy(len)) height="5" fill=(BAR) {}
            }
        };
        // The legend, drawn; the same in words below the chart.
        let ly = y + 10.0;
        let sw = (w - 4.0) / POSITION_BINS.len() as f64;
        let bin_words: Vec<(String, String)> = POSITION_BINS
            .iter()
            .enumerate()
            .map(|(k, (from, _, _))| {
                let up = POSITION_BINS.get(k + 1).map_or(1.0, |b| b.0);
                let words = match (lang, k) {
                    (Lang::Fr, 0) => "très défavorable",
                    (Lang::Fr, 1) => "plutôt défavorable",
                    (Lang::Fr, 2) => "au milieu",
                    (Lang::Fr, 3) => "plutôt favorable",
                    (Lang::Fr, _) => "très favorable",
                    (Lang::En, 0) => "very unfavourable",
                    (Lang::En, 1) => "rather unfavourable",
                    (Lang::En, 2) => "in the middle",
                    (Lang::En, 3) => "rather favourable",
                    (Lang::En, _) => "very favourable",
                };
                let range = format!(
                    "{} {} {}",
                    number(on_scale(*from), 1, lang),
                    self.t("à", "to"),
                    number(on_scale(up), 1, lang)
                );
                (words.to_string(), range)
            })
            .collect();
        let legend = if self.fr {
            format!(
                "Légende. Le chiffre dans chaque case est la moyenne des réponses, de {} (« {low_words} ») à {top} (« {high_words} »). La couleur dit si l'avis est favorable : très clair = défavorable, très foncé = favorable ({}). Le trait sous le chiffre dit si les réponses se ressemblent : un trait long, tout le monde a répondu à peu près pareil ; un trait court, les avis sont partagés. « — » : pas assez de réponses pour publier.",
                self.n(low),
                bin_words
                    .iter()
                    .map(|(w, r)| format!("{w} : moyenne de {r}"))
                    .collect::<Vec<_>>()
                    .join(" ; ")
            )
        } else {
            format!(
                "Legend. The number in each cell is the mean of the answers, from {} (\"{low_words}\") to {top} (\"{high_words}\"). The colour says whether the opinion is favourable: very light = unfavourable, very dark = favourable ({}). The bar under the number says whether the answers are alike: a long bar, everyone answered about the same; a short bar, opinions are split. \"—\": too few answers to publish.",
                self.n(low),
                bin_words
                    .iter()
                    .map(|(w, r)| format!("{w}: mean {r}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        };
        let no = self.t("n°", "no.");
        html! {
            section id="consensus" {
                "\n"
                h2 { (self.t("Avis par item : position et consensus", "Opinion by item: position and consensus")) } "\n"
                div class="chart-block" {
                    "\n"
                    figure {
                        "\n"
                        svg class="heatmap" role="img" aria-labelledby="heat-title heat-summary"
                            aria-describedby="heat-legend" viewBox=(format!("0 0 {} {}", xy(w), xy(h)))
                            width=(xy(w)) height=(xy(h)) font-size="11" {
                            "\n"
                            title id="heat-title" {
                                (self.t(
                                    "Carte des avis : pour chaque item et chaque groupe, la moyenne (couleur : favorable ou non) et le consensus (trait)",
                                    "Opinion map: for each item and group, the mean (colour: favourable or not) and the consensus (bar)"
                                ))
                            }
                            "\n"
                            @for (j, ((col, _), lines)) in columns.iter().zip(&head_lines).enumerate() {
                                @let x = label_w + col_w * (j as f64 + 0.5);
                                @let y = head_h - 6.0 - 13.0 * lines.len().saturating_sub(1) as f64;
                                (svg_text((x, y), "middle", col.map(|g| g.id.as_str()), "600", lines)) "\n"
                            }
                            @for Band { top, theme, rows } in &bands {
                                (svg_text((2.0, top + 14.0), "start", None, "700", &wrap(&self.theme_title(theme), 80, 1)))
                                "\n"
                                @for (y, item) in rows {
                                    text x="4" y=(xy(y + 16.0)) { (no) " " (self.item_number(&item.item)) } "\n"
                                    @for (j, (col, _)) in columns.iter().enumerate() {
                                        @let x = label_w + col_w * j as f64;
                                        @let cell = cell_of(item, *col);
                                        @let (fill, ink, text) = match &cell {
                                            Some(s) => {
                                                let (fill, ink) = position_bin(s.position);
                                                (fill, ink, self.n(s.mean))
                                            }
                                            None => (EMPTY_FILL, EMPTY_TEXT, "—".to_string()),
                                        };
                                        g data-group=[col.map(|g| g.id.as_str())]
                                            data-position=[cell.as_ref().map(|s| s.position.to_string())]
                                            data-consensus=[cell.as_ref().map(|s| s.consensus.to_string())] {
                                            rect x=(xy(x + 1.0)) y=(xy(y + 1.0)) width=(xy(col_w - 2.0))
                                                height=(xy(row_h - 2.0)) fill=(fill) stroke="#ffffff" stroke-width="1" {}
                                            text x=(xy(x + col_w / 2.0)) y=(xy(y + 15.0)) text-anchor="middle" fill=(ink) { (text) }
                                            @if let Some(s) = &cell {
                                                (bar(x + (col_w - track_w) / 2.0, y + 20.0, s.consensus, track_w))
                                            }
                                        }
                                        "\n"
                                    }
                                }
                            }
                            text x="2" y=(xy(ly + 11.0)) font-weight="600" {
                                (self.t(
                                    "Couleur : la moyenne, favorable ou non",
                                    "Colour: the mean, favourable or not"
                                ))
                            }
                            "\n"
                            @for (k, ((_, fill, ink), (words, range))) in POSITION_BINS.iter().zip(&bin_words).enumerate() {
                                @let x = 2.0 + sw * k as f64;
                                rect x=(xy(x)) y=(xy(ly + 18.0)) width=(xy(sw)) height="30" fill=(fill)
                                    stroke="#8c8c8c" stroke-width="0.5" {}
                                text x=(xy(x + sw / 2.0)) y=(xy(ly + 30.0)) text-anchor="middle" fill=(ink) font-size="10" { (words) }
                                text x=(xy(x + sw / 2.0)) y=(xy(ly + 43.0)) text-anchor="middle" fill=(ink) font-size="10" { (range) }
                                "\n"
                            }
                            text x="2" y=(xy(ly + 68.0)) font-weight="600" {
                                (self.t(
                                    "Trait : les réponses se ressemblent-elles ?",
                                    "Bar: are the answers alike?"
                                ))
                            }
                            "\n"
                            @for (k, (c, words)) in [
                                (0.15, self.t("avis partagés", "opinions split")),
                                (0.55, self.t("avis assez proches", "fairly close")),
                                (1.0, self.t("tout le monde pareil", "everyone alike")),
                            ].into_iter().enumerate() {
                                @let x = 2.0 + (w - 4.0) / 3.0 * k as f64;
                                (bar(x, ly + 80.0, c, 48.0))
                                text x=(xy(x + 54.0)) y=(xy(ly + 86.0)) font-size="10" { (words) }
                                "\n"
                            }
                        }
                        "\n"
                        figcaption id="heat-summary" { (summary) } "\n"
                    }
                    "\n"
                    p id="heat-legend" class="legend" { (legend) } "\n"
                    // Item by item: each item once, with all its figures (the map's
                    // cells) and what the analysis makes of it, in words. This is
                    // the one place an item's statement and figures are written.
                    table id="items" class="heatmap-data" {
                        "\n"
                        caption {
                            (self.t(
                                "Item par item : chaque question une fois, avec ses chiffres (moyenne, et consensus) et ce qu'on en retient",
                                "Item by item: each question once, with its figures (mean, and consensus) and what to make of it"
                            ))
                        }
                        "\n"
                        thead {
                            tr {
                                th scope="col" { "Item" }
                                @for (col, label) in &columns {
                                    th scope="col" class="num" data-group=[col.map(|g| g.id.as_str())] { (label) }
                                }
                                th scope="col" class="num" { (self.w.dont_know) }
                                th scope="col" { (self.t("Ce qu'on en retient", "What to make of it")) }
                            }
                        }
                        "\n"
                        @for theme in &self.instr.document().themes {
                            @let rows: Vec<_> = a.items.iter().filter(|i| i.theme == theme.id).collect();
                            @if !rows.is_empty() {
                                tbody data-theme=(theme.id) {
                                    "\n"
                                    tr class="theme" {
                                        th scope="rowgroup" colspan=(columns.len() + 3) { (self.theme_title(&theme.id)) }
                                    }
                                    "\n"
                                    @for item in rows {
                                        @let verdicts = words::item_verdicts(a, &item.item, self.lang);
                                        tr data-item=(item.item) {
                                            th scope="row" { (no) " " (self.item_number(&item.item)) ". " (self.item_text(&item.item)) }
                                            @for (col, _) in &columns {
                                                @let group = col.map(|g| g.id.as_str());
                                                @if let Some(s) = cell_of(item, *col) {
                                                    td class="num" data-group=[group] {
                                                        (self.n(s.mean))
                                                        span class="sub" { (self.t("consensus", "consensus")) " " (self.n(s.consensus)) }
                                                    }
                                                } @else {
                                                    td class="num" data-group=[group] { "—" }
                                                }
                                            }
                                            td class="num" {
                                                (item.overall.as_ref().map_or("—".to_string(), |s| s.dont_know.to_string()))
                                            }
                                            td class="verdicts" {
                                                @if verdicts.is_empty() {
                                                    "—"
                                                }
                                                @for (k, v) in verdicts.iter().enumerate() {
                                                    @if k > 0 { br; }
                                                    (v)
                                                }
                                            }
                                        }
                                        "\n"
                                    }
                                }
                                "\n"
                            }
                        }
                    }
                    "\n"
                }
                "\n"
            }
            "\n"
        }
    }

    /// Published teams: a table (themes as columns), no chart.
    fn teams(&self) -> Markup {
        let a = self.a;
        if a.teams.is_empty() {
            return html! {};
        }
        html! {
            section id="teams" {
                "\n"
                h2 { (self.w.by_team) } "\n"
                // One column per theme: fixed columns that break long words, so
                // that six themes still fit the printed page.
                table class="wide" {
                    "\n"
                    caption {
                        (self.t(
                            "Moyenne et consensus par équipe et par thème",
                            "Mean and consensus by team and theme"
                        ))
                    }
                    "\n"
                    thead {
                        tr {
                            th scope="col" { (self.t("Équipe", "Team")) }
                            @for t in &a.themes {
                                th scope="col" class="num" { (self.theme_title(&t.theme)) }
                            }
                        }
                    }
                    "\n"
                    tbody {
                        "\n"
                        @for team in &a.teams {
                            tr data-group=(team.id) {
                                th scope="row" { (team.label.get(self.lang)) " (" (team.respondents) ")" }
                                @for t in &a.themes {
                                    @if let Some(c) = summary_of(&t.teams, &team.id) {
                                        td class="num" data-group=(team.id) {
                                            (self.n(c.mean))
                                            span class="sub" { (self.t("consensus", "consensus")) " " (self.n(c.consensus)) }
                                        }
                                    } @else {
                                        td class="num" { "—" }
                                    }
                                }
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
                "\n"
            }
            "\n"
        }
    }

    /// Before and after, one paired bar chart per theme (overall and each
    /// published college): the earlier wave outlined and dashed, this one filled.
    fn changes(&self) -> Markup {
        let a = self.a;
        if a.changes.is_empty() {
            return html! {};
        }
        let mut ix = 0;
        let charts: Vec<Markup> = a
            .themes
            .iter()
            .filter_map(|t| {
                let rows: Vec<(Option<&Group>, &Change)> = a
                    .changes
                    .iter()
                    .filter(|c| c.theme == t.theme)
                    .filter_map(|c| match &c.group {
                        None => Some((None, c)),
                        Some(g) => self.college(g).map(|g| (Some(g), c)),
                    })
                    .collect();
                if rows.is_empty() {
                    return None;
                }
                ix += 1;
                Some(self.change(ix, &t.theme, &rows))
            })
            .collect();
        html! {
            section id="changes" {
                "\n"
                h2 { (self.w.change_since) } "\n"
                p class="note" {
                    (self.t(
                        "Pour chaque thème, la moyenne avant (barre claire en pointillés) et après (barre pleine), pour l'ensemble et pour chaque collège publié dans les deux vagues.",
                        "For each theme, the mean before (light dashed bar) and after (solid bar), overall and for each college published in both waves."
                    ))
                }
                "\n"
                @for chart in charts { (chart) }
            }
            "\n"
        }
    }

    /// One theme's before-and-after chart and its data table.
    fn change(&self, ix: usize, theme: &str, rows: &[(Option<&Group>, &Change)]) -> Markup {
        let lang = self.lang;
        let scale = &self.a.scale;
        let (low, high) = (
            scale.first().copied().unwrap_or(0.0),
            scale.last().copied().unwrap_or(1.0),
        );
        let span = if high > low { high - low } else { 1.0 };
        let title = self.theme_title(theme);
        let id = format!("change-{ix}");
        let label_of = |g: Option<&Group>| {
            g.map_or_else(|| self.w.overall.to_string(), |g| group_label(g, lang))
        };
        // Summary: the overall change, and the college that moved most.
        let overall = rows.iter().find(|(g, _)| g.is_none()).map(|(_, c)| *c);
        let mut most: Option<(Option<&Group>, &Change)> = None;
        for (g, c) in rows.iter().filter(|(g, _)| g.is_some()) {
            if most.is_none_or(|(_, m)| c.mean_change.abs() > m.mean_change.abs()) {
                most = Some((*g, *c));
            }
        }
        let mut summary = if self.fr {
            format!("« {title} » : ")
        } else {
            format!("\"{title}\": ")
        };
        if let Some(c) = overall {
            summary.push_str(&if self.fr {
                format!(
                    "pour l'ensemble, la moyenne passe de {} à {} ({})",
                    self.n(c.mean_before),
                    self.n(c.mean_after),
                    change(c.mean_before, c.mean_after, lang)
                )
            } else {
                format!(
                    "overall, the mean goes from {} to {} ({})",
                    self.n(c.mean_before),
                    self.n(c.mean_after),
                    change(c.mean_before, c.mean_after, lang)
                )
            });
        }
        if let Some((g, m)) = most {
            if overall.is_some() {
                summary.push_str(self.t(" ; ", "; "));
            }
            summary.push_str(&if self.fr {
                format!(
                    "le collège qui a le plus changé est « {} » ({})",
                    label_of(g),
                    change(m.mean_before, m.mean_after, lang)
                )
            } else {
                format!(
                    "the college that changed most is \"{}\" ({})",
                    label_of(g),
                    change(m.mean_before, m.mean_after, lang)
                )
            });
        }
        summary.push('.');

        let (label_w, x0, bar_w) = (172.0, 176.0, 250.0);
        let w = x0 + bar_w + 84.0;
        let row_h = 36.0;
        let top = 26.0;
        let bottom = top + row_h * rows.len() as f64;
        let h = bottom + 30.0;
        let x_of = |v: f64| x0 + bar_w * ((v - low) / span).clamp(0.0, 1.0);
        let ly = bottom + 12.0;
        let chart_title = if self.fr {
            format!("Moyenne avant et après : {title}")
        } else {
            format!("Mean before and after: {title}")
        };
        let caption = if self.fr {
            format!("Chiffres du graphique : {title}")
        } else {
            format!("Figures of the chart: {title}")
        };
        html! {
            div class="chart-block" {
                "\n"
                h3 { (title) } "\n"
                figure {
                    "\n"
                    svg class="change" role="img" aria-labelledby=(format!("{id}-title {id}-summary"))
                        viewBox=(format!("0 0 {} {}", xy(w), xy(h))) width=(xy(w)) height=(xy(h)) font-size="11" {
                        "\n"
                        title id=(format!("{id}-title")) { (chart_title) } "\n"
                        @for v in scale {
                            @let x = x_of(*v);
                            line x1=(xy(x)) y1=(xy(top - 6.0)) x2=(xy(x)) y2=(xy(bottom)) stroke="#d0d0d0" stroke-width="1" {}
                            text x=(xy(x)) y="14" text-anchor="middle" fill="#4d4d4d" { (number(*v, 2, lang)) }
                            "\n"
                        }
                        @for (k, (g, c)) in rows.iter().enumerate() {
                            @let y = top + row_h * k as f64;
                            @let lines = wrap(&label_of(*g), ((label_w - 6.0) / 7.0) as usize, 2);
                            @let ly = y + 15.0 - 6.5 * lines.len().saturating_sub(1) as f64;
                            @let (xb, xa) = (x_of(c.mean_before), x_of(c.mean_after));
                            g data-group=[g.map(|g| g.id.as_str())] {
                                (svg_text((2.0, ly), "start", None, "600", &lines))
                                rect x=(xy(x0)) y=(xy(y + 3.0)) width=(xy((xb - x0).max(0.0))) height="12"
                                    fill="#ffffff" stroke="#404040" stroke-width="1" stroke-dasharray="3 2" {}
                                text x=(xy(xb + 4.0)) y=(xy(y + 13.0)) { (self.t("avant", "before")) " " (self.n(c.mean_before)) }
                                rect x=(xy(x0)) y=(xy(y + 18.0)) width=(xy((xa - x0).max(0.0))) height="12" fill=(BLUE) {}
                                text x=(xy(xa + 4.0)) y=(xy(y + 28.0)) { (self.t("après", "after")) " " (self.n(c.mean_after)) }
                            }
                            "\n"
                        }
                        rect x="2" y=(xy(ly)) width="22" height="11" fill="#ffffff" stroke="#404040" stroke-dasharray="3 2" {}
                        text x="30" y=(xy(ly + 10.0)) { (self.t("avant : vague précédente", "before: earlier wave")) }
                        rect x=(xy(w / 2.0)) y=(xy(ly)) width="22" height="11" fill=(BLUE) {}
                        text x=(xy(w / 2.0 + 28.0)) y=(xy(ly + 10.0)) { (self.t("après : cette vague", "after: this wave")) }
                        "\n"
                    }
                    "\n"
                    figcaption id=(format!("{id}-summary")) { (summary) } "\n"
                }
                "\n"
                table {
                    "\n"
                    caption { (caption) } "\n"
                    thead {
                        tr {
                            th scope="col" { (self.w.group) }
                            th scope="col" class="num" { (self.t("Moyenne avant", "Mean before")) }
                            th scope="col" class="num" { (self.t("Moyenne après", "Mean after")) }
                            th scope="col" class="num" { (self.t("Évolution de la moyenne", "Change of the mean")) }
                            th scope="col" class="num" { (self.t("Évolution du consensus", "Change of the consensus")) }
                        }
                    }
                    "\n"
                    tbody {
                        "\n"
                        @for (g, c) in rows {
                            tr data-group=[g.map(|g| g.id.as_str())] {
                                th scope="row" { (label_of(*g)) }
                                td class="num" { (self.n(c.mean_before)) }
                                td class="num" { (self.n(c.mean_after)) }
                                td class="num" { (change(c.mean_before, c.mean_after, lang)) }
                                td class="num" { (change(c.consensus_before, c.consensus_after, lang)) }
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
                "\n"
            }
            "\n"
        }
    }

    fn objectives(&self) -> Markup {
        let team = &self.report.team;
        let sep = self.sep();
        html! {
            section id="objectives" {
                "\n"
                h2 { (self.w.objectives) } "\n"
                @if team.objectives.is_empty() {
                    p { (self.w.no_objective) }
                    "\n"
                } @else {
                    ol {
                        "\n"
                        @for o in &team.objectives {
                            @let whom: Vec<String> = o
                                .priority_for
                                .iter()
                                .filter_map(|g| {
                                    if g == "overall" {
                                        Some(self.w.overall.to_string())
                                    } else {
                                        self.college_label(g)
                                    }
                                })
                                .collect();
                            li {
                                (o.text.get(self.lang)) " "
                                span class="rule" { "(" (self.t("priorité pour", "priority for")) (sep) (whom.join(", ")) ")" }
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
            }
            "\n"
        }
    }

    /// The team training plan: per published college and curriculum, the steps
    /// with hours (and weeks when the plan has them), then hours per group.
    fn training(&self) -> Markup {
        let team = &self.report.team;
        let sep = self.sep();
        let lang = self.lang;
        let plans: Vec<_> = team
            .plans
            .iter()
            .filter(|p| self.college(&p.group).is_some())
            .collect();
        // Hours per person, people and trainee-hours per published group; a
        // team's plan is on top of its college's.
        let hours: Vec<(&str, String, &parcours::positioning::team::GroupHours)> = team
            .hours
            .iter()
            .filter_map(|g| {
                let college = self.college_label(&g.group)?;
                let label = match &g.team {
                    // A team's plan: its members are counted in the college's total.
                    Some(t) => format!(
                        "{college} — {t} ({})",
                        self.t(
                            "en plus, non ajouté au total",
                            "on top, not added to the total"
                        )
                    ),
                    None => college,
                };
                Some((g.group.as_str(), label, g))
            })
            .collect();
        html! {
            section id="training" {
                "\n"
                h2 { (self.w.training_plan) } "\n"
                @if plans.is_empty() {
                    p {
                        (self.t(
                            "Aucun plan : aucune priorité d'un collège publié ne cite une compétence des cursus donnés.",
                            "No plan: no priority of a published college cites a competency of the given curricula."
                        ))
                    }
                    "\n"
                }
                @for p in plans {
                    @let status = plan_status(p.plan.status, lang);
                    @let label = words::plan_label(self.a, p, lang);
                    @let weeks = p.plan.steps.iter().any(|s| s.week.is_some());
                    @let title = p.curriculum_title.get(lang);
                    @let caption = if self.fr {
                        format!("Étapes pour « {label} » dans « {title} »")
                    } else {
                        format!("Steps for \"{label}\" in \"{title}\"")
                    };
                    @let running: Vec<f64> = p
                        .plan
                        .steps
                        .iter()
                        .scan(0.0, |sum, s| {
                            *sum += s.hours;
                            Some(*sum)
                        })
                        .collect();
                    div class="plan" data-group=(p.group) {
                        "\n"
                        h3 { (label) " — " (title) " (" (status) ")" } "\n"
                        p class="budget" { (words::budget(p.plan.total_hours, p.headcount, p.trainee_hours, lang)) } "\n"
                        @if !p.plan.steps.is_empty() {
                            table data-group=(p.group) {
                                "\n"
                                caption { (caption) } "\n"
                                thead {
                                    tr {
                                        th scope="col" class="num" { (self.t("Ordre", "Order")) }
                                        th scope="col" { (self.t("Module", "Module")) }
                                        th scope="col" class="num" { (self.t("Heures", "Hours")) }
                                        th scope="col" class="num" { (self.t("Cumul", "Running total")) }
                                        @if weeks {
                                            th scope="col" class="num" { (self.t("Semaine", "Week")) }
                                        }
                                    }
                                }
                                "\n"
                                tbody {
                                    "\n"
                                    @for (i, (s, running)) in p.plan.steps.iter().zip(&running).enumerate() {
                                        tr data-group=(p.group) {
                                            td class="num" { (i + 1) }
                                            td { (s.title.get(lang)) }
                                            td class="num" { (self.hours(s.hours)) }
                                            td class="num" { (self.hours(*running)) }
                                            @if weeks {
                                                td class="num" { (s.week.map_or("—".to_string(), |w| w.to_string())) }
                                            }
                                        }
                                        "\n"
                                    }
                                }
                                "\n"
                            }
                            "\n"
                        }
                        @let obstacles: Vec<_> = p.plan.obstacles.iter().chain(&p.out_of_reach).collect();
                        @if !obstacles.is_empty() {
                            ul {
                                "\n"
                                @for o in obstacles {
                                    li { (capitalised(self.w.out_of_reach)) (sep) (o.text.get(lang)) } "\n"
                                }
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
                @if !team.missing_curricula.is_empty() {
                    p {
                        (self.t(
                            "Cursus cités mais non fournis (aucun plan)",
                            "Cited curricula not given (no plan)"
                        ))
                        (sep) (team.missing_curricula.join(", "))
                    }
                    "\n"
                }
                table class="hours" {
                    "\n"
                    caption { (self.t("Budget de formation par groupe", "Training budget by group")) } "\n"
                    thead {
                        tr {
                            th scope="col" { (self.w.group) }
                            th scope="col" class="num" { (self.t("Heures par personne", "Hours per person")) }
                            th scope="col" class="num" { (self.t("Effectif", "Headcount")) }
                            th scope="col" class="num" { (self.t("Heures stagiaires", "Trainee-hours")) }
                        }
                    }
                    "\n"
                    tbody {
                        "\n"
                        @for (group, label, g) in &hours {
                            tr data-group=(group) {
                                th scope="row" { (label) }
                                td class="num" { (self.hours(g.hours)) }
                                td class="num" { (g.headcount.map_or("—".to_string(), |n| n.to_string())) }
                                td class="num" { (g.trainee_hours.map_or("—".to_string(), |t| self.n(t))) }
                            }
                            "\n"
                        }
                        tr class="total" {
                            th scope="row" colspan="3" { strong { (self.t("Total, tous les collèges (heures stagiaires)", "Total, every college (trainee-hours)")) } }
                            td class="num" { strong { (self.n(team.total_trainee_hours)) } }
                        }
                        "\n"
                    }
                    "\n"
                }
                p class="budget-total" { (words::budget_total(team, self.a, lang)) } "\n"
                "\n"
            }
            "\n"
        }
    }

    /// The action plan, for the committee to complete on paper or on screen:
    /// the owner, deadline and indicator cells are left empty (and tall).
    fn actions(&self) -> Markup {
        let team = &self.report.team;
        let headers = shown_headers(self.lang);
        html! {
            section id="actions" {
                "\n"
                h2 { (self.w.action_plan) } "\n"
                p class="note" {
                    (self.t(
                        "Une ligne par priorité, par sujet de dialogue et par point fort à consolider. Les colonnes Responsable et Échéance sont à compléter par le comité, le statut à tenir à jour. Le tableur du plan d'action (--action-plan) a aussi le thème, les items, l'effectif et les heures stagiaires.",
                        "One row per priority, subject for dialogue and strength to consolidate. The Owner and Deadline columns are for the committee to fill in, the status to keep up to date. The action plan's spreadsheet (--action-plan) also has the theme, the items, the headcount and the trainee-hours."
                    ))
                }
                "\n"
                table class="actions" {
                    "\n"
                    caption {
                        (self.t(
                            "Plan d'action : une action par ligne",
                            "Action plan: one action per row"
                        ))
                    }
                    "\n"
                    colgroup {
                        col style="width:19%";
                        col style="width:16%";
                        col style="width:18%";
                        col style="width:11%";
                        col style="width:9%";
                        col style="width:8%";
                        col style="width:10%";
                        col style="width:9%";
                    }
                    "\n"
                    thead {
                        tr { @for h in headers { th scope="col" { (h) } } }
                    }
                    "\n"
                    tbody {
                        "\n"
                        @for a in &team.actions {
                            tr data-kind=(crate::action_plan::kind_id(a.kind)) {
                                @for cell in shown_cells(a, self.a, self.instr, self.lang) { td { (cell) } }
                            }
                            "\n"
                        }
                    }
                    "\n"
                }
                "\n"
            }
            "\n"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::signed;
    use parcours::{analyse, AnalysisOptions, ReadOptions};
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn establishment() -> (CheckedInstrument, Report) {
        establishment_with(true, None)
    }

    /// The bundled establishment's 2027 wave (against 2026 when `two_waves`).
    fn establishment_with(two_waves: bool, threshold: Option<u32>) -> (CheckedInstrument, Report) {
        let bytes = std::fs::read(root().join("curricula/positioning/instrument.json")).unwrap();
        establishment_from(&bytes, two_waves, threshold)
    }

    /// The bundled instrument without `publishedByName`: direction (4 people) is
    /// then under the threshold, and hidden.
    fn unnamed_bytes() -> Vec<u8> {
        let bytes = std::fs::read(root().join("curricula/positioning/instrument.json")).unwrap();
        let mut doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        for c in doc["colleges"].as_array_mut().unwrap() {
            c.as_object_mut().unwrap().remove("publishedByName");
        }
        serde_json::to_vec(&doc).unwrap()
    }

    /// The same with the instrument given as JSON bytes.
    fn establishment_from(
        bytes: &[u8],
        two_waves: bool,
        threshold: Option<u32>,
    ) -> (CheckedInstrument, Report) {
        let ins = parcours::load_instrument(bytes, None).value.unwrap();
        let table = |name: &str| {
            let bytes = std::fs::read(root().join("curricula/positioning").join(name)).unwrap();
            let (outcome, _) = parcours::read_answers(&ins, &bytes, &ReadOptions::default());
            assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
            outcome.value.unwrap()
        };
        let before = table("etablissement-2026.csv");
        let after = table("etablissement-2027.csv");
        let options = AnalysisOptions {
            threshold,
            ..AnalysisOptions::default()
        };
        let analysis = analyse(&ins, &after, two_waves.then_some(&before), &options);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("curricula"))
            .unwrap()
            .map(|e| e.unwrap().path().join("curriculum.json"))
            .filter(|p| p.exists())
            .collect();
        paths.sort();
        let curricula: Vec<parcours::Compiled> = paths
            .iter()
            .map(|p| parcours::load(&std::fs::read(p).unwrap()).value.unwrap())
            .collect();
        let refs: Vec<&parcours::Compiled> = curricula.iter().collect();
        let today = "2026-11-25".parse().unwrap();
        let team = parcours::team_plan(&ins, &analysis, &refs, today);
        (ins, Report { analysis, team })
    }

    /// Every value of `attr="…"` in the page.
    fn values<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
        let needle = format!("{attr}=\"");
        html.match_indices(&needle)
            .filter_map(|(at, _)| {
                let rest = &html[at + needle.len()..];
                rest.find('"').map(|end| &rest[..end])
            })
            .collect()
    }

    /// Elements open and close in order (void elements and `/>` aside): a broken
    /// page would print and read unpredictably.
    fn assert_balanced(html: &str) {
        let void = ["meta", "br", "col", "!DOCTYPE"];
        let mut stack: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let end = rest.find('>').unwrap();
            let tag = &rest[..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().unwrap_or_default();
                assert_eq!(open, name, "</{name}> closes <{open}>");
            } else if !tag.ends_with('/') {
                let name: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
                if !void.contains(&name.as_str()) {
                    stack.push(name);
                }
            }
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
    }

    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                libm::pow((c + 0.055) / 1.055, 2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn the_establishment_report_is_self_contained_and_shows_only_published_colleges() {
        let (ins, report) = establishment_from(&unnamed_bytes(), true, None);
        let a = &report.analysis;
        assert_eq!(a.hidden_colleges, ["direction"]);
        let html = report.to_html(&ins, Lang::Fr);
        assert_eq!(html, report.to_html(&ins, Lang::Fr), "deterministic");
        for banned in [
            "http://", "https://", "src=", "<link", "<script", "url(", "@import",
        ] {
            assert!(!html.contains(banned), "{banned}");
        }
        assert_balanced(&html);
        assert!(html.contains("@page{size:A4"));
        // One radar per shown college, one change chart per theme, one heat map.
        assert_eq!(html.matches("class=\"radar\"").count(), a.colleges.len());
        assert_eq!(a.colleges.len(), 2);
        assert_eq!(html.matches("class=\"heatmap\"").count(), 1);
        assert_eq!(html.matches("class=\"change\"").count(), a.themes.len());
        for g in &a.colleges {
            assert!(html.contains(&format!("<svg class=\"radar\" data-group=\"{}\"", g.id)));
        }
        // No figure of the hidden college: no data-group, and its name once only,
        // in the "not published" line.
        let shown: Vec<&str> = a
            .colleges
            .iter()
            .chain(&a.teams)
            .map(|g| g.id.as_str())
            .collect();
        for v in values(&html, "data-group") {
            assert!(shown.contains(&v), "data-group={v}");
        }
        assert!(!html.contains("data-group=\"direction\""));
        assert_eq!(html.matches("Direction").count(), 1);
        assert!(html.contains("Non publiés (sous le seuil)\u{a0}: Direction</li>"));
        // What to change in the instrument, with no name and no figure.
        assert!(html.contains(
            "<li class=\"hidden-advice\">Pour publier un collège caché, modifiez l'instrument"
        ));
        assert!(html.contains("(`publishedByName: true`)"));
        // Every chart is an image with a title and a summary that exist.
        let ids = values(&html, "id");
        for svg in html.split("<svg").skip(1) {
            let head = &svg[..svg.find('>').unwrap()];
            assert!(
                head.contains("role=\"img\"") && head.contains("viewBox="),
                "{head}"
            );
            let labelled = values(head, "aria-labelledby");
            assert_eq!(labelled.len(), 1, "{head}");
            for id in labelled[0].split(' ') {
                assert!(ids.contains(&id), "{id}");
            }
            assert!(svg.contains("<title id="));
        }
        // The action plan has the committee's columns and one row per action.
        assert!(html.contains("<th scope=\"col\">Responsable</th><th scope=\"col\">Échéance</th>"));
        assert_eq!(
            html.split("class=\"actions\"")
                .nth(1)
                .unwrap()
                .split("</table>")
                .next()
                .unwrap()
                .matches("<tr")
                .count(),
            report.team.actions.len() + 1
        );
    }

    /// Direction (4 people, under the threshold of 5) is published by name: its
    /// radar, columns and plan are there, and every mention of it, in both
    /// languages, says it is a named group; the threshold line names it.
    #[test]
    fn a_college_published_by_name_says_so_next_to_each_of_its_figures() {
        let (ins, report) = establishment();
        let a = &report.analysis;
        assert!(a.hidden_colleges.is_empty());
        let direction = a.colleges.iter().find(|g| g.id == "direction").unwrap();
        assert!(direction.published_by_name && direction.respondents == 4);
        for (lang, name, mark, exception) in [
            (
                Lang::Fr,
                "Direction",
                "Direction (groupe nommé)",
                "Seule exception\u{a0}: Direction (4 personnes), groupe nommé\u{a0}: ses membres ont accepté d'être identifiés comme groupe",
            ),
            (
                Lang::En,
                "Management",
                "Management (named group)",
                "The one exception: Management (4 people), a named group: its members agreed to be identified as a group",
            ),
        ] {
            let html = report.to_html(&ins, lang);
            assert_balanced(&html);
            assert!(html.contains("<svg class=\"radar\" data-group=\"direction\""));
            // The words a reader sees (a label wrapped over SVG lines is one label).
            let mut text = String::new();
            let mut in_tag = false;
            for c in html.split("</style>").nth(1).unwrap().chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        text.push(' ');
                    }
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(!html.contains("hidden-advice"), "nothing is hidden");
            let threshold = html.split("<li class=\"threshold\">").nth(1).unwrap();
            let threshold = &threshold[..threshold.find("</li>").unwrap()];
            assert!(threshold.contains(exception), "{threshold}");
            // Every other mention of the college carries the mark.
            let marked = text.matches(mark).count();
            assert!(marked >= 5, "{marked} marked mentions");
            assert_eq!(text.matches(name).count(), marked + 1, "{lang:?}: an unmarked mention");
        }
        let md = report.to_markdown(&ins, Lang::Fr);
        assert_eq!(
            md.matches("Direction").count(),
            md.matches("Direction (groupe nommé)").count() + 1
        );
        assert!(report.team.plans.iter().any(|p| p.group == "direction"));
    }

    #[test]
    fn the_english_report_is_in_english() {
        let (ins, report) = establishment();
        let html = report.to_html(&ins, Lang::En);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        for words in [
            "Item by item",
            "What to make of it",
            "Action plan",
            "Team training plan",
            "Deadline",
            "Anonymity threshold: 5 (set by the instrument)",
            "Management (named group)",
            "strongest theme",
            "Self-positioning: transforming",
        ] {
            assert!(html.contains(words), "{words}");
        }
        for words in [
            "Points forts",
            "Plan d'action",
            "Échéance",
            "Ensemble",
            "le plus fort",
            "moyenne",
            "avant",
            "Non publiés",
            "sur 1",
        ] {
            assert!(!html.contains(words), "{words}");
        }
        assert_eq!(
            html.matches("class=\"radar\"").count(),
            report.analysis.colleges.len()
        );
        // Decimal points in English: no "2,5" in any text between tags.
        for text in html.split('>').filter_map(|s| s.split('<').next()) {
            let c: Vec<char> = text.chars().collect();
            for w in c.windows(3) {
                assert!(
                    !(w[0].is_ascii_digit() && w[1] == ',' && w[2].is_ascii_digit()),
                    "{text}"
                );
            }
        }
    }

    /// The report opens with an easy-to-read summary (short sentences, no
    /// percentage, no id), and every sentence uses one scale (the mean) and
    /// labels: no « position 0,85 ≥ 0,7 », no college id in a reason.
    #[test]
    fn the_report_opens_in_plain_words_and_its_sentences_use_labels_and_one_scale() {
        let (ins, report) = establishment();
        for lang in [Lang::Fr, Lang::En] {
            let html = report.to_html(&ins, lang);
            let summary = html.split("<section id=\"summary\">").nth(1).unwrap();
            let summary = &summary[..summary.find("</section>").unwrap()];
            let lines: Vec<&str> = summary
                .split("<li>")
                .skip(1)
                .map(|l| &l[..l.find("</li>").unwrap()])
                .collect();
            assert!(lines.len() >= 6, "{lines:?}");
            for line in &lines {
                assert!(!line.contains('%'), "{line}");
                for id in ["personnes-accompagnees", "transformation-offre", "si-1"] {
                    assert!(!line.contains(id), "{line}");
                }
            }
            assert!(summary.contains(if lang == Lang::Fr {
                "40 personnes ont répondu au questionnaire."
            } else {
                "40 people answered the questionnaire."
            }));
            // The one table of items: each item once, with all its figures and
            // its classes in words, colleges by name, one scale.
            let table = html.split("<table id=\"items\"").nth(1).unwrap();
            let table = &table[..table.find("</table>").unwrap()];
            for jargon in [
                "position 0",
                "≥",
                "≤",
                " et personnes-accompagnees",
                " and personnes-accompagnees",
                "direction and",
                "direction et",
            ] {
                assert!(!table.contains(jargon), "{lang:?}: {jargon}");
            }
            assert!(!html.contains("sur 1)") && !html.contains("out of 1)"));
            let rows = values(table, "data-item");
            assert_eq!(
                rows,
                report
                    .analysis
                    .items
                    .iter()
                    .map(|i| i.item.as_str())
                    .collect::<Vec<_>>(),
                "every item, once, in order"
            );
            // Nowhere else is an item's statement written with figures: the
            // statement of an item appears once in the page's tables, lists and
            // summary of the map, outside the action plan (whose rows are actions).
            let before_actions = &html[..html.find("class=\"actions\"").unwrap()];
            for i in &report.analysis.items {
                let text = french_spacing(
                    &html! { (words::item_text(&ins, &i.item, lang)) }.into_string(),
                );
                let rows = before_actions.matches(&format!("{}</th>", text)).count();
                assert_eq!(rows, 1, "{lang:?}: {} in {rows} rows", i.item);
                assert_eq!(
                    table.matches(&format!("{}</th>", text)).count(),
                    1,
                    "{}",
                    i.item
                );
            }
            // Every class is named in words in the item's row.
            let (strength, priority, talk) = if lang == Lang::Fr {
                ("Point fort pour ", "Priorité pour ", "À discuter\u{a0}: ")
            } else {
                ("Strength for ", "Priority for ", "To talk over: ")
            };
            for (list, word) in [
                (&report.analysis.strengths, strength),
                (&report.analysis.priorities, priority),
                (&report.analysis.dialogue, talk),
            ] {
                for f in list {
                    let row = table
                        .split(&format!("<tr data-item=\"{}\">", f.item))
                        .nth(1)
                        .unwrap();
                    let row = &row[..row.find("</tr>").unwrap()];
                    assert!(row.contains(word), "{lang:?}: {} lacks {word}", f.item);
                }
            }
        }
        let html = report.to_html(&ins, Lang::Fr);
        assert!(html.contains(&french_spacing("À discuter : « Direction (groupe nommé) » et « Personnes accompagnées et proches » ne le voient pas pareil (1,47 point d'écart de moyenne sur 4).")));
        // Every action row names its item (a dialogue's objective alone is generic).
        let actions = html.split("class=\"actions\"").nth(1).unwrap();
        let actions = &actions[..actions.find("</table>").unwrap()];
        let rows: Vec<&str> = actions.split("<tr data-kind=").skip(1).collect();
        assert_eq!(rows.len(), report.team.actions.len());
        for (row, a) in rows.iter().zip(&report.team.actions) {
            let first = &row[row.find("<td>").unwrap() + 4..row.find("</td>").unwrap()];
            let text = html! { (words::item_text(&ins, &a.items[0], Lang::Fr)) }.into_string();
            assert!(first.contains(&french_spacing(&text)), "{first}");
        }
        let md = report.to_markdown(&ins, Lang::Fr);
        assert!(md.contains("\n## En bref\n\n- 40 personnes ont répondu au questionnaire.\n"));
        assert!(md.contains("\n## Item par item\n"));
        assert!(md.contains("ne le voient pas pareil (1,47 point d'écart de moyenne sur 4)."));
    }

    /// Each wave is dated and counted per college, and a change smaller than the
    /// rounding reads « inchangé », never « +0,01 » between two equal figures.
    #[test]
    fn waves_are_dated_and_counted_and_changes_read_from_the_printed_figures() {
        let (ins, report) = establishment();
        let a = &report.analysis;
        let before = a.before.as_ref().unwrap();
        for (facts, year) in [(&a.wave, 2027), (before, 2026)] {
            let (first, last) = (facts.first_date.unwrap(), facts.last_date.unwrap());
            assert!(first <= last && first.year() == year && last.month() == 3);
            let sum: u32 = facts.colleges.iter().map(|g| g.respondents).sum();
            assert_eq!(sum, facts.respondents);
        }
        let html = report.to_html(&ins, Lang::Fr);
        let lines = values(&html, "class")
            .iter()
            .filter(|c| **c == "wave")
            .count();
        assert_eq!(lines, 2);
        assert!(html.contains("Cette vague\u{a0}: du 02/03/2027 au "));
        assert!(html.contains("Vague précédente\u{a0}: du 02/03/2026 au "));
        assert!(html.contains("40 répondants (Direction (groupe nommé) 4, Professionnels 20, Personnes accompagnées et proches 16)"));
        // Every change cell is the difference of the two figures printed beside it.
        for c in &a.changes {
            let shown = change(c.mean_before, c.mean_after, Lang::Fr);
            if number(c.mean_before, 2, Lang::Fr) == number(c.mean_after, 2, Lang::Fr) {
                assert_eq!(shown, "inchangé");
            } else {
                assert_ne!(shown, "0");
            }
        }
        let en = report.to_html(&ins, Lang::En);
        assert!(en.contains("This wave: from 2027-03-02 to "));
        assert!(en.contains("Earlier wave: from 2026-03-02 to "));
        // One wave: no earlier wave line.
        let (ins, single) = establishment_with(false, None);
        let html = single.to_html(&ins, Lang::Fr);
        assert_eq!(
            values(&html, "class")
                .iter()
                .filter(|c| **c == "wave")
                .count(),
            1
        );
    }

    /// The heat map's colour is the position, its number the mean, and the
    /// consensus a bar: the least favourable item is pale whatever its consensus,
    /// and every cell's fill, number and bar match its figures.
    #[test]
    fn the_heat_map_colours_the_position_and_marks_the_consensus_apart() {
        let (ins, report) = establishment();
        let html = report.to_html(&ins, Lang::Fr);
        let map = html.split("<svg class=\"heatmap\"").nth(1).unwrap();
        let map = &map[..map.find("</svg>").unwrap()];
        let mut cells = 0;
        for g in map.split("<g ").skip(1) {
            let Some(position) = values(g, "data-position")
                .first()
                .map(|v| v.parse::<f64>().unwrap())
            else {
                continue;
            };
            let consensus: f64 = values(g, "data-consensus")[0].parse().unwrap();
            let fills = values(g, "fill");
            assert_eq!(fills[0], position_bin(position).0, "{g}");
            // The bar: a white track, then the bar, as long as the consensus.
            let widths = values(g, " width");
            let (track, bar): (f64, f64) = (widths[1].parse().unwrap(), widths[2].parse().unwrap());
            assert!((bar - (track * consensus).max(2.0)).abs() < 0.1, "{g}");
            assert_eq!(fills[fills.len() - 1], BAR);
            cells += 1;
        }
        assert!(cells > report.analysis.items.len());
        // The least favourable item overall: a pale cell with its mean written.
        let worst = report
            .analysis
            .items
            .iter()
            .filter_map(|i| i.overall.as_ref())
            .min_by(|a, b| a.position.total_cmp(&b.position))
            .unwrap();
        assert!(worst.position < 0.4 && worst.consensus > 0.6);
        let (fill, _) = position_bin(worst.position);
        assert!(luminance(fill) > 0.5, "{fill} is not pale");
        assert!(map.contains(&format!(">{}</text>", number(worst.mean, 2, Lang::Fr))));
        // The legend, in plain words, in both languages.
        assert!(html.contains("La couleur dit si l'avis est favorable"));
        assert!(html.contains("Le trait sous le chiffre dit si les réponses se ressemblent"));
        let en = report.to_html(&ins, Lang::En);
        assert!(en.contains("The colour says whether the opinion is favourable"));
        assert!(en.contains("The bar under the number says whether the answers are alike"));
    }

    #[test]
    fn colours_meet_the_contrast_ratio_and_numbers_read_as_in_the_markdown() {
        for (_, fill, ink) in POSITION_BINS {
            assert!(contrast(fill, ink) >= 4.5, "{fill} / {ink}");
        }
        // Pale to dark: the order survives grey-scale printing.
        for pair in POSITION_BINS.windows(2) {
            assert!(luminance(pair[0].1) > luminance(pair[1].1), "{pair:?}");
        }
        // The consensus bar stands out of its white track, whatever the fill.
        assert!(contrast(BAR, "#ffffff") >= 4.5);
        assert!(contrast(EMPTY_FILL, EMPTY_TEXT) >= 4.5);
        assert!(contrast(BLUE, "#ffffff") >= 4.5);
        for grey in ["#4d4d4d", "#444444", "#1a1a1a", "#333333"] {
            assert!(contrast(grey, "#ffffff") >= 4.5, "{grey}");
        }
        assert_eq!(number(2.5249, 2, Lang::Fr), "2,52");
        assert_eq!(number(-0.001, 2, Lang::Fr), "0");
        assert_eq!(signed(0.12, Lang::En), "+0.12");
        assert_eq!(signed(-0.03, Lang::Fr), "-0,03");
        assert_eq!(number(f64::NAN, 2, Lang::Fr), "—");
        assert_eq!(
            wrap("Co-responsabilité territoriale", 16, 3),
            ["Co-responsabilité", "territoriale"]
        );
        assert_eq!(wrap("a b c d e f", 3, 2), ["a b", "c…"]);
        assert!(wrap("", 5, 2).is_empty());
    }
    #[test]
    fn markup_in_the_data_is_written_as_text() {
        // An instrument whose title, first theme and first item hold markup: the
        // page shows the characters, and no element or attribute comes from them.
        let hostile = "<b onclick=\"x()\">A & B</b>";
        let bytes = std::fs::read(root().join("curricula/positioning/instrument.json")).unwrap();
        let mut doc: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let text = serde_json::json!({ "fr": hostile, "en": hostile });
        doc["title"] = text.clone();
        doc["themes"][0]["title"] = text.clone();
        doc["items"][0]["text"] = text;
        let bytes = serde_json::to_vec(&doc).unwrap();
        let (ins, report) = establishment_from(&bytes, true, None);
        for lang in [Lang::Fr, Lang::En] {
            let html = report.to_html(&ins, lang);
            assert_balanced(&html);
            assert!(
                !html.contains("<b ") && !html.contains("</b>") && !html.contains("onclick=\""),
                "{lang:?}"
            );
            assert!(html.contains("&lt;b onclick=&quot;x()&quot;&gt;A &amp; B&lt;/b&gt;"));
        }
    }

    #[test]
    fn one_wave_or_every_college_hidden_still_gives_a_sound_page() {
        // One wave: no before/after chart, nothing else missing.
        let (ins, report) = establishment_with(false, None);
        let html = report.to_html(&ins, Lang::Fr);
        assert_balanced(&html);
        assert!(report.analysis.changes.is_empty());
        assert!(!html.contains("class=\"change\""));
        assert_eq!(html.matches("class=\"radar\"").count(), 3);

        // A threshold no college reaches: every college hidden, no figure of any,
        // each named once in the "not published" line; no panic, a whole page.
        // The college published by name stays, whatever the threshold.
        let (_, named) = establishment_with(false, Some(1000));
        let ids: Vec<&str> = named
            .analysis
            .colleges
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(ids, ["direction"]);
        let (ins, report) = establishment_from(&unnamed_bytes(), false, Some(1000));
        let a = &report.analysis;
        assert!(a.colleges.is_empty() && a.teams.is_empty());
        assert_eq!(a.hidden_colleges.len(), 4);
        for lang in [Lang::Fr, Lang::En] {
            let html = report.to_html(&ins, lang);
            assert_balanced(&html);
            assert!(!html.contains("data-group="), "{lang:?}");
            assert!(!html.contains("class=\"radar\""));
            // Item texts may use the same words ("Professionals know…"): leave
            // them out before counting the colleges' names.
            let mut rest = html.clone();
            for item in ins.items() {
                let text = html! { (item.text.get(lang)) }.into_string();
                let text = if lang == Lang::Fr {
                    french_spacing(&text)
                } else {
                    text
                };
                rest = rest.replace(&text, "");
            }
            for c in ins.colleges() {
                let label = c.label.get(lang);
                assert_eq!(rest.matches(label).count(), 1, "{label}");
            }
        }
    }
}
