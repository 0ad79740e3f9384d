/*
 * banned.h — functions gbetl's code must not use.
 *
 * Included last by every .c file (through the compiler's -include), it turns
 * a call to an unbounded or non-reentrant string function into a compile
 * error.  Use strbuf, snprintf, memcpy with a checked length, strtok_r.
 */
#ifndef GBETL_BANNED_H
#define GBETL_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gets
#define gets(x) BANNED(gets)

#endif
