/*
 * Open-loop HTTP load at a fixed request rate, for bench/lookup.sh.
 *
 * wrk is closed-loop: a slow answer delays the next request on its connection and hides
 * the queueing it causes ("coordinated omission"). Here request i is due at
 * start + i / rate whatever the server does; when no connection is free it waits in a
 * queue, and its latency is counted from the moment it was due, so a stall is charged to
 * every request it delays. One thread and epoll keep the client's own CPU small: on the
 * 2-core machine it shares with the service, a Java client fell behind at 7,000
 * requests/s and measured its own queue.
 *
 * Build: cc -O2 -o openloop bench/openloop.c -lm
 * Usage: openloop HOST PORT RATE SECONDS MINLON MINLAT MAXLON MAXLAT [PATH] [CONNECTIONS]
 *   Each request asks PATH?lon=…&lat=… for a uniform random point (fixed seed) in the box.
 * Prints one line: requests due, answered, by status class, errors, achieved rate, and
 * latency percentiles in ms, measured from each request's due time.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNECTIONS 512
#define BUFFER 65536

struct connection {
	int fd;
	int busy;           /* a request is in flight */
	int64_t due;        /* due time of the request in flight, ns */
	char in[BUFFER];    /* response bytes read so far */
	size_t have;
};

static struct connection conns[MAX_CONNECTIONS];
static int nconns;
static struct sockaddr_in server;
static int epfd;

static int64_t now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t) t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* xorshift64*: a fixed sequence of points for every run. */
static uint64_t seed = 20261123ULL;
static double uniform(void) {
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return (double) ((seed * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

static int open_connection(struct connection *c) {
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, (struct sockaddr *) &server, sizeof server) < 0 && errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
	epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
	c->fd = fd;
	c->busy = 0;
	c->have = 0;
	return 0;
}

static int compare(const void *a, const void *b) {
	int64_t x = *(const int64_t *) a, y = *(const int64_t *) b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv) {
	if (argc < 9) {
		fprintf(stderr, "usage: %s HOST PORT RATE SECONDS MINLON MINLAT MAXLON MAXLAT [PATH] [CONNECTIONS]\n",
				argv[0]);
		return 2;
	}
	const char *host = argv[1];
	int port = atoi(argv[2]);
	double rate = atof(argv[3]);
	double seconds = atof(argv[4]);
	double minx = atof(argv[5]), miny = atof(argv[6]), maxx = atof(argv[7]), maxy = atof(argv[8]);
	const char *path = (argc > 9) ? argv[9] : "/api/v1/lookup";
	int wanted = (argc > 10) ? atoi(argv[10]) : 64;
	if (wanted > MAX_CONNECTIONS) {
		wanted = MAX_CONNECTIONS;
	}
	long total = (long) (rate * seconds + 0.5);
	int64_t interval = (int64_t) (1e9 / rate);

	server.sin_family = AF_INET;
	server.sin_port = htons(port);
	if (inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host, &server.sin_addr) != 1) {
		fprintf(stderr, "host must be an IPv4 address or localhost\n");
		return 2;
	}
	epfd = epoll_create1(0);
	for (nconns = 0; nconns < wanted; nconns++) {
		if (open_connection(&conns[nconns]) < 0) {
			perror("connect");
			return 1;
		}
	}

	int64_t *latency = calloc(total, sizeof *latency);
	long next = 0;        /* next request to become due */
	long queued_from = 0; /* oldest due request not yet sent */
	long answered = 0, errors = 0, s2xx = 0, s4xx = 0, s5xx = 0, reconnects = 0;
	int64_t start = now_ns() + 100000000LL;
	int64_t deadline = start + (int64_t) (seconds * 1e9) + 10000000000LL; /* 10 s to drain */
	char request[512];
	struct epoll_event events[MAX_CONNECTIONS];

	while (answered + errors < total && now_ns() < deadline) {
		int64_t now = now_ns();
		while (next < total && start + next * interval <= now) {
			next++;
		}
		/* Send every due request that a free connection can take, oldest first. */
		for (int i = 0; i < nconns && queued_from < next; i++) {
			struct connection *c = &conns[i];
			if (c->busy || c->fd < 0) {
				continue;
			}
			double lon = minx + uniform() * (maxx - minx);
			double lat = miny + uniform() * (maxy - miny);
			int n = snprintf(request, sizeof request,
					"GET %s?lon=%.7f&lat=%.7f HTTP/1.1\r\nHost: %s:%d\r\nAccept: application/json\r\n\r\n", path, lon,
					lat, host, port);
			c->due = start + queued_from * interval;
			c->busy = 1;
			c->have = 0;
			if (write(c->fd, request, n) != n) {
				errors++;
				close(c->fd);
				c->fd = -1;
				reconnects++;
				open_connection(c);
			}
			queued_from++;
		}
		/* Wait for answers, but no longer than until the next request is due. */
		int64_t wait_ns = (next < total) ? start + next * interval - now_ns() : 1000000LL;
		int timeout = (queued_from < next) ? 0 : (int) (wait_ns > 0 ? (wait_ns + 999999) / 1000000 : 0);
		int ready = epoll_wait(epfd, events, MAX_CONNECTIONS, timeout);
		for (int e = 0; e < ready; e++) {
			struct connection *c = events[e].data.ptr;
			ssize_t got = read(c->fd, c->in + c->have, BUFFER - 1 - c->have);
			if (got <= 0) {
				if (got < 0 && errno == EAGAIN) {
					continue;
				}
				if (c->busy) {
					errors++;
				}
				epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
				close(c->fd);
				reconnects++;
				open_connection(c);
				continue;
			}
			c->have += got;
			c->in[c->have] = 0;
			char *end = strstr(c->in, "\r\n\r\n");
			if (end == NULL) {
				continue;
			}
			char *length = strcasestr(c->in, "\r\ncontent-length:");
			if (length == NULL || length > end) {
				/* Chunked answers are not expected from these endpoints. */
				errors++;
				c->busy = 0;
				c->have = 0;
				continue;
			}
			size_t body = strtoul(length + 17, NULL, 10);
			if ((size_t) (end + 4 - c->in) + body > c->have) {
				continue;
			}
			int status = atoi(c->in + 9);
			latency[answered++] = now_ns() - c->due;
			if (status < 300) {
				s2xx++;
			}
			else if (status < 500) {
				s4xx++;
			}
			else {
				s5xx++;
			}
			c->busy = 0;
			c->have = 0;
			if (strcasestr(c->in, "\r\nconnection: close") != NULL) {
				/* The server ends this connection (e.g. after its keep-alive request limit). */
				epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
				close(c->fd);
				reconnects++;
				open_connection(c);
			}
		}
	}
	double elapsed = (now_ns() - start) / 1e9;
	qsort(latency, answered, sizeof *latency, compare);
#define PCT(p) (answered ? latency[(long) ((answered - 1) * (p))] / 1e6 : 0.0)
	printf("due %ld, answered %ld (2xx %ld, 4xx %ld, 5xx %ld), errors %ld, reconnects %ld, %.0f/s; "
			"latency from due time ms: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f\n",
			total, answered, s2xx, s4xx, s5xx, errors, reconnects, answered / elapsed, PCT(0.5), PCT(0.9), PCT(0.99),
			PCT(0.999), answered ? latency[answered - 1] / 1e6 : 0.0);
	return (answered == total && errors == 0) ? 0 : 1;
}
