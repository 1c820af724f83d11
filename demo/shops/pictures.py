"""Logos and shopfronts drawn with Pillow: one of each per category, so seeding stays
fast."""

import math

from PIL import Image as PillowImage
from PIL import ImageDraw

from demo.shops.content import CATEGORIES


def draw_category_logo(category, size=256):
    """A round badge in the category's colour with a white mark: enough to tell logos
    apart in a list of results."""
    picture = PillowImage.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(picture)
    draw.ellipse([8, 8, size - 8, size - 8], fill=category.colour)
    index = [c.slug for c in CATEGORIES].index(category.slug)
    unit = size // 8
    centre = size // 2
    sides = 3 + index % 5
    points = [
        (
            centre + 2 * unit * math.cos(2 * math.pi * turn / sides + index),
            centre + 2 * unit * math.sin(2 * math.pi * turn / sides + index),
        )
        for turn in range(sides)
    ]
    draw.polygon(points, fill="#ffffff")
    return picture


def draw_shopfront(category, width=800, height=600):
    """A shopfront with a striped awning in the category's colour."""
    picture = PillowImage.new("RGB", (width, height), "#dfe7ef")
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, height * 0.85, width, height], fill="#8a8d91")
    draw.rectangle([60, 80, width - 60, height * 0.85], fill="#f3efe6")
    draw.rectangle([90, 100, width - 90, 170], fill=category.colour)
    for left in range(60, width - 60, 40):
        fill = category.colour if (left // 40) % 2 == 0 else "#ffffff"
        draw.rectangle([left, 190, left + 40, 250], fill=fill)
    draw.rectangle([110, 290, 470, height * 0.85 - 20], fill="#9fc3e0", outline="#4a4a4f", width=5)
    draw.rectangle([520, 290, width - 110, height * 0.85], fill="#5d4037")
    return picture
