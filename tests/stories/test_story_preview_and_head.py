"""Staff preview a story before publishing it; a story's head carries its canonical
address and a sharing card with a 1200×630 picture."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage

from stories.models import StoryFeaturedShop
from tests.factories import (
    ALL_WEEK,
    CampaignPageFactory,
    ImageFactory,
    ShopPageFactory,
    StoryPageFactory,
    story_block,
)

pytestmark = pytest.mark.django_db


def large_image():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 1000), "#b5651d").save(buffer, format="JPEG")
    return ImageFactory(file=ImageFile(buffer, name="vitrine.jpg"), description="La vitrine")


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("equipe", "e@vilveze.example", "secret")
    client.force_login(user)
    return user


def meta(html, name):
    found = re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    return found[0] if found else None


def test_story_head_has_canonical_opengraph_and_twitter_card(client, now, stories_index):
    story = StoryPageFactory(
        title="Des fleurs livrées à vélo",
        slug="fleurs",
        standfirst="Martine livre à vélo.",
        hero_image=large_image(),
    )
    html = client.get(story.url).content.decode()
    assert '<link rel="canonical" href="http://testserver/histoires/fleurs/">' in html
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:description") == "Martine livre à vélo."
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    assert meta(html, "og:image").startswith("http://testserver/")  # the site's address
    assert meta(html, "twitter:card") == "summary_large_image"
    assert '<meta name="description" content="Martine livre à vélo.">' in html


def test_preview_shows_the_editors_unsaved_featured_shops(client, now, staff, stories_index):
    story = StoryPageFactory(title="Brouillon", publish=False)
    shop = ShopPageFactory(title="Boucherie du Coin", hours=ALL_WEEK)
    story.featured_shops = [StoryFeaturedShop(shop=shop)]
    story.body = [story_block("shop_card", {"shop": ShopPageFactory(title="Cave du Pont")})]
    response = story.make_preview_request()
    html = response.render().content.decode() if hasattr(response, "render") else ""
    html = html or response.content.decode()
    assert response.status_code == 200
    assert "Boucherie du Coin" in html
    assert "Cave du Pont" in html


def test_staff_can_open_the_story_and_campaign_forms(client, staff, stories_index):
    for model in ("storypage", "campaignpage"):
        url = f"/admin/pages/add/stories/{model}/{stories_index.pk}/"
        assert client.get(url).status_code == 200, model


def test_campaign_preview_works_before_its_first_save(client, now, staff, stories_index):
    from datetime import date

    from stories.models import CampaignPage, CampaignPartner

    campaign = CampaignPage(
        title="Nouvelle campagne",
        slug="nouvelle",
        intro="<p>Bientôt.</p>",
        start_date=date(2026, 12, 1),
        partners=[CampaignPartner(name="Radio Vèze")],
    )
    campaign.path, campaign.depth = stories_index.path + "9999", stories_index.depth + 1
    response = campaign.make_preview_request()
    assert response.status_code == 200
    assert "Radio Vèze" in response.content.decode()


def test_campaign_page_lists_the_shops_its_stories_feature(client, now, stories_index):
    campaign = CampaignPageFactory(title="Achetez ici", slug="achetez")
    shop = ShopPageFactory(title="Fromagerie des Remparts", hours=ALL_WEEK)
    StoryPageFactory(campaign=campaign, body=[story_block("shop_card", {"shop": shop})])
    StoryPageFactory(featured_shops=[ShopPageFactory(title="Hors campagne")])
    html = client.get("/histoires/achetez/").content.decode()
    assert "Fromagerie des Remparts" in html
    assert "Hors campagne" not in html
