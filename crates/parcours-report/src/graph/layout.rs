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
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); rows_count];
    for (v, &r) in node_rank.iter().enumerate() {
        rows[r].push(v);
    }
    // The sweeps below visit each row's nodes and their neighbours in the next
    // row, twelve times each way; a dummy's number comes from its arrow, so a
    // row's nodes lie all over the arrays and every visit would miss the cache.
    // So they work on numbers given row by row (in the rows' first order, which
    // is node order: the same ties), mapped back after.
    let mut new_of = vec![0usize; total];
    let mut old_of: Vec<usize> = Vec::with_capacity(total);
    for row in &mut rows {
        for v in row.iter_mut() {
            new_of[*v] = old_of.len();
            old_of.push(*v);
            *v = new_of[*v];
        }
    }
    // The links between consecutive rows, in chain order.
    let links: Vec<(usize, usize)> = chains
        .iter()
        .flat_map(|chain| chain.windows(2))
        .filter_map(|pair| {
            (node_rank[pair[1]] == node_rank[pair[0]] + 1)
                .then_some((new_of[pair[0]], new_of[pair[1]]))
        })
        .collect();
    let down = Adjacency::new(total, links.iter().copied());
    let up = Adjacency::new(total, links.iter().map(|&(a, b)| (b, a)));
    let rows = ordered(rows, &up, &down, total);
    let x_new = across(&rows, &up, &down, &old_of, &width, n);
    let rows: Vec<Vec<usize>> = rows
        .into_iter()
        .map(|row| row.into_iter().map(|v| old_of[v]).collect())
        .collect();
    let mut x = vec![0.0f64; total];
    for (&v, &value) in old_of.iter().zip(&x_new) {
        x[v] = value;
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
    let mut leaving: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut arriving: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, c) in chains.iter().enumerate() {
        let (a, b) = (c[0], c[c.len() - 1]);
        if rank[b] > rank[a] {
            leaving[a].push(i);
            arriving[b].push(i);
        }
    }
    let mut exit = vec![0.0f64; chains.len()];
    let mut entry = vec![0.0f64; chains.len()];
    let mut here: Vec<(f64, usize)> = Vec::new();
    for (v, spec) in specs.iter().enumerate() {
        for (ports, end, leaves) in [
            (&mut exit, &leaving[v], true),
            (&mut entry, &arriving[v], false),
        ] {
            here.clear();
            here.extend(end.iter().map(|&i| {
                let c = &chains[i];
                // The node next to `v` along the arrow: where it goes or comes from.
                let next = if leaves { c[1] } else { c[c.len() - 2] };
                (x[next], i)
            }));
            sort_keyed(&mut here);
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

/// Each node's neighbours in the next (or the previous) row, in the order the
/// links were given, in one flat array: the sweeps visit every node's neighbours
/// twelve times, and a large curriculum has hundreds of thousands of dummies, so
/// one allocation per node would scatter them in memory.
struct Adjacency {
    /// Where each node's neighbours start in `items`; one more entry at the end.
    start: Vec<usize>,
    items: Vec<usize>,
}

impl Adjacency {
    fn new(nodes: usize, links: impl Iterator<Item = (usize, usize)> + Clone) -> Adjacency {
        let mut start = vec![0usize; nodes + 1];
        for (a, _) in links.clone() {
            start[a + 1] += 1;
        }
        for v in 0..nodes {
            start[v + 1] += start[v];
        }
        let mut next = start.clone();
        let mut items = vec![0usize; start[nodes]];
        for (a, b) in links {
            items[next[a]] = b;
            next[a] += 1;
        }
        Adjacency { start, items }
    }
}

impl std::ops::Index<usize> for Adjacency {
    type Output = [usize];

    fn index(&self, v: usize) -> &[usize] {
        &self.items[self.start[v]..self.start[v + 1]]
    }
}

/// Step 4, x: each row packed from the left, then pulled towards its
/// neighbours, a pass down then a pass up, [`SWEEPS`] passes. Works on the
/// renumbered nodes (see [`layout`]): `old_of` gives each one's own number, by
/// which `width` and dummies (from `n` up) go.
fn across(
    rows: &[Vec<usize>],
    up: &Adjacency,
    down: &Adjacency,
    old_of: &[usize],
    width: &[f64],
    n: usize,
) -> Vec<f64> {
    let width: Vec<f64> = old_of.iter().map(|&v| width[v]).collect();
    let dummy: Vec<bool> = old_of.iter().map(|&v| v >= n).collect();
    let mut x = vec![0.0f64; old_of.len()];
    for row in rows {
        let mut at = 0.0;
        for (i, &v) in row.iter().enumerate() {
            if i > 0 {
                at += gap(dummy[row[i - 1]], dummy[v]);
            }
            x[v] = at + width[v] / 2.0;
            at += width[v];
        }
    }
    // The least distance between neighbours' centres, the same in every pass.
    let seps: Vec<Vec<f64>> = rows
        .iter()
        .map(|row| {
            row.windows(2)
                .map(|p| (width[p[0]] + width[p[1]]) / 2.0 + gap(dummy[p[0]], dummy[p[1]]))
                .collect()
        })
        .collect();
    let mut scratch = Scratch::default();
    let mut unchanged = 0;
    for sweep in 0..SWEEPS {
        // Two passes in a row that moved nothing (one each way) mean that every
        // later pass would move nothing either: the result is already there.
        if unchanged >= 2 {
            break;
        }
        let towards = if sweep % 2 == 0 { up } else { down };
        let mut moved = false;
        for i in 0..rows.len().saturating_sub(1) {
            let r = if sweep % 2 == 0 {
                i + 1
            } else {
                rows.len() - 2 - i
            };
            scratch.wanted.clear();
            for &v in &rows[r] {
                let wanted = median(&towards[v], &x, &mut scratch.values).unwrap_or(x[v]);
                scratch.wanted.push(wanted);
            }
            moved |= place(&rows[r], &seps[r], &mut x, &mut scratch);
        }
        unchanged = if moved { 0 } else { unchanged + 1 };
    }
    x
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
    up: &Adjacency,
    down: &Adjacency,
    total: usize,
) -> Vec<Vec<usize>> {
    // Each node's index in its row, as a number (the barycentres' unit).
    let mut pos = vec![0.0f64; total];
    for row in &rows {
        for (i, &v) in row.iter().enumerate() {
            pos[v] = i as f64;
        }
    }
    let mut counter = Crossings::default();
    let mut changed = vec![true; rows.len()];
    let mut best = rows.clone();
    let mut best_crossings = counter.count(&rows, down, &pos, &changed);
    let mut sorting = SortScratch::default();
    let mut unchanged = 0;
    for sweep in 0..SWEEPS {
        // Two sweeps in a row (one each way) that changed no row mean that every
        // later sweep changes none either, and finds no fewer crossings.
        if unchanged >= 2 {
            break;
        }
        let towards = if sweep % 2 == 0 { up } else { down };
        changed.fill(false);
        for i in 0..rows.len().saturating_sub(1) {
            let r = if sweep % 2 == 0 {
                i + 1
            } else {
                rows.len() - 2 - i
            };
            changed[r] = reorder(&mut rows[r], towards, &mut pos, &mut sorting);
        }
        if !changed.contains(&true) {
            // The same rows as after the last sweep: the same count, which
            // cannot be fewer than the best.
            unchanged += 1;
            continue;
        }
        unchanged = 0;
        let count = counter.count(&rows, down, &pos, &changed);
        if count < best_crossings {
            best_crossings = count;
            best.clone_from(&rows);
        }
    }
    best
}

/// Counts arrow crossings between consecutive rows, in O(E log V) by the
/// accumulator tree of Barth, Jünger and Mutzel ("Simple and efficient bilayer
/// cross counting", 2002) instead of comparing every pair of arrows: with long
/// arrows, a row of a large curriculum holds thousands of dummies. Two arrows
/// cross when their ends are in opposite orders in the two rows (strictly: arrows
/// that share an end do not cross), the count the pairwise comparison gave. Each
/// pair of rows keeps its count, recounted only when one of its rows changed.
#[derive(Default)]
struct Crossings {
    /// Per pair of consecutive rows (r, r + 1), its crossings.
    between: Vec<usize>,
    /// A Fenwick tree over the lower row's positions: how many arrows seen so far
    /// end at each position.
    tree: Vec<usize>,
    /// The lower ends of the arrows leaving one node.
    group: Vec<usize>,
}

impl Crossings {
    /// The crossings of `rows`, recounting the pairs of rows with a row marked in
    /// `changed` (all of them on the first call).
    fn count(
        &mut self,
        rows: &[Vec<usize>],
        down: &Adjacency,
        pos: &[f64],
        changed: &[bool],
    ) -> usize {
        let pairs = rows.len().saturating_sub(1);
        let first = self.between.len() != pairs;
        self.between.resize(pairs, 0);
        for r in 0..pairs {
            if first || changed[r] || changed[r + 1] {
                self.between[r] = self.bilayer(&rows[r], rows[r + 1].len(), down, pos);
            }
        }
        self.between.iter().sum()
    }

    /// The crossings of the arrows from `upper` to the row below, `lower` long.
    ///
    /// After the first sweeps most arrows keep the order of their upper ends, so
    /// the crossings (the out-of-order pairs of lower ends) are few: counting the
    /// moves of an insertion sort finds them in O(E + crossings). Past a budget of
    /// moves, the accumulator tree counts them in O(E log V) instead.
    fn bilayer(&mut self, upper: &[usize], lower: usize, down: &Adjacency, pos: &[f64]) -> usize {
        let sequence = &mut self.group;
        sequence.clear();
        let mut ordered = true;
        let mut sorting = 0;
        for &v in upper {
            let targets = &down[v];
            match targets {
                [] => {}
                // Most nodes, and every dummy: one arrow.
                [w] => sequence.push(pos[*w] as usize),
                _ => {
                    let from = sequence.len();
                    sequence.extend(targets.iter().map(|&w| pos[w] as usize));
                    // A node's own arrows never cross each other: put them in
                    // order first, so that only pairs from different nodes count
                    // below.
                    if !insertion_sort(&mut sequence[from..], &mut sorting, 1 << 16) {
                        ordered = false;
                        break;
                    }
                }
            }
        }
        if ordered {
            let budget = 4 * sequence.len() + 1024;
            let mut crossings = 0;
            if insertion_sort(sequence, &mut crossings, budget) {
                return crossings;
            }
        }
        self.tree_count(upper, lower, down, pos)
    }

    /// [`Crossings::bilayer`] by the accumulator tree.
    fn tree_count(
        &mut self,
        upper: &[usize],
        lower: usize,
        down: &Adjacency,
        pos: &[f64],
    ) -> usize {
        let mut count = 0;
        self.tree.clear();
        self.tree.resize(lower + 1, 0);
        let mut seen = 0;
        // Upper ends in row order, so each arrow is compared with those from
        // nodes to its left; arrows from one node share their upper end and never
        // cross each other, so a node's arrows are all counted before any of them
        // is added.
        for &v in upper {
            self.group.clear();
            self.group.extend(down[v].iter().map(|&w| pos[w] as usize));
            for &p in &self.group {
                // Arrows seen so far ending strictly right of `p`.
                count += seen - self.prefix(p + 1);
            }
            for i in 0..self.group.len() {
                let p = self.group[i];
                self.add(p + 1);
            }
            seen += self.group.len();
        }
        count
    }

    /// How many arrows end at positions below `i` (1-based, inclusive).
    fn prefix(&self, mut i: usize) -> usize {
        let mut sum = 0;
        while i > 0 {
            sum += self.tree[i];
            i &= i - 1;
        }
        sum
    }

    fn add(&mut self, mut i: usize) {
        while i < self.tree.len() {
            self.tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
}

/// Sorts `items` by insertion, adding to `moves` how many places items moved:
/// the number of pairs out of order (strictly: equal items do not move). Stops,
/// returning false, once `moves` passes `budget`.
fn insertion_sort(items: &mut [usize], moves: &mut usize, budget: usize) -> bool {
    for i in 1..items.len() {
        let item = items[i];
        let mut j = i;
        while j > 0 && items[j - 1] > item {
            items[j] = items[j - 1];
            j -= 1;
        }
        items[j] = item;
        *moves += i - j;
        if *moves > budget {
            return false;
        }
    }
    true
}

/// The space between two neighbours of a row, given whether each is a dummy:
/// arrows passing through keep closer to each other and to nodes than nodes do.
fn gap(a_dummy: bool, b_dummy: bool) -> f64 {
    match (a_dummy, b_dummy) {
        (true, true) => DUMMY_GAP,
        (true, false) | (false, true) => (GAP_X + DUMMY_GAP) / 2.0,
        (false, false) => GAP_X,
    }
}

/// Buffers the x passes reuse from row to row.
#[derive(Default)]
struct Scratch {
    wanted: Vec<f64>,
    right: Vec<f64>,
    values: Vec<(f64, usize)>,
}

/// Places `row` as near `scratch.wanted` as the order and the gaps allow: the
/// mean of the leftmost-pushed and the rightmost-pushed placements, `sep[i]`
/// apart between the centres of nodes i and i + 1. Says whether any node moved.
fn place(row: &[usize], sep: &[f64], x: &mut [f64], scratch: &mut Scratch) -> bool {
    let k = row.len();
    if k == 0 {
        return false;
    }
    let Scratch { wanted, right, .. } = scratch;
    right.clear();
    right.extend_from_slice(wanted);
    for i in 1..k {
        right[i] = right[i].max(right[i - 1] + sep[i - 1]);
    }
    // The leftmost-pushed placement, in place of the wanted positions.
    let left = wanted;
    for i in (0..k - 1).rev() {
        left[i] = left[i].min(left[i + 1] - sep[i]);
    }
    let mut moved = false;
    for i in 0..k {
        let placed = (right[i] + left[i]) / 2.0;
        moved |= placed.to_bits() != x[row[i]].to_bits();
        x[row[i]] = placed;
    }
    moved
}

/// Sorts (key, index) pairs by key, then index. Every sort of the layout ends
/// here (not one closure per call site), so the WebAssembly holds one copy of
/// the stable sort for it rather than one per site.
fn sort_keyed(pairs: &mut [(f64, usize)]) {
    pairs.sort_by(by_key_then_index);
}

/// Orders (key, index) pairs by key, then index.
fn by_key_then_index(a: &(f64, usize), b: &(f64, usize)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

/// Puts `row` in the order of its nodes' barycentres (the mean position of
/// their neighbours in `towards`'s row, or their own position without any),
/// ties in row order, and sets `pos` to the new positions. Says whether the
/// order changed.
///
/// This is a sort by (key, index in the row), which `sort_keyed` gives; but
/// the sweeps sort every row twelve times, and a large curriculum's rows hold
/// hundreds of dummies each, whose barycentres are positions in the next row:
/// small whole numbers. So one pass computes the keys, sees whether they are
/// already in order (nothing to do) and takes each key's whole part as its
/// bucket; a counting sort by bucket keeps each bucket in row order; then one
/// pass of insertion puts each bucket in order (stable, so ties stay in row
/// order), in O(n) when, as usual, a bucket holds one key. Keys that are not
/// small non-negative numbers, or buckets too far out of order, go to
/// `sort_keyed`, whose order does not depend on the order it starts from.
fn reorder(
    row: &mut Vec<usize>,
    towards: &Adjacency,
    pos: &mut [f64],
    s: &mut SortScratch,
) -> bool {
    let len = row.len();
    let limit = 4 * len + 64;
    s.keys.clear();
    s.keys.resize(len, 0.0);
    s.bucket.clear();
    s.bucket.resize(len, 0);
    let mut sorted = true;
    let mut previous = 0u64;
    let mut buckets = 0usize;
    let mut whole = true;
    let mut small = true;
    for ((&v, key_of), bucket_of) in row.iter().zip(&mut s.keys).zip(&mut s.bucket) {
        let key = match &towards[v] {
            [] => pos[v],
            // The mean of one: (0 + p) / 1 is p, bit for bit, unless p is -0.0
            // or NaN (which no position is).
            [u] if pos[*u].is_sign_positive() && !pos[*u].is_nan() => pos[*u],
            at => mean(at, pos).unwrap_or(pos[v]),
        };
        let bits = order_bits(key);
        sorted &= bits >= previous;
        previous = bits;
        *key_of = key;
        // `!(key >= 0.0)` also catches NaN.
        if small && key >= 0.0 && key < limit as f64 {
            // Below `limit`: truncating is the floor here, and in range for i64.
            let b = key as i64 as usize;
            // Bit for bit: -0.0 is not the least of bucket 0 (0.0 is).
            whole &= (b as f64).to_bits() == key.to_bits();
            buckets = buckets.max(b + 1);
            *bucket_of = b;
        } else {
            small = false;
        }
    }
    if sorted {
        return false;
    }
    let order = &mut s.order;
    order.clear();
    let mut ordered = small;
    if small {
        let starts = &mut s.starts;
        starts.clear();
        starts.resize(buckets + 1, 0);
        for &b in s.bucket.iter() {
            starts[b + 1] += 1;
        }
        for b in 1..=buckets {
            starts[b] += starts[b - 1];
        }
        order.resize(len, 0);
        for (i, &b) in s.bucket.iter().enumerate() {
            order[starts[b]] = i;
            starts[b] += 1;
        }
        // Indices out of order now lie within one bucket, of keys that are not
        // whole numbers (a whole key is the least of its bucket).
        if !whole {
            ordered = insertion_by_key(order, &s.keys, 4 * len + 64);
        }
    }
    if !ordered {
        let mut pairs: Vec<(f64, usize)> = s.keys.iter().copied().zip(0..).collect();
        sort_keyed(&mut pairs);
        order.clear();
        order.extend(pairs.iter().map(|&(_, i)| i));
    }
    s.row.clear();
    s.row.extend(order.iter().map(|&i| row[i]));
    std::mem::swap(row, &mut s.row);
    for (i, &v) in row.iter().enumerate() {
        pos[v] = i as f64;
    }
    true
}

/// Sorts indices by their `keys` by insertion, ties kept in place; false (the
/// slice part sorted) once the moves pass `budget`.
fn insertion_by_key(order: &mut [usize], keys: &[f64], budget: usize) -> bool {
    let mut moves = 0usize;
    for i in 1..order.len() {
        let item = order[i];
        let key = order_bits(keys[item]);
        let mut j = i;
        while j > 0 && order_bits(keys[order[j - 1]]) > key {
            order[j] = order[j - 1];
            j -= 1;
        }
        order[j] = item;
        moves += i - j;
        if moves > budget {
            return false;
        }
    }
    true
}

/// The buffers of [`reorder`], reused from row to row.
#[derive(Default)]
struct SortScratch {
    keys: Vec<f64>,
    bucket: Vec<usize>,
    starts: Vec<usize>,
    order: Vec<usize>,
    row: Vec<usize>,
}

/// The bits of `x` as an unsigned number in the order of `f64::total_cmp`.
fn order_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    // As `total_cmp`: negative numbers' other bits flipped, then the sign bit
    // flipped so that unsigned order is the signed one.
    (bits ^ ((((bits as i64) >> 63) as u64) >> 1)) ^ (1 << 63)
}

/// The median of the numbers at `at` in `values` (the mean of the middle two
/// for an even count), if any: one far neighbour does not drag a node across the
/// picture. `buffer` is reused between calls.
fn median(at: &[usize], values: &[f64], buffer: &mut Vec<(f64, usize)>) -> Option<f64> {
    match at {
        [] => None,
        // One or two numbers (most nodes, and every dummy): no sort. The sum of
        // two is the same in either order, so this is the sorted pair's mean.
        [a] => Some(values[*a]),
        [a, b] => Some((values[*a] + values[*b]) / 2.0),
        _ => {
            buffer.clear();
            buffer.extend(at.iter().map(|&i| values[i]).zip(0..));
            // Numbers equal for `total_cmp` are the same bits, so any sort
            // gives this order.
            sort_keyed(buffer);
            let k = buffer.len();
            if k % 2 == 1 {
                Some(buffer[k / 2].0)
            } else {
                Some((buffer[k / 2 - 1].0 + buffer[k / 2].0) / 2.0)
            }
        }
    }
}

/// The mean of the numbers at `at` in `values`, if any, summed in that order.
fn mean(at: &[usize], values: &[f64]) -> Option<f64> {
    let (sum, count) = at
        .iter()
        .fold((0.0, 0usize), |(s, c), &i| (s + values[i], c + 1));
    (count > 0).then(|| sum / count as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_testkit::Rng;

    /// Crossings as the layout first counted them: every pair of arrows.
    fn pairwise(rows: &[Vec<usize>], down: &Adjacency, pos: &[f64]) -> usize {
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

    /// Random rows and links between consecutive rows: few, many (past the
    /// insertion's budget), repeated, several from one node.
    fn random_rows(rng: &mut Rng) -> (Vec<Vec<usize>>, Vec<(usize, usize)>) {
        let count = 2 + rng.below(4);
        let mut rows = Vec::new();
        let mut next = 0;
        for _ in 0..count {
            let len = rng.below(60);
            rows.push((next..next + len).collect::<Vec<usize>>());
            next += len;
        }
        let mut links = Vec::new();
        for r in 0..count - 1 {
            if rows[r].is_empty() || rows[r + 1].is_empty() {
                continue;
            }
            for _ in 0..rng.below(4 * rows[r].len() + 1) {
                let a = rows[r][rng.below(rows[r].len())];
                let b = rows[r + 1][rng.below(rows[r + 1].len())];
                links.push((a, b));
            }
        }
        (rows, links)
    }

    #[test]
    fn crossings_count_as_every_pair_does() {
        let mut rng = Rng::new(19);
        for _ in 0..400 {
            let (mut rows, links) = random_rows(&mut rng);
            let total = rows.iter().map(Vec::len).sum();
            let down = Adjacency::new(total, links.iter().copied());
            for row in &mut rows {
                // Shuffled rows: orders far from the links' (many crossings).
                for i in (1..row.len()).rev() {
                    row.swap(i, rng.below(i + 1));
                }
            }
            let mut pos = vec![0.0; total];
            for row in &rows {
                for (i, &v) in row.iter().enumerate() {
                    pos[v] = i as f64;
                }
            }
            let changed = vec![true; rows.len()];
            let mut counter = Crossings::default();
            let expected = pairwise(&rows, &down, &pos);
            assert_eq!(counter.count(&rows, &down, &pos, &changed), expected);
            // The accumulator tree alone, pair of rows by pair of rows.
            let tree: usize = rows
                .windows(2)
                .map(|p| counter.tree_count(&p[0], p[1].len(), &down, &pos))
                .sum();
            assert_eq!(tree, expected);
        }
    }

    #[test]
    fn reordering_sorts_by_barycentre_then_row_order() {
        let mut rng = Rng::new(2026);
        let mut scratch = SortScratch::default();
        for case in 0..600 {
            let (rows, links) = random_rows(&mut rng);
            let total = rows.iter().map(Vec::len).sum();
            let up = Adjacency::new(total, links.iter().map(|&(a, b)| (b, a)));
            let mut pos = vec![0.0; total];
            for row in &rows {
                for (i, &v) in row.iter().enumerate() {
                    pos[v] = i as f64;
                }
            }
            // Now and then, positions that are not small whole numbers (the
            // general road) or equal keys in one bucket.
            if case % 5 == 0 {
                for p in &mut pos {
                    *p = (*p * 7.0).sin() * 1e4;
                }
            }
            let r = rows.len() - 1;
            let keys: Vec<(f64, usize)> = rows[r]
                .iter()
                .enumerate()
                .map(|(i, &v)| (mean(&up[v], &pos).unwrap_or(pos[v]), i))
                .collect();
            let mut expected = keys.clone();
            expected.sort_by(by_key_then_index);
            let expected: Vec<usize> = expected.iter().map(|&(_, i)| rows[r][i]).collect();
            let mut row = rows[r].clone();
            let changed = reorder(&mut row, &up, &mut pos, &mut scratch);
            assert_eq!(row, expected, "case {case}");
            assert_eq!(changed, row != rows[r], "case {case}");
            if changed {
                for (i, &v) in row.iter().enumerate() {
                    assert_eq!(pos[v], i as f64);
                }
            }
        }
    }

    #[test]
    fn the_median_is_the_sorted_middle() {
        let mut rng = Rng::new(7);
        let mut buffer = Vec::new();
        for _ in 0..2000 {
            let values: Vec<f64> = (0..rng.below(7))
                .map(|_| (rng.below(2000) as f64 - 1000.0) / 8.0)
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let k = sorted.len();
            let expected = match k {
                0 => None,
                _ if k % 2 == 1 => Some(sorted[k / 2]),
                _ => Some((sorted[k / 2 - 1] + sorted[k / 2]) / 2.0),
            };
            let at: Vec<usize> = (0..values.len()).collect();
            let got = median(&at, &values, &mut buffer);
            assert_eq!(
                got.map(f64::to_bits),
                expected.map(f64::to_bits),
                "{values:?}"
            );
        }
    }

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
