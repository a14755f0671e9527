"""GraphiQL served by Riwayat itself: the page at GET /graphql and its files under /static/graphiql/.

Nothing on the page points anywhere but this server (regional networks often have no open internet), and a
Content-Security-Policy tells the browser to load nothing from elsewhere either. The vendored files are
pinned in riwayat/static/graphiql/MANIFEST.json (refreshed by `python -m riwayat.tools.vendor_graphiql`);
each script and stylesheet carries its sha384 so a file changed on disk is refused by the browser.

The token: a field above GraphiQL, kept in the browser's localStorage, is sent as `Authorization: Bearer`
with every request (also the schema's introspection, so the docs load at once). A server still signing
with the development secret prefills the hr token of its demo tenant: anyone can mint such tokens from the
public development secret anyway, so the prefill reveals nothing new.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from starlette.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from riwayat.infra.auth import issue_token
from riwayat.tools.vendor_graphiql import STATIC, load_manifest, sri

PREFIX = "/static/graphiql"
DEV_TOKEN_TTL = 8 * 3600
SCRIPTS = (
    "react.production.min.js",
    "react-dom.production.min.js",
    "graphiql.min.js",
    "plugin-explorer.umd.js",
)
STYLES = ("graphiql.min.css", "plugin-explorer.css", "riwayat-graphiql.css")
OWN_SCRIPT = "riwayat-graphiql.js"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
DEFAULT_QUERY = """# Riwayat: the personnel ledger. The token above is sent as Authorization: Bearer.
# Run with Ctrl-Enter; the Docs and Explorer panes on the left show the schema.
{
  orgUnits { code name headcount }
}
"""


@functools.cache
def integrity() -> dict[str, str]:
    """sha384 of each file the page loads: the vendored ones from the manifest, ours from disk at start."""
    pinned = {t: h for p in load_manifest()["packages"] for t, h in p.get("sri", {}).items()}
    for own in (OWN_SCRIPT, "riwayat-graphiql.css"):
        pinned[own] = sri((STATIC / own).read_bytes())
    return pinned


def _versions() -> dict[str, str]:
    return {t: p["version"] for p in load_manifest()["packages"] for t in p.get("sri", {})}


def render(endpoint: str, dev_token: str | None, dev_note: str | None) -> str:
    hashes, versions = integrity(), _versions()

    def url(name: str) -> str:
        return f"{PREFIX}/{name}?v={versions.get(name, 'riwayat')}"

    config = {
        "endpoint": endpoint,
        "devToken": dev_token,
        "devTokenNote": dev_note,
        "defaultQuery": DEFAULT_QUERY,
    }
    # </ inside a script element would end it; JSON allows \/ for /.
    config_json = json.dumps(config).replace("</", "<\\/")
    styles = "\n".join(f'<link rel="stylesheet" href="{url(s)}" integrity="{hashes[s]}">' for s in STYLES)
    scripts = "\n".join(
        f'<script src="{url(s)}" integrity="{hashes[s]}"></script>' for s in (*SCRIPTS, OWN_SCRIPT)
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Riwayat GraphiQL</title>
<link rel="icon" href="data:,">
{styles}
<script type="application/json" id="riwayat-graphiql-config">{config_json}</script>
</head>
<body>
<div id="riwayat-bar">
<label for="riwayat-token">Bearer token</label>
<input id="riwayat-token" type="password" autocomplete="off" spellcheck="false"
 placeholder="paste a token (riwayat token --tenant SLUG --role ROLE)">
<button id="riwayat-apply" type="button">Use</button>
<span id="riwayat-token-note"></span>
</div>
<div id="graphiql">Loading…</div>
{scripts}
</body>
</html>
"""


async def dev_token(services: Any) -> tuple[str | None, str | None]:
    """The hr token of the demo tenant (medan, else the first) when the server signs with the dev secret."""
    settings = services.settings
    if not settings.uses_dev_secret or settings.jwt_public_key:
        return None, None
    slugs = sorted(t.slug for t in await services.tenants.list())
    if not slugs:
        return None, None
    slug = "medan" if "medan" in slugs else slugs[0]
    token = issue_token(settings, tenant=slug, roles=["hr"], subject=f"graphiql-hr@{slug}", ttl=DEV_TOKEN_TTL)
    return token, f"development server: prefilled with the hr token of {slug} (valid 8 hours)"


async def page(services: Any, request_id: str, endpoint: str = "/graphql") -> HTMLResponse:
    token, note = await dev_token(services)
    return HTMLResponse(
        render(endpoint, token, note),
        headers={"X-Request-Id": request_id, "Content-Security-Policy": CSP, "Cache-Control": "no-store"},
    )


def static_route(directory: Path = STATIC) -> Mount:
    """The page's files; mounted by the composition root."""
    return Mount(PREFIX, app=StaticFiles(directory=directory), name="graphiql-static")
