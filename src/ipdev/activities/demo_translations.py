# ruff: noqa: RUF001 (Chinese punctuation and Cyrillic letters are meant)
"""The demo activities' titles and summaries in the five other UN languages.

The demo writes its English titles and summaries from parts (a delivery mode, a topic, an
audience, a country); each part is translated here, and each language puts them together in its
own order, so every demo activity carries its translations as a real one would (the portal shows
them and search finds them in any of the six languages). Our own translations.
"""

from __future__ import annotations

# (fr, es, ru, ar, zh) for each English part.
MODES = {
    "Training course on": ("Cours de formation sur", "Curso de formación sobre",
                           "Учебный курс по теме", "دورة تدريبية بشأن", "培训班"),
    "Workshop on": ("Atelier sur", "Taller sobre", "Практикум по теме", "حلقة عمل بشأن",
                    "讲习班"),
    "Seminar on": ("Séminaire sur", "Seminario sobre", "Семинар по теме", "ندوة بشأن", "研讨会"),
    "Conference on": ("Conférence sur", "Conferencia sobre", "Конференция по теме",
                      "مؤتمر بشأن", "会议"),
    "Study visit on": ("Voyage d'étude sur", "Visita de estudio sobre",
                       "Ознакомительная поездка по теме", "زيارة دراسية بشأن", "考察访问"),
    "Fellowship in": ("Bourse d'études sur", "Beca sobre", "Стажировка по теме",
                      "منحة دراسية في", "研修金项目"),
    "Expert advisory mission on": ("Mission consultative d'experts sur",
                                   "Misión de asesoramiento de expertos sobre",
                                   "Консультативная миссия экспертов по теме",
                                   "بعثة خبراء استشارية بشأن", "专家咨询团"),
    "Distance learning course on": ("Cours d'enseignement à distance sur",
                                    "Curso de enseñanza a distancia sobre",
                                    "Дистанционный курс по теме", "دورة تعلّم عن بُعد بشأن",
                                    "远程学习课程"),
    "Activity on": ("Activité sur", "Actividad sobre", "Мероприятие по теме", "نشاط بشأن",
                    "活动"),
}  # fmt: skip
TOPICS = {
    "patent drafting": ("la rédaction des brevets", "la redacción de patentes",
                        "составление патентных заявок", "صياغة البراءات", "专利撰写"),
    "patent examination": ("l'examen des brevets", "el examen de patentes",
                           "патентная экспертиза", "فحص البراءات", "专利审查"),
    "patent search strategies": ("les stratégies de recherche en matière de brevets",
                                 "las estrategias de búsqueda de patentes",
                                 "стратегии патентного поиска", "استراتيجيات البحث عن البراءات",
                                 "专利检索策略"),
    "utility models": ("les modèles d'utilité", "los modelos de utilidad", "полезные модели",
                       "نماذج المنفعة", "实用新型"),
    "trademark examination": ("l'examen des marques", "el examen de marcas",
                              "экспертиза товарных знаков", "فحص العلامات التجارية", "商标审查"),
    "the Madrid System": ("le système de Madrid", "el Sistema de Madrid", "Мадридская система",
                          "نظام مدريد", "马德里体系"),
    "collective and certification marks": ("les marques collectives et de certification",
                                           "las marcas colectivas y de certificación",
                                           "коллективные и сертификационные знаки",
                                           "العلامات الجماعية وعلامات التصديق",
                                           "集体商标和证明商标"),
    "industrial design protection": ("la protection des dessins et modèles industriels",
                                     "la protección de los diseños industriales",
                                     "охрана промышленных образцов",
                                     "حماية التصاميم الصناعية", "工业品外观设计保护"),
    "the Hague System": ("le système de La Haye", "el Sistema de La Haya", "Гаагская система",
                         "نظام لاهاي", "海牙体系"),
    "geographical indications for origin products": (
        "les indications géographiques pour les produits d'origine",
        "las indicaciones geográficas para productos de origen",
        "географические указания для продуктов происхождения",
        "المؤشرات الجغرافية لمنتجات المنشأ", "原产地产品的地理标志"),
    "GI registration": ("l'enregistrement des indications géographiques",
                        "el registro de indicaciones geográficas",
                        "регистрация географических указаний", "تسجيل المؤشرات الجغرافية",
                        "地理标志注册"),
    "copyright and related rights": ("le droit d'auteur et les droits connexes",
                                     "el derecho de autor y los derechos conexos",
                                     "авторское право и смежные права",
                                     "حق المؤلف والحقوق المجاورة", "版权及相关权"),
    "collective management of copyright": ("la gestion collective du droit d'auteur",
                                           "la gestión colectiva del derecho de autor",
                                           "коллективное управление авторским правом",
                                           "الإدارة الجماعية لحق المؤلف", "版权集体管理"),
    "copyright in the digital environment": ("le droit d'auteur dans l'environnement numérique",
                                             "el derecho de autor en el entorno digital",
                                             "авторское право в цифровой среде",
                                             "حق المؤلف في البيئة الرقمية", "数字环境中的版权"),
    "the protection of traditional knowledge": ("la protection des savoirs traditionnels",
                                                "la protección de los conocimientos tradicionales",
                                                "охрана традиционных знаний",
                                                "حماية المعارف التقليدية", "传统知识保护"),
    "traditional cultural expressions": ("les expressions culturelles traditionnelles",
                                         "las expresiones culturales tradicionales",
                                         "традиционные выражения культуры",
                                         "أشكال التعبير الثقافي التقليدي", "传统文化表现形式"),
    "genetic resources and disclosure": ("les ressources génétiques et leur divulgation",
                                         "los recursos genéticos y su divulgación",
                                         "генетические ресурсы и раскрытие информации",
                                         "الموارد الوراثية والكشف عنها", "遗传资源及其披露"),
    "building respect for IP": ("le renforcement du respect de la propriété intellectuelle",
                                "la promoción del respeto por la propiedad intelectual",
                                "укрепление уважения ИС", "إذكاء الاحترام للملكية الفكرية",
                                "树立尊重知识产权"),
    "border measures against counterfeiting": ("les mesures à la frontière contre la contrefaçon",
                                               "las medidas en frontera contra la falsificación",
                                               "пограничные меры против контрафакции",
                                               "التدابير الحدودية لمكافحة التقليد",
                                               "打击假冒的边境措施"),
    "mediation of IP disputes": ("la médiation des litiges de propriété intellectuelle",
                                 "la mediación en controversias de propiedad intelectual",
                                 "посредничество в спорах в области ИС",
                                 "الوساطة في منازعات الملكية الفكرية", "知识产权纠纷调解"),
    "alternative dispute resolution": ("le règlement extrajudiciaire des litiges",
                                       "la solución extrajudicial de controversias",
                                       "альтернативное урегулирование споров",
                                       "الطرق البديلة لتسوية المنازعات", "替代性争议解决"),
    "IP management in universities": ("la gestion de la propriété intellectuelle dans les "
                                      "universités",
                                      "la gestión de la propiedad intelectual en las universidades",
                                      "управление ИС в университетах",
                                      "إدارة الملكية الفكرية في الجامعات", "大学知识产权管理"),
    "technology licensing": ("la concession de licences de technologie",
                             "la concesión de licencias de tecnología",
                             "лицензирование технологий", "ترخيص التكنولوجيا", "技术许可"),
    "IP valuation": ("l'évaluation de la propriété intellectuelle",
                     "la valoración de la propiedad intelectual", "оценка ИС",
                     "تقييم الملكية الفكرية", "知识产权估值"),
    "IP for small and medium-sized enterprises": (
        "la propriété intellectuelle pour les petites et moyennes entreprises",
        "la propiedad intelectual para las pequeñas y medianas empresas",
        "ИС для малых и средних предприятий",
        "الملكية الفكرية للشركات الصغيرة والمتوسطة", "中小企业的知识产权"),
    "branding for SMEs": ("l'image de marque des PME", "la creación de marca para las pymes",
                          "брендинг для МСП", "بناء العلامات التجارية للشركات الصغيرة والمتوسطة",
                          "中小企业品牌建设"),
    "technology transfer offices": ("les bureaux de transfert de technologie",
                                    "las oficinas de transferencia de tecnología",
                                    "офисы по передаче технологий", "مكاتب نقل التكنولوجيا",
                                    "技术转移办公室"),
    "innovation support": ("l'appui à l'innovation", "el apoyo a la innovación",
                           "поддержка инноваций", "دعم الابتكار", "创新支持"),
    "technology and innovation support centers": (
        "les centres d'appui à la technologie et à l'innovation",
        "los centros de apoyo a la tecnología y la innovación",
        "центры поддержки технологий и инноваций", "مراكز دعم التكنولوجيا والابتكار",
        "技术与创新支持中心"),
}  # fmt: skip
AUDIENCES = {  # Russian in the genitive (after для)
    "IP office examiners": ("les examinateurs des offices de propriété intellectuelle",
                            "los examinadores de oficinas de propiedad intelectual",
                            "экспертов ведомств ИС", "فاحصي مكاتب الملكية الفكرية",
                            "知识产权局审查员"),
    "judges and prosecutors": ("les juges et les procureurs", "los jueces y fiscales",
                               "судей и прокуроров", "القضاة والمدعين العامين", "法官和检察官"),
    "university researchers": ("les chercheurs universitaires", "los investigadores universitarios",
                               "университетских исследователей", "الباحثين الجامعيين",
                               "大学研究人员"),
    "SME associations": ("les associations de PME", "las asociaciones de pymes",
                         "ассоциаций МСП", "جمعيات الشركات الصغيرة والمتوسطة", "中小企业协会"),
    "policy makers": ("les décideurs", "los responsables de políticas", "директивных органов",
                      "واضعي السياسات", "政策制定者"),
    "customs officers": ("les agents des douanes", "los funcionarios de aduanas",
                         "сотрудников таможни", "موظفي الجمارك", "海关官员"),
    "creative industries": ("les industries de la création", "las industrias creativas",
                            "творческих индустрий", "الصناعات الإبداعية", "创意产业"),
    "patent attorneys": ("les conseils en brevets", "los agentes de patentes",
                         "патентных поверенных", "وكلاء البراءات", "专利代理人"),
    "TISC staff": ("le personnel des CATI", "el personal de los CATI", "сотрудников ЦПТИ",
                   "موظفي مراكز دعم التكنولوجيا والابتكار", "技术与创新支持中心工作人员"),
}  # fmt: skip
# Each English summary (demo.SUMMARIES, same order) in (fr, es, ru, ar, zh).
SUMMARIES = [
    ("Réunit {audience} pour renforcer les capacités nationales dans le domaine de {topic}.",
     "Reúne a {audience} para fortalecer la capacidad nacional en {topic}.",
     "Объединяет {audience} для укрепления национального потенциала; тема: {topic}.",
     "يجمع {audience} لتعزيز القدرات الوطنية في مجال {topic}.",
     "召集{audience}，加强{topic}方面的国家能力。"),
    ("Aide {country} à mettre {topic} au service de ses priorités de développement.",
     "Ayuda a {country} a aplicar {topic} a sus prioridades de desarrollo.",
     "Помогает стране ({country}) применять знания в своих приоритетах развития; тема: {topic}.",
     "يدعم {country} في تطبيق {topic} على أولوياته الإنمائية.",
     "支持{country}将{topic}应用于其发展优先事项。"),
    ("Une activité répondant à la demande des autorités nationales sur {topic}, pour {audience}.",
     "Una actividad solicitada por las autoridades nacionales sobre {topic} para {audience}.",
     "Мероприятие по запросу национальных органов для {audience}; тема: {topic}.",
     "نشاط قائم على الطلب طلبته السلطات الوطنية بشأن {topic} لفائدة {audience}.",
     "应国家主管部门请求、面向{audience}开展的{topic}活动。"),
    ("Partage avec {audience} l'expérience pratique de {topic}, y compris par des échanges "
     "Sud-Sud.",
     "Comparte con {audience} la experiencia práctica en {topic}, incluido el intercambio Sur-Sur.",
     "Делится с участниками из числа {audience} практическим опытом, включая обмен Юг-Юг; "
     "тема: {topic}.",
     "يتبادل مع {audience} الخبرة العملية في {topic}، بما في ذلك التبادل بين بلدان الجنوب.",
     "与{audience}分享{topic}的实践经验，包括南南交流。"),
]  # fmt: skip
THE_REGION = ("la région", "la región", "регион", "المنطقة", "该区域")
LANGUAGES = ("fr", "es", "ru", "ar", "zh")


def _title(language: str, mode: str, topic: str, audience: str, country: str) -> str:
    where = f" ({country})" if country else ""
    if language == "zh":
        return f"面向{audience}的{topic}{mode}" + (f"（{country}）" if country else "")
    if language == "ru":
        return f"{mode}: {topic}, для {audience}{where}"
    if language == "ar":
        return f"{mode} {topic} لفائدة {audience}{where}"
    link = "pour" if language == "fr" else "para"
    return f"{mode} {topic} {link} {audience}{where}"


def translations(
    *, mode: str, topic: str, audience: str, summary: int, countries: list
) -> dict[str, dict[str, str]]:
    """The title and summary of a demo activity in fr, es, ru, ar and zh; `mode`, `topic` and
    `audience` are the English parts, `summary` the index of its SUMMARIES template,
    `countries` the reference Country rows (a single one is named in the title)."""
    out = {}
    for i, language in enumerate(LANGUAGES):
        one = countries[0] if len(countries) == 1 else None
        name = (one.names.get(language) or one.name) if one is not None else ""
        parts = MODES[mode][i], TOPICS[topic][i], AUDIENCES[audience][i]
        out[language] = {
            "title": _title(language, *parts, name),
            "summary": SUMMARIES[summary][i].format(
                mode=parts[0], topic=parts[1], audience=parts[2], country=name or THE_REGION[i]
            ),
        }
    return out
