/*
 * sysinc.c - the system's include folders (mj_options.system_headers).
 *
 * gcc's search list for <name>: its private folder (stddef.h, float.h,
 * ...), /usr/local/include, the multiarch folder, /usr/include. meson asks
 * gcc for it when memjit is built (MJ_SYSTEM_INCLUDE_DIRS); a host may
 * give its own list.
 *
 * A header's identity is its path and what stat says about it (device,
 * inode, size, modification and change times), as ccache's direct mode
 * takes it: a hit in the cache or the store repeats the search with stat
 * alone and compares identities, so it never reads a header's bytes.
 * The compile that reads a header takes the identity from the open file
 * before and after reading it; a header that changed meanwhile makes the
 * result uncacheable rather than keyed by the wrong bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"

mj_status sysdirs_init(SysDirs *d, const char *list) {
    memset(d, 0, sizeof *d);
    d->list = mem_strdup(list ? list : "");
    if (!d->list)
        return MJ_ERR_NOMEM;
    for (const char *p = d->list;; ) {
        const char *end = strchr(p, ':');
        if (!end)
            end = p + strlen(p);
        size_t n = (size_t)(end - p);
        while (n > 1 && p[n - 1] == '/')
            n--;
        if (n > 0) {
            char *dir = d->n < SYSDIRS_MAX ? mem_malloc(n + 1) : NULL;
            if (!dir) {
                mj_status st = d->n < SYSDIRS_MAX ? MJ_ERR_NOMEM : MJ_ERR_ARG;
                sysdirs_free(d);
                return st;
            }
            memcpy(dir, p, n);
            dir[n] = '\0';
            d->dir[d->n++] = dir;
        }
        if (!*end)
            break;
        p = end + 1;
    }
    key_hash_bytes(d->list, strlen(d->list), &d->fp);
    return MJ_OK;
}

void sysdirs_free(SysDirs *d) {
    for (int i = 0; i < d->n; i++)
        free(d->dir[i]);
    free(d->list);
    memset(d, 0, sizeof *d);
}

/* dir/name, or NULL on OOM. dir_len bytes of dir are used. */
static char *join_path(const char *dir, size_t dir_len, const char *name) {
    size_t n = strlen(name);
    char *p = mem_malloc(dir_len + 1 + n + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dir_len);
    p[dir_len] = '/';
    memcpy(p + dir_len + 1, name, n + 1);
    return p;
}

/* A regular file at path: *st says what it is. */
static bool is_file(const char *path, struct stat *st) {
    return stat(path, st) == 0 && S_ISREG(st->st_mode);
}

SysFind sysdirs_locate(const SysDirs *d, const char *name, const char *includer,
                       int includer_dir, int from, char **path, int *dir,
                       struct stat *st) {
    *path = NULL;
    *dir = -1;
    if (name[0] == '/') {
        /* An absolute name is itself; #include_next from it finds nothing. */
        if (!is_file(name, st))
            return SYSFIND_NONE;
        *path = mem_strdup(name);
        *dir = d->n;
        return *path ? SYSFIND_FOUND : SYSFIND_NOMEM;
    }
    if (includer) {
        const char *slash = strrchr(includer, '/');
        if (slash) {
            char *p = join_path(includer, (size_t)(slash - includer), name);
            if (!p)
                return SYSFIND_NOMEM;
            if (is_file(p, st)) {
                *path = p;
                *dir = includer_dir;
                return SYSFIND_FOUND;
            }
            free(p);
        }
    }
    for (int i = from < 0 ? 0 : from; i < d->n; i++) {
        char *p = join_path(d->dir[i], strlen(d->dir[i]), name);
        if (!p)
            return SYSFIND_NOMEM;
        if (is_file(p, st)) {
            *path = p;
            *dir = i;
            return SYSFIND_FOUND;
        }
        free(p);
    }
    return SYSFIND_NONE;
}

typedef struct Identity {
    const char *path;
    const struct stat *st;
} Identity;

static void feed_identity(void *ctx, KeyFeed *f) {
    const Identity *id = ctx;
    const struct stat *st = id->st;
    long long facts[] = {(long long)st->st_dev, (long long)st->st_ino, (long long)st->st_size,
                         (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
                         (long long)st->st_ctim.tv_sec, st->st_ctim.tv_nsec};
    key_feed(f, id->path, strlen(id->path) + 1);
    key_feed(f, facts, sizeof facts);
}

void sysinc_identity(const char *path, const struct stat *st, CacheKey *out) {
    Identity id = {path, st};
    key_hash_stream(feed_identity, &id, out);
}

static bool same_file_state(const struct stat *a, const struct stat *b) {
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
           a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

char *sysinc_read(const char *path, const struct stat *found, size_t *len, bool *stable) {
    *len = 0;
    *stable = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat before, after;
    char *buf = NULL;
    if (fstat(fd, &before) != 0 || !S_ISREG(before.st_mode) || before.st_size < 0)
        goto out;
    size_t size = (size_t)before.st_size, n = 0;
    buf = mem_malloc(size + 1);
    if (!buf) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    while (n < size) {
        ssize_t got = read(fd, buf + n, size - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    buf[n] = '\0';
    *len = n;
    *stable = n == size && fstat(fd, &after) == 0 && same_file_state(&before, &after) &&
              same_file_state(&before, found);
out:
    close(fd);
    return buf;
}
