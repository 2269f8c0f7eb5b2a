//! A tiny TSV reader for the data files: `#` comments, a fixed number of
//! columns, `|`-separated lists inside a cell, and `file:line` errors.

use crate::error::Error;

/// The most columns a data file has (relation patterns have eight).
pub const MAX_COLUMNS: usize = 8;

/// One data row: its line number (from 1) and its cells.
#[derive(Debug)]
pub struct Row<'a> {
    /// Line number in the file, for error messages.
    pub line: usize,
    /// The cells, trimmed; those past the file's columns are empty. A fixed
    /// array, not a `Vec`: start-up parses thousands of rows.
    pub cells: [&'a str; MAX_COLUMNS],
}

/// Parse `source` (named `file` in errors) into rows of exactly `columns` cells.
///
/// Trailing empty cells may be omitted by the writer.
///
/// # Panics
/// When `columns` is more than [`MAX_COLUMNS`].
pub fn parse<'a>(file: &str, source: &'a str, columns: usize) -> Result<Vec<Row<'a>>, Error> {
    assert!(columns <= MAX_COLUMNS, "at most {MAX_COLUMNS} columns");
    let mut rows = Vec::new();
    for (index, raw) in raw_lines(source).enumerate() {
        let line = index + 1;
        let raw = raw.trim_end_matches('\r');
        if trim(raw).is_empty() || raw.starts_with('#') {
            continue;
        }
        let mut cells = [""; MAX_COLUMNS];
        let mut found = 0;
        for cell in split(raw, b'\t') {
            if found < columns {
                cells[found] = trim(cell);
            }
            found += 1;
        }
        if found > columns {
            return Err(Error::DataFile {
                file: file.to_owned(),
                line,
                message: format!("expected {columns} tab-separated columns, found {found}"),
            });
        }
        if cells[0].is_empty() {
            return Err(Error::DataFile { file: file.to_owned(), line, message: "the first column is empty".into() });
        }
        rows.push(Row { line, cells });
    }
    Ok(rows)
}

/// `text` split at every `sep` (an ASCII byte), like `str::split` but
/// cheaper on the short cells of data files.
fn split(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    split_where(text, move |bytes| bytes.iter().position(|&b| b == sep))
}

/// `text` split at every `\n`, found with `memchr`: `str::lines` searched
/// for it a character at a time, a tenth of start-up. Unlike `lines`, a
/// final `\n` yields one more, empty, line, and a `\r` before a `\n` stays:
/// callers trim lines and skip empty ones.
fn raw_lines(text: &str) -> impl Iterator<Item = &str> {
    split_where(text, |bytes| memchr::memchr(b'\n', bytes))
}

/// `text` split at each ASCII separator byte that `find` finds (the offset
/// of the next one in the bytes it is given), the separators dropped.
fn split_where(text: &str, find: impl Fn(&[u8]) -> Option<usize>) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let r = rest?;
        match find(r.as_bytes()) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// `str::trim`, skipped when both ends are visible ASCII (most cells).
fn trim(cell: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b.is_ascii());
    if visible(cell.as_bytes().first()) && visible(cell.as_bytes().last()) {
        cell
    } else {
        cell.trim()
    }
}

/// The items of a `|`-separated list cell, skipping empty items.
pub fn list(cell: &str) -> impl Iterator<Item = &str> {
    split(cell, b'|').map(trim).filter(|s| !s.is_empty())
}

/// One word or phrase per line, `#` comments skipped.
pub fn lines(source: &str) -> impl Iterator<Item = &str> {
    raw_lines(source).map(trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_pads_missing_cells() {
        let rows = parse("x.tsv", "# id\tname\nru\tRussia\n\nus\tUnited States\tUS|USA\n", 3).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells[..3], ["ru", "Russia", ""]);
        assert!(rows[0].cells[3..].iter().all(|c| c.is_empty()));
        assert_eq!(rows[1].line, 4);
        assert_eq!(list(rows[1].cells[2]).collect::<Vec<_>>(), ["US", "USA"]);
    }

    #[test]
    fn cells_split_and_trim_like_str() {
        for text in ["", "a", "|", "a||b", " a | b\u{a0}|\u{a0}c", "x|y|", "é|ü "] {
            let expected: Vec<&str> = text.split('|').map(str::trim).collect();
            assert_eq!(split(text, b'|').map(trim).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in ["", "\n", "a", "a\n", "a\r\nb", " a \n\n# c\r\n\u{a0}é\u{a0}\r\n\r\n", "x\ny\n\n"] {
            let expected: Vec<&str> =
                text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
            assert_eq!(lines(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn line_numbers_count_blank_and_comment_lines() {
        let rows = parse("x.tsv", "\r\n# c\na\r\n\n  \nb\n", 1).unwrap();
        assert_eq!(rows.iter().map(|r| (r.line, r.cells[0])).collect::<Vec<_>>(), [(3, "a"), (6, "b")]);
    }

    #[test]
    fn too_many_columns_names_file_and_line() {
        let err = parse("my.tsv", "a\tb\n\na\tb\tc\n", 2).unwrap_err();
        assert_eq!(err.to_string(), "my.tsv:3: expected 2 tab-separated columns, found 3");
    }
}
