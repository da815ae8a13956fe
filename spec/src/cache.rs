//! The download cache (`spec/cache/`, git-ignored): where `cargo xtask fetch-spec` keeps a
//! release's full spec, looked up by tag. Nothing needs it to regenerate (the committed
//! selection is enough); it serves adopting a release and checking the selection against it.

use std::io;
use std::path::Path;

use crate::document::SpecDocument;
use crate::error::SpecError;
use crate::hash::ContentHash;
use crate::tag::check_tag;

/// The file names looked for in `<cache_dir>/<tag>/`, in order.
pub(crate) const CACHE_FILES: [&str; 2] = ["spec3.json", "spec3.yaml"];

/// The cached full spec of release `tag`: `<cache_dir>/<tag>/spec3.json`, else
/// `<cache_dir>/<tag>/spec3.yaml`, else `None`.
///
/// When `expected` is given (the pin's `full_spec_hash`, for the pinned tag), a cached file
/// with other content is an error ([`SpecError::HashMismatch`]) rather than silently another
/// spec under the same name.
pub fn cached(
    cache_dir: &Path,
    tag: &str,
    expected: Option<ContentHash>,
) -> Result<Option<SpecDocument>, SpecError> {
    check_tag(tag)?;
    let dir = cache_dir.join(tag);
    for name in CACHE_FILES {
        let path = dir.join(name);
        let doc = match std::fs::metadata(&path) {
            Ok(_) => SpecDocument::read(&path)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(SpecError::io("read", &path, e)),
        };
        if let Some(expected) = expected {
            let found = doc.content_hash();
            if found != expected {
                return Err(SpecError::HashMismatch {
                    path: doc.path,
                    tag: tag.to_owned(),
                    expected,
                    found,
                });
            }
        }
        return Ok(Some(doc));
    }
    Ok(None)
}
