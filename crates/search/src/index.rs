//! The index on disk: open, detect what is wrong, rebuild, write.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::compound::ExpansionCache;
use crate::doc::{doc_key, Kind, SearchDoc};
use crate::error::{RebuildReason, Result, SearchError};
use crate::hits::ColumnsCache;
use crate::preload::{self, Preload};
use crate::query::term_cache::TermCache;
use crate::query::warm::{Warmed, Warmer};
use crate::schema::{register_analyzers, Fields, DOCSTORE_BLOCK_BYTES, SCHEMA_VERSION};
use crate::write::to_tantivy;

/// The file beside the index that records the version it was built with.
pub const VERSION_FILE: &str = "watwerkt-search.version";

/// How the index writes, and how its files are held in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexOptions {
    /// Total memory budget of the writer, in bytes (split over its threads).
    pub memory_bytes: usize,
    /// Indexing threads.
    pub threads: usize,
    /// Whether the files are mapped whole when opened ([`crate::preload`]).
    pub preload: Preload,
}

impl Default for IndexOptions {
    fn default() -> Self {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        IndexOptions {
            memory_bytes: 96_000_000 * threads,
            threads,
            preload: Preload::default(),
        }
    }
}

/// The search index: a tantivy index with our schema and analyzers.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    writer: Mutex<Option<IndexWriter>>,
    pub(crate) fields: Fields,
    dir: Option<PathBuf>,
    version: String,
    options: IndexOptions,
    pub(crate) expansions: ExpansionCache,
    pub(crate) columns: ColumnsCache,
    pub(crate) terms: std::sync::Arc<TermCache>,
    /// Decodes the longest lists of each new generation ahead.
    pub(crate) warmer: Warmer,
    /// The searcher that searches use (see [`SearchIndex::searcher`]).
    current: Mutex<Option<tantivy::Searcher>>,
    /// Documents added since the segments were last merged into one.
    added: AtomicU64,
}

/// A commit that brings at least this many documents merges every segment
/// into one (see [`SearchIndex::compact`]): a bulk import then searches as
/// fast as a rebuild. Below it, tantivy's merge policy keeps the segments.
pub const COMPACT_AFTER_DOCS: u64 = 1_000;

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The version string recorded beside an index: our schema version and the
/// caller's version of its content mapping.
fn version_string(schema_version: u32) -> String {
    format!("search-{SCHEMA_VERSION}+app-{schema_version}")
}

impl SearchIndex {
    /// Opens the index in `dir`, or says why it must be rebuilt
    /// ([`SearchError::NeedsRebuild`]): missing, made by another version
    /// (ours or the caller's `schema_version`), or corrupt. Its files are
    /// mapped whole ([`crate::preload`]).
    pub fn open(dir: &Path, schema_version: u32) -> Result<SearchIndex> {
        Self::open_with(dir, schema_version, IndexOptions::default())
    }

    /// [`SearchIndex::open`] with options.
    pub fn open_with(
        dir: &Path,
        schema_version: u32,
        options: IndexOptions,
    ) -> Result<SearchIndex> {
        let expected = version_string(schema_version);
        if !dir.join("meta.json").exists() {
            return Err(SearchError::NeedsRebuild(RebuildReason::Missing));
        }
        let found = std::fs::read_to_string(dir.join(VERSION_FILE))
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|_| "onbekend".to_string());
        if found != expected {
            return Err(SearchError::NeedsRebuild(RebuildReason::Outdated {
                found,
                expected,
            }));
        }
        let corrupt = |e: &dyn std::fmt::Display| {
            SearchError::NeedsRebuild(RebuildReason::Corrupt(e.to_string()))
        };
        let directory = preload::directory(dir, options.preload).map_err(|e| corrupt(&e))?;
        let index = Index::open(directory).map_err(|e| corrupt(&e))?;
        let (schema, fields) = Fields::build();
        if index.schema() != schema {
            return Err(corrupt(&"het schema wijkt af"));
        }
        let check = |index: &Index| -> Result<()> {
            let damaged = index.validate_checksum().map_err(|e| corrupt(&e))?;
            if damaged.is_empty() {
                return Ok(());
            }
            let names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
            Err(corrupt(&format!(
                "beschadigde bestanden: {}",
                names.join(", ")
            )))
        };
        // Preloaded, the checksums are read through the reader's maps
        // (tantivy keeps one map per file while it is held), so the index is
        // read into memory once, not once for the checksums and again for
        // the reader. Not preloaded, they are read first, through maps that
        // are let go, so the reader's pages stay unmapped until searched.
        if options.preload == Preload::OnDemand {
            check(&index)?;
        }
        let mut opened = Self::from_index(index, fields, Some(dir.to_path_buf()), expected)
            .map_err(|e| corrupt(&e))?;
        opened.reader.reload().map_err(|e| corrupt(&e))?;
        if options.preload == Preload::Whole {
            check(&opened.index)?;
        }
        opened.options = options;
        opened.warm_before_use();
        Ok(opened)
    }

    /// Opens the index in `dir`; when it must be rebuilt, creates it anew from
    /// `load()` and says why. The error of `load` is reported as [`SearchError::Load`].
    pub fn open_or_rebuild<E, F>(
        dir: &Path,
        schema_version: u32,
        load: F,
    ) -> Result<(SearchIndex, Option<RebuildReason>)>
    where
        E: std::fmt::Display,
        F: FnOnce() -> std::result::Result<Vec<SearchDoc>, E>,
    {
        match Self::open(dir, schema_version) {
            Ok(index) => Ok((index, None)),
            Err(SearchError::NeedsRebuild(reason)) => {
                tracing::warn!(dir = %dir.display(), %reason, "rebuilding the search index");
                let docs = load().map_err(|e| SearchError::Load(e.to_string()))?;
                let index = Self::create(dir, schema_version)?;
                index.rebuild(docs)?;
                Ok((index, Some(reason)))
            }
            Err(other) => Err(other),
        }
    }

    /// Creates an empty index in `dir`, removing an old index there. Refuses to
    /// delete files that are not an index's.
    pub fn create(dir: &Path, schema_version: u32) -> Result<SearchIndex> {
        Self::create_with(dir, schema_version, IndexOptions::default())
    }

    /// [`SearchIndex::create`] with options.
    pub fn create_with(
        dir: &Path,
        schema_version: u32,
        options: IndexOptions,
    ) -> Result<SearchIndex> {
        clear_index_dir(dir)?;
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let (schema, fields) = Fields::build();
        let directory = preload::directory(dir, options.preload)?;
        let settings = tantivy::IndexSettings {
            docstore_blocksize: DOCSTORE_BLOCK_BYTES,
            ..Default::default()
        };
        let index = Index::create(directory, schema, settings)?;
        let mut created = Self::from_index(
            index,
            fields,
            Some(dir.to_path_buf()),
            version_string(schema_version),
        )?;
        created.options = options;
        Ok(created)
    }

    /// An index in memory (tests, tools).
    pub fn in_memory() -> Result<SearchIndex> {
        let (schema, fields) = Fields::build();
        let index = Index::create_in_ram(schema);
        let mut created = Self::from_index(index, fields, None, version_string(0))?;
        created.options = IndexOptions {
            memory_bytes: 20_000_000,
            threads: 1,
            preload: Preload::OnDemand,
        };
        Ok(created)
    }

    fn from_index(
        index: Index,
        fields: Fields,
        dir: Option<PathBuf>,
        version: String,
    ) -> Result<SearchIndex> {
        register_analyzers(&index);
        // On disk, another process may write the index (`watwerkt import` or
        // `reindex` while `serve` runs): tantivy polls `meta.json` (every
        // 500 ms, one small read) and reloads the reader when it changed.
        let policy = if dir.is_some() {
            ReloadPolicy::OnCommitWithDelay
        } else {
            ReloadPolicy::Manual
        };
        let reader = index.reader_builder().reload_policy(policy).try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(None),
            fields,
            dir,
            version,
            options: IndexOptions::default(),
            expansions: ExpansionCache::default(),
            terms: std::sync::Arc::default(),
            warmer: Warmer::default(),
            current: Mutex::new(None),
            columns: ColumnsCache::default(),
            added: AtomicU64::new(0),
        })
    }

    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>> {
        let mut guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            let w = self
                .index
                .writer_with_num_threads(self.options.threads, self.options.memory_bytes)?;
            *guard = Some(w);
        }
        Ok(guard)
    }

    /// Adds or replaces a document (by kind and id). Visible after [`commit`](Self::commit).
    pub fn upsert(&self, doc: &SearchDoc) -> Result<()> {
        let mut guard = self.writer()?;
        if let Some(w) = guard.as_mut() {
            w.delete_term(Term::from_field_text(self.fields.key, &doc.key()));
            w.add_document(to_tantivy(doc, &self.fields))?;
            self.added.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Removes a document. Visible after [`commit`](Self::commit).
    pub fn delete(&self, kind: Kind, id: &str) -> Result<()> {
        let mut guard = self.writer()?;
        if let Some(w) = guard.as_mut() {
            w.delete_term(Term::from_field_text(self.fields.key, &doc_key(kind, id)));
        }
        Ok(())
    }

    /// Makes the writes so far durable and visible to searches, and lets go of
    /// the writer (and its lock on the directory), so that another process
    /// (`watwerkt import` while `serve` runs) can write the index too. After a
    /// bulk write ([`COMPACT_AFTER_DOCS`]) the segments are merged into one.
    pub fn commit(&self) -> Result<()> {
        let mut guard = self.writer()?;
        if let Some(mut w) = guard.take() {
            w.commit()?;
            w.wait_merging_threads()?;
        }
        drop(guard);
        self.reader.reload()?;
        self.terms.forget();
        if self.added.load(Ordering::Relaxed) >= COMPACT_AFTER_DOCS {
            self.compact()?;
        }
        // The new generation's hit records, here rather than in its first
        // search (only the new segments' records are built).
        if let Err(e) = self.columns.prepare(&self.searcher()) {
            tracing::warn!(error = %e, "zoekresultaten na de wijziging niet voorbereid");
        }
        Ok(())
    }

    /// Merges every segment into one, and waits for it. For after a bulk
    /// write (a rebuild, a big import): a query then looks each of its terms
    /// up in one dictionary instead of one per segment, which is most of the
    /// fixed cost of a query on a large index. Small edits keep the merge
    /// policy's segments: this is not needed after them.
    pub fn compact(&self) -> Result<()> {
        let ids = self.index.searchable_segment_ids()?;
        if ids.len() > 1 {
            let mut guard = self.writer()?;
            if let Some(mut w) = guard.take() {
                w.merge(&ids).wait()?;
                w.wait_merging_threads()?;
            }
            drop(guard);
            self.reader.reload()?;
            self.terms.forget();
        }
        self.added.store(0, Ordering::Relaxed);
        Ok(())
    }

    /// Starts decoding the longest posting lists of the generation of
    /// `searcher` in the background, unless that was started already (see
    /// [`crate::query::warm`]). Every search calls this: the first search of
    /// a new generation (after a commit, or another process's) starts it.
    pub(crate) fn warm_for(&self, searcher: &tantivy::Searcher) {
        self.warmer.start(&self.terms, searcher, self.fields);
    }

    /// The last background warm-up that was done (for the log and tests).
    pub fn last_warmed(&self) -> Option<Warmed> {
        self.warmer.last()
    }

    /// Warms the current generation on this thread, before the first search
    /// uses it: after opening and after a rebuild (on the laws index about
    /// 70–210 ms, with the vocabularies). Later generations are warmed in
    /// the background. A failure is logged: searches work without it, their
    /// first ones slower.
    fn warm_before_use(&self) {
        match self.warm_now() {
            Ok(Some(w)) => tracing::info!(
                terms = w.terms,
                postings = w.postings,
                vocabulary_bytes = w.vocabulary_bytes,
                words = w.words,
                ms = w.millis,
                "zoekindex opgewarmd"
            ),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "zoekindex niet opgewarmd"),
        }
    }

    /// Decodes the longest posting lists of the current generation now, on
    /// this thread, unless the index is too small to need it (see
    /// [`crate::query::warm`]); searches of this generation then start no
    /// warm-up of their own. [`Self::open`] does this.
    ///
    /// The hit records of the generation are built here too, whatever the
    /// index's size (on the laws index about 20 ms), so that the first
    /// search does not wait for them.
    pub fn warm_now(&self) -> Result<Option<Warmed>> {
        let searcher = self.searcher();
        self.columns.prepare(&searcher)?;
        Ok(self.warmer.run_now(&self.terms, &searcher, &self.fields)?)
    }

    /// The searcher of the index's current content. A reload that changes
    /// nothing (tantivy's file watcher reloads once when it starts, and on
    /// every change of `meta.json`) makes a new generation of the same
    /// segments; the searcher of the earlier one is kept then, so that the
    /// caches of that generation (term lookups, decoded lists, the warm-up)
    /// stay in use instead of starting over.
    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        let latest = self.reader.searcher();
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        match current.as_ref() {
            Some(kept) if kept.generation().segments() == latest.generation().segments() => {
                kept.clone()
            }
            _ => {
                *current = Some(latest.clone());
                latest
            }
        }
    }

    /// Number of segments searched now.
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Replaces the whole content with `docs`, commits, waits for merges and
    /// records the version. Searches see the old content until it is done.
    /// Returns the number of documents indexed.
    pub fn rebuild(&self, docs: impl IntoIterator<Item = SearchDoc>) -> Result<u64> {
        let mut guard = self.writer()?;
        let Some(mut w) = guard.take() else {
            return Ok(0);
        };
        w.delete_all_documents()?;
        let mut n = 0u64;
        for doc in docs {
            w.add_document(to_tantivy(&doc, &self.fields))?;
            n += 1;
        }
        w.commit()?;
        w.wait_merging_threads()?;
        drop(guard);
        self.compact()?;
        if let Some(dir) = &self.dir {
            let path = dir.join(VERSION_FILE);
            std::fs::write(&path, format!("{}\n", self.version)).map_err(io_err(&path))?;
        }
        self.reader.reload()?;
        self.terms.forget();
        self.warm_before_use();
        Ok(n)
    }

    /// Number of documents searchable now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The directory of the index, if on disk.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}

/// File names a tantivy index (and we) write into its directory.
fn is_index_file(name: &str) -> bool {
    const EXT: &[&str] = &[
        "idx",
        "pos",
        "term",
        "store",
        "fast",
        "fieldnorm",
        "del",
        "lock",
    ];
    name == "meta.json"
        || name == ".managed.json"
        || name == VERSION_FILE
        || name.starts_with(".tantivy-")
        || name
            .rsplit_once('.')
            .is_some_and(|(_, ext)| EXT.contains(&ext))
}

fn clear_index_dir(dir: &Path) -> Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(dir)(e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io_err(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_index_file(&name) || entry.path().is_dir() {
            return Err(SearchError::Io {
                path: entry.path(),
                source: std::io::Error::other("geen bestand van een zoekindex; niet verwijderd"),
            });
        }
        files.push(entry.path());
    }
    for f in files {
        std::fs::remove_file(&f).map_err(io_err(&f))?;
    }
    Ok(())
}

#[doc(hidden)]
impl SearchIndex {
    /// For profiling tools: the current searcher and the fields.
    pub fn searcher_and_fields(&self) -> (tantivy::Searcher, Fields) {
        (self.searcher(), self.fields)
    }

    /// For profiling tools: the term lookups that `search` caches.
    pub fn term_cache(&self) -> std::sync::Arc<TermCache> {
        self.terms.clone()
    }

    /// For profiling tools: analyse a parsed query as `search` does.
    pub fn analyze_for_profile(
        &self,
        parsed: &crate::query::ParsedQuery,
    ) -> crate::Result<crate::query::build::Analyzed> {
        self.analyze(&self.searcher(), parsed)
    }

    /// Analyses a parsed query with this index's per-generation caches.
    pub(crate) fn analyze(
        &self,
        searcher: &tantivy::Searcher,
        parsed: &crate::query::ParsedQuery,
    ) -> crate::Result<crate::query::build::Analyzed> {
        Ok(crate::query::build::analyze(
            parsed,
            searcher,
            &self.fields,
            &self.expansions,
            self.terms.words(),
            &self.terms,
        )?)
    }
}
