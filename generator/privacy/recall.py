"""Detectors for what deduce and the number patterns miss (issue 16, 'wider recall').

- a first name alone after a family or role word: "haar zoon Gökhan", "buurvrouw Abena";
- first names from the communities in the programme's neighbourhoods, wherever they stand
  capitalised (Turkish, Moroccan, Surinamese, Ghanaian, Eritrean, Antillean, Polish): deduce's
  lists are Dutch, and a name such as Özlem or Efua alone identifies someone in a small circle;
- social-media handles: "@fatima_1987", "op Instagram als fatima.amrani", instagram.com/...;
- court and case numbers in the formats of the Dutch registers (ECLI, C/13/712345, HA ZA 22-123,
  AWB 22/1234, 13/654321-21, 200.123.456/01), and every further number in the sentence of a
  case number ("dossiers 2023-04512 en 2023-04513");
- singling out without a name: "de enige Eritrese vrouw in haar portiek", "de enige
  vrachtwagenchauffeur bij bakkerij Van Dam" (a warning: it depends on what the reader knows).

Every pattern is linear in the text (tests/test_bounded.py runs them on hostile input).
"""

from __future__ import annotations

import re

UPPER = "A-ZÀ-ÖØ-ÞĆČĐĞİŁŃŚŞŠŻŽ"
LOWER = "a-zß-öø-ÿćčđğıłńśşšżžąęő"

# ---------------------------------------------------------------- names


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FAMILY_AND_ROLE = (
    "zoon|zoontje|dochter|dochtertje|kind|kindje|baby|man|vrouw|echtgenoot|echtgenote|partner|vriend|vriendin|"
    "moeder|vader|mama|papa|broer|broertje|zus|zusje|zuster|oma|opa|tante|oom|neef|nicht|kleinzoon|kleindochter|"
    "schoonmoeder|schoonvader|schoonzoon|schoondochter|schoonzus|zwager|stiefvader|stiefmoeder|stiefzoon|"
    "stiefdochter|buurman|buurvrouw|buurjongen|buurmeisje|overbuurman|overbuurvrouw|collega|huisgenoot|"
    "vrijwilliger|vrijwilligster|cliënt|client|bewoner|bewoonster|deelnemer|deelneemster|huurder|"
    "klantmanager|vertrouwenspersoon|buurtwerker|wijkcoach|mentor|maatje|coördinator|coordinator")
KIN_NAME = re.compile(
    rf"(?<![\w-])(?i:{FAMILY_AND_ROLE})\s+(?P<naam>[{UPPER}][{LOWER}'’]+(?:-[{UPPER}][{LOWER}'’]+)?)(?![\w-])")
"""A capitalised word straight after a family or role word: in Dutch that is a name ("haar zoon Gökhan")."""

# Capitalised after a role word without being a name: nationalities and languages ("de buurvrouw Turks
# sprekend"), and the words that start a new clause.
NOT_A_NAME = _words("""
    turks turkse marokkaans marokkaanse surinaams surinaamse ghanees ghanese eritrees eritrese antilliaans
    antilliaanse pools poolse nederlands nederlandse arabisch arabische berbers engels engelse duits duitse
    frans franse spaans spaanse amsterdams amsterdamse
""")

COMMUNITY_FIRST_NAMES = _words("""
    gökhan özlem ömer kübra ayşe ayse fatma emine hatice zeynep elif büşra busra merve hüseyin huseyin mehmet
    ahmet murat emre burak serkan hakan oğuz oguz çağla cagla şükrü sukru gülşen gulsen songül songul tülay
    tulay ebru derya sevgi gül gul yıldız yildiz ümit umit özgür ozgur gönül gonul nurcan sibel ilknur
    fatima fatiha khadija khadidja aïcha aicha aïsha aisha naima naïma malika samira latifa zineb houda
    hafsa ikram imane zakaria anouar nordin driss mohamed mohammed mustapha abdelkader abdellah khalid
    hamza soufiane youssef rachid karim hakim jamal redouan najib hanane loubna siham
    radjesh sunita shanti anand priya soekardi sartini tukiyem wagiman rishi dewi sandhya mahesh
    abena efua afua akua adjoa akosua kwame kofi kwaku kwabena kwasi kojo kwadwo adwoa ekua araba
    yaw afia esi ewurabena
    tesfay tesfaye yonas yohannes senait semhar mehari meron tsega filmon haben mebrahtu kidane
    aregawi tekle berhane ghebre ghirmay kibrom
    shurandy jurensley ruthsela ashanty giovanny rignald sherwin sheryl quirine jandino
    agnieszka małgorzata malgorzata katarzyna łukasz lukasz paweł pawel krzysztof piotr tomasz
    wojciech grzegorz jakub dorota zofia magdalena bożena bozena jadwiga stanisław stanislaw
""")
"""First names from the communities of the programme's neighbourhoods that deduce does not know.
None is a Dutch word; a pseudonym from this list is allowed once the item declares it."""

NAME_WORD = re.compile(rf"(?<![\w-])[{UPPER}][{LOWER}'’]+(?![\w-])")

# ---------------------------------------------------------------- handles

PLATFORMS = "instagram|insta|tiktok|facebook|twitter|snapchat|linkedin|youtube|telegram"
# Not the at-rules of CSS ("@import", "@media"): those are code, and the injection corpus holds them.
HANDLE_AT = re.compile(r"(?<![\w.+@-])@(?!(?:import|media|font-face|keyframes|charset|supports|namespace|page|layer)"
                       r"\b)[A-Za-z0-9_](?:[A-Za-z0-9_]|\.(?=[A-Za-z0-9_]))*+(?<=\w\w)")
HANDLE_AFTER_PLATFORM = re.compile(
    rf"(?<![\w-])(?i:{PLATFORMS})(?![A-Za-z])(?:-?(?i:account|pagina|profiel|naam))?"
    r"(?:\s*+:\s*+|\s++(?:(?i:als|is|was|heet|onder(?: de naam)?|via)\s++)?)"
    r"(?P<handle>(?=[A-Za-z]*+[_.\d])(?=[\d_.]*+[A-Za-z])(?=[\w.]{3})"
    r"[A-Za-z0-9_](?:[A-Za-z0-9_]|\.(?=[A-Za-z0-9_]))*+)(?![\w@])")
HANDLE_URL = re.compile(
    rf"(?<![\w.-])(?:https?://)?(?:www\.)?(?i:{PLATFORMS}|x)\.com/@?[A-Za-z0-9_.]++")

# ---------------------------------------------------------------- court and case numbers

COURTS = "AMS|AWB|UTR|HAA|ROT|SGR|BRE|ZWO|ARN|LEE|ALK|GRO|MAA|ZUT|ROE|HTO|OVE|GEL|NNE|OBR|LIM|MNE|DHA"
COURT_NUMBER = re.compile(
    r"(?<![\w/.-])(?:"
    r"ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}"
    r"|[A-Z]/\d{2}/\d{4,7}(?:\s*/\s*[A-Z]{2}\s+[A-Z]{2,4}\s+\d{2}-\d{1,6})?"
    r"|(?:\d{6,8}\s+)?(?:HA|KG|CV|FA|FT|JE|BR|UV)\s+(?:ZA|RK|EXPL|RQ|KG|ZA)\s+\d{2}[-.]\d{1,6}"
    rf"|(?:{COURTS})\s?\d{{2}}/\d{{3,6}}"
    r"|\d{2}/\d{6}-\d{2}"
    r"|200\.\d{3}\.\d{3}(?:/\d{2})?"
    r")(?![\w/-])")
# Further numbers in the sentence of a case number: with a separator, or of six digits or more.
FURTHER_NUMBER = re.compile(
    r"(?<![\w/.-])(?!(?:19|20)\d\d(?:-(?:19|20)?\d\d)?(?![\w/-]))"
    r"(?:[A-Z0-9]++(?:[/-][A-Z0-9]++)+|\d{6,})(?![\w/-])")
SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n")

# ---------------------------------------------------------------- singling out

PLACE_OR_EMPLOYER = (
    "portiek|flat|galerij|trappenhuis|straat|buurt|wijk|blok|complex|school|klas|bedrijf|bakkerij|winkel|"
    "fabriek|supermarkt|kapsalon|garage|kantoor|afdeling|moskee|kerk|tempel|vereniging|club|dorp|"
    "werkplaats|zaak|restaurant|hotel|ziekenhuis|opvang|huis|gebouw")
SINGLED_OUT = re.compile(
    rf"(?<![\w-])(?i:de|het|als|een)\s+(?P<enige>(?i:enige))\s+(?:[\w'’-]++\s++){{0,4}}?(?i:in|bij|van|op|aan|uit)"
    rf"\s+(?:[\w'’-]++\s++){{0,2}}?(?:[{UPPER}][\w'’-]+|(?i:[\w-]*(?:{PLACE_OR_EMPLOYER})))(?![\w-])")
"""'de enige Eritrese vrouw in haar portiek', 'de enige vrachtwagenchauffeur bij bakkerij Van Dam'."""
NOT_SINGLING_OUT = re.compile(r"(?i:enige)\s+(?:tijd|manier|keer|reden|optie|oplossing|mogelijkheid|plek|"
                              r"plaats|organisatie|instantie|regeling|voorziening|vorm|weg|kans|vraag)\b")


def community_names(text: str) -> list[tuple[int, int]]:
    """Capitalised words that are community first names, wherever they stand."""
    return [(m.start(), m.end()) for m in NAME_WORD.finditer(text) if _fold(m.group()) in COMMUNITY_FIRST_NAMES]


def kin_names(text: str) -> list[tuple[int, int]]:
    """The name after a family or role word; the caller checks it against the allowed words."""
    return [(m.start("naam"), m.end("naam")) for m in KIN_NAME.finditer(text)
            if _fold(m.group("naam")) not in NOT_A_NAME]


def handles(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in HANDLE_AT.finditer(text)]
    spans += [(m.start("handle"), m.end("handle")) for m in HANDLE_AFTER_PLATFORM.finditer(text)]
    spans += [(m.start(), m.end()) for m in HANDLE_URL.finditer(text)]
    return spans


def court_numbers(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in COURT_NUMBER.finditer(text)]


def further_numbers(text: str, after: int) -> list[tuple[int, int]]:
    """Numbers that follow a case number in the same sentence: 'zaken 2023-04512 en 2023-04513'."""
    end = SENTENCE_END.search(text, after)
    stop = end.start() if end else len(text)
    return [(m.start(), m.end()) for m in FURTHER_NUMBER.finditer(text, after, stop)]


def singled_out(text: str) -> list[tuple[int, int]]:
    return [(m.start("enige"), m.end()) for m in SINGLED_OUT.finditer(text)
            if not NOT_SINGLING_OUT.match(text, m.start("enige"))]


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'")
