"""The portal served by gunicorn at national scale: the citizen lookup's throughput, and a worker's memory.

On the generated province (bench/common.py: the database danvan_bench_<N>, default 1,000,000 petitions), a
real server: gunicorn (sync workers) on 127.0.0.1, settings from the environment as in production
(DJANGO_DEBUG off; the static files collected into a folder of the benchmark's own; REDIS_URL passed on when
set, so the lookup's rate-limit counters live in Redis as in production, else in each worker's memory).

(a) Throughput, 2 workers: the citizen lookup (each client thread GETs the lookup page once for the CSRF
    cookie and token, then POSTs the code and key of petitions drawn at random from the generated ones, and
    checks each answer is that petition's status page) against the login page (GET) on the same server, with
    the same load generator: Python threads, each with its own HTTP/1.1 connection (a sync worker closes it
    after each answer, so the thread reconnects). Alternating rounds, login then lookup; the figure is the
    median of each round's lookup ÷ the login round before it (the machine's load drifts between rounds).
    The lookup's limits (petitions/public.py, LOOKUP_FAILURE_RATE) count only wrong code/key pairs: every
    lookup here is right, so they stay as configured and never apply. Target: lookup ≥ 0.5 × login.
(b) Memory, 1 worker (so it serves every request): logged in over HTTP as the province leader
    (gen.p12.tinh.lanhdao1, common.PASSWORD), 1,000 register requests with various filters, orders and pages,
    one after another; the worker's VmRSS (and VmHWM, its peak) from /proc/<pid>/status before and after.
    Target: < 250 MB.

The server is stopped at the end whatever happens (its own process group, started here), and the whole run is
bounded in time (--budget).

Usage: bench/serve_bench.py [--n N] [--seconds S] [--rounds R] [--threads T] [--requests M (0: no memory run)]
       [--budget S]
"""

import argparse
import contextlib
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from common import PASSWORD, PROVINCE_LEADER, ROOT, machine, use_generated

THROUGHPUT_TARGET = 0.5  # lookup ÷ login, at least
MEMORY_TARGET_MB = 250
HOST = "127.0.0.1"
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", "/tmp/danvan-bench-static"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One HTTP/1.1 client with its cookies; reconnects when the server closes the connection."""

    def __init__(self, port, timeout=120):
        self.port, self.timeout = port, timeout
        self.cookies = {}
        self.connection = None

    def request(self, method, path, body=None):
        headers = {"Host": f"{HOST}:{self.port}", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        if body is not None:
            body = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt:
                    raise
                continue
            for header in response.headers.get_all("Set-Cookie") or []:
                for key, morsel in SimpleCookie(header).items():
                    self.cookies[key] = morsel.value
            if response.getheader("Connection", "").lower() == "close":
                self.close()
            return response.status, content.decode("utf-8", "replace")
        raise AssertionError("unreachable")

    def form_token(self, path):
        status, page = self.request("GET", path)
        assert status == 200, f"GET {path}: {status}"
        return TOKEN.search(page).group(1)

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class Server:
    """gunicorn on a free port of 127.0.0.1, in its own process group; stop() kills it whatever its state."""

    def __init__(self, workers, env):
        self.workers, self.env = workers, env
        self.process = None
        self.port = None

    def start(self, timeout=60):
        import socket

        with socket.socket() as probe:
            probe.bind((HOST, 0))
            self.port = probe.getsockname()[1]
        command = [
            str(Path(sys.executable).parent / "gunicorn"), "danvan.wsgi:application",
            "--bind", f"{HOST}:{self.port}", "--workers", str(self.workers), "--worker-class", "sync",
            "--timeout", "120", "--log-level", "warning", "--chdir", str(ROOT),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, env=self.env, cwd=ROOT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            if len(self.worker_pids()) == self.workers:
                try:
                    status, _page = Browser(self.port, timeout=30).request("GET", "/accounts/login/")
                    if status == 200:
                        return self
                except OSError:
                    pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer in time")

    def worker_pids(self):
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except OSError:
            return []
        return [int(pid) for pid in children.split()]

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # the master stops its workers
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):  # the group this script started, should anything remain
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=15)


def memory_mb(pid):
    """(VmRSS, VmHWM) of a process, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return tuple(int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM"))


def load(port, threads, seconds, work):
    """Requests per second that `threads` clients, each doing `work(browser)` in a loop, complete in `seconds`."""
    done, errors = [0] * threads, []
    stop = time.monotonic() + seconds

    def client(index):
        browser = Browser(port)
        try:
            prepare = work(browser)
            while time.monotonic() < stop:
                prepare()
                done[index] += 1
        except Exception as error:  # reported below: the run fails
            errors.append(repr(error))
        finally:
            browser.close()

    began = time.monotonic()
    workers = [threading.Thread(target=client, args=(index,)) for index in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise RuntimeError(f"load: {errors[:3]}")
    return sum(done) / (time.monotonic() - began)


def login_page(browser):
    def one():
        status, _page = browser.request("GET", "/accounts/login/")
        assert status == 200, f"login page: {status}"

    return one


def lookups(sample):
    def work(browser):
        token = browser.form_token("/tra-cuu/")
        rng = random.Random()

        def one():
            code, key = rng.choice(sample)
            status, page = browser.request(
                "POST", "/tra-cuu/", {"csrfmiddlewaretoken": token, "code": code, "key": key}
            )
            assert status == 200 and code in page, f"lookup {code}: {status}"

        return one

    return work


def register_paths(units, categories, count, seed=1):
    """`count` register URLs: the default page, filters, searches, orders, page sizes and deep pages."""
    rng = random.Random(seed)
    words = ["đất đai", "dat dai", "bồi thường", "giải phóng mặt bằng", "môi trường", "chế độ", "xây dựng"]
    statuses = ["received", "accepted", "verifying", "resolved", "closed", "transferred"]
    kinds = ["complaint_1", "complaint_2", "denunciation", "recommendation", "feedback"]
    orders = ["received", "-received", "deadline", "-deadline", "status", "code", "-code"]
    paths = []
    for index in range(count):
        query = {}
        shape = index % 10
        if shape == 1:
            query["status"] = rng.choice(statuses)
        elif shape == 2:
            query |= {"status": rng.choice(statuses[:3]), "unit": rng.choice(units)}
        elif shape == 3:
            query["q"] = rng.choice(words)
        elif shape == 4:
            query["kind"] = rng.choice(kinds)
        elif shape == 5:
            query["overdue"] = "true"
        elif shape == 6:
            query["category"] = rng.choice(categories)
        elif shape == 7:
            query["order"] = rng.choice(orders)
        elif shape == 8:
            query |= {"unit": rng.choice(units), "received_from": "01/01/2026"}
        if shape in (0, 4, 7) and rng.random() < 0.5:  # deep pages where there are many (a kind: ≥ 3 %)
            query["page"] = rng.randint(2, 40)
        elif rng.random() < 0.2:
            query["size"] = rng.choice([50, 100])
        paths.append(f"/petitions/?{urlencode(query)}" if query else "/petitions/")
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="petitions of the generated province")
    parser.add_argument("--seconds", type=float, default=10, help="length of one throughput round")
    parser.add_argument("--rounds", type=int, default=5, help="throughput rounds of each page, alternating")
    parser.add_argument("--threads", type=int, default=4, help="client threads of the load generator")
    parser.add_argument("--requests", type=int, default=1000, help="register requests of the memory run (0: none)")
    parser.add_argument("--budget", type=float, default=1800, help="seconds the memory run may take at most")
    args = parser.parse_args()
    use_generated(args.n)
    print(machine(), flush=True)

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT code, lookup_key FROM petitions_petition ORDER BY random() LIMIT 5000")
        sample = cursor.fetchall()
        cursor.execute("SELECT id FROM orgunits_unit WHERE kind <> 'district' ORDER BY id")
        units = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM petitions_category ORDER BY id")
        categories = [row[0] for row in cursor.fetchall()]
    connection.close()

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
        "DJANGO_DEBUG": "false",
        "ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": str(STATIC_ROOT),
    }
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "--verbosity", "0"],
        env=env, check=True,
    )  # fmt: skip
    cache = "Redis (REDIS_URL)" if env.get("REDIS_URL") else "each worker's memory (no REDIS_URL)"
    print(f"gunicorn sync on {HOST}, {args.n:,} petitions, rate-limit counters in {cache}", flush=True)
    ok = True

    server = Server(2, env)
    try:
        server.start()
        rates = {"login": [], "lookup": []}
        load(server.port, args.threads, 2, login_page)  # warm both workers
        load(server.port, args.threads, 2, lookups(sample))
        for _round in range(args.rounds):
            rates["login"].append(load(server.port, args.threads, args.seconds, login_page))
            rates["lookup"].append(load(server.port, args.threads, args.seconds, lookups(sample)))
        login, lookup = statistics.median(rates["login"]), statistics.median(rates["lookup"])
        # The machine's load drifts between rounds: each round's lookup is set against the login round just
        # before it, and the median of those ratios is the figure.
        pairs = [b / a for a, b in zip(rates["login"], rates["lookup"], strict=True)]
        ratio = statistics.median(pairs)
        print(
            f"2 workers, {args.threads} client threads, {args.rounds} × {args.seconds:.0f} s each: "
            f"login page {', '.join(f'{r:.0f}' for r in rates['login'])} req/s; "
            f"lookup {', '.join(f'{r:.0f}' for r in rates['lookup'])} req/s; "
            f"ratio per round {', '.join(f'{r:.2f}' for r in pairs)}",
            flush=True,
        )
        verdict = "met" if ratio >= THROUGHPUT_TARGET else "NOT MET"
        print(
            f"{'lookup throughput vs login page':<48} {lookup:>9.1f} req/s  baseline {login:>9.1f} req/s  "
            f"ratio {ratio:>5.2f}  (median per round; target ≥ {THROUGHPUT_TARGET}: {verdict})",
            flush=True,
        )
        ok &= ratio >= THROUGHPUT_TARGET
    finally:
        server.stop()

    if not args.requests:
        sys.exit(0 if ok else 2)
    server = Server(1, env)
    try:
        server.start()
        (worker,) = server.worker_pids()
        browser = Browser(server.port)
        token = browser.form_token("/accounts/login/")
        status, _page = browser.request(
            "POST", "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": PROVINCE_LEADER, "password": PASSWORD},
        )  # fmt: skip
        assert status == 302, f"login as {PROVINCE_LEADER}: {status}"
        start_rss, _peak = memory_mb(worker)
        paths = register_paths(units, categories, args.requests)
        stop = time.monotonic() + args.budget
        times = []
        for path in paths:
            if time.monotonic() > stop:
                break
            began = time.perf_counter()
            status, _page = browser.request("GET", path)
            times.append(time.perf_counter() - began)
            assert status == 200, f"GET {path}: {status}"
        browser.close()
        rss, peak = memory_mb(worker)
        median, slowest = statistics.median(times) * 1000, max(times) * 1000
        print(
            f"1 worker: {len(times)} register requests as {PROVINCE_LEADER} (median {median:.0f} ms,"
            f" slowest {slowest:.0f} ms); worker RSS {start_rss:.0f} MB after login → {rss:.0f} MB, peak {peak:.0f} MB",
            flush=True,
        )
        if len(times) < len(paths):
            print(f"  only {len(times)} of {len(paths)} requests within the budget of {args.budget:.0f} s")
            ok = False
        verdict = "met" if rss < MEMORY_TARGET_MB else "NOT MET"
        label = "worker RSS after the register requests"
        print(f"{label:<48} {rss:>9.1f} MB  (target < {MEMORY_TARGET_MB}: {verdict})", flush=True)
        ok &= rss < MEMORY_TARGET_MB
    finally:
        server.stop()
    sys.exit(0 if ok else 2)


if __name__ == "__main__":
    main()
