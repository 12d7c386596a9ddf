//! Unit tests for the format module; expected values come from CPython 3.11.

use super::*;

#[test]
fn repr_tricky_values() {
    let cases: [(f64, &str); 16] = [
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e16, "1e+16"),
        (1e-5, "1e-05"),
        (1e-4, "0.0001"),
        (123456789.0, "123456789.0"),
        (9007199254740994.0, "9007199254740994.0"),
        (1234567890123456.8, "1234567890123456.8"),
        (123456789012345.0, "123456789012345.0"),
        (100.0, "100.0"),
        (1.5e300, "1.5e+300"),
        (-0.0, "-0.0"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
    ];
    for (x, want) in cases {
        assert_eq!(float_repr(x), want);
    }
}

#[test]
fn float_format_basics() {
    assert_eq!(format_float(2.675, ".2f").unwrap(), "2.67");
    assert_eq!(format_float(0.125, ".2f").unwrap(), "0.12");
    assert_eq!(format_float(1e16, "#").unwrap(), "1.e+16");
    assert_eq!(format_float(f64::INFINITY, "010").unwrap(), "0000000inf");
    assert_eq!(format_float(-0.0, "z").unwrap(), "0.0");
    assert_eq!(format_float(1234.5, "010,").unwrap(), "0,001,234.5");
    assert_eq!(format_float(1.5, ".").unwrap_err(), "Format specifier missing precision");
    assert_eq!(format_float(1.0, ".3000000000f").unwrap_err(), "precision too big");
}

#[test]
fn int_format_basics() {
    let v = |n: i64| IBig::from(n);
    assert_eq!(format_int(&v(255), "#X").unwrap(), "0XFF");
    assert_eq!(format_int(&v(1), "07_x").unwrap(), "00_0001");
    assert_eq!(format_int(&v(-1), "c").unwrap_err(), "%c arg not in range(0x110000)");
    assert_eq!(error_kind("%c arg not in range(0x110000)"), ErrorKind::OverflowError);
    assert_eq!(format_int(&v(1), "s").unwrap_err(), "Unknown format code 's' for object of type 'int'");
    assert_eq!(format_int(&v(1), ",c").unwrap_err(), "Cannot specify ',' with 'c'.");
    assert_eq!(format_int(&v(1), "\u{100}").unwrap_err(), "Unknown format code '\\x100' for object of type 'int'");
    assert_eq!(format_int(&v(1), "\u{663}").unwrap(), "  1");
}

#[test]
fn str_format_basics() {
    assert_eq!(format_str("abcdef", ".3").unwrap(), "abc");
    assert_eq!(format_str("ab", "05").unwrap(), "ab000");
    assert_eq!(format_str("x", "=5").unwrap_err(), "'=' alignment not allowed in string format specifier");
    assert_eq!(format_str("x", "d").unwrap_err(), "Unknown format code 'd' for object of type 'str'");
}

#[test]
fn parse_edge_cases() {
    assert_eq!(parse_int(" -0x_1f ", 0).unwrap(), IBig::from(-31));
    assert_eq!(parse_int("0_0", 0).unwrap(), IBig::from(0));
    assert_eq!(parse_int("010", 0).unwrap_err(), "invalid literal for int() with base 0: '010'");
    assert_eq!(parse_int("abc", 10).unwrap_err(), "invalid literal for int() with base 10: 'abc'");
    assert_eq!(parse_int("1", 1).unwrap_err(), "int() base must be >= 2 and <= 36, or 0");
    assert_eq!(parse_int("\u{661}\u{662}", 10).unwrap(), IBig::from(12));
    assert_eq!(parse_float(" 1_0.5 ").unwrap(), 10.5);
    assert!(parse_float("-nAn").unwrap().is_nan());
    assert_eq!(parse_float("-Infinity").unwrap(), f64::NEG_INFINITY);
    assert_eq!(parse_float("1e").unwrap_err(), "could not convert string to float: '1e'");
    assert_eq!(round_float(2.675, 2), 2.67);
    assert_eq!(round_float(1.5, 0), 2.0);
    assert_eq!(round_float(123.456, -1), 120.0);
    assert!(round_float_checked(1.7976931348623157e308, -308).is_err());
}

#[test]
fn percent_basics() {
    let fl = PercentFlags::parse;
    assert_eq!(percent_int(&IBig::from(15), fl("#"), None, None, 'o').unwrap(), "0o17");
    assert_eq!(percent_int(&IBig::from(15), fl("#"), None, None, 'x').unwrap(), "0xf");
    assert_eq!(percent_int(&IBig::from(-3), fl(""), None, Some(5), 'd').unwrap(), "-00003");
    assert_eq!(percent_int(&IBig::from(255), fl("+#0"), Some(8), None, 'x').unwrap(), "+0x000ff");
    assert_eq!(percent_float(f64::INFINITY, fl("0"), Some(5), None, 'f').unwrap(), "00inf");
    assert_eq!(percent_float(1.5, fl("#"), None, Some(0), 'f').unwrap(), "2.");
    assert_eq!(percent_str("abc", fl(""), Some(5), Some(2), 's').unwrap(), "   ab");
}
