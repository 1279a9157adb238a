//! Batches over NDJSON learner records (recommendations, ready sets): one output
//! line per input line, in input order, on every core. Threads live here, never in the core: the core is a pure
//! function of (curriculum, record), so lines are simply shared out.

use std::io::{BufRead, Write};

use crate::files::{self, Line};

use parcours::{Compiled, Lang, Learner, Outcome, RecommendOptions, Severity};
use serde::Serialize;

/// Lines read before being shared out between threads. Small, so that even a
/// thousand records spread over every core (with 1,024 they all went to one); a
/// block costs two channel sends, nothing beside 64 records' work; and memory
/// stays flat on millions of records.
const BLOCK: usize = 64;

/// A line that could not be used: its number and what is wrong, never its content.
#[derive(Serialize)]
struct BadLine {
    line: usize,
    error: Vec<parcours::DiagnosticOutput>,
}

/// What a batch run saw.
pub struct Summary {
    /// Lines read.
    pub lines: usize,
    /// Lines that gave an error line.
    pub bad: usize,
}

/// What a batch computes for each good record: its output line, written at the
/// end of the block's output (without the line end), or the engine's refusal
/// (reported like a bad line, nothing written).
pub type Job<'a> = dyn Fn(&Compiled, &Learner, &mut Vec<u8>) -> Outcome<()> + Sync + 'a;

/// Recommendations, as one compact JSON line.
pub fn recommendations(
    options: RecommendOptions,
) -> impl Fn(&Compiled, &Learner, &mut Vec<u8>) -> Outcome<()> + Sync {
    move |curriculum, learner, out| {
        parcours::recommend(curriculum, learner, &options)
            .map(|r| serde_json::to_writer(out, &r).unwrap_or_default())
    }
}

/// The ready set (modules the learner can take now), as one compact JSON line.
pub fn ready(curriculum: &Compiled, learner: &Learner, out: &mut Vec<u8>) -> Outcome<()> {
    #[derive(Serialize)]
    struct Ready<'a> {
        learner: &'a str,
        ready: Vec<&'a str>,
    }
    parcours::ready(curriculum, learner).map(|ready| {
        serde_json::to_writer(
            out,
            &Ready {
                learner: learner.id(),
                ready: ready
                    .iter()
                    .map(|&m| curriculum.module(m).id.as_str())
                    .collect(),
            },
        )
        .unwrap_or_default()
    })
}

/// Appends the output line of one input line (its number, its bytes) to `out`,
/// line end included; `false` for an error line.
fn one(
    curriculum: &Compiled,
    number: usize,
    line: Option<&[u8]>,
    job: &Job<'_>,
    lang: Lang,
    out: &mut Vec<u8>,
) -> bool {
    let outcome = match line {
        None => Outcome::refused(parcours::Diagnostic::too_large(&format!(
            "{} Kio",
            files::limits().line >> 10
        ))),
        Some(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => {
            Outcome::refused(parcours::Diagnostic::blank_line())
        }
        Some(bytes) => parcours::load_learner(curriculum, bytes)
            .and_then(|learner| job(curriculum, &learner, out)),
    };
    let ok = outcome.value.is_some();
    if !ok {
        let bad = BadLine {
            line: number,
            error: outcome
                .diagnostics
                .iter()
                .filter(|d| d.severity() == Severity::Error)
                .map(|d| d.to_output(lang))
                .collect(),
        };
        serde_json::to_writer(&mut *out, &bad).unwrap_or_default();
    }
    out.push(b'\n');
    ok
}

/// Why a batch stopped: reading its input or writing its output failed.
#[derive(Debug)]
pub enum Failure {
    /// The input could not be read.
    Read(std::io::Error),
    /// Standard output could not be written.
    Write(std::io::Error),
}

/// Reads NDJSON records from `input` and writes `job`'s line for each to `output`.
///
/// The calling thread reads blocks of lines; worker threads (one per core) turn a
/// block into output lines; a writer thread puts blocks back in input order. Reading,
/// computing and writing overlap, so the cores stay busy.
pub fn run(
    curriculum: &Compiled,
    input: &mut dyn BufRead,
    output: &mut (dyn Write + Send),
    job: &Job<'_>,
    lang: Lang,
) -> Result<Summary, Failure> {
    use std::sync::mpsc;
    use std::sync::{Arc, Mutex};

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // A block: its sequence number, its first line's number, its lines' bytes in
    // one buffer and where each line is. Done: the block's output, its line count
    // and its error lines.
    type Block = (usize, usize, Vec<u8>, Vec<Line>);
    type Done = (usize, Vec<u8>, usize, usize);
    let (job_tx, job_rx) = mpsc::sync_channel::<Block>(threads * 4);
    let (done_tx, done_rx) = mpsc::sync_channel::<Done>(threads * 4);

    std::thread::scope(|scope| {
        // Only the workers hold the receiving end: when they have all stopped (the
        // writer gone, say, on a closed pipe), sending a block fails instead of
        // waiting forever for room.
        let shared = Arc::new(Mutex::new(job_rx));
        for _ in 0..threads {
            let job_rx = Arc::clone(&shared);
            let done_tx = done_tx.clone();
            scope.spawn(move || loop {
                let received = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((seq, first, bytes, lines)) = received else {
                    return;
                };
                let mut out = Vec::with_capacity(bytes.len() / 2 + 64 * lines.len());
                let mut bad = 0;
                for (i, line) in lines.iter().enumerate() {
                    let text = match line {
                        Line::Text(range) => bytes.get(range.clone()),
                        Line::TooLong => None,
                    };
                    bad += usize::from(!one(curriculum, first + i, text, job, lang, &mut out));
                }
                if done_tx.send((seq, out, lines.len(), bad)).is_err() {
                    return;
                }
            });
        }
        drop(shared);
        drop(done_tx);
        let writer = scope.spawn(move || -> std::io::Result<Summary> {
            let mut summary = Summary { lines: 0, bad: 0 };
            let mut pending: std::collections::BTreeMap<usize, (Vec<u8>, usize, usize)> =
                Default::default();
            let mut next = 0;
            for (seq, text, lines, bad) in done_rx {
                pending.insert(seq, (text, lines, bad));
                while let Some((text, lines, bad)) = pending.remove(&next) {
                    output.write_all(&text)?;
                    summary.lines += lines;
                    summary.bad += bad;
                    next += 1;
                }
            }
            output.flush()?;
            Ok(summary)
        });
        let mut seq = 0;
        let mut line_number = 1;
        let read: std::io::Result<()> = (|| loop {
            let mut block = Vec::with_capacity(BLOCK);
            let mut bytes = Vec::new();
            let limit = files::limits().line;
            while block.len() < BLOCK {
                match files::next_line(input, limit, &mut bytes)? {
                    Some(line) => block.push(line),
                    None => break,
                }
            }
            if block.is_empty() {
                return Ok(());
            }
            let count = block.len();
            if job_tx.send((seq, line_number, bytes, block)).is_err() {
                return Ok(());
            }
            seq += 1;
            line_number += count;
        })();
        drop(job_tx);
        let summary = writer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the writer thread failed")))
            .map_err(Failure::Write)?;
        read.map(|()| summary).map_err(Failure::Read)
    })
}
