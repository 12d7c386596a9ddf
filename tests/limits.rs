//! `-X max-memory=SIZE` and `-X max-steps=N`: a program past a limit gets a Python
//! exception (MemoryError / RuntimeError naming the limit), not a crash or a hang; the
//! limits can also be set from Rust.

use std::process::Command;

fn ouro(args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_ouro")).args(args).output().expect("run ouro");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code())
}

#[test]
fn max_memory_raises_memory_error_and_recovers() {
    let src = "x = []\ntry:\n    while True:\n        x.append([0] * 1000)\nexcept MemoryError:\n    big = len(x) > 1000\n    x = None\n    print('MemoryError', big)\ny = [[0] * 1000 for i in range(100)]\nprint('after', len(y))\n";
    let (out, err, code) = ouro(&["-X", "max-memory=64M", "-c", src]);
    assert_eq!(out, "MemoryError True\nafter 100\n", "stderr: {}", err);
    assert_eq!(code, Some(0));
}

#[test]
fn max_steps_stops_an_endless_loop() {
    let src = "def f(): pass\ntry:\n    while True: f()\nexcept RuntimeError as e:\n    print(e)\nwhile True:\n    try:\n        pass\n    except RuntimeError:\n        pass\n";
    let (out, err, code) = ouro(&["-X", "max-steps=5000", "-c", src]);
    assert_eq!(out, "step limit exceeded (-X max-steps=5000)\n");
    assert!(err.ends_with("RuntimeError: step limit exceeded (-X max-steps=5000)\n"), "stderr: {}", err);
    assert_eq!(code, Some(1));
}

#[test]
fn bad_limit_values_are_rejected() {
    let (_, err, code) = ouro(&["-X", "max-memory=lots", "-c", "pass"]);
    assert!(err.contains("-X max-memory: invalid size"));
    assert_eq!(code, Some(2));
}

#[test]
fn limits_from_rust() {
    let vm = ouro::Vm::new();
    ouro::memory::limits::set_max_steps(1000);
    let status = ouro::run::run_main(&vm, "while True:\n    pass\n", "<limits>");
    ouro::memory::limits::set_max_steps(u64::MAX);
    assert_eq!(status, 1);
}
