"""The content model: one declarative schema per content type.

This module is the single source of truth. Validation (validate.py), the field
reference in the redactiegids and the editors' JSON Schema files are all derived
from the definitions below; nothing else lists fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal[
    "tekst",  # one line of plain text
    "markdown",  # longer text, Markdown allowed
    "tekstlijst",  # list of one-line texts (Markdown inline allowed)
    "term",  # one term id from a vocabulary
    "termen",  # list of term ids from a vocabulary
    "verwijzing",  # one item id
    "verwijzingen",  # list of item ids
    "datum",  # ISO date, YYYY-MM-DD
    "maand",  # ISO date or month, YYYY-MM-DD or YYYY-MM
    "periode",  # a year (2025) or a season with a year (voorjaar 2025)
    "keuze",  # one of a fixed set of words
    "janee",  # true / false
    "getal",  # whole number
    "object",  # a block with its own fields
    "objectlijst",  # a list of such blocks
]

SEIZOENEN = ("voorjaar", "zomer", "najaar", "winter")


@dataclass(frozen=True)
class Field:
    """One field of a content type."""

    name: str
    kind: Kind
    label: str
    uitleg: str
    verplicht: bool = False
    vocabulaire: str | None = None
    doel: tuple[str, ...] = ()
    keuzes: tuple[str, ...] = ()
    velden: tuple[Field, ...] = ()
    openbaar: bool = True
    """False for fields that never reach the public site (internal bookkeeping)."""
    min_items: int = 0


@dataclass(frozen=True)
class ContentType:
    """A kind of item: where its files live, how its ids look, which fields it has."""

    naam: str
    meervoud: str
    map: str
    prefix: str
    uitleg: str
    velden: tuple[Field, ...] = field(default_factory=tuple)
    titelveld: str = "titel"

    @property
    def id_patroon(self) -> str:
        return rf"^{self.prefix}\d{{2,4}}$"

    def veld(self, name: str) -> Field | None:
        return next((f for f in self.velden if f.name == name), None)


def _f(name: str, kind: Kind, label: str, uitleg: str, **kw: object) -> Field:
    return Field(name, kind, label, uitleg, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- shared fields

ID = _f("id", "tekst", "Id", "Korte vaste code, bijvoorbeeld C07. Verandert nooit.", verplicht=True)
STATUS = _f(
    "status",
    "keuze",
    "Status",
    "concept: alleen zichtbaar in de voorvertoning. gepubliceerd: komt op de openbare site.",
    verplicht=True,
    keuzes=("concept", "gepubliceerd"),
)
TITEL = _f("titel", "tekst", "Titel", "Korte titel zonder namen van personen.", verplicht=True)
SAMENVATTING = _f(
    "samenvatting", "markdown", "Samenvatting", "Twee of drie zinnen: waar gaat het over?", verplicht=True
)
BESPREEKVRAGEN = _f(
    "bespreekvragen", "tekstlijst", "Bespreekvragen", "Vragen om het gesprek in de groep te openen."
)
VERWIJZINGEN = _f(
    "verwijzingen",
    "verwijzingen",
    "Verwijzingen",
    "Ids van andere items waar dit item naar verwijst, bijvoorbeeld S03 of V05.",
    doel=("casus", "stelling", "verslag", "onderzoek", "les"),
)
THEMAS = _f(
    "themas", "termen", "Thema's", "Thema's uit vocabulaires/themas.yml.", verplicht=True,
    vocabulaire="themas", min_items=1,
)
EERDERE_ADRESSEN = _f(
    "eerdere_adressen",
    "tekstlijst",
    "Eerdere adressen",
    "Oude adressen (paden) van dit item, zoals casussen/moeder-tussen-de-regels/. "
    "Daar komt een doorverwijzing naar het huidige adres.",
)
TOEGESTAAN = _f(
    "privacy_uitzonderingen",
    "objectlijst",
    "Privacy-uitzonderingen",
    "Alleen voor een vals alarm van de privacycontrole: de tekst die ten onrechte is gevonden, met een reden.",
    openbaar=False,
    velden=(
        _f("tekst", "tekst", "Tekst", "De gevonden tekst, precies zoals in het item.", verplicht=True),
        _f("reden", "tekst", "Reden", "Waarom dit geen persoonsgegeven is.", verplicht=True),
    ),
)
PERSOON = (
    _f("naam", "tekst", "Naam", "Naam van de persoon.", verplicht=True),
    _f("rol", "tekst", "Rol", "Openbare rol of functie, met organisatie.", verplicht=True),
)

# ---------------------------------------------------------------- content types

CASUS = ContentType(
    naam="casus",
    meervoud="casussen",
    map="casussen",
    prefix="C",
    uitleg="Een geanonimiseerde praktijksituatie om in de groep te bespreken.",
    velden=(
        ID,
        TITEL,
        STATUS,
        SAMENVATTING,
        _f(
            "context",
            "object",
            "Context",
            "Alleen stadsdeel en periode: nooit een straat of een datum.",
            verplicht=True,
            velden=(
                _f("stadsdeel", "term", "Stadsdeel", "Stadsdeel uit vocabulaires/stadsdelen.yml.",
                   verplicht=True, vocabulaire="stadsdelen"),
                _f("periode", "periode", "Periode", "Een jaar (2025) of seizoen met jaar (voorjaar 2025).",
                   verplicht=True),
            ),
        ),
        _f("rollen", "termen", "Rollen", "Betrokken rollen uit vocabulaires/rollen.yml.", verplicht=True,
           vocabulaire="rollen", min_items=1),
        _f(
            "pseudoniemen",
            "objectlijst",
            "Pseudoniemen",
            "Verzonnen namen die in de tekst gebruikt worden, met de rol die erbij hoort.",
            velden=(
                _f("naam", "tekst", "Pseudoniem", "De verzonnen naam.", verplicht=True),
                _f("rol", "term", "Rol", "Rol uit vocabulaires/rollen.yml.", verplicht=True, vocabulaire="rollen"),
            ),
        ),
        _f("situatie", "markdown", "Situatie", "Wat speelde er, tot het moment dat er gehandeld moest worden?",
           verplicht=True),
        _f("knelpunten", "markdown", "Wat liep vast", "Waar liep het vast, en waarom?", verplicht=True),
        _f("doorbraak", "markdown", "Wat hielp", "Wat bracht beweging, of wat zou kunnen helpen?"),
        _f("fasen", "termen", "Fasen", "Fasen van ondersteuning uit vocabulaires/fasen.yml.", verplicht=True,
           vocabulaire="fasen", min_items=1),
        THEMAS,
        BESPREEKVRAGEN,
        _f("leerdoelen", "tekstlijst", "Leerdoelen", "Wat leren deelnemers van deze casus?"),
        _f("werkvormen", "termen", "Werkvormen", "Geschikte werkvormen uit vocabulaires/werkvormen.yml.",
           vocabulaire="werkvormen"),
        VERWIJZINGEN,
        _f("herkomst", "markdown", "Herkomst", "Uit welke bron of bijeenkomst komt deze casus?", verplicht=True),
        _f(
            "anonimisering",
            "object",
            "Anonimisering",
            "Wie heeft gecontroleerd dat niemand herkenbaar is, wanneer, en is er toestemming vastgelegd?",
            verplicht=True,
            openbaar=False,
            velden=(
                _f("gecontroleerd_door", "term", "Gecontroleerd door", "Rol van wie controleerde.",
                   verplicht=True, vocabulaire="rollen"),
                _f("gecontroleerd_op", "datum", "Gecontroleerd op", "Datum van de controle (JJJJ-MM-DD).",
                   verplicht=True),
                _f("toestemming", "keuze", "Toestemming",
                   "vastgelegd: de betrokkene gaf toestemming en dat is vastgelegd. "
                   "niet-nodig: de casus is samengesteld en niet tot één persoon te herleiden.",
                   verplicht=True, keuzes=("vastgelegd", "niet-nodig", "ontbreekt")),
            ),
        ),
        EERDERE_ADRESSEN,
        TOEGESTAAN,
    ),
)

STELLING = ContentType(
    naam="stelling",
    meervoud="stellingen",
    map="stellingen",
    prefix="S",
    uitleg="Een stelling om over in gesprek te gaan, bijvoorbeeld in een stellingenspel.",
    titelveld="stelling",
    velden=(
        ID,
        STATUS,
        _f("stelling", "tekst", "Stelling", "De stelling zelf, in één of twee zinnen.", verplicht=True),
        _f("korte_titel", "tekst", "Korte titel",
           "Een paar woorden als titel in de browser en in zoekmachines (samen met het id hooguit 70 tekens), als de "
           "stelling zelf lang is."),
        THEMAS,
        _f("toelichting", "markdown", "Toelichting", "Waar komt de stelling vandaan, wat zit erachter?"),
        _f("herkomst", "verwijzing", "Herkomst",
           "Id van het verslag van de bijeenkomst waar de stelling ontstond, of van het onderzoek waar ze uit komt.",
           verplicht=True, doel=("verslag", "onderzoek")),
        BESPREEKVRAGEN,
        VERWIJZINGEN,
        EERDERE_ADRESSEN,
        TOEGESTAAN,
    ),
)

VERSLAG = ContentType(
    naam="verslag",
    meervoud="verslagen",
    map="verslagen",
    prefix="V",
    uitleg="Verslag van een masterclass, webinar, co-creatiesessie, symposium of conferentie.",
    velden=(
        ID,
        TITEL,
        STATUS,
        _f("soort", "term", "Soort", "Soort bijeenkomst uit vocabulaires/soorten.yml.", verplicht=True,
           vocabulaire="soorten"),
        _f("datum", "maand", "Datum", "Datum van de bijeenkomst: JJJJ-MM-DD, of JJJJ-MM als de dag niet bekend is.",
           verplicht=True),
        _f("datum_toelichting", "tekst", "Toelichting op de datum",
           "Alleen als de datum niet volledig in de bron staat: hoe hij is afgeleid."),
        _f("organisatoren", "tekstlijst", "Organisatoren", "Organisaties die de bijeenkomst organiseerden."),
        _f("sprekers", "objectlijst", "Sprekers",
           "Openbare personen in hun openbare rol. Alleen deze namen mogen in het verslag staan.",
           velden=PERSOON),
        SAMENVATTING,
        THEMAS,
        _f(
            "onderdelen",
            "objectlijst",
            "Onderdelen",
            "De delen van het verslag, elk met een kop en tekst.",
            verplicht=True,
            min_items=1,
            velden=(
                _f("kop", "tekst", "Kop", "Kop van het onderdeel.", verplicht=True),
                _f("tekst", "markdown", "Tekst", "Tekst van het onderdeel.", verplicht=True),
            ),
        ),
        _f("opbrengsten", "tekstlijst", "Opbrengsten", "Wat leverde de bijeenkomst op?"),
        _f("open_vragen", "tekstlijst", "Open vragen", "Vragen die bleven liggen."),
        VERWIJZINGEN,
        _f("herkomst", "markdown", "Herkomst", "Op welk document is dit verslag gebaseerd?", verplicht=True),
        EERDERE_ADRESSEN,
        TOEGESTAAN,
    ),
)

FIGUUR = (
    _f("titel", "tekst", "Titel", "Titel van de tabel en grafiek.", verplicht=True),
    _f("toelichting", "markdown", "Toelichting", "Wat laat de figuur zien?"),
    _f("eenheid", "tekst", "Eenheid", "Eenheid van de getallen, zoals 'aantal' of '%'.", verplicht=True),
    _f("kolommen", "tekstlijst", "Kolommen", "Namen van de reeksen, zoals Pilot 1 en Pilot 2.", verplicht=True,
       min_items=1),
    _f(
        "rijen",
        "objectlijst",
        "Rijen",
        "Eén rij per categorie: een label en per kolom een getal.",
        verplicht=True,
        min_items=1,
        velden=(
            _f("label", "tekst", "Label", "Naam van de categorie.", verplicht=True),
            _f("waarden", "tekstlijst", "Waarden", "Eén getal per kolom (gebruik . als decimaalteken).",
               verplicht=True),
        ),
    ),
    _f("bron", "tekst", "Bron", "Waar komen de cijfers vandaan?", verplicht=True),
)

ONDERZOEK = ContentType(
    naam="onderzoek",
    meervoud="onderzoeken",
    map="onderzoek",
    prefix="O",
    uitleg="Bevindingen uit een onderzoek of evaluatie, met cijfers als tabel en grafiek.",
    velden=(
        ID,
        TITEL,
        STATUS,
        SAMENVATTING,
        _f("periode", "tekst", "Periode", "Looptijd van het onderzoek, zoals 2019-2021.", verplicht=True),
        _f("uitvoerders", "tekstlijst", "Uitvoerders", "Organisaties die het onderzoek uitvoerden."),
        THEMAS,
        _f(
            "onderdelen",
            "objectlijst",
            "Onderdelen",
            "Bevindingen per onderwerp, elk met een kop en tekst.",
            verplicht=True,
            min_items=1,
            velden=(
                _f("kop", "tekst", "Kop", "Kop van het onderdeel.", verplicht=True),
                _f("tekst", "markdown", "Tekst", "Tekst van het onderdeel.", verplicht=True),
            ),
        ),
        _f("figuren", "objectlijst", "Figuren", "Cijfers die als tabel en grafiek getoond worden.",
           velden=FIGUUR),
        VERWIJZINGEN,
        _f("herkomst", "markdown", "Herkomst", "Welk rapport of document?", verplicht=True),
        EERDERE_ADRESSEN,
        TOEGESTAAN,
    ),
)

LES = ContentType(
    naam="les",
    meervoud="lessen",
    map="lessen",
    prefix="L",
    uitleg="Een les of leerroute voor trainers, met de casussen en stellingen die erin gebruikt worden.",
    velden=(
        ID,
        TITEL,
        STATUS,
        SAMENVATTING,
        _f("onderdeel_van", "keuze", "Onderdeel van", "In welk deel van de opleiding past de les?",
           verplicht=True, keuzes=("les", "ontwikkelbijeenkomst", "intervisie", "leerroute")),
        _f("leerdoelen", "tekstlijst", "Leerdoelen", "Wat kunnen deelnemers na afloop?", verplicht=True,
           min_items=1),
        _f("werkvormen", "termen", "Werkvormen", "Werkvormen uit vocabulaires/werkvormen.yml.", verplicht=True,
           vocabulaire="werkvormen", min_items=1),
        _f("duur_minuten", "getal", "Duur (minuten)", "Hoe lang duurt de les?", verplicht=True),
        _f("groepsgrootte", "tekst", "Groepsgrootte", "Voor hoeveel deelnemers, zoals 6-12.", verplicht=True),
        THEMAS,
        _f("casussen", "verwijzingen", "Casussen", "Ids van casussen die in de les gebruikt worden.",
           doel=("casus",)),
        _f("stellingen", "verwijzingen", "Stellingen", "Ids van stellingen die in de les gebruikt worden.",
           doel=("stelling",)),
        _f(
            "opbouw",
            "objectlijst",
            "Opbouw",
            "De stappen van de les, elk met een kop, duur en uitleg.",
            verplicht=True,
            min_items=1,
            velden=(
                _f("kop", "tekst", "Kop", "Naam van de stap.", verplicht=True),
                _f("minuten", "getal", "Minuten", "Duur van de stap.", verplicht=True),
                _f("tekst", "markdown", "Tekst", "Wat gebeurt er in deze stap?", verplicht=True),
            ),
        ),
        VERWIJZINGEN,
        _f("herkomst", "markdown", "Herkomst", "Waarop is de les gebaseerd?", verplicht=True),
        EERDERE_ADRESSEN,
        TOEGESTAAN,
    ),
)

CONTENT_TYPES: tuple[ContentType, ...] = (CASUS, STELLING, VERSLAG, ONDERZOEK, LES)
BY_NAME = {t.naam: t for t in CONTENT_TYPES}
BY_FOLDER = {t.map: t for t in CONTENT_TYPES}
BY_PREFIX = {t.prefix: t for t in CONTENT_TYPES}

# ---------------------------------------------------------------- vocabularies

VOCABULAIRES: dict[str, str] = {
    "themas": "Thema's waarmee items ontsloten worden.",
    "rollen": "Rollen van betrokkenen. In casussen staan mensen alleen met hun rol, nooit met hun naam.",
    "fasen": "De zes fasen van ondersteuning uit het wijkteamonderzoek in de Baarsjes.",
    "werkvormen": "Werkvormen voor casuïstiekbesprekingen en lessen.",
    "soorten": "Soorten bijeenkomsten waarvan verslagen bestaan.",
    "stadsdelen": "Stadsdelen en gemeenten die als context van een casus mogen dienen.",
    "begrippen": "Begrippen die de kennisbank uitlegt.",
    "organisaties": "Organisaties en openbare voorzieningen; hun namen zijn geen persoonsgegevens.",
}

TERM_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""The one pattern for ids in vocabularies; an item id (C07) is one of its forms once lower-cased. Ids end
up in addresses, file names and anchors, so nothing else may pass: no space, quote, slash or dot."""

TERM_VELDEN = (
    _f("id", "tekst", "Id", "Korte code in kleine letters, zoals nazorg.", verplicht=True),
    _f("label", "tekst", "Label", "Naam zoals die op de site staat.", verplicht=True),
    _f("uitleg", "tekst", "Uitleg", "Eén zin uitleg.", verplicht=True),
    _f("synoniemen", "tekstlijst", "Synoniemen", "Andere schrijfwijzen die naar dit begrip verwijzen."),
)
