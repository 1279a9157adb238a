//! `parcours package scorm` as a user meets it, without the WebAssembly build (a
//! stand-in runtime folder holds the seven files under their names): a missing or
//! incomplete runtime is named, with the command that builds it, in French then
//! in English; an invalid curriculum is refused with its diagnostics, an unknown
//! audience with the curriculum's, and nothing is written; the output is never an input; the zip lists the manifest, the
//! runtime, the curriculum, the settings and the edition's schemas, and two runs
//! (two processes) give the same bytes. The manifests against the XSDs, and the
//! package in a browser with a real SCORM runtime, are tests/scorm's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn parcours(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(args)
        .output()
        .expect("cannot start the parcours binary")
}

fn code(output: &Output) -> i32 {
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("panicked"), "panic: {err}");
    output.status.code().expect("killed by a signal")
}

/// A fresh folder under the system's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parcours-scorm-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A stand-in runtime: each expected file, holding its own name.
fn runtime(dir: &Path, leave_out: &[&str]) {
    for name in [
        "index.js",
        "component.js",
        "scorm.js",
        "scorm/launch.html",
        "scorm/lms.js",
        "pkg/parcours_wasm.js",
        "pkg/parcours_wasm_bg.wasm",
    ] {
        if leave_out.contains(&name) {
            continue;
        }
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, name).unwrap();
    }
}

fn curriculum() -> PathBuf {
    root().join("curricula/design-thinking-aidance/curriculum.json")
}

fn package(rt: &Path, c: &Path, edition: &str, lang: &str, out: &Path) -> Output {
    parcours(&[
        "package".as_ref(),
        "scorm".as_ref(),
        "--runtime".as_ref(),
        rt.as_os_str(),
        "--curriculum".as_ref(),
        c.as_os_str(),
        "--scorm".as_ref(),
        edition.as_ref(),
        "--lang".as_ref(),
        lang.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
}

/// The names of a zip's entries, from its central directory (a zip is read
/// back by hand: the test does not trust the crate that wrote it).
fn entries(zip: &[u8]) -> Vec<String> {
    let end = zip
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .expect("no end of central directory");
    let count = u16::from_le_bytes([zip[end + 10], zip[end + 11]]) as usize;
    let mut at = u32::from_le_bytes(zip[end + 16..end + 20].try_into().unwrap()) as usize;
    let mut names = Vec::new();
    for _ in 0..count {
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02");
        let name_len = u16::from_le_bytes([zip[at + 28], zip[at + 29]]) as usize;
        let extra = u16::from_le_bytes([zip[at + 30], zip[at + 31]]) as usize;
        let comment = u16::from_le_bytes([zip[at + 32], zip[at + 33]]) as usize;
        // Fixed time and date: 1980-01-01 00:00 (time 0, date 0x21).
        assert_eq!(&zip[at + 12..at + 16], &[0, 0, 0x21, 0], "fixed time");
        names.push(String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap());
        at += 46 + name_len + extra + comment;
    }
    names
}

#[test]
fn a_missing_runtime_is_named_with_the_command_that_builds_it() {
    let dir = scratch("missing");
    let rt = dir.join("runtime");
    runtime(&rt, &["pkg/parcours_wasm_bg.wasm", "scorm.js"]);
    let out = dir.join("p.zip");
    let output = package(&rt, &curriculum(), "2004", "fr", &out);
    assert_eq!(code(&output), 2);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("il manque scorm.js, pkg/parcours_wasm_bg.wasm"),
        "{err}"
    );
    assert!(err.contains("bash bindings/js/build.sh"), "{err}");
    assert!(!out.exists());
    let output = package(&dir.join("nowhere"), &curriculum(), "1.2", "en", &out);
    assert_eq!(code(&output), 2);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("index.js, component.js") && err.contains("missing; build"),
        "{err}"
    );
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_invalid_curriculum_is_refused_with_its_diagnostics_and_nothing_is_written() {
    let dir = scratch("invalid");
    let rt = dir.join("runtime");
    runtime(&rt, &[]);
    let bad = root().join("tests/fixtures/curricula/invalid/combo-every-problem-at-once.json");
    let out = dir.join("p.zip");
    let output = package(&rt, &bad, "2004", "fr", &out);
    assert_eq!(code(&output), 1);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("erreur[cycle]"), "{err}");
    assert!(!out.exists());
    // An audience the curriculum does not declare is refused, with the ones it does.
    let output = parcours(&[
        "package".as_ref(),
        "scorm".as_ref(),
        "--runtime".as_ref(),
        rt.as_os_str(),
        "--curriculum".as_ref(),
        curriculum().as_os_str(),
        "--audience".as_ref(),
        "equipe".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(code(&output), 2);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("publics possibles : direction (« Direction et encadrement »)"),
        "{err}"
    );
    assert!(!out.exists());
    // The output is never an input.
    let copy = dir.join("c.json");
    std::fs::copy(curriculum(), &copy).unwrap();
    let output = package(&rt, &copy, "2004", "fr", &copy);
    assert_eq!(code(&output), 2);
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(curriculum()).unwrap()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_zip_holds_what_the_manifest_lists_in_name_order_and_the_same_bytes_twice() {
    let dir = scratch("zip");
    let rt = dir.join("runtime");
    runtime(&rt, &[]);
    for (edition, schemas) in [
        (
            "2004",
            &[
                "imscp_v1p1.xsd",
                "adlcp_v1p3.xsd",
                "xml.xsd",
                "XMLSchema.dtd",
            ][..],
        ),
        (
            "1.2",
            &["imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd"][..],
        ),
    ] {
        let a = dir.join(format!("a-{edition}.zip"));
        let b = dir.join(format!("b-{edition}.zip"));
        assert_eq!(code(&package(&rt, &curriculum(), edition, "en", &a)), 0);
        assert_eq!(code(&package(&rt, &curriculum(), edition, "en", &b)), 0);
        let bytes = std::fs::read(&a).unwrap();
        assert_eq!(bytes, std::fs::read(&b).unwrap(), "same inputs, same bytes");
        let names = entries(&bytes);
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "entries in name order");
        for name in [
            "imsmanifest.xml",
            "index.html",
            "index.js",
            "component.js",
            "scorm.js",
            "scorm/lms.js",
            "pkg/parcours_wasm.js",
            "pkg/parcours_wasm_bg.wasm",
            "curriculum.json",
            "parcours-scorm.json",
        ]
        .iter()
        .chain(schemas)
        {
            assert!(
                names.iter().any(|n| n == name),
                "{edition}: {name} in {names:?}"
            );
        }
        assert!(
            !names.iter().any(|n| n == "scorm/launch.html"),
            "the template is index.html"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
