"""StoriesPage: /histoires/, the stories newest first, and their feed at /histoires/flux/."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core import compat, tree
from home.models import SectionIndexPage


class StoriesPage(RoutablePageMixin, SectionIndexPage):
    """/histoires/: campaign stories about the city's merchants, newest first (12 a
    page, filtered by campaign), with an RSS feed at /histoires/flux/."""

    subpage_types = ["stories.StoryPage", "stories.CampaignPage"]

    class Meta:
        verbose_name = _("page des histoires")
        verbose_name_plural = _("pages des histoires")

    def route(self, request, path_components):
        # A story's or a campaign's address: the child is fetched as its own type
        # (stories first, they are most of the children), not a Page then its row.
        if path_components and path_components != ["flux"]:
            from stories.models import CampaignPage, StoryPage

            slug, remaining = path_components[0], path_components[1:]
            stories = StoryPage.objects.select_related("hero_image", "campaign")
            for children in (stories, CampaignPage.objects.all()):
                # A slug is unique among siblings: no order needed to pick the one.
                found = children.filter(tree.children_q(self.path), slug=slug).order_by()[:1]
                child = next(iter(found), None)
                if child is not None:
                    compat.remember_parent(child, self)
                    return child.route(request, remaining)
            raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from stories.page_context import stories_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(stories_page_context(request, self))
        return context

    @path("flux/", name="feed")
    def feed(self, request):
        from stories.feed import stories_feed_response

        return stories_feed_response(request, self)
