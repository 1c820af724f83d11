import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from offers import merchants

PASSWORD = "Un-mot-de-passe-solide-42"


@pytest.fixture
def staff(db):
    """A member of the city's staff group, with a password."""
    user = get_user_model().objects.create_user("equipe", "equipe@ville.example", PASSWORD)
    user.groups.add(Group.objects.get(name=merchants.STAFF_GROUP))
    return user


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("admin", "admin@ville.example", PASSWORD)


@pytest.fixture
def editor(db):
    """Someone who reaches the admin but is not staff (as a merchant is)."""
    group = Group.objects.create(name="Accès à l'administration")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user("beffroi", "beffroi@example.be", PASSWORD)
    user.groups.add(group)
    return user


@pytest.fixture
def log_in():
    """POST Wagtail's login form, as a person does; returns the response."""

    def log_in(client, username, password=PASSWORD, address="127.0.0.1", **extra):
        return client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            **extra,
        )

    return log_in


@pytest.fixture
def other_client():
    """A second browser (staff's, while `client` is the locked-out person's)."""
    return Client()
