-- Indexes for the dashboard's filtered queries, measured with bench/bench_api.py on 100,000 events.
-- A type filter most often comes with a date range: the type indexes carry the date as well.
DROP INDEX events_by_type;
DROP INDEX events_by_sub_type;
CREATE INDEX events_by_type_date ON events (LOWER(event_type), event_date);
CREATE INDEX events_by_sub_type_date ON events (LOWER(sub_event_type), event_date);
-- The actor filter matches a substring of the name: the names are looked up in these indexes (far
-- smaller than the table), then the events of the names found.
CREATE INDEX events_by_actor1 ON events (actor1);
CREATE INDEX events_by_actor2 ON events (actor2);
