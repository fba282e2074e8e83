"""The redactiegids, followed as a new editor would: from `nieuw` to a published casus on the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from tests.kb_testing import pagefind_pages

FILLED = {
    "samenvatting: |\n  \n": "samenvatting: |\n  Een bewoner raakt de weg kwijt tussen twee loketten.\n",
    "  stadsdeel:\n": "  stadsdeel: noord\n",
    "  periode:\n": "  periode: voorjaar 2025\n",
    "rollen: []\n": "rollen: [bewoner, vertrouwenspersoon, klantmanager]\n",
    "situatie: |\n  \n": "situatie: |\n  Een vertrouwenspersoon helpt een bewoner met een brief van de gemeente.\n",
    "knelpunten: |\n  \n": "knelpunten: |\n  Niemand voelt zich verantwoordelijk voor de vraag.\n",
    "fasen: []\n": "fasen: [benaderen, ondersteuning]\n",
    "themas: []\n": "themas: [systeembarrieres]\n",
    "bespreekvragen: []\n": "bespreekvragen:\n  - Wie had de bewoner kunnen helpen?\n",
    "herkomst: |\n  \n": "herkomst: |\n  Samengesteld voor deze test.\n",
    "  gecontroleerd_door:\n": "  gecontroleerd_door: onderzoeker\n",
    "  gecontroleerd_op:\n": '  gecontroleerd_op: "2025-06-01"\n',
    "  soort:\n": "  soort: samengesteld\n",
}


def test_from_the_new_command_to_a_published_casus(small_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--map", str(small_project), "nieuw", "casus", "Tussen twee loketten"]) == 0
    path = small_project / "casussen" / "C02-tussen-twee-loketten.yml"
    text = path.read_text("utf-8")
    for empty, filled in FILLED.items():
        assert empty in text, empty
        text = text.replace(empty, filled, 1)
    path.write_text(text, "utf-8")

    # Still a draft: the public build leaves it out.
    assert main(["--map", str(small_project), "build"]) == 0
    assert not (small_project / "site" / "casussen" / "c02").exists()

    path.write_text(text.replace("status: concept", "status: gepubliceerd"), "utf-8")
    assert main(["--map", str(small_project), "check"]) == 0
    assert "In orde: 4 items gecontroleerd, 0 fouten." in capsys.readouterr().out
    assert main(["--map", str(small_project), "build"]) == 0
    page = (small_project / "site" / "casussen" / "c02" / "index.html").read_text("utf-8")
    assert "Tussen twee loketten" in page and '<span class="kb-id">C02</span>' in page
    overview = (small_project / "site" / "casussen" / "index.html").read_text("utf-8")
    assert 'href="c02/"' in overview
    assert "Tussen twee loketten" in pagefind_pages(small_project / "site")["/casussen/c02/"]["meta"]["title"]
