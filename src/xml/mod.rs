//! XML plumbing shared by the format modules: a parsed tree with positions for readers,
//! and a small element tree with a pretty printer for writers.

mod dom;
mod out;
mod same;
pub mod source_map;
pub mod tree;
pub mod uri;
pub mod xinclude;

pub use dom::{
    collapse as text_of_str, forget_paths, index_lines, index_lines_from, line_of, line_starts,
    parse, parse_threads, path_of, pos_of, serialize_node, strip_tags, text_of, text_runs, Doc,
    MAX_DEPTH,
};
pub use out::{
    attribute_pairs, element_position, escape_into, fragment_name, holes, node_name, El, Hole,
    Name, Node as OutNode,
};
pub use same::{same_element, same_head, Depth};

mod decode;
pub mod normalize;
pub use decode::{decode, decode_owned, utf16};

pub use tree::Node;
