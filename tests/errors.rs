//! SyntaxError messages and positions, each measured with CPython 3.11.7
//! (`compile(src, "f", "exec")`, then `e.msg, e.lineno, e.offset`).

use ouro::parser::{is_incomplete, parse_expression, parse_module, SyntaxErrorKind as K};

const CASES: &[(&str, K, &str, usize, usize)] = &[
    ("y = x +* 2\n", K::Syntax, "invalid syntax", 1, 8),
    ("s = 'abc\n", K::Syntax, "unterminated string literal (detected at line 1)", 1, 5),
    ("s = '''abc\n\nx\n", K::Syntax, "unterminated triple-quoted string literal (detected at line 3)", 1, 5),
    ("f(a, (b\n", K::Syntax, "'(' was never closed", 1, 6),
    ("x = 1)\n", K::Syntax, "unmatched ')'", 1, 6),
    ("x = (1]\n", K::Syntax, "closing parenthesis ']' does not match opening parenthesis '('", 1, 7),
    ("x = 1\n  y = 2\n", K::Indentation, "unexpected indent", 2, 2),
    ("if x:\npass\n", K::Indentation, "expected an indented block after 'if' statement on line 1", 2, 1),
    ("for x in y:\nz\n", K::Indentation, "expected an indented block after 'for' statement on line 1", 2, 1),
    ("while 1:\n\n", K::Indentation, "expected an indented block after 'while' statement on line 1", 2, 1),
    ("def f():\nx\n", K::Indentation, "expected an indented block after function definition on line 1", 2, 1),
    ("class C:\nx\n", K::Indentation, "expected an indented block after class definition on line 1", 2, 1),
    ("try:\nx\n", K::Indentation, "expected an indented block after 'try' statement on line 1", 2, 1),
    ("with a:\nx\n", K::Indentation, "expected an indented block after 'with' statement on line 1", 2, 1),
    ("if x:\n  pass\nelse:\nx\n", K::Indentation, "expected an indented block after 'else' statement on line 3", 4, 1),
    ("if x:\n  pass\nelif y:\nx\n", K::Indentation, "expected an indented block after 'elif' statement on line 3", 4, 1),
    ("try:\n  pass\nexcept:\nx\n", K::Indentation, "expected an indented block after 'except' statement on line 3", 4, 1),
    ("try:\n  pass\nfinally:\nx\n", K::Indentation, "expected an indented block after 'finally' statement on line 3", 4, 1),
    ("if x:\n    a\n  b\n", K::Indentation, "unindent does not match any outer indentation level", 3, 4),
    ("if x:\n\ta\n        b\n", K::Tab, "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("x = 1abc\n", K::Syntax, "invalid decimal literal", 1, 5),
    ("x = 1€\n", K::Syntax, "invalid character '€' (U+20AC)", 1, 6),
    ("x = €\n", K::Syntax, "invalid character '€' (U+20AC)", 1, 5),
    ("if x\n  pass\n", K::Syntax, "expected ':'", 1, 5),
    ("def f()\n  pass\n", K::Syntax, "expected ':'", 1, 8),
    ("print(a b)\n", K::Syntax, "invalid syntax. Perhaps you forgot a comma?", 1, 7),
    ("f(x+1 y)\n", K::Syntax, "invalid syntax. Perhaps you forgot a comma?", 1, 3),
    ("x = 'abc\n", K::Syntax, "unterminated string literal (detected at line 1)", 1, 5),
    ("1 = x\n", K::Syntax, "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1),
    ("f() = 1\n", K::Syntax, "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1),
    ("del f()\n", K::Syntax, "cannot delete function call", 1, 5),
    ("x + 1 += 2\n", K::Syntax, "'expression' is an illegal expression for augmented assignment", 1, 1),
    ("f(x for x in y, 1)\n", K::Syntax, "Generator expression must be parenthesized", 1, 3),
    ("f(a=1, b)\n", K::Syntax, "positional argument follows keyword argument", 1, 9),
    ("def f(a=1, b): pass\n", K::Syntax, "non-default argument follows default argument", 1, 12),
    ("x = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((()))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n", K::Syntax, "too many nested parentheses", 1, 205),
    ("x = 012\n", K::Syntax, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5),
    ("f'{a\\n}'\n", K::Syntax, "f-string expression part cannot include a backslash", 1, 9),
    ("f'{'\n", K::Syntax, "f-string: expecting '}'", 1, 5),
    ("f'}'\n", K::Syntax, "f-string: single '}' is not allowed", 1, 5),
    ("f'{}'\n", K::Syntax, "f-string: empty expression not allowed", 1, 6),
    ("f'{x!z}'\n", K::Syntax, "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 9),
    ("x = 1 +\n", K::Syntax, "invalid syntax", 1, 8),
    ("a <> b\n", K::Syntax, "invalid syntax", 1, 3),
    ("(a, b) += 1\n", K::Syntax, "'tuple' is an illegal expression for augmented assignment", 1, 1),
    ("a, 1 = 2\n", K::Syntax, "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 4),
    ("for 1 in x: pass\n", K::Syntax, "cannot assign to literal", 1, 5),
    ("with a as 1: pass\n", K::Syntax, "cannot assign to literal", 1, 11),
    ("x = [i for 1 in y]\n", K::Syntax, "cannot assign to literal", 1, 12),
    ("del 1\n", K::Syntax, "cannot delete literal", 1, 5),
    ("del (a, f())\n", K::Syntax, "cannot delete function call", 1, 9),
    ("x = yield = 1\n", K::Syntax, "assignment to yield expression not possible", 1, 5),
    ("lambda: 1 = 2\n", K::Syntax, "cannot assign to lambda", 1, 1),
    ("a if b else c = 1\n", K::Syntax, "cannot assign to conditional expression", 1, 1),
    ("None = 1\n", K::Syntax, "cannot assign to None", 1, 1),
    ("True = 1\n", K::Syntax, "cannot assign to True", 1, 1),
    ("x.None\n", K::Syntax, "invalid syntax", 1, 3),
    ("f(**k, *a)\n", K::Syntax, "iterable argument unpacking follows keyword argument unpacking", 1, 8),
    ("f(**k, a)\n", K::Syntax, "positional argument follows keyword argument unpacking", 1, 9),
    ("x = \\\n", K::Syntax, "unexpected EOF while parsing", 1, 6),
    ("def f(*): pass\n", K::Syntax, "named arguments must follow bare *", 1, 7),
    ("import a.b as\n", K::Syntax, "invalid syntax", 1, 14),
    ("from . import *, a\n", K::Syntax, "invalid syntax", 1, 16),
    ("x = 1 if 2\n", K::Syntax, "expected 'else' after 'if' expression", 1, 5),
    ("'abc' = 1\n", K::Syntax, "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1),
    ("x = a + (b\n", K::Syntax, "'(' was never closed", 1, 9),
    ("b'é'\n", K::Syntax, "bytes can only contain ASCII literal characters", 1, 1),
    ("'\\N{bogus}'\n", K::Syntax, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-8: unknown Unicode character name", 1, 12),
    ("x = 1_\n", K::Syntax, "invalid decimal literal", 1, 6),
    ("x = 0x\n", K::Syntax, "invalid hexadecimal literal", 1, 6),
    ("x = 1e\n", K::Syntax, "invalid decimal literal", 1, 5),
    ("x = 0b2\n", K::Syntax, "invalid digit '2' in binary literal", 1, 7),
    ("x = 0o8\n", K::Syntax, "invalid digit '8' in octal literal", 1, 7),
    ("\tif x:\n", K::Indentation, "unexpected indent", 1, 1),
    ("if 1:\n        x\n\ty\n", K::Tab, "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("x = $\n", K::Syntax, "invalid syntax", 1, 5),
    ("x = 5 5\n", K::Syntax, "invalid syntax", 1, 7),
    ("x = 'a' 'b' b'c'\n", K::Syntax, "cannot mix bytes and nonbytes literals", 1, 17),
    ("x = *a\n", K::Syntax, "can't use starred expression here", 1, 5),
    ("x: int, y = 1\n", K::Syntax, "invalid syntax", 1, 7),
    ("x = (1\ny = 2\n", K::Syntax, "'(' was never closed", 1, 5),
    ("1 = x\ns = 'abc\n", K::Syntax, "unterminated string literal (detected at line 2)", 2, 5),
    ("x = 1 +* 2\ny = 'abc\n", K::Syntax, "unterminated string literal (detected at line 2)", 2, 5),
    ("f(a b)\n", K::Syntax, "invalid syntax. Perhaps you forgot a comma?", 1, 3),
    ("[1 2]\n", K::Syntax, "invalid syntax. Perhaps you forgot a comma?", 1, 2),
    ("{a: b c}\n", K::Syntax, "invalid syntax. Perhaps you forgot a comma?", 1, 5),
    ("f(*a b)\n", K::Syntax, "invalid syntax. Perhaps you forgot a comma?", 1, 4),
    ("x = f'{a!}'\n", K::Syntax, "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 12),
    ("def f(a, a): pass\n", K::Syntax, "duplicate argument 'a' in function definition", 1, 10),
    ("f(a=1, a=2)\n", K::Syntax, "keyword argument repeated: a", 1, 8),
    ("def f(**k, a): pass\n", K::Syntax, "arguments cannot follow var-keyword argument", 1, 12),
    ("x = [*a for a in b]\n", K::Syntax, "iterable unpacking cannot be used in comprehension", 1, 6),
    ("if x:\n  pass\n  elif y: pass\n", K::Syntax, "invalid syntax", 3, 3),
    ("x = 0b\n", K::Syntax, "invalid binary literal", 1, 6),
    ("x = 1__0\n", K::Syntax, "invalid decimal literal", 1, 6),
    ("while x\n  pass\n", K::Syntax, "expected ':'", 1, 8),
    ("for x in y\n  pass\n", K::Syntax, "expected ':'", 1, 11),
    ("with x as y\n  pass\n", K::Syntax, "expected ':'", 1, 12),
    ("class C\n  pass\n", K::Syntax, "expected ':'", 1, 8),
    ("try\n  pass\n", K::Syntax, "expected ':'", 1, 4),
    ("else:\n", K::Syntax, "invalid syntax", 1, 1),
    ("x = ]\n", K::Syntax, "unmatched ']'", 1, 5),
    ("def f():\n  return\n x = 1\n", K::Indentation, "unindent does not match any outer indentation level", 3, 7),
    ("@dec\nx = 1\n", K::Syntax, "invalid syntax", 2, 1),
    ("x = 1 if 2 else\n", K::Syntax, "invalid syntax", 1, 16),
    ("(a, b): int\n", K::Syntax, "only single target (not tuple) can be annotated", 1, 1),
    ("[a]: int = 1\n", K::Syntax, "only single target (not list) can be annotated", 1, 1),
    ("x := 1\n", K::Syntax, "invalid syntax", 1, 3),
    ("(f() := 1)\n", K::Syntax, "cannot use assignment expressions with function call", 1, 2),
    ("del *a\n", K::Syntax, "cannot delete starred", 1, 5),
    ("del a, *b\n", K::Syntax, "cannot delete starred", 1, 8),
    ("for *a in b: pass\n", K::Syntax, "starred assignment target must be in a list or tuple", 1, 5),
    ("*a = 1\n", K::Syntax, "starred assignment target must be in a list or tuple", 1, 1),
    ("a, *b, *c = 1\n", K::Syntax, "multiple starred expressions in assignment", 1, 1),
    ("x = '\\x4'\n", K::Syntax, "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 10),
    ("x = b'\\x4'\n", K::Syntax, "(value error) invalid \\x escape at position 0", 1, 11),
    ("x = '''abc\n", K::Syntax, "unterminated triple-quoted string literal (detected at line 1)", 1, 5),
    ("x = f'{x:{y:{z}}}'\n", K::Syntax, "f-string: expressions nested too deeply", 1, 19),
    ("x = f'{a}{'\n", K::Syntax, "f-string: expecting '}'", 1, 12),
    ("print 'hello'\n", K::Syntax, "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1),
    ("x = 1\n\tif x: pass\n", K::Indentation, "unexpected indent", 2, 1),
    ("if x:\n        a\n\tb\n", K::Tab, "inconsistent use of tabs and spaces in indentation", 3, 1),
    ("x = 1 ++ \n", K::Syntax, "invalid syntax", 1, 10),
    ("x = @\n", K::Syntax, "invalid syntax", 1, 5),
    ("x = 5 if 3\n", K::Syntax, "expected 'else' after 'if' expression", 1, 5),
];

#[test]
fn cpython_messages_and_positions() {
    let mut failures = Vec::new();
    for (src, kind, msg, lineno, offset) in CASES {
        match parse_module(src) {
            Ok(_) => failures.push(format!("{:?}: parsed but CPython rejects it", src)),
            Err(e) => {
                if (e.kind, e.msg.as_str(), e.lineno, e.offset) != (*kind, *msg, *lineno, *offset) {
                    failures.push(format!(
                        "{:?}:\n  want {:?} {} {}:{}\n  got  {:?} {} {}:{}",
                        src, kind, msg, lineno, offset, e.kind, e.msg, e.lineno, e.offset
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}


#[test]
fn ouro_specific_errors() {
    let e = parse_module("async def f(): pass\n").unwrap_err();
    assert_eq!((e.msg.as_str(), e.lineno, e.offset), ("'async' is not supported by Ouro", 1, 1));
    let e = parse_module("x = 1\nawait x\n").unwrap_err();
    assert_eq!((e.msg.as_str(), e.lineno, e.offset), ("'await' is not supported by Ouro", 2, 1));
    let e = parse_module("match x:\n    case 1: pass\n").unwrap_err();
    assert_eq!((e.msg.as_str(), e.lineno, e.offset), ("'match' is not supported by Ouro", 1, 1));
    assert!(parse_module("match = 1\nmatch(x)\ncase = match.case\n").is_ok());
}

#[test]
fn nesting_limits() {
    let e = parse_module(&format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201))).unwrap_err();
    assert_eq!((e.msg.as_str(), e.lineno, e.offset), ("too many nested parentheses", 1, 205));
    assert!(parse_module(&format!("x = {}1{}\n", "(".repeat(199), ")".repeat(199))).is_ok());
    assert!(parse_module(&format!("x = {}1{}\n", "[".repeat(150), "]".repeat(150))).is_ok());
    let mut src = String::new();
    for i in 0..101 {
        src.push_str(&" ".repeat(i));
        src.push_str("if x:\n");
    }
    src.push_str(&" ".repeat(101));
    src.push_str("pass\n");
    let e = parse_module(&src).unwrap_err();
    assert_eq!((e.kind, e.msg.as_str()), (K::Indentation, "too many levels of indentation"));
    // Deeply nested f-string format specs are rejected, not recursed into.
    assert!(parse_module("f'{x:{y:{z}}}'\n").is_err());
}

#[test]
fn expressions() {
    assert!(matches!(parse_expression("  1 + 2\n").unwrap().kind, ouro::ast::ExprKind::BinOp { .. }));
    assert!(matches!(parse_expression("a, b").unwrap().kind, ouro::ast::ExprKind::Tuple(_)));
    assert!(parse_expression("x = 1").is_err());
    assert!(parse_expression("").is_err());
    let e = parse_expression("1 +").unwrap_err();
    assert_eq!((e.msg.as_str(), e.lineno, e.offset), ("invalid syntax", 1, 4));
}

#[test]
fn incomplete_input() {
    for src in ["x = (1,\n", "if x:\n", "def f():\n", "s = '''abc\n", "x = 1 + \\\n", "@dec\n", "for x in y:\n  if x:\n"] {
        assert!(is_incomplete(src), "{:?} should be incomplete", src);
    }
    for src in ["x = 1\n", "x = 1 +\n", "x = )\n", "s = 'abc\n", "if x:\n  pass\n"] {
        assert!(!is_incomplete(src), "{:?} should not be incomplete", src);
    }
}

#[test]
fn never_panics_on_garbage() {
    let pieces = ["(", ")", "[", "]", "{", "}", "'", "\"", "f'{", "}", "\\", "\n", "\t", " ", "x", "1", "=", ":", "*", "if", "lambda", "#", "€", "0x", "1e", "'''", "b'", "!r", "=", ",", ";", "@", ".", "yield", "not", "\r"];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut src = String::new();
        for _ in 0..(seed % 24) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            src.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let _ = parse_module(&src);
        let _ = parse_expression(&src);
        let _ = is_incomplete(&src);
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    }
}

#[test]
fn deep_expressions_are_rejected_without_overflow() {
    // Runs on a 2 MiB test thread: neither the check nor dropping may recurse on depth.
    for src in [
        format!("x = {}1\n", "-".repeat(50_000)),
        format!("x = {}1\n", "1+".repeat(50_000)),
        format!("x = {}b\n", "a.".repeat(50_000)),
        format!("x = {}1\n", "not ".repeat(50_000)),
    ] {
        let e = parse_module(&src).unwrap_err();
        // CPython: RecursionError "maximum recursion depth exceeded during compilation".
        assert_eq!(e.kind, K::Recursion, "{}", &src[..20]);
        assert_eq!(e.msg, "maximum recursion depth exceeded during compilation");
        assert!(parse_expression(src.trim_start_matches("x = ")).is_err());
    }
    assert!(parse_module(&format!("x = {}1\n", "-".repeat(1000))).is_ok());
}

#[test]
fn deep_partial_trees_on_error() {
    for n in [20_000usize, 100_000] {
        let _ = parse_module(&format!("x = {}1 1\n", "1+".repeat(n)));
        let _ = parse_module(&format!("x = {}1 = 2\n", "a.".repeat(n)));
    }
}
