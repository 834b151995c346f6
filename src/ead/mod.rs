//! EAD 2002 and EAD3: one writer for both versions, since EAD3 is a revision of EAD 2002
//! with the same description elements. Where they differ, [`Version`] decides:
//!
//! | | EAD 2002 | EAD3 |
//! |---|---|---|
//! | namespace | `urn:isbn:1-931666-22-9` | `http://ead3.archivists.org/schema/` |
//! | header | `eadheader` (`eadid`, `filedesc`) | `control` (`recordid`, `filedesc`, maintenance) |
//! | names | text content | `part` children |
//! | role / authority | `@role`, `@authfilenumber` | `@relator`, `@identifier` |
//! | free type attribute | `@type` | `@localtype` |
//! | link | `extref` with `xlink:href` | `ref` with `@href` |
//! | list kind | `list/@type` (`ordered`, `simple`) | `list/@listtype` (`ordered`, `unordered`) |
//! | extent | `physdesc/extent` | `physdesc` (text) |
//!

pub(crate) mod frag;
mod lang;
mod migrate;
mod migrate_back;
mod read;
mod restore;
pub mod stream;
mod values;
mod write;

pub use read::{is_component, read};
pub use write::{write, Version};
