"""What the ledger refuses to store: floats and NUL characters, which jsonb or the hash chain cannot keep
exactly (re-exported by `riwayat.infra.codec`, where it was first)."""

from __future__ import annotations

from typing import Any

from riwayat.domain.errors import InvalidInput


def check_storable(value: Any, path: str = "data") -> None:
    """Refuse what jsonb or the hash chain cannot keep exactly: floats and NUL characters.

    Iterative and exact-type first: it runs on every appended event, on the hot path of every command.
    """
    if type(value) is dict:  # a dict of text, and lists of text, in place (every command's metadata)
        for inner in value.values():
            kind = type(inner)
            if kind is str:
                if "\x00" in inner:
                    break
            elif kind is list:  # of text only, none with NUL (C calls: a generator's frames cost more)
                if not set(map(type, inner)) <= _TEXT or "\x00" in "".join(inner):
                    break
            elif kind not in PLAIN:
                break
        else:
            return
    pending = [(value, path)]  # the walk that says where the refused value is
    while pending:
        item, where = pending.pop()
        kind = type(item)
        if kind is str or isinstance(item, str):
            if "\x00" in item:
                raise InvalidInput(f"text may not contain NUL characters ({where})", field=None)
        elif kind is dict:
            for key, inner in item.items():
                if type(inner) is str:
                    if "\x00" in inner:
                        raise InvalidInput(f"text may not contain NUL characters ({where}.{key})", field=None)
                elif type(inner) not in PLAIN:
                    pending.append((inner, f"{where}.{key}"))
        elif kind is list:
            for i, inner in enumerate(item):
                if type(inner) is str:  # a list of text (the roles in every command's metadata) in place
                    if "\x00" in inner:
                        raise InvalidInput(f"text may not contain NUL characters ({where}[{i}])", field=None)
                elif type(inner) not in PLAIN:
                    pending.append((inner, f"{where}[{i}]"))
        elif isinstance(item, float):
            raise InvalidInput(f"floating-point numbers are not stored ({where})", field=None)


PLAIN = frozenset({str, int, bool, type(None)})
_TEXT = frozenset({str})
