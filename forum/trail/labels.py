"""Human words for trail actions and links to their subjects."""
from flask import url_for
from flask_babel import lazy_gettext as _l

ACTIONS = {
    "account.registered": _l("account registered"),
    "account.verified": _l("account verified"),
    "account.admin_granted": _l("made platform administrator"),
    "account.suspended": _l("account suspended by a platform administrator"),
    "account.reinstated": _l("account reinstated by a platform administrator"),
    "organisation.registered": _l("organisation registered"),
    "organisation.verified": _l("organisation verified"),
    "organisation.rejected": _l("organisation not verified"),
    "organisation.join_requested": _l("asked to join an organisation"),
    "organisation.member_approved": _l("organisation member approved"),
    "organisation.member_rejected": _l("organisation member refused"),
    "forum.created": _l("forum created"),
    "forum.chair_appointed": _l("co-chair appointed"),
    "forum.member_added": _l("member added"),
    "forum.member_removed": _l("member removed"),
    "forum.opened": _l("forum opened"),
    "forum.closed": _l("forum closed"),
    "forum.settings_changed": _l("forum settings changed"),
    "proposal.submitted": _l("proposal submitted"),
    "proposal.edited": _l("proposal edited"),
    "proposal.withdrawn": _l("proposal withdrawn"),
    "proposal.endorsed": _l("proposal endorsed"),
    "proposal.endorsement_withdrawn": _l("endorsement withdrawn"),
    "proposal.responded": _l("reasoned response given"),
    "proposal.response_revised": _l("response revised"),
    "proposal.merged": _l("proposal merged"),
    "proposal.hidden": _l("proposal hidden by the co-chairs"),
    "comment.posted": _l("comment posted"),
    "comment.hidden": _l("comment hidden by the co-chairs"),
    "commitment.drafted": _l("commitment drafted"),
    "commitment.version_saved": _l("commitment version saved"),
    "commitment.signed": _l("commitment version signed off"),
    "commitment.refused": _l("commitment version refused"),
    "commitment.check_overridden": _l("verifiability check overridden by a co-chair"),
    "commitment.adopted": _l("commitment adopted"),
    "plan.imported": _l("action plan imported as draft commitments"),
    "influence.linked": _l("influence recorded"),
    "influence.superseded": _l("influence link superseded"),
    "influence.retracted": _l("influence link retracted"),
    "milestone.progress": _l("milestone progress reported"),
    "commitment.co_monitor_appointed": _l("civil-society co-monitor appointed"),
    "progress.confirmed": _l("progress update confirmed by civil society"),
    "progress.contested": _l("progress update contested by civil society"),
    "progress.contest_answered": _l("the State answered a contested progress update"),
    "commitment.assessed": _l("commitment assessed (IRM fields)"),
    "assessment.confirmed": _l("assessment confirmed by the other co-chair"),
    "reviewer.appointed": _l("independent reviewer appointed"),
    "document.uploaded": _l("document uploaded"),
    "cluster.created": _l("commitments grouped in a cluster for the IRM"),
    "consultation.opened": _l("consultation opened"),
    "consultation.commented": _l("consultation comment received"),
    "consultation.answered": _l("consultation comment answered"),
    "consultation.answer_revised": _l("consultation response revised"),
    "consultation.concluded": _l("consultation concluded"),
    "consultation.comment_hidden": _l("consultation comment hidden by the co-chairs"),
    "consultation.comments_published": _l("sealed consultation comments published with their openings"),
    "session.scheduled": _l("session scheduled"),
    "session.started": _l("session started"),
    "session.ended": _l("session ended"),
    "session.item": _l("agenda item taken up"),
    "session.checked_in": _l("checked in"),
    "session.checked_out": _l("checked out"),
    "session.hand_raised": _l("hand raised"),
    "session.hand_lowered": _l("hand lowered"),
    "session.floor": _l("floor given"),
    "session.minutes_writer": _l("minutes writer designated"),
    "session.minutes_approved": _l("minutes approved by a co-chair"),
    "session.minutes_published": _l("minutes published"),
    "session.quorum_override": _l("a co-chair's key to decide without quorum, with the reason"),
    "session.quorum_overridden": _l("both co-chairs agreed to decide without quorum"),
    "session.quorum_keys_lapsed": _l("quorum met again: the keys to decide without it lapsed"),
    "motion.opened": _l("motion put to the vote"),
    "motion.vote": _l("sealed ballot cast by a member present"),
    "motion.closed": _l("motion closed and counted"),
    "motion.withdrawn": _l("motion withdrawn without a result, its ballots discarded unread"),
    "trail.checkpoint": _l("checkpoint signed over the trail"),
    "trail.cosigned": _l("checkpoint cosigned by a witness"),
    "trail.witness_added": _l("witness registered"),
    "plan.agreed_signed": _l("a co-chair signed the plan as agreed, with each version's hash"),
    "plan.agreed": _l("plan agreed by both co-chairs, with each version's hash"),
    "plan.instrument_recorded": _l("official plan recorded"),
    "plan.text_recorded": _l("commitment as adopted recorded"),
    "plan.matched": _l("agreed commitment matched to the adopted one"),
    "plan.discrepancy_opened": _l("discrepancy between the agreed and the adopted plan opened"),
    "plan.discrepancy_answered": _l("discrepancy answered by the State"),
    "plan.dissent": _l("dissent recorded by civil society"),
    "absorbed.linked": _l("suggested absorbed contribution linked"),
    "absorbed.dismissed": _l("suggested absorbed contribution dismissed, with a public reason"),
    "absorbed.claimed": _l("passage of a commitment claimed by an organisation"),
    "absorbed.claim_confirmed": _l("claim to a passage confirmed"),
    "absorbed.claim_rejected": _l("claim to a passage rejected, with a public reason"),
    "organisation.region_set": _l("organisation's region set"),
    "forum.seat_requested": _l("asked for a seat in the forum"),
    "forum.seat_granted": _l("seat granted on request"),
    "forum.seat_refused": _l("seat refused, with a public reason"),
    "forum.facilitator_appointed": _l("facilitator appointed"),
    "forum.facilitator_ended": _l("facilitator's appointment ended"),
    "forum.workshop_recorded": _l("workshop held elsewhere recorded"),
    "forum.voice_target_set": _l("participation target set"),
    "document.published": _l("private document made public by a new upload of the same bytes"),
}


PROBLEMS = {
    "gap": _l("an entry is missing"),
    "reordering": _l("entries were moved"),
    "broken link": _l("the link to the previous entry is broken"),
    "hash mismatch": _l("the entry was changed after it was written"),
}


def problem_label(problem: str) -> str:
    return str(PROBLEMS.get(problem, problem))


def action_label(action: str) -> str:
    return str(ACTIONS.get(action, action))


def subject_url(e) -> str | None:
    """Where a reader goes to see what an entry is about."""
    if e.subject_type == "workshop":
        return url_for("voice.workshop", workshop_id=int(e.subject_id))
    if e.subject_type == "forum" or (e.subject_type in ("seat", "seat_request", "facilitator", "voice_target")
                                     and e.forum_id):
        return url_for("forums.show", forum_id=e.forum_id or int(e.subject_id))
    if e.subject_type == "organisation":
        return url_for("organisations.show", org_id=int(e.subject_id))
    if e.subject_type == "user":
        return url_for("pages.person", user_id=int(e.subject_id))
    if e.subject_type == "plan_import" and e.forum_id:
        return url_for("commitments.index", forum_id=e.forum_id)
    if e.subject_type == "commitment":
        return url_for("commitments.show", commitment_id=int(e.subject_id))
    if e.subject_type == "session":
        return url_for("sessions.show", session_id=int(e.subject_id))
    if e.subject_type == "consultation":
        return url_for("consultations.show", consultation_id=int(e.subject_id))
    if e.subject_type == "proposal":
        return url_for("proposals.show", proposal_id=int(e.subject_id))
    if e.subject_type == "trail":  # a checkpoint or a cosignature: the tree of that size
        return url_for("trail.checkpoint_at", size=int(e.subject_id))
    if e.subject_type == "trail_witness":
        return url_for("trail.witnesses_page")
    if e.subject_type == "cluster":
        return url_for("clusters.show", cluster_id=int(e.subject_id))
    if e.subject_type in ("agreed_plan", "adopted_text", "discrepancy") and e.forum_id:
        return url_for("plans.for_forum", forum_id=e.forum_id)
    if e.subject_type == "plan_instrument":
        return url_for("plans.instrument", instrument_id=int(e.subject_id))
    if e.subject_type == "document":
        return url_for("documents.metadata", sha256=e.subject_id)
    return None
