"""Speakers' photos: checked by content, resized, and stripped of metadata.

Phones write the place a photo was taken (EXIF GPS) into it; a photo published on
the site must not tell where a speaker lives. Pillow decodes the image, and only
its pixels are written again, as a JPEG of at most ``PHOTO_MAX_PIXELS`` a side.
"""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from speakers.models import Person

ALLOWED_PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}
PHOTO_MAX_PIXELS = 800


def clean_photo(upload: UploadedFile) -> ContentFile:
    """The photo as a clean JPEG; raise a ValidationError for anything else."""
    if upload.size and upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size)s; photos may be at most %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.PHOTO_MAX_BYTES),
            },
        )
    not_a_photo = ValidationError(
        _("This file is not a JPEG, PNG or WebP photo, whatever its name says."),
        code="file_type",
    )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.format not in ALLOWED_PHOTO_FORMATS:
                raise not_a_photo
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise not_a_photo from error
    except Image.DecompressionBombError as error:
        raise not_a_photo from error
    if upright.mode not in ("RGB", "L"):
        background = Image.new("RGB", upright.size, "white")
        rgba = upright.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        upright = background
    upright.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
    # A new image of the pixels alone: no EXIF, XMP, ICC or comment survives.
    clean = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    buffer = BytesIO()
    clean.save(buffer, "JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue())


def set_photo(person: Person, upload: UploadedFile) -> Person:
    """Replace the person's photo with the cleaned copy of the upload."""
    content = clean_photo(upload)
    old = person.photo.name if person.photo else ""
    person.photo.save(f"{slugify(person.name) or 'person'}.jpg", content, save=False)
    person.save(update_fields=["photo", "updated_at"])
    if old:
        person.photo.storage.delete(old)
    return person
