"""
The favicon and the touch icon, drawn from the emblem of the site settings,
or from the accent colour and the city's initial while there is none. Drawn
once per process for each emblem and colour, then kept.
"""

from functools import lru_cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]
TOUCH_ICON_SIZE = 180


def favicon(site_settings):
    return _icon(*_key(site_settings), "ICO")


def touch_icon(site_settings):
    return _icon(*_key(site_settings), "PNG")


def _key(site_settings):
    emblem = site_settings.emblem.name if site_settings.emblem else ""
    initial = (site_settings.city_name or site_settings.site_name or "?")[:1].upper()
    # An emblem's name is random and new with every upload: a new emblem is a new key.
    return emblem, site_settings.accent_color, initial, site_settings.emblem.storage


@lru_cache(maxsize=8)
def _icon(emblem, accent_color, initial, storage, image_format):
    picture = _emblem(storage, emblem) if emblem else None
    if picture is None:
        picture = _initial(initial, accent_color)
    # A home screen shows a transparent icon on black: the touch icon is opaque.
    canvas = Image.new("RGBA", (TOUCH_ICON_SIZE, TOUCH_ICON_SIZE), (255, 255, 255, 0))
    if image_format == "PNG":
        canvas = Image.new("RGBA", canvas.size, (255, 255, 255, 255))
    picture.thumbnail((TOUCH_ICON_SIZE - 20, TOUCH_ICON_SIZE - 20), Image.Resampling.LANCZOS)
    offset = ((canvas.width - picture.width) // 2, (canvas.height - picture.height) // 2)
    canvas.alpha_composite(picture.convert("RGBA"), offset)
    buffer = BytesIO()
    if image_format == "ICO":
        canvas.save(buffer, format="ICO", sizes=FAVICON_SIZES)
    else:
        canvas.convert("RGB").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _emblem(storage, name):
    try:
        with storage.open(name) as file:
            picture = Image.open(file)
            picture.load()
    except (OSError, ValueError):
        # A missing file must not cost the site its icon.
        return None
    return picture


def _initial(initial, accent_color):
    picture = Image.new("RGBA", (TOUCH_ICON_SIZE, TOUCH_ICON_SIZE), accent_color)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=120)
    draw.text(
        (TOUCH_ICON_SIZE / 2, TOUCH_ICON_SIZE / 2), initial, fill="white", font=font, anchor="mm"
    )
    return picture
