"""Page images for the source views: rendered once per file content and page.

An image is named by the PDF's sha256, the page and the resolution, so it never goes stale:
a changed report is a new file hash and new images, and an unchanged one reuses its images
from the last site (or from a cache shared by several warehouses, TWBIO_PAGE_CACHE).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2
from PIL import Image

# legible Chinese body text (9 pt is 14 px at this resolution), about 35 KB a page in 16
# grey levels, rendered without anti-aliasing (crisp edges compress best)
RESOLUTION = 110
GREY_BITS = 4
_PALETTE = [c for v in range(1 << GREY_BITS) for c in (round(v * 255 / ((1 << GREY_BITS) - 1)),) * 3]


@dataclass(frozen=True)
class PageImage:
    file: str  # relative to the site's pages/ folder
    width_pt: float  # the page as its coordinates are given (PDF points, top-down)
    height_pt: float


def image_name(sha256: str, page: int) -> str:
    return f"{sha256[:16]}-p{page}-{RESOLUTION}dpi.png"


def render_pages(pdf: Path, sha256: str, pages: list[int], out_dir: Path, reuse: list[Path]) -> dict[int, PageImage]:
    """Images of `pages` (1-based) of `pdf` in out_dir, copied from a folder in `reuse` where
    one holds the image already, else rendered."""
    out_dir.mkdir(parents=True, exist_ok=True)
    images: dict[int, PageImage] = {}
    rendering = None
    with pdfplumber.open(pdf) as doc:
        try:
            for number in sorted(set(pages)):
                if not 1 <= number <= len(doc.pages):
                    continue
                # the boxes are in pdfplumber's frame of the page: its size is theirs
                page = doc.pages[number - 1]
                name = image_name(sha256, number)
                target = out_dir / name
                if not target.exists():
                    cached = next((d / name for d in reuse if (d / name).exists()), None)
                    if cached is not None:
                        _link_or_copy(cached, target)
                    else:
                        rendering = rendering or pypdfium2.PdfDocument(str(pdf))
                        _save(_render(rendering, page, number), target)
                images[number] = PageImage(name, float(page.width), float(page.height))
        finally:
            if rendering is not None:
                rendering.close()
    return images


def _render(rendering, page, number: int) -> Image.Image:
    """The page as a grey image, in the frame pdfplumber gives its coordinates in."""
    image = rendering[number - 1].render(scale=RESOLUTION / 72, grayscale=True, no_smoothtext=True,
                                         no_smoothpath=True, no_smoothimage=True).to_pil().convert("L")
    w, h = image.size
    if (w > h) != (float(page.width) > float(page.height)):
        # PDFium and pdfplumber read a turned page in different frames: pdfplumber's own
        # rendering is in its frame by construction
        image = page.to_image(resolution=RESOLUTION).original.convert("L")
    return image


def _save(image: Image.Image, target: Path) -> None:
    """16 grey levels in a 4-bit palette PNG, written under a temporary name and renamed."""
    indexed = Image.frombytes("P", image.size, image.point(lambda v: v >> (8 - GREY_BITS)).tobytes())
    indexed.putpalette(_PALETTE)
    tmp = target.with_name(f".{target.name}.tmp")
    indexed.save(tmp, "PNG", bits=GREY_BITS, compress_level=6)
    os.replace(tmp, target)


def shared_cache() -> Path | None:
    """A folder of page images shared by several warehouses (TWBIO_PAGE_CACHE), if set."""
    value = os.environ.get("TWBIO_PAGE_CACHE")
    return Path(value) if value else None


def remember(images_dir: Path, cache: Path | None) -> None:
    """Put this site's images in the shared cache."""
    if cache is None:
        return
    cache.mkdir(parents=True, exist_ok=True)
    for f in images_dir.glob("*.png"):
        if not (cache / f.name).exists():
            tmp = cache / f".{f.name}.{os.getpid()}"
            shutil.copy2(f, tmp)
            os.replace(tmp, cache / f.name)


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
