"""
Charts drawn on the server: an inline SVG for the eye and the same figures
as a table for screen readers. No script and nothing from a third party;
the bars are outlined and carry their value as text, so a chart printed
without background colours still says everything.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

BAR_WIDTH = 14
GAP = 4
# Room above the tallest bar for its value, and below the bars for the labels.
TOP = 12
BARS_HEIGHT = 32
BOTTOM = 12


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: int
    y: int
    height: int

    @property
    def centre(self):
        return self.x + BAR_WIDTH / 2


def bar_chart(pairs, label, short_label=str):
    """
    ``pairs`` of (label, value) as a bar chart named ``label``: the SVG,
    then the data as a table hidden on screen. ``short_label`` gives the
    text under each bar (e.g. "21" for 2021); the table has the full label.
    """
    pairs = list(pairs)
    highest = max((value for _label, value in pairs), default=0) or 1
    bars = []
    for index, (bar_label, value) in enumerate(pairs):
        height = round(BARS_HEIGHT * value / highest)
        bars.append(
            Bar(
                label=bar_label,
                value=value,
                x=index * (BAR_WIDTH + GAP),
                y=TOP + BARS_HEIGHT - height,
                height=height,
            )
        )
    width = max(len(bars) * (BAR_WIDTH + GAP) - GAP, 1)
    return render_to_string(
        "admin/barometer/bar_chart.html",
        {
            "label": label,
            "bars": [(bar, short_label(bar.label)) for bar in bars],
            "width": width,
            "height": TOP + BARS_HEIGHT + BOTTOM,
            "baseline": TOP + BARS_HEIGHT,
            "label_y": TOP + BARS_HEIGHT + BOTTOM - 2,
            "bar_width": BAR_WIDTH,
        },
    )
