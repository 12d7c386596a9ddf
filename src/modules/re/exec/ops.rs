//! Instruction semantics: `dispatch` runs the top frame forward, `resume` continues a
//! frame after the sub-match it started has returned.

use super::*;

impl<S: Subject + ?Sized> Machine<'_, S> {
    /// Runs the top frame from its saved `pc`/`ptr` until it finishes or calls.
    pub(super) fn dispatch(&mut self) -> Ev {
        let prog = self.prog;
        let Frame { mut pc, mut ptr, toplevel, .. } = *self.top();
        let end = self.end;
        loop {
            match &prog.insts[pc] {
                Inst::Failure => return Ev::Ret(false),
                Inst::Success => {
                    if toplevel
                        && ((self.match_all && ptr != end) || (self.must_advance && ptr == self.start))
                    {
                        return Ev::Ret(false);
                    }
                    self.ptr = ptr;
                    return Ev::Ret(true);
                }
                Inst::Char(t) => {
                    if ptr >= end || !self.test(*t, self.text.at(ptr)) {
                        return Ev::Ret(false);
                    }
                    ptr += 1;
                    pc += 1;
                }
                Inst::At(a) => {
                    if !self.at(*a, ptr) {
                        return Ev::Ret(false);
                    }
                    pc += 1;
                }
                Inst::Mark(i) => {
                    let i = *i as isize;
                    if i & 1 == 1 {
                        self.lastindex = i / 2 + 1;
                    }
                    if i > self.lastmark {
                        for j in (self.lastmark + 1)..i {
                            self.marks[j as usize] = NONE;
                        }
                        self.lastmark = i;
                    }
                    self.marks[i as usize] = ptr;
                    pc += 1;
                }
                Inst::Jump(t) => pc = *t,
                Inst::Branch(_) => {
                    self.lastmark_save();
                    if self.repeat.is_some() {
                        self.mark_push(self.lastmark);
                    }
                    let f = self.top();
                    f.pc = pc;
                    f.ptr = ptr;
                    f.count = 0;
                    return self.branch_next();
                }
                Inst::RepeatOne { kind, min, max, test } => {
                    if *min as usize > end - ptr {
                        return Ev::Ret(false);
                    }
                    self.ptr = ptr;
                    let n = match kind {
                        RepeatKind::Lazy if *min == 0 => 0,
                        RepeatKind::Lazy => self.count(*test, ptr, *min),
                        _ => self.count(*test, ptr, *max),
                    };
                    if n < *min as usize {
                        return Ev::Ret(false);
                    }
                    let after = ptr + n;
                    let tail_is_success = prog.insts[pc + 1] == Inst::Success;
                    match kind {
                        RepeatKind::Possessive => {
                            ptr = after;
                            pc += 1;
                            continue;
                        }
                        RepeatKind::Greedy => {
                            if tail_is_success
                                && after == end
                                && !(toplevel && self.must_advance && after == self.start)
                            {
                                self.ptr = after;
                                return Ev::Ret(true);
                            }
                        }
                        RepeatKind::Lazy => {
                            let rejected = toplevel
                                && ((self.match_all && after != end)
                                    || (self.must_advance && after == self.start));
                            if tail_is_success && !rejected {
                                self.ptr = after;
                                return Ev::Ret(true);
                            }
                        }
                    }
                    self.lastmark_save();
                    if self.repeat.is_some() {
                        self.mark_push(self.lastmark);
                    }
                    let f = self.top();
                    f.pc = pc;
                    f.ptr = ptr;
                    f.count = n as isize;
                    return if *kind == RepeatKind::Greedy { self.repeat_one_next() } else { self.min_repeat_one_next() };
                }
                Inst::Repeat { until, .. } => {
                    let rep = self.reps.len();
                    self.reps.push(RepCtx { count: -1, pc, prev: self.repeat, last_ptr: NONE });
                    self.repeat = Some(rep);
                    self.ptr = ptr;
                    self.top().rep = rep;
                    return self.call(pc, ptr, *until, Resume::Repeat, toplevel);
                }
                Inst::MaxUntil => return self.max_until(pc, ptr, toplevel),
                Inst::MinUntil => return self.min_until(pc, ptr, toplevel),
                Inst::PossessiveRepeat { .. } => {
                    self.ptr = ptr;
                    let f = self.top();
                    f.pc = pc;
                    f.ptr = ptr;
                    f.count = 0;
                    return self.possessive_min();
                }
                Inst::Atomic { .. } => {
                    self.ptr = ptr;
                    return self.call(pc, ptr, pc + 1, Resume::Atomic, false);
                }
                Inst::Assert { back, negate, tail } => {
                    if !*negate {
                        if ptr < *back {
                            return Ev::Ret(false);
                        }
                        self.ptr = ptr - back;
                        return self.call(pc, ptr, pc + 1, Resume::Assert, false);
                    }
                    if ptr >= *back {
                        self.ptr = ptr - back;
                        self.lastmark_save();
                        if self.repeat.is_some() {
                            self.mark_push(self.lastmark);
                        }
                        return self.call(pc, ptr, pc + 1, Resume::AssertNot, false);
                    }
                    pc = *tail;
                }
                Inst::GroupRef { group, fold } => {
                    let g = 2 * group;
                    if g as isize >= self.lastmark {
                        return Ev::Ret(false);
                    }
                    let (p, e) = (self.marks[g], self.marks[g + 1]);
                    if p == NONE || e == NONE || e < p {
                        return Ev::Ret(false);
                    }
                    for k in p..e {
                        if ptr >= end || !self.chars_equal(*fold, self.text.at(ptr), self.text.at(k)) {
                            return Ev::Ret(false);
                        }
                        ptr += 1;
                    }
                    pc += 1;
                }
                Inst::GroupRefExists { group, no } => {
                    let g = 2 * group;
                    let matched = (g as isize) < self.lastmark && {
                        let (p, e) = (self.marks[g], self.marks[g + 1]);
                        p != NONE && e != NONE && e >= p
                    };
                    pc = if matched { pc + 1 } else { *no };
                }
            }
        }
    }

    /// Tries the alternatives of the top frame's `Branch` from index `count` on.
    fn branch_next(&mut self) -> Ev {
        let prog = self.prog;
        let f = *self.top();
        let Inst::Branch(alts) = &prog.insts[f.pc] else { return Ev::Ret(false) };
        let mut i = f.count as usize;
        while i < alts.len() {
            let start = alts[i];
            if let Inst::Char(t) = prog.insts[start] {
                if f.ptr >= self.end || !self.test(t, self.text.at(f.ptr)) {
                    i += 1;
                    continue;
                }
            }
            self.top().count = i as isize;
            self.ptr = f.ptr;
            return self.call(f.pc, f.ptr, start, Resume::Branch, f.toplevel);
        }
        if self.repeat.is_some() {
            self.mark_discard(f.lastmark);
        }
        Ev::Ret(false)
    }

    /// Greedy single-character repeat: tries the tail with `count` items, then fewer.
    fn repeat_one_next(&mut self) -> Ev {
        let prog = self.prog;
        let f = *self.top();
        let Inst::RepeatOne { min, .. } = prog.insts[f.pc] else { return Ev::Ret(false) };
        let min = min as isize;
        let tail = f.pc + 1;
        let mut count = f.count;
        if let Inst::Char(Test::Lit(c)) = prog.insts[tail] {
            while count >= min {
                let p = f.ptr + count as usize;
                if p < self.end && self.text.at(p) == c {
                    break;
                }
                count -= 1;
            }
        }
        if count >= min {
            self.top().count = count;
            self.ptr = f.ptr + count as usize;
            return self.call(f.pc, f.ptr, tail, Resume::RepeatOne, f.toplevel);
        }
        if self.repeat.is_some() {
            self.mark_discard(f.lastmark);
        }
        Ev::Ret(false)
    }

    /// Lazy single-character repeat: tries the tail with `count` items.
    fn min_repeat_one_next(&mut self) -> Ev {
        let f = *self.top();
        let Inst::RepeatOne { max, .. } = self.prog.insts[f.pc] else { return Ev::Ret(false) };
        if max == UNBOUNDED || f.count <= max as isize {
            self.ptr = f.ptr + f.count as usize;
            return self.call(f.pc, f.ptr, f.pc + 1, Resume::MinRepeatOne, f.toplevel);
        }
        if self.repeat.is_some() {
            self.mark_discard(f.lastmark);
        }
        Ev::Ret(false)
    }

    fn repeat_bounds(&self, rep: usize) -> (u32, u32) {
        match self.prog.insts[self.reps[rep].pc] {
            Inst::Repeat { min, max, .. } => (min, max),
            _ => (0, 0),
        }
    }

    /// The start shared by `MaxUntil` and `MinUntil`: the innermost repeat context, the
    /// iteration count about to be reached (recorded in the top frame with the context),
    /// the loop's bounds and the pc of its body. None outside any repeat.
    fn until_start(&mut self, ptr: usize) -> Option<(usize, isize, u32, u32, usize)> {
        let rep = self.repeat?;
        self.ptr = ptr;
        let count = self.reps[rep].count + 1;
        let (min, max) = self.repeat_bounds(rep);
        let body = self.reps[rep].pc + 1;
        let f = self.top();
        f.rep = rep;
        f.count = count;
        Some((rep, count, min, max, body))
    }

    fn max_until(&mut self, pc: usize, ptr: usize, toplevel: bool) -> Ev {
        let Some((rep, count, min, max, body)) = self.until_start(ptr) else { return Ev::Ret(false) };
        if count < min as isize {
            self.reps[rep].count = count;
            return self.call(pc, ptr, body, Resume::MaxUntil1, toplevel);
        }
        if (count < max as isize || max == UNBOUNDED) && self.ptr != self.reps[rep].last_ptr {
            self.reps[rep].count = count;
            self.lastmark_save();
            self.mark_push(self.lastmark);
            self.top().saved = self.reps[rep].last_ptr;
            self.reps[rep].last_ptr = self.ptr;
            return self.call(pc, ptr, body, Resume::MaxUntil2, toplevel);
        }
        self.max_until_tail(pc, ptr, rep, toplevel)
    }

    fn max_until_tail(&mut self, pc: usize, ptr: usize, rep: usize, toplevel: bool) -> Ev {
        self.repeat = self.reps[rep].prev;
        self.call(pc, ptr, pc + 1, Resume::MaxUntil3, toplevel)
    }

    fn min_until(&mut self, pc: usize, ptr: usize, toplevel: bool) -> Ev {
        let Some((rep, count, min, _, body)) = self.until_start(ptr) else { return Ev::Ret(false) };
        if count < min as isize {
            self.reps[rep].count = count;
            return self.call(pc, ptr, body, Resume::MinUntil1, toplevel);
        }
        self.repeat = self.reps[rep].prev;
        self.lastmark_save();
        if self.repeat.is_some() {
            self.mark_push(self.lastmark);
        }
        self.call(pc, ptr, pc + 1, Resume::MinUntil2, toplevel)
    }

    /// Possessive repeat, mandatory part: `count` iterations done so far.
    fn possessive_min(&mut self) -> Ev {
        let f = *self.top();
        let Inst::PossessiveRepeat { min, .. } = self.prog.insts[f.pc] else { return Ev::Ret(false) };
        if f.count < min as isize {
            return self.call(f.pc, f.ptr, f.pc + 1, Resume::Possessive1, false);
        }
        self.top().saved = NONE;
        self.possessive_more()
    }

    /// Possessive repeat, optional part: one more iteration while it makes progress.
    fn possessive_more(&mut self) -> Ev {
        let f = *self.top();
        let Inst::PossessiveRepeat { max, tail, .. } = self.prog.insts[f.pc] else { return Ev::Ret(false) };
        if (f.count < max as isize || max == UNBOUNDED) && self.ptr != f.saved {
            self.lastmark_save();
            self.mark_push(self.lastmark);
            self.top().saved = self.ptr;
            return self.call(f.pc, f.ptr, f.pc + 1, Resume::Possessive2, false);
        }
        self.continue_at(tail)
    }

    /// Continues the top frame at `pc` from `self.ptr`.
    fn continue_at(&mut self, pc: usize) -> Ev {
        let ptr = self.ptr;
        let f = self.top();
        f.pc = pc;
        f.ptr = ptr;
        Ev::Run
    }

    /// Continues the top frame after the sub-match it started returned `r`.
    pub(super) fn resume(&mut self, r: bool) -> Ev {
        let f = *self.top();
        let in_repeat = self.repeat.is_some();
        match f.resume {
            Resume::None => Ev::Ret(r),
            Resume::Branch | Resume::RepeatOne | Resume::MinRepeatOne => {
                if r {
                    if in_repeat {
                        self.mark_discard(f.lastmark);
                    }
                    return Ev::Ret(true);
                }
                if in_repeat {
                    self.mark_restore(f.lastmark, false);
                }
                self.lastmark_restore(&f);
                match f.resume {
                    Resume::Branch => {
                        self.top().count += 1;
                        self.branch_next()
                    }
                    Resume::RepeatOne => {
                        self.top().count -= 1;
                        self.repeat_one_next()
                    }
                    _ => {
                        let Inst::RepeatOne { test, .. } = self.prog.insts[f.pc] else { return Ev::Ret(false) };
                        let at = f.ptr + f.count as usize;
                        self.ptr = at;
                        if self.count(test, at, 1) == 0 {
                            if in_repeat {
                                self.mark_discard(f.lastmark);
                            }
                            return Ev::Ret(false);
                        }
                        self.top().count += 1;
                        self.min_repeat_one_next()
                    }
                }
            }
            Resume::Repeat => {
                self.repeat = self.reps[f.rep].prev;
                self.reps.truncate(f.rep);
                Ev::Ret(r)
            }
            Resume::MaxUntil1 | Resume::MinUntil1 => {
                if r {
                    return Ev::Ret(true);
                }
                self.reps[f.rep].count = f.count - 1;
                self.ptr = f.ptr;
                Ev::Ret(false)
            }
            Resume::MaxUntil2 => {
                self.reps[f.rep].last_ptr = f.saved;
                if r {
                    self.mark_discard(f.lastmark);
                    return Ev::Ret(true);
                }
                self.mark_restore(f.lastmark, true);
                self.lastmark_restore(&f);
                self.reps[f.rep].count = f.count - 1;
                self.ptr = f.ptr;
                self.max_until_tail(f.pc, f.ptr, f.rep, f.toplevel)
            }
            Resume::MaxUntil3 => {
                self.repeat = Some(f.rep);
                if r {
                    return Ev::Ret(true);
                }
                self.ptr = f.ptr;
                Ev::Ret(false)
            }
            Resume::MinUntil2 => {
                let tail_repeat = self.repeat.is_some();
                self.repeat = Some(f.rep);
                if r {
                    if tail_repeat {
                        self.mark_discard(f.lastmark);
                    }
                    return Ev::Ret(true);
                }
                if tail_repeat {
                    self.mark_restore(f.lastmark, true);
                }
                self.lastmark_restore(&f);
                self.ptr = f.ptr;
                let (_, max) = self.repeat_bounds(f.rep);
                if (f.count >= max as isize && max != UNBOUNDED) || self.ptr == self.reps[f.rep].last_ptr {
                    return Ev::Ret(false);
                }
                self.reps[f.rep].count = f.count;
                self.top().saved = self.reps[f.rep].last_ptr;
                self.reps[f.rep].last_ptr = self.ptr;
                let body = self.reps[f.rep].pc + 1;
                self.call(f.pc, f.ptr, body, Resume::MinUntil3, f.toplevel)
            }
            Resume::MinUntil3 => {
                self.reps[f.rep].last_ptr = f.saved;
                if r {
                    return Ev::Ret(true);
                }
                self.reps[f.rep].count = f.count - 1;
                self.ptr = f.ptr;
                Ev::Ret(false)
            }
            Resume::Possessive1 => {
                if !r {
                    self.ptr = f.ptr;
                    return Ev::Ret(false);
                }
                self.top().count += 1;
                self.possessive_min()
            }
            Resume::Possessive2 => {
                if r {
                    self.mark_discard(f.lastmark);
                    self.top().count += 1;
                    return self.possessive_more();
                }
                self.mark_restore(f.lastmark, true);
                self.lastmark_restore(&f);
                self.ptr = f.saved;
                let Inst::PossessiveRepeat { tail, .. } = self.prog.insts[f.pc] else { return Ev::Ret(false) };
                self.continue_at(tail)
            }
            Resume::Atomic => {
                if !r {
                    self.ptr = f.ptr;
                    return Ev::Ret(false);
                }
                let Inst::Atomic { tail } = self.prog.insts[f.pc] else { return Ev::Ret(false) };
                self.continue_at(tail)
            }
            Resume::Assert | Resume::AssertNot => {
                let Inst::Assert { tail, .. } = self.prog.insts[f.pc] else { return Ev::Ret(false) };
                if f.resume == Resume::AssertNot {
                    if r {
                        if in_repeat {
                            self.mark_discard(f.lastmark);
                        }
                        return Ev::Ret(false);
                    }
                    if in_repeat {
                        self.mark_restore(f.lastmark, true);
                    }
                    self.lastmark_restore(&f);
                } else if !r {
                    return Ev::Ret(false);
                }
                let f = self.top();
                f.pc = tail;
                Ev::Run
            }
        }
    }
}
