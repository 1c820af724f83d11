"""Contrast ratios read from a page's computed styles (WCAG 2.1's relative luminance),
for the browser tests. A colour with transparency is laid over the backgrounds beneath
it, down to the first opaque one (white when none is)."""

# A function of one element, for Playwright's `locator.evaluate`, returning
# {"text": ratio of the text's colour to its background, "ring": ratio of the outline's
# colour to what surrounds the element, "ring_inside": ratio of the outline's colour to
# the element's own background, "outline": the outline's style, "box_shadow": the
# box-shadow}.
CONTRASTS = """(element) => {
  const parse = (colour) => {
    const parts = colour.match(/rgba?\\(([^)]+)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean);
    const [r, g, b, a] = parts.map(Number);
    return [r, g, b, parts.length > 3 ? a : 1];
  };
  const over = (top, bottom) =>
    [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = (start) => {
    const layers = [];
    for (let node = start; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) {
        layers.push(colour);
        if (colour[3] === 1) break;
      }
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (colour) => {
    const [r, g, b] = colour.slice(0, 3).map((value) => {
      const v = value / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const style = getComputedStyle(element);
  const own = background(element);
  const around = background(element.parentElement);
  const outline = over(parse(style.outlineColor), around);
  return {
    text: ratio(over(parse(style.color), own), own),
    ring: ratio(outline, around),
    ring_inside: ratio(outline, own),
    outline: style.outlineStyle,
    outline_width: Number.parseFloat(style.outlineWidth),
    box_shadow: style.boxShadow,
  };
}"""


def contrasts(locator):
    return locator.evaluate(CONTRASTS)
