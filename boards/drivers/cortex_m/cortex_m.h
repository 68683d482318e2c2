/*
 * What every Cortex-M3/M4 board shares: the reset path (.data/.bss setup),
 * the SysTick millisecond time base, safe sleep, system reset and a
 * HardFault handler that prints the stacked registers before resetting.
 * A board folder adds only its vector table's IRQ half and its devices.
 */
#ifndef LWPASTE_CORTEX_M_H
#define LWPASTE_CORTEX_M_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CM_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

#define CM_NVIC_ISER(n) CM_REG(0xE000E100u + 4u * (n))
#define CM_NVIC_ICPR(n) CM_REG(0xE000E280u + 4u * (n))

/* Core exception handlers, placed in the board's vector table. */
void Reset_Handler(void);
void NMI_Handler(void);
void HardFault_Handler(void);
void Default_Handler(void);
void SysTick_Handler(void);
int main(void);

/* Start SysTick at 1 kHz from the core clock. */
void cm_systick_init(uint32_t core_hz);
uint32_t cm_millis(void);
uint32_t cm_micros(void);
/* Read-and-advance source for seed material: SysTick's current value. */
uint32_t cm_systick_value(void);

/* An interrupt handler calls this after acknowledging its device, so that
 * a cm_idle() about to sleep returns at once instead. */
void cm_wake(void);
/* Sleep until an interrupt, unless cm_wake() was called since the last
 * cm_idle(): cpsid; check; wfi; cpsie - an IRQ between check and wfi
 * still ends the wfi (NOTES-QEMU). */
void cm_idle(void);

void cm_irq_enable(unsigned irq);
void cm_irq_disable(unsigned irq);
__attribute__((noreturn)) void cm_reset(void);

/* Console for the fault report; the board sets it in board_init(). */
extern void (*cm_fault_console)(const char *s, size_t n);

/* Write s through raw, turning each lone '\n' into "\r\n" (terminals want
 * CRLF; callers write '\n'). Boards build board_console_write on it. */
void cm_console_crlf(void (*raw)(const char *s, size_t n), const char *s,
		     size_t n);

#endif /* LWPASTE_CORTEX_M_H */
