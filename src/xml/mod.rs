//! XML plumbing shared by the format modules: a parsed tree with positions for readers,
//! and a small element tree with a pretty printer for writers.

mod dom;
mod out;

pub use dom::{
    collapse as text_of_str, parse, path_of, pos_of, serialize_node, strip_tags, text_of, Doc,
};
pub use out::{El, Node};

mod decode;
pub use decode::decode;
