//! Reading documents: files, directories (walked recursively in sorted
//! order), JSONL corpora and standard input, with strict or lossy UTF-8.
//!
//! Documents are produced one at a time so a corpus never has to fit in
//! memory; each file is read whole, and decoded with a clear error naming the
//! file and byte offset when it is not UTF-8.

use crate::error::{Error, Result};
use crate::pipeline::Document;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// One input source, as named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input, one document.
    Stdin,
    /// A text file (`.txt`, `.md`, anything else named explicitly): one document.
    Text(PathBuf),
    /// A JSONL file: one document per line.
    Jsonl(PathBuf),
}

/// Expand the command-line inputs into sources: `-` or nothing is stdin,
/// directories are walked recursively in sorted order keeping `.txt`, `.md`
/// and `.jsonl` files.
///
/// # Errors
/// When an input does not exist or a directory cannot be read.
pub fn sources(inputs: &[PathBuf]) -> Result<Vec<Source>> {
    if inputs.is_empty() {
        return Ok(vec![Source::Stdin]);
    }
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(input).map_err(|source| Error::Io { path: input.clone(), source })?;
        if meta.is_dir() {
            walk(input, &mut out)?;
        } else {
            out.push(classify(input));
        }
    }
    Ok(out)
}

fn classify(path: &Path) -> Source {
    if path.extension().is_some_and(|e| e == "jsonl") {
        Source::Jsonl(path.to_owned())
    } else {
        Source::Text(path.to_owned())
    }
}

fn walk(dir: &Path, out: &mut Vec<Source>) -> Result<()> {
    let io = |source| Error::Io { path: dir.to_owned(), source };
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(io)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().map_err(io)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md" || e == "jsonl") {
            out.push(classify(&path));
        }
    }
    Ok(())
}

/// Decode bytes as UTF-8, or fail naming `name` and the offset of the first bad byte.
///
/// # Errors
/// [`Error::InvalidUtf8`] unless `lossy`.
pub fn decode(name: &str, bytes: Vec<u8>, lossy: bool) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(Error::InvalidUtf8 { path: name.to_owned(), offset: e.utf8_error().valid_up_to() }),
    }
}

/// Read every document of one source and hand each to `each`.
///
/// # Errors
/// I/O errors, invalid UTF-8 (unless `lossy`), malformed JSONL lines.
pub fn read_source(source: &Source, lossy: bool, mut each: impl FnMut(Document) -> Result<()>) -> Result<()> {
    match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().lock().read_to_end(&mut bytes).map_err(|source| Error::Io { path: "-".into(), source })?;
            each(Document { id: "-".into(), text: decode("<stdin>", bytes, lossy)? })
        }
        Source::Text(path) => {
            let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.clone(), source })?;
            let name = path.display().to_string();
            let text = decode(&name, bytes, lossy)?;
            each(Document { id: name, text })
        }
        Source::Jsonl(path) => {
            // Streamed line by line: a corpus file of any size costs one line of memory.
            let file = std::fs::File::open(path).map_err(|source| Error::Io { path: path.clone(), source })?;
            let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
            let name = path.display().to_string();
            let mut line = Vec::new();
            let (mut number, mut offset) = (0, 0);
            loop {
                line.clear();
                let read =
                    read_line(&mut reader, &mut line).map_err(|source| Error::Io { path: path.clone(), source })?;
                if read == 0 {
                    return Ok(());
                }
                number += 1;
                let text = match utf8(&line) {
                    Ok(text) => std::borrow::Cow::Borrowed(text),
                    Err(_) if lossy => String::from_utf8_lossy(&line),
                    Err(e) => return Err(Error::InvalidUtf8 { path: name, offset: offset + e.valid_up_to() }),
                };
                offset += read;
                if !text.trim().is_empty() {
                    each(parse_jsonl_line(&name, number, &text)?)?;
                }
            }
        }
    }
}

/// `std::str::from_utf8`, with valid text checked by the `simdutf8` crate:
/// every byte of a corpus is checked, and its vector code (chosen for the
/// CPU at run time) reads 32 or 64 bytes a step where std reads 16. Invalid
/// bytes are read again by std, so the error and its offset are std's.
fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

/// `BufRead::read_until(b'\n')`, but finding the newline with the `memchr`
/// crate's vector search: std's byte search is word by word, and every byte
/// of a corpus passes through it.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    let start = line.len();
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let (used, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), buf.is_empty()),
        };
        line.extend_from_slice(&buf[..used]);
        reader.consume(used);
        if done {
            return Ok(line.len() - start);
        }
    }
}

/// Parse one JSONL line `{"id": ..., "text": ...}`; the id defaults to `FILE:LINE`.
///
/// # Errors
/// [`Error::BadJsonLine`] naming the file and line.
pub fn parse_jsonl_line(file: &str, line: usize, json: &str) -> Result<Document> {
    if let Some(doc) = fast::document(file, line, json) {
        return Ok(doc);
    }
    // A well-formed line is read straight into its two fields: other fields
    // are skipped unbuilt and the text is moved, not copied out of a map.
    if let Ok(Fields { text, id }) = serde_json::from_str::<Fields>(json) {
        // A string id is moved out, not copied.
        let id = match id {
            Some(serde_json::Value::String(id)) => Some(id),
            id => document_id(file, line, id.as_ref()),
        };
        if let Some(id) = id {
            return Ok(Document { id, text });
        }
    }
    // Anything else is read again as a generic value, to say what is wrong.
    let bad = |message: String| Error::BadJsonLine { path: file.to_owned(), line, message };
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| bad(format!("not valid JSON: {e}")))?;
    let object = value.as_object().ok_or_else(|| bad("expected a JSON object with a \"text\" field".into()))?;
    let text = object
        .get("text")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| bad("missing string field \"text\"".into()))?;
    let id =
        document_id(file, line, object.get("id")).ok_or_else(|| bad("\"id\" must be a string or a number".into()))?;
    Ok(Document { id, text: text.to_owned() })
}

/// A reading of the plain JSONL line (an object whose values are strings or
/// null, keys without escapes, no key twice, no control byte but the final
/// newline) that serde_json's reading gives
/// the same document, several times cheaper: serde_json looks for the end of
/// a string eight bytes at a time and copies the text through a scratch
/// buffer, and the text is nearly every byte of a corpus. Any other line is
/// `None`, and read by serde_json as before.
mod fast {
    use crate::pipeline::Document;

    /// The document of `json`, if it is a plain line (see the module).
    pub(super) fn document(file: &str, line: usize, json: &str) -> Option<Document> {
        // A string may hold no control byte unescaped; checked here once for
        // the line (whitespace between tokens made of them goes to
        // serde_json too), not per string piece.
        if has_control(json.trim_ascii_end().as_bytes()) {
            return None;
        }
        let mut p = Parser { json, at: 0 };
        p.expect(b'{')?;
        let (mut text, mut id) = (None, None);
        if !p.eat(b'}') {
            loop {
                let key = p.plain_key()?;
                p.expect(b':')?;
                let value = if p.eat_literal("null") { None } else { Some(p.string()?) };
                let slot = match key {
                    "text" => &mut text,
                    "id" => &mut id,
                    _ => &mut None,
                };
                // serde refuses a field given twice (the generic reading then
                // keeps the last), and a null text.
                if (key == "text" || key == "id") && slot.is_some() || key == "text" && value.is_none() {
                    return None;
                }
                *slot = Some(value);
                if p.eat(b'}') {
                    break;
                }
                p.expect(b',')?;
            }
        }
        p.skip_ws();
        if p.at != json.len() {
            return None;
        }
        let text = text??;
        let id = id.flatten().unwrap_or_else(|| format!("{file}:{line}"));
        Some(Document { id, text })
    }

    struct Parser<'a> {
        json: &'a str,
        at: usize,
    }

    impl<'a> Parser<'a> {
        fn skip_ws(&mut self) {
            let bytes = self.json.as_bytes();
            while matches!(bytes.get(self.at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                self.at += 1;
            }
        }

        /// Whitespace, then `byte` if it is next.
        fn eat(&mut self, byte: u8) -> bool {
            self.skip_ws();
            let next = self.json.as_bytes().get(self.at) == Some(&byte);
            self.at += usize::from(next);
            next
        }

        fn expect(&mut self, byte: u8) -> Option<()> {
            self.eat(byte).then_some(())
        }

        fn eat_literal(&mut self, literal: &str) -> bool {
            self.skip_ws();
            let next = self.json.as_bytes()[self.at..].starts_with(literal.as_bytes());
            self.at += if next { literal.len() } else { 0 };
            next
        }

        /// A key with no escape.
        fn plain_key(&mut self) -> Option<&'a str> {
            self.expect(b'"')?;
            let rest = &self.json.as_bytes()[self.at..];
            let end = memchr::memchr2(b'"', b'\\', rest)?;
            if rest[end] != b'"' {
                return None;
            }
            let key = &self.json[self.at..self.at + end];
            self.at += end + 1;
            Some(key)
        }

        /// A string value, decoded; `None` for anything serde_json might
        /// read otherwise (a control byte, an unusual escape, a surrogate).
        fn string(&mut self) -> Option<String> {
            self.expect(b'"')?;
            let bytes = self.json.as_bytes();
            let mut out = String::new();
            loop {
                let end = self.at + memchr::memchr2(b'"', b'\\', &bytes[self.at..])?;
                // Both ends are ASCII bytes, so character boundaries.
                let (start, piece) = (self.at, &self.json[self.at..end]);
                self.at = end + 1;
                // Allocated once: exactly, for a string with no escape, and
                // else for the rest of the line, which its decoding can not
                // exceed.
                if out.capacity() == 0 {
                    if bytes[end] == b'"' {
                        return Some(piece.to_owned());
                    }
                    out.reserve(bytes.len() - start);
                }
                out.push_str(piece);
                if bytes[end] == b'"' {
                    return Some(out);
                }
                let escaped = match bytes.get(self.at)? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    b'u' => {
                        let hex = self.json.get(self.at + 1..self.at + 5)?;
                        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                            return None;
                        }
                        self.at += 4;
                        // A surrogate (half of a pair) goes to serde_json.
                        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                    }
                    _ => return None,
                };
                out.push(escaped);
                self.at += 1;
            }
        }
    }

    /// Whether `bytes` has a control byte: 64 bytes a step with AVX2 where
    /// the CPU has it (checked at run time: the build assumes only SSE2),
    /// else 32.
    pub(super) fn has_control(bytes: &[u8]) -> bool {
        #[cfg(target_arch = "x86_64")]
        if bytes.len() >= 64 && std::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, just checked.
            return unsafe { has_control_avx2(bytes) };
        }
        has_control_in::<32>(bytes)
    }

    /// [`has_control_in`] of 64 bytes a step, compiled for AVX2 (two
    /// 32-byte registers a step).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn has_control_avx2(bytes: &[u8]) -> bool {
        has_control_in::<64>(bytes)
    }

    /// Whether `bytes` has a control byte. A fold per `N` bytes, not `any`,
    /// so that it runs many bytes at a step (as vector code); the last bytes
    /// are read as the last `N`, again in part, not one by one.
    #[inline(always)]
    pub(super) fn has_control_in<const N: usize>(bytes: &[u8]) -> bool {
        let any = |chunk: &[u8]| chunk.iter().fold(false, |seen, &b| seen | (b < 0x20));
        if bytes.len() < N {
            return any(bytes);
        }
        bytes.chunks_exact(N).any(any) || any(&bytes[bytes.len() - N..])
    }
}

/// The fields of a JSONL line that make a document.
#[derive(serde::Deserialize)]
struct Fields {
    text: String,
    id: Option<serde_json::Value>,
}

/// A document's id from its `id` field: the string, the number as written
/// by `serde_json`, or `FILE:LINE` when absent or null; `None` for any
/// other JSON value.
fn document_id(file: &str, line: usize, id: Option<&serde_json::Value>) -> Option<String> {
    match id {
        None | Some(serde_json::Value::Null) => Some(format!("{file}:{line}")),
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines as `read_until` gives them, through buffer refills that cut a
    /// line anywhere, with or without a final newline.
    #[test]
    fn lines_read_as_read_until_reads_them() {
        for text in ["", "\n", "a\nbb\n\nccc", "one line\n", "x\n{\"text\": \"é\"}\n"] {
            for capacity in 1..6 {
                let mut ours = std::io::BufReader::with_capacity(capacity, text.as_bytes());
                let mut std_reader = std::io::BufReader::with_capacity(capacity, text.as_bytes());
                loop {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    let n = read_line(&mut ours, &mut a).unwrap();
                    assert_eq!(n, std_reader.read_until(b'\n', &mut b).unwrap());
                    assert_eq!(a, b, "{text:?} capacity {capacity}");
                    if n == 0 {
                        break;
                    }
                }
            }
        }
    }

    /// The vector check answers as std does, with std's error, for bad
    /// bytes of every kind at every place in and around its blocks.
    #[test]
    fn utf8_check_answers_as_std_does() {
        let goods: [&[u8]; 5] = [b"a", "é".as_bytes(), "’".as_bytes(), "🇺".as_bytes(), b"\n"];
        let bads: [&[u8]; 8] = [
            b"\xff",
            b"\x80",
            b"\xc3",
            b"\xe2\x80",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xc0\xaf",
            b"\xf0\x9f\x87",
        ];
        for len in [0, 1, 15, 16, 31, 32, 33, 63, 64, 65, 127, 128, 200] {
            for good in goods {
                let mut text: Vec<u8> = good.iter().copied().cycle().take(len * good.len()).collect();
                assert_eq!(utf8(&text), std::str::from_utf8(&text));
                for bad in bads {
                    for at in [0, len / 3, len / 2, len.saturating_sub(1)] {
                        let at = at * good.len();
                        text.splice(at..at, bad.iter().copied());
                        assert_eq!(utf8(&text), std::str::from_utf8(&text), "{text:?}");
                        assert!(utf8(&text).is_err());
                        text.drain(at..at + bad.len());
                    }
                }
            }
        }
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = decode("a.txt", b"Putin \xff met".to_vec(), false).unwrap_err();
        assert_eq!(err.to_string(), "a.txt: invalid UTF-8 at byte offset 6 (use --lossy to replace bad bytes)");
        assert_eq!(decode("a.txt", b"Putin \xff".to_vec(), true).unwrap(), "Putin \u{fffd}");
    }

    #[test]
    fn jsonl_ids_default_to_file_and_line() {
        assert_eq!(parse_jsonl_line("c.jsonl", 3, r#"{"text": "Hi"}"#).unwrap().id, "c.jsonl:3");
        assert_eq!(parse_jsonl_line("c.jsonl", 3, r#"{"id": 7, "text": "Hi"}"#).unwrap().id, "7");
        let err = parse_jsonl_line("c.jsonl", 4, r#"{"id": 7}"#).unwrap_err();
        assert_eq!(err.to_string(), "c.jsonl:4: missing string field \"text\"");
    }

    /// The plain-line reading gives serde_json's document whenever it gives
    /// one, and gives one for the usual lines.
    #[test]
    fn fast_reading_agrees_with_serde() {
        let serde = |json: &str| {
            let Fields { text, id } = serde_json::from_str::<Fields>(json).ok()?;
            let id = match id {
                Some(serde_json::Value::String(id)) => id,
                None => "c.jsonl:5".to_owned(),
                Some(_) => return None,
            };
            Some((id, text))
        };
        let lines = [
            r#"{"id": "news-0", "text": "Putin met Xi.\nThen \"they\" left \\ / \/ \b\f\r\t."}"#,
            "{\"text\":\"Київ 🇺🇦 \\u00e9\\u0000\\uD83C\\uDDFA\\ud800\", \"id\":null}\n",
            r#" { "lang" : "en" , "text" : "A" , "x": null } "#,
            r#"{"text": "A", "text": "B"}"#,
            r#"{"id": "a", "id": "b", "text": "B"}"#,
            r#"{"id": 7, "text": "A"}"#,
            r#"{"text": null}"#,
            r#"{"text": "A",}"#,
            r#"{"text": "A"} x"#,
            r#"{"te\u0078t": "A"}"#,
            "{\"text\": \"tab\there\"}",
            r#"{"text": "\x"}"#,
            r#"{"text": "\u12"}"#,
            r#"{"text": "\u+123"}"#,
            r#"{"text": "A", "n": nul}"#,
            r#"{}"#,
            r#"{"text": "A""#,
            r#"{"text": "A"#,
            "",
            "[]",
        ];
        for json in lines {
            let fast = fast::document("c.jsonl", 5, json).map(|d| (d.id, d.text));
            if let Some(doc) = &fast {
                assert_eq!(Some(doc), serde(json).as_ref(), "{json}");
            }
        }
        assert!(fast::document("c.jsonl", 5, lines[0]).is_some());
        assert!(fast::document("c.jsonl", 5, lines[2]).is_some());
    }

    /// The chunked check finds what a byte-by-byte one finds, at any offset,
    /// with AVX2 (from 64 bytes, where the CPU has it) and without.
    #[test]
    fn control_byte_found_at_any_offset() {
        for len in 0..200 {
            for at in 0..=len {
                for byte in [b'\n', 0, 0x1f, b' ', b'a', 0xff] {
                    let mut bytes = vec![b'x'; len];
                    if at < len {
                        bytes[at] = byte;
                    }
                    let slow = bytes.iter().any(|&b| b < 0x20);
                    assert_eq!(fast::has_control(&bytes), slow, "{len} {at} {byte}");
                    assert_eq!(fast::has_control_in::<32>(&bytes), slow, "{len} {at} {byte}");
                    assert_eq!(fast::has_control_in::<64>(&bytes), slow, "{len} {at} {byte}");
                }
            }
        }
    }

    /// Lines the direct reading refuses get the generic reading's answer.
    #[test]
    fn jsonl_lines_read_as_a_generic_value_would_be() {
        let doc = |json| parse_jsonl_line("c.jsonl", 5, json).map(|d| (d.id, d.text)).map_err(|e| e.to_string());
        let ok = |id: &str, text: &str| Ok((id.to_owned(), text.to_owned()));
        assert_eq!(doc(r#"{"text": "A", "text": "B"}"#), ok("c.jsonl:5", "B"));
        assert_eq!(doc(r#"{"id": null, "text": "A", "lang": ["en"]}"#), ok("c.jsonl:5", "A"));
        assert_eq!(doc(r#"{"id": 1.5e3, "text": "A"}"#), ok("1500.0", "A"));
        assert_eq!(doc(r#"{"id": "x", "te\u0078t": "A"}"#), ok("x", "A"));
        assert_eq!(
            doc(r#"{"id": [1], "text": "A"}"#),
            Err("c.jsonl:5: \"id\" must be a string or a number".to_owned())
        );
        assert_eq!(doc(r#"["A"]"#), Err("c.jsonl:5: expected a JSON object with a \"text\" field".to_owned()));
        assert_eq!(doc(r#"{"text": 3}"#), Err("c.jsonl:5: missing string field \"text\"".to_owned()));
    }
}
