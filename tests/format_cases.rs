//! Checks every case of tests/format_cases.txt and tests/fuzz_cases.txt
//! (CPython 3.11 reference outputs written by tests/gen_cases.py and
//! tests/gen_fuzz.py) against the format module.

use dashu_int::IBig;
use ouro::format::*;

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('\\') => out.push('\\'),
            Some('u') => {
                assert_eq!(it.next(), Some('{'));
                let hex: String = it.by_ref().take_while(|&c| c != '}').collect();
                let cp = u32::from_str_radix(&hex, 16).unwrap();
                out.push(char::from_u32(cp).unwrap());
            }
            other => panic!("bad escape {other:?} in {s}"),
        }
    }
    out
}

fn f64_of(hex: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(hex, 16).unwrap())
}

fn bits_of(x: f64) -> String {
    format!("{:016x}", x.to_bits())
}

fn int_of(hex: &str) -> IBig {
    match hex.strip_prefix('-') {
        Some(h) => -IBig::from_str_radix(h, 16).unwrap(),
        None => IBig::from_str_radix(hex, 16).unwrap(),
    }
}

fn opt(s: &str) -> Option<usize> {
    if s.is_empty() {
        None
    } else {
        Some(s.parse().unwrap())
    }
}

fn show(r: Result<String, String>) -> String {
    match r {
        Ok(s) => format!("OK:{s}"),
        Err(e) => format!("ERR:{e}"),
    }
}

#[test]
fn cpython_reference_cases() {
    let n = check_cases(include_str!("data/format_cases.txt"));
    assert!(n > 6000, "only {n} cases read");
}

#[test]
fn cpython_fuzz_cases() {
    let n = check_cases(include_str!("data/fuzz_cases.txt"));
    assert!(n > 1000, "only {n} cases read");
}

/// Extra cases from a file named by $FORMAT_CASES (e.g. a larger run of
/// gen_cases.py with another seed); skipped when unset.
#[test]
fn extra_cases_from_env() {
    if let Ok(path) = std::env::var("FORMAT_CASES") {
        let data = std::fs::read_to_string(path).unwrap();
        check_cases(&data);
    }
}

fn check_cases(data: &str) -> usize {
    let mut failures = Vec::new();
    let mut count = 0;
    for line in data.lines() {
        if line.is_empty() {
            continue;
        }
        count += 1;
        let raw: Vec<&str> = line.split('\t').collect();
        let f: Vec<String> = raw.iter().map(|s| unescape(s)).collect();
        let expected = f.last().unwrap().clone();
        let got = match raw[0] {
            "fmt_f" => show(format_float(f64_of(&f[1]), &f[2])),
            "fmt_i" => show(format_int(&int_of(&f[1]), &f[2])),
            "fmt_s" => show(format_str(&f[1], &f[2])),
            "repr" => show(Ok(float_repr(f64_of(&f[1])))),
            "round" => show(round_float_checked(f64_of(&f[1]), f[2].parse().unwrap()).map(bits_of)),
            "pint" => show(percent_int(
                &int_of(&f[1]),
                PercentFlags::parse(&f[2]),
                opt(&f[3]),
                opt(&f[4]),
                f[5].chars().next().unwrap(),
            )),
            "pflt" => show(percent_float(
                f64_of(&f[1]),
                PercentFlags::parse(&f[2]),
                opt(&f[3]),
                opt(&f[4]),
                f[5].chars().next().unwrap(),
            )),
            "pstr" => {
                let conv = f[5].chars().next().unwrap();
                let text = match conv {
                    'r' | 'a' => py_str_repr(&f[1]),
                    _ => f[1].clone(),
                };
                let text = if conv == 'a' { ascii_escape(&text) } else { text };
                show(percent_str(&text, PercentFlags::parse(&f[2]), opt(&f[3]), opt(&f[4]), 's'))
            }
            "int" => show(parse_int(&f[1], f[2].parse().unwrap()).map(|v| {
                let dec = v.to_string();
                if f[1].chars().count() < 4000 {
                    dec
                } else {
                    let h = int_to_str_radix(&v, 16);
                    match h.strip_prefix('-') {
                        Some(m) => format!("-0x{m}"),
                        None => format!("0x{h}"),
                    }
                }
            })),
            "float" => show(parse_float(&f[1]).map(bits_of)),
            k => panic!("unknown kind {k}"),
        };
        if got != expected {
            failures.push(format!("{line}\n   got: {got}"));
        }
    }
    for fl in failures.iter().take(40) {
        eprintln!("{fl}");
    }
    assert!(failures.is_empty(), "{} of {} cases failed", failures.len(), count);
    count
}

/// ascii(): the repr with non-ASCII characters escaped.
fn ascii_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let cp = c as u32;
        if cp < 0x80 {
            out.push(c);
        } else if cp < 0x100 {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp < 0x10000 {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    out
}
