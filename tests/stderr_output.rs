//! Scripts whose stderr is part of their behaviour (gc debug lines, "Exception ignored
//! in" reports): each `tests/stderr/NAME.py` runs under Ouro and its stdout, stderr and exit
//! status must equal CPython 3.11's, stored beside it as `NAME.py.stdout` and
//! `NAME.py.stderr` by `python3 scripts/regen_stderr.py`. Addresses, elapsed times and
//! the per-generation object counts (which count the interpreter's own objects) are
//! normalized on both sides, as is the scripts' folder in file names.

use std::path::Path;
use std::process::Command;

fn normalize(text: &str, folder: &str) -> String {
    let text = text.replace(&format!("{}/", folder), "");
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(i) = line.find("objects in each generation: ") {
            out.push_str(&line[..i]);
            out.push_str("objects in each generation: ?\n");
            continue;
        }
        out.push_str(&normalize_line(line));
    }
    out
}

/// Replaces `0x<hex>` with `0x?` and `<digits>.<digits>s elapsed` with `?s elapsed`.
fn normalize_line(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'0' && b.get(i + 1) == Some(&b'x') && b.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit()) {
            out.push_str("0x?");
            i += 2;
            while i < b.len() && b[i].is_ascii_hexdigit() {
                i += 1;
            }
            continue;
        }
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let mut j = i;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'.') {
                j += 1;
            }
            if line[j..].starts_with("s elapsed") && line[i..j].contains('.') {
                out.push('?');
                i = j;
                continue;
            }
        }
        let c = line[i..].chars().next().expect("in bounds");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[test]
fn stderr_matches_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("stderr");
    let folder = dir.to_str().expect("utf-8 path").to_string();
    let mut scripts: Vec<_> = std::fs::read_dir(&dir).expect("tests/stderr").filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "py")).collect();
    scripts.sort();
    assert!(!scripts.is_empty());
    let mut failures = Vec::new();
    for script in &scripts {
        let name = script.file_name().and_then(|n| n.to_str()).expect("name").to_string();
        let out = Command::new(env!("CARGO_BIN_EXE_ouro")).arg(&name).current_dir(&dir).output().expect("run ouro");
        let want_err = std::fs::read_to_string(script.with_extension("py.stderr")).expect("expected stderr");
        let want_out = std::fs::read_to_string(script.with_extension("py.stdout")).expect("expected stdout");
        let got_err = normalize(&String::from_utf8_lossy(&out.stderr), &folder);
        let got_out = String::from_utf8_lossy(&out.stdout).to_string();
        if got_err != want_err || got_out != want_out || out.status.code() != Some(0) {
            failures.push(format!("{}:\n--- stderr want\n{}--- stderr got\n{}--- stdout want\n{}--- stdout got\n{}status {:?}", name, want_err, got_err, want_out, got_out, out.status.code()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn normalization() {
    assert_eq!(normalize_line("gc: done, 2 unreachable, 0.0012s elapsed\n"), "gc: done, 2 unreachable, ?s elapsed\n");
    assert_eq!(normalize_line("<A 0x7f00ab>"), "<A 0x?>");
    assert_eq!(normalize("x: objects in each generation: 1 2 3\n", "/d"), "x: objects in each generation: ?\n");
    assert_eq!(normalize("File \"/d/a.py\"", "/d"), "File \"a.py\"");
}

/// sys.stdin reads the process's standard input through the same buffer as input().
#[test]
fn stdin_shares_input_buffer() {
    use std::io::Write;
    let src = "import sys\nprint(input())\nprint(repr(sys.stdin.readline()))\nprint(input())\nfor line in sys.stdin:\n    print('line', repr(line))\n    break\nprint(repr(sys.stdin.read(3)), repr(sys.stdin.read()))\nprint(repr(sys.stdin.readline()), sys.stdin.name)\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_ouro"))
        .args(["-c", src])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run ouro");
    child.stdin.take().expect("stdin").write_all("a\nb\nc\nd\néfg\nh\n".as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    // CPython 3.11.7 prints exactly this for the same program and input.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "a\n'b\\n'\nc\nline 'd\\n'\n'éfg' '\\nh\\n'\n'' <stdin>\n");
}

/// Tracebacks of `-c` code and of a program read from stdin show no source lines, and
/// a source file holding a NUL is a SyntaxError at the NUL's line showing the text before
/// it; CPython 3.11.7 prints exactly these (and exits with status 1).
#[test]
fn pseudo_file_tracebacks_and_null_bytes() {
    use std::io::Write;
    let out = Command::new(env!("CARGO_BIN_EXE_ouro")).args(["-c", "def f(): 1/0\nf()"]).output().expect("run ouro");
    let want = "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\n  File \"<string>\", line 1, in f\nZeroDivisionError: division by zero\n";
    assert_eq!((String::from_utf8_lossy(&out.stderr).as_ref(), out.status.code()), (want, Some(1)));

    let mut child = Command::new(env!("CARGO_BIN_EXE_ouro"))
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run ouro");
    child.stdin.take().expect("stdin").write_all(b"x = 1\nx.y\n").expect("write");
    let out = child.wait_with_output().expect("wait");
    let want = "Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\nAttributeError: 'int' object has no attribute 'y'\n";
    assert_eq!((String::from_utf8_lossy(&out.stderr).as_ref(), out.status.code()), (want, Some(1)));

    let dir = std::env::temp_dir().join(format!("ouro-nul-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("nul.py"), b"print(1)\n# a\0b\nprint(2)\n").expect("write script");
    let out = Command::new(env!("CARGO_BIN_EXE_ouro")).arg("nul.py").current_dir(&dir).output().expect("run ouro");
    let path = std::path::absolute(dir.join("nul.py")).expect("absolute");
    let want = format!("  File \"{}\", line 2\n    # a\nSyntaxError: source code cannot contain null bytes\n", path.display());
    assert_eq!((String::from_utf8_lossy(&out.stdout).as_ref(), String::from_utf8_lossy(&out.stderr).to_string(), out.status.code()), ("", want, Some(1)));
    let _ = std::fs::remove_dir_all(&dir);
}
