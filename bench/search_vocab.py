"""Word lists and country table for the synthetic search documents of bench/search.py.

Countries: ISO alpha-2 | name | UN M49 region | sub-region | intermediate region | group, derived
from the UN M49 table (independent states only). Words: the language of IP development activity
summaries; HEAD is ordered by how common a word is, the rest fill the Zipf tail.
"""

COUNTRIES = """\
AF|Afghanistan|142|34||ldc
AL|Albania|150|39||transition
DZ|Algeria|2|15||developing
AD|Andorra|150|39||developed
AO|Angola|2|202|17|ldc
AG|Antigua and Barbuda|19|419|29|developing
AR|Argentina|19|419|5|developing
AM|Armenia|142|145||transition
AU|Australia|9|53||developed
AT|Austria|150|155||developed
AZ|Azerbaijan|142|145||transition
BS|Bahamas|19|419|29|developing
BH|Bahrain|142|145||developing
BD|Bangladesh|142|34||ldc
BB|Barbados|19|419|29|developing
BY|Belarus|150|151||transition
BE|Belgium|150|155||developed
BZ|Belize|19|419|13|developing
BJ|Benin|2|202|11|ldc
BT|Bhutan|142|34||ldc
BO|Bolivia|19|419|5|developing
BA|Bosnia|150|39||transition
BW|Botswana|2|202|18|developing
BR|Brazil|19|419|5|developing
BN|Brunei|142|35||developing
BG|Bulgaria|150|151||transition
BF|Burkina Faso|2|202|11|ldc
BI|Burundi|2|202|14|ldc
CV|Cape Verde|2|202|11|developing
KH|Cambodia|142|35||ldc
CM|Cameroon|2|202|17|developing
CA|Canada|19|21||developed
CF|Central African Republic|2|202|17|ldc
TD|Chad|2|202|17|ldc
CL|Chile|19|419|5|developing
CN|China|142|30||developing
CO|Colombia|19|419|5|developing
KM|Comoros|2|202|14|ldc
CG|Congo - Brazzaville|2|202|17|developing
CR|Costa Rica|19|419|13|developing
HR|Croatia|150|39||developed
CU|Cuba|19|419|29|developing
CY|Cyprus|142|145||developed
CZ|Czechia|150|151||transition
CI|Côte d'Ivoire|2|202|11|developing
KP|North Korea|142|30||developing
CD|Congo - Kinshasa|2|202|17|ldc
DK|Denmark|150|154||developed
DJ|Djibouti|2|202|14|ldc
DM|Dominica|19|419|29|developing
DO|Dominican Republic|19|419|29|developing
EC|Ecuador|19|419|5|developing
EG|Egypt|2|15||developing
SV|El Salvador|19|419|13|developing
GQ|Equatorial Guinea|2|202|17|developing
ER|Eritrea|2|202|14|ldc
EE|Estonia|150|154||developed
SZ|Eswatini|2|202|18|developing
ET|Ethiopia|2|202|14|ldc
FJ|Fiji|9|54||developing
FI|Finland|150|154||developed
FR|France|150|155||developed
GA|Gabon|2|202|17|developing
GM|Gambia|2|202|11|ldc
GE|Georgia|142|145||transition
DE|Germany|150|155||developed
GH|Ghana|2|202|11|developing
GR|Greece|150|39||developed
GD|Grenada|19|419|29|developing
GT|Guatemala|19|419|13|developing
GN|Guinea|2|202|11|ldc
GW|Guinea-Bissau|2|202|11|ldc
GY|Guyana|19|419|5|developing
HT|Haiti|19|419|29|ldc
VA|Vatican City|150|39||developed
HN|Honduras|19|419|13|developing
HU|Hungary|150|151||transition
IS|Iceland|150|154||developed
IN|India|142|34||developing
ID|Indonesia|142|35||developing
IR|Iran|142|34||developing
IQ|Iraq|142|145||developing
IE|Ireland|150|154||developed
IL|Israel|142|145||developed
IT|Italy|150|39||developed
JM|Jamaica|19|419|29|developing
JP|Japan|142|30||developed
JO|Jordan|142|145||developing
KZ|Kazakhstan|142|143||transition
KE|Kenya|2|202|14|developing
KI|Kiribati|9|57||ldc
KW|Kuwait|142|145||developing
KG|Kyrgyzstan|142|143||transition
LA|Laos|142|35||ldc
LV|Latvia|150|154||developed
LB|Lebanon|142|145||developing
LS|Lesotho|2|202|18|ldc
LR|Liberia|2|202|11|ldc
LY|Libya|2|15||developing
LI|Liechtenstein|150|155||developed
LT|Lithuania|150|154||developed
LU|Luxembourg|150|155||developed
MG|Madagascar|2|202|14|ldc
MW|Malawi|2|202|14|ldc
MY|Malaysia|142|35||developing
MV|Maldives|142|34||developing
ML|Mali|2|202|11|ldc
MT|Malta|150|39||developed
MH|Marshall Islands|9|57||developing
MR|Mauritania|2|202|11|ldc
MU|Mauritius|2|202|14|developing
MX|Mexico|19|419|13|developing
FM|Micronesia|9|57||developing
MC|Monaco|150|155||developed
MN|Mongolia|142|30||developing
ME|Montenegro|150|39||transition
MA|Morocco|2|15||developing
MZ|Mozambique|2|202|14|ldc
MM|Myanmar|142|35||ldc
NA|Namibia|2|202|18|developing
NR|Nauru|9|57||developing
NP|Nepal|142|34||ldc
NL|Netherlands|150|155||developed
NZ|New Zealand|9|53||developed
NI|Nicaragua|19|419|13|developing
NE|Niger|2|202|11|ldc
NG|Nigeria|2|202|11|developing
NO|Norway|150|154||developed
OM|Oman|142|145||developing
PK|Pakistan|142|34||developing
PW|Palau|9|57||developing
PA|Panama|19|419|13|developing
PG|Papua New Guinea|9|54||developing
PY|Paraguay|19|419|5|developing
PE|Peru|19|419|5|developing
PH|Philippines|142|35||developing
PL|Poland|150|151||transition
PT|Portugal|150|39||developed
QA|Qatar|142|145||developing
KR|South Korea|142|30||developing
MD|Moldova|150|151||transition
RO|Romania|150|151||transition
RU|Russia|150|151||transition
RW|Rwanda|2|202|14|ldc
KN|St. Kitts and Nevis|19|419|29|developing
LC|St. Lucia|19|419|29|developing
VC|St. Vincent and Grenadines|19|419|29|developing
WS|Samoa|9|61||developing
SM|San Marino|150|39||developed
ST|São Tomé and Príncipe|2|202|17|ldc
SA|Saudi Arabia|142|145||developing
SN|Senegal|2|202|11|ldc
RS|Serbia|150|39||transition
SC|Seychelles|2|202|14|developing
SL|Sierra Leone|2|202|11|ldc
SG|Singapore|142|35||developing
SK|Slovakia|150|151||transition
SI|Slovenia|150|39||developed
SB|Solomon Islands|9|54||ldc
SO|Somalia|2|202|14|ldc
ZA|South Africa|2|202|18|developing
SS|South Sudan|2|202|14|ldc
ES|Spain|150|39||developed
LK|Sri Lanka|142|34||developing
SD|Sudan|2|15||ldc
SR|Suriname|19|419|5|developing
SE|Sweden|150|154||developed
CH|Switzerland|150|155||developed
SY|Syria|142|145||developing
TJ|Tajikistan|142|143||transition
TH|Thailand|142|35||developing
MK|North Macedonia|150|39||transition
TL|Timor-Leste|142|35||ldc
TG|Togo|2|202|11|ldc
TO|Tonga|9|61||developing
TT|Trinidad and Tobago|19|419|29|developing
TN|Tunisia|2|15||developing
TR|Turkey|142|145||developing
TM|Turkmenistan|142|143||transition
TV|Tuvalu|9|61||ldc
UG|Uganda|2|202|14|ldc
UA|Ukraine|150|151||transition
AE|United Arab Emirates|142|145||developing
GB|UK|150|154||developed
TZ|Tanzania|2|202|14|ldc
US|US|19|21||developed
UY|Uruguay|19|419|5|developing
UZ|Uzbekistan|142|143||transition
VU|Vanuatu|9|54||ldc
VE|Venezuela|19|419|5|developing
VN|Vietnam|142|35||developing
YE|Yemen|142|145||ldc
ZM|Zambia|2|202|14|ldc
ZW|Zimbabwe|2|202|14|developing
"""
# Ordered roughly by how often they occur in real activity summaries: the head of the Zipf curve.
HEAD = """
intellectual property national development workshop office training policy innovation patent
copyright protection capacity building regional strategy management technology trademark law
system institutions support programme cooperation framework rights industrial information
enterprises knowledge examination registration participants officials experts assistance
awareness use public research universities transfer legislation enforcement design designs
geographical indications traditional cultural expressions genetic resources collective
management organizations creative industries small medium sized economic growth international
treaties services access data automation digital platform seminar conference mission advisory
study visit meeting roundtable course online distance learning academy fellowship judges
customs police prosecutors brand branding marketing commercialization licensing valuation
audit assessment plan implementation review needs analysis evaluation report guidelines
manual toolkit database search examiners quality procedures formalities filing applications
grants productivity competitiveness exports trade agreement accession ratification
"""

NOUNS = """
academy access account accreditation act action activity actor adaptation administration
adoption advice advocacy agency agenda agreement agriculture aid alliance allocation
amendment analysis animation anniversary application approach arbitration architecture archive
area art article artist assessment asset assistance association attorney audience audit author
authority award balance bank barrier baseline benchmark beneficiary biodiversity biotechnology
blockchain board body book brand broadcaster broadcasting budget bureau business campaign
capacity capital career case catalogue center centre certificate certification chamber
challenge champion chapter charter chemistry circle citizen claim classification client
cluster coalition code collaboration collection college commerce commission committee
commodity community company comparison compensation competition compliance component
composer concept conclusion condition conference conflict consensus conservation consortium
consultant consultation consumer content context contract contribution convention cooperative
coordination copyright corporation cost council counterfeiting country course court craft
creation creativity crop culture curriculum customer cycle dance dashboard database deadline
debate decision declaration degree delegation delivery demand demonstration department
deposit design designer destination developer development device dialogue diaspora
dictionary diffusion digitization diploma director disclosure discussion dispute
dissemination distribution diversity division document documentation domain donor draft
drug ecosystem economy edition education effect efficiency effort electronics employment
endorsement energy engagement engineer engineering enterprise entrepreneur entrepreneurship
environment equipment equity evaluation event evidence exchange exhibition expansion
expertise export exposition extension facility faculty fair farmer fashion feasibility
federation fee festival film finance firm fishery folklore food forum foundation franchise
fund funding gallery gap gastronomy gender generation genre goal governance government grant
graduate group growth guide guideline handicraft harmonization health heritage hub identity
illustrator impact implementation import incentive incubator index indicator industry
infringement infrastructure initiative innovator input inspection institute institution
instrument insurance integration interface internship interoperability invention inventor
investment investor issue journal journalist judge judiciary jurisdiction jurisprudence
justice knowledge lab laboratory label language launch lawyer leadership learning lecture
legislation legislator lesson level library licence licensee licensor lifecycle literature
litigation livelihood loan logo machine magazine maintenance manufacturer manufacturing map
mark market marketplace material measure mechanism media mediation medicine member
membership memorandum mentor mentoring method methodology milestone minister ministry mission
model module monitoring movement museum music musician nation negotiation network newsletter
norm notice novelty objective obligation observatory office officer operation opportunity
opposition organization origin outcome outreach output owner ownership panel paper
participant partner partnership patent patentability pathway performance performer permit
pharmaceutical phase photographer pilot plan planning plant platform player poetry police
policy portal portfolio potential practice practitioner presentation president prevention
price principle priority prize procedure process producer product production profession
professional professor profile program programme project promotion proposal prosecution
protection protocol prototype provider provision publication publisher purchase
qualification quality questionnaire radio rate ratification reader record recording
reference reform region register registrar registration registry regulation regulator
relation relationship remedy renewal report repository representative reproduction
requirement research researcher reserve resolution resource response result retrieval
revenue review right risk roadmap role royalty rule sale satisfaction scheme scholar
scholarship school science scientist scope screening sculpture sector security seed seminar
sensitization series service session settlement sharing signature situation skill society
software solution source specialist specification sponsor sport stakeholder standard start
startup statement statistics status strategy strength structure student studio study
subsidy success summit supplier supply support survey sustainability symposium synergy
system target tariff teacher team technician technique technology telecommunication
television territory test textbook textile theatre theme thesis tool tourism trade
trademark tradition trainer training transfer transformation translation transparency
treaty trend tribunal trust tutor understanding union unit university usage user utility
validation valuation value variety vendor venture verification video vision visit volume
volunteer voucher website week welfare wine woman workforce workshop writer year youth
"""

ADJECTIVES = """
academic accessible accurate active additional administrative advanced affordable agricultural
annual applied appropriate artistic audiovisual automated available basic bilateral broad
central certified civil clear clean collective commercial common community competent
competitive complementary comprehensive conceptual concrete confidential consistent
constructive contemporary continuous contractual core creative critical cross-border
cultural current customary dedicated democratic detailed digital direct distinct domestic
dynamic early ecological economic educational effective efficient electronic emerging
environmental equitable essential ethical european executive existing experimental external
fair federal female financial flexible focused foreign formal free full functional global
graphic green harmonized high historical holistic human illegal inclusive independent
indigenous individual industrial informal innovative institutional integrated intensive
interactive interdisciplinary interim internal international judicial key large legal
legislative literary local long low main major manual maritime medical medium mobile modern
multilateral municipal mutual national native new normative novel numerous official online
open operational optimal oral original other overall parliamentary partial participatory
particular patentable pharmaceutical physical pilot polytechnic popular practical preliminary
primary private proactive procedural productive professional progressive proper provincial
public qualitative quantitative rapid real recent regional regulatory related relevant
remote renewable representative research rural safe scientific secondary sectoral secure
senior short significant small social specialized specific stable strategic strong
structured substantive successful sufficient sustainable systematic tailored technical
technological territorial textual thematic traditional transparent tripartite
underrepresented unified uniform universal urban useful valuable various virtual visual
vocational vulnerable wide young
"""

VERBS = """
accelerate access achieve adapt address adopt advance advise align analyse apply approve
assess assist attract automate build coordinate collaborate collect combine commercialize
communicate compare complete conduct consolidate consult contribute convene cooperate create
customize define deliver demonstrate deploy design develop digitize discuss disseminate draft
educate empower enable encourage engage enhance ensure establish evaluate examine exchange
expand explore facilitate file finalize foster generate grant guide harmonize help host
identify implement improve increase inform integrate introduce invest launch lead leverage
license maintain manage map mentor modernize monitor mobilize negotiate organize participate
plan prepare present promote protect provide publish raise ratify record reduce register
reinforce replicate report represent research review revise safeguard scale select share
showcase simplify stimulate streamline strengthen structure submit support sustain teach test
train transfer translate update upgrade validate visit
"""

OTHER = """
sme smes msme msmes cmos tisc tiscs ipo ipos pct madrid hague lisbon budapest marrakesh
beijing singapore nairobi geneva wipo wto trips unesco unctad undp oapi aripo gcc asean
mercosur caricom comesa ecowas sadc apec eapo epo euipo ompi covid pandemic agritech fintech
biotech ai artificial intelligence machine learning big data cloud cybersecurity
e-commerce ecommerce greentech climate cleantech blue economy ocean coffee cocoa tea rice
cotton spices textiles handicrafts crafts weaving pottery jewellery music film publishing
broadcasting software videogames games animation fashion design tourism gastronomy wine
cheese honey olive oil medicinal plants herbal remedies seeds breeders farmers fisheries
"""
