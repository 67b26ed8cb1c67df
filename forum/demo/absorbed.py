"""Demo of contributions absorbed without credit, on the Environment forum's draft forest
commitment: the detector caught that its first version repeats the university's proposal
word for word (and the co-chair's link answered it, when it was made); an organisation's
claim to a passage from its accepted proposal is confirmed by the other side, and another's,
from a proposal the forum rejected, is rejected with a public reason. It links only to the
draft, and only a proposal that already shaped the plan, so no figure of the adopted plan moves."""
from datetime import timedelta

from ..commitments.queries import version
from ..commitments.services import claims
from ..core import clock


def seed_absorbed(forums, start, proposals_by_title, forest) -> None:
    env = forums["env"]
    v1 = version(forest, 1)
    assert v1 is not None and forest.adopted is None  # the draft: no figure of the adopted plan moves
    chairs = [s for s in env.active_seats if s.is_chair]
    opened, rejected = proposals_by_title["oefa"], proposals_by_title["defensoria"]

    def other_side(org_id):
        return next(s.user for s in chairs if s.organisation_id != org_id)

    with clock.frozen_at(start + timedelta(days=119, hours=22)):
        confirmed = claims.claim(opened.submitter, v1, opened.organisation_id, opened.id,
                                 "Publicar el registro de concesiones con sus polígonos en datos abiertos.")
        claims.confirm(other_side(opened.organisation_id), confirmed, "informed",
                       "La publicación en datos abiertos sigue el formato que propuso esta organización.")
        refused = claims.claim(rejected.submitter, v1, rejected.organisation_id, rejected.id,
                               "Detección temprana de tala ilegal dentro de concesiones.")
        claims.reject(other_side(rejected.organisation_id), refused,
                      "El pasaje viene de la propuesta de la universidad sobre el registro forestal, ya vinculada; "
                      "la propuesta de una defensoría ambiental trata otro tema.")
