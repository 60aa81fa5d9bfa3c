"""Clients that try to tie up the edge, and one normal client that must still be served: bench/exhaust.sh runs it.

Usage: python3 clients.py HOST PORT SLOW IDLE SECONDS PROOFS_FILE TOKEN
  SLOW     connections that send a request head one byte a second (slowloris)
  IDLE     connections that complete one request, then stay open and silent (keep-alive)
  SECONDS  how long to watch: every slow and idle connection should be closed by the gateway before this ends
Prints one JSON object: when the gateway closed the slow and idle connections (seconds after their last request
started), whether any slow one got an answer, and the normal client's latencies for a token and a proxied call."""
import asyncio
import json
import sys
import time

HOST, PORT = sys.argv[1], int(sys.argv[2])
SLOW, IDLE, SECONDS = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
PROOFS = [line.strip() for line in open(sys.argv[6]) if line.strip()]
TOKEN = sys.argv[7]
SLOW_HEAD = (b"GET /seta-search/api/v1/corpus HTTP/1.1\r\nHost: localhost\r\nUser-Agent: "
             + b"s" * 200 + b"\r\n\r\n")


async def slow_client(results):
    reader, writer = await asyncio.open_connection(HOST, PORT)
    started = time.monotonic()
    sent = 0
    answered = False

    async def watch():
        nonlocal answered
        data = await reader.read(1)
        answered = bool(data)

    watcher = asyncio.ensure_future(watch())
    try:
        while sent < len(SLOW_HEAD) and not watcher.done():
            writer.write(SLOW_HEAD[sent:sent + 1])
            await writer.drain()
            sent += 1
            await asyncio.wait([watcher], timeout=1.0)
        await asyncio.wait_for(watcher, timeout=max(1.0, SECONDS - (time.monotonic() - started)))
        results.append({"closed_after": time.monotonic() - started, "answered": answered, "sent": sent})
    except (ConnectionError, OSError):
        results.append({"closed_after": time.monotonic() - started, "answered": answered, "sent": sent})
    except asyncio.TimeoutError:
        results.append({"closed_after": None, "answered": answered, "sent": sent})
    finally:
        writer.close()


async def idle_client(results):
    reader, writer = await asyncio.open_connection(HOST, PORT)
    writer.write(b"GET /authentication/v1/jwks HTTP/1.1\r\nHost: localhost\r\n\r\n")
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")][0].split(b":")[1])
    await reader.readexactly(length)
    answered_at = time.monotonic()
    try:
        data = await asyncio.wait_for(reader.read(1), timeout=SECONDS)
        results.append({"closed_after": time.monotonic() - answered_at, "unexpected": bool(data)})
    except (ConnectionError, OSError):
        results.append({"closed_after": time.monotonic() - answered_at, "unexpected": False})
    except asyncio.TimeoutError:
        results.append({"closed_after": None, "unexpected": False})
    finally:
        writer.close()


async def request(raw):
    started = time.monotonic()
    reader, writer = await asyncio.open_connection(HOST, PORT)
    writer.write(raw)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    length = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
    if length:
        await reader.readexactly(int(length[0].split(b":")[1]))
    writer.close()
    return status, time.monotonic() - started


async def normal_client(samples, proofs):
    # one token and one proxied call every 5 s while the others hold their connections
    end = time.monotonic() + SECONDS - 5
    while time.monotonic() < end and proofs:
        body = proofs.pop().encode()
        token = await request(b"POST /authentication/v1/token HTTP/1.1\r\nHost: localhost\r\n"
                              b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode()
                              + b"\r\n\r\n" + body)
        proxied = await request(b"GET /seta-search/api/v1/corpus HTTP/1.1\r\nHost: localhost\r\n"
                                b"Authorization: Bearer " + TOKEN.encode() + b"\r\n\r\n")
        samples.append({"t": time.monotonic(), "token": token, "proxied": proxied})
        await asyncio.sleep(5)


async def main():
    slow, idle, samples = [], [], []
    tasks = []
    for i in range(IDLE):
        tasks.append(asyncio.ensure_future(idle_client(idle)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    for i in range(SLOW):
        tasks.append(asyncio.ensure_future(slow_client(slow)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    await asyncio.sleep(2)
    tasks.append(asyncio.ensure_future(normal_client(samples, list(PROOFS))))
    await asyncio.gather(*tasks, return_exceptions=True)

    def closes(results):
        times = sorted(r["closed_after"] for r in results if r["closed_after"] is not None)
        return {"count": len(results), "closed": len(times), "min_s": times[0] if times else None,
                "max_s": times[-1] if times else None}

    print(json.dumps({
        "slow": dict(closes(slow), answered=sum(1 for r in slow if r["answered"]),
                     max_bytes_sent=max((r["sent"] for r in slow), default=0)),
        "idle": dict(closes(idle), unexpected=sum(1 for r in idle if r["unexpected"])),
        "normal": {"samples": len(samples),
                   "token_status": sorted({s["token"][0] for s in samples}),
                   "proxied_status": sorted({s["proxied"][0] for s in samples}),
                   "token_s": [round(s["token"][1], 3) for s in samples],
                   "proxied_s": [round(s["proxied"][1], 3) for s in samples]},
    }))


asyncio.run(main())
