//! The recursive part of the parser: alternations, sequences, classes, repeats, groups
//! and inline flags.

use super::*;

fn too_deep() -> ReError {
    ReError { msg: "maximum recursion depth exceeded".into(), pos: None }
}

/// Splices non-capturing groups without flags into the enclosing sequence.
fn splice(nodes: Vec<Node>) -> Vec<Node> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Node::Group { index: None, add: 0, del: 0, body } => out.extend(body),
            other => out.push(other),
        }
    }
    out
}

/// Builds an alternation from its alternatives (at least one).
///
/// Alternatives sharing leading leaf nodes have them factored out, and alternatives
/// that are all single characters or non-negated classes become one class, as in
/// CPython (this decides which repeat operators get used, so it is kept).
fn alternation(mut items: Vec<Vec<Node>>) -> Vec<Node> {
    if items.len() == 1 {
        return items.pop().unwrap_or_default();
    }
    let mut out = Vec::new();
    while let Some(prefix) = items[0].first().cloned() {
        let all = items[1..].iter().all(|it| it.first().is_some_and(|n| same_leaf(n, &prefix)));
        if !all || !same_leaf(&prefix, &prefix) {
            break;
        }
        for it in &mut items {
            it.remove(0);
        }
        out.push(prefix);
    }
    let mut set = Vec::new();
    let mut all_chars = true;
    for it in &items {
        match it.as_slice() {
            [Node::Literal(c)] => set.push(SetItem::Literal(*c)),
            [Node::In(members, false)] => set.extend(members.iter().copied()),
            _ => {
                all_chars = false;
                break;
            }
        }
    }
    if all_chars {
        out.push(Node::In(uniq(set), false));
    } else {
        out.push(Node::Branch(items));
    }
    out
}

/// What follows `(`, once its prefix has been read by `group_head`.
enum Head {
    /// Nothing more to parse (comment, named backreference).
    Done,
    /// Global inline flags; the new verbose setting.
    Global(bool),
    Lookaround { behind: bool, negate: bool },
    Conditional(usize),
    Group { index: Option<usize>, add: u32, del: u32, atomic: bool },
}

impl Parser<'_> {
    /// An alternation `a|b|c` up to (not including) `)` or the end of the pattern.
    ///
    /// This and [`Self::parse_seq`] and [`Self::parse_group`] recurse once per nesting
    /// level, so they keep their frames small and leave the work to helpers.
    pub(super) fn parse_sub(&mut self, mut verbose: bool, nested: usize) -> PResult<Vec<Node>> {
        if nested > MAX_NESTING {
            return Err(too_deep());
        }
        let mut items: Vec<Vec<Node>> = Vec::new();
        loop {
            let first = nested == 0 && items.is_empty();
            items.push(self.parse_seq(verbose, nested + 1, first)?);
            if !self.eat('|')? {
                break;
            }
            if nested == 0 {
                verbose = self.flags & VERBOSE != 0;
            }
        }
        Ok(alternation(items))
    }

    /// A sequence up to `|`, `)` or the end; non-capturing groups without flags are
    /// spliced into it.
    pub(super) fn parse_seq(&mut self, verbose: bool, nested: usize, first: bool) -> PResult<Vec<Node>> {
        let mut verbose = verbose;
        let mut nodes: Vec<Node> = Vec::new();
        while let Some(this) = self.next {
            if this.is('|') || this.is(')') {
                break;
            }
            self.advance()?;
            if this.is('(') {
                if let Some(v) = self.parse_group(verbose, nested, first, &mut nodes)? {
                    verbose = v;
                }
            } else {
                self.parse_atom(this, verbose, &mut nodes)?;
            }
        }
        Ok(splice(nodes))
    }

    /// Everything in a sequence but groups: `this` has been consumed.
    fn parse_atom(&mut self, this: Tok, verbose: bool, nodes: &mut Vec<Node>) -> PResult<()> {
        if verbose {
            if !this.esc && matches!(this.ch, 0x20 | 0x09..=0x0D) {
                return Ok(());
            }
            if this.is('#') {
                while let Some(t) = self.get()? {
                    if t.is('\n') {
                        break;
                    }
                }
                return Ok(());
            }
        }
        if this.esc {
            let node = self.escape(this)?;
            nodes.push(node);
            return Ok(());
        }
        match char::from_u32(this.ch) {
            Some('[') => {
                let node = self.parse_class()?;
                nodes.push(node);
            }
            Some(c @ ('*' | '+' | '?' | '{')) => self.parse_repeat(c, nodes)?,
            Some('.') => nodes.push(Node::Any),
            Some('^') => nodes.push(Node::At(AtCode::Beginning)),
            Some('$') => nodes.push(Node::At(AtCode::End)),
            _ => nodes.push(Node::Literal(this.ch)),
        }
        Ok(())
    }

    /// A class; the `[` has been consumed.
    fn parse_class(&mut self) -> PResult<Node> {
        let here = self.tell() - 1;
        let negate = self.eat('^')?;
        let mut items = Vec::new();
        loop {
            let unterminated = |p: &Self| p.err("unterminated character set", p.tell() - here);
            let Some(this) = self.get()? else { return Err(unterminated(self)) };
            if this.is(']') && !items.is_empty() {
                break;
            }
            let code1 = if this.esc { self.class_escape(this)? } else { ClassCode::Lit(this.ch) };
            if self.eat('-')? {
                let Some(that) = self.get()? else { return Err(unterminated(self)) };
                if that.is(']') {
                    items.push(code1.item());
                    items.push(SetItem::Literal(u32::from(b'-')));
                    break;
                }
                let code2 = if that.esc { self.class_escape(that)? } else { ClassCode::Lit(that.ch) };
                let msg = || format!("bad character range {}-{}", this.text(), that.text());
                let offset = this.len() + 1 + that.len();
                match (code1, code2) {
                    (ClassCode::Lit(lo), ClassCode::Lit(hi)) if lo <= hi => {
                        items.push(SetItem::Range(lo, hi));
                    }
                    _ => return Err(self.err(msg(), offset)),
                }
            } else {
                items.push(code1.item());
            }
        }
        let items = uniq(items);
        Ok(match items.as_slice() {
            [SetItem::Literal(c)] if negate => Node::NotLiteral(*c),
            [SetItem::Literal(c)] => Node::Literal(*c),
            _ => Node::In(items, negate),
        })
    }

    /// Digits of a `{m,n}` bound, saturated.
    fn repeat_number(&self, digits: &[u32]) -> PResult<u32> {
        let v = digits.iter().fold(0u64, |v, d| v.saturating_mul(10).saturating_add(u64::from(d - 0x30)));
        if v >= u64::from(MAXREPEAT) {
            return Err(ReError { msg: "the repetition number is too large".into(), pos: None });
        }
        Ok(v as u32)
    }

    /// A repeat applied to the last node of `nodes`; `c` has been consumed.
    fn parse_repeat(&mut self, c: char, nodes: &mut Vec<Node>) -> PResult<()> {
        let here = self.tell();
        let (min, max) = match c {
            '?' => (0, 1),
            '*' => (0, MAXREPEAT),
            '+' => (1, MAXREPEAT),
            _ => {
                if is_tok(self.next, '}') {
                    nodes.push(Node::Literal(u32::from(b'{')));
                    return Ok(());
                }
                let digit = |c: u32| (0x30..=0x39).contains(&c);
                let lo = self.getwhile(usize::MAX, digit)?;
                let hi = if self.eat(',')? { self.getwhile(usize::MAX, digit)? } else { lo.clone() };
                if !self.eat('}')? {
                    nodes.push(Node::Literal(u32::from(b'{')));
                    self.seek(here)?;
                    return Ok(());
                }
                let min = if lo.is_empty() { 0 } else { self.repeat_number(&lo)? };
                let mut max = MAXREPEAT;
                if !hi.is_empty() {
                    max = self.repeat_number(&hi)?;
                    if max < min {
                        return Err(self.err("min repeat greater than max repeat", self.tell() - here));
                    }
                }
                (min, max)
            }
        };
        let offset = self.tell() - here + 1;
        let body = match nodes.pop() {
            None | Some(Node::At(_)) => return Err(self.err("nothing to repeat", offset)),
            Some(Node::Repeat { .. }) => return Err(self.err("multiple repeat", offset)),
            Some(Node::Group { index: None, add: 0, del: 0, body }) => body,
            Some(node) => vec![node],
        };
        let kind = if self.eat('?')? {
            RepeatKind::Lazy
        } else if self.eat('+')? {
            RepeatKind::Possessive
        } else {
            RepeatKind::Greedy
        };
        nodes.push(Node::Repeat { min, max, kind, body });
        Ok(())
    }

    /// A parenthesized construct; the `(` has been consumed. Returns the new verbose
    /// setting when global inline flags were read.
    ///
    /// Kept small because it is on the recursion path: the prefix is read by
    /// [`Self::group_head`].
    fn parse_group(&mut self, verbose: bool, nested: usize, first: bool, nodes: &mut Vec<Node>) -> PResult<Option<bool>> {
        let start = self.tell() - 1;
        match self.group_head(start, first, nodes)? {
            Head::Done => {}
            Head::Global(v) => return Ok(Some(v)),
            Head::Lookaround { behind, negate } => {
                let outermost = behind && self.lookbehind_groups.is_none();
                if outermost {
                    self.lookbehind_groups = Some(self.groups());
                }
                let body = self.parse_sub(verbose, nested + 1)?;
                if outermost {
                    self.lookbehind_groups = None;
                }
                self.close_paren(start)?;
                nodes.push(Node::Assert { behind, negate, body });
            }
            Head::Conditional(group) => {
                let yes = self.parse_seq(verbose, nested + 1, false)?;
                let no = if self.eat('|')? { Some(self.parse_seq(verbose, nested + 1, false)?) } else { None };
                if no.is_some() && is_tok(self.next, '|') {
                    return Err(self.err("conditional backref with more than two branches", 0));
                }
                self.close_paren(start)?;
                nodes.push(Node::GroupRefExists { group, yes, no });
            }
            Head::Group { index, add, del, atomic } => {
                let sub_verbose = (verbose || add & VERBOSE != 0) && del & VERBOSE == 0;
                let body = self.parse_sub(sub_verbose, nested + 1)?;
                self.close_paren(start)?;
                if let Some(g) = index {
                    self.close_group(g, &body);
                }
                nodes.push(if atomic { Node::Atomic(body) } else { Node::Group { index, add, del, body } });
            }
        }
        Ok(None)
    }

    fn close_paren(&mut self, start: usize) -> PResult<()> {
        if self.eat(')')? {
            return Ok(());
        }
        Err(self.err("missing ), unterminated subpattern", self.tell() - start))
    }

    fn close_group(&mut self, g: usize, body: &[Node]) {
        let widths: Vec<(u128, u128)> = self.widths.iter().map(|w| w.unwrap_or((0, 0))).collect();
        self.widths[g] = Some(width(body, &widths));
    }

    /// Reads what follows `(` up to the group's body: the extension prefix, a group
    /// name or inline flags. Constructs without a body (comments, named backreferences,
    /// global flags) are completed here.
    fn group_head(&mut self, start: usize, first: bool, nodes: &mut Vec<Node>) -> PResult<Head> {
        let mut name: Option<Vec<u32>> = None;
        let (mut add, mut del) = (0, 0);
        let mut atomic = false;
        let mut capture = true;
        if self.eat('?')? {
            let end = |p: &Self| p.err("unexpected end of pattern", 0);
            let Some(ch) = self.get()? else { return Err(end(self)) };
            if ch.is('P') {
                if self.eat('<')? {
                    let n = self.getuntil('>', "group name")?;
                    self.check_group_name(&n, 1)?;
                    name = Some(n);
                } else if self.eat('=')? {
                    let n = self.getuntil(')', "group name")?;
                    self.check_group_name(&n, 1)?;
                    let Some(gid) = self.lookup(&n) else {
                        let msg = format!("unknown group name {}", py_repr(&n));
                        return Err(self.err(msg, n.len() + 1));
                    };
                    if !self.check_group(gid) {
                        return Err(self.err("cannot refer to an open group", n.len() + 1));
                    }
                    self.check_lookbehind_group(gid)?;
                    nodes.push(Node::GroupRef(gid));
                    return Ok(Head::Done);
                } else {
                    let Some(c) = self.get()? else { return Err(end(self)) };
                    return Err(self.err(format!("unknown extension ?P{}", c.text()), c.len() + 2));
                }
            } else if ch.is(':') {
                capture = false;
            } else if ch.is('#') {
                loop {
                    if self.next.is_none() {
                        return Err(self.err("missing ), unterminated comment", self.tell() - start));
                    }
                    if is_tok(self.get()?, ')') {
                        return Ok(Head::Done);
                    }
                }
            } else if ch.is('=') || ch.is('!') {
                return Ok(Head::Lookaround { behind: false, negate: ch.is('!') });
            } else if ch.is('<') {
                let Some(c) = self.get()? else { return Err(end(self)) };
                if !(c.is('=') || c.is('!')) {
                    return Err(self.err(format!("unknown extension ?<{}", c.text()), c.len() + 2));
                }
                return Ok(Head::Lookaround { behind: true, negate: c.is('!') });
            } else if ch.is('(') {
                return Ok(Head::Conditional(self.condition()?));
            } else if ch.is('>') {
                capture = false;
                atomic = true;
            } else if flag_of(ch).is_some() || ch.is('-') {
                match self.parse_flags(ch)? {
                    None => {
                        if !first || !nodes.is_empty() {
                            let msg = "global flags not at the start of the expression";
                            return Err(self.err(msg, self.tell() - start));
                        }
                        return Ok(Head::Global(self.flags & VERBOSE != 0));
                    }
                    Some((a, d)) => {
                        add = a;
                        del = d;
                        capture = false;
                    }
                }
            } else {
                return Err(self.err(format!("unknown extension ?{}", ch.text()), ch.len() + 1));
            }
        }
        let index = if capture { Some(self.open_group(name)?) } else { None };
        Ok(Head::Group { index, add, del, atomic })
    }

    /// Allocates the next group number, registering `name` if given.
    fn open_group(&mut self, name: Option<Vec<u32>>) -> PResult<usize> {
        let gid = self.groups();
        if gid as u64 >= MAXGROUPS {
            return Err(self.err("too many groups", 0));
        }
        if let Some(n) = name {
            if let Some(old) = self.lookup(&n) {
                let msg = format!("redefinition of group name {} as group {gid}; was group {old}", py_repr(&n));
                return Err(self.err(msg, n.len() + 1));
            }
            self.names.push((n, gid));
        }
        self.widths.push(None);
        Ok(gid)
    }

    /// The condition of `(?(cond)yes|no)` up to its `)`; `(?(` has been consumed.
    fn condition(&mut self) -> PResult<usize> {
        let cond = self.getuntil(')', "group name")?;
        let offset = cond.len() + 1;
        let gid = if is_identifier(&cond) {
            self.check_group_name(&cond, 1)?;
            match self.lookup(&cond) {
                Some(g) => g,
                None => {
                    let msg = format!("unknown group name {}", py_repr(&cond));
                    return Err(self.err(msg, offset));
                }
            }
        } else {
            let Some(g) = parse_py_int(&cond) else {
                let msg = format!("bad character in group name {}", py_repr(&cond));
                return Err(self.err(msg, offset));
            };
            if g == 0 {
                return Err(self.err("bad group number", offset));
            }
            if g >= MAXGROUPS {
                return Err(self.err(format!("invalid group reference {g}"), offset));
            }
            if !self.groupref_pos.iter().any(|&(k, _)| k == g) {
                self.groupref_pos.push((g, self.tell() - offset));
            }
            g as usize
        };
        self.check_lookbehind_group(gid)?;
        Ok(gid)
    }

    /// Inline flags starting with `ch`. `None` for global flags `(?aiLmsux)` (already
    /// merged into `self.flags`), otherwise the flags to add and remove for a scoped group.
    fn parse_flags(&mut self, mut ch: Tok) -> PResult<Option<(u32, u32)>> {
        let (mut add, mut del) = (0u32, 0u32);
        if !ch.is('-') {
            while let Some(flag) = flag_of(ch) {
                if !self.is_bytes && ch.is('L') {
                    return Err(self.err("bad inline flags: cannot use 'L' flag with a str pattern", 0));
                }
                if self.is_bytes && ch.is('u') {
                    return Err(self.err("bad inline flags: cannot use 'u' flag with a bytes pattern", 0));
                }
                add |= flag;
                if flag & TYPE_FLAGS != 0 && add & TYPE_FLAGS != flag {
                    return Err(self.err("bad inline flags: flags 'a', 'u' and 'L' are incompatible", 0));
                }
                let Some(next) = self.get()? else {
                    return Err(self.err("missing -, : or )", 0));
                };
                ch = next;
                if ch.is(')') || ch.is('-') || ch.is(':') {
                    break;
                }
                if flag_of(ch).is_none() {
                    let msg = if ch.is_alpha() { "unknown flag" } else { "missing -, : or )" };
                    return Err(self.err(msg, ch.len()));
                }
            }
        }
        if ch.is(')') {
            self.flags |= add;
            return Ok(None);
        }
        if add & GLOBAL_FLAGS != 0 {
            return Err(self.err("bad inline flags: cannot turn on global flag", 1));
        }
        if ch.is('-') {
            let Some(next) = self.get()? else { return Err(self.err("missing flag", 0)) };
            ch = next;
            if flag_of(ch).is_none() {
                let msg = if ch.is_alpha() { "unknown flag" } else { "missing flag" };
                return Err(self.err(msg, ch.len()));
            }
            while let Some(flag) = flag_of(ch) {
                if flag & TYPE_FLAGS != 0 {
                    return Err(self.err("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 0));
                }
                del |= flag;
                let Some(next) = self.get()? else { return Err(self.err("missing :", 0)) };
                ch = next;
                if ch.is(':') {
                    break;
                }
                if flag_of(ch).is_none() {
                    let msg = if ch.is_alpha() { "unknown flag" } else { "missing :" };
                    return Err(self.err(msg, ch.len()));
                }
            }
        }
        if del & GLOBAL_FLAGS != 0 {
            return Err(self.err("bad inline flags: cannot turn off global flag", 1));
        }
        if add & del != 0 {
            return Err(self.err("bad inline flags: flag turned on and off", 1));
        }
        Ok(Some((add, del)))
    }
}
