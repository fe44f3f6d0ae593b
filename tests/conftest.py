"""Shared fixtures. The test database gets the reference data (3,200 regions, the pairings
and batches) once per session; each test then runs in a transaction that is rolled back.

Data that many tests read is built once, not once per test: the `world` (three commands of
two supporting sides and a user per role) and the `demo`. Each is built inside a
transaction of its own, held open while the tests that use it run — each test in a
savepoint inside it, rolled back after the test, so every test still starts from the same
state — and rolled back once they are done. The tests are ordered so that those groups run
one after the other: tests with neither, then the world's, then the demo's, then the
transactional tests (which commit, and empty the database when they end)."""

from __future__ import annotations

import io
from dataclasses import fields

import pytest
from rest_framework.test import APIClient

from tests.factories import World, build_world

DEMO_PASSWORD = "pw-demo-123"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from yuanjiang.core.reference import load_all

        load_all()


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


def _group(item) -> int:
    names = getattr(item, "fixturenames", ())
    if _transactional(item):
        return 3
    if "demo" in names:
        return 2
    if "world" in names:
        return 1
    return 0


def pytest_collection_modifyitems(session, config, items):
    """Tests run grouped by the shared data they use (see the module docstring)."""
    items.sort(key=_group)


class SharedData:
    """One set of data built once and held in an open transaction (a savepoint for each
    test is opened inside it by pytest-django); opening another set rolls this one back."""

    def __init__(self, blocker):
        self.blocker, self.name, self.atomic, self.value = blocker, None, None, None

    def use(self, name: str, build):
        if self.name != name:
            self.close()
            from django.db import transaction

            with self.blocker.unblock():
                self.atomic = transaction.atomic()
                self.atomic.__enter__()
                self.value, self.name = build(), name
        return self.value

    def close(self) -> None:
        if self.atomic is not None:
            from django.db import transaction

            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
            self.name = self.atomic = self.value = None


@pytest.fixture(scope="session")
def _shared(django_db_setup, django_db_blocker):
    shared = SharedData(django_db_blocker)
    yield shared
    shared.close()


def _world_keys() -> dict:
    built = build_world()
    return {f.name: (type(getattr(built, f.name)), getattr(built, f.name).pk) for f in fields(World)}


def _build_demo() -> str:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("demo", "--password", DEMO_PASSWORD, stdout=out)
    return out.getvalue()


@pytest.hookimpl(tryfirst=True)
def pytest_fixture_setup(fixturedef, request):
    """Right before a test's own transaction is opened, open (or close) the shared data its
    group uses, so the test's transaction nests inside it."""
    if fixturedef.argname != "_django_db_helper":
        return
    shared = request.getfixturevalue("_shared")
    group = _group(request.node)
    if group == 1:
        shared.use("world", _world_keys)
    elif group == 2:
        shared.use("demo", _build_demo)
    else:
        shared.close()


@pytest.fixture
def world(db, _shared) -> World:
    """Three commands of two supporting sides and a user per role and scope: fresh objects
    of the world built once (a transactional test builds its own)."""
    if _shared.name != "world":
        return build_world()
    return World(**{name: _fresh(model, pk) for name, (model, pk) in _shared.value.items()})


def _fresh(model, pk):
    """The object as a factory hands it back: with the links it was built with in memory."""
    from yuanjiang.core.models import Command, User

    qs = model._default_manager.all()
    if model is User:
        qs = qs.select_related("scope_command__batch", "scope_region")
    elif model is Command:
        qs = qs.select_related("batch__supporting_region", "parent")
    return qs.get(pk=pk)


@pytest.fixture
def demo(db, _shared) -> str:
    """The demo data (built once per session; every account's password is DEMO_PASSWORD).
    Returns what `yuanjiang demo` printed."""
    return _shared.value if _shared.name == "demo" else _build_demo()


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
