//! Hard limits that keep every import bounded in memory and time, whatever
//! the file holds, and the one bounded reader every input file goes through
//! (curricula, review files, crosswalks, frameworks, targets, labelled
//! files). Each limit is far above any real curriculum and is checked before
//! the work it protects, with a message saying which limit was hit. Nothing
//! here interprets the bytes it reads.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Largest input file read (a 30,000-row curriculum workbook is ~2 MB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Largest framework, crosswalk, target or knowledge file. Loading one
/// costs up to about 50 bytes of memory per byte of TOML (the parser's
/// tokens and document, then the framework and its lookups; 1.5 GB
/// measured for 31 MB), so this keeps it near 1.6 GB, the most any other
/// input costs; a framework of 40,000 competencies is about 7 MB.
pub const MAX_FRAMEWORK_BYTES: u64 = 32 * 1024 * 1024;

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

/// Cells of the rectangles built for the sheets of a workbook that the
/// spreadsheet reader holds whole in memory (ods, xls: every sheet, repeated
/// rows and columns expanded), counted before it builds them. Lower than
/// [`MAX_CELLS`] because each such cell is held three times over (the
/// reader's sheet, its copy, and ours), about 100 bytes in all.
pub const MAX_RANGE_CELLS: usize = 5_000_000;

/// Bytes of text held in the cells of one workbook or file, once shared
/// strings and repeated cells are copied out: as much as a 128 MiB CSV.
pub const MAX_TEXT_BYTES: u64 = 128 * 1024 * 1024;

/// XML: nesting depth and element count. Curriculum Inventory files nest
/// about ten levels deep.
pub const MAX_XML_DEPTH: usize = 64;
pub const MAX_XML_ELEMENTS: usize = 5_000_000;

/// Why an input file could not be read, without the file's name (callers
/// name it in their own words).
#[derive(Debug)]
pub enum InputError {
    Io(std::io::Error),
    /// A folder, FIFO, socket or device: reading one could block forever
    /// (a FIFO with no writer) or never end (`/dev/zero`).
    NotRegular(&'static str),
    TooLarge,
    /// Over [`MAX_FRAMEWORK_BYTES`], for a framework or knowledge file.
    FrameworkTooLarge,
    NotUtf8,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(e) => write!(f, "{e}"),
            InputError::NotRegular(kind) => {
                write!(
                    f,
                    "it is {kind}, not a regular file; give the path of a file"
                )
            }
            InputError::TooLarge => write!(
                f,
                "it is larger than {}, the largest input aimap reads (a curriculum workbook of \
                 30,000 rows is about 2 MB); is it the right file?",
                mebibytes(MAX_FILE_BYTES)
            ),
            InputError::FrameworkTooLarge => write!(
                f,
                "it is larger than {}, the largest framework file aimap reads (a framework of \
                 40,000 competencies is about 7 MB); is it the right file?",
                mebibytes(MAX_FRAMEWORK_BYTES)
            ),
            InputError::NotUtf8 => write!(f, "it is not UTF-8 text; save it again as UTF-8"),
        }
    }
}

impl std::error::Error for InputError {}

/// What a path names when it is not a regular file, after following
/// symbolic links.
pub fn non_regular_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    if meta.is_file() {
        return None;
    }
    if meta.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a file")
}

/// The whole of an input file, at most [`MAX_FILE_BYTES`]. What is not a
/// regular file is refused before it is opened (opening a FIFO blocks until
/// someone writes to it), and the read itself stops one byte past the limit,
/// so neither a file growing while it is read nor `/proc` entries that
/// declare no size can make it unbounded.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, InputError> {
    read_at_most(path, MAX_FILE_BYTES, InputError::TooLarge)
}

fn read_at_most(path: &Path, max: u64, too_large: InputError) -> Result<Vec<u8>, InputError> {
    let meta = std::fs::metadata(path).map_err(InputError::Io)?;
    if let Some(kind) = non_regular_kind(&meta) {
        return Err(InputError::NotRegular(kind));
    }
    if meta.len() > max {
        return Err(too_large);
    }
    let file = std::fs::File::open(path).map_err(InputError::Io)?;
    // The path may have been replaced between the two looks.
    if let Some(kind) = file.metadata().ok().as_ref().and_then(non_regular_kind) {
        return Err(InputError::NotRegular(kind));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    if bytes.len() as u64 > max {
        return Err(too_large);
    }
    Ok(bytes)
}

/// An input file opened for reading a piece at a time, of any size (the
/// posting files: CSV and JSON Lines are read as a stream). What is not a
/// regular file is refused before it is opened, as by [`read_bounded`].
pub fn open_input(path: &Path, what: &str) -> anyhow::Result<std::fs::File> {
    let open = || -> Result<std::fs::File, InputError> {
        let meta = std::fs::metadata(path).map_err(InputError::Io)?;
        if let Some(kind) = non_regular_kind(&meta) {
            return Err(InputError::NotRegular(kind));
        }
        let file = std::fs::File::open(path).map_err(InputError::Io)?;
        if let Some(kind) = file.metadata().ok().as_ref().and_then(non_regular_kind) {
            return Err(InputError::NotRegular(kind));
        }
        Ok(file)
    };
    open().map_err(|e| named(e, path, what))
}

/// A framework, crosswalk, target or knowledge file, as UTF-8 text of at
/// most [`MAX_FRAMEWORK_BYTES`], read like every input ([`read_bounded`]).
pub fn read_framework_text(path: &Path) -> Result<String, InputError> {
    let bytes = read_at_most(path, MAX_FRAMEWORK_BYTES, InputError::FrameworkTooLarge)?;
    String::from_utf8(bytes).map_err(|_| InputError::NotUtf8)
}

/// [`read_framework_text`], with an error naming the file.
pub fn read_framework_input(path: &Path, what: &str) -> anyhow::Result<String> {
    read_framework_text(path).map_err(|e| named(e, path, what))
}

/// [`read_bounded`], with an error naming the file: "cannot read
/// {what} `{path}`: {cause}".
pub fn read_input(path: &Path, what: &str) -> anyhow::Result<Vec<u8>> {
    read_bounded(path).map_err(|e| named(e, path, what))
}

fn named(e: InputError, path: &Path, what: &str) -> anyhow::Error {
    anyhow::anyhow!("cannot read {what} `{}`: {e}", path.display())
}

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
