"""Regenerate regions.json, countries.json and currencies.json from the shared reference lists.

Not used at run time: the JSON files it writes are committed. Run it from the repository root
when the shared lists are updated, then review the diff:

    .venv/bin/python src/ipdev/reference/data/build/build_reference_data.py [--check]

The rules for development status and regional bureau are written here once; data/README.md
explains them.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = Path(__file__).resolve().parents[5]
DEFAULT_SHARED = REPO_ROOT.parent / "shared"

M49_CSV = "data/iati/reference/un-m49-ldc-datasets-country-codes/2026-05-15/country-codes.csv"
LDC_CSV = "data/iati/reference/openclimatedata-countrygroups/ldc.csv"
GRADUATED_CSV = "data/iati/reference/openclimatedata-countrygroups/graduated-ldcs.csv"
ISO3166_JSON = "data/iati/reference/iso-pycountry-26.2.16/iso3166-1.json"
ISO4217_JSON = "data/iati/reference/iso-pycountry-26.2.16/iso4217.json"

# Language code -> (UNTERM column language, M49 name column suffix).
LANGS = {
    "ar": ("Arabic", "ar"),
    "zh": ("Chinese", "cn"),
    "fr": ("French", "fr"),
    "ru": ("Russian", "ru"),
    "es": ("Spanish", "es"),
}

# Countries that left the LDC category after the M49 file was scraped (2026-05-15) even though
# that file still flags them. São Tomé and Príncipe graduated on 13 December 2024; Bangladesh,
# the Lao People's Democratic Republic and Nepal on 24 November 2026.
GRADUATED_SINCE_M49_FILE = {"ST", "BD", "LA", "NP"}

# The day each country left the LDC list (graduation takes effect), as the UN (CDP, UN-OHRLLS)
# gives it. The years agree with openclimatedata's graduated-ldcs.csv (checked when building);
# the days are not in that file. Botswana's is published as December 1994 with no day: the
# last day of that month stands for it.
LDC_GRADUATIONS = {
    "BW": "1994-12-31",
    "CV": "2007-12-20",
    "MV": "2011-01-01",
    "WS": "2014-01-01",
    "GQ": "2017-06-04",
    "VU": "2020-12-04",
    "BT": "2023-12-13",
    "ST": "2024-12-13",
    "BD": "2026-11-24",
    "LA": "2026-11-24",
    "NP": "2026-11-24",
}

# Economies in transition as the UN World Economic Situation and Prospects classifies them:
# South-Eastern Europe outside the EU, and the CIS countries with Georgia and Ukraine.
TRANSITION = {
    "AL", "AM", "AZ", "BA", "BY", "GE", "KG", "KZ", "MD", "ME",
    "MK", "RS", "RU", "TJ", "TM", "UA", "UZ",
}  # fmt: skip

# UNSD's former "developed regions" (M49 until 2021): Europe, Northern America,
# Australia and New Zealand, plus Japan, Israel and Cyprus.
DEVELOPED_REGIONS = {"150", "021", "053"}
DEVELOPED_IN_ASIA = {"JP", "IL", "CY"}
# UN member states that the IMF counts as advanced economies and that are not in the
# regions above.
IMF_ADVANCED_UN_MEMBERS = {"KR", "SG"}

# The 22 members of the League of Arab States (Palestine included).
ARAB_LEAGUE = {
    "AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY",
    "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE",
}  # fmt: skip

# Asian members of WIPO Group B served by the Department for Transition and Developed
# Countries rather than by the Asia-Pacific bureau (besides the developed ones above).
TDC_IN_ASIA = {"TR"}

# Placeholder for the one ISO entry with no M49 region, government or population.
ANTARCTICA = {"code": "AQ", "status": "developed", "bureau": "tdc"}

NAME_OVERRIDES = {
    # The 2026 M49 scrape has "Ivory Coast" and no UNTERM row; the UN name is Côte d'Ivoire.
    "CI": "Côte d'Ivoire",
    # The 2026 scrape dropped "(Malvinas)", which the UN name and the other languages keep.
    "FK": "Falkland Islands (Malvinas)",
    # Not listed by the UN; ISO 3166 short name.
    "TW": "Taiwan, Province of China",
}
TRANSLATED_NAME_OVERRIDES = {
    # The 2026 scrape has a genitive form here.
    "AX": {"ru": "Аландские острова"},
}
# Named after the ISO entry in every language: the M49 file's names for it differ from the
# English name the ISO list (and the UN) use.
ISO_NAMES_ONLY = {"TW"}
# UN member states whose UNTERM short name the 2026-05-15 M49 scrape lacks.
UN_MEMBERS_WITHOUT_UNTERM = {"CI", "TR"}


def beneficiary(code: str, row: dict[str, str], status: str) -> bool:
    """Can technical assistance go to it? A UN member or observer state that is not developed.

    Leaves out the territories (uninhabited or not): assistance goes to a state, and a
    territory's administering state is the one that asks for it.
    """
    state = bool(row["UNTERM English Short"].strip()) or code in UN_MEMBERS_WITHOUT_UNTERM
    return state and status != "developed"


# Currency names pycountry's catalogues leave in English (ours, after the central banks' usage).
CURRENCY_NAME_OVERRIDES: dict[str, dict[str, str]] = {
    "AWG": {"ar": "فلورن أروبا"},
    "AZN": {"ar": "مانات أذربيجان"},
    "BTN": {"ar": "نغولترم"},
    "CVE": {"ar": "إسكودو الرأس الأخضر"},
    "GHS": {"ar": "سيدي غانا"},
    "GMD": {"ar": "دالاسي"},
    "GNF": {"ar": "الفرنك الغيني"},
    "GTQ": {"ar": "كيتزال"},
    "KES": {"ar": "الشلن الكيني"},
    "KHR": {"ar": "رييل"},
    "KMF": {"ar": "الفرنك القمري"},
    "LAK": {"ar": "كيب لاو"},
    "MGA": {"ar": "أرياري مدغشقر"},
    "MKD": {"ar": "دينار مقدوني"},
    "MRU": {"ar": "أوقية"},
    "MWK": {"ar": "كواشا ملاوي"},
    "MYR": {"ar": "رينغيت ماليزي"},
    "MZN": {"ar": "ميتيكال موزمبيق"},
    "NIO": {"ar": "كوردوبا أورو"},
    "PAB": {"ar": "بالبوا"},
    "SRD": {"ar": "دولار سورينام"},
    "SVC": {"ar": "كولون السلفادور"},
    "SZL": {"ar": "ليلانجيني"},
    "UGX": {"ar": "الشلن الأوغندي"},
    "UZS": {"ar": "سوم أوزبكستان"},
    "VED": {"ar": "بوليفار سوبيرانو"},
    "VES": {"ar": "بوليفار سوبيرانو"},
    "XAF": {"ar": "فرنك الجماعة المالية الأفريقية (BEAC)"},
    "XCG": {
        "ar": "غيلدر الكاريبي",
        "zh": "加勒比盾",
        "fr": "Florin caribéen",
        "ru": "Карибский гульден",
        "es": "Florín caribeño",
    },
    "XOF": {"ar": "فرنك الجماعة المالية الأفريقية (BCEAO)"},
    "XPF": {"ar": "فرنك المستعمرات الفرنسية في المحيط الهادئ"},
    "YER": {"ar": "الريال اليمني"},
    "ZWG": {
        "ar": "ذهب زمبابوي",
        "zh": "津巴布韦金",
        "fr": "Or du Zimbabwe",
        "ru": "Зимбабвийское золото",
        "es": "Oro de Zimbabue",
    },
}

# pycountry's gettext catalogues (Debian iso-codes): the fallback for names UNTERM and M49 lack.
PYCOUNTRY_LANGS = {"ar": "ar", "zh": "zh_CN", "fr": "fr", "ru": "ru", "es": "es"}

# Non-currency ISO 4217 entries: precious metals, bond-market units, testing and "no currency"
# codes, fund and index units, and accounting units of international institutions.
NOT_CURRENCIES = {
    "XAG", "XAU", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XTS", "XXX",
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW",
    "XAD", "XDR", "XSU", "XUA",
}  # fmt: skip

# M49 region names in the other UN languages (the M49 CSV gives them in English only).
REGION_NAMES: dict[str, dict[str, str]] = {
    "001": {"ar": "العالم", "zh": "世界", "fr": "Monde", "ru": "Мир", "es": "Mundo"},
    "002": {"ar": "أفريقيا", "zh": "非洲", "fr": "Afrique", "ru": "Африка", "es": "África"},
    "009": {"ar": "أوقيانوسيا", "zh": "大洋洲", "fr": "Océanie", "ru": "Океания", "es": "Oceanía"},
    "019": {"ar": "الأمريكتان", "zh": "美洲", "fr": "Amériques", "ru": "Америка", "es": "Américas"},
    "142": {"ar": "آسيا", "zh": "亚洲", "fr": "Asie", "ru": "Азия", "es": "Asia"},
    "150": {"ar": "أوروبا", "zh": "欧洲", "fr": "Europe", "ru": "Европа", "es": "Europa"},
    "015": {
        "ar": "شمال أفريقيا",
        "zh": "北非",
        "fr": "Afrique du Nord",
        "ru": "Северная Африка",
        "es": "África septentrional",
    },
    "021": {
        "ar": "أمريكا الشمالية",
        "zh": "北美洲",
        "fr": "Amérique septentrionale",
        "ru": "Северная Америка",
        "es": "América septentrional",
    },
    "030": {
        "ar": "شرق آسيا",
        "zh": "东亚",
        "fr": "Asie de l'Est",
        "ru": "Восточная Азия",
        "es": "Asia oriental",
    },
    "034": {
        "ar": "جنوب آسيا",
        "zh": "南亚",
        "fr": "Asie du Sud",
        "ru": "Южная Азия",
        "es": "Asia meridional",
    },
    "035": {
        "ar": "جنوب شرق آسيا",
        "zh": "东南亚",
        "fr": "Asie du Sud-Est",
        "ru": "Юго-Восточная Азия",
        "es": "Asia sudoriental",
    },
    "039": {
        "ar": "جنوب أوروبا",
        "zh": "南欧",
        "fr": "Europe méridionale",
        "ru": "Южная Европа",
        "es": "Europa meridional",
    },
    "053": {
        "ar": "أستراليا ونيوزيلندا",
        "zh": "澳大利亚和新西兰",
        "fr": "Australie et Nouvelle-Zélande",
        "ru": "Австралия и Новая Зеландия",
        "es": "Australia y Nueva Zelandia",
    },
    "054": {
        "ar": "ميلانيزيا",
        "zh": "美拉尼西亚",
        "fr": "Mélanésie",
        "ru": "Меланезия",
        "es": "Melanesia",
    },
    "057": {
        "ar": "ميكرونيزيا",
        "zh": "密克罗尼西亚",
        "fr": "Micronésie",
        "ru": "Микронезия",
        "es": "Micronesia",
    },
    "061": {
        "ar": "بولينيزيا",
        "zh": "波利尼西亚",
        "fr": "Polynésie",
        "ru": "Полинезия",
        "es": "Polinesia",
    },
    "143": {
        "ar": "آسيا الوسطى",
        "zh": "中亚",
        "fr": "Asie centrale",
        "ru": "Центральная Азия",
        "es": "Asia central",
    },
    "145": {
        "ar": "غرب آسيا",
        "zh": "西亚",
        "fr": "Asie occidentale",
        "ru": "Западная Азия",
        "es": "Asia occidental",
    },
    "151": {
        "ar": "شرق أوروبا",
        "zh": "东欧",
        "fr": "Europe orientale",
        "ru": "Восточная Европа",
        "es": "Europa oriental",
    },
    "154": {
        "ar": "شمال أوروبا",
        "zh": "北欧",
        "fr": "Europe septentrionale",
        "ru": "Северная Европа",
        "es": "Europa septentrional",
    },
    "155": {
        "ar": "غرب أوروبا",
        "zh": "西欧",
        "fr": "Europe occidentale",
        "ru": "Западная Европа",
        "es": "Europa occidental",
    },
    "202": {
        "ar": "أفريقيا جنوب الصحراء الكبرى",
        "zh": "撒哈拉以南非洲",
        "fr": "Afrique subsaharienne",
        "ru": "Африка к югу от Сахары",
        "es": "África subsahariana",
    },
    "419": {
        "ar": "أمريكا اللاتينية ومنطقة البحر الكاريبي",
        "zh": "拉丁美洲和加勒比",
        "fr": "Amérique latine et Caraïbes",
        "ru": "Латинская Америка и Карибский бассейн",
        "es": "América Latina y el Caribe",
    },
    "005": {
        "ar": "أمريكا الجنوبية",
        "zh": "南美洲",
        "fr": "Amérique du Sud",
        "ru": "Южная Америка",
        "es": "América del Sur",
    },
    "011": {
        "ar": "غرب أفريقيا",
        "zh": "西非",
        "fr": "Afrique de l'Ouest",
        "ru": "Западная Африка",
        "es": "África occidental",
    },
    "013": {
        "ar": "أمريكا الوسطى",
        "zh": "中美洲",
        "fr": "Amérique centrale",
        "ru": "Центральная Америка",
        "es": "Centroamérica",
    },
    "014": {
        "ar": "شرق أفريقيا",
        "zh": "东非",
        "fr": "Afrique de l'Est",
        "ru": "Восточная Африка",
        "es": "África oriental",
    },
    "017": {
        "ar": "وسط أفريقيا",
        "zh": "中部非洲",
        "fr": "Afrique centrale",
        "ru": "Центральная Африка",
        "es": "África central",
    },
    "018": {
        "ar": "الجنوب الأفريقي",
        "zh": "南部非洲",
        "fr": "Afrique australe",
        "ru": "Южная часть Африки",
        "es": "África meridional",
    },
    "029": {
        "ar": "منطقة البحر الكاريبي",
        "zh": "加勒比",
        "fr": "Caraïbes",
        "ru": "Карибский бассейн",
        "es": "Caribe",
    },
}


def unterm_short(value: str) -> str:
    """A UNTERM short name without its footnote asterisks and trailing article, e.g. "(the)"."""
    value = re.sub(r"\s*\*+$", "", value.strip())
    return re.sub(r"\s*\((the|l'|le|la|les|el|los|las)\)$", "", value)


def english_name(code: str, row: dict[str, str], iso_name: str) -> str:
    return (
        NAME_OVERRIDES.get(code)
        or unterm_short(row["UNTERM English Short"])
        or row["official_name_en"].strip()
        or iso_name
    )


def iso_translations(domain: str) -> dict[str, Callable[[str], str]]:
    """gettext functions of pycountry's ISO catalogues, per language code of the data files."""
    import gettext

    import pycountry

    return {
        lang: gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale]).gettext
        for lang, locale in PYCOUNTRY_LANGS.items()
    }


def translated_names(
    code: str, row: dict[str, str], iso_name: str, iso: dict[str, Callable[[str], str]]
) -> dict[str, str]:
    """UNTERM short names for UN members and observers, else the M49 names, else pycountry's."""
    if code in ISO_NAMES_ONLY:
        return {lang: gettext(iso_name) for lang, gettext in iso.items()}
    names = {}
    for lang, (unterm, m49_column) in LANGS.items():
        value = unterm_short(row[f"UNTERM {unterm} Short"]) or row[f"official_name_{m49_column}"]
        if value.strip():
            names[lang] = value.strip()
        elif iso[lang](iso_name) != iso_name:
            names[lang] = iso[lang](iso_name)
    return names | TRANSLATED_NAME_OVERRIDES.get(code, {})


def m49(code: str) -> str:
    return code.strip().zfill(3) if code.strip() else ""


def read_m49(shared: Path) -> dict[str, dict[str, str]]:
    with (shared / M49_CSV).open(encoding="utf-8", newline="") as f:
        return {row["ISO3166-1-Alpha-2"]: row for row in csv.DictReader(f)}


def build_regions(rows: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """The M49 tree: World, regions, sub-regions and intermediate regions, parents first."""
    found: dict[str, tuple[int, str, str]] = {"001": (0, "World", "")}
    for row in rows.values():
        region, sub, inter = (
            m49(row["Region Code"]),
            m49(row["Sub-region Code"]),
            m49(row["Intermediate Region Code"]),
        )
        if region:
            found[region] = (1, row["Region Name"], "001")
        if sub:
            found[sub] = (2, row["Sub-region Name"], region)
        if inter:
            found[inter] = (3, row["Intermediate Region Name"], sub)
    ordered = sorted(found.items(), key=lambda item: (item[1][0], item[0]))
    return [
        {"code": code, "name": name, "parent": parent or None, "names": REGION_NAMES.get(code, {})}
        for code, (_, name, parent) in ordered
    ]


def read_ldc_years(shared: Path) -> dict[str, int]:
    with (shared / LDC_CSV).open(encoding="utf-8", newline="") as f:
        return {row["Code"]: int(row["Year-Of-Inclusion"]) for row in csv.DictReader(f)}


def read_graduations(shared: Path) -> dict[str, str]:
    """`LDC_GRADUATIONS` by alpha-2 code, after checking its years against the shared file."""
    with (shared / GRADUATED_CSV).open(encoding="utf-8", newline="") as f:
        years = {row["Code"]: int(row["Graduation"]) for row in csv.DictReader(f)}
    iso = json.loads((shared / ISO3166_JSON).read_text(encoding="utf-8"))["3166-1"]
    alpha2 = {e["alpha_3"]: e["alpha_2"] for e in iso}
    for code3, year in years.items():
        day = LDC_GRADUATIONS.get(alpha2[code3])
        if day is None or int(day[:4]) != year:
            raise ValueError(f"{code3}: graduated in {year}, LDC_GRADUATIONS says {day}")
    return LDC_GRADUATIONS


def current_ldcs(rows: dict[str, dict[str, str]]) -> set[str]:
    flagged = {code for code, row in rows.items() if row["Least Developed Countries (LDC)"].strip()}
    return flagged - GRADUATED_SINCE_M49_FILE


def development_status(code: str, row: dict[str, str], ldcs: set[str]) -> str:
    if code in ldcs:
        return "ldc"
    if code in TRANSITION:
        return "transition"
    if in_developed_region(code, row) or code in IMF_ADVANCED_UN_MEMBERS:
        return "developed"
    return "developing"


def in_developed_region(code: str, row: dict[str, str]) -> bool:
    return (
        m49(row["Region Code"]) in DEVELOPED_REGIONS
        or m49(row["Sub-region Code"]) in DEVELOPED_REGIONS
        or code in DEVELOPED_IN_ASIA
    )


def bureau(code: str, row: dict[str, str]) -> str:
    region, sub = m49(row["Region Code"]), m49(row["Sub-region Code"])
    if code in ARAB_LEAGUE:
        return "arab"
    if code in TRANSITION or code in TDC_IN_ASIA or in_developed_region(code, row):
        return "tdc"
    if region == "002":
        return "africa"
    if sub == "419":
        return "lac"
    if region in {"142", "009"}:
        return "asia_pacific"
    raise ValueError(f"no bureau rule for {code}")


def build_countries(shared: Path, rows: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    iso = json.loads((shared / ISO3166_JSON).read_text(encoding="utf-8"))["3166-1"]
    ldcs = current_ldcs(rows)
    years = read_ldc_years(shared)
    graduations = read_graduations(shared)
    translations = iso_translations("iso3166-1")
    countries = []
    for entry in sorted(iso, key=lambda e: e["alpha_2"]):
        code = entry["alpha_2"]
        row = rows[code]
        record: dict[str, Any] = {
            "code": code,
            "iso3": entry["alpha_3"],
            "numeric": entry["numeric"],
            "name": english_name(code, row, entry["name"]),
            "names": translated_names(code, row, entry["name"], translations),
        }
        if code == ANTARCTICA["code"]:
            record |= {"status": ANTARCTICA["status"], "bureau": ANTARCTICA["bureau"]}
        else:
            record |= {"status": development_status(code, row, ldcs), "bureau": bureau(code, row)}
        region = m49(row["Intermediate Region Code"]) or m49(row["Sub-region Code"])
        record["region"] = region or None
        record["ldc_since"] = years[entry["alpha_3"]] if code in ldcs else None
        record["ldc_graduated"] = graduations.get(code)
        record["beneficiary"] = beneficiary(code, row, record["status"])
        countries.append(record)
    return countries


def build_currencies(shared: Path) -> list[dict[str, Any]]:
    iso = json.loads((shared / ISO4217_JSON).read_text(encoding="utf-8"))["4217"]
    translations = iso_translations("iso4217")
    return [
        {
            "code": c["alpha_3"],
            "name": c["name"],
            "names": {lang: gettext(c["name"]) for lang, gettext in translations.items()}
            | CURRENCY_NAME_OVERRIDES.get(c["alpha_3"], {}),
        }
        for c in sorted(iso, key=lambda c: c["alpha_3"])
        if c["alpha_3"] not in NOT_CURRENCIES
    ]


def dump(data: list[dict[str, Any]]) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--check", action="store_true", help="fail if a file would change")
    args = parser.parse_args(argv)
    rows = read_m49(args.shared)
    outputs = {
        "regions.json": build_regions(rows),
        "countries.json": build_countries(args.shared, rows),
        "currencies.json": build_currencies(args.shared),
    }
    stale = []
    for name, data in outputs.items():
        path = DATA_DIR / name
        text = dump(data)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        sys.stderr.write(f"out of date: {', '.join(stale)}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
