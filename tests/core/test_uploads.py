import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.uploads import reencode_image, validate_image, validate_pdf
from tests.factories import CityFactory, image_upload


def test_real_image_is_accepted():
    validate_image(image_upload())


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("bild.jpg", b"<html><script>alert(1)</script></html>"),
        SimpleUploadedFile("bild.png", b"nur Text"),
        SimpleUploadedFile(
            "bild.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
        ),
    ],
    ids=["html", "text", "svg"],
)
def test_non_images_are_refused_by_content_not_name(upload):
    with pytest.raises(ValidationError, match="kein lesbares Bild"):
        validate_image(upload)


def test_empty_file_is_refused():
    with pytest.raises(ValidationError, match="leer"):
        validate_image(SimpleUploadedFile("leer.jpg", b""))


def test_too_many_pixels_are_refused_before_decoding(settings):
    settings.MAX_IMAGE_PIXELS = 1000
    with pytest.raises(ValidationError, match="zu groß"):
        validate_image(image_upload(size=(100, 100)))


def test_oversized_file_is_refused(settings):
    settings.MAX_IMAGE_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError, match="höchstens"):
        validate_image(image_upload(size=(200, 200)))


def test_reencoding_drops_exif_and_uses_a_random_name():
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    upload = image_upload(name="../../geheim.jpg", exif=exif.tobytes())

    result = reencode_image(upload)

    assert result.name.endswith(".jpg")
    assert "geheim" not in result.name and "/" not in result.name
    with Image.open(result) as image:
        assert not image.getexif()


@pytest.mark.django_db
def test_city_image_is_reencoded_on_save_with_dimensions_stored():
    city = CityFactory(image=image_upload(name="rathaus.jpg"), image_alt="Rathaus")
    assert "rathaus" not in city.image.name
    assert city.image.name.startswith("cities/city/")
    assert (city.image_width, city.image_height) == (40, 30)


@pytest.mark.django_db
def test_image_needs_alt_text_unless_decorative():
    city = CityFactory.build(image=image_upload())
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert "image_alt" in error.value.message_dict

    city.image_decorative = True
    city.full_clean(exclude=["slug"])


def test_pdf_is_checked_by_content():
    validate_pdf(SimpleUploadedFile("vertrag.pdf", b"%PDF-1.7\n..."))
    with pytest.raises(ValidationError, match="kein PDF"):
        validate_pdf(SimpleUploadedFile("vertrag.pdf", b"<html></html>"))
    with pytest.raises(ValidationError, match="PDF-Datei"):
        validate_pdf(SimpleUploadedFile("vertrag.exe", b"%PDF-1.7"))


def test_pdf_over_the_size_limit_is_refused(settings):
    settings.MAX_DOCUMENT_UPLOAD_SIZE = 10
    with pytest.raises(ValidationError, match="höchstens"):
        validate_pdf(SimpleUploadedFile("vertrag.pdf", b"%PDF-1.7 " + b"x" * 100))
