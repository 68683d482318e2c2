/*
 * A QEMU TCG plugin that counts the guest instructions executed, for
 * tests/bench/guest-insns. Every translated block adds its instruction
 * count inline when it runs; a thread writes the running total to the file
 * named by out=PATH every few milliseconds (and at exit), so a client can
 * read it before and after a batch of requests.
 *
 *   qemu-system-arm ... -plugin build/bench-insn/libinsn.so,out=/tmp/n
 *
 * With hot=PATH it also counts executions per translated block and, at
 * exit, writes "address instructions executions" lines (a profile that
 * tests/bench/guest-insns --profile folds into functions with nm).
 *
 * The second number in out=PATH counts the guest's loads and stores that
 * miss QEMU's own softmmu TLB, replayed here as QEMU 7.2 keeps it for an
 * M-profile CPU: 256 direct-mapped entries of 1 KiB pages (entry
 * (address >> 10) & 255) and 8 victim entries filled round-robin. Each
 * such access leaves the translated code for a helper, a cost that the
 * instruction count does not show (boards/mps2-an385/link.ld).
 *
 * The third number counts the loads and stores to the peripheral and
 * system regions (0x40000000 and up: the Ethernet controller's FIFOs and
 * registers, the UART, FPGAIO, SysTick): in QEMU each is a call into a
 * device model under the big QEMU lock, far dearer than a RAM access.
 *
 * Built against the qemu-plugin.h of the QEMU source Debian ships for the
 * installed qemu-system-arm (tests/bench/guest-insns fetches it). Whole
 * blocks are counted: one cut short by an exception counts in full, so
 * the figure is a close upper bound.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static uint64_t insns, tlb_slow, mmio;
static char hot[1024];

static uint32_t tlb_main[256], tlb_victim[8], tlb_next;

/* Page numbers + 1, so 0 is an empty entry. One vCPU (the boards are
 * single-core), so no locking. */
static void mem_access(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *ud)
{
	uint32_t page = (uint32_t)(vaddr >> 10) + 1, t;
	unsigned i = page & 255u, k;

	(void)vcpu;
	(void)info;
	(void)ud;
	if (vaddr >= 0x40000000u)
		mmio++;
	if (tlb_main[i] == page)
		return;
	tlb_slow++;
	for (k = 0; k < 8; k++) {
		if (tlb_victim[k] == page) {
			t = tlb_main[i];
			tlb_main[i] = page;
			tlb_victim[k] = t;
			return;
		}
	}
	tlb_victim[tlb_next++ & 7u] = tlb_main[i];
	tlb_main[i] = page;
}

struct block {
	uint64_t vaddr, n, execs;
	struct block *next;
};
static struct block *blocks;
static pthread_mutex_t blocks_lock = PTHREAD_MUTEX_INITIALIZER;
static char out[1024], tmp[1040];
static volatile int stopping;

static void write_count(void)
{
	FILE *f = fopen(tmp, "w");

	if (!f)
		return;
	fprintf(f, "%llu %llu %llu\n", (unsigned long long)__atomic_load_n(&insns, __ATOMIC_RELAXED),
		(unsigned long long)__atomic_load_n(&tlb_slow, __ATOMIC_RELAXED),
		(unsigned long long)__atomic_load_n(&mmio, __ATOMIC_RELAXED));
	if (fclose(f) == 0)
		rename(tmp, out);
}

static void *writer(void *arg)
{
	(void)arg;
	while (!stopping) {
		write_count();
		usleep(2000);
	}
	return NULL;
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	(void)id;
	size_t k;

	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &insns, qemu_plugin_tb_n_insns(tb));
	for (k = 0; k < qemu_plugin_tb_n_insns(tb); k++)
		qemu_plugin_register_vcpu_mem_cb(qemu_plugin_tb_get_insn(tb, k), mem_access,
						 QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW, NULL);
	if (hot[0]) {
		struct block *b = calloc(1, sizeof(*b));

		if (!b)
			return;
		b->vaddr = qemu_plugin_tb_vaddr(tb);
		b->n = qemu_plugin_tb_n_insns(tb);
		qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
							 &b->execs, 1);
		pthread_mutex_lock(&blocks_lock);
		b->next = blocks;
		blocks = b;
		pthread_mutex_unlock(&blocks_lock);
	}
}

static void write_hot(void)
{
	FILE *f = fopen(hot, "w");
	struct block *b;

	if (!f)
		return;
	pthread_mutex_lock(&blocks_lock);
	for (b = blocks; b; b = b->next)
		if (b->execs)
			fprintf(f, "%llx %llu %llu\n", (unsigned long long)b->vaddr,
				(unsigned long long)b->n, (unsigned long long)b->execs);
	pthread_mutex_unlock(&blocks_lock);
	fclose(f);
}

static void at_exit(qemu_plugin_id_t id, void *p)
{
	(void)id;
	(void)p;
	stopping = 1;
	write_count();
	if (hot[0])
		write_hot();
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	pthread_t t;
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (strncmp(argv[i], "out=", 4) == 0)
			snprintf(out, sizeof(out), "%s", argv[i] + 4);
		else if (strncmp(argv[i], "hot=", 4) == 0)
			snprintf(hot, sizeof(hot), "%s", argv[i] + 4);
	if (!out[0]) {
		fprintf(stderr, "insn plugin: give out=FILE\n");
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	if (pthread_create(&t, NULL, writer, NULL) != 0)
		return -1;
	pthread_detach(t);
	return 0;
}
