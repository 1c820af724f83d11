from .campaign import CampaignPage, CampaignPartner
from .index import StoriesPage
from .story import StoryFeaturedShop, StoryPage

__all__ = [
    "CampaignPage",
    "CampaignPartner",
    "StoriesPage",
    "StoryFeaturedShop",
    "StoryPage",
]
