#!/usr/bin/env bash
# Builds the npm package's WebAssembly: the `parcours-wasm` crate for wasm32, the
# JavaScript glue by wasm-bindgen-cli of exactly the version in Cargo.lock
# (installed under target/tools when missing), then `wasm-opt -Oz` (npm's binaryen)
# from Debian) to make it small. Prints each artefact's raw and gzipped size.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
bindgen="$root/target/tools/bin/wasm-bindgen"
if [ ! -x "$bindgen" ] || [ "$("$bindgen" --version | awk '{print $2}')" != "$version" ]; then
  echo "==> wasm-bindgen-cli $version (once, under target/tools)"
  cargo install wasm-bindgen-cli --version "$version" --root "$root/target/tools"
fi
# wasm-opt from npm's binaryen (pinned in package-lock.json): Debian's binaryen
# (version 108) turns wasm-bindgen's externref table into a function table, and
# the page then fails at start-up. `--converge` repeats -Oz while it still
# shrinks the module (about 1 KB gzipped more); the producers section names
# only the toolchain.
if [ ! -x "$here/node_modules/.bin/wasm-opt" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
wasm_opt="$here/node_modules/.bin/wasm-opt"

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
cargo build --locked -p parcours-wasm --target wasm32-unknown-unknown --profile wasm
raw="$root/target/wasm32-unknown-unknown/wasm/parcours_wasm.wasm"
out="$here/pkg"
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
"$bindgen" --target web --no-typescript --out-dir "$out.tmp" "$raw"
"$wasm_opt" -Oz --converge --strip-producers --enable-reference-types --enable-multivalue --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$out.tmp/parcours_wasm_bg.wasm" -o "$out.tmp/parcours_wasm_bg.opt.wasm"
mv "$out.tmp/parcours_wasm_bg.opt.wasm" "$out.tmp/parcours_wasm_bg.wasm"
# Whole or not at all: the package only ever sees a finished build.
rm -rf "$out" && mv "$out.tmp" "$out"

# The demo page's list of bundled curricula and profiles (a static server has no
# directory listing).
node "$here/demo/catalog.mjs" >/dev/null

size() { printf '%-28s %9d bytes  %8d gzipped\n' "$(basename "$1")" "$(wc -c < "$1")" "$(gzip -9 -c "$1" | wc -c)"; }
echo "==> sizes"
size "$raw"
size "$out/parcours_wasm_bg.wasm"
size "$out/parcours_wasm.js"
size "$here/index.js"
