//! Statistics of answers on an ordinal (Likert) scale: distribution, median, mean,
//! and the Tastle–Wierman consensus.
//!
//! Consensus (Tastle & Wierman, 2007) measures agreement on an ordered scale:
//! `Cns = 1 + Σ pᵢ · log₂(1 − |Xᵢ − μ| / d)`, where `pᵢ` is the share of answers on
//! point `Xᵢ`, `μ` the mean and `d = X_max − X_min` the width of the scale. It is 1
//! when everyone gives the same answer and 0 when answers split evenly between the
//! two ends; unlike a standard deviation it does not depend on the number of points,
//! so items on different scales compare. "Ne sait pas" and blanks are not points of
//! the scale: they are counted apart and never enter these figures.
//!
//! Floats go through `libm` and are rounded to 4 decimals, so the figures are the
//! same bytes on every platform (WebAssembly included).

use serde::Serialize;

use crate::learner::evidence::round4;

/// The figures of one group's answers to one question (or theme).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Summary {
    /// Answers on the scale.
    pub n: u32,
    /// How many answered on each point of the scale, in scale order.
    pub distribution: Vec<u32>,
    /// "Ne sait pas" answers (counted apart).
    pub dont_know: u32,
    /// The mean, on the scale's values.
    pub mean: f64,
    /// The median: the lowest point with at least half the answers at or below it.
    pub median: f64,
    /// Tastle–Wierman consensus, 0 (even split between the ends) to 1 (agreement).
    pub consensus: f64,
    /// The mean placed on the scale from 0 (lowest point) to 1 (highest point).
    pub position: f64,
}

/// Summarises counts per point of a scale whose points have the given values
/// (increasing). `None` when nobody answered on the scale.
pub(crate) fn summarise(values: &[f64], counts: &[u32], dont_know: u32) -> Option<Summary> {
    let n: u32 = counts.iter().sum();
    if n == 0 || values.len() != counts.len() || values.is_empty() {
        return None;
    }
    let total = f64::from(n);
    let mean = values
        .iter()
        .zip(counts)
        .map(|(v, &c)| v * f64::from(c))
        .sum::<f64>()
        / total;
    let lowest = values[0];
    let highest = values[values.len() - 1];
    let width = highest - lowest;
    let mut cumulative = 0u32;
    let mut median = highest;
    for (v, &c) in values.iter().zip(counts) {
        cumulative += c;
        if 2 * cumulative >= n {
            median = *v;
            break;
        }
    }
    let consensus = if width <= 0.0 {
        1.0
    } else {
        1.0 + values
            .iter()
            .zip(counts)
            .filter(|(_, &c)| c > 0)
            .map(|(v, &c)| {
                let p = f64::from(c) / total;
                // 1 − |x − μ|/d is at least 0 (μ lies within the scale); at 0 the
                // term would be −∞, which only happens with nobody at that point.
                p * libm::log2((1.0 - (v - mean).abs() / width).max(f64::MIN_POSITIVE))
            })
            .sum::<f64>()
    };
    let position = if width <= 0.0 {
        1.0
    } else {
        (mean - lowest) / width
    };
    Some(Summary {
        n,
        distribution: counts.to_vec(),
        dont_know,
        mean: round4(mean),
        median,
        consensus: round4(consensus.clamp(0.0, 1.0)),
        position: round4(position),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOUR: [f64; 4] = [1.0, 2.0, 3.0, 4.0];

    #[test]
    fn agreement_is_one_and_an_even_split_between_the_ends_is_zero() {
        for point in 0..4 {
            let mut counts = [0u32; 4];
            counts[point] = 7;
            let s = summarise(&FOUR, &counts, 0).unwrap();
            assert_eq!(s.consensus, 1.0);
            assert_eq!(s.mean, FOUR[point]);
        }
        let split = summarise(&FOUR, &[5, 0, 0, 5], 2).unwrap();
        assert_eq!(split.consensus, 0.0);
        assert_eq!(split.mean, 2.5);
        assert_eq!(split.dont_know, 2);
        assert_eq!(split.n, 10);
    }

    #[test]
    fn known_values_from_the_paper() {
        // Tastle & Wierman's example: a five-point scale, answers 1 and 2 half each
        // give μ = 1.5, Cns = 1 + 2 · 0.5 · log2(1 − 0.5/4) ≈ 0.8074.
        let five = [1.0, 2.0, 3.0, 4.0, 5.0];
        let s = summarise(&five, &[1, 1, 0, 0, 0], 0).unwrap();
        assert_eq!(s.consensus, 0.8074);
        // A uniform spread on five points: Cns ≈ 0.4150... computed directly.
        let u = summarise(&five, &[1, 1, 1, 1, 1], 0).unwrap();
        let expected = 1.0
            + 0.2
                * (2.0 * libm::log2(1.0 - 2.0 / 4.0)
                    + 2.0 * libm::log2(1.0 - 1.0 / 4.0)
                    + libm::log2(1.0));
        assert_eq!(u.consensus, round4(expected));
    }

    #[test]
    fn median_is_the_lowest_point_holding_half_the_answers() {
        assert_eq!(summarise(&FOUR, &[1, 1, 1, 1], 0).unwrap().median, 2.0);
        assert_eq!(summarise(&FOUR, &[0, 1, 0, 2], 0).unwrap().median, 4.0);
        assert_eq!(summarise(&FOUR, &[3, 0, 0, 0], 0).unwrap().position, 0.0);
    }

    #[test]
    fn nobody_on_the_scale_gives_no_figures() {
        assert_eq!(summarise(&FOUR, &[0, 0, 0, 0], 3), None);
        assert_eq!(summarise(&FOUR, &[1, 2], 0), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(120))]

        #[test]
        fn consensus_is_one_in_agreement_and_zero_at_an_even_split(points in 2usize..8, at in 0usize..8, n in 1u32..500) {
            let values: Vec<f64> = (1..=points).map(|v| v as f64).collect();
            let mut counts = vec![0u32; points];
            counts[at % points] = n;
            proptest::prop_assert_eq!(summarise(&values, &counts, 0).unwrap().consensus, 1.0);
            let mut split = vec![0u32; points];
            split[0] = n;
            split[points - 1] = n;
            proptest::prop_assert_eq!(summarise(&values, &split, 0).unwrap().consensus, 0.0);
        }
    }
}
