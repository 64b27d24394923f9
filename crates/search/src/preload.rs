//! Holding an opened index in memory: its files are mapped whole.
//!
//! tantivy reads the index through memory maps. The first read of a page
//! that no search has touched yet is a page fault, and on the virtual
//! machines this project runs on a fault costs microseconds (2 µs for a
//! 4 KB page of fresh memory; a fault on a file map may map a larger
//! folio and take longer). A search that meets new words reads new pages:
//! in the search benchmark's 1-client replay (every query new after the
//! first 200) a round of 1,000 searches mapped 10.5 MB more of the laws
//! index in 95–98 page faults; with the files mapped whole it met 0–3. On
//! that replay the difference in time stayed within the machine's noise
//! (mean 35–48 µs per search either way, `bench/search/README.md`, fifteenth
//! session): what this buys is that no search pays for such a fault, not a
//! faster average.
//!
//! With [`Preload::Whole`] every index file is mapped with
//! `MADV_POPULATE_READ` (Linux 5.14 and later): the kernel reads what is not
//! yet in the page cache and maps every page when the file is opened, so a
//! search never waits for a fault. Lucene's `MMapDirectory` preload and
//! Elasticsearch's `index.store.preload` do the same. The price: opening
//! reads the whole index (once: the checksums are read through the
//! reader's maps, see `SearchIndex::open_with`; on the laws index, 187 MB
//! and in the page cache, opening it and one search took 692–1007 ms,
//! against 724–1160 ms when the checksums read it a second time), and the
//! index stays in memory as the page cache's (shared, clean, and
//! so still reclaimable under memory pressure).
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

impl Preload {
    /// [`Preload::Whole`] when `whole`, else [`Preload::OnDemand`] (for an
    /// on/off setting).
    pub fn whole_if(whole: bool) -> Preload {
        if whole {
            Preload::Whole
        } else {
            Preload::OnDemand
        }
    }
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
