//! Turns input bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, and
//! ISO-8859-1 or windows-1252 when the XML declaration says so.

use crate::error::{Error, ErrorKind, Pos, Result};

pub fn decode(bytes: &[u8]) -> Result<String> {
    decode_owned(bytes.to_vec())
}

/// Like [`decode`], taking the bytes so that UTF-8 input (the usual case) is not copied.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        return utf8(bytes);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(&bytes[2..], bytes[0] == 0xFF)
            .ok_or_else(|| Error::new(ErrorKind::Syntax, "invalid UTF-16: unpaired surrogate"));
    }
    let head = &bytes[..bytes.len().min(200)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    if head.starts_with("<?xml") {
        let decl_end = head.find("?>").unwrap_or(head.len());
        let decl = &head[..decl_end];
        if decl.contains("iso-8859-1") || decl.contains("latin1") || decl.contains("windows-1252") {
            // ISO-8859-1 maps each byte to the code point of the same value; the 0x80-0x9F
            // range is read as windows-1252, which is what such files almost always mean.
            return Ok(bytes.iter().map(|&b| cp1252(b)).collect());
        }
    }
    utf8(bytes)
}

fn utf8(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..at]);
        Error::at(
            ErrorKind::Syntax,
            Pos::from_offset(&text, at),
            "invalid UTF-8: expected UTF-8 text, or an encoding declared in the XML declaration",
        )
    })
}

fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(HIGH[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}

/// Decodes UTF-16 (without its BOM), little- or big-endian; `None` for an unpaired
/// surrogate. An odd last byte is read as if padded with zero.
pub fn utf16(bytes: &[u8], little_endian: bool) -> Option<String> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| {
            let pair = [c[0], *c.get(1).unwrap_or(&0)];
            if little_endian {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        })
        .collect();
    String::from_utf16(&units).ok()
}
