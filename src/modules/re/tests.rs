//! Table-driven tests against outcomes recorded from CPython 3.11, stress tests for
//! long subjects, and a randomized no-panic test.

use super::*;

mod curated;
mod random;

/// A recorded case: (pattern, flags, bytes, subject, mode, pos, endpos, expected
/// outcome). Mode is 'm' match, 'f' fullmatch, 's' search, or 'i' for all matches as
/// `finditer` finds them.
type Case = (&'static str, u32, bool, &'static str, char, usize, usize, &'static str);

fn code_points(s: &str) -> Vec<u32> {
    s.chars().map(u32::from).collect()
}

fn fmt_spans(m: &MatchResult) -> String {
    let spans: Vec<String> = m
        .spans
        .iter()
        .map(|s| match s {
            Some((a, b)) => format!("{a},{b}"),
            None => "-".into(),
        })
        .collect();
    spans.join(" ")
}

/// Runs one table case and renders its outcome the way the table records it.
fn outcome(pat: &str, flags: u32, bytes: bool, subj: &str, mode: char, pos: usize, endpos: usize) -> String {
    let r = match compile(&code_points(pat), flags, bytes) {
        Err(e) => {
            let msg = e.msg.replace('\\', "\\\\").replace('\n', "\\n");
            return format!("E\t{msg}\t{:?}", e.pos);
        }
        Ok(r) => r,
    };
    let head = format!("C\t{}\t{}\t{:?}", r.groups, r.flags, r.group_names);
    let text: Vec<u32> = code_points(subj);
    let run = |p: usize, mode: Mode, adv: bool| {
        if bytes {
            let b: Vec<u8> = text.iter().map(|&c| c as u8).collect();
            r.exec(&b[..], p, endpos, mode, adv)
        } else {
            let c: Vec<char> = subj.chars().collect();
            r.exec(&c[..], p, endpos, mode, adv)
        }
    };
    if mode == 'i' {
        let mut all = Vec::new();
        let (mut p, mut adv) = (pos, false);
        while let Some(m) = run(p, Mode::Search, adv) {
            let (a, b) = m.spans[0].unwrap_or((0, 0));
            all.push(format!("{:?}:{}", m.lastindex, fmt_spans(&m)));
            adv = a == b;
            p = b;
        }
        return format!("{head}\tI\t{}", all.join(" | "));
    }
    let mode = match mode {
        'm' => Mode::Match,
        'f' => Mode::FullMatch,
        _ => Mode::Search,
    };
    match run(pos, mode, false) {
        None => format!("{head}\tN"),
        Some(m) => format!("{head}\tM\t{:?}\t{}", m.lastindex, fmt_spans(&m)),
    }
}

fn check_table(cases: &[Case]) {
    let mut failures = Vec::new();
    for &(pat, flags, bytes, subj, mode, pos, endpos, expected) in cases {
        let got = outcome(pat, flags, bytes, subj, mode, pos, endpos);
        if got != expected {
            failures.push(format!("{pat:?} flags={flags} bytes={bytes} {subj:?} {mode}\n  want {expected:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn curated_table() {
    check_table(curated::CASES);
}

#[test]
fn random_table() {
    check_table(random::CASES);
}

#[test]
fn error_positions() {
    let err = |p: &str| compile(&code_points(p), 0, false).unwrap_err();
    assert_eq!(err("("), ReError { msg: "missing ), unterminated subpattern".into(), pos: Some(0) });
    assert_eq!(err("a**"), ReError { msg: "multiple repeat".into(), pos: Some(2) });
    assert_eq!(err("(?<=a*)b"), ReError { msg: "look-behind requires fixed-width pattern".into(), pos: None });
    assert_eq!(err("(?i"), ReError { msg: "missing -, : or )".into(), pos: Some(3) });
}

#[test]
fn flags_and_names() {
    let r = compile(&code_points("(?i)(?P<first>a)(b)(?P<third>c)"), 0, false).unwrap();
    assert_eq!(r.flags, IGNORECASE | UNICODE);
    assert_eq!(r.groups, 3);
    assert_eq!(r.group_names, vec![("first".to_string(), 1), ("third".to_string(), 3)]);
    assert_eq!(compile(&code_points("a"), 0, true).unwrap().flags, 0);
    assert_eq!(compile(&code_points("(?a)a"), 0, false).unwrap().flags, ASCII);
}

#[test]
fn long_subjects_do_not_exhaust_the_stack() {
    let n = 1_000_000;
    let a = vec![b'a'; n];
    let r = compile(&code_points("a*"), 0, false).unwrap();
    assert_eq!(r.exec(&a[..], 0, n, Mode::Match, false).unwrap().spans[0], Some((0, n)));
    let ab: Vec<u8> = b"ab".iter().copied().cycle().take(n).collect();
    let r = compile(&code_points("(?:ab)*"), 0, false).unwrap();
    assert_eq!(r.exec(&ab[..], 0, n, Mode::Match, false).unwrap().spans[0], Some((0, n)));
    let r = compile(&code_points("(ab)*c|(?:ab)+"), 0, false).unwrap();
    let m = r.exec(&ab[..], 0, n, Mode::Match, false).unwrap();
    assert_eq!(m.spans, vec![Some((0, n)), None]);
    let r = compile(&code_points("(?:a|bc)*?$"), 0, false).unwrap();
    assert_eq!(r.exec(&a[..], 0, n, Mode::Match, false).unwrap().spans[0], Some((0, n)));
    let line = vec![b'a'; 3000];
    let r = compile(&code_points(".*x"), 0, false).unwrap();
    assert!(r.exec(&line[..], 0, line.len(), Mode::Search, false).is_none());
}

#[test]
fn counted_repeats_are_not_unrolled() {
    let r = compile(&code_points("(x){0,60000}y"), 0, false).unwrap();
    assert!(r.prog.insts.len() < 10);
    let s = vec![b'x'; 59999];
    assert!(r.exec(&s[..], 0, s.len(), Mode::Match, false).is_none());
    let r = compile(&code_points("a{65535}"), 0, false).unwrap();
    let s = vec![b'a'; 65535];
    assert!(r.exec(&s[..], 0, s.len(), Mode::FullMatch, false).is_some());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "(".repeat(5000), ")".repeat(5000));
    assert!(compile(&code_points(&deep), 0, false).is_err());
    let ok = format!("{}a{}", "(?:(".repeat(247), "))*".repeat(247));
    let r = compile(&code_points(&ok), 0, false).unwrap();
    assert!(r.exec(&b"aaa"[..], 0, 3, Mode::Match, false).is_some());
    let edge = format!("{}{}", "(".repeat(495), ")".repeat(495));
    assert!(compile(&code_points(&edge), 0, false).is_ok());
    let over = format!("{}{}", "(".repeat(496), ")".repeat(496));
    assert!(compile(&code_points(&over), 0, false).is_err());
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_patterns_never_panic() {
    let alphabet: Vec<char> = "ab()|*+?{}[]^$\\.-,0123456789".chars().collect();
    let extras = ["(?:", "(?=", "(?<=", "(?!", "(?>", "(?P<n>", "(?P=n)", "(?(1)", "\\b", "\\w", "(?i)", "*+"];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let mut pat = String::new();
        for _ in 0..1 + rng.below(10) {
            if rng.below(5) == 0 {
                pat.push_str(extras[rng.below(extras.len())]);
            } else {
                pat.push(alphabet[rng.below(alphabet.len())]);
            }
        }
        let flags = [0, IGNORECASE, MULTILINE | DOTALL, VERBOSE, ASCII][rng.below(5)];
        let bytes = rng.below(4) == 0;
        let Ok(r) = compile(&code_points(&pat), flags, bytes) else { continue };
        for _ in 0..3 {
            let subj: Vec<u8> = (0..rng.below(9)).map(|_| b"ab-1 \n"[rng.below(6)]).collect();
            let len = subj.len();
            let pos = rng.below(len + 1);
            let endpos = pos + rng.below(len - pos + 1);
            for mode in [Mode::Match, Mode::FullMatch, Mode::Search] {
                if let Some(m) = r.exec(&subj[..], pos, endpos, mode, rng.below(2) == 0) {
                    assert_eq!(m.spans.len(), r.groups + 1);
                    for (a, b) in m.spans.iter().flatten() {
                        assert!(a <= b && *b <= endpos, "{pat:?} {subj:?}");
                    }
                }
            }
        }
    }
}
