#!/usr/bin/env python3
"""Reads what bench/chaos.sh recorded (the clients' JSON lines, the fault times), prints the figures and writes
docs/RELIABILITY.md. Everything below the line KEEP in that file (the reading of a run, written by hand) is kept.

Usage: chaos_report.py EVENTS FAULTS CLIENTS SECONDS REFRESH_SECONDS WAIT_REPLICAS DOWN_AFTER_MS COMMIT
"""
import datetime
import json
import os
import sys

KEEP = "<!-- Below this line: written by hand, kept when bench/chaos.sh rewrites the figures above. -->"
DOC = os.path.join(os.path.dirname(__file__), "..", "docs", "RELIABILITY.md")
TOKEN_API = ("login", "refresh")
# two 503s further apart than this belong to two separate outages
GAP = 2.0


def load(events_file, faults_file):
    events = [json.loads(line) for line in open(events_file)]
    faults = {}
    for line in open(faults_file):
        name, at = line.split()
        faults[name] = float(at)
    return events, faults


def windows(times):
    """Groups sorted times into [first, last] runs whose members are at most GAP apart."""
    runs = []
    for t in sorted(times):
        if runs and t - runs[-1][1] <= GAP:
            runs[-1][1] = t
        else:
            runs.append([t, t])
    return runs


def failed(event):
    """A call that did not get what a well-behaved client should get."""
    return event["status"] != 200


def analyse(events, faults):
    start, end = faults["clients_started"], faults["clients_stopped"]
    proxied = [e for e in events if e["kind"] == "proxied"]
    token = [e for e in events if e["kind"] in TOKEN_API]
    unavailable = [e["t"] for e in token if e["status"] == 503]
    broken = [e for e in events if e.get("broken")]
    periods = [("gateway replica killed (SIGKILL), restarted 20 s later", faults["gateway_killed"],
                faults["redis_master_killed"]),
               ("Redis master killed (SIGKILL)", faults["redis_master_killed"], end + 1)]
    per_fault = []
    for name, begin, until in periods:
        inside = [e for e in events if begin <= e["t"] < until]
        failures = [e for e in inside if failed(e)]
        per_fault.append({
            "name": name,
            "proxied_failed": sum(1 for e in failures if e["kind"] == "proxied"),
            "token_failed": sum(1 for e in failures if e["kind"] in TOKEN_API),
            "token_503": sum(1 for e in failures if e["kind"] in TOKEN_API and e["status"] == 503),
            "statuses": sorted({(e["kind"], e["status"]) for e in failures}),
            "broken": sum(1 for e in inside if e.get("broken")),
            "first_failure": (failures[0]["t"] - begin) if failures else None,
            "recovered_after": (failures[-1]["t"] - begin) if failures else 0.0,
        })
    before = [e for e in events if start <= e["t"] < faults["gateway_killed"] and failed(e)]
    return {
        "start": start, "end": end, "faults": faults,
        "proxied": len(proxied), "proxied_failed": sum(1 for e in proxied if failed(e)),
        "logins": sum(1 for e in token if e["kind"] == "login"),
        "refreshes": sum(1 for e in token if e["kind"] == "refresh"),
        "rotations": sum(1 for e in token if e["kind"] == "refresh" and e["status"] == 200),
        "retried_rotations": sum(1 for e in token if e["kind"] == "refresh" and e["status"] == 200 and e.get("retried")),
        "token_503": len(unavailable), "windows_503": windows(unavailable),
        "token_other_failures": sorted({e["status"] for e in token if failed(e) and e["status"] not in (503, 401)}),
        "broken": len(broken),
        "broken_acknowledged": sum(1 for e in broken if e["broken"] == "acknowledged_token_refused"),
        "broken_retry": sum(1 for e in broken if e["broken"] == "retry_after_lost_answer_refused"),
        "per_fault": per_fault, "failures_before_faults": len(before),
    }


def seconds(value):
    return "-" if value is None else "%.1f s" % value


def render(r, clients, duration, refresh, wait_replicas, down_after, commit):
    f = r["faults"]
    success = 100.0 * (r["proxied"] - r["proxied_failed"]) / max(1, r["proxied"])
    kill, promoted = f["redis_master_killed"], f["redis_replica_promoted"]
    after_kill = [w for w in r["windows_503"] if w[1] >= kill]
    back = (after_kill[-1][1] - kill) if after_kill else 0.0
    back_from_promotion = max(0.0, after_kill[-1][1] - promoted) if after_kill else 0.0
    gateway = r["per_fault"][0]
    goals = [
        ("proxied calls succeed >= 99.9 % over the run", "%.3f %%" % success, success >= 99.9),
        ("no refresh chain broken by the replica crash", "%d broken" % gateway["broken"], gateway["broken"] == 0),
        ("zero acknowledged rotations lost (wait-replicas=%d)" % wait_replicas,
         "%d lost" % r["broken_acknowledged"], r["broken_acknowledged"] == 0),
        ("token API back within 10 s of the failover", "%.1f s after the promotion (%.1f s after the crash)"
         % (back_from_promotion, back), back_from_promotion <= 10.0),
    ]
    lines = [
        "# Reliability: a crash under load",
        "",
        "What `bench/chaos.sh` measured: two gateway replicas (the packaged jar) behind nginx, Redis under Sentinel (a",
        "master, two replicas, three Sentinels; `down-after-milliseconds` %d), `seta.store.redis.wait-replicas=%d`, the"
        % (down_after, wait_replicas),
        "shipped `seta.token.refresh-grace` (30 s). %d clients (the demo principal) each log in, refresh every %d s and"
        % (clients, refresh),
        "call a proxied route (`/seta-search/...`, nginx's static answer behind it) every 100 ms; a refresh whose answer is",
        "lost (502, 503, no answer) is retried with the same token. After %d s one gateway replica is killed with"
        % int(f["gateway_killed"] - r["start"]),
        "SIGKILL and restarted 20 s later; after %d s the Redis master is killed the same way, and comes back 20 s later as"
        % int(kill - r["start"]),
        "a replica. Route quotas are off for the run (all clients are one principal, and quotas fail open anyway).",
        "",
        "Run: %s, commit `%s`, %d s, on this machine (2 cores shared with other work; everything under `nice -n 10`)."
        % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), commit, duration),
        "",
        "## Figures",
        "",
        "| what | figure |",
        "|---|---|",
        "| proxied calls attempted / failed | %d / %d (%.3f %% succeeded) |" % (r["proxied"], r["proxied_failed"], success),
        "| token API calls (logins, refreshes) | %d, %d |" % (r["logins"], r["refreshes"]),
        "| rotations answered 200 / of them retries after a lost answer | %d / %d |" % (r["rotations"], r["retried_rotations"]),
        "| token API calls answered 503 | %d |" % r["token_503"],
        "| periods of 503s (from the crash) | %s |" % (", ".join("%.1f s long, from %.1f s after the Redis crash"
                                                              % (w[1] - w[0], w[0] - kill) if w[1] >= kill else
                                                              "%.1f s long, before the Redis crash" % (w[1] - w[0])
                                                              for w in r["windows_503"]) or "none"),
        "| other token API failures | %s |" % (", ".join(str(s) for s in r["token_other_failures"]) or "none"),
        "| refresh chains broken (a client refused although it did nothing wrong) | %d |" % r["broken"],
        "| of them: acknowledged rotations lost (the token of a 200 refused) | %d |" % r["broken_acknowledged"],
        "| of them: retries after a lost answer refused | %d |" % r["broken_retry"],
        "| failures before the first fault | %d |" % r["failures_before_faults"],
        "",
        "| fault | proxied failed | token API failed (503) | chains broken | first failure | last failure (recovered) |",
        "|---|---|---|---|---|---|",
    ]
    for p in r["per_fault"]:
        lines.append("| %s | %d | %d (%d) | %d | %s | %s |" % (p["name"], p["proxied_failed"], p["token_failed"],
                                                             p["token_503"], p["broken"], seconds(p["first_failure"]),
                                                             seconds(p["recovered_after"])))
    lines += [
        "",
        "Times are from the fault. The Redis master's replica was promoted %.1f s after the crash (Sentinel's"
        % (promoted - kill),
        "`down-after-milliseconds`, then its election); the gateway replica was ready again %.1f s after its restart."
        % (f["gateway_ready"] - f["gateway_restarted"]),
        "Failing calls by kind and status: %s." % "; ".join(
            "%s: %s" % (p["name"].split(" (")[0], ", ".join("%s %s" % (k, s) for k, s in p["statuses"]) or "none")
            for p in r["per_fault"]),
        "",
        "## Goals",
        "",
        "| goal | measured | met |",
        "|---|---|---|",
    ]
    for goal, measured, met in goals:
        lines.append("| %s | %s | %s |" % (goal, measured, "yes" if met else "**no**"))
    return "\n".join(lines) + "\n", goals


def main():
    events, faults = load(sys.argv[1], sys.argv[2])
    clients, duration, refresh = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    wait_replicas, down_after, commit = int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
    result = analyse(events, faults)
    text, goals = render(result, clients, duration, refresh, wait_replicas, down_after, commit)
    print(text)
    kept = ""
    if os.path.exists(DOC):
        old = open(DOC).read()
        if KEEP in old:
            kept = old[old.index(KEEP):]
    with open(DOC, "w") as out:
        out.write(text + "\n" + (kept or KEEP + "\n"))


if __name__ == "__main__":
    main()
