"""Attachments of progress reports: only the kinds of file offices send, checked by content.

A file is accepted when its extension is one of ALLOWED and its first bytes (or, for Office
files, the parts inside the zip) are what that extension claims: a renamed executable or a
spreadsheet called .pdf is refused with a message saying what the file really is not.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024

ALLOWED = {
    ".pdf": "PDF",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".docx": "Word",
    ".xlsx": "Excel",
}


def _office_part(head: bytes, data_reader, prefix: str) -> bool:
    try:
        with zipfile.ZipFile(data_reader()) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)


def sniff(name: str, head: bytes, data_reader) -> bool:
    """Whether the content agrees with the extension of `name`."""
    ext = PurePath(name).suffix.lower()
    if ext == ".pdf":
        return head.startswith(b"%PDF-")
    if ext in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if ext == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext == ".docx":
        return head.startswith(b"PK") and _office_part(head, data_reader, "word/")
    if ext == ".xlsx":
        return head.startswith(b"PK") and _office_part(head, data_reader, "xl/")
    return False


def validate_attachment(file) -> None:
    name = getattr(file, "name", "") or ""
    ext = PurePath(name).suffix.lower()
    if ext not in ALLOWED:
        raise ValidationError(
            _("不支持的文件类型“%(ext)s”；可上传 PDF、JPG、PNG、Word（.docx）或 Excel（.xlsx）文件。")
            % {"ext": ext or _("无扩展名")}, code="file_type")
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError(_("文件过大（%(mb).1f MB），单个附件不能超过 20 MB。")
                              % {"mb": size / 1024 / 1024}, code="file_size")
    if size == 0:
        raise ValidationError(_("文件是空的。"), code="file_empty")
    file.seek(0)
    data = file.read()
    file.seek(0)
    if not sniff(name, data[:16], lambda: io.BytesIO(data)):
        raise ValidationError(
            _("文件“%(name)s”的内容不是 %(kind)s 文件，与扩展名不符，未上传。")
            % {"name": PurePath(name).name, "kind": ALLOWED[ext]}, code="file_content")


def attachment_path(instance, filename: str) -> str:
    """Stored under a random name (the original name is kept on the record)."""
    ext = PurePath(filename).suffix.lower()
    return f"attachments/{uuid.uuid4().hex}{ext}"


def attachment_response(attachment) -> Any:
    """The file of an attachment the caller has already found within the user's scope
    (pages and API read attachments only this way, never from MEDIA_URL)."""
    from django.http import FileResponse, Http404

    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("附件文件已不存在。")) from None
    return FileResponse(handle, as_attachment=True, filename=str(attachment))
