//! A layered (Sugiyama-style) layout, top to bottom, in stage bands, written here
//! so that the SVG needs no Graphviz and runs in WebAssembly: no I/O, no clock, no
//! hashing, only `+ − × ÷` on `f64`, so the same drawing gives the same
//! coordinates on every target.
//!
//! 1. **Layers**: longest path, band by band (every node of a stage lies below
//!    every node of the stages before), a row holding at most [`ROW_WIDTH`] of
//!    nodes so that the picture keeps an A4 page's shape (a node that does not
//!    fit goes one row down, and so do the nodes after it). Sources marked
//!    `pull_down` (competencies) then move just above their first dependent.
//! 2. **Long arrows** get a dummy node on every row they cross, so they route
//!    between nodes, never through them.
//! 3. **Order** in each row: barycentre sweeps, down then up, keeping the order
//!    with the fewest crossings; ties keep the earlier order (node order first,
//!    which is the document's).
//! 4. **x**: each node moves towards the mean x of its neighbours, rows kept
//!    apart by the average of the leftmost and rightmost placements that respect
//!    the order and the gaps (both are feasible, so their mean is too).
//! 5. **y**: rows stacked with a header above the first row of each band.

use std::collections::BTreeSet;

/// The widest a row may grow before its next node goes one row down.
pub(super) const ROW_WIDTH: f64 = 620.0;
/// Space between two nodes of a row.
const GAP_X: f64 = 14.0;
/// Space between two rows (arrows and their labels cross it).
const GAP_Y: f64 = 26.0;
/// Height of a band's title, above its first row.
pub(super) const BAND_HEAD: f64 = 18.0;
/// Space between a band's edge and its rows.
const BAND_PAD: f64 = 6.0;
/// Space around the whole drawing.
pub(super) const MARGIN: f64 = 10.0;
/// Width a dummy node takes in a row.
const DUMMY: f64 = 4.0;
/// Space between two dummies of a row (two arrows running side by side).
const DUMMY_GAP: f64 = 4.0;
/// Barycentre sweeps and x passes.
const SWEEPS: usize = 12;

/// What the layout needs of a node.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spec {
    pub w: f64,
    pub h: f64,
    pub band: usize,
    /// A source that should sit just above the first node it points to.
    pub pull_down: bool,
}

/// Where everything goes. Coordinates are node centres.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub centres: Vec<(f64, f64)>,
    /// Per arrow, its points: from the source's bottom to the target's top,
    /// through each dummy's row (enter, leave). Even segments cross a gap
    /// between rows (drawn curved), odd ones run down a row (drawn straight).
    pub routes: Vec<Vec<(f64, f64)>>,
    /// Per band, its top and bottom, when it has nodes.
    pub bands: Vec<Option<(f64, f64)>>,
    pub width: f64,
    pub height: f64,
}

/// Lays out `specs` joined by `edges` (from, to) in `bands` bands, from y = `top`.
pub(super) fn layout(specs: &[Spec], edges: &[(usize, usize)], bands: usize, top: f64) -> Layout {
    let n = specs.len();
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        preds[b].push(a);
        succs[a].push(b);
    }
    let order = topological(n, &succs, &preds);
    let rank = ranks(specs, &order, &preds, &succs, bands);

    // Rows, with a dummy node on each row a long arrow crosses.
    let rows_count = rank.iter().copied().max().map_or(0, |r| r + 1);
    let mut width: Vec<f64> = specs.iter().map(|s| s.w).collect();
    let mut node_rank = rank.clone();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    for &(a, b) in edges {
        let mut chain = vec![a];
        if rank[b] > rank[a] {
            for r in rank[a] + 1..rank[b] {
                chain.push(width.len());
                width.push(DUMMY);
                node_rank.push(r);
            }
        }
        chain.push(b);
        chains.push(chain);
    }
    let total = width.len();
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); total];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); total];
    for chain in &chains {
        for pair in chain.windows(2) {
            if node_rank[pair[1]] == node_rank[pair[0]] + 1 {
                down[pair[0]].push(pair[1]);
                up[pair[1]].push(pair[0]);
            }
        }
    }
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); rows_count];
    for (v, &r) in node_rank.iter().enumerate() {
        rows[r].push(v);
    }
    let rows = ordered(rows, &up, &down, total);

    // x: packed, then pulled towards neighbours.
    let mut x = vec![0.0f64; total];
    for row in &rows {
        let mut at = 0.0;
        for (i, &v) in row.iter().enumerate() {
            if i > 0 {
                at += gap(row[i - 1], v, n);
            }
            x[v] = at + width[v] / 2.0;
            at += width[v];
        }
    }
    for sweep in 0..SWEEPS {
        let (range, towards): (Vec<usize>, &Vec<Vec<usize>>) = if sweep % 2 == 0 {
            ((1..rows.len()).collect(), &up)
        } else {
            ((0..rows.len().saturating_sub(1)).rev().collect(), &down)
        };
        for r in range {
            let wanted: Vec<f64> = rows[r]
                .iter()
                .map(|&v| median(towards[v].iter().map(|&u| x[u])).unwrap_or(x[v]))
                .collect();
            place(&rows[r], &wanted, &width, n, &mut x);
        }
    }
    let left = (0..total)
        .map(|v| x[v] - width[v] / 2.0)
        .fold(f64::INFINITY, f64::min);
    let shift = if left.is_finite() { MARGIN - left } else { 0.0 };
    for value in &mut x {
        *value += shift;
    }
    let right = (0..total)
        .map(|v| x[v] + width[v] / 2.0)
        .fold(MARGIN, f64::max);

    // y: rows stacked, a band header above each band's first row.
    let band_of_row: Vec<Option<usize>> = rows
        .iter()
        .map(|row| row.iter().find(|&&v| v < n).map(|&v| specs[v].band))
        .collect();
    let mut row_top = vec![0.0f64; rows.len()];
    let mut row_height = vec![0.0f64; rows.len()];
    let mut band_span: Vec<Option<(f64, f64)>> = vec![None; bands];
    let mut y = top;
    let mut current: Option<usize> = None;
    for r in 0..rows.len() {
        let band = band_of_row[r];
        if band != current || r == 0 {
            if let Some((_, bottom)) = current.and_then(|b| band_span[b].as_mut()) {
                *bottom = y - GAP_Y + BAND_PAD;
                y = *bottom + GAP_Y / 2.0;
            }
            if let Some(b) = band {
                band_span[b] = Some((y, y));
                y += BAND_HEAD + BAND_PAD;
            }
            current = band;
        }
        row_top[r] = y;
        row_height[r] = rows[r]
            .iter()
            .map(|&v| if v < n { specs[v].h } else { 0.0 })
            .fold(8.0, f64::max);
        y += row_height[r] + GAP_Y;
    }
    if let Some((_, bottom)) = current.and_then(|b| band_span[b].as_mut()) {
        *bottom = y - GAP_Y + BAND_PAD;
        y = *bottom + GAP_Y / 2.0;
    }
    let centres: Vec<(f64, f64)> = (0..n)
        .map(|v| (x[v], row_top[rank[v]] + row_height[rank[v]] / 2.0))
        .collect();

    // Where each arrow leaves its source and enters its target: spread along the
    // node's bottom and top edges in the order of where they come from or go,
    // so that arrows into one node keep apart and their heads do not overlap.
    let downward = |c: &Vec<usize>| rank[c[c.len() - 1]] > rank[c[0]];
    let mut exit = vec![0.0f64; chains.len()];
    let mut entry = vec![0.0f64; chains.len()];
    for (v, spec) in specs.iter().enumerate() {
        for (ports, end, other) in [(&mut exit, 0usize, 1usize), (&mut entry, 1, 0)] {
            let mut here: Vec<(f64, usize)> = chains
                .iter()
                .enumerate()
                .filter(|(_, c)| downward(c))
                .filter(|(_, c)| {
                    if end == 0 {
                        c[0] == v
                    } else {
                        c[c.len() - 1] == v
                    }
                })
                .map(|(i, c)| {
                    let next = if other == 1 { c[1] } else { c[c.len() - 2] };
                    (x[next], i)
                })
                .collect();
            here.sort_by(by_key_then_index);
            let k = here.len() as f64;
            let step = (spec.w / (k + 1.0)).min(12.0);
            for (j, &(_, i)) in here.iter().enumerate() {
                ports[i] = (j as f64 - (k - 1.0) / 2.0) * step;
            }
        }
    }
    let routes = chains
        .iter()
        .enumerate()
        .map(|(i, chain)| {
            let (a, b) = (chain[0], chain[chain.len() - 1]);
            let (ax, ay) = centres[a];
            let (bx, by) = centres[b];
            if rank[b] <= rank[a] {
                // Against the stages (a prerequisite in a later stage): straight
                // up, from the source's top to the target's bottom.
                return vec![(ax, ay - specs[a].h / 2.0), (bx, by + specs[b].h / 2.0)];
            }
            let mut points = vec![(ax + exit[i], ay + specs[a].h / 2.0)];
            for &dummy in &chain[1..chain.len() - 1] {
                let r = node_rank[dummy];
                points.push((x[dummy], row_top[r]));
                points.push((x[dummy], row_top[r] + row_height[r]));
            }
            points.push((bx + entry[i], by - specs[b].h / 2.0));
            points
        })
        .collect();

    Layout {
        centres,
        routes,
        bands: band_span,
        width: right + MARGIN,
        height: y - GAP_Y / 2.0 + MARGIN,
    }
}

/// Every node after its predecessors, ties broken by index (Kahn's algorithm);
/// nodes on a cycle, which a checked curriculum has none of, come last in index
/// order.
fn topological(n: usize, succs: &[Vec<usize>], preds: &[Vec<usize>]) -> Vec<usize> {
    let mut pending: Vec<usize> = preds.iter().map(Vec::len).collect();
    let mut ready: BTreeSet<usize> = (0..n).filter(|&v| pending[v] == 0).collect();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    while let Some(v) = ready.pop_first() {
        order.push(v);
        seen[v] = true;
        for &s in &succs[v] {
            pending[s] -= 1;
            if pending[s] == 0 {
                ready.insert(s);
            }
        }
    }
    order.extend((0..n).filter(|&v| !seen[v]));
    order
}

/// Each node's row: longest path band by band, rows at most [`ROW_WIDTH`] wide,
/// then `pull_down` sources just above their first dependent; empty rows removed.
fn ranks(
    specs: &[Spec],
    order: &[usize],
    preds: &[Vec<usize>],
    succs: &[Vec<usize>],
    bands: usize,
) -> Vec<usize> {
    let n = specs.len();
    let mut rank: Vec<Option<usize>> = vec![None; n];
    let mut fill: Vec<f64> = Vec::new();
    let mut start = 0usize;
    for band in 0..bands {
        let mut end = None;
        for &v in order.iter().filter(|&&v| specs[v].band == band) {
            let mut r = preds[v]
                .iter()
                .filter_map(|&p| rank[p].map(|rp| rp + 1))
                .fold(start, usize::max);
            loop {
                if fill.len() <= r {
                    fill.resize(r + 1, 0.0);
                }
                if fill[r] == 0.0 || fill[r] + specs[v].w <= ROW_WIDTH {
                    break;
                }
                r += 1;
            }
            fill[r] += specs[v].w + GAP_X;
            rank[v] = Some(r);
            end = Some(end.map_or(r, |e: usize| e.max(r)));
        }
        if let Some(e) = end {
            start = e + 1;
        }
    }
    let mut rank: Vec<usize> = rank.into_iter().map(|r| r.unwrap_or(0)).collect();
    for &v in order.iter().rev() {
        if !specs[v].pull_down || !preds[v].is_empty() {
            continue;
        }
        let below = succs[v]
            .iter()
            .filter(|&&s| specs[s].band == specs[v].band)
            .map(|&s| rank[s])
            .min();
        if let Some(target) = below.and_then(|b| b.checked_sub(1)) {
            if target > rank[v] && fill[target] + specs[v].w <= ROW_WIDTH {
                fill[rank[v]] -= specs[v].w + GAP_X;
                fill[target] += specs[v].w + GAP_X;
                rank[v] = target;
            }
        }
    }
    // Remove the rows that pulling down emptied.
    let used: BTreeSet<usize> = rank.iter().copied().collect();
    let dense: Vec<usize> = {
        let mut map = vec![0usize; used.last().map_or(0, |&m| m + 1)];
        for (i, &r) in used.iter().enumerate() {
            map[r] = i;
        }
        map
    };
    rank.iter().map(|&r| dense[r]).collect()
}

/// The rows reordered by barycentre sweeps; the order with the fewest crossings
/// seen is kept (the first one on a tie).
fn ordered(
    mut rows: Vec<Vec<usize>>,
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    total: usize,
) -> Vec<Vec<usize>> {
    let mut pos = vec![0.0f64; total];
    let set_positions = |rows: &Vec<Vec<usize>>, pos: &mut Vec<f64>| {
        for row in rows {
            for (i, &v) in row.iter().enumerate() {
                pos[v] = i as f64;
            }
        }
    };
    set_positions(&rows, &mut pos);
    let mut best = rows.clone();
    let mut best_crossings = crossings(&rows, down, &pos);
    for sweep in 0..SWEEPS {
        let (range, towards): (Vec<usize>, &[Vec<usize>]) = if sweep % 2 == 0 {
            ((1..rows.len()).collect(), up)
        } else {
            ((0..rows.len().saturating_sub(1)).rev().collect(), down)
        };
        for r in range {
            let mut keyed: Vec<(f64, usize)> = rows[r]
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let key = mean(towards[v].iter().map(|&u| pos[u])).unwrap_or(pos[v]);
                    (key, i)
                })
                .collect();
            keyed.sort_by(by_key_then_index);
            let row: Vec<usize> = keyed.iter().map(|&(_, i)| rows[r][i]).collect();
            rows[r] = row;
            for (i, &v) in rows[r].iter().enumerate() {
                pos[v] = i as f64;
            }
        }
        let count = crossings(&rows, down, &pos);
        if count < best_crossings {
            best_crossings = count;
            best = rows.clone();
        }
    }
    best
}

/// Arrow crossings between consecutive rows.
fn crossings(rows: &[Vec<usize>], down: &[Vec<usize>], pos: &[f64]) -> usize {
    let mut count = 0;
    for row in rows {
        let mut segments: Vec<(f64, f64)> = Vec::new();
        for &v in row {
            for &w in &down[v] {
                segments.push((pos[v], pos[w]));
            }
        }
        for (i, a) in segments.iter().enumerate() {
            for b in &segments[i + 1..] {
                if (a.0 - b.0) * (a.1 - b.1) < 0.0 {
                    count += 1;
                }
            }
        }
    }
    count
}

/// The space between two neighbours of a row: arrows passing through (dummies,
/// numbered from `n`) keep closer to each other and to nodes than nodes do.
fn gap(a: usize, b: usize, n: usize) -> f64 {
    match (a >= n, b >= n) {
        (true, true) => DUMMY_GAP,
        (true, false) | (false, true) => (GAP_X + DUMMY_GAP) / 2.0,
        (false, false) => GAP_X,
    }
}

/// Places `row` as near `wanted` as the order and the gaps allow: the mean of
/// the leftmost-pushed and the rightmost-pushed placements.
fn place(row: &[usize], wanted: &[f64], width: &[f64], n: usize, x: &mut [f64]) {
    let k = row.len();
    if k == 0 {
        return;
    }
    let sep = |a: usize, b: usize| (width[row[a]] + width[row[b]]) / 2.0 + gap(row[a], row[b], n);
    let mut right = wanted.to_vec();
    for i in 1..k {
        right[i] = right[i].max(right[i - 1] + sep(i - 1, i));
    }
    let mut left = wanted.to_vec();
    for i in (0..k - 1).rev() {
        left[i] = left[i].min(left[i + 1] - sep(i, i + 1));
    }
    for i in 0..k {
        x[row[i]] = (right[i] + left[i]) / 2.0;
    }
}

/// Orders (key, index) pairs by key, then index. Every sort of the layout goes
/// through this one function (not one closure per call site), so the WebAssembly
/// holds one copy of the stable sort for it rather than one per site.
fn by_key_then_index(a: &(f64, usize), b: &(f64, usize)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

/// The median of some numbers (the mean of the middle two for an even count),
/// if any: one far neighbour does not drag a node across the picture.
fn median(values: impl Iterator<Item = f64>) -> Option<f64> {
    // Numbers equal for `total_cmp` are the same bits, so any sort gives this
    // order: the one the layout already instantiates (see `by_key_then_index`).
    let mut keyed: Vec<(f64, usize)> = values.zip(0..).collect();
    keyed.sort_by(by_key_then_index);
    let v: Vec<f64> = keyed.into_iter().map(|(value, _)| value).collect();
    let k = v.len();
    match k {
        0 => None,
        _ if k % 2 == 1 => Some(v[k / 2]),
        _ => Some((v[k / 2 - 1] + v[k / 2]) / 2.0),
    }
}

/// The mean of some numbers, if any.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    (count > 0).then(|| sum / count as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(band: usize) -> Spec {
        Spec {
            w: 100.0,
            h: 40.0,
            band,
            pull_down: false,
        }
    }

    #[test]
    fn arrows_point_down_and_bands_stack() {
        // 0 → 2, 1 → 2 in band 0; 3 in band 1 needs 0 (a long arrow).
        let specs = [spec(0), spec(0), spec(0), spec(1)];
        let edges = [(0, 2), (1, 2), (0, 3)];
        let l = layout(&specs, &edges, 2, 0.0);
        assert!(l.centres[2].1 > l.centres[0].1);
        assert!(l.centres[3].1 > l.centres[2].1, "band 1 lies below band 0");
        let (b0, b1) = (l.bands[0].unwrap(), l.bands[1].unwrap());
        assert!(b0.1 <= b1.0, "bands do not overlap: {b0:?} {b1:?}");
        // The long arrow passes a dummy: 4 points (source, enter, leave, target).
        assert_eq!(l.routes[2].len(), 4);
        // Nodes of one row never overlap.
        assert!((l.centres[0].0 - l.centres[1].0).abs() >= 100.0 + GAP_X - 1e-9);
    }

    #[test]
    fn a_row_never_grows_past_its_width() {
        let specs: Vec<Spec> = (0..12).map(|_| spec(0)).collect();
        let l = layout(&specs, &[], 1, 0.0);
        assert!(l.width <= ROW_WIDTH + 2.0 * MARGIN, "{}", l.width);
        let rows: BTreeSet<i64> = l.centres.iter().map(|c| c.1 as i64).collect();
        assert!(rows.len() >= 2, "twelve wide nodes take several rows");
    }

    #[test]
    fn barycentres_untangle_a_crossing() {
        // Row 0: a, b; row 1: c (needs b), d (needs a): drawn c, d in node order,
        // which crosses; the sweeps swap them.
        let specs = [spec(0), spec(0), spec(0), spec(0)];
        let l = layout(&specs, &[(1, 2), (0, 3)], 1, 0.0);
        let (a, b, c, d) = (
            l.centres[0].0,
            l.centres[1].0,
            l.centres[2].0,
            l.centres[3].0,
        );
        assert_eq!(a < b, d < c, "no crossing: a {a} b {b} c {c} d {d}");
    }

    #[test]
    fn a_pulled_source_sits_just_above_its_dependent() {
        // 0 → 1 → 2; source 3 (pulled) points at 2.
        let mut specs = vec![spec(0), spec(0), spec(0), spec(0)];
        specs[3].pull_down = true;
        let l = layout(&specs, &[(0, 1), (1, 2), (3, 2)], 1, 0.0);
        assert_eq!(l.centres[3].1, l.centres[1].1);
    }
}
