/*
 * Arm MPS2 + AN385 (Cortex-M3 at 25 MHz), as QEMU's mps2-an385 models it:
 * CMSDK UART0 console, SysTick time base, the FPGA I/O block's two user
 * LEDs, and a LAN9118 on IRQ 13. Implements net/board.h.
 */
#include <errno.h>

#include "board.h"
#include "cmsdk_uart.h"
#include "cortex_m.h"
#include "lan9118.h"
#include "semihost.h"

#define SYSCLK_HZ 25000000u        /* AN385: FPGA system clock */
#define UART0_BASE 0x40004000u
#define FPGAIO_BASE 0x40028000u
#define FPGAIO_LED0 CM_REG(FPGAIO_BASE + 0x00u) /* bits 1:0, read back */
#define FPGAIO_COUNTER CM_REG(FPGAIO_BASE + 0x18u)
#define FPGAIO_PSCNTR CM_REG(FPGAIO_BASE + 0x20u)
#define FPGAIO_NUM_LEDS 2u
#define LAN9118_BASE 0x40200000u
#define IRQ_ETHERNET 13u

void ETHERNET_IRQHandler(void);

static struct lan9118 lan = {.base = LAN9118_BASE};

/* Enable the NVIC line only once the chip has its IRQ polarity set up:
 * out of reset the LAN9118 drives the line "asserted". */
static int eth_init(void *ctx, uint8_t mac[6])
{
	int rc = lan9118_init(ctx, mac);

	if (rc == 0)
		cm_irq_enable(IRQ_ETHERNET);
	return rc;
}

static const struct eth_driver eth = {
	.name = "lan9118",
	.ctx = &lan,
	.init = eth_init,
	.tx = lan9118_tx,
	.rx = lan9118_rx,
	.poll = lan9118_poll,
};

void ETHERNET_IRQHandler(void)
{
	lan9118_irq(&lan);
	cm_wake();
}

int board_init(void)
{
	int rc = cmsdk_uart_init(UART0_BASE, SYSCLK_HZ, 115200);

	cm_fault_console = board_console_write;
	cm_systick_init(SYSCLK_HZ);
	return rc;
}

const char *board_name(void)
{
	return "mps2-an385";
}

uint32_t board_millis(void)
{
	return cm_millis();
}

uint32_t board_micros(void)
{
	return cm_micros();
}

static void uart0_write(const char *s, size_t n)
{
	cmsdk_uart_write(UART0_BASE, s, n);
}

void board_console_write(const char *s, size_t n)
{
	cm_console_crlf(uart0_write, s, n);
}

unsigned board_led_count(void)
{
	return FPGAIO_NUM_LEDS;
}

bool board_led_get(unsigned i)
{
	return i < FPGAIO_NUM_LEDS && ((FPGAIO_LED0 >> i) & 1u);
}

int board_led_set(unsigned i, bool on)
{
	if (i >= FPGAIO_NUM_LEDS)
		return -ENODEV;
	if (on)
		FPGAIO_LED0 |= 1u << i;
	else
		FPGAIO_LED0 &= ~(1u << i);
	return 0;
}

/*
 * Entropy. The AN385 has no TRNG. Under QEMU the host supplies it: the
 * image opens the host's /dev/urandom through Arm semihosting (qemu.sh
 * passes -semihosting-config enable=on,target=native), and every block is
 * XORed with timing jitter - SysTick, the FPGA prescaler and counter and
 * the LAN9118's 25 MHz FREE_RUN counter (0x9C), sampled around spins whose
 * length depends on the previous sample, mixed with MurmurHash3's fmix32.
 * The jitter alone is not enough to seed TLS keys (in QEMU those counters
 * follow the host clock), so without semihosting - a real board with no
 * debugger attached - board_entropy() fails with -ENODEV and says so once,
 * and HTTPS stays off; it never falls back to a constant. A real board
 * implements board_entropy() on its TRNG.
 */
#define ENTROPY_HOST_SOURCE "/dev/urandom"

static uint32_t fmix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

static uint32_t jitter_pool;

static uint32_t jitter32(void)
{
	int k;

	for (k = 0; k < 8; k++) {
		volatile uint32_t spin = (jitter_pool & 0xffu) + 16u;

		while (spin--)
			;
		jitter_pool = fmix32(jitter_pool ^ cm_systick_value() ^ (lan9118_free_run(&lan) << 7) ^
				     (FPGAIO_PSCNTR << 13) ^ FPGAIO_COUNTER ^ cm_micros());
	}
	return jitter_pool;
}

int board_entropy(void *buf, size_t n)
{
	static int host = -2; /* -2: not tried yet, -1: no semihosting */
	uint8_t *out = buf;

	if (host == -2) {
		host = semihost_open_read(ENTROPY_HOST_SOURCE);
		if (host < 0) {
			static const char msg[] =
				"mps2-an385: no entropy source: semihosting is off "
				"(QEMU: -semihosting-config enable=on,target=native); "
				"a real board needs a TRNG\n";

			board_console_write(msg, sizeof(msg) - 1);
		}
	}
	if (host < 0 || semihost_read(host, buf, n) != 0)
		return -ENODEV;
	while (n > 0) {
		uint32_t v = jitter32();
		int k;

		for (k = 0; k < 4 && n > 0; k++, n--) {
			*out++ ^= (uint8_t)v;
			v >>= 8;
		}
	}
	return 0;
}

void board_idle(void)
{
	cm_idle();
}

const struct eth_driver *board_eth(void)
{
	return &eth;
}

void board_reset(void)
{
	cm_reset();
}
