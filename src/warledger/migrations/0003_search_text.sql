-- Lower-cased notes and evidence sentences of each event, for the text search of the API and CLI.
-- Rows stored before this migration are filled in by Store.migrate (see BACKFILLS in store/schema.py).
ALTER TABLE events ADD COLUMN search_text TEXT;
