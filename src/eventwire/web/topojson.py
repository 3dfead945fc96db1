"""TopoJSON to GeoJSON, for the map's offline basemap (Natural Earth as ``world-atlas`` ships it).

TopoJSON stores each shared border once, as an *arc*; a polygon lists the arcs around each
ring (``~i``, i.e. ``-i - 1``, means arc ``i`` walked backwards). In a quantized topology
arc positions are integer deltas from the previous position, scaled and translated by the
topology's ``transform``. Decoding is therefore: undo the deltas and the transform once per
arc, then stitch each ring from its arcs. Specification: topojson-specification 1.0.
"""

from __future__ import annotations

from typing import Any

Position = list[float]


def decode_arcs(topology: dict[str, Any], digits: int = 3) -> list[list[Position]]:
    """Every arc of ``topology`` as absolute ``[lon, lat]`` positions, rounded to ``digits``.

    >>> decode_arcs({"transform": {"scale": [0.5, 2], "translate": [10, 20]}, "arcs": [[[0, 0], [2, 1], [-1, 1]]]})
    [[[10.0, 20.0], [11.0, 22.0], [10.5, 24.0]]]
    """
    transform = topology.get("transform")
    decoded = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x, y = x + dx, y + dy
                points.append([round(float(x * sx + tx), digits), round(float(y * sy + ty), digits)])
        else:
            points = [[round(p[0], digits), round(p[1], digits)] for p in arc]
        decoded.append(points)
    return decoded


def _line(arcs: list[list[Position]], indexes: list[int]) -> list[Position]:
    """The positions along ``indexes`` arcs in turn, each shared end point kept once.

    >>> _line([[[0, 0], [1, 0]], [[1, 1], [1, 0]]], [0, ~1])
    [[0, 0], [1, 0], [1, 1]]
    """
    points: list[Position] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def geometry(arcs: list[list[Position]], geom: dict[str, Any]) -> dict[str, Any] | None:
    """One TopoJSON geometry object as a GeoJSON geometry (None for a null geometry)."""
    kind = geom.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_line(arcs, ring) for ring in geom["arcs"]]}
    if kind == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [[_line(arcs, ring) for ring in polygon] for polygon in geom["arcs"]]}
    if kind == "LineString":
        return {"type": "LineString", "coordinates": _line(arcs, geom["arcs"])}
    if kind == "MultiLineString":
        return {"type": "MultiLineString", "coordinates": [_line(arcs, line) for line in geom["arcs"]]}
    if kind == "GeometryCollection":
        return {"type": "GeometryCollection",
                "geometries": [g for g in (geometry(arcs, x) for x in geom["geometries"]) if g]}
    return None  # points carry no arcs and the basemap needs none; null geometries stay null


def feature_collection(topology: dict[str, Any], name: str) -> dict[str, Any]:
    """The object ``name`` of ``topology`` as a GeoJSON FeatureCollection.

    >>> topo = {"type": "Topology", "arcs": [[[0, 0], [1, 0], [1, 1], [0, 0]]],
    ...         "objects": {"land": {"type": "GeometryCollection", "geometries": [
    ...             {"type": "Polygon", "arcs": [[0]], "id": "1", "properties": {"name": "Square"}}]}}}
    >>> fc = feature_collection(topo, "land")
    >>> fc["features"][0]["properties"], fc["features"][0]["geometry"]["coordinates"][0][:2]
    ({'name': 'Square'}, [[0, 0], [1, 0]])
    """
    arcs = decode_arcs(topology)
    obj = topology["objects"][name]
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    features = []
    for geom in members:
        shape = geometry(arcs, geom)
        if shape is not None:
            features.append({"type": "Feature", "id": geom.get("id"), "properties": geom.get("properties", {}),
                             "geometry": shape})
    return {"type": "FeatureCollection", "features": features}
