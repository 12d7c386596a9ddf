//! Arbitrary bytes through the lexer and parser (module, expression and the REPL's
//! "incomplete input" check): errors are fine, panics and hangs are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let _ = ouro::parser::parse_module(&src);
    let _ = ouro::parser::parse_expression(&src);
    let _ = ouro::parser::is_incomplete(&src);
});
