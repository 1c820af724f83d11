"""The report's daily chart, drawn on the server as SVG (no chart library, no CDN): the
geometry here, the markup in templates/insights/daily_chart.html."""

from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class DayLabel:
    x: float
    label: str
    anchor: str  # the first label starts at its day, the last ends at it: none is cut


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    views_points: str
    intents_points: str
    y_ticks: list
    x_labels: list
    plot_left: int
    plot_right: int
    plot_bottom: int
    title: str
    description: str


def nice_maximum(value):
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (at least 4): a round top
    for the y axis."""
    value = max(value, 4)
    power = 1
    while power * 10 <= value:
        power *= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return int(step * power) if step * power == int(step * power) else step * power
    return 10 * power


def _whole(value):
    return int(value) if value == int(value) else value


def daily_chart(series):
    """A line chart of views and intents per day for `series` (DayFigures)."""
    top = nice_maximum(max((max(day.views, day.intents) for day in series), default=0))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(series) - 1, 1)

    def x(index):
        return round(LEFT + index * step, 1)

    def y(value):
        return round(TOP + plot_height * (1 - value / top), 1)

    def points(attribute):
        return " ".join(
            f"{x(index)},{y(getattr(day, attribute))}" for index, day in enumerate(series)
        )

    ticks = [Tick(y(value), number_format(value)) for value in (0, _whole(top / 2), _whole(top))]
    wanted = sorted({0, len(series) // 2, len(series) - 1}) if series else []
    labels = [
        DayLabel(
            x(index),
            date_format(series[index].day, "j M"),
            "start" if index == 0 else "end" if index == len(series) - 1 else "middle",
        )
        for index in wanted
    ]
    total_views = sum(day.views for day in series)
    total_intents = sum(day.intents for day in series)
    busiest = max(series, key=lambda day: day.views, default=None)
    description = _(
        "Du %(start)s au %(end)s : %(views)s pages vues et %(intents)s intentions de visite."
    ) % {
        "start": date_format(series[0].day, "j F Y") if series else "",
        "end": date_format(series[-1].day, "j F Y") if series else "",
        "views": total_views,
        "intents": total_intents,
    }
    if busiest is not None and busiest.views:
        description += " " + _("Jour le plus vu : %(day)s (%(views)s vues).") % {
            "day": date_format(busiest.day, "l j F"),
            "views": busiest.views,
        }
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        views_points=points("views"),
        intents_points=points("intents"),
        y_ticks=ticks,
        x_labels=labels,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=HEIGHT - BOTTOM,
        title=_("Pages vues et intentions de visite par jour"),
        description=description,
    )
