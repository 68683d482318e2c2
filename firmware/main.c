/*
 * lwpaste firmware entry: board up, banner, then lwpaste_start() builds
 * the pipeline from the baked ini and starts the network and the HTTP
 * server; the superloop does the rest.
 */
#include "board.h"
#include "fw.h"

int lwpaste_start(void);

int main(void)
{
	board_init();
	fw_banner(LWPASTE_NAME);
	if (lwpaste_start() != 0)
		fw_puts("lwpaste: not serving (see above)\n");
	fw_run();
}
