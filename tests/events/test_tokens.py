"""One rule for personal-link tokens: 256 random bits, only the SHA-256 kept."""

import hashlib

from events.tokens import hash_token, new_token


def test_a_new_token_comes_with_its_hash():
    token, digest = new_token()

    assert digest == hashlib.sha256(token.encode()).hexdigest()
    assert digest == hash_token(token)
    assert len(token) == 43
    assert new_token()[0] != token
