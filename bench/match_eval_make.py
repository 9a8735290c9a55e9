"""Build the labelled evaluation set of WIPO Match (bench/data/match_eval.json).

    python bench/match_eval_make.py

The set is written from a catalogue of topics, each with needs and offers phrased in different
words (a seeker writes about "examiners who struggle with pharmaceutical claims", a provider
about "training in patent examination"). The judgment of each pair is made here, from the
catalogue, and never from the ranker, in grades:

- 2 (strong): the offer addresses the need's topic (the hidden `topic` label), the need may
  receive it (country or country group, language) and they share a type of support;
- 1 (partial): the same, but the offer gives another type of support than the need asks for
  (a need for a financed partnership still benefits from technical help on the same ground);
- 0: anything else (another topic, or a country or language the offer is not open to).

The first 70 needs and 42 offers are English (`TOPICS`, drawn as before with seed 2026). Then
`MULTILINGUAL` adds 18 needs and 19 offers written in Arabic, Chinese, French, Russian and
Spanish, some offers given in two languages (`translations`), drawn with their own seed so the
English part is unchanged; a need delivered in a language is written in it. Tagging is made
imperfect on purpose, as seekers' is: a third of the needs name no IP area and one in six names
a neighbouring area instead of the right one.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "match_eval.json"

# topic -> (true areas, neighbouring area, needs [(title, text)], offers [(title, text)])
TOPICS = {
    "patent-exam": (
        ["patents"],
        "ip-information",
        [
            (
                "Examiners for pharmaceutical claims",
                "Our young examiners struggle with claims on "
                "pharmaceutical compounds and need practical training in examination and search.",
            ),
            (
                "Faster patent examination",
                "The backlog of patent applications grows; the office "
                "wants to improve examination quality and speed.",
            ),
            (
                "Search and examination skills",
                "Staff of the industrial property office need "
                "coaching on prior art search and substantive examination.",
            ),
            (
                "Patent examination manual",
                "We need help to write an examination manual and train examiners to apply it.",
            ),
            (
                "Utility model examination",
                "Local inventors file utility models that nobody examines properly; examiners "
                "need guidance.",
            ),
        ],
        [
            (
                "Patent examiner training",
                "Senior examiners deliver training in substantive "
                "examination and prior art search, including pharmaceutical inventions.",
            ),
            (
                "Examination quality programme",
                "Mentoring for patent offices on examination "
                "guidelines, manuals and quality control to reduce backlogs.",
            ),
            (
                "Work-sharing for examiners",
                "Access to search and examination results and "
                "examiner exchanges for offices with small patent divisions.",
            ),
        ],
    ),
    "trademark-exam": (
        ["trademarks"],
        "branding",
        [
            (
                "Trademark examination practice",
                "Our trademark examiners need guidance on "
                "distinctiveness, likelihood of confusion and opposition procedures.",
            ),
            (
                "Madrid System accession",
                "The government is preparing to join the Madrid System and "
                "the office needs to adapt its trademark procedures.",
            ),
            (
                "Trademark registry backlog",
                "Applications for marks wait two years; the registry "
                "needs better examination workflows.",
            ),
            (
                "Collective and certification marks",
                "Producer groups want collective marks and the "
                "office has no examination practice for them.",
            ),
            (
                "Opposition procedure for marks",
                "Businesses complain that opposition to trademark registrations takes years.",
            ),
        ],
        [
            (
                "Trademark examiners' course",
                "A course on absolute and relative grounds, confusion "
                "and opposition for trademark examiners.",
            ),
            (
                "Madrid System readiness",
                "Advice on legislation and office procedures for countries "
                "joining the Madrid System for the international registration of marks.",
            ),
            (
                "Marks for producer groups",
                "Help to set up collective and certification mark "
                "regulations and their examination.",
            ),
        ],
    ),
    "gi": (
        ["geographical-indications"],
        "branding",
        [
            (
                "Protecting our coffee origin",
                "Coffee growers in the highlands want the name of "
                "their region protected as a geographical indication.",
            ),
            (
                "GI law and registry",
                "We need a law and a registry for geographical indications "
                "of agricultural products.",
            ),
            (
                "Honey and cheese of origin",
                "Producer associations of honey and cheese ask how to "
                "register and control origin names.",
            ),
            (
                "Origin products for export",
                "Exporters of handicrafts want origin labels recognised abroad.",
            ),
            (
                "Tea from our valleys",
                "Tea estates want their valley name reserved for tea grown there.",
            ),
        ],
        [
            (
                "GI registration exchange",
                "Experts who built geographical indication registries for "
                "coffee and cheese share the procedure and control plans.",
            ),
            (
                "Origin-linked products",
                "Support to producer associations for specifications and "
                "registration of geographical indications and origin labels.",
            ),
            (
                "GI legal advice",
                "Drafting assistance for sui generis geographical indication laws and registries.",
            ),
        ],
    ),
    "copyright-cmo": (
        ["copyright"],
        "outreach",
        [
            (
                "Royalties for our musicians",
                "Musicians are not paid when their songs are played on "
                "radio; we need a collective management organisation.",
            ),
            (
                "Collective management rules",
                "The new society of authors needs distribution rules and licensing tariffs.",
            ),
            (
                "Copyright office capacity",
                "The copyright office wants to register works and supervise collective societies.",
            ),
            (
                "Licensing for broadcasters",
                "Broadcasters and rights holders need a licensing scheme that works.",
            ),
            (
                "Authors paid for photocopies",
                "Publishers and writers want a reprography licensing scheme for copies made in "
                "universities.",
            ),
        ],
        [
            (
                "Collective management mentoring",
                "Mentoring and software for collective "
                "management organisations: licensing, tariffs and distribution to authors and "
                "musicians.",
            ),
            (
                "Copyright administration",
                "Training for copyright offices on registration of works "
                "and supervision of collective societies.",
            ),
            (
                "Broadcast licensing toolkit",
                "Model licences and tariffs for broadcasters and "
                "collective management of music rights.",
            ),
        ],
    ),
    "tech-transfer": (
        ["innovation-tech-transfer", "ip-management"],
        "patents",
        [
            (
                "University technology transfer office",
                "Two public universities want a shared office to license their research results.",
            ),
            (
                "IP policy for research institutes",
                "Research institutes need an institutional IP policy and people to manage it.",
            ),
            (
                "Commercialising research",
                "Our researchers patent little and license nothing; we "
                "need support to commercialise inventions.",
            ),
            (
                "Licensing negotiations",
                "University staff ask for training in negotiating "
                "licence agreements with companies.",
            ),
            (
                "Spin-off companies",
                "Researchers want to create spin-off companies from their inventions and need IP "
                "management support.",
            ),
        ],
        [
            (
                "Technology transfer partnership",
                "A partnership funding technology transfer offices "
                "and licensing staff at universities.",
            ),
            (
                "Institutional IP policies",
                "Templates and coaching for university and research institute IP policies.",
            ),
            (
                "Licensing skills programme",
                "Training in technology licensing, valuation and "
                "negotiation for research institutions.",
            ),
        ],
    ),
    "office-automation": (
        ["ip-office-automation"],
        "global-ip-systems",
        [
            (
                "Electronic filing",
                "The office still works on paper and wants online filing for patents and marks.",
            ),
            (
                "Digitising old files",
                "Decades of paper files must be scanned and linked to a database.",
            ),
            (
                "IP office software",
                "We need an administration system for our industrial property registry.",
            ),
            ("Online publication of registers", "The public should search our registers online."),
            (
                "Modern registry database",
                "The trademark and patent registry database is obsolete and must be replaced.",
            ),
        ],
        [
            (
                "IP office automation package",
                "Software, digitisation and training for the "
                "automation of IP office registries and electronic filing.",
            ),
            (
                "Registry digitisation",
                "Scanning and data capture of paper files and their "
                "migration into an office database.",
            ),
            (
                "Online register services",
                "Hosting of searchable online registers and publication of IP office data.",
            ),
        ],
    ),
    "enforcement": (
        ["enforcement"],
        "judiciary",
        [
            (
                "Counterfeit goods at the border",
                "Customs officers cannot tell fake goods from real ones and need training.",
            ),
            (
                "Respect for IP campaign",
                "We want to raise awareness of piracy and counterfeiting among young people.",
            ),
            (
                "Police and prosecutors",
                "Police and prosecutors need to learn how to handle counterfeiting cases.",
            ),
            (
                "Destroying seized fakes",
                "We seize counterfeit goods but have no safe way to dispose of them.",
            ),
            (
                "Fake medicines",
                "Counterfeit medicines are sold in markets; inspectors and customs need help to "
                "stop them.",
            ),
        ],
        [
            (
                "Border measures training",
                "Training for customs on border measures against counterfeit and pirated goods.",
            ),
            (
                "Building respect for IP",
                "Awareness campaigns on piracy and counterfeiting for the public and schools.",
            ),
            (
                "Enforcement officials' workshop",
                "Workshops for police, prosecutors and customs on "
                "IP enforcement and the environmentally safe disposal of fakes.",
            ),
        ],
    ),
    "judiciary": (
        ["judiciary"],
        "enforcement",
        [
            (
                "Judges and IP disputes",
                "Our commercial court judges rarely see patent and "
                "trademark cases and want training.",
            ),
            (
                "Specialised IP court",
                "The ministry of justice studies an IP chamber in the high court.",
            ),
            ("Judicial bench book", "Judges need a bench book on IP law."),
            ("Case management for IP", "The courts need better case management for IP litigation."),
            (
                "Training magistrates in IP",
                "Magistrates ask for seminars on intellectual property cases and remedies.",
            ),
        ],
        [
            (
                "Judicial training on IP",
                "Colloquia for judges on patent, trademark and copyright disputes.",
            ),
            (
                "IP courts advisory",
                "Advice on specialised IP courts and chambers and their case management.",
            ),
            ("Bench books for judges", "Support to write IP bench books for the judiciary."),
        ],
    ),
    "smes": (
        ["smes", "branding"],
        "trademarks",
        [
            (
                "IP for small enterprises",
                "Small businesses do not know how to protect their brands and designs.",
            ),
            ("Brands for cooperatives", "Women's cooperatives want a brand for their textiles."),
            (
                "IP diagnostics for SMEs",
                "Chambers of commerce want to offer IP audits to small firms.",
            ),
            (
                "Start-ups and IP",
                "Young tech start-ups need advice on protecting their innovations.",
            ),
            (
                "Designs of craft businesses",
                "Craft businesses see their designs copied and want to protect their brand and "
                "products.",
            ),
        ],
        [
            (
                "Branding for small exporters",
                "Workshops on trademarks and branding for small enterprises and cooperatives.",
            ),
            (
                "IP diagnostics toolkit",
                "Training for business support organisations to carry out "
                "IP audits of small and medium-sized enterprises.",
            ),
            (
                "Start-up IP clinic",
                "Advice to start-ups and young firms on protecting and using their IP.",
            ),
        ],
    ),
    "strategy": (
        ["ip-policy-strategy"],
        "economics-statistics",
        [
            (
                "National IP strategy",
                "The government is drafting a national IP strategy and needs "
                "expert advice and a validation workshop.",
            ),
            ("Innovation policy", "We want IP to be part of our national innovation policy."),
            (
                "IP and development plan",
                "The planning ministry wants an IP plan linked to development goals.",
            ),
            (
                "Assessing the IP system",
                "We need an assessment of our IP system before writing a policy.",
            ),
            (
                "Policy on IP and innovation",
                "Parliament asked for a policy document on IP and innovation for the economy.",
            ),
        ],
        [
            (
                "IP strategy advisory",
                "Experts help governments design and validate national IP strategies and policies.",
            ),
            (
                "IP system assessment",
                "Assessment of national IP systems as a basis for policy and strategy.",
            ),
            (
                "Innovation and IP policy",
                "Advice on linking IP policy to innovation and development plans.",
            ),
        ],
    ),
    "tk": (
        ["gr-tk-tce"],
        "copyright",
        [
            (
                "Protecting traditional knowledge",
                "Indigenous communities want their traditional knowledge documented and protected.",
            ),
            (
                "Traditional cultural expressions",
                "Our dances and designs are copied abroad; we want protection.",
            ),
            (
                "Genetic resources and patents",
                "We want disclosure of origin of genetic resources in patent applications.",
            ),
            ("Community databases", "Communities ask for help to document their knowledge safely."),
            (
                "Medicinal plants knowledge",
                "Healers fear their knowledge of medicinal plants will be patented by others.",
            ),
        ],
        [
            (
                "Traditional knowledge documentation",
                "A toolkit and training for communities to "
                "document and protect traditional knowledge.",
            ),
            (
                "Cultural expressions protection",
                "Legal advice on protecting traditional cultural expressions, designs and dances.",
            ),
            (
                "Genetic resources disclosure",
                "Advice on disclosure requirements for genetic "
                "resources and associated knowledge in patents.",
            ),
        ],
    ),
    "adr": (
        ["adr"],
        "judiciary",
        [
            (
                "Mediation of IP disputes",
                "Companies want a faster way than courts to settle licensing disputes.",
            ),
            ("Domain name disputes", "Our country code domain needs a dispute resolution policy."),
            (
                "Arbitration centre",
                "The chamber of commerce wants an arbitration service for technology contracts.",
            ),
            ("Training mediators", "Lawyers want to become IP mediators."),
            (
                "Settling licence disputes",
                "Partners in technology licences want mediation instead of litigation.",
            ),
        ],
        [
            (
                "IP mediation services",
                "Mediation and arbitration of IP and technology disputes, "
                "with training for mediators.",
            ),
            (
                "Domain name dispute policy",
                "Advice for country code top-level domains on dispute resolution policies.",
            ),
            (
                "ADR centre set-up",
                "Support to set up alternative dispute resolution centres for "
                "technology contracts.",
            ),
        ],
    ),
    "tisc": (
        ["ip-information"],
        "patents",
        [
            (
                "Patent information for researchers",
                "Researchers cannot find patent documents and need access and training.",
            ),
            (
                "Technology and innovation support centres",
                "Universities want support centres that help inventors search patent databases.",
            ),
            ("Patent landscapes", "The ministry wants a patent landscape of solar energy."),
            (
                "Access to scientific journals",
                "Libraries need access to scientific and technical journals.",
            ),
            (
                "Inventor support centre",
                "Inventors need a centre that helps them search patent information before filing.",
            ),
        ],
        [
            (
                "TISC network support",
                "Setting up technology and innovation support centres with "
                "training in patent database search.",
            ),
            (
                "Patent landscape reports",
                "Preparation of patent landscape reports on chosen technologies.",
            ),
            (
                "Access to research programmes",
                "Free access to scientific journals and patent databases for institutions.",
            ),
        ],
    ),
    "education": (
        ["ip-education"],
        "outreach",
        [
            ("IP in university curricula", "Law and engineering faculties want IP courses."),
            ("IP academy", "We want a national IP academy to train professionals."),
            ("Teaching IP in schools", "The education ministry wants IP in secondary schools."),
            ("Distance learning in IP", "Staff cannot travel; they need online IP courses."),
            (
                "Online IP training for staff",
                "Office staff need distance learning courses on IP basics and advanced topics.",
            ),
        ],
        [
            (
                "IP academy start-up",
                "Support to create national IP academies and training "
                "programmes for professionals.",
            ),
            ("Distance learning courses", "Online IP courses in several languages with tutors."),
            (
                "IP teaching for universities",
                "Curricula and teacher training on IP for universities and schools.",
            ),
        ],
    ),
}
# topic -> (needs [(language, title, text)],
#           offers [(language, title, text[, other language, its title, its text])])
MULTILINGUAL = {
    "patent-exam": (
        [
            (
                "fr",
                "Formation des examinateurs de brevets",
                "Nos examinateurs de brevets manquent d'expérience dans la recherche "
                "d'antériorités et l'examen quant au fond des demandes.",
            ),
            (
                "zh",
                "专利审查员培训",
                "我局的专利审查员需要关于现有技术检索和实质审查的实用培训。",
            ),
        ],
        [
            (
                "ru",
                "Обучение патентных экспертов",
                "Опытные эксперты проводят обучение поиску по уровню техники и экспертизе "
                "патентных заявок по существу.",
            ),
            (
                "zh",
                "专利审查培训课程",
                "资深审查员提供现有技术检索和专利实质审查培训。",
            ),
            (
                "en",
                "Examination coaching",
                "Coaching of patent examiners in substantive examination and prior art search.",
                "fr",
                "Accompagnement des examinateurs",
                "Encadrement des examinateurs de brevets pour l'examen quant au fond et la "
                "recherche d'antériorités.",
            ),
        ],
    ),
    "trademark-exam": (
        [
            (
                "es",
                "Examen de marcas",
                "Los examinadores de marcas necesitan orientación sobre el carácter distintivo "
                "y el riesgo de confusión.",
            ),
            (
                "ar",
                "فحص العلامات التجارية",
                "يحتاج فاحصو العلامات التجارية إلى تدريب على تقييم الطابع المميز واحتمال اللبس "
                "وإجراءات الاعتراض.",
            ),
        ],
        [
            (
                "ar",
                "دورة لفاحصي العلامات التجارية",
                "دورة تدريبية حول الطابع المميز واللبس والاعتراض لفاحصي العلامات التجارية.",
            ),
            (
                "es",
                "Curso para examinadores de marcas",
                "Formación sobre motivos absolutos y relativos, riesgo de confusión y oposición "
                "para examinadores de marcas.",
            ),
        ],
    ),
    "gi": (
        [
            (
                "fr",
                "Indication géographique pour notre café",
                "Les producteurs de café veulent protéger le nom de leur région comme "
                "indication géographique.",
            ),
            (
                "es",
                "Origen protegido para nuestro queso",
                "Los productores de queso piden ayuda para registrar una indicación geográfica.",
            ),
        ],
        [
            (
                "fr",
                "Enregistrement des indications géographiques",
                "Appui aux associations de producteurs pour le cahier des charges et "
                "l'enregistrement des indications géographiques.",
            ),
            (
                "es",
                "Indicaciones geográficas para productores",
                "Asesoramiento a asociaciones de productores sobre el registro y el control de "
                "indicaciones geográficas.",
            ),
        ],
    ),
    "copyright-cmo": (
        [
            (
                "ru",
                "Коллективное управление авторскими правами",
                "Музыканты не получают вознаграждение за исполнение их песен; нужна организация "
                "коллективного управления правами.",
            ),
            (
                "ar",
                "إدارة جماعية لحق المؤلف",
                "لا يحصل الموسيقيون على إتاوات عند بث أغانيهم، ونحتاج إلى منظمة للإدارة الجماعية.",
            ),
        ],
        [
            (
                "ru",
                "Наставничество для организаций коллективного управления",
                "Программное обеспечение и обучение для организаций коллективного управления: "
                "лицензирование, тарифы и распределение вознаграждения музыкантам.",
            ),
            (
                "en",
                "Royalty distribution software",
                "Software and training for collective management organisations to distribute "
                "royalties to musicians.",
                "ar",
                "برمجيات توزيع الإتاوات",
                "برمجيات وتدريب لمنظمات الإدارة الجماعية لتوزيع الإتاوات على الموسيقيين.",
            ),
        ],
    ),
    "tech-transfer": (
        [
            (
                "zh",
                "大学技术转移办公室",
                "两所公立大学希望建立共同的技术转移办公室，许可其研究成果。",
            ),
            (
                "es",
                "Transferencia de tecnología universitaria",
                "Las universidades necesitan apoyo para licenciar los resultados de sus "
                "investigaciones.",
            ),
        ],
        [
            (
                "zh",
                "技术许可培训",
                "为研究机构提供技术许可、估值和谈判培训，支持大学技术转移。",
            ),
            (
                "es",
                "Oficinas de transferencia de tecnología",
                "Apoyo para crear oficinas de transferencia de tecnología en universidades y "
                "formar personal de licencias.",
            ),
        ],
    ),
    "enforcement": (
        [
            (
                "ar",
                "مكافحة السلع المقلدة على الحدود",
                "لا يستطيع موظفو الجمارك التمييز بين السلع المقلدة والأصلية ويحتاجون إلى تدريب.",
            ),
            (
                "ru",
                "Контрафактные товары на границе",
                "Таможенникам нужно обучение, чтобы выявлять контрафактные товары.",
            ),
        ],
        [
            (
                "ar",
                "تدريب الجمارك على التدابير الحدودية",
                "تدريب موظفي الجمارك على التدابير الحدودية لمكافحة السلع المقلدة والمقرصنة.",
            ),
            (
                "ru",
                "Обучение таможенников",
                "Обучение сотрудников таможни пограничным мерам против контрафактных и "
                "пиратских товаров.",
            ),
        ],
    ),
    "tk": (
        [
            (
                "es",
                "Conocimientos tradicionales de comunidades indígenas",
                "Las comunidades indígenas quieren documentar y proteger sus conocimientos "
                "tradicionales.",
            ),
            ("zh", "保护传统知识", "土著社区希望记录和保护其传统知识。"),
        ],
        [
            (
                "es",
                "Documentación de conocimientos tradicionales",
                "Herramientas y formación para que las comunidades documenten y protejan sus "
                "conocimientos tradicionales.",
            ),
            (
                "en",
                "Community knowledge registers",
                "Help for communities to document their traditional knowledge safely.",
                "zh",
                "社区传统知识登记",
                "帮助社区安全地记录其传统知识。",
            ),
        ],
    ),
    "office-automation": (
        [
            (
                "ru",
                "Электронная подача заявок",
                "Ведомство работает с бумажными документами и хочет ввести электронную подачу "
                "заявок на патенты и товарные знаки.",
            ),
            (
                "fr",
                "Dépôt électronique",
                "L'office travaille encore sur papier et souhaite le dépôt électronique des "
                "demandes de brevets et de marques.",
            ),
        ],
        [
            (
                "fr",
                "Automatisation des offices de PI",
                "Logiciels, numérisation et formation pour l'automatisation des registres et le "
                "dépôt électronique.",
            ),
            (
                "ru",
                "Автоматизация ведомств ИС",
                "Программное обеспечение и оцифровка для автоматизации реестров и электронной "
                "подачи заявок.",
            ),
        ],
    ),
    "education": (
        [
            (
                "ar",
                "التعليم عن بعد في مجال الملكية الفكرية",
                "لا يستطيع الموظفون السفر ويحتاجون إلى دورات تعليم عن بعد في الملكية الفكرية.",
            ),
            ("zh", "知识产权远程教育", "我们的工作人员无法出差，需要知识产权在线课程。"),
        ],
        [
            (
                "ar",
                "دورات التعليم عن بعد",
                "دورات إلكترونية في الملكية الفكرية بعدة لغات مع مدرسين.",
            ),
            ("zh", "知识产权在线课程", "多语种知识产权远程教育课程，配有辅导老师。"),
        ],
    ),
}

COUNTRIES = [
    ("KE", "developing"),
    ("PE", "developing"),
    ("SN", "ldc"),
    ("BD", "ldc"),
    ("VN", "developing"),
    ("UZ", "transition"),
    ("GH", "developing"),
    ("NP", "ldc"),
    ("CO", "developing"),
    ("KH", "ldc"),
    ("MA", "developing"),
    ("GE", "transition"),
]
GROUPS = [[], [], ["ldc"], ["developing", "ldc"], ["developing", "ldc", "transition"]]
OFFER_SUPPORT = [["technical"], ["technical", "financial"], ["technical", "financial", "ppp"]]
NEED_SUPPORT = [["technical"], ["technical"], ["technical", "financial"], ["financial"], ["ppp"]]
OFFER_LANGS = [[], [], ["en", "fr", "es"], ["en"], ["es", "pt"]]
NEED_LANGS = [["en"], ["fr"], ["es"], ["en", "fr"]]


def eligible(need: dict, offer: dict) -> bool:
    """The published eligibility rules of WIPO Match (country or group, language), written out
    independently here."""
    restricted = offer["eligible_countries"] or offer["eligible_groups"]
    if (
        restricted
        and need["country"] not in offer["eligible_countries"]
        and (need["country_status"] not in offer["eligible_groups"])
    ):
        return False
    return not (need["languages"] and offer["languages"]) or bool(
        set(need["languages"]) & set(offer["languages"])
    )


def grade(need: dict, offer: dict) -> int:
    """2: same topic, eligible, a shared type of support; 1: the same with another type; 0."""
    if offer["topic"] != need["topic"] or not eligible(need, offer):
        return 0
    return 2 if set(need["support_types"]) & set(offer["support_types"]) else 1


def add_multilingual(needs: list, offers: list, rng: random.Random) -> None:
    """The needs and offers written in other languages (`MULTILINGUAL`), after the English."""
    for topic, (need_texts, offer_texts) in MULTILINGUAL.items():
        areas, neighbour = TOPICS[topic][0], TOPICS[topic][1]
        for language, title, text, *more in offer_texts:
            offers.append(
                {
                    "id": len(offers) + 1,
                    "topic": topic,
                    "title": title,
                    "text": text,
                    "text_language": language,
                    "translations": {more[0]: {"title": more[1], "text": more[2]}} if more else {},
                    "ip_areas": areas[:1] if rng.random() < 0.5 else areas,
                    "support_types": rng.choice(OFFER_SUPPORT),
                    "languages": rng.choice([*OFFER_LANGS, [language], [language, "en"]]),
                    "eligible_countries": [],
                    "eligible_groups": rng.choice(GROUPS),
                }
            )
        for language, title, text in need_texts:
            code, status = rng.choice(COUNTRIES)
            roll = rng.random()
            tagged = [] if roll < 1 / 3 else [neighbour] if roll < 0.5 else areas[:1]
            needs.append(
                {
                    "id": len(needs) + 1,
                    "topic": topic,
                    "title": title,
                    "text": text,
                    "text_language": language,
                    "translations": {},
                    "ip_areas": tagged,
                    "support_types": rng.choice(NEED_SUPPORT),
                    "languages": [language],
                    "country": code,
                    "country_status": status,
                }
            )


def build(seed: int = 2026) -> dict:
    rng = random.Random(seed)
    needs, offers = [], []
    for topic, (areas, neighbour, need_texts, offer_texts) in TOPICS.items():
        for title, text in offer_texts:
            offers.append(
                {
                    "id": len(offers) + 1,
                    "topic": topic,
                    "title": title,
                    "text": text,
                    "ip_areas": areas[:1] if rng.random() < 0.5 else areas,
                    "support_types": rng.choice(OFFER_SUPPORT),
                    "languages": rng.choice(OFFER_LANGS),
                    "eligible_countries": [],
                    "eligible_groups": rng.choice(GROUPS),
                }
            )
        for title, text in need_texts:
            code, status = rng.choice(COUNTRIES)
            roll = rng.random()
            tagged = [] if roll < 1 / 3 else [neighbour] if roll < 0.5 else areas[:1]
            needs.append(
                {
                    "id": len(needs) + 1,
                    "topic": topic,
                    "title": title,
                    "text": text,
                    "ip_areas": tagged,
                    "support_types": rng.choice(NEED_SUPPORT),
                    "languages": rng.choice(NEED_LANGS),
                    "country": code,
                    "country_status": status,
                }
            )
    add_multilingual(needs, offers, random.Random(seed + 1))
    for need in needs:
        grades = {o["id"]: grade(need, o) for o in offers}
        need["judgements"] = {str(k): g for k, g in grades.items() if g}
        need["relevant"] = [k for k, g in grades.items() if g]
    judged = [n for n in needs if n["relevant"]]
    return {
        "about": "WIPO Match evaluation set: graded judgments (2 strong, 1 partial: another type "
        "of support) by topic and eligibility, see bench/match_eval_make.py",
        "needs": needs,
        "offers": offers,
        "judged_needs": len(judged),
    }


if __name__ == "__main__":
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        f"{len(data['needs'])} needs ({data['judged_needs']} with a relevant offer), "
        f"{len(data['offers'])} offers -> {OUT}"
    )
