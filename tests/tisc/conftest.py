"""TISC fixtures: Kenya's network with its coordinator, Peru's with another, a centre each."""

import pytest

from ipdev.accounts.models import Role
from ipdev.tisc import services
from tests.factories import UserFactory


@pytest.fixture
def coordinator(db):
    """Kenya's national TISC coordinator: a plain account named on the network."""
    return UserFactory(username="kim.coordinator", role=Role.PUBLIC)


@pytest.fixture
def other_coordinator(db):
    return UserFactory(username="pia.coordinator", role=Role.PUBLIC)


def make_network(staff, code: str, coordinator, **extra):
    return services.network_create(
        user=staff,
        data={
            "name": f"TISC network {code}",
            "country": code,
            "coordinating_institution": f"IP office {code}",
            "reporting_since": 2024,
            "frequency": "yearly",
            "coordinators": [coordinator.username],
            **extra,
        },
    )


CENTRE = {
    "name": "TISC Nairobi",
    "host_institution": "University of Nairobi",
    "host_type": "university",
    "city": "Nairobi",
    "latitude": "-1.2921",
    "longitude": "36.8219",
    "services": ["databases", "novelty"],
    "languages": ["en", "sw"],
    "public_email": "tisc@example.org",
    "contact_name": "Private Person",
    "contact_email": "private.person@example.org",
    "status": "active",
}


@pytest.fixture
def kenya(staff, coordinator):
    return make_network(staff, "KE", coordinator)


@pytest.fixture
def peru(staff, other_coordinator):
    return make_network(staff, "PE", other_coordinator, frequency="quarterly")


@pytest.fixture
def centre(staff, kenya):
    return services.centre_create(user=staff, network=kenya, data=CENTRE)


def figures(**over) -> dict:
    """A valid report: 10 inquiries by type and by user category."""
    data = {
        "counts": {
            "inquiry_type": {"patent_search": 6, "ip_information": 4},
            "inquiry_user": {"inventors": 3, "smes": 5, "students": 2},
            "delivery": {"state_of_art": 2, "novelty": 1},
        },
        "events": {"training": {"events": 2, "women": 15, "men": 12}},
        "training": [{"course": "DL177", "language": "en", "women": 3, "men": 2}],
        "stories": [{"title": "A dryer", "text": "A farmer licensed a dryer.", "public": True}],
        "centres_reporting": 4,
        "partnerships": 1,
        "narrative": "A good year.",
    }
    data.update(over)
    return data
