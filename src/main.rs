//! The `ouro` command line.

#![no_main]

use std::io::{IsTerminal, Read};

const USAGE: &str = "usage: ouro [option] ... [-c cmd | file | -] [arg] ...
Options:
  -c cmd     program passed in as string
  -i         inspect interactively after running the script or command
  -q         don't print the banner when the interactive prompt starts
  --dis FILE print the bytecode of FILE instead of running it
  -X showrefcount
             at exit, print the references and blocks the program left alive
             beyond the interpreter's own permanent objects ([0 refs, 0 blocks]
             when nothing leaked)
  -X gcstress
             run the cycle collector at every safe point after a GC allocation
  -X max-memory=SIZE
             raise MemoryError once the process has more than SIZE bytes allocated
             (suffixes K, M, G)
  -X max-steps=N
             raise RuntimeError after N steps (backward jumps and calls)
  -h, --help print this help message and exit
  --version  print the version number and exit
file         program read from script file
-            program read from stdin (default when stdin is not a terminal)
             (no file and a terminal on stdin: the interactive prompt)
arg ...      arguments passed to program in sys.argv[1:]
";

/// A byte count with an optional K, M or G suffix (powers of 1024).
fn parse_size(s: &str) -> Option<usize> {
    let (digits, mult) = match s.chars().last()?.to_ascii_uppercase() {
        'K' => (&s[..s.len() - 1], 1usize << 10),
        'M' => (&s[..s.len() - 1], 1 << 20),
        'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    digits.parse::<usize>().ok()?.checked_mul(mult)
}

enum Source {
    File(String),
    Command(String),
    Stdin,
}

/// The process entry point, in place of the Rust runtime's: the interpreter runs on a
/// stack of its own (`memory::stack`), so the runtime's setup of a guard for the main
/// thread's stack (it reads /proc/self/maps: about 0.1 ms of the 1.6 ms of
/// `ouro -c pass`) would be wasted; `signals::init_process` does the rest of that
/// setup. The arguments come from `std::env::args`.
#[no_mangle]
pub extern "C" fn main(_argc: std::ffi::c_int, _argv: *const *const std::ffi::c_char) -> std::ffi::c_int {
    ouro::signals::init_process();
    let args: Vec<String> = std::env::args().skip(1).collect();
    // A large stack, so that native recursion (nested reprs, comparisons, native→Python
    // re-entry) reaches RecursionError, not a Rust stack overflow.
    let code = ouro::memory::stack::run_on_large_stack(STACK_SIZE, move || real_main(args)).unwrap_or(1);
    if ouro::signals::sigint_exit_requested() {
        // An uncaught KeyboardInterrupt ends the process the way CPython does.
        ouro::signals::exit_by_sigint();
    }
    ouro::signals::exit_now(code);
}

const STACK_SIZE: usize = 1 << 30;

fn real_main(args: Vec<String>) -> i32 {
    ouro::vm::set_stack_bounds(STACK_SIZE);
    // Internal errors inside native functions become Python SystemErrors (see
    // `Vm::call_native`); keep the panic message itself off stderr unless debugging.
    if std::env::var_os("OURO_SHOW_PANICS").is_none() {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !ouro::vm::call::in_native_call() {
                eprintln!("Fatal Python error: Ouro internal error");
                default(info);
            }
        }));
    }
    let mut i = 0;
    let mut dis = false;
    let mut show_refcount = false;
    let mut gc_stress = false;
    let mut inspect = false;
    let mut quiet = false;
    let mut source = None;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "-h" | "--help" => {
                print!("{}", USAGE);
                return 0;
            }
            "--version" | "-V" => {
                println!("Ouro {} (Python 3.11 compatible)", env!("CARGO_PKG_VERSION"));
                return 0;
            }
            "--dis" => dis = true,
            "-i" => inspect = true,
            "-q" => quiet = true,
            "-X" => {
                i += 1;
                match args.get(i).map(|s| s.as_str()) {
                    Some("showrefcount") => show_refcount = true,
                    Some("gcstress") => gc_stress = true,
                    Some(x) if x.starts_with("max-memory=") => match parse_size(&x["max-memory=".len()..]) {
                        Some(n) => ouro::memory::limits::set_max_memory(n),
                        None => {
                            eprintln!("-X max-memory: invalid size {:?} (use e.g. 512M, 2G or a byte count)", &x["max-memory=".len()..]);
                            return 2;
                        }
                    },
                    Some(x) if x.starts_with("max-steps=") => match x["max-steps=".len()..].parse::<u64>() {
                        Ok(n) => ouro::memory::limits::set_max_steps(n),
                        Err(_) => {
                            eprintln!("-X max-steps: invalid count {:?}", &x["max-steps=".len()..]);
                            return 2;
                        }
                    },
                    _ => {}
                }
            }
            "-c" => {
                i += 1;
                match args.get(i) {
                    Some(c) => source = Some(Source::Command(c.clone())),
                    None => {
                        eprintln!("Argument expected for the -c option");
                        return 2;
                    }
                }
                i += 1;
                break;
            }
            "-" => {
                source = Some(Source::Stdin);
                i += 1;
                break;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                eprintln!("unknown option {}\n{}", s, USAGE);
                return 2;
            }
            _ => {
                source = Some(Source::File(a.clone()));
                i += 1;
                break;
            }
        }
        i += 1;
    }
    let rest: Vec<String> = args[i.min(args.len())..].to_vec();
    let source = match source {
        Some(s) => s,
        None if inspect || std::io::stdin().is_terminal() => {
            if dis {
                eprintln!("ouro: --dis needs a file");
                return 2;
            }
            return interactive(ouro::Vm::new(), None, &rest, quiet, show_refcount, gc_stress);
        }
        None => Source::Stdin,
    };
    let (src, filename, argv0) = match &source {
        Source::File(f) => match std::fs::read_to_string(f) {
            // Like CPython, the main script's code and __file__ use the absolute path.
            Ok(s) => (s, std::path::absolute(f).map(|p| p.to_string_lossy().to_string()).unwrap_or_else(|_| f.clone()), f.clone()),
            Err(e) => {
                eprintln!("ouro: can't open file '{}': [Errno {}] {}", f, e.raw_os_error().unwrap_or(2), errno_text(&e));
                return 2;
            }
        },
        Source::Command(c) => (c.clone(), "<string>".to_string(), "-c".to_string()),
        Source::Stdin => {
            let mut s = String::new();
            let _ = std::io::stdin().read_to_string(&mut s);
            (s, "<stdin>".to_string(), "-".to_string())
        }
    };
    let vm = ouro::Vm::new();
    if dis {
        return match ouro::run::compile_source(&vm, &src, &filename, ouro::compiler::Mode::Exec) {
            Ok(code) => {
                let c = code.as_code().expect("code");
                let repr = |o: &ouro::object::ObjRef| vm.repr_string(o).unwrap_or_default();
                print!("{}", ouro::bytecode::dis::disassemble(c, &repr));
                0
            }
            Err(e) => ouro::run::handle_uncaught(&vm, &e),
        };
    }
    if inspect && !matches!(source, Source::Stdin) {
        return interactive(vm, Some((source, src, filename, argv0)), &rest, quiet, show_refcount, gc_stress);
    }
    set_argv_and_path(&vm, &argv0, &rest, &source);
    let base = ouro::run::baseline(&vm, show_refcount);
    ouro::gc::state().stress.set(gc_stress);
    ouro::signals::install(false);
    let status = run_script(&vm, &src, &filename);
    if let Some((refs, blocks)) = ouro::run::finish(&vm, base) {
        eprintln!("[{} refs, {} blocks]", refs, blocks);
    }
    status
}

/// Runs source as `__main__` (like `ouro::run::run_main`), remembering an uncaught
/// KeyboardInterrupt so that `main` ends the process with SIGINT, as CPython does.
fn run_script(vm: &ouro::Vm, src: &str, filename: &str) -> i32 {
    ouro::vm::finalize::install(vm);
    ouro::run::register_main_source(vm, filename, src);
    let m = ouro::run::main_module(vm, if filename.starts_with('<') { None } else { Some(filename) });
    // Borrowed from the module, as CPython's `PyRun_SimpleFile` borrows it: only the
    // running frame adds references to the namespace.
    let r = ouro::repl::run_source(vm, src, filename, ouro::modules::module_dict(&m), ouro::compiler::Mode::Exec);
    drop(m);
    let status = match r {
        Ok(()) => 0,
        Err(e) => {
            let interrupted = e.is(&vm.exc_type("KeyboardInterrupt"));
            let status = ouro::run::handle_uncaught(vm, &e);
            if interrupted {
                ouro::signals::request_sigint_exit();
            }
            status
        }
    };
    vm.clear_modules_at_exit();
    vm.flush_stdout();
    status
}

/// The interactive prompt, after running `script` (source, text, filename, argv[0])
/// in `__main__` when one is given (`-i`).
fn interactive(vm: ouro::Vm, script: Option<(Source, String, String, String)>, rest: &[String], quiet: bool, show_refcount: bool, gc_stress: bool) -> i32 {
    match &script {
        Some((source, _, _, argv0)) => set_argv_and_path(&vm, argv0, rest, source),
        None => set_argv_and_path(&vm, "", rest, &Source::Stdin),
    }
    let base = ouro::run::baseline(&vm, show_refcount);
    ouro::gc::state().stress.set(gc_stress);
    ouro::signals::install(true);
    ouro::vm::finalize::install(&vm);
    let status = {
        let filename = script.as_ref().map(|s| s.2.as_str());
        let m = ouro::run::main_module(&vm, filename.filter(|f| !f.starts_with('<')));
        let globals = ouro::modules::module_dict(&m).clone();
        match &script {
            Some((_, src, filename, _)) => {
                ouro::run::register_main_source(&vm, filename, src);
                if let Err(e) = ouro::repl::run_source(&vm, src, filename, &globals, ouro::compiler::Mode::Exec) {
                    // Under -i even SystemExit only prints its traceback.
                    vm.flush_stdout();
                    vm.print_exception(&e.exc);
                }
                vm.flush_stdout();
            }
            None => {
                if !quiet {
                    vm.write_stderr(&ouro::repl::banner());
                }
            }
        }
        ouro::repl::run(&vm, &globals)
    };
    vm.clear_modules_at_exit();
    vm.flush_stdout();
    if let Some((refs, blocks)) = ouro::run::finish(&vm, base) {
        eprintln!("[{} refs, {} blocks]", refs, blocks);
    }
    status
}

fn errno_text(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => e.to_string(),
    }
}

fn set_argv_and_path(vm: &ouro::Vm, argv0: &str, rest: &[String], source: &Source) {
    use ouro::object;
    let mut argv = vec![object::new_str(argv0)];
    argv.extend(rest.iter().map(|a| object::new_str(a)));
    let dir = match source {
        Source::File(f) => std::path::Path::new(f)
            .parent()
            .map(|p| if p.as_os_str().is_empty() { ".".to_string() } else { p.to_string_lossy().to_string() })
            .unwrap_or_else(|| ".".into()),
        _ => String::new(),
    };
    let sys = vm.sys.borrow().clone().expect("sys");
    let d = ouro::modules::module_dict(&sys).clone();
    let _ = ouro::builtins::dict::dict_set_str(vm, &d, "argv", object::new_list(argv));
    let _ = ouro::builtins::dict::dict_set_str(vm, &d, "path", object::new_list(vec![object::new_string(dir)]));
}
