"""The garbage-token rounds of bench/exhaust.sh in one table: valid calls alone, beside the garbage sent to the
gateway, and beside the same garbage sent to the control (nginx refusing it), each case once a round. The gateway's
own share of the slowdown is the gateway case against the control case: the same load generator and the same kernel
traffic, only who refuses the garbage differs. Medians over the rounds, and of the ratios within each round.

usage: beside_report.py WORK ROUNDS"""
import re
import statistics
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
CASES = ("alone", "gateway", "control")


def valid(path):
    """Requests a second, median and p99 in milliseconds."""
    text = open(path).read()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))

    def latency(percent):
        match = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % percent, text, re.M)
        return float(match.group(1)) * UNITS[match.group(2)]

    return rate, latency(50), latency(99)


def garbage(path):
    """Requests sent and answers that were not 2xx/3xx."""
    text = open(path).read()
    sent = int(re.search(r"(\d+) requests in", text).group(1))
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return sent, int(refused.group(1)) if refused else 0


def requests(path):
    return int(re.search(r"(\d+) requests in", open(path).read()).group(1))


def cpu(path):
    """Seconds of the gateway's CPU between the two tick counts in the file."""
    before, after = (int(line) for line in open(path).read().split())
    return (after - before) / 100


def main(work, rounds):
    full = {case: [valid(f"{work}/valid-{case}-{r}.wrk") for r in range(1, rounds + 1)] for case in CASES}
    paced = {case: [valid(f"{work}/valid-paced-{case}-{r}.wrk") for r in range(1, rounds + 1)] for case in CASES}
    median = statistics.median

    def cell(rows):
        return (f"{median(r[0] for r in rows):,.0f}/s, median {median(r[1] for r in rows):.2f} ms, "
                f"p99 {median(r[2] for r in rows):.1f} ms")

    print(f"medians of {rounds} rounds")
    print("| valid calls | alone | beside garbage to the gateway | beside garbage to the control |")
    print("|---|---|---|---|")
    print("| full speed | " + " | ".join(cell(full[case]) for case in CASES) + " |")
    print("| paced | " + " | ".join(cell(paced[case]) for case in CASES) + " |")

    def ratio(table, case, other, index):
        return median(table[case][r][index] / table[other][r][index] for r in range(rounds))

    print()
    print("median of the rounds' ratios:")
    for name, table, index in (("full-speed calls a second", full, 0), ("paced median latency", paced, 1),
                               ("paced p99 latency", paced, 2)):
        print(f"  {name}: gateway/alone {ratio(table, 'gateway', 'alone', index):.3f}, "
              f"control/alone {ratio(table, 'control', 'alone', index):.3f}, "
              f"gateway/control {ratio(table, 'gateway', 'control', index):.3f}")
    # the gateway's CPU per request, from its user and system ticks: valid calls alone (full speed and paced
    # together), and garbage alone at the asked rate
    per_valid = median(cpu(f"{work}/cpu-alone-{r}.txt")
                       / (requests(f"{work}/valid-alone-{r}.wrk") + requests(f"{work}/valid-paced-alone-{r}.wrk"))
                       for r in range(1, rounds + 1))
    per_garbage = cpu(f"{work}/cpu-garbage-alone.txt") / requests(f"{work}/garbage-alone.wrk")
    print(f"gateway CPU (user + system) per valid call alone: {per_valid * 1e6:.0f} µs (median of the rounds); "
          f"per garbage token alone: {per_garbage * 1e6:.0f} µs ({per_garbage / per_valid:.2f} of a valid call)")
    for case in ("gateway", "control"):
        counts = [garbage(f"{work}/garbage-{case}-{r}.wrk") for r in range(1, rounds + 1)]
        sent = sum(c[0] for c in counts)
        print(f"garbage sent to the {case}: {sent} in {rounds} x 36 s ({sent / (rounds * 36):,.0f} a second), "
              f"{sum(c[1] for c in counts)} refused")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
