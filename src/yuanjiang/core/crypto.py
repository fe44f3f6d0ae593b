"""Encryption of personal data at rest, and blind indexes to find and deduplicate it.

A value is stored as a Fernet token (AES-128-CBC with HMAC-SHA256, random IV) and, beside
it, an HMAC-SHA256 "blind index" of its normalised form: equal values give equal indexes,
so the database can hold them unique and find them by exact value without ever seeing them.
Both keys are derived (HKDF-SHA256) from settings.FIELD_ENCRYPTION_KEY, which production
must set on its own (rotating SECRET_KEY must not make personal data unreadable); dev and
test derive it from their SECRET_KEY.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _master_key() -> bytes:
    key = getattr(settings, "FIELD_ENCRYPTION_KEY", "") or ""
    if not key:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is not set.")
    return key.encode()


@lru_cache(maxsize=4)
def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"yuanjiang", info=purpose).derive(master)


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(_master_key(), b"field-encryption")))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:  # wrong key or damaged data: say so, never return garbage
        raise ValueError("encrypted value cannot be read with the configured key") from exc


def blind_index(value: str) -> str:
    key = _derive(_master_key(), b"blind-index")
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
