//! Snapshot tests over `tests/programs/*.py`: the token stream and the AST (or the
//! SyntaxError) of every program.

use ouro::{lexer, parser};

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).expect("program file is readable")
}

#[test]
fn token_streams() {
    insta::glob!("programs/*.py", |path| {
        let src = read(path);
        let text = match lexer::tokenize(&src) {
            Ok(toks) => toks.iter().map(|(s, t, e)| format!("{}..{} {:?}\n", s, e, t)).collect::<String>(),
            Err(e) => format!("{:?}\n", e),
        };
        insta::assert_snapshot!(text);
    });
}

#[test]
fn asts() {
    insta::glob!("programs/*.py", |path| {
        let src = read(path);
        insta::assert_snapshot!(format!("{:#?}", parser::parse_module(&src)));
    });
}

#[test]
fn disassembly() {
    insta::glob!("programs/*.py", |path| {
        let src = read(path);
        let vm = ouro::Vm::new();
        let text = match ouro::run::compile_source(&vm, &src, "prog.py", ouro::compiler::Mode::Exec) {
            Ok(code) => {
                let repr = |o: &ouro::object::ObjRef| vm.repr_string(o).unwrap_or_default();
                ouro::bytecode::dis::disassemble(code.as_code().unwrap(), &repr)
            }
            Err(e) => vm.format_exception(&e.exc),
        };
        insta::assert_snapshot!(text);
    });
}
