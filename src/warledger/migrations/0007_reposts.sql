-- Reposts and corroboration (issue 12). A new report is compared with the stored reports that share a
-- MinHash band with it (reposts.py), found in fingerprint_bands by an indexed lookup, not by reading the
-- store. Portable as 0001: BIGINT is a 64-bit integer in both engines. Rows of documents stored before
-- this migration are filled in by Store.migrate (see BACKFILLS in store/schema.py).
-- One row per stored document: its lead and signature (reposts.Fingerprint), its publication date and
-- outlet, and the report it is a version of (its own id for an original).
CREATE TABLE document_fingerprints (
    document_id TEXT PRIMARY KEY,
    published TEXT,
    outlet TEXT,
    lead TEXT NOT NULL,
    signature TEXT NOT NULL,
    original_id TEXT NOT NULL
);
CREATE INDEX document_fingerprints_by_original ON document_fingerprints (original_id);
-- One row per band of each dated document's signature: the band's hash (which includes the band's number)
-- and the publication date, since only reports published within reposts.WINDOW_DAYS are compared.
CREATE TABLE fingerprint_bands (
    bucket BIGINT NOT NULL,
    published TEXT NOT NULL,
    document_id TEXT NOT NULL
);
CREATE INDEX fingerprint_bands_lookup ON fingerprint_bands (bucket, published);
CREATE INDEX fingerprint_bands_by_document ON fingerprint_bands (document_id);
-- The event's corroboration status (records.CORROBORATION), for the filter of `events` and the API.
ALTER TABLE events ADD COLUMN corroboration TEXT;
CREATE INDEX events_by_corroboration ON events (corroboration, event_date);
