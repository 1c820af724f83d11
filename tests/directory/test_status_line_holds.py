"""How long a status line reads the same (directory.hours.read_status_line): until the
shop's next change, or midnight when the line names a day from today's."""

from datetime import datetime

import pytest

from core.clock import BRUSSELS
from directory.hours import read_status_line
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=BRUSSELS)


@pytest.fixture
def bakery():
    # 2026-11-23 is a Monday; open on weekdays from 09:00 to 18:30.
    return ShopPageFactory(title="Boulangerie", hours=[(day, "09:00", "18:30") for day in range(5)])


def test_a_status_line_holds_until_the_shop_changes(bakery):
    line = read_status_line(bakery, at("2026-11-24T10:00"))
    assert line.text == "Ouvert · ferme à 18:30"
    assert line.changes_at == line.holds_until == at("2026-11-24T18:30")


def test_a_status_line_naming_tomorrow_holds_until_midnight(bakery):
    line = read_status_line(bakery, at("2026-11-24T19:00"))
    assert line.text == "Fermé · ouvre demain à 09:00"
    assert line.changes_at == at("2026-11-25T09:00")
    assert line.holds_until == at("2026-11-25T00:00")
    assert read_status_line(bakery, at("2026-11-25T00:00")).text == "Fermé · ouvre à 09:00"


def test_an_unknown_status_holds_until_midnight():
    line = read_status_line(ShopPageFactory(hours=[]), at("2026-11-24T10:00"))
    assert line.text == "Horaires inconnus"
    assert line.changes_at is None
    assert line.holds_until == at("2026-11-25T00:00")
