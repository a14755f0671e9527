"""Does the GraphiQL page work without the internet? A check anyone can run against a running server:

    python -m riwayat.tools.offline_check http://127.0.0.1:8000/graphql

It fetches the page and every file it references (scripts, stylesheets, icons, and the url(...) and
@import inside the stylesheets), and fails (exit 1) if any reference leaves the server — another host, a
protocol-relative `//host/...` — or a referenced file does not load. `data:` URLs are local by nature.
Scripts are not parsed: the page's CSP header (printed) is what keeps them from fetching elsewhere.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.IGNORECASE)
LINKING = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")}


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (tag, name) in LINKING:
                self.found.append(value.strip())


def html_references(text: str) -> list[str]:
    parser = _References()
    parser.feed(text)
    return parser.found


def css_references(text: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(text)]


@dataclass
class Result:
    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    csp: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _fetch(url: str, timeout: float) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": "text/html,*/*"})
    # No proxy: the point is what this server serves by itself.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def is_local(reference: str, page: str) -> bool:
    if reference.startswith("data:"):
        return True
    if reference.startswith("//"):
        return False
    absolute = urlsplit(urljoin(page, reference))
    origin = urlsplit(page)
    return (absolute.scheme, absolute.netloc) == (origin.scheme, origin.netloc)


def check(page_url: str, timeout: float = 10.0) -> Result:
    result = Result()
    status, headers, body = _fetch(page_url, timeout)
    result.checked.append(page_url)
    if status != 200:
        result.problems.append(f"{page_url}: HTTP {status}")
        return result
    result.csp = {k.lower(): v for k, v in headers.items()}.get("content-security-policy")
    pending = [(ref, page_url) for ref in html_references(body.decode("utf-8", "replace"))]
    seen: set[str] = set()
    while pending:
        reference, base = pending.pop(0)
        if not is_local(reference, page_url):
            result.problems.append(f"not local: {reference} (referenced by {base})")
            continue
        if reference.startswith("data:"):
            continue
        url = urljoin(base, reference)
        if url in seen:
            continue
        seen.add(url)
        status, headers, data = _fetch(url, timeout)
        result.checked.append(url)
        if status != 200:
            result.problems.append(f"{url}: HTTP {status}")
            continue
        kind = {k.lower(): v for k, v in headers.items()}.get("content-type", "")
        if "css" in kind or urlsplit(url).path.endswith(".css"):
            pending.extend((ref, url) for ref in css_references(data.decode("utf-8", "replace")))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m riwayat.tools.offline_check",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000/graphql", help="the GraphiQL page")
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args(argv)
    try:
        result = check(args.url, args.timeout)
    except (urllib.error.URLError, OSError) as error:
        print(f"error: cannot fetch {args.url}: {getattr(error, 'reason', error)}", file=sys.stderr)
        return 2
    for url in result.checked:
        print(f"fetched {url}")
    print(f"content-security-policy: {result.csp or '(none)'}")
    for problem in result.problems:
        print(f"FAIL {problem}")
    if result.ok:
        print(
            f"ok: the page and its {len(result.checked) - 1} files are all served by "
            f"{urlsplit(args.url).netloc}"
        )
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
