-- The search log is written on every search; its only reader is the report
-- of searches that found nothing. The old index on (results, query) took an
-- entry for every search, at a random place in the index, so each batch of
-- searches rewrote many index pages. Now only searches without results get
-- an entry, keyed the way the report groups them. Append-only: add a new
-- migration rather than editing this one.

DROP INDEX search_log_missed;
CREATE INDEX search_log_missed ON search_log (lower(query)) WHERE results = 0;
