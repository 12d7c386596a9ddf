//! The interactive prompt, driven through a pseudo-terminal (`rexpect`), plus the
//! entry-collection logic (`ouro::repl::Entry`) on its own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use ouro::repl::{Entry, Step};
use rexpect::process::{Signal, WaitStatus};
use rexpect::reader::Options;
use rexpect::session::PtySession;

const TIMEOUT_MS: u64 = 30_000;

/// A directory of one test's own (its history file), removed with its contents when
/// the test ends, whether it passes or fails.
struct TempDir(PathBuf);

impl std::ops::Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(name: &str) -> TempDir {
    let d = std::env::temp_dir().join(format!("ouro-repl-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    TempDir(d)
}

fn command(history: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ouro"));
    cmd.args(args)
        .env("OURO_HISTORY", history)
        .env("OURO_AUTOINDENT", "0")
        .env("TERM", "xterm")
        .env("HOME", history.parent().unwrap_or(Path::new("/")));
    cmd
}

fn spawn_cmd(cmd: Command) -> PtySession {
    rexpect::spawn_with_options(cmd, Options::new().timeout_ms(Some(TIMEOUT_MS)).strip_ansi_escape_codes(true)).expect("spawn ouro in a pty")
}

/// A session at its first prompt.
fn start(history: &Path) -> PtySession {
    let mut p = spawn_cmd(command(history, &[]));
    p.exp_string("Ouro ").expect("banner");
    p.exp_string(">>> ").expect("first prompt");
    p
}

/// Sends one line and waits for `prompt` after it.
fn line(p: &mut PtySession, text: &str, prompt: &str) {
    p.send_line(text).expect("send");
    p.exp_string(prompt).unwrap_or_else(|e| panic!("no {:?} after {:?}: {}", prompt, text, e));
}

/// Sends one line, expects `output` at the start of an output line, then the next
/// primary prompt. (Waiting for the output first matters after Tab or history keys:
/// rustyline then redraws the edited line, prompt included.)
fn check(p: &mut PtySession, text: &str, output: &str) {
    p.send_line(text).expect("send");
    if !output.is_empty() {
        p.exp_string(&format!("\n{}", output)).unwrap_or_else(|e| panic!("after {:?} expected {:?}: {}", text, output, e));
    }
    p.exp_string(">>> ").unwrap_or_else(|e| panic!("no prompt after {:?}: {}", text, e));
}

/// Types `text` (no newline added).
fn keys(p: &mut PtySession, text: &str) {
    p.send(text).expect("send");
    p.flush().expect("flush");
}

fn exit_status(p: &PtySession) -> WaitStatus {
    p.process().wait().expect("wait")
}

fn exit_code(p: &PtySession) -> Option<i32> {
    match exit_status(p) {
        WaitStatus::Exited(_, code) => Some(code),
        _ => None,
    }
}

#[test]
fn multiline_def_echo_and_underscore() {
    let dir = temp_dir("def");
    let mut p = start(&dir.join("hist"));
    line(&mut p, "def double(x):", "... ");
    line(&mut p, "    y = x * 2", "... ");
    line(&mut p, "    return y", "... ");
    line(&mut p, "", ">>> ");
    check(&mut p, "double(21)", "42");
    check(&mut p, "_ + 1", "43");
    check(&mut p, "print('printed')", "printed");
    check(&mut p, "[n * n for n in range(4)]", "[0, 1, 4, 9]");
    check(&mut p, "'text'", "'text'");
    // Brackets continue without waiting for an empty line.
    line(&mut p, "t = (1,", "... ");
    line(&mut p, "     2)", ">>> ");
    check(&mut p, "t", "(1, 2)");
    // A one-line compound statement also ends with an empty line.
    line(&mut p, "for i in range(2): print('loop', i)", "... ");
    check(&mut p, "", "loop 1");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("eof");
    assert_eq!(exit_code(&p), Some(0));
}

#[test]
fn exception_then_session_continues() {
    let dir = temp_dir("exc");
    let mut p = start(&dir.join("hist"));
    p.send_line("1/0").expect("send");
    let out = p.exp_string(">>> ").expect("prompt after traceback");
    assert!(out.contains("Traceback (most recent call last):"), "{:?}", out);
    assert!(out.contains("File \"<stdin>\", line 1, in <module>"), "{:?}", out);
    assert!(out.contains("ZeroDivisionError: division by zero"), "{:?}", out);
    check(&mut p, "value = 7", "");
    check(&mut p, "value * 6", "42");
    line(&mut p, "def bad():", "... ");
    line(&mut p, "    return missing_name", "... ");
    line(&mut p, "", ">>> ");
    p.send_line("bad()").expect("send");
    let out = p.exp_string(">>> ").expect("prompt");
    assert!(out.contains("File \"<stdin>\", line 2, in bad"), "{:?}", out);
    assert!(out.contains("NameError: name 'missing_name' is not defined"), "{:?}", out);
    // SyntaxErrors are reported like CPython's interactive ones, and the session goes on.
    p.send_line("1 +").expect("send");
    let out = p.exp_string(">>> ").expect("prompt");
    assert!(out.contains("File \"<stdin>\", line 1\r\n    1 +\r\n       ^\r\nSyntaxError: invalid syntax"), "{:?}", out);
    check(&mut p, "value", "7");
    p.send_line("exit(3)").expect("send");
    p.exp_eof().expect("eof");
    assert_eq!(exit_code(&p), Some(3));
}

#[test]
fn ctrl_c_interrupts_running_code_and_the_prompt() {
    let dir = temp_dir("intr");
    let mut p = start(&dir.join("hist"));
    // At the prompt: the line is discarded.
    keys(&mut p, "half typed");
    p.send_control('c').expect("ctrl-c");
    p.exp_string("KeyboardInterrupt").expect("KeyboardInterrupt at the prompt");
    p.exp_string(">>> ").expect("prompt");
    // In a busy loop: KeyboardInterrupt is raised inside the program.
    line(&mut p, "while True: pass", "... ");
    p.send_line("").expect("send");
    std::thread::sleep(Duration::from_millis(800));
    p.send_control('c').expect("ctrl-c");
    let out = p.exp_string(">>> ").expect("prompt after the interrupt");
    assert!(out.contains("Traceback (most recent call last):"), "{:?}", out);
    assert!(out.contains("KeyboardInterrupt"), "{:?}", out);
    // ... and it can be caught.
    line(&mut p, "try:", "... ");
    line(&mut p, "    while True: pass", "... ");
    line(&mut p, "except KeyboardInterrupt:", "... ");
    line(&mut p, "    print('caught', 'it')", "... ");
    p.send_line("").expect("send");
    std::thread::sleep(Duration::from_millis(800));
    p.send_control('c').expect("ctrl-c");
    let out = p.exp_string(">>> ").expect("prompt");
    assert!(out.contains("caught it"), "{:?}", out);
    assert!(!out.contains("Traceback"), "{:?}", out);
    check(&mut p, "'still' + ' here'", "'still here'");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("eof");
    assert_eq!(exit_code(&p), Some(0));
}

#[test]
fn history_is_saved_and_recalled_whole() {
    let dir = temp_dir("hist");
    let hist = dir.join("history");
    let mut p = start(&hist);
    line(&mut p, "def greet(who):", "... ");
    line(&mut p, "    return 'hello ' + who", "... ");
    line(&mut p, "", ">>> ");
    check(&mut p, "greet('world')", "'hello world'");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("eof");
    let saved = std::fs::read_to_string(&hist).expect("history file written");
    assert!(saved.contains("def greet(who):\\n    return 'hello ' + who"), "{:?}", saved);
    assert!(saved.contains("greet('world')"), "{:?}", saved);

    // A second session: Up twice recalls the whole two-line definition, Enter runs it.
    let mut p = start(&hist);
    keys(&mut p, "\x1b[A");
    p.exp_string("greet('world')").expect("last entry recalled");
    keys(&mut p, "\x1b[A");
    p.exp_string("def greet(who):\r\n    return 'hello ' + who").expect("whole definition recalled");
    keys(&mut p, "\r");
    check(&mut p, "greet('again')", "'hello again'");
    // Up recalls the last entry.
    keys(&mut p, "\x1b[A");
    p.exp_string("greet('again')").expect("last entry recalled");
    keys(&mut p, "\r");
    p.exp_string("\n'hello again'").expect("recalled entry ran");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("eof");
}

#[test]
fn tab_completes_globals_and_attributes() {
    let dir = temp_dir("tab");
    let mut p = start(&dir.join("hist"));
    check(&mut p, "counter_value = 1234", "");
    keys(&mut p, "counter_v\t");
    check(&mut p, " + 1", "1235");
    keys(&mut p, "\"abc\".up\t");
    check(&mut p, "()", "'ABC'");
    check(&mut p, "import math", "");
    keys(&mut p, "math.sq\t");
    check(&mut p, "(16)", "4.0");
    // Attributes of an instance, found through its dict and its class.
    line(&mut p, "class Point:", "... ");
    line(&mut p, "    def norm_squared(self): return self.x_coord ** 2", "... ");
    line(&mut p, "", ">>> ");
    check(&mut p, "pt = Point(); pt.x_coord = 3", "");
    keys(&mut p, "pt.x_c\t");
    check(&mut p, "", "3");
    keys(&mut p, "pt.norm_s\t");
    check(&mut p, "()", "9");
    // Tab at the start of a line indents.
    line(&mut p, "if True:", "... ");
    keys(&mut p, "\tprint('indented')\r");
    p.exp_string("... ").expect("continuation");
    check(&mut p, "", "indented");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("eof");
}

#[test]
fn completion_runs_no_code() {
    let dir = temp_dir("pure");
    let mut p = start(&dir.join("hist"));
    line(&mut p, "class Trap:", "... ");
    line(&mut p, "    @property", "... ");
    line(&mut p, "    def prop(self): print('PROPERTY RAN'); return 'abc'", "... ");
    line(&mut p, "", ">>> ");
    check(&mut p, "trap = Trap()", "");
    keys(&mut p, "trap.prop.up\t");
    std::thread::sleep(Duration::from_millis(300));
    p.send_control('c').expect("ctrl-c");
    p.exp_string("KeyboardInterrupt").expect("line discarded");
    p.exp_string(">>> ").expect("prompt");
    check(&mut p, "'done'", "'done'");
    p.send_control('d').expect("ctrl-d");
    let rest = p.exp_eof().expect("eof");
    assert!(!rest.contains("PROPERTY RAN"), "{:?}", rest);
}

#[test]
fn auto_indent_after_colon() {
    let dir = temp_dir("indent");
    let mut cmd = command(&dir.join("hist"), &[]);
    cmd.env("OURO_AUTOINDENT", "1");
    let mut p = spawn_cmd(cmd);
    p.exp_string(">>> ").expect("prompt");
    line(&mut p, "def triple(x):", "... ");
    line(&mut p, "return x * 3", "... ");
    line(&mut p, "", ">>> ");
    check(&mut p, "triple(5)", "15");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("eof");
}

#[test]
fn inspect_flag_runs_the_file_then_prompts() {
    let dir = temp_dir("inspect");
    let script = dir.join("prog.py");
    std::fs::write(&script, "answer = 41\ndef bump(): return answer + 1\nprint('script ran')\n").expect("write script");
    let mut p = spawn_cmd(command(&dir.join("hist"), &["-i", script.to_str().expect("utf-8 path")]));
    p.exp_string("script ran").expect("script output");
    p.exp_string(">>> ").expect("prompt");
    check(&mut p, "bump()", "42");
    check(&mut p, "help(len)", "len(obj, /)\r\n    Return the number of items in a container.");
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("eof");
    assert_eq!(exit_code(&p), Some(0));
}

#[test]
fn sigint_ends_a_script_like_cpython() {
    let dir = temp_dir("script");
    let mut p = spawn_cmd(command(&dir.join("hist"), &["-c", "print('started', flush=True)\nwhile True: pass"]));
    p.exp_string("started").expect("running");
    std::thread::sleep(Duration::from_millis(300));
    p.process_mut().signal(Signal::SIGINT).expect("signal");
    let out = p.exp_eof().expect("eof");
    assert!(out.contains("Traceback (most recent call last):"), "{:?}", out);
    assert!(out.trim_end().ends_with("KeyboardInterrupt"), "{:?}", out);
    assert!(
        matches!(exit_status(&p), WaitStatus::Signaled(_, Signal::SIGINT, _)),
        "{:?}",
        exit_status(&p)
    );
}

fn feed(lines: &[&str]) -> Vec<Step> {
    let mut e = Entry::default();
    lines.iter().map(|l| e.push(l)).collect()
}

#[test]
fn entry_decides_when_input_is_complete() {
    use Step::*;
    assert_eq!(feed(&["x = 1"]), vec![Run("x = 1\n".into())]);
    assert_eq!(feed(&["", "# comment"]), vec![Empty, Empty]);
    assert_eq!(feed(&["x = [1,", "", "2]"]), vec![More, More, Run("x = [1,\n\n2]\n".into())]);
    assert_eq!(feed(&["s = '''a", "b'''"]), vec![More, Run("s = '''a\nb'''\n".into())]);
    assert_eq!(feed(&["x = 1 + \\", "2"]), vec![More, Run("x = 1 + \\\n2\n".into())]);
    assert_eq!(feed(&["def f():", "    return 1", ""]), vec![More, More, Run("def f():\n    return 1\n".into())]);
    assert_eq!(feed(&["if x: y()", ""]), vec![More, Run("if x: y()\n".into())]);
    assert_eq!(feed(&["@dec", "def f(): pass", ""]), vec![More, More, Run("@dec\ndef f(): pass\n".into())]);
    assert_eq!(
        feed(&["if a:", "    b", "else:", "    c", ""]),
        vec![More, More, More, More, Run("if a:\n    b\nelse:\n    c\n".into())]
    );
    // An empty block ends at the empty line (and reports its IndentationError when run).
    assert_eq!(feed(&["def f():", ""]), vec![More, Run("def f():\n".into())]);
    // A syntax error is reported at once.
    assert_eq!(feed(&["1 +"]), vec![Run("1 +\n".into())]);
    // A new statement after a finished block runs the block first.
    assert_eq!(feed(&["def f():", "    pass", "f()"]), vec![More, More, RunThen("def f():\n    pass\n".into())]);
}

#[test]
fn completion_candidates() {
    let vm = ouro::Vm::new();
    let m = ouro::run::main_module(&vm, None);
    let g = ouro::modules::module_dict(&m).clone();
    let (start, c) = ouro::repl::complete(&vm, &g, "x = le");
    assert_eq!(start, 4);
    assert!(c.contains(&"len".to_string()), "{:?}", c);
    let (_, c) = ouro::repl::complete(&vm, &g, "whi");
    assert_eq!(c, vec!["while".to_string()]);
    let (start, c) = ouro::repl::complete(&vm, &g, "'abc'.up");
    assert_eq!((start, c), (6, vec!["upper".to_string()]));
    let (_, c) = ouro::repl::complete(&vm, &g, "    ");
    assert_eq!(c, vec!["    ".to_string()]);
    let (_, c) = ouro::repl::complete(&vm, &g, "f(x).a");
    assert!(c.is_empty(), "{:?}", c);
}
