"""Page images for the source views: rendered once per file content and page.

An image is named by the PDF's sha256, the page and the resolution, so it never goes stale:
a changed report is a new file hash and new images, and an unchanged one reuses its images
from the last site (or from a cache shared by several warehouses, TWBIO_PAGE_CACHE).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

# legible Chinese body text (9 pt is 14 px at this resolution), about 25 KB a page in
# 16 grey levels
RESOLUTION = 110
GREY_LEVELS = 16


@dataclass(frozen=True)
class PageImage:
    file: str  # relative to the site's pages/ folder
    width_pt: float  # the page as its coordinates are given (PDF points, top-down)
    height_pt: float


def image_name(sha256: str, page: int) -> str:
    return f"{sha256[:16]}-p{page}-{RESOLUTION}dpi.png"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def render_pages(pdf: Path, sha256: str, pages: list[int], out_dir: Path, reuse: list[Path]) -> dict[int, PageImage]:
    """Images of `pages` (1-based) of `pdf` in out_dir, copied from a folder in `reuse` where
    one holds the image already, else rendered."""
    out_dir.mkdir(parents=True, exist_ok=True)
    images: dict[int, PageImage] = {}
    with pdfplumber.open(pdf) as doc:
        for number in sorted(set(pages)):
            if not 1 <= number <= len(doc.pages):
                continue
            page = doc.pages[number - 1]
            name = image_name(sha256, number)
            target = out_dir / name
            if not target.exists():
                cached = next((d / name for d in reuse if (d / name).exists()), None)
                if cached is not None:
                    _link_or_copy(cached, target)
                else:
                    image = page.to_image(resolution=RESOLUTION).original
                    image.convert("L").quantize(GREY_LEVELS).save(target, "PNG", optimize=True)
            images[number] = PageImage(name, float(page.width), float(page.height))
    return images


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
