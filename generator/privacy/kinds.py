"""What a detector found: a typed kind with the flags the scan acts on, and the Dutch label editors read.

The scan decides on the flags (`is_name`, `allowed_by`, `singles_out`), never on the label: the label
is data, shown in the message ("mogelijk persoonsgegeven (persoonsnaam): ...").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Literal

AllowedBy = Literal["declared", "vocabulary"] | None
"""Which words can allow a found name: only the item's declared people (a name found by a pattern:
a form of address, initials), or also the vocabularies (a name deduce or a word list found)."""


class Kind(Enum):
    """One kind of finding. The value is the stable id kept in the findings cache."""

    EMAIL = "email"
    BSN = "bsn"
    IBAN = "iban"
    POSTCODE = "postcode"
    PHONE = "phone"
    LICENCE_PLATE = "licence_plate"
    CASE_NUMBER = "case_number"
    COURT_NUMBER = "court_number"
    TITLE_NAME = "title_name"
    INITIALS_NAME = "initials_name"
    STREET_NUMBER = "street_number"
    BIRTH_DATE = "birth_date"
    EXACT_DATE = "exact_date"
    PERSON_NAME = "person_name"
    ADDRESS = "address"
    FIRST_NAME = "first_name"
    KIN_NAME = "kin_name"
    HANDLE = "handle"
    SINGLING_OUT = "singling_out"

    @property
    def label(self) -> str:
        """The Dutch name an editor is shown."""
        return _LABELS[self]

    @property
    def is_name(self) -> bool:
        """A person's name (not an address or number): a vocabulary label must not hold one."""
        return self in _NAMES

    @property
    def allowed_by(self) -> AllowedBy:
        return _ALLOWED_BY.get(self)

    @property
    def singles_out(self) -> bool:
        """Not personal data itself, but it points to one person: a warning, not an error."""
        return self is Kind.SINGLING_OUT


_LABELS = MappingProxyType({
    Kind.EMAIL: "e-mailadres",
    Kind.BSN: "BSN",
    Kind.IBAN: "IBAN",
    Kind.POSTCODE: "postcode",
    Kind.PHONE: "telefoonnummer",
    Kind.LICENCE_PLATE: "kenteken",
    Kind.CASE_NUMBER: "dossiernummer",
    Kind.COURT_NUMBER: "zaaknummer",
    Kind.TITLE_NAME: "naam met aanspreekvorm",
    Kind.INITIALS_NAME: "naam met voorletters",
    Kind.STREET_NUMBER: "straat met huisnummer",
    Kind.BIRTH_DATE: "geboortedatum",
    Kind.EXACT_DATE: "exacte datum",
    Kind.PERSON_NAME: "persoonsnaam",
    Kind.ADDRESS: "adres",
    Kind.FIRST_NAME: "voornaam",
    Kind.KIN_NAME: "naam na familie- of rolwoord",
    Kind.HANDLE: "account op sociale media",
    Kind.SINGLING_OUT: "de enige in een kleine kring",
})
_NAMES = frozenset({Kind.PERSON_NAME, Kind.FIRST_NAME, Kind.KIN_NAME, Kind.TITLE_NAME, Kind.INITIALS_NAME})
_ALLOWED_BY: MappingProxyType[Kind, AllowedBy] = MappingProxyType({
    Kind.TITLE_NAME: "declared", Kind.INITIALS_NAME: "declared",
    Kind.PERSON_NAME: "vocabulary", Kind.ADDRESS: "vocabulary", Kind.FIRST_NAME: "vocabulary",
    Kind.KIN_NAME: "vocabulary",
})


@dataclass(frozen=True)
class Hit:
    """One finding in one text: its kind and where it stands (character offsets)."""

    kind: Kind
    start: int
    end: int

    @property
    def label(self) -> str:
        return self.kind.label


Found = tuple[str, int, int]
"""A hit as the findings cache keeps it: (kind id, start, end)."""


def stored(hit: Hit) -> Found:
    return hit.kind.value, hit.start, hit.end


def restored(found: Found) -> Hit:
    return Hit(Kind(found[0]), found[1], found[2])
