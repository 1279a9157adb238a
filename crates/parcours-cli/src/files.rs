//! Files as the command line reads and writes them.
//!
//! Every read is bounded: past the limit the command stops with one clear message
//! instead of reading `/dev/zero` forever. Every output is written to a temporary
//! file beside it and renamed into place only once every output of the call is
//! complete, so a call leaves all its outputs or none; and an output is never one of
//! the call's inputs nor another output (compared by resolved path and, for files
//! that exist, by device and inode, which also catches hard and symbolic links).

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use crate::CliError;

/// How much one input may hold, by default: 64 MiB. A curriculum of 10,000
/// modules is about 5 MiB, the answers of a large establishment well under 1 MiB.
pub const DEFAULT_MAX_INPUT_MIB: u64 = 64;

/// How long one line of NDJSON may be, by default: 1 MiB (a learner record is a few
/// kilobytes).
pub const DEFAULT_MAX_LINE_KIB: u64 = 1024;

/// The limits of one call.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes one input file may hold.
    pub input: u64,
    /// Bytes one NDJSON line may hold (without its line end).
    pub line: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input: DEFAULT_MAX_INPUT_MIB << 20,
            line: DEFAULT_MAX_LINE_KIB << 10,
        }
    }
}

/// The limits of this process, set once from the command line.
static LIMITS: std::sync::OnceLock<Limits> = std::sync::OnceLock::new();

/// Sets the limits for the rest of the process (the first call wins).
pub fn set_limits(limits: Limits) {
    let _ = LIMITS.set(limits);
}

/// The limits in force.
pub fn limits() -> Limits {
    LIMITS.get().copied().unwrap_or_default()
}

/// Reads a whole input, refusing one larger than the input limit.
pub fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    let limits = limits();
    let failed = |source| CliError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    if file.metadata().map_err(failed)?.is_dir() {
        return Err(CliError::IsADirectory(path.to_path_buf()));
    }
    let mut bytes = Vec::new();
    file.take(limits.input.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > limits.input {
        return Err(CliError::TooLarge {
            path: path.to_path_buf(),
            limit: limits.input,
        });
    }
    Ok(bytes)
}

/// Opens an NDJSON input: a file, or standard input for `-`.
pub fn open_lines(path: &Path) -> Result<Box<dyn BufRead>, CliError> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let failed = |source| CliError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    if file.metadata().map_err(failed)?.is_dir() {
        return Err(CliError::IsADirectory(path.to_path_buf()));
    }
    Ok(Box::new(std::io::BufReader::with_capacity(1 << 20, file)))
}

/// One line of an NDJSON input, read into a block's buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// Where the line's bytes are in the buffer, without `\n` or `\r\n`.
    Text(std::ops::Range<usize>),
    /// A line longer than the limit: its bytes were read and dropped.
    TooLong,
}

/// Reads the next line, keeping at most `limit` bytes of it, at the end of
/// `buffer`; `None` at the end of the input.
///
/// Lines of a block share one buffer (one allocation per block, not per record),
/// and the line end is found by `read_until`'s `memchr`, not byte by byte.
pub fn next_line(
    input: &mut dyn BufRead,
    limit: u64,
    buffer: &mut Vec<u8>,
) -> std::io::Result<Option<Line>> {
    let start = buffer.len();
    let read = input
        .take(limit.saturating_add(1))
        .read_until(b'\n', buffer)?;
    if read == 0 {
        return Ok(None);
    }
    let ended = buffer.last() == Some(&b'\n');
    if ended {
        buffer.pop();
    }
    if (buffer.len() - start) as u64 > limit {
        // `limit + 1` bytes and no line end yet: drop them and the rest of the line.
        buffer.truncate(start);
        if !ended {
            input.skip_until(b'\n')?;
        }
        return Ok(Some(Line::TooLong));
    }
    if buffer.len() > start && buffer.last() == Some(&b'\r') {
        buffer.pop();
    }
    Ok(Some(Line::Text(start..buffer.len())))
}

/// What identifies a file: its resolved path (for one that does not exist yet, its
/// resolved folder and its name) and, when it exists, its device and inode.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    path: PathBuf,
    node: Option<(u64, u64)>,
}

impl Identity {
    fn of(path: &Path) -> Identity {
        let resolved = std::fs::canonicalize(path).ok().or_else(|| {
            let name = path.file_name()?;
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            std::fs::canonicalize(parent).ok().map(|p| p.join(name))
        });
        Identity {
            path: resolved.unwrap_or_else(|| path.to_path_buf()),
            node: node(path),
        }
    }

    fn same(&self, other: &Identity) -> bool {
        self.path == other.path || (self.node.is_some() && self.node == other.node)
    }
}

#[cfg(unix)]
fn node(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn node(_path: &Path) -> Option<(u64, u64)> {
    None
}

/// The outputs of one call, written together at the end.
#[derive(Debug, Default)]
pub struct Outputs {
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl Outputs {
    /// Adds an output (its whole text).
    pub fn add(&mut self, path: &Path, text: String) {
        self.files.push((path.to_path_buf(), text.into_bytes()));
    }

    /// Adds an output of bytes (a zip).
    pub fn add_bytes(&mut self, path: &Path, bytes: Vec<u8>) {
        self.files.push((path.to_path_buf(), bytes));
    }

    /// Refuses the call (before anything is written) when an output is one of
    /// `inputs` or another output.
    pub fn check(paths: &[(&str, &Path)], inputs: &[&Path]) -> Result<(), CliError> {
        let inputs: Vec<Identity> = inputs.iter().map(|p| Identity::of(p)).collect();
        let mut seen: Vec<(&str, Identity)> = Vec::new();
        for &(option, path) in paths {
            let identity = Identity::of(path);
            if inputs.iter().any(|i| i.same(&identity)) {
                return Err(CliError::OutputIsInput {
                    option: option.to_string(),
                    path: path.to_path_buf(),
                });
            }
            if let Some((other, _)) = seen.iter().find(|(_, i)| i.same(&identity)) {
                return Err(CliError::SameOutput {
                    first: (*other).to_string(),
                    second: option.to_string(),
                    path: path.to_path_buf(),
                });
            }
            seen.push((option, identity));
        }
        Ok(())
    }

    /// Writes every output to a temporary file beside it, then renames them all
    /// into place; when a temporary file cannot be written, nothing is renamed.
    pub fn write(self) -> Result<(), CliError> {
        let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
        for (path, text) in &self.files {
            let temporary = temporary_beside(path);
            if let Err(source) = std::fs::write(&temporary, text) {
                let _ = std::fs::remove_file(&temporary);
                for (t, _) in &written {
                    let _ = std::fs::remove_file(t);
                }
                return Err(CliError::WriteFile {
                    path: path.clone(),
                    source,
                });
            }
            written.push((temporary, path.clone()));
        }
        for (i, (temporary, path)) in written.iter().enumerate() {
            if let Err(source) = std::fs::rename(temporary, path) {
                for (t, _) in &written[i..] {
                    let _ = std::fs::remove_file(t);
                }
                return Err(CliError::WriteFile {
                    path: path.clone(),
                    source,
                });
            }
        }
        Ok(())
    }
}

/// `dir/.name.parcours-PID.tmp`: beside the output, so that the rename stays on
/// one file system (and is atomic there).
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.parcours-{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8], limit: u64) -> Vec<String> {
        let mut input = std::io::BufReader::with_capacity(4, bytes);
        let mut out = Vec::new();
        let mut buffer = Vec::new();
        while let Some(line) = next_line(&mut input, limit, &mut buffer).unwrap() {
            out.push(match line {
                Line::Text(t) => String::from_utf8(buffer[t].to_vec()).unwrap(),
                Line::TooLong => "<too long>".into(),
            });
        }
        out
    }

    #[test]
    fn lines_are_split_bounded_and_stripped() {
        assert_eq!(lines(b"ab\ncd\r\n\nlast", 10), ["ab", "cd", "", "last"]);
        assert_eq!(
            lines(b"short\nmuch too long line\nok\n", 6),
            ["short", "<too long>", "ok"]
        );
        assert!(lines(b"", 10).is_empty());
        assert_eq!(lines(b"\n", 10), [""]);
        // At the limit exactly, with and without a line end, and one past it.
        assert_eq!(lines(b"abcdef\nabcdef", 6), ["abcdef", "abcdef"]);
        assert_eq!(
            lines(b"abcdefg\nab\r\nabcdefg", 6),
            ["<too long>", "ab", "<too long>"]
        );
        assert_eq!(lines(b"abcde\r\nx", 6), ["abcde", "x"]);
    }

    #[test]
    fn an_output_is_never_an_input_nor_another_output() {
        let dir = std::env::temp_dir().join(format!("parcours-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let input = dir.join("in.csv");
        std::fs::write(&input, "x").unwrap();
        let link = dir.join("link.csv");
        let _ = std::fs::remove_file(&link);
        std::fs::hard_link(&input, &link).unwrap();
        let other = dir.join("new.md");
        let dotted = dir.join(".").join("in.csv");
        assert!(Outputs::check(&[("--out", &other)], &[&input]).is_ok());
        for path in [&input, &link, &dotted] {
            assert!(matches!(
                Outputs::check(&[("--out", path)], &[&input]),
                Err(CliError::OutputIsInput { .. })
            ));
        }
        assert!(matches!(
            Outputs::check(
                &[("--report", &other), ("--action-plan", &other)],
                &[&input]
            ),
            Err(CliError::SameOutput { .. })
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn outputs_are_written_all_or_nothing() {
        let dir = std::env::temp_dir().join(format!("parcours-outputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("a.md");
        let mut outputs = Outputs::default();
        outputs.add(&good, "a".into());
        outputs.add(&dir.join("no-such-folder").join("b.csv"), "b".into());
        assert!(outputs.write().is_err());
        assert!(!good.exists(), "the first output was not left behind");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            0,
            "no temporary left"
        );
        let mut outputs = Outputs::default();
        outputs.add(&good, "a".into());
        outputs.write().unwrap();
        assert_eq!(std::fs::read_to_string(&good).unwrap(), "a");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
