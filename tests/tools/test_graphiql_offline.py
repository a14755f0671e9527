"""GraphiQL works with no internet: the page and its files come from Riwayat itself, the token field makes
the schema load at once, and a query runs — in a real headless Chromium that can reach only 127.0.0.1."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys

import httpx
import pytest

from riwayat.tools import offline_check, vendor_graphiql
from tests.tools.chromium import Browser, executable

QUERY = "{ orgUnits { code name } }"


def test_the_vendored_files_match_their_pins() -> None:
    manifest = vendor_graphiql.load_manifest()
    assert vendor_graphiql.check(manifest) == []
    names = {p["name"]: p["version"] for p in manifest["packages"]}
    assert {"react", "react-dom", "graphiql", "@graphiql/plugin-explorer"} <= set(names)
    assert all(p["integrity"].startswith("sha512-") for p in manifest["packages"])


def test_the_page_references_only_this_server(dev_server: str) -> None:
    page = httpx.get(f"{dev_server}/graphql")
    assert page.status_code == 200
    assert "https://" not in page.text and "http://" not in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]

    done = subprocess.run(
        [sys.executable, "-m", "riwayat.tools.offline_check", f"{dev_server}/graphql"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "graphiql.min.js" in done.stdout and "ok: the page and its" in done.stdout


def test_the_offline_check_fails_on_a_foreign_reference() -> None:
    page = "http://127.0.0.1:1/graphql"
    assert offline_check.is_local("/static/x.js", page) and offline_check.is_local("data:,", page)
    assert not offline_check.is_local("https://unpkg.com/react.js", page)
    assert not offline_check.is_local("//unpkg.com/react.js", page)
    refs = offline_check.css_references("a{background:url('https://x.org/a.png')} @import 'b.css';")
    assert refs == ["https://x.org/a.png", "b.css"]


@pytest.mark.skipif(
    executable() is None, reason="chromium is not installed (Debian: apt-get install chromium)"
)
def test_graphiql_loads_offline_in_chromium_and_runs_a_query(dev_server: str) -> None:
    browser = Browser()
    try:
        browser.open()
        # The sandbox really is offline: outside hosts cannot be reached from a page without a CSP.
        assert (
            browser.evaluate(
                "fetch('https://registry.npmjs.org/react').then(() => 'reached', () => 'blocked')"
            )
            == "blocked"
        )
        browser.events.clear()
        browser.send("Page.navigate", {"url": f"{dev_server}/graphql"})
        browser.wait_for(
            "!!document.querySelector('.graphiql-query-editor .CodeMirror')", what="GraphiQL's editor"
        )
        # The docs load at once: the token field's token went with the introspection.
        browser.evaluate("document.querySelector('[aria-label=\"Show Documentation Explorer\"]').click()")
        browser.wait_for(
            "(document.querySelector('.graphiql-doc-explorer') || {}).innerText?.includes('Query')",
            what="the documentation explorer with the schema",
        )
        browser.evaluate(
            f"document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue({QUERY!r})"
        )
        browser.evaluate("document.querySelector('.graphiql-execute-button').click()")
        answer = browser.wait_for(
            "(() => { const r = document.querySelector('.graphiql-response .CodeMirror');"
            " const v = r && r.CodeMirror.getValue(); return v && v.includes('orgUnits') ? v : null })()",
            what="the query's answer",
        )
        assert '"data"' in answer and "errors" not in answer
        urls = browser.requested_urls()
        assert urls and all(u.startswith(dev_server) or u.startswith("data:") for u in urls), urls
        graphql = [status for url, status in browser.responses() if url == f"{dev_server}/graphql"]
        assert graphql and 401 not in graphql  # the page and then only answered POSTs
    finally:
        browser.close()


async def test_a_server_with_its_own_secret_prefills_no_token(settings) -> None:
    from dataclasses import replace

    from riwayat.app import create_app

    app = create_app(replace(settings, graphiql=True))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://riwayat.test") as client:
            page = await client.get("/graphql")
            script = await client.get("/static/graphiql/riwayat-graphiql.js")
    assert page.status_code == 200 and '"devToken": null' in page.text
    assert script.status_code == 200 and "localStorage" in script.text


def test_the_development_page_carries_the_hr_token_of_medan(dev_server: str, dev_settings) -> None:
    import json
    import re

    import jwt

    page = httpx.get(f"{dev_server}/graphql").text
    config = json.loads(re.search(r'id="riwayat-graphiql-config">(.*?)</script>', page).group(1))
    claims = jwt.decode(config["devToken"], dev_settings.jwt_secret, algorithms=["HS256"])
    assert claims["tenant"] == "medan" and claims["roles"] == ["hr"]


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_the_refresh_script_reproduces_the_files_and_refuses_a_changed_pin(tmp_path) -> None:
    manifest = vendor_graphiql.load_manifest()
    manifest["packages"] = [p for p in manifest["packages"] if p["name"] in ("react", "graphiql-explorer")]
    try:
        refreshed = vendor_graphiql.refresh(copy.deepcopy(manifest), {}, out=tmp_path)
    except SystemExit as failed:
        if "npm pack" in str(failed):
            pytest.skip(f"the npm registry is not reachable here: {failed}")
        raise
    react = vendor_graphiql.STATIC / "react.production.min.js"
    assert (tmp_path / "react.production.min.js").read_bytes() == react.read_bytes()
    assert (tmp_path / "licenses" / "graphiql-explorer.LICENSE").is_file()
    assert refreshed["packages"][0]["sri"] == manifest["packages"][0]["sri"]

    manifest["packages"][0]["integrity"] = "sha512-" + "A" * 86 + "=="
    with pytest.raises(SystemExit, match="differs from the pin"):
        vendor_graphiql.refresh(manifest, {}, out=tmp_path)
