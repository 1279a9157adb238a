#!/usr/bin/env bash
# Builds what the XBlock package carries but git does not: the server's engine
# (crates/parcours-c for wasm32, no import, then wasm-opt -Oz when bindings/js has
# installed it) and the browser's runtime (index.js, component.js and the
# wasm-bindgen package of bindings/js, built by bindings/js/build.sh when
# missing). Then `pip install bindings/openedx` installs the XBlock. Prints sizes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
cargo build --locked -p parcours-c --target wasm32-unknown-unknown --profile wasm
raw="$root/target/wasm32-unknown-unknown/wasm/parcours_c.wasm"
engine="$here/parcours_xblock/engine"
mkdir -p "$engine"
wasm_opt="$root/bindings/js/node_modules/.bin/wasm-opt"
if [ -x "$wasm_opt" ]; then
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$raw" -o "$engine/parcours_c.wasm.tmp"
else
  cp "$raw" "$engine/parcours_c.wasm.tmp"
fi
mv "$engine/parcours_c.wasm.tmp" "$engine/parcours_c.wasm"

js="$root/bindings/js"
if [ ! -f "$js/pkg/parcours_wasm_bg.wasm" ]; then
  bash "$js/build.sh"
fi
runtime="$here/parcours_xblock/public/runtime"
rm -rf "$runtime.tmp" && mkdir -p "$runtime.tmp/pkg"
cp "$js/index.js" "$js/component.js" "$runtime.tmp/"
cp "$js/pkg/parcours_wasm.js" "$js/pkg/parcours_wasm_bg.wasm" "$runtime.tmp/pkg/"
rm -rf "$runtime" && mv "$runtime.tmp" "$runtime"

size() { printf '%-44s %9d bytes  %8d gzipped\n' "$1" "$(wc -c < "$2")" "$(gzip -9 -c "$2" | wc -c)"; }
echo "==> sizes"
size "parcours_c.wasm (cargo, profile wasm)" "$raw"
size "engine/parcours_c.wasm (server)" "$engine/parcours_c.wasm"
size "runtime/pkg/parcours_wasm_bg.wasm (browser)" "$runtime/pkg/parcours_wasm_bg.wasm"
