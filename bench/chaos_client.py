#!/usr/bin/env python3
"""N simulated SeTA clients for bench/chaos.sh: each logs in (signing 20 random letters, as SeTA clients do),
refreshes every few seconds and calls a proxied route in between, until the run's end. Every request's outcome is
written to one JSON line, for bench/chaos_report.py.

Usage: chaos_client.py URL KEY_FILE CLIENTS SECONDS REFRESH_SECONDS OUT_FILE

What a well-behaved client does on each answer, and what is recorded:
- proxied call: anything but 200 is a failed call (the client goes on with its token);
- refresh 200: the new pair replaces the old one; the rotation was acknowledged to the client;
- refresh 503 (token API unavailable), 502/504 or no answer (a replica died with the request): the answer was
  lost or refused, so the client retries with the same refresh token (after Retry-After, or half a second);
- refresh 401: the chain is broken. The client did nothing wrong, so this is the gateway's fault; the line says
  whether the token presented came straight from an acknowledged 200 (an acknowledged rotation the store lost) or
  was a retry after a lost answer (the grace window did not take it). The client logs in again.
"""
import importlib
import json
import random
import string
import sys
import threading
import time

import requests


def crypto():
    for package in ("Crypto", "Cryptodome"):
        try:
            return (importlib.import_module(package + ".Hash.SHA256"),
                    importlib.import_module(package + ".PublicKey.RSA"),
                    importlib.import_module(package + ".Signature.pkcs1_15"))
        except ImportError:
            continue
    sys.exit("chaos_client.py needs pycryptodome (Debian: apt-get install python3-pycryptodome)")


SHA256, RSA, PKCS1 = crypto()
URL, KEY_FILE = sys.argv[1], sys.argv[2]
CLIENTS, SECONDS, REFRESH_EVERY = int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
OUT = sys.argv[6]
SIGNER = PKCS1.new(RSA.import_key(open(KEY_FILE).read()))
# a proxied call every 100 ms per client: with 20 clients about 200 calls/s, which two gateway JVMs, nginx, Redis and
# the clients themselves can carry on a two-core machine without the load itself causing failures
PAUSE = 0.1
TIMEOUT = 5


def now():
    return time.time()


class Client(threading.Thread):

    def __init__(self, number, deadline, lines, lock):
        super().__init__(daemon=True)
        self.number = number
        self.deadline = deadline
        self.lines = lines
        self.lock = lock
        self.http = requests.Session()
        self.access = None
        self.refresh = None
        # whether self.refresh came straight from a 200 (True) or is being presented again after a lost answer
        self.fresh = True

    def record(self, kind, status, **more):
        line = {"t": round(now(), 3), "client": self.number, "kind": kind, "status": status}
        line.update(more)
        with self.lock:
            self.lines.append(line)

    def post(self, path, **kwargs):
        try:
            answer = self.http.post(URL + path, timeout=TIMEOUT, **kwargs)
            return answer.status_code, answer
        except requests.RequestException as error:
            return 0, error

    def login(self):
        while now() < self.deadline:
            message = "".join(random.choice(string.ascii_lowercase) for _ in range(20))
            signature = SIGNER.sign(SHA256.new(message.encode())).hex()
            status, answer = self.post("/authentication/v1/token", json={
                "username": "demo", "provider": "github",
                "rsa_original_message": message, "rsa_message_signature": signature})
            self.record("login", status)
            if status == 200:
                body = answer.json()
                self.access, self.refresh, self.fresh = body["access_token"], body["refresh_token"], True
                return True
            time.sleep(retry_after(answer))
        return False

    def rotate(self):
        """One refresh, retried with the same token until it is answered 200 or 401."""
        while now() < self.deadline:
            status, answer = self.post("/authentication/v1/token/refresh",
                                       headers={"Authorization": "Bearer " + self.refresh})
            if status == 200:
                self.record("refresh", status, retried=not self.fresh)
                body = answer.json()
                self.access, self.refresh, self.fresh = body["access_token"], body["refresh_token"], True
                return
            if status == 401:
                self.record("refresh", status, broken="acknowledged_token_refused" if self.fresh
                            else "retry_after_lost_answer_refused")
                self.login()
                return
            self.record("refresh", status)
            # the answer was lost or refused: the rotation may or may not have happened; present the same token
            self.fresh = False
            time.sleep(retry_after(answer))

    def call(self):
        try:
            answer = self.http.get(URL + "/seta-search/api/v1/corpus", timeout=TIMEOUT,
                                   headers={"Authorization": "Bearer " + self.access})
            status = answer.status_code
        except requests.RequestException:
            status = 0
        self.record("proxied", status)

    def run(self):
        # clients start spread over one refresh period, as real ones would be
        time.sleep(random.uniform(0, REFRESH_EVERY))
        if not self.login():
            return
        next_refresh = now() + REFRESH_EVERY
        while now() < self.deadline:
            if now() >= next_refresh:
                self.rotate()
                next_refresh = now() + REFRESH_EVERY
            else:
                self.call()
                time.sleep(PAUSE)


def retry_after(answer):
    if isinstance(answer, requests.Response) and answer.headers.get("Retry-After", "").isdigit():
        return int(answer.headers["Retry-After"])
    return 0.5


def main():
    lines, lock = [], threading.Lock()
    deadline = now() + SECONDS
    clients = [Client(number, deadline, lines, lock) for number in range(CLIENTS)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    with open(OUT, "w") as out:
        for line in sorted(lines, key=lambda line: line["t"]):
            out.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
