"""Delay from a report's commit to its server-sent event at a listening dispatcher.

Opens /api/v1/incidents/stream, then posts 50 warm-up and N measured reports one after
another; for each measured one, the time
from sending the POST to the event's arrival is an upper bound of commit-to-client delay (the
commit happens before the 201). Prints median, p99 and max in milliseconds.
"""
import json
import random
import sys
import os
import threading
import time
import urllib.request

base, matter = sys.argv[1], sys.argv[2]
minx, miny, maxx, maxy = map(float, sys.argv[3:7])
count = int(sys.argv[7])
arrived = {}
ready = threading.Event()


# The stream needs a sign-in: bench/lib.sh's bench_sign_in exports the admin's token.
AUTH = {"Authorization": "Bearer " + os.environ["bench_token"]} if os.environ.get("bench_token") else {}


def listen():
    stream_request = urllib.request.Request(base + "/api/v1/incidents/stream", headers=AUTH)
    with urllib.request.urlopen(stream_request, timeout=60) as stream:
        ready.set()
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("data:"):
                event = json.loads(line[5:])
                if event.get("action") == "report":
                    arrived[event["incidentId"]] = time.perf_counter()


threading.Thread(target=listen, daemon=True).start()
ready.wait(10)
time.sleep(0.5)
rnd = random.Random(7)
sent = {}
warmup = 50
for n in range(warmup + count):
    body = json.dumps({"matter": matter, "description": "sse latency", "channel": "app",
                       "lon": rnd.uniform(minx, maxx), "lat": rnd.uniform(miny, maxy)}).encode()
    request = urllib.request.Request(base + "/api/v1/incidents", data=body,
                                     headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=10) as response:
        incident = json.loads(response.read())["id"]
    if n >= warmup:
        sent[incident] = start
deadline = time.perf_counter() + 5
while len([i for i in sent if i in arrived]) < len(sent) and time.perf_counter() < deadline:
    time.sleep(0.05)
delays = sorted((arrived[i] - sent[i]) * 1000 for i in sent if i in arrived)
lost = len(sent) - len(delays)
if not delays:
    print(f"no events arrived ({lost} lost)")
else:
    p = lambda q: delays[min(len(delays) - 1, int(len(delays) * q))]
    print(f"median {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms, max {delays[-1]:.1f} ms over {len(delays)} reports, {lost} missed")
