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

Who may read: every stored document is public for now (see `policy.may_read`).
"""
from .services import store  # noqa: F401
