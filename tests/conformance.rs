//! Runs every script of two corpora with the rules of `../shared/conformance/README.md`
//! and prints `N passed, M failed`: the shared corpus `../shared/conformance` (names like
//! `lang/x.py`) and Ouro's own `tests/py` (names like `ouro/lang/x.py`); both hold
//! CPython 3.11's expected outputs. The test fails when a script listed in
//! `tests/conformance_passing.txt` fails, so that list only grows.
//! Set `OURO_CONFORMANCE_FILTER=substring` to run a subset (matched against the name
//! and the path).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Outcome {
    name: String,
    ok: bool,
    detail: String,
}

/// Prefix of the names of the scripts of Ouro's own corpus.
const OWN_PREFIX: &str = "ouro/";

fn own_corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py")
}

fn corpus_root() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("OURO_CONFORMANCE_DIR") {
        return Some(PathBuf::from(p));
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance");
    p.is_dir().then_some(p)
}

fn scripts(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for d in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy().to_string();
                n.ends_with(".py") && !n.starts_with("mod_") && p.with_file_name(format!("{}.exp", n)).exists()
            })
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// Runs one script; `prefix` is prepended to its path relative to `root` to name it.
/// Every script runs twice: normally, with the leak check (`-X showrefcount` must
/// report that the program left nothing alive), and under `-X gcstress` (a collection
/// at every safe point); both runs must give CPython's results.
fn run_one(root: &Path, prefix: &str, script: &Path) -> Outcome {
    let rel = script.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
    let name = format!("{}{}", prefix, rel);
    for (mode, args) in [("", &["-X", "showrefcount"][..]), ("under -X gcstress: ", &["-X", "gcstress"][..])] {
        if let Err(detail) = run_mode(&rel, script, args) {
            return Outcome { name, ok: false, detail: format!("{}{}", mode, detail) };
        }
    }
    Outcome { name, ok: true, detail: String::new() }
}

fn run_mode(rel: &str, script: &Path, args: &[&str]) -> Result<(), String> {
    let is_error_test = rel.starts_with("errors/");
    let dir = script.parent().unwrap();
    let file = script.file_name().unwrap().to_string_lossy().to_string();
    let exp = std::fs::read(script.with_file_name(format!("{}.exp", file))).unwrap_or_default();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ouro"))
        .args(args)
        .arg(&file)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ouro");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stdout.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stderr.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => break None,
        }
    };
    let out = out_t.join().unwrap_or_default();
    let err = err_t.join().unwrap_or_default();
    let Some(status) = status else {
        return Err("timed out".into());
    };
    let code = status.code().unwrap_or(-1);
    let mut err_text = String::from_utf8_lossy(&err).to_string();
    if err_text.contains("panicked at") || err_text.contains("Fatal Python error") || code == 101 || code == -1 {
        return Err(format!("crashed (status {}): {}", code, last_line(&err_text)));
    }
    if args.contains(&"showrefcount") {
        let leak = last_line(&err_text);
        if !(leak.starts_with('[') && leak.ends_with(" blocks]")) {
            return Err(format!("no leak report on stderr (last line {:?})", leak));
        }
        if leak != "[0 refs, 0 blocks]" {
            return Err(format!("leaked: {}", leak));
        }
        let cut = err_text.trim_end().rfind('\n').map(|i| i + 1).unwrap_or(0);
        err_text.truncate(cut);
    }
    if out != exp {
        return Err(first_difference(&exp, &out));
    }
    if is_error_test {
        let want_exit: i32 = std::fs::read_to_string(script.with_file_name(format!("{}.exit", file))).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
        if code != want_exit {
            return Err(format!("exit status {} (expected {}); stderr: {}", code, want_exit, last_line(&err_text)));
        }
        let want_err = std::fs::read_to_string(script.with_file_name(format!("{}.err", file))).unwrap_or_default();
        if last_line(&err_text) != want_err.trim_end_matches('\n') {
            return Err(format!("stderr last line {:?}, expected {:?}", last_line(&err_text), want_err.trim_end()));
        }
    } else {
        if code != 0 {
            return Err(format!("exit status {}: {}", code, last_line(&err_text)));
        }
        if !err_text.is_empty() {
            return Err(format!("unexpected stderr: {}", last_line(&err_text)));
        }
    }
    Ok(())
}

/// The last non-empty line of stderr, plus the note lines CPython prints after the
/// exception line (the corpus compares the same).
fn last_line(s: &str) -> String {
    s.lines().filter(|l| !l.trim().is_empty()).last().unwrap_or("").to_string()
}

fn first_difference(exp: &[u8], out: &[u8]) -> String {
    let e = String::from_utf8_lossy(exp);
    let o = String::from_utf8_lossy(out);
    for (i, (a, b)) in e.lines().zip(o.lines()).enumerate() {
        if a != b {
            return format!("line {}: expected {:?}, got {:?}", i + 1, a, b);
        }
    }
    format!("expected {} lines, got {}", e.lines().count(), o.lines().count())
}

#[test]
fn conformance() {
    // (root, name prefix) of every corpus present.
    let mut corpora: Vec<(PathBuf, &str)> = Vec::new();
    match corpus_root() {
        Some(root) => corpora.push((root, "")),
        None => println!("conformance corpus not found (expected ../shared/conformance beside the checkout); skipping it"),
    }
    let own = own_corpus_root();
    if own.is_dir() {
        corpora.push((own, OWN_PREFIX));
    }
    let filter = std::env::var("OURO_CONFORMANCE_FILTER").unwrap_or_default();
    let mut all: Vec<(&Path, &str, PathBuf)> = Vec::new();
    for (root, prefix) in &corpora {
        for p in scripts(root) {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if format!("{}{}", prefix, rel).contains(&filter) || p.to_string_lossy().contains(&filter) {
                all.push((root.as_path(), *prefix, p));
            }
        }
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).max(2);
    let queue = std::sync::Mutex::new(all);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let next = queue.lock().unwrap().pop();
                let Some((root, prefix, p)) = next else { break };
                let r = run_one(root, prefix, &p);
                results.lock().unwrap().push(r);
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.name.cmp(&b.name));
    let passing_list = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance_passing.txt");
    let must_pass: Vec<String> = std::fs::read_to_string(&passing_list)
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut regressions = Vec::new();
    for r in &results {
        if !r.ok {
            println!("FAIL {}: {}", r.name, r.detail);
            if must_pass.contains(&r.name) {
                regressions.push(r.name.clone());
            }
        }
    }
    let passed = results.iter().filter(|r| r.ok).count();
    let failed = results.len() - passed;
    if std::env::var("OURO_CONFORMANCE_WRITE").is_ok() {
        let list: Vec<String> = results.iter().filter(|r| r.ok).map(|r| r.name.clone()).collect();
        std::fs::write(&passing_list, list.join("\n") + "\n").unwrap();
    }
    println!("conformance: {} passed, {} failed", passed, failed);
    assert!(regressions.is_empty(), "scripts listed in tests/conformance_passing.txt failed: {:?}", regressions);
}
