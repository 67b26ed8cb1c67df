"""Clusters: commitments of one cycle the IRM assesses together, as its reports do when
several commitments pursue one policy aim. A commitment is in at most one cluster."""
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class Cluster(CreatedAt, Model):
    __tablename__ = "commitment_clusters"
    __trail_type__ = "cluster"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    cycle: Mapped[str] = mapped_column(String(9), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    members = relationship("ClusterMember", order_by="ClusterMember.commitment_id", lazy="selectin")

    @property
    def commitment_ids(self) -> list[int]:
        return [m.commitment_id for m in self.members]


class ClusterMember(Model):
    __tablename__ = "cluster_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("commitment_clusters.id"), index=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), unique=True,
                                               doc="unique: a commitment is in one cluster at most")
