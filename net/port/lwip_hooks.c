/*
 * Two hooks on TCP input.
 *
 * 1. A new connection may reuse the ports of one we still hold in TIME-WAIT.
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
 *
 * 2. A SYN lwIP has no PCB for is refused with a RST, not dropped.
 *
 * A burst of SYNs fills the PCB pool with SYN-RCVD PCBs; lwIP 2.1.3 then
 * drops the next SYN without a word and "relies on the sender" to send it
 * again (tcp_listen_input()). A proxy in front of the device that has
 * accepted the connection from its own client already (QEMU's slirp; a NAT
 * or SYN proxy alike) does, 6 and 18 s later under slirp, long after that
 * client has given up: the connection then arrives with nothing but the
 * client's ClientHello and FIN, takes a connection slot (a TLS one, at the
 * price of an ECDHE handshake step), and a burst of such dead connections
 * refuses the live clients that connect at that moment. A RST refuses the
 * client when it asks, as a TLS client past max_tls_connections is. lwIP
 * tells the listener's accept callback that it has no PCB (ERR_MEM) but
 * not for which segment: this hook remembers it.
 */
#include "lwip_hooks.h"

#include "lwip/def.h"
#include "lwip/ip.h"
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

/* The segment lwIP is handing to a listener, while it does so. */
static struct {
	const struct ip_hdr *iph; /* its IP header: NULL when none */
	ip_addr_t local, remote;
	u16_t local_port, remote_port;
	u32_t ackno; /* its sequence number plus its length */
} syn;

err_t lwpaste_tcp_inpacket_hook(struct tcp_pcb *pcb, struct tcp_hdr *hdr, u16_t optlen,
				u16_t opt1len, u8_t *opt2, struct pbuf *p)
{
	(void)optlen;
	(void)opt1len;
	(void)opt2;
	syn.iph = NULL;
	if (pcb->state != LISTEN || (TCPH_FLAGS(hdr) & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN)
		return ERR_OK;
	/* tcp_input() has converted the header to host order and moved p
	 * past it; a SYN counts one (tcp_input()'s tcplen). */
	syn.iph = ip4_current_header();
	ip_addr_copy(syn.local, *ip_current_dest_addr());
	ip_addr_copy(syn.remote, *ip_current_src_addr());
	syn.local_port = hdr->dest;
	syn.remote_port = hdr->src;
	syn.ackno = hdr->seqno + p->tot_len + 1;
	return ERR_OK;
}

void lwpaste_tcp_refuse_syn(void)
{
	/* Only for the segment still being processed (the accept callback is
	 * called from within tcp_listen_input()). */
	if (!syn.iph || syn.iph != ip4_current_header())
		return;
	syn.iph = NULL;
	/* The SYN had no ACK: RFC 9293 3.10.7.1, <SEQ=0><ACK=SEG.SEQ+SEG.LEN>. */
	tcp_rst(NULL, 0, syn.ackno, &syn.local, &syn.remote, syn.local_port, syn.remote_port);
}
