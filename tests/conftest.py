"""Shared fixtures. The test database gets the reference data (3,200 regions, the pairings
and batches) once per session; each test then runs in a transaction that is rolled back.

Tests that read the demo data ask for the `demo` fixture: the demo is built once, in a
transaction of its own that is rolled back when the session ends, and those tests run last
(each in a savepoint inside it), so no other test ever sees the demo's records."""

from __future__ import annotations

import io

import pytest
from rest_framework.test import APIClient

from tests.factories import World, build_world


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from yuanjiang.core.reference import load_all

        load_all()


DEMO_PASSWORD = "pw-demo-123"


def pytest_collection_modifyitems(session, config, items):
    """Tests on the demo data run after every other test (see the module docstring)."""
    items.sort(key=lambda item: "demo" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def _demo_build(django_db_setup, django_db_blocker):
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("demo", "--password", DEMO_PASSWORD, stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_build, db) -> str:
    """The demo data (built once per session; every account's password is DEMO_PASSWORD).
    Returns what `yuanjiang demo` printed."""
    return _demo_build


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
