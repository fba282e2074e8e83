"""The content model: one declarative schema per content type.

This module is the single source of truth. Validation (validate.py), the field
reference in the redactiegids and the editors' JSON Schema files are all derived
from the definitions below; nothing else lists fields. What each kind of field does
(its check, JSON Schema, skeleton, whether it holds text or references) is in
field_kinds.py; rules that only some content types have are flags on ContentType.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .field_kinds import ID_DIGITS, KINDS, FieldKind, Kind


@dataclass(frozen=True)
class Field:
    """One field of a content type."""

    name: str
    kind: Kind
    label: str
    help: str
    required: bool = False
    vocabulary: str | None = None
    targets: tuple[str, ...] = ()
    """For references: the content types (by name) that may be referred to; empty for any."""
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    public: bool = True
    """False for fields that never reach the public site (internal bookkeeping)."""
    exported: bool = True
    """False for public fields left out of the open data (they only make the site work)."""
    min_items: int = 0
    required_when: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    """For objects: (field, value, fields) - when `field` has `value`, these `fields` are required too."""

    @property
    def type(self) -> FieldKind:
        """The behaviour of this field's kind: checking, JSON Schema, skeleton."""
        return KINDS[self.kind]


def public_fields(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The fields that can reach the site, the search index or the exports: what the privacy scan reads."""
    return tuple(f for f in fields if f.public)


@dataclass(frozen=True)
class ContentType:
    """A kind of item: where its files live, how its ids look, which fields it has."""

    name: str
    plural: str
    folder: str
    prefix: str
    help: str
    fields: tuple[Field, ...] = ()
    title_field: str = "titel"
    needs_consent: bool = False
    """Published only with the consent of whom it is about recorded (toestemming: soort and record)."""
    forbids_exact_dates: bool = False
    """The privacy scan refuses a full date in its texts: it could identify a person."""
    has_handout: bool = False
    """Gets a printable hand-out page."""
    has_related: bool = False
    """Shows related items of its own type (sharing thema's, fasen, rollen)."""
    has_cards: bool = False
    """Gets printable cards of the stellingen it refers to."""
    listed_as_lesson: bool = False
    """Items it refers to list it under 'lessen', apart from other items referring to them."""

    @property
    def id_pattern(self) -> str:
        return rf"^{self.prefix}{ID_DIGITS}$"

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def public_fields(self) -> tuple[Field, ...]:
        return public_fields(self.fields)

    @property
    def exported_fields(self) -> tuple[Field, ...]:
        """The fields of the open data (JSON and CSV)."""
        return tuple(f for f in self.public_fields if f.exported)


# ---------------------------------------------------------------- shared fields

ID = Field(
    name="id",
    kind="tekst",
    label="Id",
    help="Korte vaste code, bijvoorbeeld C07. Verandert nooit.",
    required=True,
)
STATUS = Field(
    name="status",
    kind="keuze",
    label="Status",
    help="concept: alleen zichtbaar in de voorvertoning. gepubliceerd: komt op de openbare site.",
    required=True,
    choices=("concept", "gepubliceerd"),
)
TITLE = Field(
    name="titel",
    kind="tekst",
    label="Titel",
    help="Korte titel zonder namen van personen.",
    required=True,
)
SUMMARY = Field(
    name="samenvatting",
    kind="markdown",
    label="Samenvatting",
    help="Twee of drie zinnen: waar gaat het over?",
    required=True,
)
DISCUSSION_QUESTIONS = Field(
    name="bespreekvragen",
    kind="tekstlijst",
    label="Bespreekvragen",
    help="Vragen om het gesprek in de groep te openen.",
)
REFERENCES = Field(
    name="verwijzingen",
    kind="verwijzingen",
    label="Verwijzingen",
    help="Ids van andere items waar dit item naar verwijst, bijvoorbeeld S03 of V05.",
    targets=("casus", "stelling", "verslag", "onderzoek", "les"),
)
THEMAS = Field(
    name="themas",
    kind="termen",
    label="Thema's",
    help="Thema's uit vocabulaires/themas.yml.",
    required=True,
    vocabulary="themas",
    min_items=1,
)
FORMER_ADDRESSES = Field(
    name="eerdere_adressen",
    kind="tekstlijst",
    label="Eerdere adressen",
    help=(
        "Oude adressen (paden) van dit item, zoals casussen/moeder-tussen-de-regels/. "
        "Daar komt een doorverwijzing naar het huidige adres."
    ),
    exported=False,
)
PRIVACY_EXCEPTIONS = Field(
    name="privacy_uitzonderingen",
    kind="objectlijst",
    label="Privacy-uitzonderingen",
    help="Alleen voor een vals alarm van de privacycontrole: de tekst die ten onrechte is gevonden, met een reden.",
    public=False,
    fields=(
        Field(
            name="tekst",
            kind="tekst",
            label="Tekst",
            help="De gevonden tekst, precies zoals in het item.",
            required=True,
        ),
        Field(
            name="reden",
            kind="tekst",
            label="Reden",
            help="Waarom dit geen persoonsgegeven is.",
            required=True,
        ),
    ),
)
CONSENT_KINDS = ("vastgelegd", "openbare-bron", "samengesteld", "ontbreekt")
CONSENT = Field(
    name="toestemming",
    kind="object",
    label="Toestemming",
    help="Wat er waar is over toestemming: een blok met soort, en wat bij die soort hoort (zie de redactiegids).",
    required=True,
    fields=(
        Field(
            name="soort",
            kind="keuze",
            label="Soort",
            help=(
                "vastgelegd: de betrokkene gaf toestemming en dat staat op papier buiten de repository. "
                "openbare-bron: het verhaal staat al in een openbare publicatie (noem die onder publicatie). "
                "samengesteld: samengesteld uit meerdere situaties, er is niemand om het te vragen. "
                "ontbreekt: nog geen toestemming; de casus kan dan niet gepubliceerd worden."
            ),
            required=True,
            choices=CONSENT_KINDS,
        ),
        Field(
            name="maand",
            kind="maand",
            label="Maand",
            help="Bij vastgelegd: maand waarin de toestemming is vastgelegd (JJJJ-MM).",
        ),
        Field(
            name="vastgelegd_door",
            kind="term",
            label="Vastgelegd door",
            help="Bij vastgelegd: rol van wie de toestemming vastlegde, uit vocabulaires/rollen.yml.",
            vocabulary="rollen",
        ),
        Field(
            name="bewaard_bij",
            kind="tekst",
            label="Bewaard bij",
            help=(
                "Bij vastgelegd: waar het bewijs van de toestemming bewaard wordt, buiten de repository "
                "(bijvoorbeeld: het dossier van de organisatie). Nooit het bewijs zelf of een naam."
            ),
        ),
        Field(
            name="publicatie",
            kind="tekst",
            label="Publicatie",
            help="Bij openbare-bron: de openbare publicatie waarin het verhaal al staat.",
        ),
    ),
    required_when=(
        ("soort", "vastgelegd", ("maand", "vastgelegd_door", "bewaard_bij")),
        ("soort", "openbare-bron", ("publicatie",)),
    ),
)
PERSON = (
    Field(name="naam", kind="tekst", label="Naam", help="Naam van de persoon.", required=True),
    Field(
        name="rol",
        kind="tekst",
        label="Rol",
        help="Openbare rol of functie, met organisatie.",
        required=True,
    ),
)

# ---------------------------------------------------------------- content types

CASUS = ContentType(
    name="casus",
    plural="casussen",
    folder="casussen",
    prefix="C",
    help="Een geanonimiseerde praktijksituatie om in de groep te bespreken.",
    needs_consent=True,
    forbids_exact_dates=True,
    has_handout=True,
    has_related=True,
    fields=(
        ID,
        TITLE,
        STATUS,
        SUMMARY,
        Field(
            name="context",
            kind="object",
            label="Context",
            help="Alleen stadsdeel en periode: nooit een straat of een datum.",
            required=True,
            fields=(
                Field(
                    name="stadsdeel",
                    kind="term",
                    label="Stadsdeel",
                    help="Stadsdeel uit vocabulaires/stadsdelen.yml.",
                    required=True,
                    vocabulary="stadsdelen",
                ),
                Field(
                    name="periode",
                    kind="periode",
                    label="Periode",
                    help="Een jaar (2025) of seizoen met jaar (voorjaar 2025).",
                    required=True,
                ),
            ),
        ),
        Field(
            name="rollen",
            kind="termen",
            label="Rollen",
            help="Betrokken rollen uit vocabulaires/rollen.yml.",
            required=True,
            vocabulary="rollen",
            min_items=1,
        ),
        Field(
            name="pseudoniemen",
            kind="objectlijst",
            label="Pseudoniemen",
            help="Verzonnen namen die in de tekst gebruikt worden, met de rol die erbij hoort.",
            fields=(
                Field(
                    name="naam",
                    kind="tekst",
                    label="Pseudoniem",
                    help="De verzonnen naam.",
                    required=True,
                ),
                Field(
                    name="rol",
                    kind="term",
                    label="Rol",
                    help="Rol uit vocabulaires/rollen.yml.",
                    required=True,
                    vocabulary="rollen",
                ),
            ),
        ),
        Field(
            name="situatie",
            kind="markdown",
            label="Situatie",
            help="Wat speelde er, tot het moment dat er gehandeld moest worden?",
            required=True,
        ),
        Field(
            name="knelpunten",
            kind="markdown",
            label="Wat liep vast",
            help="Waar liep het vast, en waarom?",
            required=True,
        ),
        Field(
            name="doorbraak",
            kind="markdown",
            label="Wat hielp",
            help="Wat bracht beweging, of wat zou kunnen helpen?",
        ),
        Field(
            name="fasen",
            kind="termen",
            label="Fasen",
            help="Fasen van ondersteuning uit vocabulaires/fasen.yml.",
            required=True,
            vocabulary="fasen",
            min_items=1,
        ),
        THEMAS,
        DISCUSSION_QUESTIONS,
        Field(
            name="leerdoelen",
            kind="tekstlijst",
            label="Leerdoelen",
            help="Wat leren deelnemers van deze casus?",
        ),
        Field(
            name="werkvormen",
            kind="termen",
            label="Werkvormen",
            help="Geschikte werkvormen uit vocabulaires/werkvormen.yml.",
            vocabulary="werkvormen",
        ),
        REFERENCES,
        Field(
            name="herkomst",
            kind="markdown",
            label="Herkomst",
            help="Uit welke bron of bijeenkomst komt deze casus?",
            required=True,
        ),
        Field(
            name="anonimisering",
            kind="object",
            label="Anonimisering",
            help="Wie heeft gecontroleerd dat niemand herkenbaar is, en wanneer?",
            required=True,
            public=False,
            fields=(
                Field(
                    name="gecontroleerd_door",
                    kind="term",
                    label="Gecontroleerd door",
                    help="Rol van wie controleerde.",
                    required=True,
                    vocabulary="rollen",
                ),
                Field(
                    name="gecontroleerd_op",
                    kind="datum",
                    label="Gecontroleerd op",
                    help="Datum van de controle (JJJJ-MM-DD).",
                    required=True,
                ),
            ),
        ),
        CONSENT,
        Field(
            name="handout_titel",
            kind="tekst",
            label="Titel van de hand-out",
            help=(
                "Eigen titel voor de hand-out: alleen de situatie tot het moment van handelen, nooit de afloop. "
                "Zonder deze titel krijgt de hand-out de gewone titel."
            ),
        ),
        Field(
            name="handout_vragen",
            kind="tekstlijst",
            label="Vragen voor deelnemers",
            help=(
                "Vragen op de hand-out, gesteld vanuit het moment van handelen: zonder woorden uit wat er daarna "
                "gebeurde. Zonder deze vragen krijgt de hand-out de bespreekvragen."
            ),
        ),
        FORMER_ADDRESSES,
        PRIVACY_EXCEPTIONS,
    ),
)

STELLING = ContentType(
    name="stelling",
    plural="stellingen",
    folder="stellingen",
    prefix="S",
    help="Een stelling om over in gesprek te gaan, bijvoorbeeld in een stellingenspel.",
    title_field="stelling",
    fields=(
        ID,
        STATUS,
        Field(
            name="stelling",
            kind="tekst",
            label="Stelling",
            help="De stelling zelf, in één of twee zinnen.",
            required=True,
        ),
        Field(
            name="korte_titel",
            kind="tekst",
            label="Korte titel",
            help=(
                "Een paar woorden als titel in de browser en in zoekmachines (samen met het id hooguit 70 tekens), "
                "als de stelling zelf lang is."
            ),
        ),
        THEMAS,
        Field(
            name="toelichting",
            kind="markdown",
            label="Toelichting",
            help="Waar komt de stelling vandaan, wat zit erachter?",
        ),
        Field(
            name="herkomst",
            kind="verwijzing",
            label="Herkomst",
            help=(
                "Id van het verslag van de bijeenkomst waar de stelling ontstond, "
                "of van het onderzoek waar ze uit komt."
            ),
            required=True,
            targets=("verslag", "onderzoek"),
        ),
        DISCUSSION_QUESTIONS,
        REFERENCES,
        FORMER_ADDRESSES,
        PRIVACY_EXCEPTIONS,
    ),
)

VERSLAG = ContentType(
    name="verslag",
    plural="verslagen",
    folder="verslagen",
    prefix="V",
    help="Verslag van een masterclass, webinar, co-creatiesessie, symposium of conferentie.",
    fields=(
        ID,
        TITLE,
        STATUS,
        Field(
            name="soort",
            kind="term",
            label="Soort",
            help="Soort bijeenkomst uit vocabulaires/soorten.yml.",
            required=True,
            vocabulary="soorten",
        ),
        Field(
            name="datum",
            kind="maand",
            label="Datum",
            help="Datum van de bijeenkomst: JJJJ-MM-DD, of JJJJ-MM als de dag niet bekend is.",
            required=True,
        ),
        Field(
            name="datum_toelichting",
            kind="tekst",
            label="Toelichting op de datum",
            help="Alleen als de datum niet volledig in de bron staat: hoe hij is afgeleid.",
        ),
        Field(
            name="organisatoren",
            kind="tekstlijst",
            label="Organisatoren",
            help="Organisaties die de bijeenkomst organiseerden.",
        ),
        Field(
            name="sprekers",
            kind="objectlijst",
            label="Sprekers",
            help="Openbare personen in hun openbare rol. Alleen deze namen mogen in het verslag staan.",
            fields=PERSON,
        ),
        SUMMARY,
        THEMAS,
        Field(
            name="onderdelen",
            kind="objectlijst",
            label="Onderdelen",
            help="De delen van het verslag, elk met een kop en tekst.",
            required=True,
            min_items=1,
            fields=(
                Field(name="kop", kind="tekst", label="Kop", help="Kop van het onderdeel.", required=True),
                Field(
                    name="tekst",
                    kind="markdown",
                    label="Tekst",
                    help="Tekst van het onderdeel.",
                    required=True,
                ),
            ),
        ),
        Field(
            name="opbrengsten",
            kind="tekstlijst",
            label="Opbrengsten",
            help="Wat leverde de bijeenkomst op?",
        ),
        Field(name="open_vragen", kind="tekstlijst", label="Open vragen", help="Vragen die bleven liggen."),
        REFERENCES,
        Field(
            name="herkomst",
            kind="markdown",
            label="Herkomst",
            help="Op welk document is dit verslag gebaseerd?",
            required=True,
        ),
        FORMER_ADDRESSES,
        PRIVACY_EXCEPTIONS,
    ),
)

FIGURE = (
    Field(name="titel", kind="tekst", label="Titel", help="Titel van de tabel en grafiek.", required=True),
    Field(name="toelichting", kind="markdown", label="Toelichting", help="Wat laat de figuur zien?"),
    Field(
        name="eenheid",
        kind="tekst",
        label="Eenheid",
        help="Eenheid van de getallen, zoals 'aantal' of '%'.",
        required=True,
    ),
    Field(
        name="kolommen",
        kind="tekstlijst",
        label="Kolommen",
        help="Namen van de reeksen, zoals Pilot 1 en Pilot 2.",
        required=True,
        min_items=1,
    ),
    Field(
        name="rijen",
        kind="objectlijst",
        label="Rijen",
        help="Eén rij per categorie: een label en per kolom een getal.",
        required=True,
        min_items=1,
        fields=(
            Field(name="label", kind="tekst", label="Label", help="Naam van de categorie.", required=True),
            Field(
                name="waarden",
                kind="tekstlijst",
                label="Waarden",
                help="Eén getal per kolom (gebruik . als decimaalteken).",
                required=True,
            ),
        ),
    ),
    Field(name="bron", kind="tekst", label="Bron", help="Waar komen de cijfers vandaan?", required=True),
)

ONDERZOEK = ContentType(
    name="onderzoek",
    plural="onderzoeken",
    folder="onderzoek",
    prefix="O",
    help="Bevindingen uit een onderzoek of evaluatie, met cijfers als tabel en grafiek.",
    fields=(
        ID,
        TITLE,
        STATUS,
        SUMMARY,
        Field(
            name="periode",
            kind="tekst",
            label="Periode",
            help="Looptijd van het onderzoek, zoals 2019-2021.",
            required=True,
        ),
        Field(
            name="uitvoerders",
            kind="tekstlijst",
            label="Uitvoerders",
            help="Organisaties die het onderzoek uitvoerden.",
        ),
        THEMAS,
        Field(
            name="onderdelen",
            kind="objectlijst",
            label="Onderdelen",
            help="Bevindingen per onderwerp, elk met een kop en tekst.",
            required=True,
            min_items=1,
            fields=(
                Field(name="kop", kind="tekst", label="Kop", help="Kop van het onderdeel.", required=True),
                Field(
                    name="tekst",
                    kind="markdown",
                    label="Tekst",
                    help="Tekst van het onderdeel.",
                    required=True,
                ),
            ),
        ),
        Field(
            name="figuren",
            kind="objectlijst",
            label="Figuren",
            help="Cijfers die als tabel en grafiek getoond worden.",
            fields=FIGURE,
        ),
        REFERENCES,
        Field(
            name="herkomst",
            kind="markdown",
            label="Herkomst",
            help="Welk rapport of document?",
            required=True,
        ),
        FORMER_ADDRESSES,
        PRIVACY_EXCEPTIONS,
    ),
)

LES = ContentType(
    name="les",
    plural="lessen",
    folder="lessen",
    prefix="L",
    help="Een les of leerroute voor trainers, met de casussen en stellingen die erin gebruikt worden.",
    has_cards=True,
    listed_as_lesson=True,
    fields=(
        ID,
        TITLE,
        STATUS,
        SUMMARY,
        Field(
            name="onderdeel_van",
            kind="keuze",
            label="Onderdeel van",
            help="In welk deel van de opleiding past de les?",
            required=True,
            choices=("les", "ontwikkelbijeenkomst", "intervisie", "leerroute"),
        ),
        Field(
            name="leerdoelen",
            kind="tekstlijst",
            label="Leerdoelen",
            help="Wat kunnen deelnemers na afloop?",
            required=True,
            min_items=1,
        ),
        Field(
            name="werkvormen",
            kind="termen",
            label="Werkvormen",
            help="Werkvormen uit vocabulaires/werkvormen.yml.",
            required=True,
            vocabulary="werkvormen",
            min_items=1,
        ),
        Field(
            name="duur_minuten",
            kind="getal",
            label="Duur (minuten)",
            help="Hoe lang duurt de les?",
            required=True,
        ),
        Field(
            name="groepsgrootte",
            kind="tekst",
            label="Groepsgrootte",
            help="Voor hoeveel deelnemers, zoals 6-12.",
            required=True,
        ),
        THEMAS,
        Field(
            name="casussen",
            kind="verwijzingen",
            label="Casussen",
            help="Ids van casussen die in de les gebruikt worden.",
            targets=("casus",),
        ),
        Field(
            name="stellingen",
            kind="verwijzingen",
            label="Stellingen",
            help="Ids van stellingen die in de les gebruikt worden.",
            targets=("stelling",),
        ),
        Field(
            name="opbouw",
            kind="objectlijst",
            label="Opbouw",
            help="De stappen van de les, elk met een kop, duur en uitleg.",
            required=True,
            min_items=1,
            fields=(
                Field(name="kop", kind="tekst", label="Kop", help="Naam van de stap.", required=True),
                Field(
                    name="minuten",
                    kind="getal",
                    label="Minuten",
                    help="Duur van de stap.",
                    required=True,
                ),
                Field(
                    name="tekst",
                    kind="markdown",
                    label="Tekst",
                    help="Wat gebeurt er in deze stap?",
                    required=True,
                ),
            ),
        ),
        REFERENCES,
        Field(
            name="herkomst",
            kind="markdown",
            label="Herkomst",
            help="Waarop is de les gebaseerd?",
            required=True,
        ),
        FORMER_ADDRESSES,
        PRIVACY_EXCEPTIONS,
    ),
)

CONTENT_TYPES: tuple[ContentType, ...] = (CASUS, STELLING, VERSLAG, ONDERZOEK, LES)
BY_NAME = MappingProxyType({t.name: t for t in CONTENT_TYPES})
BY_FOLDER = MappingProxyType({t.folder: t for t in CONTENT_TYPES})
BY_PREFIX = MappingProxyType({t.prefix: t for t in CONTENT_TYPES})

# ---------------------------------------------------------------- vocabularies

VOCABULARIES: Mapping[str, str] = MappingProxyType({
    "themas": "Thema's waarmee items ontsloten worden.",
    "rollen": "Rollen van betrokkenen. In casussen staan mensen alleen met hun rol, nooit met hun naam.",
    "fasen": "De zes fasen van ondersteuning uit het wijkteamonderzoek in de Baarsjes.",
    "werkvormen": "Werkvormen voor casuïstiekbesprekingen en lessen.",
    "soorten": "Soorten bijeenkomsten waarvan verslagen bestaan.",
    "stadsdelen": "Stadsdelen en gemeenten die als context van een casus mogen dienen.",
    "begrippen": "Begrippen die de kennisbank uitlegt.",
    "organisaties": "Organisaties en openbare voorzieningen; hun namen zijn geen persoonsgegevens.",
})

TERM_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""The one pattern for ids in vocabularies; an item id (C07) is one of its forms once lower-cased. Ids end
up in addresses, file names and anchors, so nothing else may pass: no space, quote, slash or dot."""

TERM_FIELDS = (
    Field(
        name="id",
        kind="tekst",
        label="Id",
        help="Korte code in kleine letters, zoals nazorg.",
        required=True,
    ),
    Field(name="label", kind="tekst", label="Label", help="Naam zoals die op de site staat.", required=True),
    Field(name="uitleg", kind="tekst", label="Uitleg", help="Eén zin uitleg.", required=True),
    Field(
        name="synoniemen",
        kind="tekstlijst",
        label="Synoniemen",
        help="Andere woorden voor hetzelfde; zoeken vindt bij elk woord ook de andere en het label.",
    ),
    Field(
        name="naar_persoon_genoemd",
        kind="tekst",
        label="Naar een persoon genoemd",
        help="Alleen als het label de naam van een persoon bevat (een stichting of prijs die naar iemand is genoemd): "
        "waarom die naam openbaar mag. De naam mag dan alleen als dit hele label in de tekst staan.",
    ),
)
