"""The words residents use for a category, a service or a tag ("coiffeur, barbier" for
Coiffure), as staff type them: a comma-separated list, cleaned before it is saved.

Cleaning trims each word, drops empty ones and keeps the first spelling of words that
differ only by case or accents ("Coiffeur, coiffeur" is one word). It refuses, with a
message naming the word, a word without a letter or digit, a word longer than
MAX_TERM_LENGTH and a list longer than MAX_TERMS. The search indexes the words
normalised (core.text.normalise), so spelling them with or without accents is the same.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.text import normalise

SEPARATOR = ","
# A term holds a resident's whole search at most (insights keeps 100 characters of one).
MAX_TERM_LENGTH = 100
MAX_TERMS = 50
# Errors reported at once: a pasted list of a thousand bad words needs only a few to fix.
MAX_ERRORS = 5

HELP_TEXT = _(
    "Les mots que les habitants tapent pour trouver ces commerces, séparés par des "
    "virgules (p. ex. coiffeur, coiffeuse, barbier). La recherche les trouve avec ou "
    "sans accents ni majuscules."
)

_SPACES = re.compile(r"\s+")


def split_terms(text):
    """The terms of a stored or typed list, trimmed, without empty ones, in order
    (duplicates kept: see `clean_terms`)."""
    terms = (_SPACES.sub(" ", part).strip() for part in str(text or "").split(SEPARATOR))
    return [term for term in terms if term]


def term_key(term):
    """What makes two terms the same word: case and accents aside."""
    return normalise(term)


def unique_terms(terms):
    """`terms` without those the same as an earlier one (case and accents aside)."""
    seen, kept = set(), []
    for term in terms:
        key = term_key(term)
        if key and key not in seen:
            seen.add(key)
            kept.append(term)
    return kept


def clean_terms(text):
    """The list `text` names, cleaned (see the module's docstring); raises
    ValidationError naming what is wrong."""
    terms = split_terms(text)
    errors = []
    for term in terms:
        if not term_key(term):
            errors.append(
                ValidationError(
                    _("« %(term)s » ne contient aucune lettre ni aucun chiffre."),
                    code="no_word",
                    params={"term": term},
                )
            )
        elif len(term) > MAX_TERM_LENGTH:
            errors.append(
                ValidationError(
                    _("« %(start)s… » est trop long : %(max)s caractères au plus par mot."),
                    code="too_long",
                    params={"start": term[:30], "max": MAX_TERM_LENGTH},
                )
            )
    if errors:
        raise ValidationError(errors[:MAX_ERRORS])
    terms = unique_terms(terms)
    if len(terms) > MAX_TERMS:
        raise ValidationError(
            ngettext_lazy(
                "%(max)d mot au plus (il y en a %(count)d).",
                "%(max)d mots au plus (il y en a %(count)d).",
                "max",
            ),
            code="too_many",
            params={"max": MAX_TERMS, "count": len(terms)},
        )
    return terms


def join_terms(terms):
    return f"{SEPARATOR} ".join(terms)


def with_term(text, term):
    """The stored list `text` with `term` added at its end, cleaned; unchanged when it
    holds the same word already. Raises ValidationError as `clean_terms` does."""
    return join_terms(clean_terms(join_terms([*split_terms(text), term])))


def validate_search_terms(value):
    """The model field's validator: a stored list must be one `clean_terms` accepts."""
    clean_terms(value)


class SearchTermsFormField(forms.CharField):
    """A textarea whose value comes back cleaned: "coiffeur ,, Coiffeur, barbier" is
    saved as "coiffeur, barbier"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs["max_length"] = None  # the cleaned list is what must fit, not the typing
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return join_terms(clean_terms(value))


class SearchTermsField(models.TextField):
    """The words residents use for a category, service or tag (see the module's
    docstring): checked by `validate_search_terms`, edited in a
    `SearchTermsFormField`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", HELP_TEXT)
        kwargs["validators"] = [validate_search_terms]
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["validators"]  # always the same, set by __init__
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SearchTermsFormField, **kwargs})
