"""Form pieces every app uses: the day/month/year date box, the future-date check and upload checks."""

from pathlib import Path

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import uploads

ALLOWED_EXTENSIONS = set(uploads.EXPECTED)


class DateInput(forms.DateInput):
    """A day/month/year text box: the browser's own date picker shows US order in some setups."""

    def __init__(self, **kwargs):
        super().__init__(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, **kwargs)


def not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))


def check_upload(upload, *, limit_mb):
    """Refuse a file of another type or over `limit_mb`, or whose content is not what its name says, with a
    message naming the file; the type detected from its bytes replaces the one the browser claimed."""
    if not upload:
        return upload
    if Path(upload.name).suffix.lower() not in ALLOWED_EXTENSIONS:
        raise forms.ValidationError(
            _("“%(name)s” is not an accepted file type. Accepted: %(types)s.")
            % {"name": upload.name, "types": ", ".join(sorted(ALLOWED_EXTENSIONS))}
        )
    if upload.size > limit_mb * 1024 * 1024:
        raise forms.ValidationError(
            _("“%(name)s” is larger than %(limit)d MB.") % {"name": upload.name, "limit": limit_mb}
        )
    try:
        upload.content_type = uploads.inspect(upload)
    except uploads.Refusal as refusal:
        raise forms.ValidationError(str(refusal)) from None
    return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once, each checked for type and for the size `limit_mb()` returns."""

    def __init__(self, *args, limit_mb, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        self.limit_mb = limit_mb
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        limit_mb = self.limit_mb()
        cleaned = []
        for upload in files:  # a loop, not a comprehension: super() needs this frame
            cleaned.append(check_upload(super().clean(upload, initial), limit_mb=limit_mb))
        return cleaned
