//! The `crosswalk` command: argument mapping over the library (see `cli.rs`).

mod cli;

// glibc's malloc spent a third of a large EAD migration consolidating and unlinking
// chunks (perf); mimalloc's size-class pages serve the many small strings and nodes of
// the model faster.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::run());
}
