//! Hard limits that keep every import bounded in memory and time, whatever
//! the file holds. Each is far above any real curriculum and is checked
//! before the work it protects, with a message saying which limit was hit.

/// Largest input file read (a 30,000-row curriculum workbook is ~2 MB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Largest total size of the parts of a workbook once unzipped: protects
/// against zip bombs, whose few kilobytes expand to gigabytes.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;

/// Excel's own limits: no spreadsheet a user made can exceed them.
pub const MAX_COLUMNS: usize = 16_384;
pub const MAX_ROWS: usize = 1_048_576;
/// Characters in one cell (Excel's limit); longer text in a CSV field
/// almost always means an opening quote was never closed.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Non-empty cells read from one sheet or CSV file.
pub const MAX_CELLS: usize = 20_000_000;

/// XML: nesting depth and element count. Curriculum Inventory files nest
/// about ten levels deep.
pub const MAX_XML_DEPTH: usize = 64;
pub const MAX_XML_ELEMENTS: usize = 5_000_000;

/// `1048576` → `1,048,576`, for messages.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `268435456` → `256 MiB`, for messages.
pub fn mebibytes(n: u64) -> String {
    format!("{} MiB", n / (1024 * 1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_for_messages() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(16_384), "16,384");
        assert_eq!(thousands(1_048_576), "1,048,576");
        assert_eq!(mebibytes(MAX_FILE_BYTES), "256 MiB");
    }
}
