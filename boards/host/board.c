/*
 * The host board: lwpaste on Linux, for development, sanitizers and
 * fuzzing. lwIP talks Ethernet over a TAP interface (tap.c), time is
 * CLOCK_MONOTONIC, the console is stdout, LEDs live in memory, entropy is
 * getrandom(), and a reset re-executes the process with the same
 * arguments, so a reboot round trip works as on a device. Implements
 * net/board.h.
 *
 *   lwpaste-host [--tap IFNAME] [--config FILE.ini] [--app NAME]
 *
 * firmware/main.c takes no arguments: the command line is picked up by a
 * constructor (glibc passes argc/argv to them) and read in board_init().
 * boards/host/run-netns runs it inside a network namespace of its own.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "host_config.h"
#include "tap.h"

#define HOST_LEDS 4u
#define HOST_IDLE_MS 5 /* lwIP's timers want a look every few ms */
#define HOST_DEFAULT_TAP "lwp0"

static int host_argc;
static char **host_argv;
static struct tap tap = {.fd = -1};
static struct eth_driver eth;
static bool leds[HOST_LEDS];
static struct timespec t0;

__attribute__((constructor)) static void host_args(int argc, char **argv, char **envp)
{
	(void)envp;
	host_argc = argc;
	host_argv = argv;
}

static __attribute__((noreturn)) void usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: lwpaste-host [--tap IFNAME] [--config FILE.ini] [--app NAME]\n"
		"  --tap IFNAME       TAP interface to attach to (default " HOST_DEFAULT_TAP ")\n"
		"  --config FILE.ini  serve this paste ini instead of the baked one\n"
		"  --app NAME         entry section (paste's loadapp name; default main)\n"
		"The address comes from the config's [net:eth0]. boards/host/run-netns\n"
		"creates a network namespace with the TAP interface and runs it there.\n");
	exit(status);
}

/* "--name VALUE" or "--name=VALUE" at argv[*i]; NULL if argv[*i] is
 * another option. */
static const char *opt_value(const char *name, int *i)
{
	const char *a = host_argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != 0)
		return NULL;
	if (*i + 1 >= host_argc) {
		fprintf(stderr, "lwpaste-host: %s needs a value\n", name);
		usage(2);
	}
	return host_argv[++*i];
}

int board_init(void)
{
	const char *ifname = HOST_DEFAULT_TAP, *config = NULL, *app = NULL, *v;
	int i, rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Our name in /proc/PID/comm, which run-netns and the tests check,
	 * whatever path board_reset() exec'd. */
	prctl(PR_SET_NAME, "lwpaste-host", 0, 0, 0);
	for (i = 1; i < host_argc; i++) {
		if ((v = opt_value("--tap", &i)) != NULL)
			ifname = v;
		else if ((v = opt_value("--config", &i)) != NULL)
			config = v;
		else if ((v = opt_value("--app", &i)) != NULL)
			app = v;
		else if (!strcmp(host_argv[i], "--help") || !strcmp(host_argv[i], "-h"))
			usage(0);
		else {
			fprintf(stderr, "lwpaste-host: unknown argument '%s'\n", host_argv[i]);
			usage(2);
		}
	}
	if (host_config_select(config, app) != 0)
		exit(2);
	rc = tap_open(&tap, ifname);
	if (rc != 0) {
		fprintf(stderr,
			"lwpaste-host: cannot attach to TAP interface %s: %s\n"
			"  (needs /dev/net/tun and CAP_NET_ADMIN, or a TAP device this user owns:\n"
			"   boards/host/run-netns sets one up in a network namespace)\n",
			ifname, strerror(-rc));
		exit(1);
	}
	tap_driver(&tap, &eth);
	return 0;
}

const char *board_name(void)
{
	return "host";
}

static uint64_t host_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)(ts.tv_sec - t0.tv_sec) * 1000000u +
	       (uint64_t)((ts.tv_nsec - t0.tv_nsec) / 1000);
}

uint32_t board_millis(void)
{
	return (uint32_t)(host_us() / 1000u);
}

uint32_t board_micros(void)
{
	return (uint32_t)host_us();
}

void board_console_write(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return; /* nobody is listening; the device keeps serving */
		}
		s += w;
		n -= (size_t)w;
	}
}

unsigned board_led_count(void)
{
	return HOST_LEDS;
}

bool board_led_get(unsigned i)
{
	return i < HOST_LEDS && leds[i];
}

int board_led_set(unsigned i, bool on)
{
	if (i >= HOST_LEDS)
		return -ENODEV;
	leds[i] = on;
	return 0;
}

int board_entropy(void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n > 0) {
		ssize_t r = getrandom(p, n, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* Sleep until a frame arrives or a few ms pass (the "interrupt" here is
 * the TAP descriptor becoming readable). */
void board_idle(void)
{
	struct pollfd pfd = {.fd = tap.fd, .events = POLLIN};

	if (tap.fd < 0) {
		usleep(HOST_IDLE_MS * 1000);
		return;
	}
	poll(&pfd, 1, HOST_IDLE_MS);
}

const struct eth_driver *board_eth(void)
{
	return tap.fd >= 0 ? &eth : NULL;
}

/* A reset is a fresh process: same binary, same arguments, same PID. The
 * TAP descriptor is close-on-exec; the interface (persistent, made by
 * run-netns) stays, and the new process attaches to it again. The binary
 * is exec'd by its path when it still has one, so the process keeps its
 * name; /proc/self/exe also works if it was replaced meanwhile. */
void board_reset(void)
{
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);

	fflush(NULL);
	if (n > 0) {
		path[n] = 0;
		if (access(path, X_OK) == 0)
			execv(path, host_argv);
	}
	execv("/proc/self/exe", host_argv);
	fprintf(stderr, "lwpaste-host: reset: execv /proc/self/exe: %s\n", strerror(errno));
	_exit(70);
}
