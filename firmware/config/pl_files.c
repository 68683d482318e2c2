/*
 * Reading the files an ini bakes in (see pl_files.h). Runs on the build
 * machine only, before pl_build(), so the app's init sees the same table on
 * the host as the device will, and every mistake is FILE:LINE: message.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pl_files.h"

#define PL_FILES_MAX_DEPTH 16

struct ent {
	struct pl_file f;
	char *url;            /* owned: f.path */
	uint8_t *data;        /* owned: f.data */
	char *src;            /* owned: where it was read from */
	bool from_root;
};

static struct ent ents[PL_FILES_MAX];
static size_t nents;
static struct pl_file table[PL_FILES_MAX];
static char *dirs[PL_FILES_MAX];
static size_t ndirs;
static const char *sources[2 * PL_FILES_MAX + 1];
static size_t total;

static int ferr(struct pl_err *err, uint16_t line, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int ferr(struct pl_err *err, uint16_t line, int rc, const char *fmt, ...)
{
	va_list ap;

	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return rc;
}

static void clear(void)
{
	size_t i;

	for (i = 0; i < nents; i++) {
		free(ents[i].url);
		free(ents[i].data);
		free(ents[i].src);
	}
	for (i = 0; i < ndirs; i++)
		free(dirs[i]);
	memset(ents, 0, sizeof(ents));
	nents = ndirs = total = 0;
	sources[0] = NULL;
}

static bool url_ok(const char *u)
{
	size_t i, n = strlen(u);

	if (n < 2 || n > PL_FILES_URL_MAX || u[0] != '/' || u[n - 1] == '/')
		return false;
	for (i = 0; i < n; i++) {
		if ((unsigned char)u[i] < 0x20 || u[i] == 0x7f || u[i] == '\\')
			return false;
		if (u[i] == '/' && (u[i + 1] == '/' ||
				    (u[i + 1] == '.' && (u[i + 2] == '/' || !u[i + 2])) ||
				    (u[i + 1] == '.' && u[i + 2] == '.' &&
				     (u[i + 3] == '/' || !u[i + 3]))))
			return false;
	}
	return true;
}

static char *join(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *p = malloc(na + nb + 2);

	if (!p)
		return NULL;
	memcpy(p, a, na);
	p[na] = '/';
	memcpy(p + na + 1, b, nb + 1);
	return p;
}

/* Read src into a new entry (url taken over); 0 or -errno. */
static int add(const char *section, char *url, const char *src, bool from_root,
	       uint16_t line, struct pl_err *err)
{
	struct ent *e;
	FILE *f;
	long len;
	size_t i;

	for (i = 0; i < nents; i++) {
		e = &ents[i];
		if (strcmp(e->f.section, section) || strcmp(e->url, url))
			continue;
		if (from_root) { /* an explicit file /URL already took it */
			free(url);
			return 0;
		}
		if (!e->from_root) {
			free(url);
			return ferr(err, line, -EEXIST, "%s is given twice", e->url);
		}
		/* file /URL over root's: drop root's */
		total -= e->f.len;
		free(e->url);
		free(e->data);
		free(e->src);
		*e = ents[--nents];
		memset(&ents[nents], 0, sizeof(ents[nents]));
		break;
	}
	if (!url_ok(url)) {
		int rc = ferr(err, line, -EINVAL,
			      "'%.80s' cannot be a URL path (/a/b, no '.', '..' or empty segments, no control characters)",
			      url);
		free(url);
		return rc;
	}
	if (nents == PL_FILES_MAX) {
		free(url);
		return ferr(err, line, -E2BIG, "more than %d files", PL_FILES_MAX);
	}
	e = &ents[nents];
	e->url = url;
	e->src = strdup(src);
	f = fopen(src, "rb");
	if (!e->src || !f || fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		int rc = ferr(err, line, -errno ? -errno : -EIO, "cannot read %s: %s",
			      src, strerror(errno));

		if (f)
			fclose(f);
		free(e->url);
		free(e->src);
		memset(e, 0, sizeof(*e));
		return rc;
	}
	if ((size_t)len > PL_FILES_MAX_BYTES - total) {
		fclose(f);
		free(e->url);
		free(e->src);
		memset(e, 0, sizeof(*e));
		return ferr(err, line, -EFBIG, "%s: the baked files would pass %u bytes",
			    src, PL_FILES_MAX_BYTES);
	}
	e->data = malloc((size_t)len + 1);
	if (!e->data || fread(e->data, 1, (size_t)len, f) != (size_t)len) {
		fclose(f);
		free(e->url);
		free(e->src);
		free(e->data);
		memset(e, 0, sizeof(*e));
		return ferr(err, line, -EIO, "cannot read %s", src);
	}
	fclose(f);
	e->f.section = section;
	e->f.path = e->url;
	e->f.data = e->data;
	e->f.len = (uint32_t)len;
	e->from_root = from_root;
	total += (size_t)len;
	nents++;
	return 0;
}

static int walk(const char *section, const char *dir, const char *url,
		int depth, uint16_t line, struct pl_err *err)
{
	struct dirent *d;
	DIR *dp;
	int rc = 0;

	if (depth > PL_FILES_MAX_DEPTH)
		return ferr(err, line, -ELOOP, "%s: deeper than %d folders", dir,
			    PL_FILES_MAX_DEPTH);
	if (ndirs == PL_FILES_MAX)
		return ferr(err, line, -E2BIG, "more than %d folders", PL_FILES_MAX);
	dirs[ndirs] = strdup(dir);
	if (!dirs[ndirs])
		return -ENOMEM;
	ndirs++;
	dp = opendir(dir);
	if (!dp)
		return ferr(err, line, -errno, "root: cannot open %s: %s", dir,
			    strerror(errno));
	while (!rc && (d = readdir(dp))) {
		struct stat st;
		char *src, *u;

		if (d->d_name[0] == '.')
			continue;
		src = join(dir, d->d_name);
		u = join(url, d->d_name);
		if (!src || !u) {
			free(src);
			free(u);
			rc = -ENOMEM;
			break;
		}
		if (lstat(src, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc = walk(section, src, u, depth + 1, line, err);
			free(u);
		} else if (stat(src, &st) == 0 && S_ISREG(st.st_mode)) {
			rc = add(section, u, src, true, line, err); /* takes u */
		} else {
			free(u); /* a link to a folder, a socket ...: not served */
		}
		free(src);
	}
	closedir(dp);
	return rc;
}

static int cmp_file(const void *a, const void *b)
{
	const struct pl_file *x = a, *y = b;
	int c = strcmp(x->section, y->section);

	return c ? c : strcmp(x->path, y->path);
}

static int section_files(struct pl_load *ld, const struct pl_section *s,
			 struct pl_err *err)
{
	const char *here = ld->here;
	size_t i, before = nents;
	uint16_t root_line = 0;
	int rc;

	for (i = 0; i < s->num_local; i++) {
		const struct pl_kv *kv = &s->local[i];
		const char *k = kv->key;
		char *src;

		if (strcmp(k, "root") == 0) {
			struct stat st;

			root_line = kv->line;
			src = kv->value[0] == '/' ? strdup(kv->value) : join(here, kv->value);
			if (!src)
				return -ENOMEM;
			if (stat(src, &st) || !S_ISDIR(st.st_mode)) {
				rc = ferr(err, kv->line, -ENOTDIR,
					  "root = %s: %s is not a folder", kv->value, src);
				free(src);
				return rc;
			}
			rc = walk(s->name, src, "", 0, kv->line, err);
			free(src);
			if (rc)
				return rc;
		} else if (strncmp(k, "file", 4) == 0 && (k[4] == ' ' || k[4] == '\t')) {
			char *u;

			for (k += 4; *k == ' ' || *k == '\t'; k++)
				;
			u = strdup(k);
			src = kv->value[0] == '/' ? strdup(kv->value) : join(here, kv->value);
			if (!u || !src) {
				free(u);
				free(src);
				return -ENOMEM;
			}
			rc = add(s->name, u, src, false, kv->line, err);
			free(src);
			if (rc)
				return rc;
		}
	}
	if (root_line && nents == before)
		return ferr(err, root_line, -ENOENT, "root: no files to serve");
	return 0;
}

int pl_files_load(struct pl_load *ld, struct pl_err *err)
{
	struct pl_config *cfg = &ld->cfg;
	size_t i, n = 0;
	int rc;

	clear();
	cfg->files = NULL;
	cfg->num_files = 0;
	for (i = 0; i < cfg->num_sections; i++) {
		const struct pl_section *s = &cfg->sections[i];
		const struct pl_factory *f;

		if (s->type != PL_SEC_APP || !s->use)
			continue;
		f = pl_factory_find(s->use, strlen(s->use));
		if (!f || !f->embeds_files)
			continue;
		rc = section_files(ld, s, err);
		if (rc) {
			if (rc == -ENOMEM)
				ferr(err, s->line, rc, "out of memory");
			clear();
			return rc;
		}
	}
	for (i = 0; i < nents; i++)
		table[i] = ents[i].f;
	qsort(table, nents, sizeof(table[0]), cmp_file);
	for (i = 0; i < nents; i++)
		sources[n++] = ents[i].src;
	for (i = 0; i < ndirs; i++)
		sources[n++] = dirs[i];
	sources[n] = NULL;
	cfg->files = nents ? table : NULL;
	cfg->num_files = nents;
	return 0;
}

const char *const *pl_files_sources(void)
{
	return sources;
}
