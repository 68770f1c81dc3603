"""
The map of the partnerships, drawn as SVG on the server.

The projection is centred on the home city and measures true directions,
but squeezes distance logarithmically: a partner 300 km away and one 9,000 km
away both fit, without the near ones piling up on the home city. The
coastlines (Natural Earth via world-atlas, public domain) ship with the
project in data/land-110m.json; ``manage.py build_map_data`` regenerates them.

The coastlines are most of the map's weight and change only with the home
city's coordinates, so they are a file of their own (``land_drawing()``) that
browsers keep for good, under an address named by its digest; the page draws
the sea, the lines and the linked markers itself.
"""

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from django.urls import reverse

LAND_FILE = Path(__file__).with_name("data") / "land-110m.json"
SIZE = 600  # the SVG's width and height in its own units
RADIUS = 280
EARTH_RADIUS_KM = 6371
# Distances well below this keep their proportions; beyond it they shrink.
SOFT_DISTANCE = 0.02  # radians, about 130 km


def _polar(lat, lon, lat0, lon0):
    """Angular distance (radians) and bearing from the centre to a point."""
    phi, phi0 = math.radians(lat), math.radians(lat0)
    delta = math.radians(lon - lon0)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(delta)
    distance = math.acos(max(-1.0, min(1.0, cos_c)))
    bearing = math.atan2(
        math.sin(delta) * math.cos(phi),
        math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(delta),
    )
    return distance, bearing


def project(lat, lon, lat0, lon0):
    """(x, y) in the SVG for a point, the centre at (lat0, lon0)."""
    distance, bearing = _polar(lat, lon, lat0, lon0)
    r = math.log1p(distance / SOFT_DISTANCE) / math.log1p(math.pi / SOFT_DISTANCE)
    return (
        SIZE / 2 + RADIUS * r * math.sin(bearing),
        SIZE / 2 - RADIUS * r * math.cos(bearing),
    )


def distance_km(lat, lon, lat0, lon0):
    return _polar(lat, lon, lat0, lon0)[0] * EARTH_RADIUS_KM


def land_path(lat0, lon0):
    """The coastlines as one SVG path, for a map centred at (lat0, lon0)."""
    commands = []
    for ring in json.loads(LAND_FILE.read_text()):
        points = [project(lat, lon, lat0, lon0) for lon, lat in ring]
        commands.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(commands)


class LandDrawing(NamedTuple):
    svg: bytes
    digest: str

    @property
    def file_name(self):
        return f"kuesten-{self.digest}.svg"


@lru_cache(maxsize=8)
def land_drawing(lat0, lon0):
    """
    The coastlines as an SVG file, and the digest its address carries.

    The digest is taken of the file itself, so whatever the drawing depends
    on (the land data, the centre, the projection, the colours) gives a new
    address when it changes. The colours are set here rather than in the
    site's stylesheet: a picture loaded as an image takes no outside styles.
    """
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}">'
        f'<path fill="#d9dcd3" stroke="#a9ad9f" stroke-width="0.5" d="{land_path(lat0, lon0)}"/>'
        "</svg>\n"
    ).encode()
    return LandDrawing(svg, hashlib.sha256(svg).hexdigest()[:16])


def home_land_drawing(home):
    """The coastline file of a map centred on ``home``, or None while it has no coordinates."""
    if home is None or not home.has_coordinates:
        return None
    return land_drawing(float(home.latitude), float(home.longitude))


@dataclass
class Marker:
    name: str
    url: str
    x: float
    y: float
    distance_km: int
    label_x: float
    label_y: float
    anchor: str
    details: str = ""


# Labels are drawn at 15 units, and at 26 on a phone, where the map shrinks
# to half its size: at least 12 CSS px either way (site.css). The check for
# covered dots reckons with the larger size.
LABEL_CHAR_WIDTH = 16  # units per character at the phone's label size
# An invisible disc around each dot takes the tap: 24 CSS px across even on
# a 320 px phone, as WCAG 2.5.8 asks of a target.
TARGET_RADIUS = 26


def _avoid_covering_dots(markers):
    """Move a label above its dot where beside it would cover another city's dot."""
    for marker in markers:
        width = LABEL_CHAR_WIDTH * len(marker.name)
        left = marker.label_x - width if marker.anchor == "end" else marker.label_x
        covers = any(
            other is not marker
            and left - 8 <= other.x <= left + width + 8
            and abs(other.y - marker.y) < 16
            for other in markers
        )
        if covers:
            marker.label_x, marker.label_y, marker.anchor = marker.x, marker.y - 14, "middle"


def partnership_map(home, partnerships):
    """What the map template draws, or None while the home city has no coordinates."""
    land = home_land_drawing(home)
    if land is None:
        return None
    lat0, lon0 = float(home.latitude), float(home.longitude)
    markers = []
    for partnership in partnerships:
        city = partnership.partner_city
        if not city.has_coordinates:
            continue
        lat, lon = float(city.latitude), float(city.longitude)
        x, y = project(lat, lon, lat0, lon0)
        left = x < SIZE / 2
        markers.append(
            Marker(
                name=city.name,
                url=city.get_absolute_url(),
                x=x,
                y=y,
                distance_km=int(round(distance_km(lat, lon, lat0, lon0), -1)),
                label_x=x - 9 if left else x + 9,
                label_y=y + 5,
                anchor="end" if left else "start",
                details=f"{partnership.get_kind_display()}, {partnership.get_status_display()}",
            )
        )
    _avoid_covering_dots(markers)
    return {
        "size": SIZE,
        "centre": SIZE / 2,
        "radius": RADIUS,
        "land_url": reverse("map-land", args=[land.file_name]),
        "home": home,
        "markers": markers,
        "target_radius": TARGET_RADIUS,
    }
