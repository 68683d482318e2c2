/*
 * pl_snprintf: see pl_fmt.h. Numbers go through unsigned long, which holds
 * a size_t on both ILP32 targets and LP64 hosts, so no 64-bit division is
 * pulled in on a 32-bit target.
 */
#include "pl_fmt.h"

#include <limits.h>
#include <stdbool.h>

struct out {
	char *buf;
	size_t cap, n;
};

static void put(struct out *o, char c)
{
	if (o->n + 1 < o->cap)
		o->buf[o->n] = c;
	o->n++;
}

static void put_n(struct out *o, const char *s, size_t n)
{
	while (n--)
		put(o, *s++);
}

static void put_ulong(struct out *o, unsigned long v, unsigned base)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[sizeof(unsigned long) * CHAR_BIT / 3 + 2];
	size_t n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	while (n)
		put(o, tmp[--n]);
}

int pl_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	struct out o = {buf, cap, 0};

	for (; *fmt; fmt++) {
		const char *spec = fmt;
		size_t prec = (size_t)-1;
		char len = 0;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				int p = va_arg(ap, int);

				prec = p < 0 ? (size_t)-1 : (size_t)p;
				fmt++;
			} else {
				prec = 0;
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (size_t)(*fmt++ - '0');
			}
		}
		if (*fmt == 'l' || *fmt == 'z')
			len = *fmt++;
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t n = 0;

			if (!s)
				s = "(null)";
			while (n < prec && s[n])
				n++;
			put_n(&o, s, n);
			break;
		}
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 'd':
		case 'i': {
			long v = len == 'l' ? va_arg(ap, long) :
				 len == 'z' ? (long)va_arg(ap, size_t) : va_arg(ap, int);
			unsigned long mag = (unsigned long)v;

			if (v < 0) {
				put(&o, '-');
				mag = 0ul - mag;
			}
			put_ulong(&o, mag, 10);
			break;
		}
		case 'u':
		case 'x': {
			unsigned long v = len == 'l' ? va_arg(ap, unsigned long) :
					  len == 'z' ? (unsigned long)va_arg(ap, size_t) :
					  va_arg(ap, unsigned);

			put_ulong(&o, v, *fmt == 'x' ? 16 : 10);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:
			/* not ours: out as written (the end of fmt included) */
			if (!*fmt) {
				put_n(&o, spec, (size_t)(fmt - spec));
				fmt--;
			} else {
				put_n(&o, spec, (size_t)(fmt - spec) + 1);
			}
			break;
		}
	}
	if (cap)
		buf[o.n < cap ? o.n : cap - 1] = '\0';
	return o.n > INT_MAX ? INT_MAX : (int)o.n;
}

int pl_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = pl_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}
