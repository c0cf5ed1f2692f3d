"""The catalogue as tests read it, and a pseudo-translation of all of it: every message "⟦text⟧",
placeholders kept, so a test sees at once which text on screen went through a translation."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import update_translations as catalogue  # noqa: E402

__all__ = ["build_pseudo", "catalogue", "lrelease", "messages", "pseudo"]

Message = tuple[str, str, bool]  # context, source, plural
PLURAL_FORMS = 2  # the pseudo-translation's language, Esperanto: one, other


def messages(ts: Path) -> set[Message]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "", message.get("numerus") == "yes")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([catalogue.qt_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def pseudo(ts: Path, out: Path) -> None:
    """A translation of every message: "⟦text⟧", placeholders kept as they are."""
    tree = ET.parse(ts)
    tree.getroot().set("language", "eo")
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        text = f"⟦{message.findtext('source')}⟧"
        if message.get("numerus") == "yes":
            # the template has one form; Esperanto has two (one, other): without the second,
            # Qt would show the English for every count but 1
            for _ in range(PLURAL_FORMS - len(translation.findall("numerusform"))):
                ET.SubElement(translation, "numerusform")
            for form in translation.findall("numerusform"):
                form.text = text
        else:
            translation.text = text
    tree.write(out, encoding="utf-8", xml_declaration=True)


def build_pseudo(folder: Path) -> None:
    """deskbreak_eo.qm in `folder`: the pseudo-translation of the committed catalogue."""
    pseudo(catalogue.TEMPLATE, folder / "deskbreak_eo.ts")
    lrelease(folder / "deskbreak_eo.ts", folder / "deskbreak_eo.qm")
