"""Shared fixtures. The test database gets the reference data (3,200 regions, the pairings
and batches) once per session; each test then runs in a transaction that is rolled back."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.factories import World, build_world


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from yuanjiang.core.reference import load_all

        load_all()


@pytest.fixture
def world(db) -> World:
    """Three commands of two supporting sides and a user per role and scope."""
    return build_world()


@pytest.fixture
def api():
    """An API client; `api.as_user(user)` signs in with a token, as an API client would."""
    from rest_framework.authtoken.models import Token

    class Client(APIClient):
        def as_user(self, user):
            token, _ = Token.objects.get_or_create(user=user)
            self.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
            return self

    return Client()
