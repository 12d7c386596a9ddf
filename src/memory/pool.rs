//! The small-object allocator, after CPython's `Objects/obmalloc.c`: blocks of up to
//! 512 bytes come from 16-byte size classes; each class is served by 16 KiB pools carved
//! out of 1 MiB arenas; larger requests go to the system allocator.
//!
//! Invariants:
//! - Every pool starts on a `POOL_SIZE` boundary with its `PoolHeader`; a block's pool
//!   is found by masking its address. Arenas are `ARENA_SIZE` bytes aligned to
//!   `POOL_SIZE`.
//! - A pool is *used* (in `usedpools[class]`) while it has both allocated and free
//!   blocks, *full* (in no list) when it has no free block, and *empty* (on its arena's
//!   free-pool list) when no block is allocated. `ref_count` is its allocated blocks.
//! - A free block's first word links to the next free block of its pool (`freeblock`).
//! - State is per thread, like the rest of the interpreter: blocks never cross threads.

use std::alloc::{alloc as sys_alloc, dealloc as sys_free, Layout};
use std::cell::RefCell;
use std::ptr::null_mut;

pub const ALIGNMENT: usize = 16;
pub const SMALL_REQUEST_THRESHOLD: usize = 512;
pub const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD / ALIGNMENT;
pub const POOL_SIZE: usize = 16 * 1024;
pub const ARENA_SIZE: usize = 1024 * 1024;
const POOLS_PER_ARENA: usize = ARENA_SIZE / POOL_SIZE;

#[repr(C)]
struct PoolHeader {
    ref_count: usize,
    freeblock: *mut u8,
    nextpool: *mut PoolHeader,
    prevpool: *mut PoolHeader,
    arena: usize,
    szidx: usize,
    nextoffset: usize,
    maxnextoffset: usize,
    /// Next empty pool of the same arena (while empty).
    nextfree: *mut PoolHeader,
}

const POOL_OVERHEAD: usize = (std::mem::size_of::<PoolHeader>() + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;

struct Arena {
    base: *mut u8,
    /// Pools never used yet start at `base + next_unused * POOL_SIZE`.
    next_unused: usize,
    freepools: *mut PoolHeader,
    nfreepools: usize,
}

#[derive(Default, Clone, Copy)]
pub struct Stats {
    pub arenas_allocated_total: usize,
    pub arenas_reclaimed: usize,
    pub arenas_highwater: usize,
    pub large_blocks: usize,
}

struct State {
    usedpools: [*mut PoolHeader; NB_SMALL_SIZE_CLASSES],
    arenas: Vec<Option<Arena>>,
    stats: Stats,
    /// Blocks handed out and not yet freed (pool blocks and large blocks).
    allocated_blocks: usize,
}

thread_local! {
    static STATE: RefCell<State> = const {
        RefCell::new(State {
            usedpools: [null_mut(); NB_SMALL_SIZE_CLASSES],
            arenas: Vec::new(),
            stats: Stats { arenas_allocated_total: 0, arenas_reclaimed: 0, arenas_highwater: 0, large_blocks: 0 },
            allocated_blocks: 0,
        })
    };
}

fn arena_layout() -> Layout {
    Layout::from_size_align(ARENA_SIZE, POOL_SIZE).expect("arena layout")
}

fn large_layout(size: usize) -> Layout {
    Layout::from_size_align(size.max(1), ALIGNMENT).expect("block layout")
}

fn size_class(size: usize) -> usize {
    (size.max(1) - 1) / ALIGNMENT
}

fn block_size(szidx: usize) -> usize {
    (szidx + 1) * ALIGNMENT
}

impl State {
    /// An empty pool from an arena with one, or from a new arena.
    fn take_empty_pool(&mut self) -> Option<(*mut PoolHeader, usize)> {
        let idx = match self.arenas.iter().position(|a| a.as_ref().map(|a| a.nfreepools > 0).unwrap_or(false)) {
            Some(i) => i,
            None => {
                // SAFETY: the layout has a non-zero size.
                let base = unsafe { sys_alloc(arena_layout()) };
                if base.is_null() {
                    return None;
                }
                let arena = Arena { base, next_unused: 0, freepools: null_mut(), nfreepools: POOLS_PER_ARENA };
                self.stats.arenas_allocated_total += 1;
                let slot = self.arenas.iter().position(|a| a.is_none());
                let i = match slot {
                    Some(i) => {
                        self.arenas[i] = Some(arena);
                        i
                    }
                    None => {
                        self.arenas.push(Some(arena));
                        self.arenas.len() - 1
                    }
                };
                let current = self.arenas.iter().filter(|a| a.is_some()).count();
                self.stats.arenas_highwater = self.stats.arenas_highwater.max(current);
                i
            }
        };
        let a = self.arenas[idx].as_mut().expect("arena");
        a.nfreepools -= 1;
        if !a.freepools.is_null() {
            let p = a.freepools;
            // SAFETY: `p` is an empty pool of this arena; its header is initialised.
            a.freepools = unsafe { (*p).nextfree };
            return Some((p, idx));
        }
        // SAFETY: `next_unused < POOLS_PER_ARENA` because nfreepools was > 0 and the
        // free-pool list is empty, so an untouched pool remains inside the arena.
        let p = unsafe { a.base.add(a.next_unused * POOL_SIZE) } as *mut PoolHeader;
        a.next_unused += 1;
        Some((p, idx))
    }

    fn alloc(&mut self, size: usize) -> *mut u8 {
        let szidx = size_class(size);
        let mut pool = self.usedpools[szidx];
        if pool.is_null() {
            let Some((p, arena)) = self.take_empty_pool() else { return null_mut() };
            let bsize = block_size(szidx);
            // SAFETY: `p` points at POOL_SIZE bytes owned by this allocator and not in
            // use; writing its header makes it a used pool of class `szidx`.
            unsafe {
                p.write(PoolHeader {
                    ref_count: 0,
                    freeblock: null_mut(),
                    nextpool: null_mut(),
                    prevpool: null_mut(),
                    arena,
                    szidx,
                    nextoffset: POOL_OVERHEAD,
                    maxnextoffset: POOL_SIZE - bsize,
                    nextfree: null_mut(),
                });
            }
            self.usedpools[szidx] = p;
            pool = p;
        }
        // SAFETY: `pool` is a used pool of class `szidx`: it has a free block, either on
        // its free list or untouched at `nextoffset`.
        unsafe {
            let ph = &mut *pool;
            ph.ref_count += 1;
            let block = if !ph.freeblock.is_null() {
                let b = ph.freeblock;
                ph.freeblock = *(b as *mut *mut u8);
                b
            } else {
                let b = (pool as *mut u8).add(ph.nextoffset);
                ph.nextoffset += block_size(szidx);
                b
            };
            if ph.freeblock.is_null() && ph.nextoffset > ph.maxnextoffset {
                // Full: unlink from the used list.
                self.usedpools[szidx] = ph.nextpool;
                if !ph.nextpool.is_null() {
                    (*ph.nextpool).prevpool = null_mut();
                }
                ph.nextpool = null_mut();
                ph.prevpool = null_mut();
            }
            self.allocated_blocks += 1;
            block
        }
    }

    fn free(&mut self, p: *mut u8) {
        let pool = p.map_addr(|a| a & !(POOL_SIZE - 1)) as *mut PoolHeader;
        self.allocated_blocks -= 1;
        // SAFETY: `p` was returned by `alloc` for a small size, so `pool` is the header
        // of the pool it came from, and the pool is used or full.
        unsafe {
            let ph = &mut *pool;
            let was_full = ph.freeblock.is_null() && ph.nextoffset > ph.maxnextoffset;
            *(p as *mut *mut u8) = ph.freeblock;
            ph.freeblock = p;
            ph.ref_count -= 1;
            let szidx = ph.szidx;
            if was_full && ph.ref_count > 0 {
                // Back on the used list, at the front.
                ph.nextpool = self.usedpools[szidx];
                ph.prevpool = null_mut();
                if !ph.nextpool.is_null() {
                    (*ph.nextpool).prevpool = pool;
                }
                self.usedpools[szidx] = pool;
                return;
            }
            if ph.ref_count == 0 {
                if !was_full {
                    // Unlink from the used list.
                    if ph.prevpool.is_null() {
                        self.usedpools[szidx] = ph.nextpool;
                    } else {
                        (*ph.prevpool).nextpool = ph.nextpool;
                    }
                    if !ph.nextpool.is_null() {
                        (*ph.nextpool).prevpool = ph.prevpool;
                    }
                }
                let ai = ph.arena;
                let a = self.arenas[ai].as_mut().expect("arena");
                ph.nextfree = a.freepools;
                a.freepools = pool;
                a.nfreepools += 1;
                if a.nfreepools == POOLS_PER_ARENA {
                    let base = a.base;
                    self.arenas[ai] = None;
                    self.stats.arenas_reclaimed += 1;
                    sys_free(base, arena_layout());
                }
            }
        }
    }
}

/// Allocates `size` bytes aligned to 16.
pub fn alloc(size: usize) -> *mut u8 {
    if size > SMALL_REQUEST_THRESHOLD {
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.allocated_blocks += 1;
            s.stats.large_blocks += 1;
        });
        // SAFETY: the layout has a non-zero size.
        return unsafe { sys_alloc(large_layout(size)) };
    }
    STATE.with(|s| s.borrow_mut().alloc(size))
}

/// Frees a block from `alloc` of the same `size`.
pub fn free(p: *mut u8, size: usize) {
    if size > SMALL_REQUEST_THRESHOLD {
        STATE.with(|s| {
            let mut s = s.borrow_mut();
            s.allocated_blocks -= 1;
            s.stats.large_blocks -= 1;
        });
        // SAFETY: `p` came from `alloc(size)` with this layout.
        unsafe { sys_free(p, large_layout(size)) };
        return;
    }
    STATE.with(|s| s.borrow_mut().free(p))
}

/// `n` with a comma between groups of three digits, as CPython's allocator statistics.
pub fn with_commas(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Blocks currently allocated (`sys.getallocatedblocks()`).
pub fn allocated_blocks() -> usize {
    STATE.with(|s| s.borrow().allocated_blocks)
}

/// Calls `f` with each block handed out for a small size and not freed since, and that
/// block's size class size. Walks every pool, so it is for debug accounting only.
pub fn for_each_block(mut f: impl FnMut(*mut u8, usize)) {
    STATE.with(|s| {
        let s = s.borrow();
        for a in s.arenas.iter().flatten() {
            for i in 0..a.next_unused {
                // SAFETY: pools below next_unused have initialised headers; an empty
                // pool (on the arena's free-pool list) has ref_count 0.
                let pool = unsafe { a.base.add(i * POOL_SIZE) };
                let ph = unsafe { &*(pool as *const PoolHeader) };
                if ph.ref_count == 0 {
                    continue;
                }
                let bsize = block_size(ph.szidx);
                let mut free = std::collections::HashSet::new();
                let mut b = ph.freeblock;
                while !b.is_null() {
                    free.insert(b as usize);
                    // SAFETY: a free block's first word links to the next free block.
                    b = unsafe { *(b as *const *mut u8) };
                }
                let mut off = POOL_OVERHEAD;
                while off < ph.nextoffset {
                    // SAFETY: `off` is inside the pool, below its untouched area.
                    let block = unsafe { pool.add(off) };
                    if !free.contains(&(block as usize)) {
                        f(block, bsize);
                    }
                    off += bsize;
                }
            }
        }
    })
}

/// Per size class: (block size, pools, blocks in use, available blocks); then the
/// arena statistics. Counted by walking the arenas' pools.
pub fn stats_report() -> String {
    STATE.with(|s| {
        let s = s.borrow();
        let mut pools = [0usize; NB_SMALL_SIZE_CLASSES];
        let mut used = [0usize; NB_SMALL_SIZE_CLASSES];
        let mut avail = [0usize; NB_SMALL_SIZE_CLASSES];
        let mut empty_pools = 0;
        let mut arenas = 0;
        for a in s.arenas.iter().flatten() {
            arenas += 1;
            empty_pools += a.nfreepools;
            let mut free_set = std::collections::HashSet::new();
            let mut f = a.freepools;
            while !f.is_null() {
                free_set.insert(f as usize);
                // SAFETY: free pools' headers are initialised and link within the arena.
                f = unsafe { (*f).nextfree };
            }
            for i in 0..a.next_unused {
                // SAFETY: pools below next_unused have initialised headers.
                let ph = unsafe { &*(a.base.add(i * POOL_SIZE) as *const PoolHeader) };
                if free_set.contains(&(ph as *const PoolHeader as usize)) {
                    continue;
                }
                let c = ph.szidx;
                let total = (POOL_SIZE - POOL_OVERHEAD) / block_size(c);
                pools[c] += 1;
                used[c] += ph.ref_count;
                avail[c] += total - ph.ref_count;
            }
        }
        let mut out = format!(
            "Small block threshold = {}, in {} size classes.\n\nclass   size   num pools   blocks in use  avail blocks\n-----   ----   ---------   -------------  ------------\n",
            SMALL_REQUEST_THRESHOLD, NB_SMALL_SIZE_CLASSES
        );
        let mut total_used = 0;
        for c in 0..NB_SMALL_SIZE_CLASSES {
            if pools[c] == 0 {
                continue;
            }
            total_used += used[c] * block_size(c);
            out.push_str(&format!("{:>5} {:>6} {:>11} {:>15} {:>13}\n", c, block_size(c), pools[c], used[c], avail[c]));
        }
        out.push('\n');
        let line = |k: &str, v: usize| format!("{:<34}= {:>15}\n", k, v);
        out.push_str(&line("# arenas allocated total", s.stats.arenas_allocated_total));
        out.push_str(&line("# arenas reclaimed", s.stats.arenas_reclaimed));
        out.push_str(&line("# arenas highwater mark", s.stats.arenas_highwater));
        out.push_str(&line("# arenas allocated current", arenas));
        out.push_str(&line(&format!("{} arenas * {} bytes/arena", arenas, ARENA_SIZE), arenas * ARENA_SIZE));
        out.push('\n');
        out.push_str(&line("# bytes in allocated blocks", total_used));
        out.push_str(&line("# bytes in available blocks", (0..NB_SMALL_SIZE_CLASSES).map(|c| avail[c] * block_size(c)).sum()));
        out.push_str(&line(&format!("{} unused pools * {} bytes", empty_pools, POOL_SIZE), empty_pools * POOL_SIZE));
        out.push_str(&line("# large blocks (system allocator)", s.stats.large_blocks));
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_reused_and_arenas_reclaimed() {
        let before = allocated_blocks();
        // Fewer blocks under Miri, which is slow and memory-hungry; still several pools.
        let n = if cfg!(miri) { 1000 } else { 20000 };
        let mut v: Vec<*mut u8> = (0..n).map(|_| alloc(48)).collect();
        assert!(v.iter().all(|p| !p.is_null() && (*p as usize) % ALIGNMENT == 0));
        let mut sorted = v.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), v.len(), "distinct blocks");
        assert_eq!(allocated_blocks(), before + n);
        for p in v.drain(..) {
            free(p, 48);
        }
        assert_eq!(allocated_blocks(), before);
        let big = alloc(4096);
        assert!(!big.is_null());
        free(big, 4096);
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(720), "720");
        assert_eq!(with_commas(64000), "64,000");
        assert_eq!(with_commas(1234567), "1,234,567");
        let report = stats_report();
        assert!(report.contains("# arenas reclaimed"));
    }
}
