#!/usr/bin/env bash
# Every test of the project, with its own set-up: the command README.md gives and
# .ci/run calls. Safe to run on a fresh machine (Rust, Node 20, Python 3.11, apt).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
rustup target add wasm32-unknown-unknown

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p parcours --features schema --all-targets --locked -- -D warnings

step "build the command line"
cargo build --release --locked -p parcours-cli
PARCOURS=target/release/parcours

step "schemas are up to date (regenerated from the Rust types; UPDATE=1 rewrites them)"
cargo test -p parcours --features schema --test schemas --locked

step "bundled curricula: zero errors, zero warnings, drawable"
"$PARCOURS" validate --deny-warnings curricula/*/curriculum.json

step "bundled positioning instrument and answers: valid, citations checked against the curricula"
"$PARCOURS" validate --deny-warnings --curricula curricula curricula/positioning/instrument.json
"$PARCOURS" validate --deny-warnings --instrument curricula/positioning/instrument.json curricula/positioning/*.csv
for c in curricula/*/curriculum.json; do
  "$PARCOURS" graph "$c" --format dot >/dev/null
  "$PARCOURS" graph "$c" --format mermaid >/dev/null
  "$PARCOURS" graph "$c" --format svg >/dev/null
done

step "docs: no rustdoc warning, no cargo warning (such as two targets named alike)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked 2>&1 | tee target/doc.log
if grep -q '^warning' target/doc.log; then echo "cargo doc warns (see above)"; exit 1; fi

step "the core builds for WebAssembly, with no JavaScript glue inside"
cargo build -p parcours --target wasm32-unknown-unknown --locked
if cargo tree -p parcours --target wasm32-unknown-unknown -e normal --locked | grep -E 'js-sys|wasm-bindgen'; then
  echo "the core must not depend on js-sys or wasm-bindgen"; exit 1
fi

step "editor completion from the schema (Node)"
(cd tests/editor && npm ci --no-audit --no-fund && npm test)

step "the plan optimiser equals CBC's optimum on 200 generated instances (PuLP)"
python3 -m venv target/bench-venv
target/bench-venv/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
target/bench-venv/bin/python bench/plan.py --check --bin "$PARCOURS"

step "the committee's HTML report and the curriculum drawings (SVG) in headless Chromium: radars, no hidden college, legend, junctions, no request, A4 (Node)"
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
(cd tests/report && npm ci --no-audit --no-fund && PARCOURS="$PARCOURS" npm test)

step "the WebAssembly package: built (wasm-bindgen-cli of the locked version, wasm-opt -Oz), the same bytes as the command line in Node and in Chromium, hostile values refused; the <parcours-path> component and its demo page end to end in headless Chromium; the .d.ts files as generated, the README example type-checked, the command line's JSON valid against the output schemas, the npm pack tarball installed offline and run (Node)"
# npm ci first: build.sh installs only when wasm-opt is missing, and the
# component's test needs playwright-core from the same lock file.
(cd bindings/js && npm ci --no-audit --no-fund)
bash bindings/js/build.sh
(cd bindings/js && PARCOURS="$PARCOURS" npm test)

step "the exported API in headless Chromium (wasm-bindgen-test: every bundled profile gives the native golden files' bytes; misuse is a JS error)"
if [ ! -x /usr/bin/chromedriver ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium-driver
fi
# The runner comes with wasm-bindgen-cli, which build.sh installed above at the
# locked version; it serves the test on 127.0.0.1 and reads the browser's binary
# and flags from crates/parcours-wasm/webdriver.json (cargo runs it from there).
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$PWD/target/tools/bin/wasm-bindgen-test-runner" \
  cargo test --locked -p parcours-wasm --target wasm32-unknown-unknown --test web

step "SCORM packages (parcours package scorm, from the built bindings/js): both manifests against the SCORM XSDs (xmllint) and the packaging rules; the package in headless Chromium against scorm-again, 2004 and 1.2: launch, complete, terminate, relaunch, objectives, a failing LMS, suspend_data sizes, no request (Node)"
if ! command -v xmllint >/dev/null; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y libxml2-utils
fi
(cd tests/scorm && npm ci --no-audit --no-fund && PARCOURS="$PARCOURS" npm test)

step "Open edX XBlock (bindings/openedx): the engine on the server (crates/parcours-c for wasm32, in PyPI wasmtime) gives the command line's bytes; the handlers with the engine (pytest); the block in the xblock-sdk workbench on 127.0.0.1 in headless Chromium: Studio save and refusal, mark done, reload, grade, a new curriculum version (Node)"
bash bindings/openedx/build.sh
python3 -m venv target/openedx-venv
target/openedx-venv/bin/pip install --quiet --disable-pip-version-check -r bindings/openedx/requirements-test.txt
target/openedx-venv/bin/pip install --quiet --disable-pip-version-check --force-reinstall --no-deps bindings/openedx
# pytest exits 5 when it collects no test: that is a failure here, said in words.
rc=0; (cd bindings/openedx && PARCOURS="$PARCOURS" ../../target/openedx-venv/bin/python -m pytest -q -p no:cacheprovider) || rc=$?
if [ "$rc" -eq 5 ]; then echo "pytest found no test in bindings/openedx/tests"; exit 1; elif [ "$rc" -ne 0 ]; then exit "$rc"; fi
(cd tests/openedx && npm ci --no-audit --no-fund && PARCOURS="$PARCOURS" npm test)

step "Rust tests"
cargo test --workspace --locked
