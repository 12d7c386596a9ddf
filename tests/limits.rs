//! Limits and interruption. `-X max-memory=SIZE` and `-X max-steps=N`: a program past a limit gets a Python
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
fn max_steps_stops_loops_whose_backward_jump_is_fused() {
    // Each loop's body ends in an instruction that runs fused with the backward JUMP
    // (a store, an expression statement): the jump is still the loop's safe point.
    for body in ["x = 1", "len", "x = len"] {
        let src = format!("def f():\n    while True:\n        {body}\nf()\n");
        let (out, err, code) = ouro(&["-X", "max-steps=5000", "-c", &src]);
        assert_eq!(out, "", "{body}");
        assert!(err.ends_with("RuntimeError: step limit exceeded (-X max-steps=5000)\n"), "{body}: stderr: {err}");
        assert_eq!(code, Some(1), "{body}");
    }
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

/// SIGINT during a long loop raises KeyboardInterrupt in the loop; uncaught, it prints
/// CPython's traceback and the process ends by SIGINT, as CPython does.
#[test]
fn sigint_interrupts_a_long_loop() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    let src = "import sys\nprint('ready', flush=True)\ntry:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print('caught', flush=True)\nn = 0\nwhile True:\n    n += 1\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_ouro"))
        .args(["-c", src])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run ouro");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let pid = child.id().to_string();
    let mut line = String::new();
    for want in ["ready\n", "caught\n"] {
        line.clear();
        out.read_line(&mut line).expect("read");
        assert_eq!(line, want);
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(Command::new("kill").args(["-INT", &pid]).status().expect("kill").success());
    }
    let result = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&result.stderr);
    assert!(err.starts_with("Traceback (most recent call last):\n") && err.ends_with("KeyboardInterrupt\n"), "stderr: {}", err);
    assert_eq!(result.status.signal(), Some(2));
}

/// `run_sandboxed`: fresh interpreters one after another on one thread, output captured,
/// limits applied, and nothing left alive afterwards.
#[test]
fn sandboxed_runs_capture_and_leave_nothing() {
    let limits = ouro::run::Sandbox { max_steps: 100_000, max_memory: 64 << 20, gc_stress: false };
    let r = ouro::run::run_sandboxed("import sys\nprint('hi')\nclass A: pass\na = A(); a.a = a\nsys.stderr.write('err\\n')\n", &limits);
    assert_eq!((r.status, r.output.as_str(), r.leaked), (0, "hi\nerr\n", (0, 0)));
    let r = ouro::run::run_sandboxed("while True: pass\n", &limits);
    assert_eq!(r.status, 1);
    assert!(r.output.ends_with("RuntimeError: step limit exceeded (-X max-steps=100000)\n"), "{}", r.output);
    assert_eq!(r.leaked, (0, 0));
    let stress = ouro::run::Sandbox { gc_stress: true, ..limits };
    let r = ouro::run::run_sandboxed("l = []\nfor i in range(100):\n    l.append([l])\nraise SystemExit(3)\n", &stress);
    assert_eq!((r.status, r.output.as_str(), r.leaked), (3, "", (0, 0)));
}

/// A huge power is computed (or fails cleanly), never an abort.
#[test]
fn huge_power_is_a_clean_result() {
    let (out, err, code) = ouro(&["-c", "x = 10 ** 10 ** 7\nprint(x.bit_length() > 3 * 10 ** 7, x % 7)"]);
    assert_eq!((out.as_str(), code), ("True 4\n", Some(0)), "stderr: {}", err);
}
