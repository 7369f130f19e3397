#ifndef SKYRECON_CSUPPORT_H
#define SKYRECON_CSUPPORT_H

/// Asks the processor to bring the cache line holding `address` into the cache, without waiting for it and
/// without any effect on the program's results (Swift has no prefetch of its own).
static inline void skyrecon_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
