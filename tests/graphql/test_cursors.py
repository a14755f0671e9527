"""Cursors handed out earlier stay valid: the encoding is url-safe base64 of the JSON key, as before."""

from __future__ import annotations

import base64
import uuid

import orjson

from riwayat.graphql import cursors


def test_a_cursor_is_url_safe_base64_of_its_json_key_and_decodes_back() -> None:
    row_id = uuid.UUID("0b6f1c1e-3f5a-4b8e-9f3e-ffffffffffff")
    for name in ("Ani Lestari", "Ñoño ÿ ~~~ ???", ""):
        cursor = cursors.encode("employee", name, row_id)
        assert cursor == base64.urlsafe_b64encode(orjson.dumps(["employee", name, str(row_id)])).decode()
        assert cursors.name_key(cursor) == (name, row_id)
