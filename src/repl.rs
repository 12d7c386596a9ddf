//! The interactive prompt.
//!
//! Lines are read with `rustyline` one at a time (`>>> ` for the first line of an entry,
//! `... ` for the following ones) and collected in an [`Entry`] until Ouro's parser says
//! the entry is complete, as CPython's interactive loop does: open brackets, a trailing
//! backslash or an unterminated triple-quoted string ask for more lines; an entry that
//! starts a compound statement (`def`, `if`, `@decorator`, ...) ends with an empty line.
//! Each entry is compiled in `Mode::Interactive` (top-level expression statements echo
//! their `repr` and bind `builtins._`) and runs in the one `__main__` namespace.
//!
//! Completion only reads dictionaries (`__main__`, builtins, instance dicts, module
//! dicts and the dicts along a type's MRO): it never calls Python code, so it cannot
//! run a property, `__getattr__` or `__dir__`.

use std::borrow::Cow;
use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{Config, Context, Editor, Helper};

use crate::compiler::Mode;
use crate::object::{ObjRef, Payload};
use crate::vm::{PyErr, Vm};

/// The file name of interactive input in tracebacks and SyntaxErrors.
pub const FILENAME: &str = "<stdin>";

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
    "pass", "raise", "return", "try", "while", "with", "yield",
];

/// First words of the statements whose entry ends with an empty line.
const COMPOUND: &[&str] = &["if", "while", "for", "try", "with", "def", "class", "async"];

/// Clauses that continue a compound statement at its own indentation.
const CLAUSES: &[&str] = &["elif", "else", "except", "finally"];

/// The banner printed when the prompt starts without a script.
pub fn banner() -> String {
    format!(
        "Ouro {} (Python 3.11 subset) on {}\nType \"help(object)\" for help on an object, \"exit()\" or Ctrl-D to leave.\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}

/// The history file: `$OURO_HISTORY` if set (an empty value disables history), else
/// `~/.ouro_history`.
pub fn history_path() -> Option<PathBuf> {
    match std::env::var_os("OURO_HISTORY") {
        Some(p) if p.is_empty() => None,
        Some(p) => Some(PathBuf::from(p)),
        None => std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| PathBuf::from(h).join(".ouro_history")),
    }
}

/// What the source collected so far needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Parses.
    Complete,
    /// Ends inside brackets, a triple-quoted string or after a backslash.
    Open,
    /// Ends inside a block structure: a header without its body, a decorator without
    /// its definition, a `try` without its handlers.
    NeedsBody,
    /// A syntax error that more input cannot fix.
    Error,
}

/// Classifies `src` with Ouro's parser.
pub fn classify(src: &str) -> Status {
    match crate::parser::parse_module(src) {
        Ok(_) => Status::Complete,
        Err(e) if crate::parser::is_incomplete(src) => {
            // The tokenizer's end-of-input errors mean an open bracket, string or
            // line continuation; the parser's mean an unfinished block structure.
            if e.msg.ends_with("was never closed") || e.msg.starts_with("unterminated triple-quoted") || e.msg == "unexpected EOF while parsing" {
                Status::Open
            } else {
                Status::NeedsBody
            }
        }
        Err(_) => Status::Error,
    }
}

/// The first identifier of a line (after indentation), or its first character.
fn first_word(line: &str) -> &str {
    let t = line.trim_start();
    let end = t.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(t.len());
    if end == 0 {
        t.get(..t.chars().next().map_or(0, char::len_utf8)).unwrap_or("")
    } else {
        &t[..end]
    }
}

fn starts_compound(line: &str) -> bool {
    let w = first_word(line);
    w == "@" || COMPOUND.contains(&w)
}

/// What to do after a line was added to an entry.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Nothing to run (an empty or comment-only first line).
    Empty,
    /// Read another line with the `... ` prompt.
    More,
    /// Run this source; the entry is empty again.
    Run(String),
    /// Run this source (the entry before the line), then offer the line again.
    RunThen(String),
}

/// The lines of one interactive entry.
#[derive(Default, Debug)]
pub struct Entry {
    lines: Vec<String>,
    /// The entry starts a compound statement: only an empty line ends it.
    block: bool,
}

impl Entry {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn source(&self) -> String {
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }

    /// The source for history: the lines without the final newline.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    fn take(&mut self) -> String {
        let s = self.source();
        self.lines.clear();
        self.block = false;
        s
    }

    /// Adds one physical line (without its newline).
    pub fn push(&mut self, line: &str) -> Step {
        let blank = line.trim().is_empty();
        if self.lines.is_empty() {
            if blank || line.trim_start().starts_with('#') {
                return Step::Empty;
            }
            self.lines.push(line.to_string());
            self.block = starts_compound(line);
            return self.after_push();
        }
        if blank {
            // Inside brackets or a string an empty line is part of the entry; anywhere
            // else it ends the entry (an empty block then reports its IndentationError).
            if classify(&self.source()) == Status::Open {
                self.lines.push(line.to_string());
                return Step::More;
            }
            return Step::Run(self.take());
        }
        let dedented = !line.starts_with([' ', '\t']);
        if self.block && dedented && !CLAUSES.contains(&first_word(line)) && classify(&self.source()) == Status::Complete {
            // A new statement after a finished block (e.g. pasted code).
            return Step::RunThen(self.take());
        }
        self.lines.push(line.to_string());
        self.after_push()
    }

    fn after_push(&mut self) -> Step {
        match classify(&self.source()) {
            Status::Complete if self.block => Step::More,
            Status::Complete | Status::Error => Step::Run(self.take()),
            Status::Open | Status::NeedsBody => Step::More,
        }
    }

    /// The indentation offered for the next line: one level deeper after a line ending
    /// with `:`, one level shallower after `return`/`pass`/`raise`/`break`/`continue`,
    /// else the previous line's. None inside brackets or strings.
    pub fn next_indent(&self) -> Option<String> {
        let last = self.lines.iter().rev().find(|l| !l.trim().is_empty())?;
        let status = classify(&self.source());
        if status == Status::Open || status == Status::Error {
            return None;
        }
        let cur = &last[..last.len() - last.trim_start().len()];
        let code = strip_comment(last).trim_end();
        if code.ends_with(':') {
            return Some(format!("{}    ", cur));
        }
        if matches!(first_word(last), "return" | "pass" | "raise" | "break" | "continue") {
            let mut s = cur.to_string();
            for _ in 0..4 {
                if s.ends_with(' ') {
                    s.pop();
                }
            }
            if s.ends_with('\t') && s.len() == cur.len() {
                s.pop();
            }
            return Some(s);
        }
        Some(cur.to_string())
    }
}

/// The line without a trailing `#` comment (quotes are respected).
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '\'' | '"' => quote = Some(c),
                '#' => return &line[..i],
                _ => {}
            },
        }
    }
    line
}

/// Compiles and runs `src` in the namespace `globals`.
pub fn run_source(vm: &Vm, src: &str, filename: &str, globals: &ObjRef, mode: Mode) -> Result<(), PyErr> {
    let code = crate::run::compile_source(vm, src, filename, mode)?;
    let frame = vm.make_namespace_frame(code, globals.clone(), Some(globals.clone()));
    vm.run_frame(frame).map(|_| ())
}

/// Runs one interactive entry; returns the exit status if it raised SystemExit.
pub fn run_entry(vm: &Vm, src: &str, globals: &ObjRef) -> Option<i32> {
    crate::signals::clear();
    let r = run_source(vm, src, FILENAME, globals, Mode::Interactive);
    vm.flush_stdout();
    match r {
        Ok(()) => None,
        Err(e) if e.is(&vm.exc_type("SystemExit")) => Some(crate::run::handle_uncaught(vm, &e)),
        Err(e) => {
            vm.print_exception(&e.exc);
            None
        }
    }
}

/// The key in a dict whose value is wanted, compared as text (no `__eq__` runs).
fn dict_get(d: &ObjRef, name: &str) -> Option<ObjRef> {
    let t = d.as_dict()?;
    let h = crate::object::str::str_hash(name);
    let v = t.borrow().get_str(name, h).cloned();
    v
}

/// `obj.name` as far as it can be known without running code: an instance or module
/// dict entry, or the raw class attribute found along the MRO. Properties and other
/// data descriptors give None (they would run code).
fn static_attr(obj: &ObjRef, name: &str) -> Option<ObjRef> {
    match obj.payload() {
        Payload::Module(m) => dict_get(&m.dict, name),
        Payload::Type(td) => td.mro.borrow().iter().find_map(|t| t.as_type().and_then(|t| dict_get(t.dict(), name))),
        _ => {
            let from_type = obj.type_data().lookup_str(name);
            if let Some(v) = &from_type {
                let td = v.type_data();
                if td.lookup("__set__").is_some() || (!td.heap && *td.name.borrow() == "property") {
                    return None;
                }
            }
            crate::object::values::materialize(obj);
            obj.dict().and_then(|d| dict_get(&d, name)).or(from_type)
        }
    }
}

/// Completion candidates for the text before the cursor: (start of the replaced word,
/// candidates).
pub fn complete(vm: &Vm, globals: &ObjRef, before: &str) -> (usize, Vec<String>) {
    let pos = before.len();
    if before.trim().is_empty() {
        return (pos, vec!["    ".to_string()]);
    }
    let start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')).map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    let word = &before[start..];
    let mut out: Vec<String> = Vec::new();
    if let Some(dot) = word.rfind('.') {
        let (base, prefix) = (&word[..dot], &word[dot + 1..]);
        let obj = if base.is_empty() {
            literal_before(vm, &before[..start])
        } else if base.split('.').all(|p| p.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')) {
            let mut parts = base.split('.');
            let first = parts.next().unwrap_or("");
            let mut o = dict_get(globals, first).or_else(|| dict_get(&vm.builtins, first));
            for p in parts {
                o = o.and_then(|x| static_attr(&x, p));
            }
            o
        } else {
            None
        };
        let Some(obj) = obj else { return (pos, out) };
        let names = crate::builtins::functions::dir_names(vm, &obj).unwrap_or_default();
        for n in names {
            if n.starts_with(prefix) && (prefix.starts_with('_') || !n.starts_with('_')) {
                out.push(n);
            }
        }
        return (start + dot + 1, out);
    }
    if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
        return (pos, out);
    }
    let mut add = |n: &str| {
        if n.starts_with(word) && (word.starts_with('_') || !n.starts_with('_')) && !out.iter().any(|o| o == n) {
            out.push(n.to_string());
        }
    };
    for k in KEYWORDS {
        add(k);
    }
    for d in [globals, &vm.builtins] {
        for (k, _) in crate::builtins::dict::dict_items(d) {
            if let Some(s) = k.as_str() {
                add(s);
            }
        }
    }
    out.sort();
    (start, out)
}

/// The object a literal just before a `.` stands for: a string literal gives a str
/// (or bytes) instance; other expressions give None (they would need evaluating).
fn literal_before(vm: &Vm, text: &str) -> Option<ObjRef> {
    let q = text.chars().last()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let body = &text[..text.len() - 1];
    let open = body.rfind(q)?;
    let prefix: String = body[..open].chars().rev().take_while(|c| c.is_ascii_alphabetic()).collect();
    let _ = vm;
    if prefix.contains(['b', 'B']) {
        Some(crate::object::new_bytes(Vec::new()))
    } else {
        Some(crate::object::new_str(""))
    }
}

/// rustyline's view of the interpreter: completion only.
pub struct ReplHelper<'a> {
    vm: &'a Vm,
    globals: ObjRef,
}

impl Completer for ReplHelper<'_> {
    type Candidate = Pair;
    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = line.get(..pos).unwrap_or(line);
        let (start, names) = complete(self.vm, &self.globals, before);
        Ok((start, names.into_iter().map(|n| Pair { display: n.clone(), replacement: n }).collect()))
    }
}

impl Hinter for ReplHelper<'_> {
    type Hint = String;
}

impl Highlighter for ReplHelper<'_> {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        Cow::Borrowed(prompt)
    }
}

impl Validator for ReplHelper<'_> {}

impl Helper for ReplHelper<'_> {}

fn auto_indent_enabled() -> bool {
    !matches!(std::env::var("OURO_AUTOINDENT").as_deref(), Ok("0") | Ok("") | Ok("no") | Ok("off"))
}

/// Runs the prompt in `globals` (the `__main__` namespace) until end of input,
/// `exit()` or an uncaught SystemExit. Returns the exit status.
pub fn run(vm: &Vm, globals: &ObjRef) -> i32 {
    crate::signals::install(true);
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(false)
        .completion_type(rustyline::CompletionType::List)
        .bracketed_paste(true)
        .max_history_size(10_000)
        .map(|b| b.build())
        .unwrap_or_default();
    let mut editor: Editor<ReplHelper<'_>, DefaultHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            vm.write_stderr(&format!("ouro: cannot start the line editor: {}\n", e));
            return 1;
        }
    };
    editor.set_helper(Some(ReplHelper { vm, globals: globals.clone() }));
    let history = history_path();
    if let Some(p) = &history {
        let _ = editor.load_history(p);
    }
    let auto_indent = auto_indent_enabled();
    let mut entry = Entry::default();
    let status = 'session: loop {
        vm.flush_stdout();
        let prompt = if entry.is_empty() { ">>> " } else { "... " };
        let indent = if auto_indent && !entry.is_empty() { entry.next_indent().unwrap_or_default() } else { String::new() };
        let read = editor.readline_with_initial(prompt, (&indent, ""));
        let text = match read {
            Ok(t) => t,
            Err(ReadlineError::Interrupted) => {
                entry = Entry::default();
                vm.write_stderr("KeyboardInterrupt\n");
                continue;
            }
            Err(ReadlineError::Eof) => {
                vm.write_stdout("\n");
                break 0;
            }
            Err(e) => {
                vm.write_stderr(&format!("ouro: reading input failed: {}\n", e));
                break 1;
            }
        };
        // A recalled or pasted entry may hold several lines.
        let lines: Vec<&str> = text.split('\n').collect();
        let multi = lines.len() > 1;
        for line in lines {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let mut step = entry.push(line);
            loop {
                match step {
                    Step::Empty | Step::More => break,
                    Step::Run(src) => {
                        add_history(&mut editor, &src);
                        if let Some(code) = run_entry(vm, &src, globals) {
                            break 'session code;
                        }
                        break;
                    }
                    Step::RunThen(src) => {
                        add_history(&mut editor, &src);
                        if let Some(code) = run_entry(vm, &src, globals) {
                            break 'session code;
                        }
                        step = entry.push(line);
                    }
                }
            }
        }
        // A whole recalled block runs at once, without the closing empty line.
        if multi && !entry.is_empty() && classify(&entry.source()) == Status::Complete {
            let src = entry.take();
            add_history(&mut editor, &src);
            if let Some(code) = run_entry(vm, &src, globals) {
                break 'session code;
            }
        }
    };
    vm.flush_stdout();
    if let Some(p) = &history {
        let _ = editor.save_history(p);
    }
    status
}

fn add_history(editor: &mut Editor<ReplHelper<'_>, DefaultHistory>, src: &str) {
    let text = src.trim_end_matches('\n');
    if !text.trim().is_empty() {
        let _ = editor.add_history_entry(text);
    }
}
