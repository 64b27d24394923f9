//! Searching: ranking, sorting, paging, facets, typo tolerance.

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{EmptyQuery, Query};
use tantivy::schema::Facet;
use tantivy::{DocAddress, Score, Searcher, SegmentReader, Term};

use crate::facets::{Dimension, FacetCount, FacetCounts, Filters};
use crate::hits::{expired, HitReader};
use crate::index::SearchIndex;
use crate::query::build::{combine, text_query, with_filters, Analyzed, Mode};
use crate::query::parse;
use crate::rating_counts::{by_code, RankCounts, RatingCounter};
use crate::results::{
    SearchRequest, SearchResults, Sort, FEW_HITS, MAX_PER_PAGE, MAX_RESULT_WINDOW,
};
use crate::snippets::Highlighter;
use crate::stored::StoredTexts;
use crate::typo::correction;

struct Run {
    total: u64,
    docs: Vec<(Score, DocAddress)>,
    facet_counts: Option<Facets>,
}

impl SearchIndex {
    /// Searches. Never fails on user input: bad input gives an empty or
    /// partial result with the reason in the flags.
    pub fn search(&self, req: &SearchRequest) -> crate::Result<SearchResults> {
        let searcher = self.searcher();
        self.warm_for(&searcher);
        let parsed = parse(&req.query);
        let (filters, ignored) = req.filters.validated();
        let per_page = req.per_page.clamp(1, MAX_PER_PAGE);
        let page = req.page.max(1);
        let offset = (page - 1).saturating_mul(per_page);
        let sort = if parsed.is_empty() && req.sort == Sort::Relevance {
            Sort::Date
        } else {
            req.sort
        };
        let mut analyzed = self.analyze(&searcher, &parsed)?;
        let mut results = SearchResults {
            query: parsed.input.clone(),
            page,
            per_page,
            ignored_filters: ignored,
            truncated: parsed.truncated,
            ..Default::default()
        };
        let window = offset < MAX_RESULT_WINDOW;
        let limit = if window { per_page } else { 0 };
        let mut text = text_query(&analyzed, &self.fields, &self.terms, Mode::All, false);
        if text.is_none() && !parsed.is_empty() {
            // Words were typed but none is searchable (e.g. all too long): nothing matches.
            text = Some(Box::new(EmptyQuery));
        }
        // Every attempt below (as typed, corrected, fuzzy, any word) differs
        // only in its text query.
        let today = req.today.map(crate::write::days);
        let run_text = |t: Option<&dyn Query>| {
            self.run(
                &searcher, t, &filters, sort, offset, limit, req.facets, today,
            )
        };
        let mut run = run_text(text.as_deref())?;

        // Only a short result list looks for typos (the lookup costs time).
        let unknown = if run.total < FEW_HITS {
            self.unknown_words(&searcher, &analyzed)
        } else {
            Vec::new()
        };
        if run.total == 0 || !unknown.is_empty() {
            // Typo tolerance, for words the index does not know: a correction
            // from the vocabulary, and near spellings.
            let suggestion = self.did_you_mean(&searcher, &parsed, &analyzed, &unknown);
            let fuzzy_run = if unknown.is_empty() {
                None
            } else {
                let fuzzy_text = text_query(&analyzed, &self.fields, &self.terms, Mode::All, true);
                let r = run_text(fuzzy_text.as_deref())?;
                Some((fuzzy_text, r))
            };
            if let Some(s) = &suggestion {
                results.did_you_mean = Some(s.clone());
            }
            if run.total == 0 {
                if let Some(s) = suggestion {
                    let corrected = self.analyze(&searcher, &parse(&s))?;
                    let corrected_text =
                        text_query(&corrected, &self.fields, &self.terms, Mode::All, false);
                    let corrected_run = run_text(corrected_text.as_deref())?;
                    if corrected_run.total > 0 {
                        results.corrected = true;
                        results.query = s;
                        analyzed = corrected;
                        text = corrected_text;
                        run = corrected_run;
                    }
                }
            }
            if let Some((fuzzy_text, fuzzy_run)) = fuzzy_run {
                if fuzzy_run.total > run.total && !results.corrected {
                    results.fuzzy = true;
                    text = fuzzy_text;
                    run = fuzzy_run;
                }
            }
            if run.total == 0 && analyzed.words.len() + analyzed.phrases.len() > 1 {
                let any = text_query(&analyzed, &self.fields, &self.terms, Mode::Any, false);
                let any_run = run_text(any.as_deref())?;
                if any_run.total > 0 {
                    results.partial = true;
                    text = any;
                    run = any_run;
                }
            }
        }

        results.total = run.total;
        results.pages = usize::try_from(run.total)
            .unwrap_or(usize::MAX)
            .div_ceil(per_page);
        if req.facets {
            results.facets = self.facet_counts(
                &searcher,
                text.as_deref(),
                &filters,
                run.facet_counts.as_ref(),
                today,
            )?;
        }
        let mut highlighter = req.snippets.then(|| Highlighter::new(&analyzed));
        let reader = HitReader::new(&searcher, &self.columns, req.today)?;
        for (score, addr) in run.docs {
            let mut hit = reader.hit(addr, score)?;
            if let Some(h) = &mut highlighter {
                let doc: StoredTexts = searcher.doc(addr)?;
                hit.title_html = h.title(&hit.title);
                hit.snippet_html =
                    h.snippet(doc.get(self.fields.excerpt), doc.get(self.fields.summary));
            }
            results.hits.push(hit);
        }
        Ok(results)
    }

    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        searcher: &Searcher,
        text: Option<&dyn Query>,
        filters: &Filters,
        sort: Sort,
        offset: usize,
        limit: usize,
        facets: bool,
        today: Option<u64>,
    ) -> crate::Result<Run> {
        let mut holder = None;
        let query = with_filters(text, filters, &self.fields, today, &mut holder);
        let facet_collector = facets.then(|| facet_collectors(None, today));
        if limit == 0 {
            let (total, facet_counts) = searcher.search(query, &(Count, facet_collector))?;
            return Ok(Run {
                total: total as u64,
                docs: Vec::new(),
                facet_counts,
            });
        }
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let (docs, total, facet_counts) = match sort {
            Sort::Relevance => {
                let (d, t, f) =
                    searcher.search(query, &(top.order_by_score(), Count, facet_collector))?;
                (d, t, f)
            }
            Sort::Rating | Sort::Date => {
                let rating = sort == Sort::Rating;
                let by_key = top.tweak_score(move |segment: &SegmentReader| {
                    let fast = segment.fast_fields();
                    let column =
                        |name: &str| fast.u64(name).ok().map(|c| c.first_or_default_col(0));
                    let key = column(if rating { "rating_rank" } else { "date_days" });
                    let valid_until = if rating {
                        column("valid_until_days")
                    } else {
                        None
                    };
                    move |doc, score: Score| {
                        let mut k = key.as_ref().map_or(0, |c| c.get_val(doc));
                        // An expired rating sorts as unrated.
                        if let Some(v) = &valid_until {
                            if expired(v.get_val(doc), today) {
                                k = 0;
                            }
                        }
                        (k, score)
                    }
                });
                let (d, t, f) = searcher.search(query, &(by_key, Count, facet_collector))?;
                let d = d.into_iter().map(|((_, s), a)| (s, a)).collect();
                (d, t, f)
            }
        };
        Ok(Run {
            total: total as u64,
            docs,
            facet_counts,
        })
    }

    /// The words whose stems are in no text field and that start no compound.
    fn unknown_words(&self, searcher: &Searcher, analyzed: &Analyzed) -> Vec<usize> {
        let f = &self.fields;
        analyzed
            .words
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                w.expansions.is_empty()
                    && !w.stems.iter().any(|s| {
                        self.terms
                            .doc_freq(searcher, &Term::from_field_text(f.text, s))
                            > 0
                    })
            })
            .map(|(i, _)| i)
            .collect()
    }

    fn did_you_mean(
        &self,
        searcher: &Searcher,
        parsed: &crate::query::ParsedQuery,
        analyzed: &Analyzed,
        unknown: &[usize],
    ) -> Option<String> {
        let mut out = parsed.input.clone();
        let mut changed = false;
        // Replace from the end so earlier spans stay valid.
        for &i in unknown.iter().rev() {
            let w = &analyzed.words[i];
            if let Some(fix) = correction(searcher, self.fields.words, &w.folded) {
                out.replace_range(w.word.span.clone(), &fix);
                changed = true;
            }
        }
        changed.then_some(out)
    }

    fn facet_counts(
        &self,
        searcher: &Searcher,
        text: Option<&dyn Query>,
        filters: &Filters,
        main: Option<&Facets>,
        today: Option<u64>,
    ) -> crate::Result<FacetCounts> {
        let mut out = FacetCounts::default();
        for d in Dimension::ALL {
            let selected = filters.values(d);
            let own;
            let counted = if selected.is_empty() {
                main
            } else {
                // Count this dimension without its own filter.
                let q = combine(text, filters, Some(d), &self.fields, today);
                own = searcher.search(&q, &facet_collectors(Some(d), today))?;
                Some(&own)
            };
            let mut counts: Vec<FacetCount> = counted
                .map(|f| values_of(f, d))
                .unwrap_or_default()
                .into_iter()
                .map(|(value, count)| FacetCount {
                    selected: selected.contains(&value),
                    value,
                    count,
                })
                .collect();
            for v in selected {
                if !counts.iter().any(|c| &c.value == v) {
                    counts.push(FacetCount {
                        value: v.clone(),
                        count: 0,
                        selected: true,
                    });
                }
            }
            counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            out.set(d, counts);
        }
        Ok(out)
    }
}

/// What the facet collectors gather: the facet counts of type, thema and
/// doelgroep, and the valid ratings per rank.
type Facets = (tantivy::collector::FacetCounts, RankCounts);

/// Collectors for the facets (of one dimension, or all).
fn facet_collectors(
    only: Option<Dimension>,
    today: Option<u64>,
) -> (FacetCollector, RatingCounter) {
    let mut c = FacetCollector::for_field("facets");
    for d in Dimension::ALL {
        if d != Dimension::Rating && only.is_none_or(|o| o == d) {
            c.add_facet(d.root());
        }
    }
    (c, RatingCounter { today })
}

/// The counted values of one dimension.
fn values_of(facets: &Facets, d: Dimension) -> Vec<(String, u64)> {
    if d == Dimension::Rating {
        return by_code(&facets.1);
    }
    facets
        .0
        .get(d.root())
        .filter_map(|(facet, count)| last_segment(facet).map(|v| (v, count)))
        .collect()
}

fn last_segment(facet: &Facet) -> Option<String> {
    facet.to_path().last().map(|s| s.to_string())
}
