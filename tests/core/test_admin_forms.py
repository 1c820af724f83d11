"""The pages merchants edit use the form that narrows image and document fields, and
have no field the narrowing would miss."""

import pytest
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField

from core.admin_forms import ChoosableMediaPageForm
from directory.models import ShopPage
from offers.models import OfferPage

MERCHANT_PAGE_MODELS = [ShopPage, OfferPage]
# Rich text features that embed or link an image or a document by its id.
MEDIA_FEATURES = {"image", "document-link", "embed"}


def models_of_the_form(page_model):
    """The page model and the models of its inline rows (what its form submits)."""
    yield page_model
    for relation in get_all_child_relations(page_model):
        yield relation.related_model


@pytest.mark.parametrize("page_model", MERCHANT_PAGE_MODELS)
def test_pages_merchants_edit_use_the_choosable_media_form(page_model):
    assert issubclass(page_model.get_edit_handler().get_form_class(), ChoosableMediaPageForm)


@pytest.mark.parametrize("page_model", MERCHANT_PAGE_MODELS)
def test_pages_merchants_edit_choose_media_only_through_narrowed_fields(page_model):
    """Image and document references the narrowing cannot see (inside a StreamField or
    a rich text) would need their own check: today no merchant's form has one."""
    for model in models_of_the_form(page_model):
        for field in model._meta.get_fields():
            assert not isinstance(field, StreamField), (model, field.name)
            if isinstance(field, RichTextField):
                # No list of features means Wagtail's default ones, images included.
                assert field.features is not None, (model, field.name)
                assert not MEDIA_FEATURES & set(field.features), (model, field.name)
