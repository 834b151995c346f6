//! The `crosswalk` command: argument mapping over the library (see `cli.rs`).

mod cli;

fn main() {
    std::process::exit(cli::run());
}
