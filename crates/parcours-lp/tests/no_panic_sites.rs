//! The library code has no explicit panic site: no `panic!`, `unreachable!`, `todo!`,
//! `unimplemented!`, `assert!`/`assert_eq!`/`assert_ne!`, `unwrap()` or `expect(`
//! outside tests. Clippy denies `unwrap`, `expect` and `panic` already (the workspace
//! lints); this also catches the assertions and `unreachable!`, which upstream used on
//! numerical paths. `debug_assert!` is allowed (internal invariants only, see lu.rs).

use std::path::Path;

/// The source without comments, block comments and `#[cfg(test)]` items.
fn library_code(source: &str) -> String {
    let mut code = String::new();
    let mut rest = source;
    while let Some(start) = rest.find("#[cfg(test)]") {
        code.push_str(&rest[..start]);
        let item = &rest[start..];
        let brace = item.find('{');
        let semicolon = item.find(';');
        let end = match (brace, semicolon) {
            (_, Some(semi)) if brace.is_none_or(|b| semi < b) => semi + 1,
            (Some(open), _) => {
                let mut depth = 0usize;
                let mut end = item.len();
                for (i, c) in item[open..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = open + i + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            _ => item.len(),
        };
        rest = &item[end..];
    }
    code.push_str(rest);
    code.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn library_code_has_no_panic_site() {
    let forbidden = [
        "panic!(",
        "unreachable!(",
        "todo!(",
        "unimplemented!(",
        " assert!(",
        "(assert!(",
        "\tassert!(",
        " assert_eq!(",
        " assert_ne!(",
        ".unwrap()",
        ".expect(",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut files = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        files += 1;
        let code = library_code(&std::fs::read_to_string(&path).unwrap());
        for line in code.lines() {
            for pattern in forbidden {
                if line.contains(pattern) {
                    found.push(format!("{}: {}", path.display(), line.trim()));
                }
            }
        }
    }
    assert!(files >= 5, "read {files} files");
    assert!(found.is_empty(), "panic sites:\n{}", found.join("\n"));
}

#[test]
fn the_filter_sees_what_it_must() {
    let code = library_code(
        "fn a() { x.unwrap(); } // y.unwrap()\n#[cfg(test)]\nmod t { fn b() { z.unwrap(); } }\nfn c() {}",
    );
    assert!(code.contains("x.unwrap()"));
    assert!(!code.contains("y.unwrap()"));
    assert!(!code.contains("z.unwrap()"));
    assert!(code.contains("fn c()"));
}
