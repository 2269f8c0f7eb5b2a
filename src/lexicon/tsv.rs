//! A tiny TSV reader for the data files: `#` comments, a fixed number of
//! columns, `|`-separated lists inside a cell, and `file:line` errors.

use crate::error::Error;

/// One data row: its line number (from 1) and its cells.
#[derive(Debug)]
pub struct Row<'a> {
    /// Line number in the file, for error messages.
    pub line: usize,
    /// The cells, trimmed.
    pub cells: Vec<&'a str>,
}

/// Parse `source` (named `file` in errors) into rows of exactly `columns` cells.
///
/// Trailing empty cells may be omitted by the writer.
pub fn parse<'a>(file: &str, source: &'a str, columns: usize) -> Result<Vec<Row<'a>>, Error> {
    let mut rows = Vec::new();
    for (index, raw) in source.lines().enumerate() {
        let line = index + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let mut cells: Vec<&str> = raw.split('\t').map(str::trim).collect();
        if cells.len() > columns {
            return Err(Error::DataFile {
                file: file.to_owned(),
                line,
                message: format!("expected {columns} tab-separated columns, found {}", cells.len()),
            });
        }
        cells.resize(columns, "");
        if cells[0].is_empty() {
            return Err(Error::DataFile { file: file.to_owned(), line, message: "the first column is empty".into() });
        }
        rows.push(Row { line, cells });
    }
    Ok(rows)
}

/// The items of a `|`-separated list cell, skipping empty items.
pub fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// One word or phrase per line, `#` comments skipped.
pub fn lines(source: &str) -> impl Iterator<Item = &str> {
    source.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_pads_missing_cells() {
        let rows = parse("x.tsv", "# id\tname\nru\tRussia\n\nus\tUnited States\tUS|USA\n", 3).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells, ["ru", "Russia", ""]);
        assert_eq!(rows[1].line, 4);
        assert_eq!(list(rows[1].cells[2]).collect::<Vec<_>>(), ["US", "USA"]);
    }

    #[test]
    fn too_many_columns_names_file_and_line() {
        let err = parse("my.tsv", "a\tb\n\na\tb\tc\n", 2).unwrap_err();
        assert_eq!(err.to_string(), "my.tsv:3: expected 2 tab-separated columns, found 3");
    }
}
