"""Checks of bench/scaleout.sh that need timing finer than curl in a loop gives.

  stream  POSTs reports to one base URL while dispatchers listen on others' event streams;
          prints, per listener, how many reports arrived and the delay from sending the POST
          to the event (median, max): an upper bound of commit-to-dispatcher delay.
  publish publishes a plan renaming one grid on one instance and polls another instance's
          lookup of a point in that grid until it answers with the new name; prints the time
          from the publish's answer (the commit) and from its request, per round (a new plan
          each round), and the other instance's index build time.
  lag     POSTs a report to one instance and polls another's incident list (which reads the
          replica when one is configured) until it lists the report; prints the delays.
  resume  after the database came back: POSTs a report every second to one instance until a
          listener on another receives one; prints how long that took.

Output: one line of key=value pairs, read by bench/scaleout.sh. Localhost only, bounded.
"""
import json
import random
import sys
import os
import threading
import time
import urllib.error
import urllib.request

# The staff endpoints need a sign-in: bench/lib.sh's bench_sign_in exports the admin's token.
AUTH = {"Authorization": "Bearer " + os.environ["bench_token"]} if os.environ.get("bench_token") else {}


def request(method, url, body=None, headers=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={**AUTH, **dict(headers or {})})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=timeout) as response:
        return response.status, dict(response.headers), response.read()


class Listener:
    """Reads /api/v1/incidents/stream of one base URL in a thread; notes arrival times."""

    def __init__(self, base):
        self.base = base
        self.arrived = {}
        self.ready = threading.Event()
        threading.Thread(target=self.run, daemon=True).start()

    def run(self):
        try:
            stream_request = urllib.request.Request(self.base + "/api/v1/incidents/stream", headers=AUTH)
            with urllib.request.urlopen(stream_request, timeout=120) as stream:
                for raw in stream:
                    line = raw.decode("utf-8").rstrip("\n")
                    # The first comment (": connected") says the subscription is in place.
                    if line.startswith(":"):
                        self.ready.set()
                    if line.startswith("data:"):
                        event = json.loads(line[5:])
                        if event.get("action") == "report":
                            self.arrived.setdefault(event["incidentId"], time.perf_counter())
        except Exception as ex:  # the check reports what did not arrive
            print(f"listener {self.base}: {ex}", file=sys.stderr)
            self.ready.set()


def report(base, matter, bbox, rnd, description):
    minx, miny, maxx, maxy = bbox
    body = {"matter": matter, "description": description, "channel": "app",
            "lon": rnd.uniform(minx, maxx), "lat": rnd.uniform(miny, maxy)}
    start = time.perf_counter()
    _, _, answer = request("POST", base + "/api/v1/incidents", body)
    return json.loads(answer)["id"], start


def stream(args):
    post, listens, matter = args[0], args[1].split(","), args[2]
    bbox = tuple(map(float, args[3:7]))
    count, warmup = int(args[7]), 3
    listeners = [Listener(base) for base in listens]
    for listener in listeners:
        listener.ready.wait(10)
    time.sleep(0.3)
    rnd = random.Random(8)
    sent = {}
    for n in range(warmup + count):
        incident, start = report(post, matter, bbox, rnd, "scale-out stream check")
        if n >= warmup:
            sent[incident] = start
        time.sleep(0.05)
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline and any(i not in l.arrived for l in listeners for i in sent):
        time.sleep(0.05)
    out = []
    for k, listener in enumerate(listeners):
        delays = sorted((listener.arrived[i] - sent[i]) * 1000 for i in sent if i in listener.arrived)
        median = delays[len(delays) // 2] if delays else -1
        top = delays[-1] if delays else -1
        out.append(f"l{k}_received={len(delays)} l{k}_median_ms={median:.0f} l{k}_max_ms={top:.0f}")
    print(f"sent={len(sent)} " + " ".join(out))


def publish_once(a, b, grid, community, lon, lat, today):
    """One plan renaming the grid, published on A; returns the figures of B's refresh."""
    name = "扩容检查 %d" % time.time_ns()
    status, headers, body = request("POST", a + "/api/v1/plans", {
        "name": "scale-out check", "parent": community, "effectiveDate": today, "author": "scaleout"})
    created = json.loads(body)
    plan = created["plan"]["id"] if "plan" in created else created["id"]
    etag = headers["ETag"]
    status, headers, body = request("POST", f"{a}/api/v1/plans/{plan}/changes", {
        "author": "scaleout", "changes": [{"kind": "attributes", "grid": grid, "set": {"name": name}}]},
        {"If-Match": etag})
    etag = headers["ETag"]
    before = json.loads(request("GET", b + "/actuator/info")[2]).get("gridIndex", {}).get("generation")
    lookup = f"{b}/api/v1/lookup?lon={lon}&lat={lat}"
    sent = time.perf_counter()
    request("POST", f"{a}/api/v1/plans/{plan}/publish", {"author": "scaleout"}, {"If-Match": etag}, timeout=60)
    committed = time.perf_counter()
    deadline = committed + 10
    while time.perf_counter() < deadline:
        _, headers, body = request("GET", lookup)
        if json.loads(body)["grid"]["name"] == name:
            seen = time.perf_counter()
            index = json.loads(request("GET", b + "/actuator/info")[2]).get("gridIndex", {})
            return {"after_commit_ms": round((seen - committed) * 1000),
                    "after_request_ms": round((seen - sent) * 1000),
                    "publish_ms": round((committed - sent) * 1000),
                    "build_ms": index.get("buildMillis"), "source": headers.get("X-Lookup-Source"),
                    "generations": f"{before}->{index.get('generation')}"}
        time.sleep(0.01)
    return None


def publish(args):
    a, b, grid, community, lon, lat, today = args[:7]
    rounds = int(args[7]) if len(args) > 7 else 1
    results = []
    for _ in range(rounds):
        result = publish_once(a, b, grid, community, lon, lat, today)
        if result is None:
            print(f"seen=no rounds={len(results) + 1}")
            return
        results.append(result)
        time.sleep(1)
    after = sorted(r["after_commit_ms"] for r in results)
    keys = ["after_commit_ms", "after_request_ms", "publish_ms", "build_ms", "source", "generations"]
    print("seen=yes median_ms=%d max_ms=%d " % (after[len(after) // 2], after[-1])
          + " ".join(f"{k}={','.join(str(r[k]) for r in results)}" for k in keys))


def lag(args):
    """A report on A, then B's incident list (read from the replica) polled until it lists it."""
    post, read, matter = args[0], args[1], args[2]
    bbox = tuple(map(float, args[3:7]))
    rounds = int(args[7])
    rnd = random.Random(10)
    delays = []
    for _ in range(rounds):
        incident, _ = report(post, matter, bbox, rnd, "replica lag check")
        answered = time.perf_counter()
        deadline = answered + 10
        while time.perf_counter() < deadline:
            features = json.loads(request("GET", read + "/api/v1/incidents?limit=1")[2])["features"]
            if features and features[0]["properties"]["id"] == incident:
                delays.append((time.perf_counter() - answered) * 1000)
                break
            time.sleep(0.005)
        time.sleep(0.2)
    delays.sort()
    median = delays[len(delays) // 2] if delays else -1
    top = delays[-1] if delays else -1
    print(f"rounds={rounds} seen={len(delays)} median_ms={median:.0f} max_ms={top:.0f} "
          f"all_ms={','.join('%.0f' % d for d in delays)}")


def resume(args):
    post, listen, matter = args[0], args[1], args[2]
    bbox = tuple(map(float, args[3:7]))
    limit = float(args[7])
    start = time.perf_counter()
    listener = Listener(listen)
    listener.ready.wait(10)
    rnd = random.Random(9)
    sent = set()
    while time.perf_counter() - start < limit:
        try:
            sent.add(report(post, matter, bbox, rnd, "scale-out resume check")[0])
        except (urllib.error.URLError, OSError):
            pass
        for _ in range(10):
            if any(i in listener.arrived for i in sent):
                print(f"resumed=yes seconds={time.perf_counter() - start:.1f} posted={len(sent)}")
                return
            time.sleep(0.1)
    print(f"resumed=no seconds={limit:.0f} posted={len(sent)}")


if __name__ == "__main__":
    {"stream": stream, "publish": publish, "lag": lag, "resume": resume}[sys.argv[1]](sys.argv[2:])
