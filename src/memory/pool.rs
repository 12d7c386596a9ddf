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
//!   As in CPython, a used pool's `freeblock` is never null: when the list runs out,
//!   the next untouched block (at `nextoffset`) is put on it at once, and only a pool
//!   with no untouched block left has a null `freeblock`, which is what makes it full.
//!   So `alloc` takes the head of the first used pool's list, and `free` knows a full
//!   pool by its null list, each with no other test on its common path.
//! - State is per thread, like the rest of the interpreter: blocks never cross threads.
//!   The fields every allocation touches (`Hot`) are plain cells in a thread-local
//!   without a destructor, reached with no initialisation test and no borrow flag; the
//!   arenas (`State`) are only reached when a pool is taken or given back.

use std::alloc::{alloc as sys_alloc, dealloc as sys_free, Layout};
use std::cell::{Cell, RefCell};
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

/// What every allocation and free reads or writes.
struct Hot {
    /// Per size class, the first of its used pools (null when it has none), linked
    /// through `nextpool`/`prevpool`.
    usedpools: [Cell<*mut PoolHeader>; NB_SMALL_SIZE_CLASSES],
    /// Blocks handed out and not yet freed (pool blocks and large blocks).
    allocated_blocks: Cell<usize>,
}

struct State {
    arenas: Vec<Option<Arena>>,
    stats: Stats,
}

thread_local! {
    static HOT: Hot = const {
        Hot { usedpools: [const { Cell::new(null_mut()) }; NB_SMALL_SIZE_CLASSES], allocated_blocks: Cell::new(0) }
    };
    static STATE: RefCell<State> = const {
        RefCell::new(State {
            arenas: Vec::new(),
            stats: Stats { arenas_allocated_total: 0, arenas_reclaimed: 0, arenas_highwater: 0, large_blocks: 0 },
        })
    };
}

fn arena_layout() -> Layout {
    Layout::from_size_align(ARENA_SIZE, POOL_SIZE).expect("arena layout")
}

fn large_layout(size: usize) -> Layout {
    Layout::from_size_align(size.max(1), ALIGNMENT).expect("block layout")
}

#[inline(always)]
fn size_class(size: usize) -> usize {
    (size.max(1) - 1) / ALIGNMENT
}

#[inline(always)]
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

    /// Gives `pool`, which has no allocated block and is on no used list, back to its
    /// arena, and the arena back to the system when all its pools are empty.
    /// SAFETY: `pool` is a pool of one of this state's arenas, as described.
    unsafe fn return_pool(&mut self, pool: *mut PoolHeader) {
        let ph = &mut *pool;
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

/// Allocates `size` bytes aligned to 16 (null when the system has no memory left).
#[inline(always)]
pub fn alloc(size: usize) -> *mut u8 {
    if size > SMALL_REQUEST_THRESHOLD {
        return alloc_large(size);
    }
    let szidx = size_class(size);
    HOT.with(|h| {
        let pool = h.usedpools[szidx].get();
        if pool.is_null() {
            return alloc_from_new_pool(h, szidx);
        }
        h.allocated_blocks.set(h.allocated_blocks.get() + 1);
        // SAFETY: `pool` is a used pool (module invariant: on its class's list), so its
        // `freeblock` is a free block whose first word links to the next one.
        unsafe {
            let ph = &mut *pool;
            ph.ref_count += 1;
            let block = ph.freeblock;
            let next = *(block as *mut *mut u8);
            ph.freeblock = next;
            if next.is_null() {
                pool_list_ran_out(h, pool);
            }
            block
        }
    })
}

#[cold]
#[inline(never)]
fn alloc_large(size: usize) -> *mut u8 {
    HOT.with(|h| h.allocated_blocks.set(h.allocated_blocks.get() + 1));
    STATE.with(|s| s.borrow_mut().stats.large_blocks += 1);
    // SAFETY: the layout has a non-zero size.
    unsafe { sys_alloc(large_layout(size)) }
}

/// `alloc` when class `szidx` has no used pool: an empty pool becomes its used pool
/// and hands out its first block.
#[cold]
#[inline(never)]
fn alloc_from_new_pool(h: &Hot, szidx: usize) -> *mut u8 {
    let Some((p, arena)) = STATE.with(|s| s.borrow_mut().take_empty_pool()) else { return null_mut() };
    let bsize = block_size(szidx);
    // SAFETY: `p` points at POOL_SIZE bytes owned by this allocator and not in use;
    // writing its header makes it a used pool of class `szidx` with its first block
    // handed out and its second on the free list (a pool has room for more than two).
    unsafe {
        let block = (p as *mut u8).add(POOL_OVERHEAD);
        let free = block.add(bsize);
        *(free as *mut *mut u8) = null_mut();
        p.write(PoolHeader {
            ref_count: 1,
            freeblock: free,
            nextpool: null_mut(),
            prevpool: null_mut(),
            arena,
            szidx,
            nextoffset: POOL_OVERHEAD + 2 * bsize,
            maxnextoffset: POOL_SIZE - bsize,
            nextfree: null_mut(),
        });
        h.usedpools[szidx].set(p);
        h.allocated_blocks.set(h.allocated_blocks.get() + 1);
        block
    }
}

/// `alloc` took the last block of `pool`'s free list: the next untouched block goes on
/// it, or, when none is left, the pool is full and leaves its class's used list.
/// SAFETY: `pool` is the first used pool of its class, with a null `freeblock`.
#[inline(never)]
unsafe fn pool_list_ran_out(h: &Hot, pool: *mut PoolHeader) {
    let ph = &mut *pool;
    if ph.nextoffset <= ph.maxnextoffset {
        let free = (pool as *mut u8).add(ph.nextoffset);
        *(free as *mut *mut u8) = null_mut();
        ph.freeblock = free;
        ph.nextoffset += block_size(ph.szidx);
        return;
    }
    h.usedpools[ph.szidx].set(ph.nextpool);
    if !ph.nextpool.is_null() {
        (*ph.nextpool).prevpool = null_mut();
    }
    ph.nextpool = null_mut();
    ph.prevpool = null_mut();
}

/// Frees a block from `alloc` of the same `size`.
#[inline(always)]
pub fn free(p: *mut u8, size: usize) {
    if size > SMALL_REQUEST_THRESHOLD {
        free_large(p, size);
        return;
    }
    let pool = p.map_addr(|a| a & !(POOL_SIZE - 1)) as *mut PoolHeader;
    HOT.with(|h| {
        h.allocated_blocks.set(h.allocated_blocks.get() - 1);
        // SAFETY: `p` was returned by `alloc` for a small size, so `pool` is the header
        // of the pool it came from, and the pool is used or full.
        unsafe {
            let ph = &mut *pool;
            let was = ph.freeblock;
            *(p as *mut *mut u8) = was;
            ph.freeblock = p;
            ph.ref_count -= 1;
            if was.is_null() || ph.ref_count == 0 {
                pool_changed_state(h, pool, was.is_null());
            }
        }
    })
}

#[cold]
#[inline(never)]
fn free_large(p: *mut u8, size: usize) {
    HOT.with(|h| h.allocated_blocks.set(h.allocated_blocks.get() - 1));
    STATE.with(|s| s.borrow_mut().stats.large_blocks -= 1);
    // SAFETY: `p` came from `alloc(size)` with this layout.
    unsafe { sys_free(p, large_layout(size)) };
}

/// `free` gave a block back to `pool` that was full (`was_full`: it goes back on its
/// class's used list, in front) or that now has no allocated block (it leaves the used
/// list and goes back to its arena).
/// SAFETY: `pool` is the pool of the block just freed, its header updated.
#[inline(never)]
unsafe fn pool_changed_state(h: &Hot, pool: *mut PoolHeader, was_full: bool) {
    let ph = &mut *pool;
    let szidx = ph.szidx;
    if ph.ref_count > 0 {
        // Was full: back on the used list, at the front.
        ph.nextpool = h.usedpools[szidx].get();
        ph.prevpool = null_mut();
        if !ph.nextpool.is_null() {
            (*ph.nextpool).prevpool = pool;
        }
        h.usedpools[szidx].set(pool);
        return;
    }
    if !was_full {
        // Unlink from the used list.
        if ph.prevpool.is_null() {
            h.usedpools[szidx].set(ph.nextpool);
        } else {
            (*ph.prevpool).nextpool = ph.nextpool;
        }
        if !ph.nextpool.is_null() {
            (*ph.nextpool).prevpool = ph.prevpool;
        }
    }
    STATE.with(|s| s.borrow_mut().return_pool(pool));
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
    HOT.with(|h| h.allocated_blocks.get())
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
