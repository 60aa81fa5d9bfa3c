#!/usr/bin/env python3
"""Reads what bench/run.sh measured, prints one table and writes it into docs/PERFORMANCE.md.

  report.py rps <wrk output>        requests per second of one wrk run
  report.py write <results> <jmh.json> <mode> <threads> <connections> <duration>
"""
import datetime
import json
import os
import platform
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def wrk(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    percentiles = {}
    for p, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M):
        percentiles[p] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    requests = re.search(r"(\d+) requests in", text)
    socket = re.search(r"Socket errors:.*", text)
    extra = dict(re.findall(r"(\w[\w-]*)=(\d+)", text))
    return {"rps": rps, "p50": percentiles.get("50"), "p99": percentiles.get("99"),
            "errors": int(errors.group(1)) if errors else 0, "requests": int(requests.group(1)) if requests else 0,
            "socket": socket.group(0) if socket else "", "extra": extra}


def median_run(results):
    """The median of each figure over the rounds of one configuration; errors are summed."""
    def median(values):
        values = sorted(v for v in values if v is not None)
        return values[len(values) // 2] if values else None
    merged = dict(results[0])
    for key in ("rps", "p50", "p99"):
        merged[key] = median([r[key] for r in results])
    merged["errors"] = sum(r["errors"] for r in results)
    merged["requests"] = sum(r["requests"] for r in results)
    merged["rounds"] = len(results)
    return merged


def jmh(path):
    scores = {}
    for result in json.load(open(path)):
        name = result["benchmark"].rsplit(".", 1)[1]
        error = result["primaryMetric"]["scoreError"]
        scores[name] = (float(result["primaryMetric"]["score"]), float(error) if error != "NaN" else float("nan"))
    return scores


def prometheus_heap(path):
    total = 0.0
    for line in open(path):
        if line.startswith("jvm_memory_used_bytes") and 'area="heap"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def main():
    if sys.argv[1] == "rps":
        print(int(wrk(sys.argv[2])["rps"]))
        return
    results_file, jmh_file, mode, threads, connections, duration = sys.argv[2:8]
    files = dict(line.split(" ", 1) for line in open(results_file).read().splitlines())
    rounds = {}
    for name, path in files.items():
        if path.strip().endswith(".wrk"):
            rounds.setdefault(name.split(".")[0], []).append(wrk(path.strip()))
    runs = {name: median_run(results) for name, results in rounds.items()}
    crypto = jmh(jmh_file)
    cores = os.cpu_count()

    a, b, c, d = (runs[n] for n in ("a-public", "b-one-token", "c-distinct-tokens", "d-backend-direct"))
    issuance = runs["token-issuance"]
    refresh = runs["refresh-rotation"]
    during = runs["b-during-issuance"]
    alone = runs["b-alone"]
    verify_proof, sign_rs = crypto["verifyClientProofRsa2048"][0], crypto["signRs256"][0]
    ceiling_per_core = 1e6 / (verify_proof + sign_rs)
    ceiling = ceiling_per_core * cores
    redis_csv = open(files["redis-rotation"].strip()).read().splitlines()
    redis_rps = float(redis_csv[-1].split(",")[1].strip('"'))
    refresh_rps = refresh["rps"] * int(refresh["extra"].get("refreshes", 0)) / max(1, refresh["requests"])
    sessions, session_bytes = [int(x) for x in open(files["redis-memory"].strip()).read().split()]
    heap = prometheus_heap(files["prometheus"].strip())

    def row(name, run, base):
        return (f"| {name} | {run['rps']:,.0f} | {run['p50']:.2f} | {run['p99']:.2f} | "
                f"{run['rps'] / base['rps']:.2f} | {run['errors']} |")

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    jvm = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]

    goals = [
        ("(b)/(a) ≥ 0.97", b["rps"] / a["rps"], b["rps"] / a["rps"] >= 0.97),
        ("(c)/(a) ≥ 0.85", c["rps"] / a["rps"], c["rps"] / a["rps"] >= 0.85),
        ("p99 (b) ≤ 1.2 × p99 (a)", b["p99"] / a["p99"], b["p99"] / a["p99"] <= 1.2),
        ("issuance ≥ 0.8 × JMH ceiling", issuance["rps"] / ceiling, issuance["rps"] / ceiling >= 0.8),
        ("refresh ≥ 0.5 × redis-benchmark", refresh_rps / redis_rps, refresh_rps / redis_rps >= 0.5),
        ("p99 during issuance ≤ 1.25 × p99 alone", during["p99"] / alone["p99"], during["p99"] / alone["p99"] <= 1.25),
    ]
    lines = [
        f"Run: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, mode {mode}, commit {commit}, "
        f"{jvm}, {cpu}, {cores} cores; wrk -t{threads} -c{connections} -d{duration} on the same machine; "
        f"(a) to (d) are medians of {a['rounds']} interleaved rounds.",
        "",
        "| configuration | requests/s | p50 ms | p99 ms | ratio to (a) | non-2xx |",
        "|---|---|---|---|---|---|",
        row("(a) public route, no authentication", a, a),
        row("(b) authenticated, one token reused (cache)", b, a),
        row("(c) authenticated, a new token per request", c, a),
        row("(d) backend (nginx) directly", d, a),
        row("(b) alone, just before the next row", alone, a),
        row("(b) while /token runs at half capacity", during, a),
        row("/token issuance (Redis store)", issuance, a),
        row("/token/refresh rotation (Redis store)", refresh, a),
        "",
        "| crypto (JMH, one thread) | µs/op |",
        "|---|---|",
    ]
    for name, (score, error) in sorted(crypto.items()):
        lines.append(f"| {name} | {score:.1f} ± {error:.1f} |")
    lines += [
        "",
        f"- Login ceiling: 1 / (verify proof {verify_proof:.1f} µs + sign RS256 {sign_rs:.1f} µs) = "
        f"{ceiling_per_core:,.0f}/s per core, {ceiling:,.0f}/s on {cores} cores; measured {issuance['rps']:,.0f}/s.",
        f"- Refresh: {refresh_rps:,.0f} rotations/s through the gateway (of {refresh['rps']:,.0f} requests/s, "
        f"logins included) against {redis_rps:,.0f}/s of the same script from redis-benchmark.",
        f"- Memory after the run: gateway heap {heap / 1048576:,.0f} MiB used after a full GC; Redis "
        f"{session_bytes / max(1, sessions):,.0f} bytes per active session ({sessions:,} sessions, MEMORY USAGE).",
        "",
        "| goal | measured | met |",
        "|---|---|---|",
    ]
    for goal, value, met in goals:
        lines.append(f"| {goal} | {value:.2f} | {'yes' if met else 'no'} |")
    table = "\n".join(lines)
    print(table)
    doc = os.path.join(ROOT, "docs/PERFORMANCE.md")
    text = open(doc).read()
    if BEGIN in text:
        text = text[: text.index(BEGIN) + len(BEGIN)] + "\n" + table + "\n" + text[text.index(END):]
    else:
        text += "\n## Latest benchmark run\n\n" + BEGIN + "\n" + table + "\n" + END + "\n"
    open(doc, "w").write(text)


if __name__ == "__main__":
    main()
