"""An offer's state in the merchant's words, and the actions that move it on: what the
dashboard says of each offer (« En ligne jusqu'au dimanche 6 », « Brouillon : pas
encore visible »...) and which buttons it puts beside it.

Plain functions of the offer's fields, the day and a few facts the dashboard reads in
bulk (its workflow, whether it is reposted already), so that tests call them directly."""

from dataclasses import dataclass
from enum import StrEnum

from django.utils import formats
from django.utils.translation import gettext as _

from offers.dates import Availability, availability

# Within a week of today, "dimanche 6" is unambiguous; further off, the month is named.
NEAR_DAYS = 6


class OfferState(StrEnum):
    DRAFT = "draft"  # never published
    AWAITING_VALIDATION = "awaiting_validation"  # submitted, staff have not decided
    CHANGES_REQUESTED = "changes_requested"  # staff sent it back
    SCHEDULED = "scheduled"  # published, its first day is to come
    LIVE = "live"  # published and shown today
    ENDED = "ended"  # published, its last day is past
    WITHDRAWN = "withdrawn"  # published once, then taken down


class Workflow(StrEnum):
    """Where the offer stands in the staff's validation workflow, if anywhere."""

    IN_PROGRESS = "in_progress"
    NEEDS_CHANGES = "needs_changes"


class Action(StrEnum):
    PUBLISH = "publish"  # "Publier", or "Soumettre à validation" under moderation
    EDIT = "edit"
    VIEW = "view"  # the public page
    REPOST = "repost"
    SEE_COPY = "see_copy"  # the copy already reposted for next week


@dataclass(frozen=True)
class OfferStatus:
    state: OfferState
    text: str
    note: str
    actions: tuple


def day_in_words(date, day):
    """ "dimanche 6", or "dimanche 6 décembre" when `date` is more than a week from `day`."""
    near = abs((date - day).days) <= NEAR_DAYS
    return formats.date_format(date, "l j" if near else "l j F")


def offer_state(offer, day, workflow=None):
    """The OfferState of `offer` (an OfferPage: its `live`, `first_published_at` and
    dates) on `day`, given its Workflow (None when none is active)."""
    if workflow == Workflow.IN_PROGRESS:
        return OfferState.AWAITING_VALIDATION
    if workflow == Workflow.NEEDS_CHANGES:
        return OfferState.CHANGES_REQUESTED
    if not offer.live:
        return OfferState.DRAFT if offer.first_published_at is None else OfferState.WITHDRAWN
    return {
        Availability.UPCOMING: OfferState.SCHEDULED,
        Availability.CURRENT: OfferState.LIVE,
        Availability.ENDED: OfferState.ENDED,
    }[availability(offer, day)]


def describe_offer(offer, day, *, workflow=None, reposted=False):
    """The OfferStatus of `offer` on `day`: its state, the sentence saying it, a note
    when something needs saying, and the actions that make sense, the one that fixes
    the state first. `reposted`: a copy for next week exists already, so "Reposter"
    gives way to a link to it. "Reposter" is only offered on an offer that has been on
    the site (a draft never published has nothing to repost)."""
    state = offer_state(offer, day, workflow)
    ended = availability(offer, day) == Availability.ENDED
    repost = Action.SEE_COPY if reposted else Action.REPOST
    note = ""
    if state == OfferState.DRAFT:
        text = _("Brouillon : pas encore visible")
        if ended:
            note = _("Ses dates sont passées : changez-les avant de la publier.")
            actions = (Action.EDIT,)
        else:
            actions = (Action.PUBLISH,)
    elif state == OfferState.AWAITING_VALIDATION:
        text = _("En attente de validation")
        note = _("L'équipe de la ville la publiera après vérification.")
        actions = ()
    elif state == OfferState.CHANGES_REQUESTED:
        text = _("À corriger : l'équipe demande des changements")
        actions = (Action.EDIT,)
    elif state == OfferState.SCHEDULED:
        text = _("Programmée à partir du %(day)s") % {"day": day_in_words(offer.start_date, day)}
        actions = ()
    elif state == OfferState.LIVE:
        text = _("En ligne jusqu'au %(day)s") % {"day": day_in_words(offer.end_date, day)}
        actions = (Action.VIEW, repost)
    elif state == OfferState.ENDED:
        text = _("Terminée")
        actions = (repost,)
    else:
        text = _("Retirée du site : plus visible")
        actions = (repost,) if ended else (Action.PUBLISH,)
    if offer.live and offer.has_unpublished_changes and workflow is None:
        note = _("Vos dernières modifications ne sont pas encore publiées.")
        actions = (Action.PUBLISH, *actions)
    if reposted and Action.SEE_COPY in actions:
        note = note or _("Déjà repostée pour la semaine suivante.")
    return OfferStatus(state=state, text=text, note=note, actions=actions)
