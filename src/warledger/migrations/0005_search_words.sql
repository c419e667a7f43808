-- The text search matches words by their start instead of any substring ("Uri" no longer finds
-- "security"): search_text becomes the words of each note and sentence, each after one space.
-- Store.migrate recomputes it for every stored row (see BACKFILLS in store/schema.py).
UPDATE events SET search_text = NULL;
