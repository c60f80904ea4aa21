"""Record references: short, unambiguous and unique.

The alphabet leaves out characters people confuse when reading or typing a reference aloud:
0/O, 1/I/L, and U (which can turn references into words).
"""

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
LENGTH = 8


def new_reference(prefix: str = "") -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{prefix}{body[:4]}-{body[4:]}"
