"""The files of a published release: each answer with its .gz and .br beside it.

Unchanged files are hard links into the previous release, so republishing
compresses only what changed, and a file is replaced, never written through (the
previous release may share it).
"""

import gzip
import os
from pathlib import Path

import brotli


def _compress(data: bytes) -> tuple[bytes, bytes]:
    # mtime=0: the same page gives the same .gz every time.
    return (
        gzip.compress(data, compresslevel=9, mtime=0),
        # The best brotli costs about a second per 300 KB: large files get less.
        brotli.compress(data, quality=11 if len(data) < 64 * 1024 else 6),
    )


class Writer:
    """Writes the files of one release. A file already there (a hard link into
    the previous release) is replaced, never written through; a new file with
    the previous release's bytes takes its compressed copies (hard links)."""

    def __init__(self, root: Path, previous: Path | None, stamp: float) -> None:
        self.root = root
        self.previous = previous
        self.stamp = stamp

    def write(self, relative: str, data: bytes) -> None:
        target = self.root / relative
        if target.is_file():
            if target.read_bytes() == data:
                return
            self.remove(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        old = self.previous / relative if self.previous else None
        if old and old.is_file() and old.read_bytes() == data:
            try:
                for suffix in ("", ".gz", ".br"):
                    os.link(f"{old}{suffix}", f"{target}{suffix}")
                return
            except OSError:
                self.remove(relative)
        gz, br = _compress(data)
        for suffix, content in (("", data), (".gz", gz), (".br", br)):
            path = Path(f"{target}{suffix}")
            path.write_bytes(content)
            os.utime(path, (self.stamp, self.stamp))

    def remove(self, relative: str) -> None:
        for suffix in ("", ".gz", ".br"):
            (self.root / f"{relative}{suffix}").unlink(missing_ok=True)
