//! The clauses of a query made of other queries ([`super::all_of`],
//! [`super::any_of`]): cloned, weighted and visited together.

use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::Term;

/// A query's clauses, in the order given.
#[derive(Debug)]
pub(crate) struct Clauses(Vec<Box<dyn Query>>);

impl Clone for Clauses {
    fn clone(&self) -> Self {
        Clauses(self.0.iter().map(|q| q.box_clone()).collect())
    }
}

impl Clauses {
    pub(crate) fn new(clauses: Vec<Box<dyn Query>>) -> Clauses {
        Clauses(clauses)
    }

    /// The weight of each clause, in order.
    pub(crate) fn weights(
        &self,
        scoring: EnableScoring<'_>,
    ) -> tantivy::Result<Vec<Box<dyn Weight>>> {
        self.0.iter().map(|q| q.weight(scoring)).collect()
    }

    /// Visits the terms of every clause.
    pub(crate) fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.0 {
            q.query_terms(visitor);
        }
    }
}
