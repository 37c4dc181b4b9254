"""What a province's system does with the API, as a script to copy: pull every ward's figures
for a year, push nominations (with an idempotency key, so a retry never doubles one), submit
them, then print the province's summary of its wards, wait for it and download it.

    python tests/api_client_example.py --base-url https://ngayhoi.example.gov.vn \\
        --token nh_... --unit 22 --year 2025 --nominations nominations.json --out tong-hop.xlsx

Only the standard library and ``requests``. tests/api/test_client_example.py runs it against
a live server and a real Celery worker.
"""

import argparse
import json
import sys
import time
import uuid

import requests


class Client:
    def __init__(self, base_url: str, token: str, timeout: float = 30):
        self.base = base_url.rstrip("/") + "/api/v1/"
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Token {token}"
        self.timeout = timeout

    def _check(self, response: requests.Response) -> requests.Response:
        if response.status_code == 429:  # over the token's rate limit: wait as told, once
            time.sleep(int(response.headers.get("Retry-After", "1")))
            response = self.session.send(response.request, timeout=self.timeout)
        if response.status_code >= 400:
            raise RuntimeError(f"{response.status_code} {response.request.url}: {response.text}")
        return response

    def get(self, path: str, **params) -> dict:
        url = path if path.startswith("http") else self.base + path
        return self._check(self.session.get(url, params=params, timeout=self.timeout)).json()

    def post(self, path: str, body: dict, key: str | None = None) -> dict:
        headers = {"X-Idempotency-Key": key} if key else {}
        response = self.session.post(
            self.base + path, json=body, headers=headers, timeout=self.timeout
        )
        return self._check(response).json()

    def walk(self, path: str, **params):
        """Every item of a paginated list, following ``next``."""
        page = self.get(path, **params)
        while True:
            yield from page["results"]
            if not page["next"]:
                return
            page = self.get(page["next"])

    def download(self, url: str) -> bytes:
        return self._check(self.session.get(url, timeout=self.timeout)).content


def ward_figures(client: Client, year: int, unit: str) -> list[dict]:
    return list(client.walk("figures/", unit=unit, year=year, page_size=50))


def push_nominations(client: Client, nominations: list[dict], batch: str) -> list[dict]:
    """Create and submit each nomination; the key makes a re-run of the same batch safe."""
    created = []
    for number, body in enumerate(nominations):
        nomination = client.post("nominations/", body, key=f"{batch}-{number}")
        if nomination["status"] in ("draft", "returned"):
            nomination = client.post(
                f"nominations/{nomination['id']}/submit/", {}, key=f"{batch}-{number}-submit"
            )
        created.append(nomination)
    return created


def print_document(client: Client, request: dict, poll_seconds: float = 0.5, limit: float = 120):
    """Request a document, poll its job until it is done, return (job, file bytes)."""
    job = client.post("print-jobs/", request)
    deadline = time.monotonic() + limit
    while job["status"] in ("queued", "running"):
        if time.monotonic() > deadline:
            raise RuntimeError(f"job {job['id']} still {job['status']} after {limit} s")
        time.sleep(poll_seconds)
        job = client.get(f"print-jobs/{job['id']}/")
    if job["status"] != "done":
        raise RuntimeError(f"job {job['id']} {job['status']}: {job['error']}")
    return job, client.download(job["download_url"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--unit", required=True, help="the province's (or grouping's) code")
    parser.add_argument("--nominations", help="a JSON file: a list of nominations to push")
    parser.add_argument("--batch", default=uuid.uuid4().hex[:8], help="idempotency key prefix")
    parser.add_argument("--out", required=True, help="where to write the summary workbook")
    args = parser.parse_args(argv)

    client = Client(args.base_url, args.token)
    figures = ward_figures(client, args.year, args.unit)
    print(f"{len(figures)} wards")
    for line in figures:
        schemes, activity = line["schemes"], line["activity"]
        print(f"{line['ward']}\t{line['name']}\t{schemes['now']}\t{activity['now']}")
    if args.nominations:
        with open(args.nominations, encoding="utf-8") as handle:
            pushed = push_nominations(client, json.load(handle), args.batch)
        print(f"{len(pushed)} nominations: " + ", ".join(str(n["id"]) for n in pushed))
    job, content = print_document(
        client,
        {
            "kind": "dashboards.unit_summary",
            "format": "xlsx",
            "object": args.unit,
            "params": {"year": args.year},
        },
    )
    with open(args.out, "wb") as handle:
        handle.write(content)
    print(f"{job['filename']}: {len(content)} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
