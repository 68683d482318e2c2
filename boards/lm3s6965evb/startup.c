/*
 * LM3S6965 vector table: the Cortex-M3 core exceptions, then the chip's
 * interrupts (LM3S6965 datasheet, "Interrupts" table). Only the Ethernet
 * controller's line (42) is used; anything else lands in Default_Handler,
 * which reports it.
 */
#include <stdint.h>

#include "cortex_m.h"

void ETHERNET_IRQHandler(void);

extern uint32_t _estack[];

#define IRQ_ETHERNET 42
#define NUM_IRQS 48

#define D8 Default_Handler, Default_Handler, Default_Handler, Default_Handler, \
	   Default_Handler, Default_Handler, Default_Handler, Default_Handler

__attribute__((used, section(".isr_vector"))) void (*const lm3s_vectors[16 + NUM_IRQS])(void) = {
	[0] = (void (*)(void))_estack,
	[1] = Reset_Handler,
	[2] = NMI_Handler,
	[3] = HardFault_Handler,
	[4] = HardFault_Handler,  /* MemManage */
	[5] = HardFault_Handler,  /* BusFault */
	[6] = HardFault_Handler,  /* UsageFault */
	[11] = Default_Handler,   /* SVCall */
	[12] = Default_Handler,   /* DebugMon */
	[14] = Default_Handler,   /* PendSV */
	[15] = SysTick_Handler,
	[16] = D8, D8, D8, D8, D8,  /* IRQ 0..39 */
	[16 + 40] = Default_Handler, Default_Handler,
	[16 + IRQ_ETHERNET] = ETHERNET_IRQHandler,
	[16 + 43] = Default_Handler, Default_Handler, Default_Handler, Default_Handler,
	Default_Handler,
};
