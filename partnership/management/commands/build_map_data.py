import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from partnership.map import LAND_FILE

SOURCE = Path(settings.BASE_DIR) / "node_modules" / "world-atlas" / "land-110m.json"


def decode_arcs(topology):
    """TopoJSON arcs as lists of (longitude, latitude)."""
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def rings(topology):
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = []
                for index in ring:
                    # A negative index (~i) means arc i walked backwards.
                    arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                    points.extend(arc[1:] if points else arc)
                yield points


class Command(BaseCommand):
    help = (
        "Erzeugt die Küstenlinien für die Partnerschaftskarte aus Natural-Earth-Daten "
        "(npm-Paket world-atlas) und legt sie im Projekt ab. Nur nötig, wenn die Daten "
        "aktualisiert werden sollen; das Ergebnis wird mit dem Code ausgeliefert."
    )

    def handle(self, *args, **options):
        if not SOURCE.exists():
            raise CommandError(f"{SOURCE} fehlt: zuerst npm ci ausführen.")
        topology = json.loads(SOURCE.read_text())
        land = [
            [[round(lon, 2), round(lat, 2)] for lon, lat in ring]
            for ring in rings(topology)
            if len(ring) >= 4
        ]
        LAND_FILE.write_text(json.dumps(land, separators=(",", ":")))
        self.stdout.write(f"{len(land)} Landflächen nach {LAND_FILE} geschrieben.")
