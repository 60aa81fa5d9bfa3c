#!/usr/bin/env python3
"""Reads what bench/run.sh measured, prints the tables and writes them into docs/PERFORMANCE.md.

  report.py rps <wrk output>        requests per second of one wrk run
  report.py write <results> <jmh.json> <mode> <threads> <connections> <duration> <jvm flags>
"""
import datetime
import json
import os
import platform
import re
import subprocess
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
# Two runs of the same configuration on this shared machine differ by about this much: a last round faster than
# the first by more than that means the JVM was still warming up when the rounds began.
WARM_TOLERANCE = 0.05
READY_FRACTION = 0.9
# 1-minute load average before the bench starts anything; above it, something else was running
BUSY_LOAD = 1.0

CONFIGURATIONS = [
    ("a-public", "(a) public route, no authentication"),
    ("b-one-token", "(b) authenticated, one token reused (cache)"),
    ("c-distinct-tokens", "(c) authenticated, a new token per request"),
    ("d-backend-direct", "(d) backend (nginx) directly"),
    ("e-bare", "(e) bare Spring Cloud Gateway, same backend"),
    ("f-resource-server-distinct-tokens", "(f) resource-server gateway, a new token per request"),
    ("g-resource-server-one-token", "(g) resource-server gateway, one token reused"),
    ("h-bare-one-token", "(h) bare Spring Cloud Gateway, the requests of (b)"),
    ("i-bare-distinct-tokens", "(i) bare Spring Cloud Gateway, the requests of (c)"),
]

# the token API's loads, run in rounds of their own after the rounds above, and checked for warm-up alike: name,
# label, and the short name of the warm-up line (the configurations above use their letter)
TOKEN_API_ROUNDS = [
    ("token-issuance", "/token issuance (Redis store)", "issuance"),
    ("refresh-rotation", "/token/refresh rotation (Redis store)", "refresh"),
]


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
    # refused requests (a login whose proof ran out and was replayed, answered 401 at once) are no throughput:
    # requests/s counts the answered ones only
    if errors and requests and int(requests.group(1)) > 0:
        rps *= (int(requests.group(1)) - int(errors.group(1))) / int(requests.group(1))
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
    # counts a script reports (refresh.lua: refreshes, logins) add up over the rounds, as the requests do
    merged["extra"] = {key: str(sum(int(r["extra"].get(key, 0)) for r in results)) for key in results[0]["extra"]}
    merged["rounds"] = len(results)
    merged["first"], merged["last"] = results[0]["rps"], results[-1]["rps"]
    return merged


def jmh(path):
    scores = {}
    for result in json.load(open(path)):
        name = result["benchmark"].rsplit(".", 1)[1]
        provider = result.get("params", {}).get("provider")
        name = f"{name} [{provider}]" if provider else name
        error = result["primaryMetric"]["scoreError"]
        scores[name] = (float(result["primaryMetric"]["score"]), float(error) if error != "NaN" else float("nan"))
    return scores


def openssl_rsa2048(path):
    """Seconds per RSA-2048 signature and per verification, one core, from `openssl speed rsa2048`."""
    match = re.search(r"^rsa\s+2048 bits\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)\s+([\d.]+)", open(path).read(), re.M)
    if match is None:
        raise SystemExit(f"no 'rsa 2048 bits' line in {path}: did openssl speed fail?")
    # the rates carry more digits than the rounded times
    return 1 / float(match.group(3)), 1 / float(match.group(4))


def slices(path):
    """(seconds since ready at the end of each 1-second slice, requests/s, non-2xx) from run.sh's .slices file."""
    rows = []
    for line in open(path):
        fields = line.split()
        if len(fields) >= 2:
            rows.append((int(fields[0]) / 1000, float(fields[1]), int(fields[2]) if len(fields) > 2 else 0))
    return rows


def time_to_fraction(rows, steady):
    """The end of the first error-free slice at READY_FRACTION of the steady figure, or None."""
    return next((t for t, rps, errors in rows if errors == 0 and rps >= READY_FRACTION * steady), None)


def commandstats(path):
    """Calls per Redis command from `INFO commandstats`, without INFO itself (the bench's own asking)."""
    calls = {}
    for name, count in re.findall(r"^cmdstat_([\w|]+):calls=(\d+)", open(path).read(), re.M):
        if name != "info":
            calls[name] = int(count)
    return calls


def prometheus_heap(path):
    total = 0.0
    for line in open(path):
        if line.startswith("jvm_memory_used_bytes") and 'area="heap"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def revocation_lines(runs, files, row):
    """Issue 11: the proxied path with a full revocation list, how fast a revocation reaches another replica, and
    what a revoked session costs."""
    if "rv-twin-after" not in runs or "revocation-propagation" not in files:
        return []
    first_before, twin_before = runs["rv-first-before"], runs["rv-twin-before"]
    first_after, twin_after = runs["rv-first-after"], runs["rv-twin-after"]
    propagation = dict(re.findall(r"([\w-]+)=([\d.]+)", open(files["revocation-propagation"]).read()))
    memory = dict(re.findall(r"([\w-]+)=([\d.]+)", open(files["revocation-memory"]).read()))
    luck = twin_before["rps"] / first_before["rps"]
    loaded = twin_after["rps"] / first_after["rps"]
    ratio = loaded / luck
    p99 = float(propagation["propagation-p99-ms"])
    return [
        "",
        "| revocation (issue 11), reused-token route, interleaved rounds | requests/s | p50 ms | p99 ms | ÷ (a) "
        "| ÷ bare (e) | non-2xx |",
        "|---|---|---|---|---|---|---|",
        row("gateway, empty list", first_before),
        row("twin gateway, empty list", twin_before),
        row("gateway, empty list (second half)", first_after),
        row("twin gateway, 100 000 revoked sessions in its list", twin_after),
        "",
        f"- The twin ÷ the gateway with both lists empty: {luck:.3f} (what two JVMs of one build differ by); with "
        f"100 000 revoked sessions in the twin's list: {loaded:.3f}. The list's cost, one ÷ the other: "
        f"{ratio:.3f} (goal ≥ 0.98: {'met' if ratio >= 0.98 else 'not met'}).",
        f"- Propagation from the replica that revokes to another replica's list, over "
        f"{propagation['revocations']} revocations: p50 {float(propagation['propagation-p50-ms']):.1f} ms, "
        f"p99 {p99:.1f} ms, max {float(propagation['propagation-max-ms']):.1f} ms "
        f"(goal p99 ≤ 1000 ms: {'met' if p99 <= 1000 else 'not met'}); the clock starts when the revoke call is "
        f"sent, so the figures include that call.",
        f"- A revoked session costs {int(memory['heap-bytes-per-revoked-session']):,} bytes of heap on each replica and "
        f"{int(memory['redis-bytes-per-revoked-session']):,} bytes in Redis ({int(memory['sessions']):,} sessions, "
        f"until access-token lifetime + clock skew after the revocation).",
        f"- The edge's revocation check of a token that is not revoked, one thread: "
        f"{float(memory['check-ns-empty']):.1f} ns with an empty list, {float(memory['check-ns-full']):.1f} ns with "
        f"{int(memory['sessions']):,} revoked sessions in it.",
    ]


def main():
    if sys.argv[1] == "rps":
        # the median of the rounds given
        print(int(median_run([wrk(path) for path in sys.argv[2:]])["rps"]))
        return
    results_file, jmh_file, mode, threads, connections, duration, jvm_flags = sys.argv[2:9]
    entries = open(results_file).read().splitlines()
    files = {name: path.strip() for name, path in (line.split(" ", 1) for line in entries)}
    rounds = {}
    for name, path in files.items():
        if path.endswith(".wrk"):
            rounds.setdefault(name.split(".")[0], []).append(wrk(path))
    runs = {name: median_run(results) for name, results in rounds.items()}
    crypto = jmh(jmh_file)
    cores = os.cpu_count()

    a, b, c, d, e, f, g, h, i = (runs[n] for n, _ in CONFIGURATIONS)
    issuance = runs["token-issuance"]
    refresh = runs["refresh-rotation"]
    during = runs["b-during-issuance"]
    alone = runs["b-alone"]

    def paired(top, bottom, key="rps"):
        """The ratio of two configurations that ran next to each other, round by round, and its median: each round's
        pair shares that round's state of the machine, which a ratio of the two medians (perhaps of two rounds) would
        not."""
        ratios = [t[key] / u[key] for t, u in zip(rounds[top], rounds[bottom])]
        return statistics.median(ratios), ratios

    # (b) alone and (b) beside the logins take turns, round by round
    isolation, isolation_ratios = paired("b-during-issuance", "b-alone", "p99")
    logins_offered = int(open(files["isolation-offered"]).read())
    logins_served = runs["isolation-login"]["rps"]

    # the login ceilings: 1 / (verify the client's proof + sign the access token) per core, times the cores
    ssl_sign, ssl_verify = openssl_rsa2048(files["openssl"])
    openssl_ceiling = cores / (ssl_sign + ssl_verify)
    # the gateway's default provider (auto: the native one where it loads)
    verify_proof, sign_rs = crypto["verifyClientProofRsa2048 [auto]"][0], crypto["signRs256 [auto]"][0]
    jmh_ceiling = cores * 1e6 / (verify_proof + sign_rs)

    redis_csv = open(files["redis-rotation"]).read().splitlines()
    redis_rps = float(redis_csv[-1].split(",")[1].strip('"'))
    refresh_rps = refresh["rps"] * int(refresh["extra"].get("refreshes", 0)) / max(1, refresh["requests"])
    refresh_ceiling = min(openssl_ceiling, redis_rps)
    sessions, session_bytes = [int(x) for x in open(files["redis-memory"]).read().split()]
    probe = dict(re.findall(r"([\w-]+)=(\d+)", open(files["redis-memory-probe"]).read()))
    heap = prometheus_heap(files["prometheus"])
    counts = [int(x) for x in open(files["redis-commands"]).read().split()]
    asked_0, asked_1, after, issued_before, issued_after = counts
    logins = issued_after - issued_before
    commands = after - asked_1 - (asked_1 - asked_0)
    calls_before = commandstats(files["redis-commandstats-before"])
    calls_after = commandstats(files["redis-commandstats-after"])
    per_command = sorted(((calls_after[n] - calls_before.get(n, 0), n) for n in calls_after), reverse=True)
    command_mix = ", ".join(f"{n.upper()} {count / max(1, logins):.1f}" for count, n in per_command if count > 0)

    # one line per start (the full run starts the gateway and the bare one several times): the median counts
    starts = {name: [int(line) / 1000 for line in open(files["ready-" + name]).read().split()]
              for name in ("gateway", "bare", "resource-server")}
    ready = {name: statistics.median(times) for name, times in starts.items()}

    def start_to_ready(name):
        times = starts[name]
        if len(times) == 1:
            return f"{times[0]:.1f} s"
        return f"{ready[name]:.1f} s (median of {len(times)} starts: {', '.join(f'{t:.1f}' for t in times)})"
    gateway_slices, bare_slices = slices(files["slices-gateway"]), slices(files["slices-bare"])
    gateway_full_speed = time_to_fraction(gateway_slices, b["rps"])
    bare_full_speed = time_to_fraction(bare_slices, e["rps"])

    def row(name, run):
        return (f"| {name} | {run['rps']:,.0f} | {run['p50']:.2f} | {run['p99']:.2f} | "
                f"{run['rps'] / a['rps']:.2f} | {run['rps'] / e['rps']:.2f} | {run['errors']} |")

    def full_speed(seconds, rows):
        window = rows[-1][0] if rows else 0
        return f"{seconds:.1f} s" if seconds is not None else f"not within {window:.0f} s"

    load_before = float(open(files["load-before"]).read())
    busy = [] if load_before <= BUSY_LOAD else [
        f"the machine was busy before the run began (load average {load_before:.1f} on {cores} cores): "
        f"other work shared the CPUs with every measurement."]
    warm_ratios, drifted = [], []
    for name, label, short in [(name, label, label.split(" ")[0]) for name, label in CONFIGURATIONS] \
            + TOKEN_API_ROUNDS:
        run = runs[name]
        if run["rounds"] < 2:
            continue
        # in the full run's three rounds a configuration's first and last run sit in the same slot of their round
        # (the second round runs backwards); in the quick run's two they do not
        ratio = run["last"] / run["first"]
        warm_ratios.append(f"{short} {ratio:.2f}")
        if name == "d-backend-direct":
            # nginx has no JIT: a change between its rounds is the machine's, and the JVMs' ratios carry it too
            if abs(ratio - 1) > WARM_TOLERANCE:
                drifted.append(f"{label}: last round {ratio:.2f} × the first without any JIT: the "
                                     f"machine's load changed between rounds, and the ratios above carry that noise.")
        elif ratio > 1 + WARM_TOLERANCE:
            drifted.append(f"{label}: last round {ratio:.2f} × the first (more than "
                                 f"{WARM_TOLERANCE:.0%} faster): that JVM was still warming up; its figures are low.")
    refused = [f"{label}: {runs[name]['errors']:,} answers not 2xx over its rounds; requests/s counts the 2xx "
               f"answers only." for name, label in CONFIGURATIONS + [(n, l) for n, l, _ in TOKEN_API_ROUNDS]
               if name in runs and runs[name]["errors"]]
    warnings = busy + drifted + refused

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    jvm = subprocess.run([os.environ.get("BENCH_JAVA", "java"), "-version"], capture_output=True, text=True).stderr.splitlines()[0]

    # the goals of the validation rounds: each the median of its rounds' ratios, the two sides having run next to
    # each other in every round
    public_bare, public_bare_rounds = paired("a-public", "e-bare")
    cached_bare, cached_bare_rounds = paired("b-one-token", "h-bare-one-token")
    new_bare, new_bare_rounds = paired("c-distinct-tokens", "i-bare-distinct-tokens")
    new_stock, new_stock_rounds = paired("c-distinct-tokens", "f-resource-server-distinct-tokens")
    cached_p99, cached_p99_rounds = paired("b-one-token", "h-bare-one-token", "p99")

    def goal(text, value, target, higher_is_better=True, unit="", digits=3):
        # three digits for ratios, so that a miss never prints as the target itself (0.926 against 0.93)
        if value is None:
            return (text, "not reached", False)
        met = value >= target if higher_is_better else value <= target
        return (text, f"{value:.{digits}f}{unit}", met)

    goals = [
        goal("public route ÷ bare Spring Cloud Gateway ≥ 0.97", public_bare, 0.97),
        # (h) and (i) receive the very requests of (b) and (c): a bearer token is some 800 bytes that any gateway
        # reads and forwards, so the ratio isolates what validating it costs
        goal("reused token (cache) ÷ bare Spring Cloud Gateway ≥ 0.93 [(b) ÷ (h)]", cached_bare, 0.93),
        goal("new token every request ÷ bare Spring Cloud Gateway ≥ 0.85 [(c) ÷ (i)]", new_bare, 0.85),
        goal("new token every request ÷ stock resource-server gateway ≥ 2.5", new_stock, 2.5),
        goal("p99 of the reused-token route ÷ p99 of bare ≤ 1.15 [(b) ÷ (h)]", cached_p99, 1.15, False),
        goal("/token logins per second ÷ OpenSSL ceiling ≥ 0.7", issuance["rps"] / openssl_ceiling, 0.7),
        goal("/token/refresh per second ÷ min(signing ceiling, redis-benchmark) ≥ 0.7",
             refresh_rps / refresh_ceiling, 0.7),
        goal("proxied p99 while /token runs at half capacity ÷ proxied p99 alone ≤ 1.25", isolation, 1.25, False),
        goal("a fresh replica: start to ready ≤ 5 s", ready["gateway"], 5, False, " s", 1),
        goal("a fresh replica: ready to 90 % of its steady throughput ≤ 60 s", gateway_full_speed, 60, False, " s",
             1),
    ]
    lines = [
        f"Run: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, mode {mode}, commit {commit}, "
        f"{jvm}, {cpu}, {cores} cores (load average {load_before:.1f} before the run); each gateway a JVM of its "
        f"own with {jvm_flags}; wrk -t{threads} -c{connections} -d{duration} on the same machine; (a) to (i) are "
        f"medians of {a['rounds']} interleaved rounds (in the order d e a b h i c f g, backwards every second "
        f"round), issuance and refresh medians of {issuance['rounds']} "
        f"rounds of their own after a warm-up of the login path"
        + ("; the gateway ran from the AOT cache of a training run, as in its image." if "aot-cache" in files
           else "; no AOT cache (a JDK before 25, or the quick run)."),
        "",
        "| configuration | requests/s | p50 ms | p99 ms | ÷ (a) | ÷ bare (e) | non-2xx |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [row(label, runs[name]) for name, label in CONFIGURATIONS]
    lines += [
        row("(b) alone, in rounds taking turns with the next row", alone),
        row(f"(b) while /token is offered half its capacity ({logins_offered:,}/s)", during),
        row(TOKEN_API_ROUNDS[0][1], issuance),
        row(TOKEN_API_ROUNDS[1][1], refresh),
        "",
        f"Warm-up check, last round ÷ first round: {', '.join(warm_ratios)}"
        + ("; see the warnings below." if drifted else f"; none more than {WARM_TOLERANCE:.0%} faster."),
    ]
    if warnings:
        lines += [""] + [f"- **Warning:** {w}" for w in warnings]
    lines += [
        "",
        "| start-up (other JVMs idle) | start to ready | ready to 90 % of steady throughput |",
        "|---|---|---|",
        f"| seta-gateway (readiness UP on the management port) | {start_to_ready('gateway')} | "
        f"{full_speed(gateway_full_speed, gateway_slices)} (steady: (b) {b['rps']:,.0f}/s) |",
        f"| bare gateway (route answers) | {start_to_ready('bare')} | "
        f"{full_speed(bare_full_speed, bare_slices)} (steady: (e) {e['rps']:,.0f}/s) |",
        f"| resource-server gateway (route answers) | {ready['resource-server']:.1f} s | not measured |",
        "",
        "| crypto (JMH, one thread) | µs/op |",
        "|---|---|",
    ]
    for name, (score, error) in sorted(crypto.items()):
        lines.append(f"| {name} | {score:.1f} ± {error:.1f} |")
    lines += [
        "",
        f"- Login ceiling (OpenSSL): `openssl speed rsa2048` signs in {ssl_sign * 1e6:.0f} µs and verifies in "
        f"{ssl_verify * 1e6:.1f} µs on one core: 1 / (sign + verify) × {cores} cores = {openssl_ceiling:,.0f}/s; "
        f"measured {issuance['rps']:,.0f}/s ({issuance['rps'] / openssl_ceiling:.2f}).",
        f"- Login ceiling (default provider, JMH): 1 / (verify proof {verify_proof:.1f} µs + sign RS256 {sign_rs:.1f} µs) × "
        f"{cores} cores = {jmh_ceiling:,.0f}/s ({issuance['rps'] / jmh_ceiling:.2f} of it measured).",
        f"- Refresh: {refresh_rps:,.0f} rotations/s through the gateway (of {refresh['rps']:,.0f} requests/s, "
        f"logins included) against min(OpenSSL ceiling {openssl_ceiling:,.0f}/s, redis-benchmark of the rotation "
        f"script {redis_rps:,.0f}/s) = {refresh_ceiling:,.0f}/s.",
        "- The goals of (a) to (i), round by round (each goal is the median of its rounds' ratios): "
        + "; ".join(f"{name} {', '.join(f'{r:.2f}' for r in ratios)}" for name, ratios in [
            ("public ÷ bare", public_bare_rounds), ("(b) ÷ (h)", cached_bare_rounds), ("(c) ÷ (i)", new_bare_rounds),
            ("(c) ÷ resource-server", new_stock_rounds), ("p99 of (b) ÷ (h)", cached_p99_rounds)]) + ".",
        f"- Isolation: logins offered at {logins_offered:,}/s (half the issuance rounds' median) from "
        f"{connections} connections, served {logins_served:,.0f}/s ({logins_served / logins_offered:.2f} of it); the "
        f"p99 of (b) beside them ÷ the p99 of (b) alone in the round before: "
        f"{', '.join(f'{r:.2f}' for r in isolation_ratios)}; the goal takes their median, {isolation:.3f}.",
        f"- Redis commands per login: {commands / max(1, logins):.1f} ({commands:,} commands in "
        f"`total_commands_processed` over the last issuance round, {logins:,} tokens issued by the gateway's count); "
        f"per login: {command_mix}.",
        f"- Memory after the run: gateway heap {heap / 1048576:,.0f} MiB used after a full GC; Redis "
        f"{session_bytes / max(1, sessions):,.0f} bytes per active session ({sessions:,} sessions of one principal, "
        f"MEMORY USAGE); {int(probe['redis-bytes-per-session']):,} bytes per session and "
        f"{int(probe['redis-bytes-per-proof-record']):,} per login proof record (kept for the replay window) with "
        f"{probe['principals']} principals of {int(probe['sessions']) // int(probe['principals'])} sessions each.",
        "",
        "| goal (issue 10) | measured | met |",
        "|---|---|---|",
    ]
    for text, value, met in goals:
        lines.append(f"| {text} | {value} | {'yes' if met else 'no'} |")
    lines += revocation_lines(runs, files, row)
    table = "\n".join(lines)
    print(table)
    for w in warnings:
        print("WARNING: " + w, file=sys.stderr)
    doc = os.path.join(ROOT, "docs/PERFORMANCE.md")
    text = open(doc).read()
    if BEGIN in text:
        text = text[: text.index(BEGIN) + len(BEGIN)] + "\n" + table + "\n" + text[text.index(END):]
    else:
        text += "\n## Latest benchmark run\n\n" + BEGIN + "\n" + table + "\n" + END + "\n"
    open(doc, "w").write(text)


if __name__ == "__main__":
    main()
