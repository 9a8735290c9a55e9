"""Demo data for the directories, written through the services and marked as demo entries.

Office and database names are public facts; addresses point to the reserved `.example` domain,
institutions are invented, and every text (search tips, summaries, policy clauses) is written for
this demo. Deterministic for a seed (dates relative to the day it is loaded).
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ipdev.accounts.models import Role, User

from . import services, suggestions
from .demo_content import (
    CITIES,
    CLAUSES,
    COVERAGE,
    DATABASES,
    FEATURE_LETTERS,
    KINDS,
    LANDSCAPES,
    LANGUAGES,
    NATIONAL_MODELS,
    OFFICES,
    POLICY_LANGUAGE,
    TIPS,
    TITLES,
)
from .models import (
    DatabaseReport,
    Directory,
    Institution,
    Jurisdiction,
    ResourceKind,
    Suggestion,
    UseCount,
)


def simple_pdf(lines: list[str]) -> bytes:
    """A small one-page PDF holding these lines of Latin-1 text (Helvetica)."""

    def esc(text: str) -> str:
        text = text.encode("latin-1", "replace").decode("latin-1")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 10 Tf 50 780 Td 14 TL " + " ".join(f"({esc(x)}) '" for x in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def simple_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _registers(rng: random.Random, staff, today: dt.date) -> int:
    made = 0
    for code in sorted(OFFICES):
        if not Jurisdiction.objects.filter(code=code).exists():
            continue
        languages = LANGUAGES.get(code, ["en"])
        resources = []
        for kind in ResourceKind.values:
            roll = rng.random()
            availability = "yes" if roll < 0.6 else "partial" if roll < 0.75 else "no"
            if kind == "register" and code in {"EP", "WO", "US", "JP", "KR", "CN", "DE", "GB"}:
                availability = "yes"
            if kind == "spc" and code not in {"EP", "DE", "FR", "GB", "US", "JP", "KR"}:
                availability = "no"
            if availability == "no":
                resources.append({"kind": kind, "availability": "no"})
                continue
            resources.append(
                {
                    "kind": kind,
                    "availability": availability,
                    "url": f"https://{kind.replace('_', '-')}.{code.lower()}.register.example/",
                    "languages": languages[: rng.randint(1, len(languages))],
                    "cost": "free" if rng.random() < 0.8 else rng.choice(["registration", "paid"]),
                    "coverage_from": rng.choice([1950, 1975, 1990, 2000, 2005, 2010, 2015]),
                }
            )
        statuses = ["A", "B", "F", "H", *rng.sample(["C", "D", "E", "G"], rng.randint(0, 4))]
        age = rng.choice([30, 120, 400, 700, 800, 1100])  # some older than two years
        services.register_save(
            user=staff,
            jurisdiction=code,
            data={
                "office": OFFICES[code],
                "legal_status": sorted(statuses),
                "search_tips": " ".join(rng.sample(TIPS, 2)),
                "sample_numbers": f"{code} 2019/001234, {code} 2021/004567 (demo format)",
                "last_verified": today - dt.timedelta(days=age),
                "resources": resources,
                "demo": True,
            },
        )
        made += 1
    return made


def _databases(rng: random.Random, staff, today: dt.date) -> int:
    for name, provider, kind, access, aspi, since, languages, interfaces, letters in DATABASES:
        features = {FEATURE_LETTERS[x]: True for x in letters}
        countries = COVERAGE if kind != "national" else rng.sample(COVERAGE, 4)
        services.database_save(
            user=staff,
            data={
                "name": name,
                "provider": provider,
                "kind": kind,
                "access": access,
                "aspi_partner": aspi,
                "url": f"https://{name.lower().replace(' ', '-')}.database.example/",
                "coverage_countries": countries,
                "coverage_from": since,
                "languages": languages,
                "interfaces": interfaces,
                **features,
                "summary": (
                    f"Demo review of {name}: searched by a demo reviewer for the features in this "
                    "table; check the provider's own documentation before relying on it."
                ),
                "reviewed_on": today - dt.timedelta(days=rng.randint(20, 900)),
                "last_verified": today - dt.timedelta(days=rng.randint(10, 900)),
                "demo": True,
            },
        )
    return len(DATABASES)


def _landscapes(rng: random.Random, staff, today: dt.date) -> int:
    for title, kind, publisher, series, field, countries, year, languages in LANDSCAPES:
        services.landscape_save(
            user=staff,
            data={
                "title": title,
                "publisher_kind": kind,
                "publisher": publisher,
                "series": series,
                "field": field,
                "countries": countries,
                "year": year,
                "languages": languages,
                "summary": (
                    "Demo entry. Maps who files patents in this technology, where, and how the "
                    "filings grew, to help plan research and technology transfer."
                ),
                "url": f"https://landscapes.example/{year}/{rng.randint(100, 999)}",
                "last_verified": today - dt.timedelta(days=rng.randint(10, 800)),
                "demo": True,
            },
        )
    return len(LANDSCAPES)


def _policies(rng: random.Random, staff, today: dt.date) -> int:
    made = 0
    for n, code in enumerate(sorted(CITIES)):
        for k in range(1 + n % 2):
            name, kind = KINDS[(n + k) % len(KINDS)]
            institution = services.institution_save(
                user=staff,
                data={
                    "name": f"Demo {name} of {CITIES[code]}",
                    "country": code,
                    "type": kind,
                    "url": f"https://{code.lower()}{k}.institution.example/",
                    "last_verified": today - dt.timedelta(days=rng.randint(10, 900)),
                    "demo": True,
                },
            )
            kinds = ["ip", *rng.sample([t for t in CLAUSES if t != "ip"], rng.randint(0, 2))]
            for j, policy_type in enumerate(kinds):
                types = [policy_type] + (["software"] if policy_type == "ip" and j % 2 else [])
                paragraphs = [f"{TITLES[policy_type]} of {institution.name} (demo document)."]
                for t in types:
                    paragraphs += CLAUSES[t]
                year = rng.randint(2008, today.year - 1)
                if (n + j) % 3 == 0:
                    upload = SimpleUploadedFile(
                        f"{code.lower()}-{policy_type}.pdf", simple_pdf(paragraphs)
                    )
                else:
                    upload = SimpleUploadedFile(
                        f"{code.lower()}-{policy_type}.docx", simple_docx(paragraphs)
                    )
                services.policy_save(
                    user=staff,
                    data={
                        "institution": institution.pk,
                        "title": f"{TITLES[policy_type]} ({year})",
                        "year": year,
                        "types": types,
                        "language": POLICY_LANGUAGE.get(code, "en"),
                        "last_verified": today - dt.timedelta(days=rng.randint(10, 900)),
                        "demo": True,
                    },
                    document=upload,
                )
                made += 1
    for code, title, year, status, languages in NATIONAL_MODELS:
        services.national_model_save(
            user=staff,
            data={
                "country": code,
                "title": title,
                "year": year,
                "status": status,
                "languages": languages,
                "url": f"https://models.example/{code.lower()}",
                "demo": True,
            },
        )
    return made


def _use(rng: random.Random, today: dt.date) -> None:
    countries = ["IN", "US", "BR", "MX", "PH", "KE", "NG", "EG", "CN", "CO", "PE", "ID", "MA"]
    rows = []
    for year in range(today.year - 3, today.year + 1):
        growth = 1 + (year - today.year + 3) * 0.4
        for directory in Directory.values:
            for country in [*countries, ""]:
                users = int(rng.randint(5, 60) * growth)
                for kind, count in (
                    ("visitor", users),
                    ("view", users * rng.randint(2, 5)),
                    ("download", users // rng.randint(2, 6)),
                ):
                    rows.append(UseCount(directory=directory, kind=kind, year=year,
                                         country=country, count=count))  # fmt: skip
    UseCount.objects.bulk_create(rows)


def load_demo(*, seed: int = 2007) -> str:
    """Demo entries in every directory (once), suggestions waiting for staff, use figures."""
    if DatabaseReport.objects.exists():
        return "Directories: demo data already present."
    rng = random.Random(seed)
    staff = User.objects.filter(role=Role.ADMIN).first()
    if staff is None:
        staff = User.objects.create(username="admin", role=Role.ADMIN, is_staff=True)
    today = timezone.localdate()
    registers = _registers(rng, staff, today)
    databases = _databases(rng, staff, today)
    landscapes = _landscapes(rng, staff, today)
    policies = _policies(rng, staff, today)
    for directory, entry, message, proposed in (
        ("registers", "KE", "The gazette address has moved to a new page (demo suggestion).",
         {"search_tips": "The gazette is now under Publications (demo)."}),
        ("policies", "", "Please add the new IP policy of an example university (demo).",
         {"title": "Demo: intellectual property policy", "year": "2024", "types": "ip"}),
    ):  # fmt: skip
        data = {"directory": directory, "entry": entry, "message": message, "proposed": proposed}
        suggestions.suggestion_submit(user=None, data=data)
    _use(rng, today)
    pending = Suggestion.objects.filter(status="pending").count()
    return (
        f"Directories: {registers} demo register files, {databases} database reports, "
        f"{landscapes} landscape reports, {policies} policies of "
        f"{Institution.objects.count()} institutions, {pending} suggestions, demo use figures."
    )
