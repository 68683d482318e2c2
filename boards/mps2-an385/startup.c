/*
 * MPS2 AN385 vector table: the Cortex-M3 core exceptions, then the 32
 * CMSDK interrupts of the AN385 FPGA image (AN385, table "Interrupt map").
 * Only the Ethernet line is used; anything else lands in Default_Handler,
 * which reports it.
 */
#include <stdint.h>

#include "cortex_m.h"

void ETHERNET_IRQHandler(void);

extern uint32_t _estack[];

#define IRQ_ETHERNET 13

__attribute__((used, section(".isr_vector"))) void (*const mps2_vectors[16 + 32])(void) = {
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
	[16 + 0] = Default_Handler, [16 + 1] = Default_Handler, [16 + 2] = Default_Handler,
	[16 + 3] = Default_Handler, [16 + 4] = Default_Handler, [16 + 5] = Default_Handler,
	[16 + 6] = Default_Handler, [16 + 7] = Default_Handler, [16 + 8] = Default_Handler,
	[16 + 9] = Default_Handler, [16 + 10] = Default_Handler, [16 + 11] = Default_Handler,
	[16 + 12] = Default_Handler,
	[16 + IRQ_ETHERNET] = ETHERNET_IRQHandler,
	[16 + 14] = Default_Handler, [16 + 15] = Default_Handler,
	[16 + 16] = Default_Handler, [16 + 17] = Default_Handler, [16 + 18] = Default_Handler,
	[16 + 19] = Default_Handler, [16 + 20] = Default_Handler, [16 + 21] = Default_Handler,
	[16 + 22] = Default_Handler, [16 + 23] = Default_Handler, [16 + 24] = Default_Handler,
	[16 + 25] = Default_Handler, [16 + 26] = Default_Handler, [16 + 27] = Default_Handler,
	[16 + 28] = Default_Handler, [16 + 29] = Default_Handler, [16 + 30] = Default_Handler,
	[16 + 31] = Default_Handler,
};
