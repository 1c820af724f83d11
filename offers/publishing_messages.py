"""What a merchant is told once a page of theirs is published, submitted or reposted:
where it stands in their words, with a link to the public page when there is one to
see (an offer's page answers only from its first to its last day)."""

from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages as wagtail_messages

from offers.dates import Availability, availability
from offers.models import OfferPage
from offers.offer_states import day_in_words
from offers.publishing import Outcome


def _public_link(page, label):
    url = page.url
    return [wagtail_messages.button(url, label)] if url else []


def tell(request, page, outcome, day):
    """Add the message saying what became of `page` (Outcome) on `day`."""
    title = page.get_admin_display_title()
    if outcome == Outcome.SUBMITTED:
        messages.info(
            request,
            _("« %(title)s » attend la validation de l'équipe de la ville.") % {"title": title},
        )
    elif outcome == Outcome.SAVED:
        messages.info(request, _("« %(title)s » est enregistrée.") % {"title": title})
    elif not isinstance(page.specific, OfferPage):
        wagtail_messages.success(
            request,
            _("« %(title)s » est à jour sur le site.") % {"title": title},
            buttons=_public_link(page, _("Voir la page publique")),
        )
    else:
        _tell_published_offer(request, page.specific, title, day)


def _tell_published_offer(request, offer, title, day):
    state = availability(offer, day)
    if state == Availability.CURRENT:
        wagtail_messages.success(
            request,
            _("Votre offre « %(title)s » est publiée : en ligne jusqu'au %(day)s.")
            % {"title": title, "day": day_in_words(offer.end_date, day)},
            buttons=_public_link(offer, _("Voir l'offre en ligne")),
        )
    elif state == Availability.UPCOMING:
        messages.success(
            request,
            _("Votre offre « %(title)s » est publiée : en ligne à partir du %(day)s.")
            % {"title": title, "day": day_in_words(offer.start_date, day)},
        )
    else:
        messages.warning(
            request,
            _(
                "Votre offre « %(title)s » est publiée, mais ses dates sont passées : "
                "personne ne la voit. Changez ses dates ou repostez-la."
            )
            % {"title": title},
        )


def tell_reposted(request, copy, day):
    """The message of a repost: the copy's dates, and a link to it."""
    words = {
        "title": copy.get_admin_display_title(),
        "start": day_in_words(copy.start_date, day),
        "end": day_in_words(copy.end_date, day),
    }
    if copy.live:
        message = _("« %(title)s » est publiée du %(start)s au %(end)s.") % words
    else:
        message = (
            _("« %(title)s » (du %(start)s au %(end)s) attend la validation de l'équipe.") % words
        )
    wagtail_messages.success(
        request,
        message,
        buttons=[
            wagtail_messages.button(
                reverse("wagtailadmin_pages:edit", args=[copy.pk]), _("Voir la copie")
            )
        ],
    )


def tell_already_reposted(request, copy):
    """A second repost for the same week: nothing was made; the link is to the copy."""
    wagtail_messages.info(
        request,
        _("Cette offre est déjà repostée."),
        buttons=[
            wagtail_messages.button(
                reverse("wagtailadmin_pages:edit", args=[copy.pk]), _("Voir la copie")
            )
        ],
    )
