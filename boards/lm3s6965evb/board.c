/*
 * TI (Luminary Micro) LM3S6965 evaluation board, as QEMU's lm3s6965evb
 * models it: Cortex-M3 at 50 MHz (PLL from the 8 MHz crystal), UART0
 * console, SysTick time base, the user LED on PF0 and the on-chip Ethernet
 * controller on IRQ 42. Implements net/board.h. Register names follow the
 * LM3S6965 datasheet (TI SPMS001): "System Control", "GPIO", "UART".
 */
#include <errno.h>

#include "board.h"
#include "cortex_m.h"
#include "stellaris_enet.h"

#define SYSCLK_HZ 50000000u /* PLL 400 MHz / 2 / SYSDIV 4: the part's maximum */

/* System control */
#define SYSCTL_BASE 0x400FE000u
#define SYSCTL_RIS CM_REG(SYSCTL_BASE + 0x050u)
#define SYSCTL_MISC CM_REG(SYSCTL_BASE + 0x058u)
#define SYSCTL_RCC CM_REG(SYSCTL_BASE + 0x060u)
#define SYSCTL_RCGC1 CM_REG(SYSCTL_BASE + 0x104u)
#define SYSCTL_RCGC2 CM_REG(SYSCTL_BASE + 0x108u)
#define SYSCTL_USER0 CM_REG(SYSCTL_BASE + 0x1E0u) /* MAC bytes 0-2 (EVB) */
#define SYSCTL_USER1 CM_REG(SYSCTL_BASE + 0x1E4u) /* MAC bytes 3-5 */
#define RIS_PLLLRIS (1u << 6)
#define RCC_MOSCDIS (1u << 0)
#define RCC_OSCSRC_MASK (3u << 4)
#define RCC_XTAL_MASK (0xFu << 6)
#define RCC_XTAL_8MHZ (0xEu << 6)
#define RCC_BYPASS (1u << 11)
#define RCC_OEN (1u << 12)
#define RCC_PWRDN (1u << 13)
#define RCC_USESYSDIV (1u << 22)
#define RCC_SYSDIV_MASK (0xFu << 23)
#define RCC_SYSDIV(n) ((uint32_t)((n) - 1u) << 23)
#define RCGC1_UART0 (1u << 0)
#define RCGC2_GPIOA (1u << 0)
#define RCGC2_GPIOF (1u << 5)
#define RCGC2_EMAC0 (1u << 28)
#define RCGC2_EPHY0 (1u << 30)

/* GPIO ports (APB aperture) */
#define GPIOA_BASE 0x40004000u
#define GPIOF_BASE 0x40025000u
#define GPIO_DATA(base, mask) CM_REG((base) + ((uint32_t)(mask) << 2)) /* address-masked */
#define GPIO_DIR(base) CM_REG((base) + 0x400u)
#define GPIO_AFSEL(base) CM_REG((base) + 0x420u)
#define GPIO_DEN(base) CM_REG((base) + 0x51Cu)
#define PA_UART0 0x03u       /* PA0 U0Rx, PA1 U0Tx */
#define PF_LED0 0x01u        /* PF0: the EVB's user LED */
#define PF_ETH_LEDS 0x0Cu    /* PF2 LED1, PF3 LED0: link and activity */
#define NUM_LEDS 1u

/* UART0 (an ARM PL011 with Stellaris extras) */
#define UART0_BASE 0x4000C000u
#define UART_DR CM_REG(UART0_BASE + 0x000u)
#define UART_FR CM_REG(UART0_BASE + 0x018u)
#define UART_IBRD CM_REG(UART0_BASE + 0x024u)
#define UART_FBRD CM_REG(UART0_BASE + 0x028u)
#define UART_LCRH CM_REG(UART0_BASE + 0x02Cu)
#define UART_CTL CM_REG(UART0_BASE + 0x030u)
#define FR_TXFF (1u << 5)
#define LCRH_FEN (1u << 4)
#define LCRH_WLEN8 (3u << 5)
#define CTL_UARTEN (1u << 0)
#define CTL_TXE (1u << 8)
#define CTL_RXE (1u << 9)
#define BAUD 115200u

#define ENET_BASE 0x40048000u
#define IRQ_ETHERNET 42u
#define SPIN_LIMIT 100000u

void ETHERNET_IRQHandler(void);

static struct stellaris_enet enet = {.base = ENET_BASE, .sysclk_hz = SYSCLK_HZ};

/* Crystal -> PLL -> 50 MHz (datasheet, "PLL Frequency Configuration"):
 * bypass while reconfiguring, power the PLL up, wait for lock, switch. */
static int clock_init(void)
{
	uint32_t rcc = SYSCTL_RCC, i;

	rcc = (rcc | RCC_BYPASS) & ~RCC_USESYSDIV;
	SYSCTL_RCC = rcc;
	SYSCTL_MISC = RIS_PLLLRIS;
	rcc &= ~(RCC_XTAL_MASK | RCC_OSCSRC_MASK | RCC_MOSCDIS | RCC_PWRDN | RCC_OEN |
		 RCC_SYSDIV_MASK);
	rcc |= RCC_XTAL_8MHZ | RCC_SYSDIV(4) | RCC_USESYSDIV;
	SYSCTL_RCC = rcc;
	for (i = 0; (SYSCTL_RIS & RIS_PLLLRIS) == 0; i++)
		if (i == SPIN_LIMIT)
			return -ETIMEDOUT; /* stay on the crystal, bypassed */
	SYSCTL_RCC = rcc & ~RCC_BYPASS;
	return 0;
}

static void uart_init(void)
{
	/* 64 x the PL011 divisor, rounded: IBRD is its integer part, FBRD
	 * the 1/64ths. */
	uint32_t div64 = (SYSCLK_HZ * 4u + BAUD / 2u) / BAUD;

	SYSCTL_RCGC1 |= RCGC1_UART0;
	SYSCTL_RCGC2 |= RCGC2_GPIOA;
	(void)SYSCTL_RCGC2; /* a few cycles before the port answers */
	GPIO_AFSEL(GPIOA_BASE) |= PA_UART0;
	GPIO_DEN(GPIOA_BASE) |= PA_UART0;
	UART_CTL = 0;
	UART_IBRD = div64 >> 6;
	UART_FBRD = div64 & 63u;
	UART_LCRH = LCRH_WLEN8 | LCRH_FEN;
	UART_CTL = CTL_UARTEN | CTL_TXE | CTL_RXE;
}

static void uart_write(const char *s, size_t n)
{
	while (n--) {
		while (UART_FR & FR_TXFF)
			;
		UART_DR = (uint8_t)*s++;
	}
}

static void gpio_init(void)
{
	SYSCTL_RCGC2 |= RCGC2_GPIOF | RCGC2_EMAC0 | RCGC2_EPHY0;
	(void)SYSCTL_RCGC2;
	GPIO_DATA(GPIOF_BASE, PF_LED0) = 0;
	GPIO_DIR(GPIOF_BASE) |= PF_LED0;
	GPIO_AFSEL(GPIOF_BASE) = (GPIO_AFSEL(GPIOF_BASE) & ~PF_LED0) | PF_ETH_LEDS;
	GPIO_DEN(GPIOF_BASE) |= PF_LED0 | PF_ETH_LEDS;
}

/* The MAC address TI programs into the USER0/USER1 flash words of each
 * EVB (3 bytes each, low byte first); all ones if never programmed. The
 * driver keeps an address already in the MAC (QEMU's -nic ...,mac=). */
static int eth_init(void *ctx, uint8_t mac[6])
{
	uint32_t u0 = SYSCTL_USER0, u1 = SYSCTL_USER1;
	int rc;

	if (u0 != 0xFFFFFFFFu && u1 != 0xFFFFFFFFu && (u0 | u1) != 0) {
		mac[0] = (uint8_t)u0;
		mac[1] = (uint8_t)(u0 >> 8);
		mac[2] = (uint8_t)(u0 >> 16);
		mac[3] = (uint8_t)u1;
		mac[4] = (uint8_t)(u1 >> 8);
		mac[5] = (uint8_t)(u1 >> 16);
	}
	rc = stellaris_enet_init(ctx, mac);
	if (rc == 0)
		cm_irq_enable(IRQ_ETHERNET);
	return rc;
}

static const struct eth_driver eth = {
	.name = "stellaris",
	.ctx = &enet,
	.init = eth_init,
	.tx = stellaris_enet_tx,
	.rx = stellaris_enet_rx,
	.poll = stellaris_enet_poll,
};

void ETHERNET_IRQHandler(void)
{
	stellaris_enet_irq(&enet);
	cm_wake();
}

int board_init(void)
{
	int rc = clock_init();

	uart_init();
	gpio_init();
	cm_fault_console = board_console_write;
	cm_systick_init(SYSCLK_HZ);
	return rc;
}

const char *board_name(void)
{
	return "lm3s6965evb";
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
	cm_console_crlf(uart_write, s, n);
}

unsigned board_led_count(void)
{
	return NUM_LEDS;
}

/* Read back from the port's data register, not from a shadow copy. */
bool board_led_get(unsigned i)
{
	return i < NUM_LEDS && (GPIO_DATA(GPIOF_BASE, PF_LED0) & PF_LED0) != 0;
}

int board_led_set(unsigned i, bool on)
{
	if (i >= NUM_LEDS)
		return -ENODEV;
	/* The address mask makes this write touch PF0 only. */
	GPIO_DATA(GPIOF_BASE, PF_LED0) = on ? PF_LED0 : 0;
	return 0;
}

/*
 * Seed material from timing jitter: SysTick's count sampled around spins
 * whose length depends on the previous sample, mixed with a 32-bit
 * finalizer (MurmurHash3's fmix32). Honest assessment: on silicon the
 * core clock and SysTick are one crystal, so a sample differs from the
 * last only by what interrupts and flash wait states did in between; in
 * QEMU SysTick follows the host's clock, a few unpredictable bits per
 * sample at best. Fine for TCP ISNs, DHCP ids and a random MAC, not for
 * keys - which is one more reason this board has no TLS. (The LM3S6965
 * has no TRNG; ADC noise on a floating input would be the next source.)
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
	static uint32_t pool = 0xbb67ae85u;
	uint8_t *out = buf;

	while (n > 0) {
		uint32_t v;
		int k;

		for (k = 0; k < 8; k++) {
			volatile uint32_t spin = (pool & 0xffu) + 16u;

			while (spin--)
				;
			pool = fmix32(pool ^ cm_systick_value() ^ (cm_micros() << 11) ^ cm_millis());
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
