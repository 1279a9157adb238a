//! `parcours_fuzzing::curriculum_load` under libFuzzer (see that function for what it does).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parcours_fuzzing::curriculum_load(data));
