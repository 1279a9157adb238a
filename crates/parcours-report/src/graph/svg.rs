//! The SVG picture: the curriculum's title, its stages as bands, the layered
//! layout of [`super::layout`], and the legend, in one self-contained file (no
//! font, image, script or style sheet from elsewhere) sized to fit an A4 page.
//! Every text goes through `maud`, which escapes it.

use maud::{html, Markup, PreEscaped, Render};
use parcours::curriculum::model::ModuleKind;
use parcours::Lang;

use super::layout::{layout, Layout, Spec, MARGIN};
use super::model::{colour, state_key, words, Drawing, Node, Shape};
use crate::decimal::{push_bytes, xy_bytes, Num, Xy};
use crate::format::{wrap, xy};
use crate::words::module_state;

/// The printable area of an A4 page with 10 mm margins (190 × 277 mm), less a
/// little so that rounding never spills onto a second page, in millimetres.
const PAGE_MM: (f64, f64) = (186.0, 270.0);
/// Millimetres per CSS pixel (96 per inch).
const MM_PER_PX: f64 = 25.4 / 96.0;
/// Width of a legend column.
const LEGEND_COLUMN: f64 = 320.0;
/// Height of the drawing's title line.
const TITLE_LINE: f64 = 18.0;
const FONT: &str = "Helvetica, Arial, sans-serif";

/// A node's text in lines, with its font sizes: what sizes the node.
struct Text {
    title: Vec<String>,
    title_size: f64,
    detail: Vec<String>,
    detail_size: f64,
}

impl Text {
    fn of(node: &Node) -> Text {
        let (chars, size) = match node.shape {
            Shape::Module(_) => (26, 10.0),
            Shape::Junction { .. } => (20, 9.5),
            Shape::Competency => (18, 10.0),
        };
        let detail_chars = match node.shape {
            Shape::Junction { .. } => 22,
            _ => 26,
        };
        Text {
            title: wrap(&node.title, chars, 5),
            title_size: size,
            detail: node
                .detail
                .as_deref()
                .map_or_else(Vec::new, |d| wrap(d, detail_chars, 3)),
            detail_size: 8.5,
        }
    }

    /// Width and height of the node around this text.
    fn size(&self, shape: Shape) -> (f64, f64) {
        let widest = self
            .title
            .iter()
            .map(|l| text_width(l, self.title_size))
            .chain(self.detail.iter().map(|l| text_width(l, self.detail_size)))
            .fold(0.0, f64::max);
        let height = self.title.len() as f64 * line_height(self.title_size)
            + self.detail.len() as f64 * line_height(self.detail_size);
        match shape {
            Shape::Module(_) => ((widest + 16.0).max(90.0), height + 12.0),
            Shape::Junction { .. } => ((widest + 16.0).max(60.0), height + 8.0),
            // An ellipse holds its text in the middle two thirds of its width.
            Shape::Competency => ((widest * 1.3 + 16.0).max(80.0), height + 16.0),
        }
    }
}

/// A generous estimate of a line's width in a sans-serif font, character by
/// character (widths in em of Arial/Helvetica bold, rounded up): wider than the
/// real text, so that no text leaves its box even in capitals (the Chromium test
/// checks it).
fn text_width(line: &str, size: f64) -> f64 {
    line.chars().map(em).sum::<f64>() * size
}

/// The width of a character, in em, rounded up from Arial bold's.
fn em(c: char) -> f64 {
    match c {
        'W' | 'M' | 'm' | 'Œ' | 'Æ' | 'œ' | 'æ' | '@' | '%' => 0.95,
        'w' => 0.8,
        'i' | 'j' | 'l' | '\'' | '’' | '.' | ',' | ':' | ';' | '!' | '|' => 0.3,
        'f' | 't' | 'r' | 'I' | ' ' | '-' | '(' | ')' | '/' => 0.42,
        c if c.is_uppercase() => 0.77,
        _ => 0.62,
    }
}

fn line_height(size: f64) -> f64 {
    size * 1.25
}

pub(super) fn svg(d: &Drawing, lang: Lang) -> String {
    let w = words(lang);
    let texts: Vec<Text> = d.nodes.iter().map(Text::of).collect();
    let specs: Vec<Spec> = d
        .nodes
        .iter()
        .zip(&texts)
        .map(|(node, text)| {
            let (w, h) = text.size(node.shape);
            Spec {
                w,
                h,
                band: node.band,
                pull_down: node.shape == Shape::Competency,
            }
        })
        .collect();
    let edges: Vec<(usize, usize)> = d.edges.iter().map(|e| (e.from, e.to)).collect();
    let title = wrap(&d.title, 80, 2);
    let top = MARGIN + title.len() as f64 * TITLE_LINE + 6.0;
    let l = layout(&specs, &edges, d.bands.len(), top);
    let width = l.width.max(2.0 * LEGEND_COLUMN + 2.0 * MARGIN);
    let entries = legend_entries(d, lang);
    let rows = entries.len().div_ceil(2);
    let legend_top = l.height;
    let legend_height = 24.0 + rows as f64 * LEGEND_ROW + MARGIN;
    let height = legend_top + legend_height;
    // Sized in millimetres so that it prints on one A4 page, never larger than
    // its natural size.
    let scale = 1.0f64
        .min(PAGE_MM.0 / (width * MM_PER_PX))
        .min(PAGE_MM.1 / (height * MM_PER_PX));
    // About how long the picture is, so that its text is not copied as it grows
    // (a large curriculum's is megabytes): a node's markup, a route point's.
    let points: usize = l.routes.iter().map(Vec::len).sum();
    let room = Reserve(4096 + d.nodes.len() * 700 + d.edges.len() * 250 + points * 30);
    // The XML declaration and the last line break inside the template: the
    // picture is written once, never copied into another string.
    let body = html! {
        (room)
        (PreEscaped("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        svg xmlns="http://www.w3.org/2000/svg" class="curriculum-graph" role="img"
            aria-labelledby="graph-title"
            width=(format!("{}mm", xy(width * MM_PER_PX * scale)))
            height=(format!("{}mm", xy(height * MM_PER_PX * scale)))
            viewBox=(format!("0 0 {} {}", xy(width), xy(height)))
            font-family=(FONT) {
            "\n"
            title id="graph-title" { (d.title) } "\n"
            (defs())
            rect width=(Xy(width)) height=(Xy(height)) fill="#ffffff" {} "\n"
            @for (i, line) in title.iter().enumerate() {
                text x=(Xy(MARGIN)) y=(Xy(MARGIN + 13.0 + i as f64 * TITLE_LINE)) font-size="14"
                    font-weight="700" fill="#1f1f1f" { (line) }
                "\n"
            }
            (bands(d, &l, width))
            (arrows(d, &l))
            @for (i, node) in d.nodes.iter().enumerate() {
                (draw_node(node, &texts[i], l.centres[i], (specs[i].w, specs[i].h), lang))
            }
            (legend(&entries, w.legend, legend_top, width, lang))
        }
        "\n"
    };
    body.into_string()
}

/// Writes nothing: makes room in the template's output for that many more
/// bytes.
struct Reserve(usize);

impl Render for Reserve {
    fn render_to(&self, out: &mut String) {
        out.reserve(self.0);
    }
}

/// The arrowheads, solid and grey.
fn defs() -> Markup {
    html! {
        defs {
            marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7"
                markerHeight="7" orient="auto-start-reverse" {
                path d="M0,0 L10,5 L0,10 z" fill=(colour::REQUIRED) {}
            }
            marker id="arrow-recommended" viewBox="0 0 10 10" refX="10" refY="5"
                markerWidth="7" markerHeight="7" orient="auto-start-reverse" {
                path d="M0,0 L10,5 L0,10 z" fill=(colour::RECOMMENDED) {}
            }
        }
        "\n"
    }
}

fn bands(d: &Drawing, l: &Layout, width: f64) -> Markup {
    html! {
        @for (b, band) in d.bands.iter().enumerate() {
            @if let (Some(title), Some((top, bottom))) = (&band.title, l.bands[b]) {
                g class="band" {
                    rect x=(Xy(MARGIN / 2.0)) y=(Xy(top)) width=(Xy(width - MARGIN))
                        height=(Xy(bottom - top)) rx="6"
                        fill=(if b % 2 == 0 { "#f5f8fb" } else { "#edf2f7" })
                        stroke="#c9d3de" stroke-width="1" {}
                    // A halo keeps the title readable where an arrow crosses it.
                    text x=(Xy(MARGIN)) y=(Xy(top + 15.0)) font-size="11" font-weight="700"
                        fill="#1f4e79" stroke="#ffffff" stroke-width="3" paint-order="stroke" {
                        (wrap(title, 90, 1).concat())
                    }
                }
                "\n"
            }
        }
    }
}

/// A route as a path: curves across the gaps between rows, straight lines down
/// the rows that a long arrow crosses. Written straight into the template's
/// output (numbers and letters only: nothing to escape).
struct Route<'a>(&'a [(f64, f64)]);

impl Render for Route<'_> {
    fn render_to(&self, out: &mut String) {
        let points = self.0;
        // About 12 bytes a number, 3 numbers' worth a point.
        let mut d = PathText {
            bytes: Vec::with_capacity(points.len() * 36),
            recent: [(0, 0, 0); 4],
            next: 0,
        };
        if let Some(&(x, y)) = points.first() {
            d.bytes.push(b'M');
            d.pair(x, y);
        }
        for (i, segment) in points.windows(2).enumerate() {
            let ((ax, ay), (bx, by)) = (segment[0], segment[1]);
            if i % 2 == 0 {
                let mid = (ay + by) / 2.0;
                d.bytes.extend_from_slice(b" C");
                d.pair(ax, mid);
                d.bytes.push(b' ');
                d.pair(bx, mid);
                d.bytes.push(b' ');
                d.pair(bx, by);
            } else {
                d.bytes.extend_from_slice(b" L");
                d.pair(bx, by);
            }
        }
        push_bytes(out, &d.bytes);
    }
}

/// A path's text as bytes. A number recurs a lot in a path (a curve's middle
/// twice, a point's x in the next point, a dummy's x in and out of its row):
/// the text of the last few is copied rather than written again.
struct PathText {
    bytes: Vec<u8>,
    /// (the number's bits, where its text starts and ends in `bytes`).
    recent: [(u64, usize, usize); 4],
    /// The slot of `recent` the next new number takes.
    next: usize,
}

impl PathText {
    /// `x,y`, each as [`Xy`] writes it.
    fn pair(&mut self, x: f64, y: f64) {
        self.number(x);
        self.bytes.push(b',');
        self.number(y);
    }

    fn number(&mut self, v: f64) {
        let bits = v.to_bits();
        if let Some(&(_, start, end)) = self
            .recent
            .iter()
            .find(|&&(b, start, end)| b == bits && end > start)
        {
            self.bytes.extend_from_within(start..end);
            return;
        }
        let start = self.bytes.len();
        xy_bytes(&mut self.bytes, v);
        self.recent[self.next] = (bits, start, self.bytes.len());
        self.next = (self.next + 1) % self.recent.len();
    }
}

fn arrows(d: &Drawing, l: &Layout) -> Markup {
    html! {
        @for (e, route) in d.edges.iter().zip(&l.routes) {
            @let (stroke, marker, dash) = if e.required {
                (colour::REQUIRED, "url(#arrow)", None)
            } else {
                (colour::RECOMMENDED, "url(#arrow-recommended)", Some("5 3"))
            };
            g class=(if e.required { "arrow required" } else { "arrow recommended" }) {
                path d=(Route(route)) fill="none" stroke=(stroke) stroke-width="1.3"
                    stroke-dasharray=[dash] marker-end=(marker) {}
                @if let (Some(label), Some(&(ax, ay)), Some(&(bx, by))) = (&e.label, route.first(), route.get(1)) {
                    text class="arrow-label" x=(Xy((ax + bx) / 2.0)) y=(Xy((ay + by) / 2.0 + 3.0))
                        text-anchor="middle" font-size="8.5" fill="#1f1f1f" stroke="#ffffff"
                        stroke-width="3" paint-order="stroke" { (label) }
                }
            }
            "\n"
        }
    }
}

/// Lines of text centred at `x`, the first baseline at `y`.
fn lines(x: f64, y: f64, size: f64, weight: &str, lines: &[String]) -> Markup {
    html! {
        @for (i, line) in lines.iter().enumerate() {
            text x=(Xy(x)) y=(Xy(y + i as f64 * line_height(size))) text-anchor="middle"
                font-size=(Num(size)) font-weight=(weight) fill="#1f1f1f" { (line) }
        }
    }
}

fn draw_node(
    node: &Node,
    text: &Text,
    (cx, cy): (f64, f64),
    (w, h): (f64, f64),
    lang: Lang,
) -> Markup {
    let fill = colour::fill(node);
    let line = colour::line(node.shape);
    let (class, weight) = match node.shape {
        Shape::Module(ModuleKind::Core) => ("node module core", "700"),
        Shape::Module(_) => ("node module optional", "400"),
        Shape::Junction { required: true } => ("node junction required", "700"),
        Shape::Junction { required: false } => ("node junction recommended", "700"),
        Shape::Competency => ("node competency", "400"),
    };
    let text_height = text.title.len() as f64 * line_height(text.title_size)
        + text.detail.len() as f64 * line_height(text.detail_size);
    let first = cy - text_height / 2.0 + text.title_size;
    let detail_top = first + text.title.len() as f64 * line_height(text.title_size)
        - text.title_size
        + text.detail_size
        + 1.0;
    let state = node.state.map(|s| module_state(s, lang).1);
    let key = node.state.map(state_key);
    let (x, y) = (cx - w / 2.0, cy - h / 2.0);
    // The module's id, so that a page (the `<parcours-path>` component) can make
    // the node clickable and ask the engine about it; junctions and
    // competencies have no id of their own to offer, nor the legend's samples.
    let module = (matches!(node.shape, Shape::Module(_)) && !node.key.is_empty())
        .then_some(node.key.as_str());
    html! {
        g class=(class) data-module=[module] data-state=[key] {
            title {
                (node.title)
                @if let Some(d) = &node.detail { " — " (d) }
                @if let Some(s) = state { " — " (s) }
            }
            @match node.shape {
                Shape::Module(ModuleKind::Core) => {
                    rect x=(Xy(x)) y=(Xy(y)) width=(Xy(w)) height=(Xy(h)) rx="2" fill=(fill)
                        stroke=(line) stroke-width="2" {}
                }
                Shape::Module(_) => {
                    rect x=(Xy(x)) y=(Xy(y)) width=(Xy(w)) height=(Xy(h)) rx="9" fill=(fill)
                        stroke=(line) stroke-width="1.3" stroke-dasharray="5 3" {}
                }
                Shape::Junction { required } => {
                    rect x=(Xy(x)) y=(Xy(y)) width=(Xy(w)) height=(Xy(h)) rx=(Xy(h.min(24.0) / 2.0))
                        fill=(fill) stroke=(line) stroke-width="1.3"
                        stroke-dasharray=[(!required).then_some("4 2")] {}
                }
                Shape::Competency => {
                    ellipse cx=(Xy(cx)) cy=(Xy(cy)) rx=(Xy(w / 2.0)) ry=(Xy(h / 2.0)) fill=(fill)
                        stroke=(line) stroke-width="1.3" {}
                }
            }
            (lines(cx, first, text.title_size, weight, &text.title))
            (lines(cx, detail_top, text.detail_size, "400", &text.detail))
            @if let Some(step) = node.step {
                g class="step" {
                    circle cx=(Xy(x)) cy=(Xy(y)) r="8" fill="#1f1f1f" {}
                    text x=(Xy(x)) y=(Xy(y + 3.2)) text-anchor="middle" font-size="9"
                        font-weight="700" fill="#ffffff" { (step) }
                }
            }
        }
        "\n"
    }
}

/// One line of the legend: a sample, and what it means.
enum Sample {
    Node(Node),
    Arrow { required: bool },
    Step,
}

const LEGEND_ROW: f64 = 26.0;

fn legend_entries(d: &Drawing, lang: Lang) -> Vec<(Sample, String)> {
    let w = words(lang);
    let sample = Node::sample;
    let mut entries = vec![
        (
            Sample::Node(sample("", Shape::Module(ModuleKind::Core))),
            w.core.to_string(),
        ),
        (
            Sample::Node(sample("", Shape::Module(ModuleKind::Optional))),
            w.optional.to_string(),
        ),
        (
            Sample::Node(sample("", Shape::Competency)),
            w.competency.to_string(),
        ),
        (
            Sample::Node(sample(
                w.junction_example,
                Shape::Junction { required: true },
            )),
            w.junction.to_string(),
        ),
        (Sample::Arrow { required: true }, w.required.to_string()),
        (Sample::Arrow { required: false }, w.recommended.to_string()),
        (Sample::Arrow { required: true }, w.score.to_string()),
        (Sample::Arrow { required: true }, w.level.to_string()),
    ];
    if d.learner {
        for state in d.states() {
            entries.push((
                Sample::Node(Node {
                    state: Some(state),
                    ..sample("", Shape::Module(ModuleKind::Core))
                }),
                module_state(state, lang).1.to_string(),
            ));
        }
        entries.push((Sample::Step, w.step.to_string()));
    }
    entries
}

fn legend(entries: &[(Sample, String)], title: &str, top: f64, width: f64, lang: Lang) -> Markup {
    let column = (width - 2.0 * MARGIN) / 2.0;
    let rows = entries.len().div_ceil(2);
    // The text beside a 56-pixel sample, wrapped to its column.
    let chars = ((column - 64.0) / (9.0 * 0.6)) as usize;
    html! {
        g class="legend" {
            rect x=(Xy(MARGIN / 2.0)) y=(Xy(top)) width=(Xy(width - MARGIN))
                height=(Xy(24.0 + rows as f64 * LEGEND_ROW)) rx="6" fill="#ffffff"
                stroke="#c9d3de" stroke-width="1" {}
            text x=(Xy(MARGIN)) y=(Xy(top + 15.0)) font-size="11" font-weight="700"
                fill="#1f1f1f" { (title) }
            "\n"
            @for (i, (sample, meaning)) in entries.iter().enumerate() {
                @let x = MARGIN + (i / rows) as f64 * column;
                @let y = top + 24.0 + (i % rows) as f64 * LEGEND_ROW + LEGEND_ROW / 2.0;
                @let text = wrap(meaning, chars.max(10), 2);
                g class="legend-entry" {
                    (legend_sample(sample, x, y, lang))
                    @for (k, line) in text.iter().enumerate() {
                        text x=(Xy(x + 64.0)) y=(Xy(y + 3.0 + (k as f64 - (text.len() as f64 - 1.0) / 2.0) * 11.0))
                            font-size="9" fill="#1f1f1f" { (line) }
                    }
                }
                "\n"
            }
        }
    }
}

fn legend_sample(sample: &Sample, x: f64, y: f64, lang: Lang) -> Markup {
    match sample {
        Sample::Node(node) => {
            let text = Text::of(node);
            let (w, h) = if node.title.is_empty() {
                (52.0, 18.0)
            } else {
                (52.0, 16.0)
            };
            let text = Text {
                title_size: 8.0,
                ..text
            };
            draw_node(node, &text, (x + 26.0, y), (w, h), lang)
        }
        Sample::Arrow { required } => {
            let (stroke, marker) = if *required {
                (colour::REQUIRED, "url(#arrow)")
            } else {
                (colour::RECOMMENDED, "url(#arrow-recommended)")
            };
            html! {
                path d=(format!("M{},{} L{},{}", xy(x), xy(y), xy(x + 52.0), xy(y)))
                    stroke=(stroke) stroke-width="1.3" fill="none"
                    stroke-dasharray=[(!required).then_some("5 3")] marker-end=(marker) {}
            }
        }
        Sample::Step => html! {
            circle cx=(Xy(x + 26.0)) cy=(Xy(y)) r="8" fill="#1f1f1f" {}
            text x=(Xy(x + 26.0)) y=(Xy(y + 3.2)) text-anchor="middle" font-size="9"
                font-weight="700" fill="#ffffff" { "n" }
        },
    }
}
