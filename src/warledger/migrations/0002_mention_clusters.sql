-- Each stored document's event mentions, already clustered inside the report, as JSON. Keeping
-- them lets an ingest merge new reports with everything stored before without parsing old text
-- again, and rebuild the event rows from scratch so that a rerun never leaves a stale row behind.
CREATE TABLE mention_clusters (
    document_id TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
