/*
 * The paste ini loader: inih for the lexing, then paste.deploy's rules to
 * resolve sections into the pl_config model (see pl_load.h for the
 * grammar). Host only.
 *
 * inih calls back per key without line numbers or empty sections, so the
 * reader we give it does the bookkeeping: it counts lines, recognises
 * section headers and continuation lines with inih's own rules (r55,
 * ini.c: comment, then continuation, then [section], then key), refuses
 * what inih would silently mangle (NUL bytes, lines longer than its
 * buffer) and writes the masked copy of the text that the image carries.
 * The first error stops the parse: the reader returns end-of-file.
 */
#include "pl_load.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl_build_priv.h"

#define SEC_DEFAULT 0xff
/* configparser's MAX_INTERPOLATION_DEPTH */
#define INTERP_MAX_DEPTH 10

enum { ST_NEW, ST_BUSY, ST_DONE };

static int fail(struct pl_load *ld, unsigned line, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct pl_load *ld, unsigned line, int rc, const char *fmt, ...)
{
	va_list ap;

	if (ld->failed)
		return rc;
	ld->failed = true;
	ld->err->line = (uint16_t)(line > UINT16_MAX ? UINT16_MAX : line);
	va_start(ap, fmt);
	vsnprintf(ld->err->msg, sizeof(ld->err->msg), fmt, ap);
	va_end(ap);
	return rc;
}

static bool is_ws(char c)
{
	return isspace((unsigned char)c) != 0;
}

/* The builder's names, plus the loader's own [DEFAULT]. */
static const char *type_name(uint8_t type)
{
	return type == SEC_DEFAULT ? "DEFAULT" : pl_section_type_name(type);
}


/* ---- storage ---- */

static bool arena_put(struct pl_load *ld, const char *s, size_t n)
{
	if (n > PL_LOAD_ARENA - ld->arena_used) {
		fail(ld, ld->lineno, -E2BIG, "config too large (string space %d bytes)",
		     PL_LOAD_ARENA);
		return false;
	}
	memcpy(ld->arena + ld->arena_used, s, n);
	ld->arena_used += n;
	return true;
}

static char *arena_dup(struct pl_load *ld, const char *s, size_t n)
{
	char *p = ld->arena + ld->arena_used;

	if (!arena_put(ld, s, n) || !arena_put(ld, "", 1))
		return NULL;
	return p;
}

static bool text_put(struct pl_load *ld, const char *s, size_t n)
{
	if (n > sizeof(ld->text) - 1 - ld->text_len) {
		fail(ld, ld->lineno, -E2BIG, "config too large");
		return false;
	}
	memcpy(ld->text + ld->text_len, s, n);
	ld->text_len += n;
	ld->text[ld->text_len] = '\0';
	return true;
}

static struct pl_kv *kv_add(struct pl_load *ld, unsigned line)
{
	if (ld->num_kv == PL_LOAD_MAX_KV) {
		fail(ld, line, -E2BIG, "config too large (more than %d keys after reuse)",
		     PL_LOAD_MAX_KV);
		return NULL;
	}
	return &ld->kv[ld->num_kv++];
}

bool pl_load_is_secret(const char *key)
{
	static const char *const words[] = {"token", "password", "secret", "key"};
	char low[128];
	size_t i, n = strlen(key);

	if (n >= sizeof(low))
		n = sizeof(low) - 1;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)key[i]);
	low[n] = '\0';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(low, words[i]))
			return true;
	return false;
}

/* ---- reading: inih's reader callback ---- */

/* inih's find_chars_or_comment(): the first of chars, or end when an
 * inline ';' comment (after whitespace) comes first. */
static size_t find_sep(const char *s, size_t st, size_t end, const char *chars)
{
	bool was_space = false;
	size_t i;

	for (i = st; i < end; i++) {
		if (strchr(chars, s[i]))
			return i;
		if (was_space && s[i] == ';')
			return end;
		was_space = is_ws(s[i]);
	}
	return end;
}

static size_t strip_range(const char *s, size_t *st, size_t end)
{
	while (*st < end && is_ws(s[*st]))
		(*st)++;
	while (end > *st && is_ws(s[end - 1]))
		end--;
	return end;
}

static bool section_start(struct pl_load *ld, const char *h, size_t hn)
{
	static const struct {
		const char *prefix;
		uint8_t type;
	} prefixes[] = {
		{"app", PL_SEC_APP},          {"application", PL_SEC_APP},
		{"filter", PL_SEC_FILTER},    {"pipeline", PL_SEC_PIPELINE},
		{"composite", PL_SEC_COMPOSITE}, {"server", PL_SEC_SERVER},
		{"net", PL_SEC_NET},
	};
	const char *colon = memchr(h, ':', hn);
	size_t ps = 0, pe, ns, ne = hn, i;
	struct pl_load_sec *s;
	uint8_t type = PL_SEC_OTHER;
	char *name;

	if (ld->num_sec == PL_LOAD_MAX_SECTIONS) {
		fail(ld, ld->lineno, -E2BIG, "more than %d sections",
		     PL_LOAD_MAX_SECTIONS);
		return false;
	}
	if (colon) {
		pe = strip_range(h, &ps, (size_t)(colon - h));
		ns = (size_t)(colon - h) + 1;
		ne = strip_range(h, &ns, hn);
		for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
			if (strlen(prefixes[i].prefix) == pe - ps &&
			    memcmp(prefixes[i].prefix, h + ps, pe - ps) == 0)
				break;
		if (i == sizeof(prefixes) / sizeof(prefixes[0])) {
			if (pe - ps == 10 && memcmp(h + ps, "filter-app", 10) == 0)
				fail(ld, ld->lineno, -EINVAL,
				     "[filter-app:] is not supported: use a [filter:] and filter-with or a pipeline");
			else
				fail(ld, ld->lineno, -EINVAL,
				     "unknown section type '%.*s' (app, filter, pipeline, composite, server, net)",
				     (int)(pe - ps), h + ps);
			return false;
		}
		type = prefixes[i].type;
		if (ne == ns) {
			fail(ld, ld->lineno, -EINVAL, "section [%.*s] has no name",
			     (int)hn, h);
			return false;
		}
	} else {
		ns = 0;
		ne = strip_range(h, &ns, hn);
		if (ne - ns == 7 && memcmp(h + ns, "DEFAULT", 7) == 0)
			type = SEC_DEFAULT;
	}
	name = arena_dup(ld, h + ns, ne - ns);
	if (!name)
		return false;
	for (i = 0; i < ld->num_sec; i++) {
		const struct pl_load_sec *o = &ld->sec[i];
		bool clash = pl_section_is_object(type) ? pl_section_is_object(o->type)
					     : o->type == type;

		if (clash && strcmp(o->name, name) == 0) {
			fail(ld, ld->lineno, -EEXIST,
			     "duplicate section '%s' (first [%s:%s] at line %u)",
			     name, type_name(o->type), o->name, o->line);
			return false;
		}
	}
	s = &ld->sec[ld->num_sec];
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->type = type;
	s->line = (uint16_t)ld->lineno;
	s->first = (uint16_t)ld->num_raw;
	if (type == SEC_DEFAULT)
		ld->default_sec = (int)ld->num_sec;
	ld->cur = (int)ld->num_sec++;
	return true;
}

/* Classify the line as inih will and keep our state in step with it. */
static bool classify(struct pl_load *ld, const char *line, size_t len)
{
	size_t begin = 0, st, end, sep;

	ld->cont = false;
	if (ld->lineno == 1 && len >= 3 && (unsigned char)line[0] == 0xef &&
	    (unsigned char)line[1] == 0xbb && (unsigned char)line[2] == 0xbf)
		begin = 3;
	st = begin;
	end = strip_range(line, &st, len);
	if (st == end || line[st] == ';' || line[st] == '#')
		return text_put(ld, line, len);
	if (ld->prev_name && st > 0) {
		ld->cont = true;
		if (ld->mask_cont)
			return text_put(ld, line, st) && text_put(ld, "***\n", 4);
		return text_put(ld, line, len);
	}
	if (line[st] == '[') {
		sep = find_sep(line, st + 1, end, "]");
		if (sep == end) {
			fail(ld, ld->lineno, -EINVAL, "section header without ']'");
			return false;
		}
		ld->prev_name = false;
		ld->mask_cont = false;
		return section_start(ld, line + st + 1, sep - st - 1) &&
		       text_put(ld, line, len);
	}
	sep = find_sep(line, st, end, "=:");
	if (sep == end) {
		fail(ld, ld->lineno, -EINVAL,
		     "malformed line: expected 'key = value' or [section]");
		return false;
	}
	ld->prev_name = true;
	{
		size_t ks = st, ke = strip_range(line, &ks, sep);
		char key[128];
		size_t kn = ke - ks < sizeof(key) - 1 ? ke - ks : sizeof(key) - 1;

		memcpy(key, line + ks, kn);
		key[kn] = '\0';
		ld->mask_cont = pl_load_is_secret(key);
	}
	if (ld->mask_cont)
		return text_put(ld, line, sep + 1) && text_put(ld, " ***\n", 5);
	return text_put(ld, line, len);
}

static char *reader(char *str, int num, void *stream)
{
	struct pl_load *ld = stream;
	const char *p = ld->src + ld->pos, *nl;
	size_t len;

	if (ld->failed || ld->pos >= ld->src_len)
		return NULL;
	nl = memchr(p, '\n', ld->src_len - ld->pos);
	len = nl ? (size_t)(nl - p) + 1 : ld->src_len - ld->pos;
	ld->lineno++;
	if (ld->lineno > UINT16_MAX) {
		fail(ld, UINT16_MAX, -E2BIG, "more than %u lines", UINT16_MAX);
		return NULL;
	}
	/* inih reads num-1 bytes at most and would parse the rest of a long
	 * line as a line of its own. */
	if (num < 2 || len > (size_t)num - 1) {
		fail(ld, ld->lineno, -E2BIG, "line too long (at most %d bytes)",
		     num - 2);
		return NULL;
	}
	if (memchr(p, '\0', len)) {
		fail(ld, ld->lineno, -EINVAL, "NUL byte in the file");
		return NULL;
	}
	memcpy(str, p, len);
	str[len] = '\0';
	ld->pos += len;
	if (!classify(ld, str, len))
		return NULL;
	return str;
}

static int handler(void *user, const char *section, const char *name,
		   const char *value)
{
	struct pl_load *ld = user;
	struct pl_load_raw *r;

	(void)section; /* ours is ld->cur, which also knows empty sections */
	if (ld->failed)
		return 1;
	if (ld->cont) {
		/* configparser joins continuation lines with '\n'. The value
		 * is the newest arena string, so it grows in place. */
		r = &ld->raw[ld->num_raw - 1];
		if (ld->arena_used == 0 ||
		    r->value + strlen(r->value) + 1 != ld->arena + ld->arena_used) {
			fail(ld, ld->lineno, -EINVAL, "continuation line without a key");
			return 1;
		}
		ld->arena_used--; /* drop the NUL */
		if (arena_put(ld, "\n", 1))
			arena_put(ld, value, strlen(value) + 1);
		return 1;
	}
	if (ld->cur < 0) {
		fail(ld, ld->lineno, -EINVAL, "'%s' is outside any [section]", name);
		return 1;
	}
	if (!*name) {
		fail(ld, ld->lineno, -EINVAL, "empty key");
		return 1;
	}
	if (ld->num_raw == PL_LOAD_MAX_RAW) {
		fail(ld, ld->lineno, -E2BIG, "more than %d keys", PL_LOAD_MAX_RAW);
		return 1;
	}
	r = &ld->raw[ld->num_raw];
	r->key = arena_dup(ld, name, strlen(name));
	r->value = r->key ? arena_dup(ld, value, strlen(value)) : NULL;
	if (!r->value)
		return 1;
	r->line = (uint16_t)ld->lineno;
	r->secret = pl_load_is_secret(name);
	ld->num_raw++;
	ld->sec[ld->cur].num++;
	return 1;
}

/* ---- resolving ---- */

static int find_obj(const struct pl_load *ld, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < ld->num_sec; i++)
		if (pl_section_is_object(ld->sec[i].type) && strlen(ld->sec[i].name) == n &&
		    memcmp(ld->sec[i].name, name, n) == 0)
			return (int)i;
	return -1;
}

static const struct pl_load_raw *raw_find(const struct pl_load *ld, int si,
					  const char *key, size_t n)
{
	const struct pl_load_sec *s;
	size_t i;

	if (si < 0)
		return NULL;
	s = &ld->sec[si];
	for (i = s->first; i < (size_t)s->first + s->num; i++)
		if (strlen(ld->raw[i].key) == n &&
		    memcmp(ld->raw[i].key, key, n) == 0)
			return &ld->raw[i];
	return NULL;
}

/* Append v with %(name)s expanded: the section's own keys first, then
 * [DEFAULT], then here and __file__ (configparser + paste). */
static bool interp(struct pl_load *ld, int si, const char *v, unsigned line,
		   int depth)
{
	const char *p;

	if (depth > INTERP_MAX_DEPTH) {
		fail(ld, line, -ELOOP,
		     "interpolation deeper than %d levels (does a key refer to itself?)",
		     INTERP_MAX_DEPTH);
		return false;
	}
	for (p = v; *p; p++) {
		const struct pl_load_raw *r;
		const char *name, *close;
		size_t n;

		if (*p != '%') {
			if (!arena_put(ld, p, 1))
				return false;
			continue;
		}
		if (p[1] == '%') {
			if (!arena_put(ld, "%", 1))
				return false;
			p++;
			continue;
		}
		close = p[1] == '(' ? strchr(p + 2, ')') : NULL;
		if (!close || close[1] != 's') {
			fail(ld, line, -EINVAL,
			     "bad interpolation: '%%' must start %%(name)s or be doubled (%%%%)");
			return false;
		}
		name = p + 2;
		n = (size_t)(close - name);
		if ((r = raw_find(ld, si, name, n)) != NULL) {
			if (!interp(ld, si, r->value, line, depth + 1))
				return false;
		} else if ((r = raw_find(ld, ld->default_sec, name, n)) != NULL) {
			if (!interp(ld, ld->default_sec, r->value, line, depth + 1))
				return false;
		} else if (n == 4 && memcmp(name, "here", 4) == 0) {
			if (!arena_put(ld, ld->here, strlen(ld->here)))
				return false;
		} else if (n == 8 && memcmp(name, "__file__", 8) == 0) {
			if (!arena_put(ld, ld->file_abs, strlen(ld->file_abs)))
				return false;
		} else {
			fail(ld, line, -ENOENT,
			     "%%(%.*s)s: no key '%.*s' in this section or [DEFAULT]",
			     (int)n, name, (int)n, name);
			return false;
		}
		p = close + 1;
	}
	return true;
}

static const char *interp_dup(struct pl_load *ld, int si,
			      const struct pl_load_raw *r)
{
	char *start = ld->arena + ld->arena_used;

	if (!interp(ld, si, r->value, r->line, 0) || !arena_put(ld, "", 1))
		return NULL;
	return start;
}

/* "set NAME" / "get NAME" -> NAME, or NULL. */
static const char *key_word(const char *key, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(key, word, n) != 0 || !is_ws(key[n]))
		return NULL;
	key += n;
	while (is_ws(*key))
		key++;
	return *key ? key : NULL;
}

static bool is_special(const char *key)
{
	return strcmp(key, "use") == 0 || strcmp(key, "filter-with") == 0 ||
	       key_word(key, "set") || key_word(key, "get");
}

/* Set key in the kv block [start, ld->num_kv): replace or append. */
static bool kv_put(struct pl_load *ld, size_t start, const char *key,
		   const char *value, uint16_t line)
{
	struct pl_kv *kv;
	size_t i;

	for (i = start; i < ld->num_kv; i++) {
		if (strcmp(ld->kv[i].key, key) == 0) {
			ld->kv[i].value = value;
			ld->kv[i].line = line;
			return true;
		}
	}
	kv = kv_add(ld, line);
	if (!kv)
		return false;
	kv->key = key;
	kv->value = value;
	kv->line = line;
	return true;
}

static uint8_t kind_for(uint8_t type)
{
	return type == PL_SEC_FILTER ? PL_KIND_FILTER
	       : type == PL_SEC_COMPOSITE ? PL_KIND_COMPOSITE
					  : PL_KIND_APP;
}

/* The registry's factory names, comma-separated; if they do not all fit,
 * as many as do and ", ..." (cap > 5). */
static void factory_list(char *buf, size_t cap)
{
	const struct pl_factory *f;
	size_t n = 0;

	buf[0] = '\0';
	for (f = pl_factory_begin(); f && f < pl_factory_end(); f++) {
		/* keep room for ", ..." */
		int w = snprintf(buf + n, cap - n - 5, "%s%s", n ? ", " : "", f->name);

		if (w < 0 || (size_t)w >= cap - n - 5) {
			snprintf(buf + n, cap - n, ", ...");
			return;
		}
		n += (size_t)w;
	}
}

static int resolve_use(struct pl_load *ld, int si, const struct pl_load_raw *use)
{
	static const char *const kinds[] = {"an app", "a filter", "a composite"};
	struct pl_load_sec *s = &ld->sec[si];
	const struct pl_factory *f;
	const char *v = interp_dup(ld, si, use);
	int target;

	if (!v)
		return -EINVAL;
	s->use_line = use->line;
	if (strncmp(v, "config:", 7) == 0 || strncmp(v, "call:", 5) == 0)
		return fail(ld, use->line, -EINVAL,
			    "use = %s: config: and call: cannot work in a single baked image; name a section or egg:lwpaste#FACTORY",
			    v);
	if (strncmp(v, "egg:", 4) == 0 &&
	    strncmp(v, PL_EGG_PREFIX, sizeof(PL_EGG_PREFIX) - 1) != 0) {
		const char *hash = strchr(v, '#');

		if (hash && pl_factory_find(hash + 1, strlen(hash + 1)))
			return fail(ld, use->line, -ENOENT,
				    "use = %s: only egg:lwpaste#NAME factories are in the image (did you mean egg:lwpaste#%s?)",
				    v, hash + 1);
		return fail(ld, use->line, -ENOENT,
			    "use = %s: only egg:lwpaste#NAME factories are in the image",
			    v);
	}
	target = strncmp(v, "egg:", 4) == 0 ? -1 : find_obj(ld, v, strlen(v));
	if (target >= 0 && target != si) {
		struct pl_load_sec *t = &ld->sec[target];

		if (t->type != s->type)
			return fail(ld, use->line, -EINVAL,
				    "use = %s: [%s:%s] is not a [%s:] section; only a section of the same kind can be reused",
				    v, type_name(t->type), t->name,
				    type_name(s->type));
		if (t->state == ST_BUSY)
			return fail(ld, use->line, -ELOOP,
				    "reference cycle: [%s:%s] and [%s:%s] reuse each other through 'use ='",
				    type_name(s->type), s->name,
				    type_name(t->type), t->name);
		s->base = t;
		return 0; /* resolved (and the factory taken) by the caller */
	}
	f = pl_factory_use(v);
	if (!f) {
		char list[PL_ERR_MSG_MAX - 64];

		factory_list(list, sizeof(list));
		return fail(ld, use->line, -ENOENT,
			    "use = %s: unknown factory (factories: %s)", v, list);
	}
	if (f->kind != kind_for(s->type))
		return fail(ld, use->line, -EINVAL,
			    "use = %s: '%s' is %s factory; [%s:%s] needs %s",
			    v, f->name, f->kind < 3 ? kinds[f->kind] : "an unknown",
			    type_name(s->type), s->name,
			    kinds[kind_for(s->type)]);
	s->factory = f->name;
	return 0;
}

static int resolve(struct pl_load *ld, int si);

static int resolve_globals(struct pl_load *ld, int si,
			   const struct pl_section *base_out)
{
	struct pl_section *o = &ld->out[si];
	const struct pl_load_sec *s = &ld->sec[si];
	const struct pl_kv *from = base_out ? base_out->global : ld->globals;
	uint16_t nfrom = base_out ? base_out->num_global : ld->num_globals;
	size_t i, start, nsets = 0;

	for (i = s->first; i < (size_t)s->first + s->num; i++)
		nsets += key_word(ld->raw[i].key, "set") != NULL;
	o->global = from;
	o->num_global = nfrom;
	if (!nsets)
		return 0; /* share the array: the tables stay small */
	start = ld->num_kv;
	for (i = 0; i < nfrom; i++)
		if (!kv_put(ld, ld->num_kv, from[i].key, from[i].value, from[i].line))
			return -E2BIG;
	for (i = s->first; i < (size_t)s->first + s->num; i++) {
		const struct pl_load_raw *r = &ld->raw[i];
		const char *name = key_word(r->key, "set");
		const char *v;

		if (!name)
			continue;
		v = interp_dup(ld, si, r);
		if (!v || !kv_put(ld, start, name, v, r->line))
			return -E2BIG;
	}
	o->global = &ld->kv[start];
	o->num_global = (uint16_t)(ld->num_kv - start);
	return 0;
}

static int resolve(struct pl_load *ld, int si)
{
	struct pl_load_sec *s = &ld->sec[si];
	struct pl_section *o = &ld->out[si];
	const struct pl_load_raw *use = NULL, *fw = NULL;
	const struct pl_section *base_out = NULL;
	size_t i, k, start;
	int rc;

	if (s->state == ST_DONE)
		return 0;
	s->state = ST_BUSY;
	memset(o, 0, sizeof(*o));
	o->name = s->name;
	o->type = s->type;
	o->line = s->line;

	for (i = s->first; i < (size_t)s->first + s->num; i++) {
		const struct pl_load_raw *r = &ld->raw[i];

		for (k = s->first; k < i; k++)
			if (strcmp(ld->raw[k].key, r->key) == 0)
				return fail(ld, r->line, -EEXIST,
					    "duplicate key '%s' (first at line %u)",
					    r->key, ld->raw[k].line);
		if (pl_section_is_object(s->type) && strcmp(r->key, "use") == 0)
			use = r;
		else if (pl_section_is_object(s->type) && strcmp(r->key, "filter-with") == 0)
			fw = r;
		else if (strncmp(r->key, "paste.", 6) == 0)
			return fail(ld, r->line, -EINVAL,
				    "%s cannot work in a baked image: use = egg:lwpaste#FACTORY",
				    r->key);
	}

	if (s->type == PL_SEC_PIPELINE && use)
		return fail(ld, use->line, -EINVAL,
			    "[pipeline:%s] takes no 'use'; it is 'pipeline = filter ... app'",
			    s->name);
	if (pl_section_is_object(s->type) && s->type != PL_SEC_PIPELINE) {
		if (!use)
			return fail(ld, s->line, -EINVAL,
				    "[%s:%s] has no 'use = FACTORY'",
				    type_name(s->type), s->name);
		rc = resolve_use(ld, si, use);
		if (rc)
			return rc;
		if (s->base) {
			int bi = (int)(s->base - ld->sec);

			rc = resolve(ld, bi);
			if (rc)
				return rc;
			s->factory = s->base->factory;
			base_out = &ld->out[bi];
		}
	}
	o->use = s->factory;

	rc = resolve_globals(ld, si, base_out);
	if (rc)
		return rc;

	/* local conf: the reused section's, then ours over it, then get. */
	start = ld->num_kv;
	if (base_out)
		for (i = 0; i < base_out->num_local; i++)
			if (!kv_put(ld, ld->num_kv, base_out->local[i].key,
				    base_out->local[i].value,
				    base_out->local[i].line))
				return -E2BIG;
	for (i = s->first; i < (size_t)s->first + s->num; i++) {
		const struct pl_load_raw *r = &ld->raw[i];
		const char *v;

		if (pl_section_is_object(s->type) ? is_special(r->key)
				       : (key_word(r->key, "set") || key_word(r->key, "get")))
			continue;
		if (s->type == PL_SEC_PIPELINE && strcmp(r->key, "pipeline") != 0)
			return fail(ld, r->line, -EINVAL,
				    "[pipeline:%s] takes only 'pipeline = ...', not '%s'",
				    s->name, r->key);
		v = interp_dup(ld, si, r);
		if (!v || !kv_put(ld, start, r->key, v, r->line))
			return -E2BIG;
	}
	for (i = s->first; i < (size_t)s->first + s->num; i++) {
		const struct pl_load_raw *r = &ld->raw[i];
		const char *name = key_word(r->key, "get");
		const char *gname;
		uint16_t g;

		if (!name)
			continue;
		gname = interp_dup(ld, si, r);
		if (!gname)
			return -E2BIG;
		for (g = 0; g < o->num_global; g++)
			if (strcmp(o->global[g].key, gname) == 0)
				break;
		if (g == o->num_global)
			return fail(ld, r->line, -ENOENT,
				    "get %s = %s: no global '%s' in [DEFAULT] or set",
				    name, gname, gname);
		if (!kv_put(ld, start, name, o->global[g].value, r->line))
			return -E2BIG;
	}
	o->local = &ld->kv[start];
	o->num_local = (uint16_t)(ld->num_kv - start);
	if (s->type == PL_SEC_PIPELINE && !o->num_local)
		return fail(ld, s->line, -EINVAL,
			    "[pipeline:%s] has no 'pipeline = filter ... app'",
			    s->name);
	if (fw) {
		o->filter_with = interp_dup(ld, si, fw);
		if (!o->filter_with)
			return -E2BIG;
	}
	s->state = ST_DONE;
	return 0;
}

/* What pl_build also checks, but here with every section, reachable from
 * the entry or not, and before any factory runs. */
static int check_refs(struct pl_load *ld, int si)
{
	const struct pl_load_sec *s = &ld->sec[si];
	const struct pl_section *o = &ld->out[si];
	size_t i;

	if (o->filter_with) {
		const struct pl_load_raw *fw = raw_find(ld, si, "filter-with", 11);
		unsigned line = fw ? fw->line : s->line;
		int t = find_obj(ld, o->filter_with, strlen(o->filter_with));

		if (t < 0)
			return fail(ld, line, -ENOENT, "filter-with = %s: no such section",
				    o->filter_with);
		if (ld->sec[t].type != PL_SEC_FILTER)
			return fail(ld, line, -EINVAL,
				    "filter-with = %s: [%s:%s] is not a filter",
				    o->filter_with, type_name(ld->sec[t].type),
				    ld->sec[t].name);
	}
	if (s->type != PL_SEC_PIPELINE)
		return 0;
	for (i = 0; i < o->num_local; i++) {
		const struct pl_kv *kv = &o->local[i];
		int pass;

		/* Pass 0: every item exists and the last one is an app; pass 1:
		 * the ones before it are filters. */
		for (pass = 0; pass < 2; pass++) {
			const char *p = kv->value;

			while (*p) {
				const char *st;
				int t;

				while (is_ws(*p))
					p++;
				if (!*p)
					break;
				st = p;
				while (*p && !is_ws(*p))
					p++;
				t = find_obj(ld, st, (size_t)(p - st));
				if (t < 0)
					return fail(ld, kv->line, -ENOENT,
						    "pipeline item '%.*s': no such section",
						    (int)(p - st), st);
				while (is_ws(*p))
					p++;
				if (pass == 0 && !*p &&
				    ld->sec[t].type == PL_SEC_FILTER)
					return fail(ld, kv->line, -EINVAL,
						    "pipeline '%s' does not end in an app: '%s' is a filter",
						    s->name, ld->sec[t].name);
				if (pass == 1 && *p &&
				    ld->sec[t].type != PL_SEC_FILTER)
					return fail(ld, kv->line, -EINVAL,
						    "pipeline item '%s' is not a filter (only the last item is an app)",
						    ld->sec[t].name);
			}
		}
	}
	return 0;
}

static void set_paths(struct pl_load *ld, const char *file)
{
	char *slash;

	snprintf(ld->file, sizeof(ld->file), "%s", file ? file : "<ini>");
	if (!file || !realpath(file, ld->file_abs))
		snprintf(ld->file_abs, sizeof(ld->file_abs), "%s", ld->file);
	snprintf(ld->here, sizeof(ld->here), "%s", ld->file_abs);
	slash = strrchr(ld->here, '/');
	if (slash && slash != ld->here)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
	else
		snprintf(ld->here, sizeof(ld->here), ".");
}

static int load_src(struct pl_load *ld, const char *entry, struct pl_err *err)
{
	size_t i, n = 0;
	int rc;

	ld->err = err;
	ld->cur = -1;
	ld->default_sec = -1;
	rc = ini_parse_stream(reader, ld, handler, ld);
	if (ld->failed)
		return -EINVAL;
	if (rc)
		return fail(ld, (unsigned)(rc > 0 ? rc : 0), -EINVAL, "malformed line");

	/* [DEFAULT]: interpolated against itself. */
	if (ld->default_sec >= 0) {
		const struct pl_load_sec *d = &ld->sec[ld->default_sec];
		size_t start = ld->num_kv;

		for (i = d->first; i < (size_t)d->first + d->num; i++) {
			const char *v = interp_dup(ld, ld->default_sec, &ld->raw[i]);

			if (!v || !kv_put(ld, start, ld->raw[i].key, v, ld->raw[i].line))
				return -EINVAL;
		}
		ld->globals = &ld->kv[start];
		ld->num_globals = (uint16_t)(ld->num_kv - start);
	}
	for (i = 0; i < ld->num_sec; i++) {
		if (ld->sec[i].type == SEC_DEFAULT)
			continue;
		rc = resolve(ld, (int)i);
		if (rc)
			return rc;
	}
	for (i = 0; i < ld->num_sec; i++) {
		if (ld->sec[i].type == SEC_DEFAULT)
			continue;
		rc = check_refs(ld, (int)i);
		if (rc)
			return rc;
	}
	/* The model: every section but [DEFAULT], in file order. */
	for (i = 0; i < ld->num_sec; i++)
		if (ld->sec[i].type != SEC_DEFAULT)
			ld->out[n++] = ld->out[i];
	if (!entry)
		entry = "main";
	{
		int e = find_obj(ld, entry, strlen(entry));

		if (e < 0 || ld->sec[e].type == PL_SEC_FILTER)
			return fail(ld, 1, -ENOENT,
				    "no [app:%s], [composite:%s] or [pipeline:%s] section (the entry point)",
				    entry, entry, entry);
		entry = ld->sec[e].name;
	}
	ld->cfg.file = ld->file;
	ld->cfg.entry = entry;
	ld->cfg.sections = ld->out;
	ld->cfg.num_sections = n;
	ld->cfg.ini_text = ld->text;
	ld->cfg.ini_len = ld->text_len;
	return 0;
}

static void reset(struct pl_load *ld)
{
	/* Not memset: the buffers are large and fully described by counts. */
	memset(&ld->cfg, 0, sizeof(ld->cfg));
	ld->src_len = ld->pos = ld->text_len = 0;
	ld->text[0] = '\0';
	ld->num_sec = ld->num_raw = ld->num_kv = ld->arena_used = 0;
	ld->globals = NULL;
	ld->num_globals = 0;
	ld->lineno = 0;
	ld->cur = -1;
	ld->prev_name = ld->cont = ld->mask_cont = ld->failed = false;
}

int pl_load_buf(struct pl_load *ld, const char *file, const char *text,
		size_t len, const char *entry, struct pl_err *err)
{
	memset(err, 0, sizeof(*err));
	reset(ld);
	ld->err = err;
	set_paths(ld, file);
	if (len > PL_LOAD_MAX_FILE)
		return fail(ld, 0, -EFBIG, "larger than %d bytes", PL_LOAD_MAX_FILE);
	if (text != ld->src)
		memcpy(ld->src, text, len);
	ld->src[len] = '\0';
	ld->src_len = len;
	return load_src(ld, entry, err);
}

int pl_load_file(struct pl_load *ld, const char *path, const char *entry,
		 struct pl_err *err)
{
	FILE *f;
	size_t n;

	memset(err, 0, sizeof(*err));
	reset(ld);
	ld->err = err;
	set_paths(ld, path);
	f = fopen(path, "rb");
	if (!f)
		return fail(ld, 0, -errno, "cannot open: %s", strerror(errno));
	n = fread(ld->src, 1, PL_LOAD_MAX_FILE + 1, f);
	fclose(f);
	if (n > PL_LOAD_MAX_FILE)
		return fail(ld, 0, -EFBIG, "larger than %d bytes", PL_LOAD_MAX_FILE);
	return pl_load_buf(ld, path, ld->src, n, entry, err);
}

static bool has_sample(const char *v)
{
	char low[256];
	size_t i, n = strlen(v);

	if (n >= sizeof(low))
		n = sizeof(low) - 1;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)v[i]);
	low[n] = '\0';
	return strstr(low, "sample") != NULL;
}

int pl_load_check_samples(const struct pl_load *ld, struct pl_err *err)
{
	size_t i;

	memset(err, 0, sizeof(*err));
	for (i = 0; i < ld->num_kv; i++) {
		const struct pl_kv *kv = &ld->kv[i];

		if (pl_load_is_secret(kv->key) && has_sample(kv->value))
			return pl_errf(err, kv->line, -EPERM,
				       "%s is a sample secret; a release build needs a real one",
				       kv->key);
	}
	return 0;
}
