"""A stored document: its bytes live outside the web root under their hash
(`uploads.storage`), this row says what they are, who brought them and when."""
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.clock import iso, utcnow
from ..extensions import Model


class Document(Model):
    """One set of bytes, stored once whoever uploads it again (content-addressed).

    Public: a document becomes public through what links to it (an adopted plan, a progress
    update's evidence...). For now every stored document is public, since the trail entry
    `document.uploaded` already publishes its hash and anyone holding a hash may fetch it.
    A feature that needs a private document must add the rule in `uploads.policy.may_read`
    (the one place `GET /documents/<sha256>` asks) rather than hide links to it.
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

    uploaded_by = relationship("User", foreign_keys=[uploaded_by_id])

    def metadata_json(self) -> dict:
        return {"sha256": self.sha256, "size": self.size, "media_type": self.media_type,
                "filename": self.filename, "uploaded_by": self.uploaded_by_id,
                "uploaded_at": iso(self.uploaded_at), "forum": self.forum_id}
