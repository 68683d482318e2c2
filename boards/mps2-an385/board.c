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

void board_console_write(const char *s, size_t n)
{
	size_t i, start = 0;

	/* Terminals want CRLF; callers write '\n'. */
	for (i = 0; i < n; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) {
			cmsdk_uart_write(UART0_BASE, s + start, i - start);
			cmsdk_uart_write(UART0_BASE, "\r", 1);
			start = i;
		}
	}
	cmsdk_uart_write(UART0_BASE, s + start, n - start);
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
 * Seed material from timing jitter: SysTick's count, the FPGA prescaler
 * and counter, and the LAN9118's 25 MHz free-running counter, sampled
 * around spins whose length depends on the previous sample, and mixed with
 * a 32-bit finalizer (MurmurHash3's fmix32). Honest assessment: in QEMU
 * these counters follow the host's clock, so a few bits per sample are
 * unpredictable at best; fine for TCP ISNs and DHCP ids, too weak to be
 * the only seed of TLS keys. The AN385 has no TRNG; the TLS work is to
 * add a better source (semihosting, or a seed stored at provisioning).
 */
static uint32_t fmix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

int board_entropy(void *buf, size_t n)
{
	static uint32_t pool = 0x6a09e667u;
	uint8_t *out = buf;

	while (n > 0) {
		uint32_t v;
		int k;

		for (k = 0; k < 8; k++) {
			volatile uint32_t spin = (pool & 0xffu) + 16u;

			while (spin--)
				;
			pool = fmix32(pool ^ cm_systick_value() ^ (lan9118_free_run(&lan) << 7) ^
				      (FPGAIO_PSCNTR << 13) ^ FPGAIO_COUNTER ^ cm_micros());
		}
		v = pool;
		for (k = 0; k < 4 && n > 0; k++, n--) {
			*out++ = (uint8_t)v;
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
