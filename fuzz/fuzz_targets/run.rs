//! Arbitrary source through parse, compile and run, under a step budget and a memory
//! cap: whatever the program does, Ouro must not crash, leak or panic inside a native
//! function.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let limits = ouro::run::Sandbox { max_steps: 20_000, max_memory: 256 << 20, gc_stress: false };
    let r = ouro::run::run_sandboxed(src, &limits);
    assert_eq!(r.leaked, (0, 0), "leak\n--- source\n{}\n--- output\n{}", src, r.output);
    assert_eq!(r.native_panics, 0, "native panic\n--- source\n{}\n--- output\n{}", src, r.output);
});
