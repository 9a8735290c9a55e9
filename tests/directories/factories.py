"""A small set of directory entries, made through the services (used by unit and browser tests)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ipdev.directories import services
from ipdev.directories.demo import simple_docx, simple_pdf


def docx_upload(name: str, *paragraphs: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, simple_docx(list(paragraphs)))


def pdf_upload(name: str, *lines: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, simple_pdf(list(lines)))


def make_directories(staff) -> dict:
    """Registers for Kenya, Peru and the EPO; three databases; two landscape reports; two
    institutions with three policies (DOCX and PDF); a national model for Kenya."""
    today = timezone.localdate()
    old = today - dt.timedelta(days=800)
    services.register_save(
        user=staff,
        jurisdiction="KE",
        data={
            "office": "Kenya Industrial Property Institute",
            "legal_status": ["A", "B", "F", "H"],
            "search_tips": "Search by application number.",
            "sample_numbers": "KE/P/2020/001",
            "resources": [
                {"kind": "register", "availability": "yes", "url": "https://ke.register.example/",
                 "languages": ["en"], "cost": "free", "coverage_from": 2000},
                {"kind": "gazette", "availability": "yes", "url": "https://ke.gazette.example/",
                 "languages": ["en", "sw"], "cost": "free", "coverage_from": 1990},
                {"kind": "spc", "availability": "no"},
            ],
        },
    )  # fmt: skip
    services.register_save(
        user=staff,
        jurisdiction="PE",
        data={
            "office": "INDECOPI",
            "legal_status": ["A", "B", "C", "F"],
            "last_verified": old,
            "resources": [
                {"kind": "register", "availability": "partial", "languages": ["es"],
                 "cost": "registration"},
                {"kind": "gazette", "availability": "no"},
            ],
        },
    )  # fmt: skip
    services.register_save(
        user=staff,
        jurisdiction="EP",
        data={
            "office": "European Patent Office",
            "legal_status": ["A", "B", "C", "D", "F", "G", "H"],
            "resources": [
                {"kind": "register", "availability": "yes", "languages": ["en", "fr", "de"],
                 "cost": "free", "url": "https://ep.register.example/"},
                {"kind": "bulk", "availability": "yes", "cost": "free"},
            ],
        },
    )  # fmt: skip
    databases = {}
    for name, kind, access, aspi, features in (
        ("Alpha Patents", "national", "free", False, {"boolean_search": True, "full_text": True}),
        ("Beta Search", "commercial", "paid", True,
         {"boolean_search": True, "semantic_search": True, "chemical_search": True,
          "export": True, "analytics": True}),
        ("Gamma Lens", "academic", "freemium", False,
         {"boolean_search": True, "semantic_search": True, "crosslingual_search": True}),
    ):  # fmt: skip
        databases[name] = services.database_save(
            user=staff,
            data={
                "name": name,
                "provider": f"{name} provider",
                "kind": kind,
                "access": access,
                "aspi_partner": aspi,
                "coverage_countries": ["KE", "EP", "WO"] if aspi else ["PE"],
                "coverage_from": 1980,
                "languages": ["en", "es"],
                "interfaces": ["web", "api"] if aspi else ["web"],
                "reviewed_on": today - dt.timedelta(days=30),
                **features,
            },
        ).pk
    landscape = services.landscape_save(
        user=staff,
        data={
            "title": "Solar desalination landscape",
            "publisher_kind": "wipo",
            "publisher": "WIPO",
            "field": "energy",
            "countries": ["KE", "EG"],
            "year": 2022,
            "languages": ["en"],
            "summary": "Who patents solar desalination.",
        },
    )
    services.landscape_save(
        user=staff,
        data={
            "title": "Cassava processing landscape",
            "publisher_kind": "other",
            "publisher": "Example Institute",
            "field": "agriculture",
            "countries": ["NG"],
            "year": 2020,
            "languages": ["fr"],
        },
    )
    nairobi = services.institution_save(
        user=staff,
        data={"name": "Nairobi Example University", "country": "KE", "type": "university",
              "ror": "05gq02987"},
    )  # fmt: skip
    lima = services.institution_save(
        user=staff, data={"name": "Lima Research Institute", "country": "PE", "type": "research"}
    )
    ip = services.policy_save(
        user=staff,
        data={"institution": nairobi.pk, "title": "Intellectual property policy", "year": 2019,
              "types": ["ip", "spinoff"], "language": "en"},
        document=docx_upload("ip.docx", "Inventions belong to the university.",
                             "Royalties are shared with the inventors in equal thirds."),
    )  # fmt: skip
    services.policy_save(
        user=staff,
        data={"institution": nairobi.pk, "title": "Open access policy", "year": 2021,
              "types": ["open_access"], "language": "en"},
        document=pdf_upload("oa.pdf", "Researchers deposit articles in the repository."),
    )  # fmt: skip
    services.policy_save(
        user=staff,
        data={"institution": lima.pk, "title": "Politica de propiedad intelectual", "year": 2018,
              "types": ["ip"], "language": "es", "url": "https://lima.example/policy",
              "last_verified": old},
    )  # fmt: skip
    services.national_model_save(
        user=staff,
        data={"country": "KE", "title": "Kenya model IP policy", "status": "available",
              "year": 2022, "languages": ["en"]},
    )  # fmt: skip
    return {"databases": databases, "landscape": landscape.pk, "policy": ip.pk}
