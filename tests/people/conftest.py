import pytest

from tests.factories import PeopleWorld, build_people


@pytest.fixture
def people(world) -> PeopleWorld:
    return build_people(world)
