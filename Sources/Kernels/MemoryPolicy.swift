#if canImport(Glibc)
import CMalloc
#endif

/// Asks the C allocator to keep large freed blocks for reuse instead of returning them to the system.
///
/// The generator allocates tens of megabytes per batch; with glibc's defaults each such block is mapped
/// afresh and every page faults and is zeroed by the kernel again, which costs more than the arithmetic
/// that fills it. Idempotent; does nothing on other C libraries.
public func keepFreedMemoryForReuse() {
    #if canImport(Glibc)
    _ = mallopt(M_MMAP_THRESHOLD, 1 << 30)
    _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
    #endif
}
