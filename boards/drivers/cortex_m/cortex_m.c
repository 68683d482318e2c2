/*
 * Cortex-M3/M4 core support shared by the boards (see cortex_m.h).
 */
#include "cortex_m.h"

#define SCB_AIRCR CM_REG(0xE000ED0Cu)
#define SCB_CFSR CM_REG(0xE000ED28u)
#define SCB_HFSR CM_REG(0xE000ED2Cu)
#define SCB_BFAR CM_REG(0xE000ED38u)
#define SYST_CSR CM_REG(0xE000E010u)
#define SYST_RVR CM_REG(0xE000E014u)
#define SYST_CVR CM_REG(0xE000E018u)
#define NVIC_ICER(n) CM_REG(0xE000E180u + 4u * (n))

/* Symbols from the board's linker script. */
extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[];
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

void (*cm_fault_console)(const char *s, size_t n);

static volatile uint32_t ms_ticks;
static uint32_t ticks_per_ms;
static volatile bool wake_pending;

void Reset_Handler(void)
{
	uint32_t *src = _sidata, *dst;
	void (**fn)(void);

	for (dst = _sdata; dst < _edata;)
		*dst++ = *src++;
	for (dst = _sbss; dst < _ebss;)
		*dst++ = 0;
	for (fn = __init_array_start; fn < __init_array_end; fn++)
		(*fn)();
	main();
	cm_reset();
}

void cm_systick_init(uint32_t core_hz)
{
	ticks_per_ms = core_hz / 1000u;
	SYST_RVR = ticks_per_ms - 1u;
	SYST_CVR = 0;
	SYST_CSR = 7u; /* core clock, interrupt, enable */
}

void SysTick_Handler(void)
{
	ms_ticks++;
}

uint32_t cm_millis(void)
{
	return ms_ticks;
}

uint32_t cm_systick_value(void)
{
	return SYST_CVR;
}

uint32_t cm_micros(void)
{
	uint32_t ms, cvr;

	/* Re-read if the tick interrupt ran in between. With interrupts
	 * masked a wrap is not seen, so the value may lag by up to 1 ms. */
	do {
		ms = ms_ticks;
		cvr = SYST_CVR;
	} while (ms != ms_ticks);
	return ms * 1000u + (ticks_per_ms - 1u - cvr) * 1000u / ticks_per_ms;
}

void cm_wake(void)
{
	wake_pending = true;
}

void cm_idle(void)
{
	__asm volatile("cpsid i" ::: "memory");
	if (!wake_pending)
		__asm volatile("dsb\n\twfi" ::: "memory");
	wake_pending = false;
	__asm volatile("cpsie i\n\tisb" ::: "memory");
}

void cm_irq_enable(unsigned irq)
{
	CM_NVIC_ICPR(irq / 32u) = 1u << (irq % 32u);
	CM_NVIC_ISER(irq / 32u) = 1u << (irq % 32u);
}

void cm_irq_disable(unsigned irq)
{
	NVIC_ICER(irq / 32u) = 1u << (irq % 32u);
}

void cm_reset(void)
{
	__asm volatile("dsb" ::: "memory");
	SCB_AIRCR = (0x05FAu << 16) | (1u << 2); /* VECTKEY | SYSRESETREQ */
	__asm volatile("dsb" ::: "memory");
	for (;;)
		;
}

/* ---- fault report ---- */

static void fault_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	if (cm_fault_console)
		cm_fault_console(s, n);
}

static void fault_hex(const char *name, uint32_t v)
{
	static const char digits[] = "0123456789abcdef";
	char buf[10];
	int i;

	fault_puts(name);
	for (i = 0; i < 8; i++)
		buf[i] = digits[(v >> (28 - 4 * i)) & 0xfu];
	buf[8] = ' ';
	buf[9] = 0;
	fault_puts(buf);
}

void cm_fault_report(uint32_t *frame, uint32_t exc_return);

/* A semihosting call (BKPT 0xAB, boards/drivers/semihost) with no debugger
 * or QEMU listening escalates to HardFault: answer it with -1, as a host
 * that refuses the call would, and return past the BKPT. */
static bool semihost_unanswered(uint32_t *frame)
{
	const uint16_t *pc = (const uint16_t *)(uintptr_t)frame[6];

	if ((frame[6] & 1u) || frame[6] >= 0x20000000u || *pc != 0xBEABu)
		return false;
	frame[0] = (uint32_t)-1;
	frame[6] += 2;
	SCB_HFSR = SCB_HFSR; /* write-one-to-clear DEBUGEVT / FORCED */
	return true;
}

/* Entered by a branch with LR = EXC_RETURN: returning is the exception
 * return (only for an unanswered semihosting call). */
__attribute__((used)) void cm_fault_report(uint32_t *frame, uint32_t exc_return)
{
	if (semihost_unanswered(frame))
		return;
	fault_puts("\r\n*** HardFault\r\n");
	fault_hex("r0=", frame[0]);
	fault_hex("r1=", frame[1]);
	fault_hex("r2=", frame[2]);
	fault_hex("r3=", frame[3]);
	fault_puts("\r\n");
	fault_hex("r12=", frame[4]);
	fault_hex("lr=", frame[5]);
	fault_hex("pc=", frame[6]);
	fault_hex("xpsr=", frame[7]);
	fault_puts("\r\n");
	fault_hex("cfsr=", SCB_CFSR);
	fault_hex("hfsr=", SCB_HFSR);
	fault_hex("bfar=", SCB_BFAR);
	fault_hex("exc_return=", exc_return);
	fault_puts("\r\nresetting\r\n");
	cm_reset();
}

/* The stacked frame is on MSP or PSP depending on EXC_RETURN bit 2. */
__attribute__((naked)) void HardFault_Handler(void)
{
	__asm volatile("tst lr, #4\n\t"
		       "ite eq\n\t"
		       "mrseq r0, msp\n\t"
		       "mrsne r0, psp\n\t"
		       "mov r1, lr\n\t"
		       "b cm_fault_report\n\t");
}

void NMI_Handler(void)
{
	for (;;)
		;
}

/* An exception or interrupt nobody registered: say which, then reset. */
void Default_Handler(void)
{
	uint32_t ipsr;

	__asm volatile("mrs %0, ipsr" : "=r"(ipsr));
	fault_puts("\r\n*** unexpected exception ");
	fault_hex("ipsr=", ipsr);
	fault_puts("resetting\r\n");
	cm_reset();
}

void cm_console_crlf(void (*raw)(const char *s, size_t n), const char *s,
		     size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) {
			raw(s + start, i - start);
			raw("\r", 1);
			start = i;
		}
	}
	raw(s + start, n - start);
}
