"""Personal-link tokens: a fresh random token and the only thing stored, its hash.

A leaf module for every app that mails a personal link (invitations, proposals,
organisers' and speakers' links): one rule for how strong a token is and how it is
kept, so that no copy drifts.
"""

import hashlib
import secrets


def hash_token(token: str) -> str:
    """The SHA-256 of a token: stored and compared instead of the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh token (256 random bits) and the hash that is stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)
