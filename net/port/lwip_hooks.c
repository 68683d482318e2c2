/*
 * A new connection may reuse the ports of one we still hold in TIME-WAIT.
 *
 * The server closes first whenever it refuses (503), times out (408) or
 * answers "Connection: close", so its side of those connections sits in
 * TIME-WAIT for 2 MSL. A client does not know: its side closed second and
 * is gone, so it can pick the same source port again. lwIP 2.1.3 answers
 * a SYN that lands on a TIME-WAIT PCB with an ACK (or a RST when the SYN
 * is inside the old window) and ignores the client's RST (RFC 1337): the
 * client's connect() hangs until it times out. Seen under load: a Linux
 * client making thousands of connections wraps its port range onto the
 * device's TIME-WAIT PCBs.
 *
 * So, as BSD and Linux servers do (RFC 1122 §4.2.2.13, RFC 6191): a SYN
 * without ACK whose sequence number is beyond everything the old
 * incarnation sent ends that TIME-WAIT early, and lwIP then hands the SYN
 * to the listener like any other. Anything else is left to lwIP.
 */
#include "lwip_hooks.h"

#include "lwip/def.h"
#include "lwip/ip4_addr.h"
#include "lwip/pbuf.h"
#include "lwip/prot/ip.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/tcp.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"

int lwpaste_ip4_input_hook(struct pbuf *p, struct netif *inp)
{
	const struct ip_hdr *iph;
	const struct tcp_hdr *th;
	struct tcp_pcb *pcb;
	u16_t hlen, sport, dport;
	u32_t seq;

	(void)inp;
	/* ip4_input() validates the rest after this hook: be defensive. */
	if (p->len < IP_HLEN)
		return 0;
	iph = (const struct ip_hdr *)p->payload;
	if (IPH_V(iph) != 4 || IPH_PROTO(iph) != IP_PROTO_TCP)
		return 0;
	hlen = IPH_HL_BYTES(iph);
	if (hlen < IP_HLEN || p->len < hlen + TCP_HLEN)
		return 0;
	if ((IPH_OFFSET(iph) & PP_HTONS(IP_OFFMASK | IP_MF)) != 0)
		return 0;
	th = (const struct tcp_hdr *)((const u8_t *)p->payload + hlen);
	if ((TCPH_FLAGS(th) & (TCP_SYN | TCP_ACK | TCP_RST | TCP_FIN)) != TCP_SYN)
		return 0;
	sport = lwip_ntohs(th->src);
	dport = lwip_ntohs(th->dest);
	seq = lwip_ntohl(th->seqno);
	for (pcb = tcp_tw_pcbs; pcb != NULL; pcb = pcb->next) {
		if (pcb->local_port != dport || pcb->remote_port != sport ||
		    ip4_addr_get_u32(ip_2_ip4(&pcb->remote_ip)) != iph->src.addr ||
		    ip4_addr_get_u32(ip_2_ip4(&pcb->local_ip)) != iph->dest.addr)
			continue;
		/* A new incarnation: its first byte comes after the old one's
		 * last. tcp_abort() frees a TIME-WAIT PCB without a segment. */
		if (TCP_SEQ_GT(seq, pcb->rcv_nxt))
			tcp_abort(pcb);
		break;
	}
	return 0;
}
