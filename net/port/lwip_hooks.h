/*
 * lwIP hooks (LWIP_HOOK_FILENAME): functions lwIP's own code calls at the
 * points its opt.h documents. lwIP's files are never edited.
 */
#ifndef LWPASTE_LWIP_HOOKS_H
#define LWPASTE_LWIP_HOOKS_H

struct pbuf;
struct netif;

/* LWIP_HOOK_IP4_INPUT: sees every IPv4 packet before ip4_input() does;
 * never eats one (returns 0). */
int lwpaste_ip4_input_hook(struct pbuf *p, struct netif *inp);

#endif /* LWPASTE_LWIP_HOOKS_H */
