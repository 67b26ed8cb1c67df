"""Demo: the plan the forums agreed against the one the State adopted. Both co-chairs of the
Environment and Education forums sign their plans as agreed; the Resolución Ministerial that
adopts the cycle's plan rewrites the Environment commitment (the OEFA data only "when the
ministry deems it opportune"), leaves the Education commitment out and starts before it was
published. The co-chairs match and publish the comparison; the Ministry of the Environment
answers for the rewritten text; the Education forum's civil-society co-chair and the
Environment forum's network record their dissent.

It all happens in the last hour of the story (day 119), after the last adoption: the agreement
cannot precede the commitments it lists, so no answer here can be past the forums' 30-day
deadline; the page shows the days left."""
from datetime import date, timedelta
from io import BytesIO

from werkzeug.datastructures import FileStorage

from ..commitments.models import Commitment
from ..commitments.queries import version
from ..core import clock
from ..extensions import db
from ..plans import agreed_queries, services
from ..plans.services import agreed, official

REWRITTEN = ("Publicar en datos abiertos las fiscalizaciones del OEFA cuando el ministerio lo considere "
             "oportuno, y la información ambiental regional que los gobiernos regionales remitan.")


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII), with a correct cross-reference table: small enough
    to build here, valid enough for any reader to open."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def seed_plans(people, forums, start) -> None:
    env, edu = forums["env"], forums["edu"]

    def at(minutes):
        return clock.frozen_at(start + timedelta(days=119, hours=23, minutes=minutes))

    with at(10):
        agreed.sign(people["minam"], env)
        agreed.sign(people["amazonia"], env)
        agreed.sign(people["minedu"], edu)
        agreed.sign(people["educa"], edu)
    with at(20):
        rm = official.record(people["admin"], env.cycle, official.Official(
            "rm", "045-2019-PCM", "Presidencia del Consejo de Ministros", (start + timedelta(days=119)).date(),
            date(2019, 9, 1), date(2021, 6, 30), "https://www.gob.pe/institucion/pcm/normas-legales/rm-045-2019-pcm"),
            pdf=FileStorage(BytesIO(tiny_pdf("Resolucion Ministerial 045-2019-PCM: IV Plan de Accion de Gobierno "
                                             "Abierto")), filename="rm-045-2019-pcm.pdf"))
        kept = db.session.query(Commitment).filter_by(forum_id=env.id).filter(Commitment.adopted.is_not(None)).one()
        v = version(kept, kept.adopted)
        plan = agreed_queries.latest_agreed(env)
        assert v is not None and plan is not None
        text = official.add_text(people["minam"], rm, env, official.Text(
            v.title, v.problem, v.status_quo, REWRITTEN, v.contribution, v.ogp_relevance, v.values))
        item = plan.items[0]
        services.match(people["minam"], env, item.id, text.id)
        env_found = services.publish(people["minam"], env)
        edu_found = services.publish(people["minedu"], edu)
    with at(40):
        altered = next(d for d in env_found if d.kind == "altered")
        services.answer(people["minam"], altered, (
            "El ministerio condicionó la publicación a su disponibilidad presupuestaria; la sociedad civil será "
            "informada en la próxima sesión del foro."))
        services.dissent(people["amazonia"], altered, (
            "El texto acordado obligaba a publicar cada mes; «cuando lo considere oportuno» deja la publicación "
            "a discreción del ministerio y vacía el compromiso."))
        omitted = next(d for d in edu_found if d.kind == "omitted")
        services.dissent(people["educa"], omitted, (
            "El foro acordó este compromiso con ambas llaves y la resolución lo omitió sin explicación pública; "
            "la sociedad civil no lo acepta."))
