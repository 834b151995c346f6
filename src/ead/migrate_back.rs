//! EAD3 fragments written as EAD 2002.
use super::migrate::{Mig, Piece};
use crate::xml::{Node, OutNode as Out};

pub(super) fn fragment(_m: &mut Mig, root: Node, _parent: &str) -> Vec<Out> {
    vec![Out::Raw(crate::xml::serialize_node(root))]
}

pub(super) fn attributes(
    _m: &mut Mig,
    _element: &str,
    pairs: Vec<(String, String)>,
) -> Vec<(String, String)> {
    let _ = Piece::Node;
    pairs
}
