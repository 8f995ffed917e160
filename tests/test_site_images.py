"""Page images of the site: drawn in the frame the cell boxes are given in, also for a
turned page, and rendered once per file and page."""

import pytest
from PIL import Image

import pdf_factory as pdfs
from extractors import extract_report
from orchestration.publication.site.images import RESOLUTION, render_pages


def _ink(image: Image.Image, box, width_pt: float, height_pt: float) -> float:
    """Share of dark pixels inside a box given in PDF points."""
    sx, sy = image.width / width_pt, image.height / height_pt
    x0, top, x1, bottom = box
    crop = image.crop((int(x0 * sx) + 2, int(top * sy) + 2, int(x1 * sx) - 2, int(bottom * sy) - 2)).convert("L")
    pixels = crop.histogram()
    return sum(pixels[:128]) / max(1, sum(pixels))


@pytest.mark.parametrize("mode", ["rotate", "sideways"])
def test_cell_boxes_land_on_their_text_in_the_page_image(tmp_path, mode):
    pdf = tmp_path / f"{mode}.pdf"
    pdfs.landscape_table_pdf(pdf, mode)
    table = extract_report(pdf).tables[0]
    images = render_pages(pdf, "0" * 64, [1], tmp_path / "pages", [])
    page = images[1]
    image = Image.open(tmp_path / "pages" / page.file)
    assert abs(image.width / image.height - page.width_pt / page.height_pt) < 0.01
    assert image.width == pytest.approx(page.width_pt * RESOLUTION / 72, abs=2)
    for c in table.cells:
        for _, *box in c.boxes:
            # a ruled cell's box is the cell the rules draw: one digit inks a few thousandths of it
            assert _ink(image, box, page.width_pt, page.height_pt) > 0.002, (c.text, box)
    # and an empty stretch of the page is blank
    assert _ink(image, (5, 5, 40, 40), page.width_pt, page.height_pt) == 0


def test_an_image_is_rendered_once(tmp_path, monkeypatch):
    pdf = pdfs.ruled_table_pdf(tmp_path / "ruled.pdf")
    first = render_pages(pdf, "1" * 64, [1], tmp_path / "a", [])
    import orchestration.publication.site.images as images

    monkeypatch.setattr(images, "_render", lambda *a: pytest.fail("rendered again"))
    again = render_pages(pdf, "1" * 64, [1], tmp_path / "b", [tmp_path / "a"])
    assert again == first and (tmp_path / "b" / first[1].file).exists()
