"""Spanish labels agree with what they qualify, alone in a badge and inside a sentence.

Outsiders read «dio forma al compromiso n.º 4 (versión 1): Fusionada.» — the influence types
mixed genders («Adoptado íntegramente / Adaptado / Fusionada»), and one English word
(«Merged», «Accepted», «Withdrawn») served nouns of both genders. Each family of labels (found
in forum/*/labels.py, so a new area is checked without editing this list)
declares the noun it qualifies; each Spanish value declares its gender below; every sentence
that inserts a label is rendered in Spanish with every value and checked against both."""
import re
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import Babel

from forum.commitments import labels as commitment_labels
from forum.commitments import notices as commitment_notices
from forum.consultations import labels as consultation_labels
from forum.consultations import notices as consultation_notices
from forum.proposals import labels as proposal_labels
from forum.proposals import notices as proposal_notices
from tests.helpers.label_families import label_families

ROOT = Path(__file__).resolve().parents[2]

# m, f: an adjective or participle of that gender, which must agree with its noun;
# n: a noun or a phrase that agrees with nothing («Fusión», «Necesita más información»).
GENDER = {
    "Adopción íntegra": "n", "Adaptación": "n", "Fusión": "n", "Referencia": "n", "Sin incorporar": "n",
    "No iniciado": "m", "Limitado": "m", "Sustancial": "n", "Completo": "m", "Retirado": "m",
    "Espera respuesta": "n", "Retirada": "f", "Aceptada": "f", "Aceptada en parte": "f", "Fusionada": "f",
    "Necesita más información": "n", "Rechazada": "f",
    "Aceptado": "m", "Aceptado en parte": "m", "No aceptado": "m", "Fuera de alcance": "n",
    "Programada": "f", "Abierta a comentarios": "f", "Cerrada: se están dando las respuestas": "f", "Concluida": "f",
    "Borrador": "n", "Abierto": "m", "Cerrado": "m", "En vivo": "n", "Terminada": "f",
    "adoptado": "m", "borrador": "n",
    "Dio forma a un compromiso": "n", "No recogida en un compromiso": "f", "Aún sin vincular a un compromiso": "n",
    "confirmado por la sociedad civil": "m", "impugnado": "m", "no verificado por la sociedad civil": "m",
    "en espera de la sociedad civil": "n", "reportado": "m", "respondida a tiempo": "f", "respondida tarde": "f",
    "en espera de la respuesta del Estado": "n", "en espera": "n", "en espera, fuera de plazo": "n",
    "Omitido": "m", "Alterado": "m", "Añadido": "m", "Tardío": "m", "Retroactivo": "m",
    "invitada": "f", "llegó por su cuenta": "n", "esperando a la copresidencia": "n", "concedida": "f",
    "rechazada": "f",
    "verificable": "n", "no verificable tal como está redactado": "m",
    "sin verificar: redactado antes de la verificación": "m",
    "Se cumple": "n", "No se cumple": "n", "Aún no corresponde": "n",
    "Sin potencial de resultados": "n", "Modesto": "m",
    "No cambió": "n", "Marginal": "n", "Mayor": "n", "Sobresaliente": "n",
}

# Each family of labels in a forum/*/labels.py (found there, see label_families) and the Spanish
# noun its values qualify: a gender, None (they stand alone, so only nouns), or a gender per key
# when one family serves two nouns.
MONITORING = {"confirmed": "m", "contested": "m", "lapsed": "m", "awaiting": "m", "reported": "m",  # el reporte
              "on_time": "f", "late": "f", "waiting": "f"}  # la impugnación
FAMILIES: dict[str, tuple[str, str | None | dict[str, str]]] = {
    "commitments.how_labels": ("influence (how an input shaped a commitment)", None),
    "commitments.level_labels": ("progress of a milestone («el avance»)", "m"),
    "commitments.commitment_status_labels": ("status of a commitment («el compromiso»)", "m"),
    "commitments.fate_labels": ("fate of a proposal («la propuesta»)", "f"),
    "commitments.verdict_labels": ("whether a milestone can be checked («el hito»)", "m"),
    "commitments.potential_labels": ("the IRM's potential for results («el potencial»)", "m"),
    "commitments.opened_labels": ("the IRM's «¿abrió el gobierno?» («el resultado»)", "m"),
    "proposals.status_labels": ("status of a proposal («la propuesta»)", "f"),
    "proposals.outcome_labels": ("response to a proposal («la propuesta»)", "f"),
    "consultations.answer_labels": ("answer to a comment («el comentario»)", "m"),
    "consultations.phase_labels": ("phase of a consultation («la consulta»)", "f"),
    "forums.status_labels": ("status of a forum («el foro»)", "m"),
    "sessions.status_labels": ("status of a session («la sesión»)", "f"),
    "dashboards.verdict_labels": ("whether a requirement is met («el requisito»)", "m"),
    "monitoring.statuses": ("a report («el reporte») and a contest («la impugnación»)", MONITORING),
    "plans.gap_labels": ("a gap between agreed and official plan («el compromiso»)", "m"),
    "plans.state_labels": ("the State's answer to a discrepancy («la discrepancia»)", "f"),
    "voice.admission_labels": ("how an organisation came («la organización»)", "f"),
    "voice.request_labels": ("a request for a seat («la solicitud»)", "f"),
}

# Families whose values name a thing or say a sentence and qualify no noun: checked by nothing
# here, but declared, so that a new family is a decision and not a miss.
STANDALONE = {
    "commitments.source_labels", "commitments.finding_labels", "commitments.irm_value_labels",
    "consultations.audience_labels", "consultations.promise_examples",
    "consultations.section_labels", "consultations.visibility_labels", "dashboards.evidence_labels",
    "dashboards.figure_labels", "dashboards.requirement_titles", "forums.influence_labels",
    "forums.role_labels", "inbox.KINDS", "monitoring.shows", "organisations.group_labels",
    "organisations.kind_labels", "organisations.participant_labels", "plans.field_labels",
    "plans.kind_labels", "proposals.value_labels", "sessions.client_strings", "sessions.subject_labels",
    "trail.ACTIONS", "trail.PROBLEMS", "voice.channel_labels", "voice.dimension_labels", "voice.region_labels",
}

# Every sentence that inserts a label: (module, kind, the parameter holding the label's key,
# the family, the gender of the slot the label fills in the Spanish sentence).
PARAMS = {"commitment": 4, "version": 1, "milestone": 2}
SENTENCES = [
    (commitment_notices, "shaped", "how", commitment_labels.how_labels, None),  # «…(versión 1): X.»
    (commitment_notices, "progress", "level", commitment_labels.level_labels, "m"),  # «…en el hito 2: X.»
    (proposal_notices, "response", "outcome", proposal_labels.outcome_labels, "f"),  # la propuesta
    (consultation_notices, "consultation_answer", "outcome", consultation_labels.answer_labels, "m"),  # el comentario
]


@pytest.fixture(scope="module")
def spanish():
    """Only the catalogue and Flask-Babel: no database is needed to read a sentence."""
    app = Flask(__name__)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ROOT / "forum" / "translations")
    Babel(app, locale_selector=lambda: "es")
    with app.test_request_context():
        yield


def _agrees(value: str, noun: str | None) -> str | None:
    """Why this Spanish value does not fit a slot of that gender, or None."""
    if value not in GENDER:
        return f"«{value}» has no declared gender: add it to GENDER"
    if GENDER[value] not in {"n", noun}:
        wanted = "a noun that agrees with nothing" if noun is None else f"gender {noun}"
        return f"«{value}» is {GENDER[value]}, the slot wants {wanted}"
    return None


def test_every_label_family_in_the_code_is_declared():
    """A new labels.py, or a new family in one, must say which noun it qualifies (or none)."""
    found = set(label_families())
    assert found - FAMILIES.keys() - STANDALONE == set(), "declare these in FAMILIES or STANDALONE"
    assert (FAMILIES.keys() | STANDALONE) - found == set(), "these families are gone: drop them"


def test_each_family_agrees_with_its_noun(spanish):
    families = label_families()
    faults = {}
    for name, (_, noun) in FAMILIES.items():
        labels = families[name]()
        nouns = noun if isinstance(noun, dict) else dict.fromkeys(labels, noun)
        faults[name] = [f"{key}: no noun declared" if key not in nouns else why for key, v in labels.items()
                        if key not in nouns or (why := _agrees(str(v), nouns[key]))]
    assert not {name: f for name, f in faults.items() if f}


def test_every_sentence_reads_with_every_label(spanish):
    faults = []
    for module, kind, param, labels, noun in SENTENCES:
        for key, label in labels().items():
            sentence = module.describe(kind, "Título", {**PARAMS, param: str(key)})
            if str(label) not in sentence:
                continue  # a value the sentence words differently («…y no se incorporó.»)
            if why := _agrees(str(label), noun):
                faults.append(f"{sentence} — {why}")
    assert not faults


def test_every_label_inserting_notice_is_checked():
    """A new notices.py that puts a label into a sentence must join SENTENCES."""
    checked = {m.__file__ for m, *_ in SENTENCES}
    inserting = {str(p) for p in (ROOT / "forum").glob("*/notices.py") if re.search(r"_labels\(\)", p.read_text())}
    assert inserting <= checked


def test_a_proposal_names_its_submitter_and_organisation_once_each(client, make):
    """«por Elena Chávez (por Observatorio…)» doubled the preposition."""
    from tests.helpers.proposals import proposal
    p = proposal(make)
    client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    html = client.get(f"/proposals/{p.id}").get_data(as_text=True)
    byline = re.sub(r"<[^>]+>", "", re.search(r'<p class="meta">(.*?)</p>', html, re.S).group(1))
    assert f"por {p.submitter.display_name} (en nombre de {p.organisation.name})" in byline


# The co-chair in Spanish is the role, «copresidencia» (RAE: no hyphen), a feminine noun
# whoever holds it: «el otro copresidente — Sofía Vargas» was wrong about Sofía, and four
# spellings served one role.
OTHER_SPELLINGS = re.compile(r"co-presidenc|copresident", re.I)
MASCULINE_BEFORE = re.compile(r"\b(?:el|del|al|un|otro|ambos|los|unos|este|estos|ese|esos|aquel|mismo|nuevo|"
                              r"primer)\s+copresidencias?\b", re.I)


def co_chair_faults(spanish: str) -> list[str]:
    return [m.group(0) for m in OTHER_SPELLINGS.finditer(spanish)] + \
        [m.group(0) for m in MASCULINE_BEFORE.finditer(spanish)]


def test_the_co_chair_check_tells_the_faults():
    assert co_chair_faults("evaluación confirmada por el otro copresidente") == ["copresident"]
    assert co_chair_faults("ambas co-presidencias") == ["co-presidenc"]
    assert co_chair_faults("el copresidencia y ambos copresidencias, del copresidencia, otro copresidencia") == [
        "el copresidencia", "ambos copresidencias", "del copresidencia", "otro copresidencia"]
    assert co_chair_faults("la llave de la copresidencia de la sociedad civil; ambas copresidencias") == []


def test_the_co_chair_is_one_feminine_noun_everywhere_in_spanish():
    """The catalogue, and the Spanish a person reads outside it (the demo's records, the
    templates, the docs and the README)."""
    from babel.messages.pofile import read_po
    with (ROOT / "forum/translations/es/LC_MESSAGES/messages.po").open("rb") as f:
        catalogue = read_po(f, locale="es")
    faults = {}
    for m in catalogue:
        for s in m.string if isinstance(m.string, tuple) else (m.string,):
            if co_chair_faults(s or ""):
                faults[s] = co_chair_faults(s)
    for path in [*ROOT.glob("forum/demo/*.py"), *ROOT.glob("templates/**/*.html"), *ROOT.glob("docs/**/*.md"),
                 ROOT / "README.md"]:
        text = path.read_text("utf-8")
        if co_chair_faults(text):
            faults[str(path.relative_to(ROOT))] = co_chair_faults(text)
    assert faults == {}
