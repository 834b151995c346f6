//! The `crosswalk` command: argument mapping over the library (see `cli.rs`).

mod cli;

// glibc's malloc spent a third of a large EAD migration consolidating and unlinking
// chunks (perf); mimalloc's size-class pages serve the many small strings and nodes of
// the model faster.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options as numbered in the C header of libmimalloc-sys 0.1.49 (v2,
/// `mi_option_e`; the version is pinned in Cargo.toml because these numbers are not
/// exported as constants).
const MI_OPTION_ARENA_EAGER_COMMIT: i32 = 4;
const MI_OPTION_PURGE_DELAY: i32 = 15;

fn main() {
    // Memory given back to the system as soon as it is freed, and arena memory committed
    // as it is used rather than ahead: a finding aid converted level by level frees each
    // level's memory, and keeping it reserved raised the peak of a 20 MB file by a
    // quarter (the time is the same).
    // SAFETY: setting an option is a plain store read by the allocator; no allocation
    // of consequence has been made yet.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
    std::process::exit(cli::run());
}
