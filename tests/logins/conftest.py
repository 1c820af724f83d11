import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

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
def other_client():
    """A second browser (staff's, while `client` is the locked-out person's)."""
    return Client()


@pytest.fixture(name="log_in")
def log_in_with_the_fixtures_password(log_in):
    """tests/conftest.py's `log_in`, with the password these accounts have by default."""

    def log_in_as(client, username, password=PASSWORD, **kwargs):
        return log_in(client, username, password, **kwargs)

    return log_in_as
