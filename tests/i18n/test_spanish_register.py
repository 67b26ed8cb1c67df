"""Spanish speaks to the reader as *tú*, in every string of the catalogue.

Outsiders found the inbox and the vote panel saying *usted* («Sus propuestas», «Aún no ha
presentado», «Su voto») beside *tú* everywhere else. Spanish possessives and verb forms are
shared between *usted* and a third person («su motivo» may be the link's reason), so the
checks read each Spanish string beside its English source: where the English speaks to the
reader (you, your), the Spanish must too."""
import re
from pathlib import Path

from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parents[2] / "forum" / "translations" / "es" / "LC_MESSAGES" / "messages.po"

# IAP2's promises to the public speak to the participants as a group: *ustedes* is the plural
# of *tú* in Latin American Spanish, so these keep it.
PLURAL_PROMISES = {
    "We will keep you informed.",
    "We will keep you informed, listen to and acknowledge your concerns, and tell you how your input "
    "influenced the decision.",
    "We will work with you so that your concerns are directly reflected in the alternatives, and tell you "
    "how your input influenced the decision.",
    "We will look to you for advice and innovation and include your recommendations in the decisions to "
    "the greatest extent possible.",
    "We will implement what you decide.",
}

WORD = r"[a-záéíóúüñ]+"
USTED = re.compile(r"\b(usted|ustedes|suy[oa]s?)\b", re.I)
# Usted commands as they open a clause («Elija…», «…: responda primero…»), or with a pronoun
# attached («escríbala»), which only a command takes.
USTED_COMMANDS = ("elija", "dé", "escriba", "responda", "seleccione", "introduzca", "ingrese", "pulse",
                  "haga", "indique", "vuelva", "intente", "revise", "utilice", "use", "espere", "compruebe",
                  "inicie", "descargue", "confirme", "busque", "cambie", "añada", "pegue", "guarde", "lea")
COMMAND = re.compile(r"(?:^|[.:;(¿¡—]\s*)(" + "|".join(USTED_COMMANDS) + r")\b", re.I | re.M)
COMMAND_WITH_PRONOUN = re.compile(r"\b((?:escríba|inténte|compruébe|descárgue|revíse|elíja|guárde|envíe|quíte|"
                                  r"recárgue|ciérre|cámbie|búsque)(?:lo|la|los|las|le|les))\b", re.I)
HIS_HERS = re.compile(r"\b(su|sus|le|les)\b", re.I)
THIRD_PERSON_EN = re.compile(r"\b(its|it|their|theirs|them|his|her|him)\b", re.I)
TU = re.compile(r"\b(tú|tu|tus|te|ti|contigo|tuy[oa]s?)\b", re.I)
READER_EN = re.compile(r"\b(you|your|yours|yourself)\b", re.I)
# A verb in the second person singular: -as/-es/-ás/-és/-ís (present, future, subjunctive) or
# -aste/-iste (past); a plural noun or adjective ends the same way, so a word right after a
# determiner, a number or a preposition does not count.
SECOND_PERSON = re.compile(r"(?<!\w)(\w+\s+)?(" + WORD + r"(?:as|es|ás|és|ís|aste|iste))\b", re.I)
NOT_A_VERB_AFTER = {"las", "los", "unas", "unos", "sus", "tus", "mis", "estas", "estos", "esas", "esos", "otras",
                    "otros", "todas", "todos", "dos", "tres", "de", "con", "y", "o", "en", "por", "para", "sin",
                    "muchas", "muchos", "ambas", "ambos", "varias", "varios", "nuevas", "nuevos", "propias",
                    "propios", "sobre", "entre", "a"}
NOT_A_VERB = {"las", "les", "mientras", "antes", "después", "más", "además", "veces", "quizás", "tras", "pues",
              "entonces", "detrás", "atrás", "demás", "jamás", "aquellas", "estas", "esas", "sus", "tus", "dos",
              "tres", "seis"}


def _catalogue():
    with PO.open("rb") as fh:
        for m in read_po(fh):
            if not m.id:
                continue
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            for s in strings:
                yield ids[0], s


def _second_person_verb(spanish: str) -> bool:
    for before, word in SECOND_PERSON.findall(spanish):
        if word.lower() in NOT_A_VERB or before.strip().lower() in NOT_A_VERB_AFTER:
            continue
        if re.fullmatch(r"\d+", before.strip()):
            continue
        return True
    return False


def register_faults(english: str, spanish: str) -> list[str]:
    """What in this Spanish string is *usted*, with the English it translates."""
    if english in PLURAL_PROMISES:
        return []
    faults = [f"«{w}»" for w in USTED.findall(spanish)]
    faults += [f"command «{w}»" for w in COMMAND.findall(spanish)]
    faults += [f"command «{w}»" for w in COMMAND_WITH_PRONOUN.findall(spanish)]
    if READER_EN.search(english):
        own = HIS_HERS.findall(spanish)
        if len(own) > len(THIRD_PERSON_EN.findall(english)):
            faults.append(f"{own} where the English has no one else to refer to")
        elif own and re.search(r"\byour\b", english, re.I) and not TU.search(spanish):
            faults.append(f"{own} for «your»")
        if not TU.search(spanish) and not _second_person_verb(spanish):
            faults.append("no word speaks to the reader as tú")
    return faults


def test_the_checks_tell_usted_from_tu():
    """The rules themselves, on the sentences outsiders quoted and their tú forms."""
    assert register_faults("Your proposals", "Sus propuestas")
    assert not register_faults("Your proposals", "Tus propuestas")
    assert register_faults("You have not submitted a proposal yet.", "Aún no ha presentado ninguna propuesta.")
    assert not register_faults("You have not submitted a proposal yet.", "Aún no has presentado ninguna propuesta.")
    assert register_faults("Your vote:", "Su voto:")
    assert register_faults("Give the reasoning: it is published.", "Dé la fundamentación: se publica.")
    assert register_faults("“%(value)s” is not a date: write it as 2024-03-31.",
                           "«%(value)s» no es una fecha: escríbala como 2024-03-31.")
    assert register_faults("What waits for you, by the roles you hold.", "Lo que le espera, según los roles que ocupa.")
    assert not register_faults("Your organisation “%(title)s” was verified: its members can now act for it.",
                               "Tu organización «%(title)s» fue verificada: sus miembros ya pueden actuar en su "
                               "nombre.")
    assert not register_faults("We will implement what you decide.", "Implementaremos lo que ustedes decidan.")
    assert register_faults("We will implement what you decide!", "Implementaremos lo que ustedes decidan.")


def test_every_spanish_string_says_tu():
    faults = {spanish: register_faults(english, spanish) for english, spanish in _catalogue()}
    assert not {s: f for s, f in faults.items() if f}
