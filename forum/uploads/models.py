"""A stored document: its bytes live outside the web root under their hash
(`uploads.storage`), this row says what they are, who brought them and when."""
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import iso, utcnow
from ..extensions import Model


class Document(Model):
    """One set of bytes, stored once whoever uploads it again (content-addressed).

    Public unless the feature that stored it gave it a `purpose`: an adopted plan's
    instrument and a progress update's evidence are public (accountability); a workshop's
    scanned sheet (`workshop_sheet`, with the attendees' names and signatures) is read only
    by those its owning area's rule admits (`uploads.purposes`, asked by
    `uploads.policy.may_read`, the one place `GET /documents/<sha256>` asks). A private
    document's SHA-256, size and type stay public, so anyone can still prove the record.
    """

    __tablename__ = "documents"
    __trail_type__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, doc="lower-case hex of the bytes' SHA-256")
    size: Mapped[int] = mapped_column(BigInteger, doc="bytes")
    media_type: Mapped[str] = mapped_column(String(100), doc="sniffed from the content, never the client's word")
    filename: Mapped[str] = mapped_column(String(255), doc="the first uploader's file name, cleaned")
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow, doc="UTC, naive")
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forums.id"), index=True)
    purpose: Mapped[str | None] = mapped_column(String(40), doc="None: public; else a private purpose's name")

    uploaded_by = relationship("User", foreign_keys=[uploaded_by_id])

    def metadata_json(self) -> dict:
        """Public for every document. A private one's file name is left out (it may name
        the people on the scan); `withheld` says why its bytes are not served to everyone."""
        from .policy import withheld
        why = withheld(self)
        return {"sha256": self.sha256, "size": self.size, "media_type": self.media_type,
                "filename": self.filename if why is None else None, "uploaded_by": self.uploaded_by_id,
                "uploaded_at": iso(self.uploaded_at), "forum": self.forum_id,
                "withheld": str(why) if why is not None else None}
