//! Numbers of the SVG drawings written straight into the output: the same
//! characters as `format!("{x:.1}")` and `format!("{x}")` give, without a
//! temporary `String` and without the standard library's general float printing.
//!
//! Why: a drawing writes several coordinates per node and per arrow point (a
//! 1,000-module curriculum, tens of thousands), and `{:.1}` goes through the exact
//! float printer (Grisu, falling back to Dragon, on a formatter and an allocation)
//! for each one: it was most of the time of the SVG of a bundled curriculum
//! (issue 19). A coordinate with one decimal is an integer number of tenths, which
//! exact integer arithmetic on the float's bits gives directly; anything outside
//! the cheap range (huge magnitudes, several significant decimals) goes to the
//! standard formatter, so every output stays what `format!` writes (the
//! property tests below compare the two on millions of values).

use std::fmt::Write as _;

use maud::Render;

/// Appends `x` with one decimal, as `format!("{x:.1}")` writes it: the exact
/// value of the float rounded to tenths, ties to even, `-` for a negative sign
/// (`-0.0` too). Not finite: as `{:.1}` writes it too (`NaN`, `inf`).
pub(crate) fn push_tenths(out: &mut String, x: f64) {
    let mut buffer = [0u8; 24];
    match tenths_ascii(x, &mut buffer) {
        Some(at) => push_ascii(out, &buffer[at..]),
        None => {
            let _ = write!(out, "{x:.1}");
        }
    }
}

/// [`push_tenths`] onto bytes: for a long run of numbers (a path), made into
/// text once (see [`xy_bytes`]).
fn push_tenths_bytes(out: &mut Vec<u8>, x: f64) {
    let mut buffer = [0u8; 24];
    match tenths_ascii(x, &mut buffer) {
        Some(at) => out.extend_from_slice(&buffer[at..]),
        None => out.extend_from_slice(format!("{x:.1}").as_bytes()),
    }
}

/// Writes `x` with one decimal at the end of `buffer`, returning where it
/// starts; `None` past 2^56 and for NaN and infinities, which the standard
/// printer writes (exactly) instead.
fn tenths_ascii(x: f64, buffer: &mut [u8; 24]) -> Option<usize> {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    // x = mantissa × 2^power, exactly.
    let (mantissa, power) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), exponent - 1075)
    };
    if exponent == 0x7ff || power > 3 {
        return None;
    }
    // Tenths = mantissa × 10 × 2^power, rounded half to even: below 2^60.
    let scaled = mantissa * 10;
    let tenths = if power >= 0 {
        scaled << power
    } else {
        let shift = power.unsigned_abs();
        if shift >= 64 {
            // Less than 2^57 × 2^-64: below half a tenth.
            0
        } else {
            let whole = scaled >> shift;
            let rest = scaled & ((1u64 << shift) - 1);
            let half = 1u64 << (shift - 1);
            if rest > half || (rest == half && whole & 1 == 1) {
                whole + 1
            } else {
                whole
            }
        }
    };
    // Written backwards: the tenth, the point, the units and up, the sign.
    let mut at = buffer.len() - 2;
    buffer[at] = b'.';
    buffer[at + 1] = b'0' + (tenths % 10) as u8;
    at = digits_before(buffer, at, tenths / 10);
    if bits >> 63 == 1 {
        at -= 1;
        buffer[at] = b'-';
    }
    Some(at)
}

/// An SVG coordinate onto bytes, as [`Xy`] writes it: one decimal, `0` when
/// not finite. A path's numbers go onto one byte buffer that becomes text once,
/// cheaper than appending each number's few characters to a `String`.
pub(crate) fn xy_bytes(out: &mut Vec<u8>, x: f64) {
    if x.is_finite() {
        push_tenths_bytes(out, x);
    } else {
        out.push(b'0');
    }
}

/// Appends bytes that [`xy_bytes`] and ASCII literals made: always UTF-8.
pub(crate) fn push_bytes(out: &mut String, bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        out.push_str(text);
    }
}

/// Appends `x` as `format!("{x}")` writes it (the shortest decimal that reads
/// back as `x`). Values with at most one decimal and below 2^40 (font sizes,
/// counts) are written from their tenths: for them that decimal is the shortest
/// (two neighbouring floats there are much closer than a tenth apart); others go
/// to the standard printer.
pub(crate) fn push_shortest(out: &mut String, x: f64) {
    let tenths = x * 10.0;
    if x.is_finite() && x.abs() < (1u64 << 40) as f64 && tenths == tenths.trunc() {
        let t = tenths.abs() as u64;
        // The tenths' decimal reads back as `x` (the division rounds correctly).
        if t as f64 / 10.0 == x.abs() {
            if x.is_sign_negative() {
                out.push('-');
            }
            push_integer(out, t / 10);
            if t % 10 != 0 {
                out.push('.');
                out.push(char::from(b'0' + (t % 10) as u8));
            }
            return;
        }
    }
    let _ = write!(out, "{x}");
}

/// Appends an unsigned integer in decimal.
fn push_integer(out: &mut String, n: u64) {
    let mut buffer = [0u8; 20];
    let at = digits_before(&mut buffer, 20, n);
    push_ascii(out, &buffer[at..]);
}

/// Writes the decimal digits of `n` into `buffer` just before index `end`;
/// returns where they start. The buffer has room: a u64 has at most 20 digits.
/// Two digits at a time (one division for two), from a table.
fn digits_before(buffer: &mut [u8], end: usize, mut n: u64) -> usize {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut at = end;
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        at -= 2;
        buffer[at] = PAIRS[pair];
        buffer[at + 1] = PAIRS[pair + 1];
    }
    if n >= 10 {
        let pair = n as usize * 2;
        at -= 2;
        buffer[at] = PAIRS[pair];
        buffer[at + 1] = PAIRS[pair + 1];
    } else {
        at -= 1;
        buffer[at] = b'0' + n as u8;
    }
    at
}

/// Appends ASCII bytes (digits, signs, points), one `char` each: for a handful
/// of bytes, cheaper than checking them as UTF-8 to append them as a `str`.
fn push_ascii(out: &mut String, bytes: &[u8]) {
    out.reserve(bytes.len());
    for &b in bytes {
        out.push(char::from(b));
    }
}

/// An SVG coordinate in a `maud` template: one decimal ([`push_tenths`]), `0`
/// when not finite, as [`crate::format::xy`] writes it; digits need no escaping.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Xy(pub f64);

impl Render for Xy {
    fn render_to(&self, out: &mut String) {
        if self.0.is_finite() {
            push_tenths(out, self.0);
        } else {
            out.push('0');
        }
    }
}

/// A number in a `maud` template as `{}` writes it ([`push_shortest`]), as
/// `maud` itself writes an `f64`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(pub f64);

impl Render for Num {
    fn render_to(&self, out: &mut String) {
        push_shortest(out, self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_testkit::Rng;

    fn tenths(x: f64) -> String {
        let mut s = String::new();
        push_tenths(&mut s, x);
        s
    }

    fn shortest(x: f64) -> String {
        let mut s = String::new();
        push_shortest(&mut s, x);
        s
    }

    fn check(x: f64) {
        assert_eq!(tenths(x), format!("{x:.1}"), "{x:e} ({:#x})", x.to_bits());
        assert_eq!(shortest(x), format!("{x}"), "{x:e} ({:#x})", x.to_bits());
    }

    #[test]
    fn edges_read_as_the_standard_formatter_writes_them() {
        for x in [
            0.0,
            -0.0,
            0.05,
            0.25,
            0.35,
            0.75,
            1.25,
            2.5,
            -0.04,
            -0.05,
            -0.25,
            9.95,
            99.95,
            12.25,
            1e-300,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            0.1,
            0.2,
            0.30000000000000004,
            123_456.75,
            4_503_599_627_370_495.5,
            9_007_199_254_740_993.0,
            7.2e16,
            1e17,
            1e300,
            f64::MAX,
            f64::MIN,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            8.5,
            9.5,
            10.0,
            -10.0,
            1_099_511_627_776.5,
        ] {
            check(x);
        }
    }

    /// Random bit patterns (every exponent), coordinates as the layout makes them
    /// (sums and halves of widths), exact ties (odd multiples of 0.05 and 0.25),
    /// and the floats next to each: two million values in all.
    #[test]
    fn many_values_read_as_the_standard_formatter_writes_them() {
        let mut rng = Rng::new(19);
        for _ in 0..250_000 {
            check(f64::from_bits(rng.next_u64()));
            // Drawing-sized numbers: a few thousand pixels, fine fractions.
            let x = (rng.below(2_000_000) as f64 - 200_000.0) / 64.0;
            check(x);
            check(f64::from_bits(x.to_bits().wrapping_add(1)));
            check(f64::from_bits(x.to_bits().wrapping_sub(1)));
            let tie = (rng.below(100_000) as f64 * 2.0 + 1.0) * 0.05;
            check(tie);
            check(-tie);
            let quarter = rng.below(1 << 20) as f64 / 4.0;
            check(quarter);
            let mixed = (rng.below(10_000) as f64 + 7.0) / 3.0 * 0.5 + 14.0;
            check(mixed);
        }
    }
}
