-- The first schema of a warledger store.
-- Portable on purpose: SQLite and PostgreSQL both run this file unchanged (TEXT dates in ISO form
-- sort and compare correctly as strings; DOUBLE PRECISION keeps coordinates exact in both;
-- booleans are INTEGER 0/1). Statements are split on semicolons, so none may appear inside a literal.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    url TEXT,
    title TEXT,
    outlet TEXT,
    published TEXT,
    published_source TEXT NOT NULL,
    language TEXT,
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    event_date TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1 TEXT,
    actor2 TEXT,
    country TEXT,
    admin1 TEXT,
    location TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    fatalities INTEGER,
    historical INTEGER NOT NULL,
    -- the full output-contract dict as JSON; the columns above are copies kept for filtering
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Every query orders by (event_date, event_id); the date filters use the same index.
CREATE INDEX events_by_date ON events (event_date, event_id);
-- Event-type filters compare lower-cased names, so the indexes are on the lower-cased expressions.
CREATE INDEX events_by_type ON events (LOWER(event_type));
CREATE INDEX events_by_sub_type ON events (LOWER(sub_event_type));
CREATE INDEX events_by_country ON events (country, event_date);
-- The bounding-box prefilter of the "near" query ranges over latitude first.
CREATE INDEX events_by_latitude ON events (latitude, longitude);
CREATE INDEX events_by_historical ON events (historical, event_date);

-- Which documents report which event. No foreign key to documents: an event may be stored before
-- (or without) the documents it cites, e.g. when a user imports events produced elsewhere.
CREATE TABLE event_sources (
    event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    PRIMARY KEY (event_id, document_id)
);
CREATE INDEX event_sources_by_document ON event_sources (document_id);

-- Inputs that could not be read, with the one-line reason shown to the user.
CREATE TABLE skipped (
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (origin, reason)
);
