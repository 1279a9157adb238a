//! Native side of `bench/wasm.mjs`: times the binding's calls (`api::status`,
//! `api::recommend`, `api::plan`) on the same text inputs the WebAssembly
//! package gets, so the two figures measure the same work (reading the record,
//! the engine, writing the JSON). Prints one JSON line per call kind:
//! `{"op": "status", "calls": N, "nsPerCall": X}`.
//!
//! `cargo run --release -p parcours-wasm --example calls -- CURRICULUM RECORD [MIN_MS]`

use parcours::Lang;
use parcours_wasm::api;
use std::time::Instant;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [curriculum, record, rest @ ..] = args.as_slice() else {
        return Err("usage: calls CURRICULUM RECORD [MIN_MS]".into());
    };
    let min_ms: f64 = rest.first().and_then(|s| s.parse().ok()).unwrap_or(300.0);
    let text = std::fs::read_to_string(curriculum).map_err(|e| e.to_string())?;
    let record = std::fs::read_to_string(record).map_err(|e| e.to_string())?;
    let c = api::load(&text)
        .curriculum
        .ok_or("the curriculum does not load")?;
    type Call<'a> = Box<dyn Fn() -> Result<String, api::Refusal> + 'a>;
    let calls: [(&str, Call); 3] = [
        ("status", Box::new(|| api::status(&c, &record, Lang::Fr))),
        (
            "recommend",
            Box::new(|| api::recommend(&c, &record, "{\"top\":3}", Lang::Fr)),
        ),
        ("plan", Box::new(|| api::plan(&c, &record, "", Lang::Fr))),
    ];
    for (op, call) in &calls {
        // Warm up, then as many calls as fill `min_ms`, in rounds that double.
        call().map_err(|e| format!("{op}: {e:?}"))?;
        let mut n = 1u64;
        let (calls, elapsed) = loop {
            let start = Instant::now();
            for _ in 0..n {
                std::hint::black_box(call().map_err(|e| format!("{op}: {e:?}"))?);
            }
            let ms = start.elapsed().as_secs_f64() * 1e3;
            if ms >= min_ms {
                break (n, ms);
            }
            n *= 2;
        };
        println!(
            "{{\"op\":\"{op}\",\"calls\":{calls},\"nsPerCall\":{:.0}}}",
            elapsed * 1e6 / calls as f64
        );
    }
    Ok(())
}
