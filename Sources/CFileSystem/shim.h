#ifndef GRADCTRL_CFILESYSTEM_SHIM_H
#define GRADCTRL_CFILESYSTEM_SHIM_H
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

/// Swaps the two existing paths `first` and `second` in one step (Linux renameat2 with RENAME_EXCHANGE), so
/// neither path is ever missing. Returns 0, or -1 with errno set (ENOSYS or EINVAL where unsupported).
static inline int gradctrl_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, 2 /* RENAME_EXCHANGE */);
#else
    (void)first; (void)second;
    errno = ENOSYS;
    return -1;
#endif
}

#endif
