#ifndef SKYRECON_CSUPPORT_H
#define SKYRECON_CSUPPORT_H

/// Asks the processor to bring the cache line holding `address` into the cache, without waiting for it and
/// without any effect on the program's results (Swift has no prefetch of its own).
static inline void skyrecon_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#if defined(__linux__)
// glibc's sincos: the bits of its sin and cos (the same routines), with one argument reduction for both.
void sincos(double x, double *sine, double *cosine);
#endif

/// The sine and cosine of `x`, equal to the C library's `sin(x)` and `cos(x)`.
static inline void skyrecon_sincos(double x, double *sine, double *cosine) {
#if defined(__linux__)
    sincos(x, sine, cosine);
#else
    *sine = __builtin_sin(x);
    *cosine = __builtin_cos(x);
#endif
}

#endif
