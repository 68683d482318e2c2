/*
 * lwIP hooks (LWIP_HOOK_FILENAME): functions lwIP's own code calls at the
 * points its opt.h documents. lwIP's files are never edited.
 */
#ifndef LWPASTE_LWIP_HOOKS_H
#define LWPASTE_LWIP_HOOKS_H

#include "lwip/arch.h"
#include "lwip/err.h"

struct pbuf;
struct netif;
struct tcp_pcb;
struct tcp_hdr;

/* LWIP_HOOK_IP4_INPUT: sees every IPv4 packet before ip4_input() does;
 * never eats one (returns 0). */
int lwpaste_ip4_input_hook(struct pbuf *p, struct netif *inp);

/* LWIP_HOOK_TCP_INPACKET_PCB: sees every TCP segment lwIP has matched to a
 * PCB; remembers a listener's segment for lwpaste_tcp_refuse_syn(), never
 * drops one (returns ERR_OK). */
err_t lwpaste_tcp_inpacket_hook(struct tcp_pcb *pcb, struct tcp_hdr *hdr, u16_t optlen,
				u16_t opt1len, u8_t *opt2, struct pbuf *p);

/* From a listener's accept callback called with ERR_MEM (lwIP had no PCB
 * for the SYN it is handling): answer that SYN with a RST. */
void lwpaste_tcp_refuse_syn(void);

#endif /* LWPASTE_LWIP_HOOKS_H */
