"""The map's offline basemap: Natural Earth country borders and coastlines (1:110m).

The data comes from the npm package ``world-atlas`` (Natural Earth, public domain), fetched
once by the build (``make basemap``, i.e. ``python -m eventwire.web.basemap``) from the
package registry, checked against the registry's published sha512 integrity, and kept in
``eventwire/data/basemap/`` (ignored by git). The app decodes the TopoJSON to GeoJSON
once, at first use. Without the file the map still works, without borders, and says so.
"""

from __future__ import annotations

import argparse
import base64
import functools
import hashlib
import io
import json
import logging
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

from .topojson import feature_collection

log = logging.getLogger(__name__)

PACKAGE, VERSION = "world-atlas", "2.0.2"
TARBALL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
# The registry's "dist.integrity" for this version: the tarball must hash to it.
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
FILE = "countries-110m.json"
OBJECT = "countries"
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "basemap" / FILE


def integrity(data: bytes) -> str:
    """The npm-style Subresource Integrity string of ``data``.

    >>> integrity(b"")[:20]
    'sha512-z4PhNX7vuL3xV'
    """
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def extract(tarball: bytes, dest: Path) -> Path:
    """Check ``tarball`` against ``INTEGRITY`` and write its ``FILE`` into ``dest``.

    RETURNS (Path): the file written.
    """
    got = integrity(tarball)
    if got != INTEGRITY:
        raise ValueError(f"{PACKAGE}-{VERSION}.tgz does not match the registry's integrity ({got[:24]}...)")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        member = tar.extractfile(f"package/{FILE}")
        if member is None:
            raise ValueError(f"{FILE} is missing from {PACKAGE}-{VERSION}.tgz")
        data = member.read()
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / FILE
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)  # never a half-written file for the app to read
    return out


def fetch(dest: Path = DEFAULT_PATH.parent, *, timeout: float = 60) -> Path:
    """Download ``world-atlas`` from the npm registry and keep its 1:110m countries.

    RETURNS (Path): the TopoJSON file.
    """
    with urllib.request.urlopen(TARBALL, timeout=timeout) as response:  # noqa: S310 (fixed https URL)
        return extract(response.read(), dest)


def load(path: Path = DEFAULT_PATH) -> dict[str, Any] | None:
    """The basemap as a GeoJSON FeatureCollection of countries; None when the file is absent.

    Decoded once per file version: a basemap fetched while the app runs is picked up.
    """
    try:
        version = Path(path).stat().st_mtime_ns
    except OSError:
        return None
    return _decoded(Path(path), version)


@functools.lru_cache(maxsize=4)
def _decoded(path: Path, version: int) -> dict[str, Any] | None:
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        return planar(feature_collection(topology, OBJECT))
    except (OSError, ValueError, KeyError, TypeError) as err:
        log.warning("basemap %s is unreadable (%s): the map is drawn without borders", path, err)
        return None


def _unwrap(ring: list[list[float]]) -> list[list[float]]:
    """The ring with no step longer than 180 degrees of longitude (it may leave -180..180).

    >>> _unwrap([[179.0, 0.0], [-179.0, 1.0], [-179.0, 0.0], [179.0, 0.0]])
    [[179.0, 0.0], [181.0, 1.0], [181.0, 0.0], [179.0, 0.0]]
    """
    out = [list(ring[0])]
    for lon, lat in ring[1:]:
        prev = out[-1][0]
        lon += 360 * round((prev - lon) / 360)
        out.append([lon, lat])
    return out


def _planar_polygon(polygon: list[list[list[float]]]) -> list[list[list[list[float]]]]:
    """A polygon as one or more polygons Leaflet can draw on its flat map.

    Natural Earth's Fiji, Chukotka and Antarctica cross the antimeridian (a step from 180 to
    -180), which a flat map draws as a line across the world. Their outer ring is unwrapped;
    a ring that goes once round a pole (Antarctica) is closed along that pole; a ring that now
    overhangs 180 is drawn again a world to the other side.
    """
    outer = polygon[0]
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(outer, outer[1:])):
        return [polygon]
    ring = _unwrap(outer)
    if abs(ring[-1][0] - ring[0][0]) > 180:
        pole = -90.0 if sum(p[1] for p in ring) < 0 else 90.0
        ring += [[ring[-1][0], pole], [ring[0][0], pole], list(ring[0])]
    copies = [ring]
    for shift, overhangs in ((-360, max(p[0] for p in ring) > 180), (360, min(p[0] for p in ring) < -180)):
        if overhangs:
            copies.append([[p[0] + shift, p[1]] for p in ring])
    return [[copy] for copy in copies]


def planar(collection: dict[str, Any]) -> dict[str, Any]:
    """``collection`` with every polygon drawable on a flat map (see ``_planar_polygon``)."""
    for feature in collection["features"]:
        geom = feature["geometry"]
        if geom["type"] in ("Polygon", "MultiPolygon"):
            polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
            flat = [p for polygon in polygons for p in _planar_polygon(polygon)]
            feature["geometry"] = ({"type": "Polygon", "coordinates": flat[0]} if len(flat) == 1
                                   else {"type": "MultiPolygon", "coordinates": flat})
    return collection


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventwire.web.basemap",
                                     description=f"Fetch the offline basemap ({PACKAGE} {VERSION}, Natural Earth).")
    parser.add_argument("--dest", type=Path, default=DEFAULT_PATH.parent, help="directory to write %s into" % FILE)
    parser.add_argument("--force", action="store_true", help="fetch even when the file is there")
    args = parser.parse_args(argv)
    if (args.dest / FILE).exists() and not args.force:
        print(f"basemap present: {args.dest / FILE}")
        return 0
    try:
        out = fetch(args.dest)
    except (OSError, ValueError) as err:
        print(f"error: basemap not fetched ({err}); the map will show events without borders", file=sys.stderr)
        return 1
    print(f"basemap written: {out} ({out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
