//! Holding an opened index in memory: its files are mapped whole.
//!
//! tantivy reads the index through memory maps. The first read of a page
//! that no search has touched yet is a page fault, and on the virtual
//! machines this project runs on a fault costs about 2 µs (against a
//! fraction of that on bare metal). A search that meets new words reads new
//! pages: in the search benchmark's 1-client replay (every query new after
//! 200) a round of 1,000 searches mapped 9 MB more of the index, and a
//! search took 45–55 µs on average (median 33–34 µs); with the files mapped
//! whole it took 28–33 µs (median 23–27 µs), and the slowest hundredth of
//! the searches went from 13–30 % of the round's time to 6 %
//! (`bench/search/README.md`, fifteenth session).
//!
//! With [`Preload::Whole`] every index file is mapped with
//! `MADV_POPULATE_READ` (Linux 5.14 and later): the kernel reads what is not
//! yet in the page cache and maps every page when the file is opened, so a
//! search never waits for a fault. Lucene's `MMapDirectory` preload and
//! Elasticsearch's `index.store.preload` do the same. The price: opening
//! reads the whole index (once; from the page cache that is a few
//! milliseconds per 100 MB), and the index stays in memory as the page
//! cache's (shared, clean, and so still reclaimable under memory pressure).
//! An index larger than the memory one wants to give it should be opened
//! with [`Preload::OnDemand`] (`search_preload = false` in the
//! configuration). Elsewhere than on Linux, and on an older kernel, the
//! advice is not given or is ignored (tantivy ignores a failed `madvise`),
//! and pages are mapped at their first read as before.

use std::path::Path;

use tantivy::directory::error::OpenDirectoryError;
use tantivy::directory::MmapDirectory;

/// Whether an opened index's files are mapped whole (see the module
/// documentation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Preload {
    /// Every page is mapped when its file is opened (the default).
    #[default]
    Whole,
    /// Pages are mapped at their first read (tantivy's own behaviour).
    OnDemand,
}

/// The index directory `dir`, whose files are mapped as `preload` says.
pub(crate) fn directory(dir: &Path, preload: Preload) -> Result<MmapDirectory, OpenDirectoryError> {
    match preload {
        #[cfg(target_os = "linux")]
        Preload::Whole => {
            MmapDirectory::open_with_madvice(dir, tantivy::directory::Advice::PopulateRead)
        }
        _ => MmapDirectory::open(dir),
    }
}
