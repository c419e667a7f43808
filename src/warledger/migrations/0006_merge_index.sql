-- Incremental merging: a new report is merged with the stored clusters it could be the same event as,
-- found by these keys, instead of with the whole store (see Store.merge_batch).
-- One row per mention cluster of a stored document (mention_clusters holds their mentions), with the
-- event the cluster is part of. Clusters stored before this migration get their event on the next
-- ingest, which then merges them all once (event_id NULL marks them).
CREATE TABLE merge_clusters (
    document_id TEXT NOT NULL,
    cluster_no INTEGER NOT NULL,
    event_id TEXT,
    PRIMARY KEY (document_id, cluster_no)
);
CREATE INDEX merge_clusters_by_event ON merge_clusters (event_id);
-- Per mention, its event type and every week (days since 1970-01-05 divided by 7) that its date window
-- touches, with the window itself: two mentions can be one event only if both match.
CREATE TABLE merge_keys (
    event_type TEXT NOT NULL,
    week INTEGER NOT NULL,
    window_start TEXT NOT NULL,
    window_end TEXT NOT NULL,
    document_id TEXT NOT NULL,
    cluster_no INTEGER NOT NULL
);
CREATE INDEX merge_keys_lookup ON merge_keys (event_type, week, window_start);
CREATE INDEX merge_keys_by_document ON merge_keys (document_id);
