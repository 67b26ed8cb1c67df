"""The names a client of the API sees do not follow the code's: `ProposalSchema` in forum/api is
published as `Proposal`, as it was in every description since 1.0.0, so a client generated from
the description (its classes named after the components) keeps compiling."""
from forum.api import schemas

# The components of the description, as published before the classes took their `Schema` suffix.
PUBLISHED = {
    "AgendaRecord", "AdoptedText", "AgreedAdopted", "AgreedItem", "AssessmentRecord", "Checkpoint",
    "CheckpointPage", "CommentAnswer", "CommentRecord", "Commitment", "CommitmentDetail", "CommitmentPage",
    "CommitmentVersion", "Consultation", "ConsultationDetail", "ConsultationPage", "Cosignature", "Count",
    "Cycle", "CycleFigures", "CyclePage", "Discrepancy", "Dissent", "Error", "Evidence", "Forum", "ForumDetail",
    "ForumFigures", "ForumPage", "ForumRef", "ForumRequirement", "Glance", "GroupResult", "InfluenceLinkRecord",
    "Instrument", "Irm", "Ledger", "MilestoneRecord", "MinutesRecord", "MonitoringFigures", "MotionRecord",
    "Organisation", "OrganisationPage", "Paragraph", "PlanFigures", "PlanMatch", "ProgressRecord", "Proposal",
    "ProposalDetail", "ProposalPage", "ProposalVersion", "QuorumKey", "QuorumRecord", "Ref", "Requirement",
    "Requirements", "ResponseRecord", "SeatRecord", "Session", "SessionDetail", "SessionPage", "SignOffRecord",
    "Step", "TrailEntry", "TrailEntryPage", "Voice", "VoiceBy", "VoiceGroup", "VoiceTarget", "VoteEvent",
    "VoteRecord", "AttendanceRecord", "Absorbed", "AbsorbedClaim", "AbsorbedCounts", "AbsorbedSuggestion",
    "StateCounts",
    "AdoptedTitle",  # the agreed/adopted list's adopted texts by title, their fields at /adopted-texts/<id>
    "Clusters", "ClusterRecord", "ImplementationInfluence",  # published since the merges before; listed late
}


def test_the_published_component_names_do_not_change(client):
    components = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    assert set(components) == PUBLISHED


def test_no_api_class_shares_a_models_name():
    """A reader of forum/api never wonders whether `Proposal` is the row or its public shape."""
    from forum.proposals.models import Proposal
    assert schemas.ProposalSchema is not Proposal and not hasattr(schemas, "Proposal")
    shared = sorted(name for name, value in vars(schemas).items()
                    if isinstance(value, type) and issubclass(value, schemas.Schema) and value is not schemas.Schema
                    and not name.endswith("Schema"))
    assert shared == []
