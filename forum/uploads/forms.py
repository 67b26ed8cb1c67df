"""An upload field for any form: the refusal (empty, too big, not accepted, named as
another kind) is shown next to it, judged by the same code `store` runs."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms.validators import StopValidation

from ..core.errors import DomainError
from . import services


class AcceptedDocument:
    """Validator: the file is one `uploads.store` would accept. Blank passes when the field
    is optional (`required=False`)."""

    def __init__(self, required: bool = True):
        self.required = required

    def __call__(self, _form, field) -> None:
        if not field.data:
            if self.required:
                raise StopValidation(_l("Choose a file to upload."))
            return
        try:
            services.judge(field.data, field.short_name)
        except DomainError as err:
            raise StopValidation(str(err.message)) from None


class UploadField(FileField):
    """A file input whose value is checked by `AcceptedDocument`."""

    def __init__(self, label=None, validators=None, required: bool = True, **kwargs):
        super().__init__(label, [*(validators or []), AcceptedDocument(required)], **kwargs)
