"""The merge index: which stored mention clusters a new one could be one event with.

Every stored cluster has a row in merge_clusters (with the event it is part of) and one row in
merge_keys per mention type and week its date window touches (migration 0006), or per year for a
window longer than LONG_WINDOW_WEEKS. A new cluster's
candidates are then looked up by type and date window, and only the clusters it reaches, directly
or through others, are read and decoded: the cost of a batch's merge does not grow with the store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence

from warledger.merge import date_window
from warledger.records import Mention, mention_from_json
from warledger.store.base import FETCH_CHUNK, StoreBase

# A mention cluster in the store: (document id, its number among the document's clusters).
ClusterRef = tuple[str, int]
# The first day of week 0 in merge_keys (a Monday).
_WEEK_ZERO = dt.date(1970, 1, 5)
# (type, date window) keys looked up per candidate query: SQLite joins at most 500 SELECTs with UNION ALL,
# and each key takes two (its weeks, its years) of 5 parameters each.
CANDIDATE_CHUNK = 200


# A date window longer than this many weeks ("in 2019", "the 1990s") is keyed by year instead of by week:
# one row per year it touches, in buckets of their own (YEAR_BUCKET + year, far below any week), so that a
# decade's mention takes 11 rows, not 522, and a look-up reads each stored cluster once, not once a week.
LONG_WINDOW_WEEKS = 8
YEAR_BUCKET = -10_000_000


def _weeks(start: dt.date, end: dt.date) -> range:
    return range((start - _WEEK_ZERO).days // 7, (end - _WEEK_ZERO).days // 7 + 1)


def _years(start: dt.date, end: dt.date) -> range:
    return range(YEAR_BUCKET + start.year, YEAR_BUCKET + end.year + 1)


def _buckets(start: dt.date, end: dt.date) -> range:
    """The merge_keys buckets a stored window is filed under: its weeks, or its years when it is long."""
    weeks = _weeks(start, end)
    return weeks if len(weeks) <= LONG_WINDOW_WEEKS else _years(start, end)


class MergeIndex(StoreBase):
    """Keeping the merge index, and finding and reading the stored clusters a new one reaches."""

    def _index_clusters(self, document_id: str, clusters: Sequence[Sequence[Mention]]) -> None:
        """The merge_clusters and merge_keys rows of a document's clusters (no event yet)."""
        self._index_documents({document_id: clusters})

    def _index_documents(self, clusters_by_document: Mapping[str, Sequence[Sequence[Mention]]]) -> None:
        """The merge_clusters and merge_keys rows of these documents' clusters (no event yet), two statements
        for all of them."""
        keys: set[tuple[str, int, str, str, str, int]] = set()
        for document_id, clusters in clusters_by_document.items():
            for number, cluster in enumerate(clusters):
                for mention in cluster:
                    start, end = date_window(mention)
                    keys.update((mention.event_type, bucket, start.isoformat(), end.isoformat(), document_id, number)
                                for bucket in _buckets(start, end))
        self._execute_many("INSERT INTO merge_clusters (document_id, cluster_no, event_id) VALUES (?, ?, NULL)",
                           [(document_id, number) for document_id, clusters in clusters_by_document.items()
                            for number in range(len(clusters))])
        self._execute_many(
            "INSERT INTO merge_keys (event_type, week, window_start, window_end, document_id, cluster_no) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            sorted(keys),
        )

    def _unindex_documents(self, document_ids: Sequence[str]) -> set[str]:
        """Drop these documents' clusters from the merge index; the events they were part of."""
        events: set[str] = set()
        wanted = sorted(set(document_ids))
        for start in range(0, len(wanted), FETCH_CHUNK):
            chunk = wanted[start : start + FETCH_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self._execute(f"SELECT event_id FROM merge_clusters WHERE document_id IN ({marks})", chunk)
            events.update(str(row[0]) for row in rows.fetchall() if row[0] is not None)
            self._execute(f"DELETE FROM merge_clusters WHERE document_id IN ({marks})", chunk)
            self._execute(f"DELETE FROM merge_keys WHERE document_id IN ({marks})", chunk)
        return events

    def _reachable(
        self,
        seeds: dict[ClusterRef, list[Mention]],
        loaded: dict[str, list[list[Mention]]],
        could_meet: Callable[[Sequence[Mention], Sequence[Mention]], bool],
    ) -> dict[ClusterRef, list[Mention]]:
        """The seed clusters and every stored cluster they reach, directly or through others (`could_meet`)."""
        reached = dict(seeds)
        frontier = sorted(seeds)
        while frontier:
            found: list[ClusterRef] = []
            # every candidate of the frontier in a few queries; each cluster then takes its own in turn,
            # leaving those an earlier one reached
            candidates_of = self._candidates([reached[ref] for ref in frontier])
            self._load_documents({ref[0] for candidates in candidates_of for ref in candidates if ref not in reached},
                                 loaded)
            for ref, all_candidates in zip(frontier, candidates_of, strict=True):
                cluster = reached[ref]
                for candidate in sorted(all_candidates - reached.keys()):
                    other = self._stored_cluster(candidate, loaded)
                    if could_meet(cluster, other):
                        reached[candidate] = other
                        found.append(candidate)
            frontier = found
        return reached

    def _candidates(self, clusters: Sequence[Sequence[Mention]]) -> list[set[ClusterRef]]:
        """For each cluster, the stored clusters with a mention of the same type whose date window meets one of
        its own. One query per CANDIDATE_CHUNK distinct (type, window) keys: on PostgreSQL each query is a
        round trip to the server, so asking per mention made the merge wait on the network."""
        asked: dict[tuple[str, int, int, int, int, str, str], list[int]] = {}
        for number, cluster in enumerate(clusters):
            for mention in cluster:
                start, end = date_window(mention)
                weeks, years = _weeks(start, end), _years(start, end)
                key = (mention.event_type, weeks[0], weeks[-1], years[0], years[-1], end.isoformat(), start.isoformat())
                asked.setdefault(key, []).append(number)
        found: list[set[ClusterRef]] = [set() for _ in clusters]
        keys = list(asked)
        for first in range(0, len(keys), CANDIDATE_CHUNK):
            chunk = keys[first : first + CANDIDATE_CHUNK]
            # the key's number is written in the query (an int of ours), the rest are parameters: the stored
            # windows filed by week among the key's weeks, and the long ones filed by year among its years
            query = " UNION ALL ".join(
                f"SELECT {first + offset}, document_id, cluster_no FROM merge_keys WHERE event_type = ? "
                "AND week BETWEEN ? AND ? AND window_start <= ? AND window_end >= ?"
                for offset in range(len(chunk)) for _ in ("weeks", "years")
            )
            parameters = [value for (kind, w0, w1, y0, y1, end, start) in chunk
                          for value in (kind, w0, w1, end, start, kind, y0, y1, end, start)]
            rows = self._execute(query, parameters).fetchall()
            for key_number, document_id, cluster_no in rows:
                ref = (str(document_id), int(cluster_no))
                for number in asked[keys[int(key_number)]]:
                    found[number].add(ref)
        return found

    def _stored_cluster(self, ref: ClusterRef, loaded: dict[str, list[list[Mention]]]) -> list[Mention]:
        document_id, number = ref
        self._load_documents({document_id}, loaded)
        return loaded[document_id][number]

    def _load_documents(self, document_ids: set[str], loaded: dict[str, list[list[Mention]]]) -> None:
        """Read and decode the stored clusters of these documents, unless `loaded` has them already."""
        wanted = sorted(document_ids - loaded.keys())
        for start in range(0, len(wanted), FETCH_CHUNK):
            chunk = wanted[start : start + FETCH_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            query = f"SELECT document_id, body FROM mention_clusters WHERE document_id IN ({marks})"
            rows = self._execute(query, chunk)
            for document_id, body in rows:
                loaded[str(document_id)] = [[mention_from_json(m) for m in cluster] for cluster in json.loads(body)]
        for document_id in wanted:
            loaded.setdefault(document_id, [])

    def _clusters_of_events(self, event_ids: set[str]) -> list[ClusterRef]:
        wanted = sorted(event_ids)
        refs: list[ClusterRef] = []
        for start in range(0, len(wanted), FETCH_CHUNK):
            chunk = wanted[start : start + FETCH_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self._execute(f"SELECT document_id, cluster_no FROM merge_clusters WHERE event_id IN ({marks}) "
                                 f"ORDER BY event_id{self.dialect.text_order}, document_id{self.dialect.text_order}, "
                                 "cluster_no", chunk).fetchall()
            refs += [(str(document_id), int(number)) for document_id, number in rows]
        return refs

    def _clusters_of_documents(self, document_ids: set[str]) -> list[ClusterRef]:
        refs: list[ClusterRef] = []
        for document_id in sorted(document_ids):
            rows = self._execute("SELECT cluster_no FROM merge_clusters WHERE document_id = ?", (document_id,))
            refs += [(document_id, int(row[0])) for row in rows]
        return refs

    def _unmerged_clusters(self) -> list[ClusterRef]:
        """Clusters stored before the merge index existed (their event is not recorded): merged on the next
        ingest, all at once."""
        rows = self._execute(
            "SELECT document_id, cluster_no FROM merge_clusters WHERE event_id IS NULL ORDER BY document_id, cluster_no"
        ).fetchall()
        return [(str(document_id), int(number)) for document_id, number in rows]

    def _events_of_clusters(self, refs: Mapping[ClusterRef, object]) -> set[str]:
        """The stored events the clusters are part of; for clusters stored before the merge index, every
        event citing their documents."""
        events: set[str] = set()
        documents = sorted({document_id for document_id, _ in refs})
        for start in range(0, len(documents), FETCH_CHUNK):
            chunk = documents[start : start + FETCH_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self._execute(
                f"SELECT document_id, cluster_no, event_id FROM merge_clusters WHERE document_id IN ({marks})", chunk
            ).fetchall()
            for document_id, number, event_id in rows:
                if (str(document_id), int(number)) not in refs:
                    continue
                if event_id is not None:
                    events.add(str(event_id))
                else:
                    sources = self._execute("SELECT event_id FROM event_sources WHERE document_id = ?", (document_id,))
                    events.update(str(r[0]) for r in sources)
        return events
