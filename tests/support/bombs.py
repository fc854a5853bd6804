"""Zip bombs and entity-expansion payloads.

Builders the test modules import, and the pytest fixtures that wrap them (loaded by
tests/conftest.py as plugins)."""

from __future__ import annotations

from pathlib import Path

# --- zip bombs and entity expansion (used by test_limits and test_corpus) ---


def write_zip_bomb(path: Path, parts: int, part_size: int) -> Path:
    """A zip that looks like an .xlsx whose `parts` worksheets each unzip to `part_size` zero
    bytes, all from one small deflated kernel. Written by hand (zipfile would compress every
    copy again), so a bomb that declares gigabytes takes a moment and a megabyte or two."""
    import struct
    import zlib

    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    kernel = squeeze.compress(b"\0" * part_size) + squeeze.flush()
    kernel_crc = zlib.crc32(b"\0" * part_size)
    skeleton = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
    }
    entries: list[tuple[str, int, bytes, int, int]] = [
        (name, 0, data, zlib.crc32(data), len(data)) for name, data in skeleton.items()
    ]
    entries += [
        (f"xl/worksheets/sheet{i + 1}.xml", 8, kernel, kernel_crc, part_size) for i in range(parts)
    ]
    body, directory = bytearray(), bytearray()
    for name, method, data, crc, size in entries:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
        )
        body += encoded + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory + end))
    return path


def billion_laughs(root: str, levels: int = 9) -> str:
    """A document type declaration whose entity &lol{levels}; expands to 10**levels 'lol's."""
    entities = ['<!ENTITY lol0 "lol">']
    for level in range(1, levels + 1):
        entities.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return f"<!DOCTYPE {root} [{''.join(entities)}]>"


def write_entity_bomb(source: Path, path: Path, part: str, levels: int = 9) -> Path:
    """Copy the workbook `source` to `path`, with a "billion laughs" declaration put before the
    root element of `part` and the entity used in its first text node."""
    import re
    import zipfile

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as target:
        assert part in original.namelist(), original.namelist()
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == part:
                text = data.decode("utf-8")
                root = re.search(r"<([A-Za-z][\w:.-]*)[\s>/]", text.split("?>", 1)[-1])
                assert root is not None
                start = text.index(f"<{root.group(1)}", text.find("?>") + 1)
                text = text[:start] + billion_laughs(root.group(1), levels) + text[start:]
                text = re.sub(r">([^<>\s][^<>]*)<", f">&lol{levels};<", text, count=1)
                data = text.encode("utf-8")
            target.writestr(info, data)
    return path
