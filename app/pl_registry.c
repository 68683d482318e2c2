/*
 * The static factory registry: every PL_FACTORY() lands in the linker
 * section `pl_factories`, so the registry is the array between the
 * linker-made symbols __start_pl_factories and __stop_pl_factories. Adding
 * an app is adding a file; no list to edit. The ARM linker scripts KEEP the
 * section; on the host the object library keeps every object.
 *
 * Sanitizers: GCC and clang leave globals in a section named like a C
 * identifier without redzones, precisely so __start/__stop iteration works.
 */
#include <string.h>

#include "pl.h"
#include "pl_build_priv.h"

/* Weak: a link with no factory at all still resolves them (to NULL). */
extern const struct pl_factory __start_pl_factories[] __attribute__((weak));
extern const struct pl_factory __stop_pl_factories[] __attribute__((weak));

const struct pl_factory *pl_factory_begin(void)
{
	return __start_pl_factories;
}

const struct pl_factory *pl_factory_end(void)
{
	return __stop_pl_factories;
}

const struct pl_factory *pl_factory_find(const char *name, size_t len)
{
	const size_t plen = sizeof(PL_EGG_PREFIX) - 1;
	const struct pl_factory *f;

	if (!name)
		return NULL;
	/* paste's egg URI names the same entry point as the bare name. */
	if (len > plen && memcmp(name, PL_EGG_PREFIX, plen) == 0) {
		name += plen;
		len -= plen;
	}
	for (f = pl_factory_begin(); f && f < pl_factory_end(); f++) {
		if (f->name && strlen(f->name) == len &&
		    memcmp(f->name, name, len) == 0)
			return f;
	}
	return NULL;
}

const struct pl_factory *pl_factory_use(const char *use)
{
	return use ? pl_factory_find(use, strlen(use)) : NULL;
}
