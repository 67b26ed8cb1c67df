"""Documents: files people upload (a plan's PDF, a progress update's evidence), stored once
under their SHA-256 outside the web root, their kind sniffed from the bytes, each new one on
the trail as `document.uploaded`.

Using it from another area (issue 27, 28):

1. In the form, a file field; set the form's `enctype="multipart/form-data"` in the template::

       from forum.uploads.forms import UploadField
       class EvidenceForm(FlaskForm):
           evidence = UploadField(_l("Evidence"))               # required
           annex = UploadField(_l("Annex"), required=False)     # optional

2. Mark the view that receives it (the request limit becomes UPLOAD_MAX_BYTES, default
   20 MB, instead of the 2 MB of every other form), and store inside the service so the
   document and your change commit together::

       from forum.uploads.limits import accepts_upload

       @bp.post(...)
       @login_required
       @accepts_upload          # closest to the function
       def add_evidence(...):
           form = EvidenceForm()
           if form.validate_on_submit():
               run(form, services.add_evidence, actor(), thing, form.evidence.data)

       # in your service, before your own trail entry:
       from forum.uploads import store
       doc = store(actor, file_storage, forum, field="evidence")  # refusals go beside that field
       thing.document_id = doc.id                                  # FK to documents.id

   `store` returns the existing Document when the same bytes were stored before. Link it
   with `url_for("documents.download", sha256=doc.sha256)` (metadata: `documents.metadata`).

3. Who may read it. Without a purpose the document is public (a plan's instrument, a
   progress update's evidence). A private one names its purpose, and the area that owns it
   registers the rule at app start (this area may not import it)::

       doc = store(actor, file_storage, forum, field="sheet", purpose="workshop_sheet")
       # forum/voice/sheets.py, called from create_app:
       purposes.register("workshop_sheet", policy.may_read_sheet, policy.SHEET_PRIVATE)

   The download asks `policy.may_read` (403 with the rule's reason; `private, no-store` for
   those admitted); the hash, size and type stay public (`/documents/<sha256>.json`, the
   trail), and a page lists it with templates/uploads/_document.html, which says why the
   bytes are withheld. A purpose nobody registered is readable by nobody.

A file lands under its hash only once its row commits (a rollback leaves none), and two
uploads of the same bytes at once share one row (`services._insert`: ON CONFLICT DO NOTHING).
"""
from .services import store  # noqa: F401
