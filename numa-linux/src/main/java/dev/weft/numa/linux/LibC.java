package dev.weft.numa.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;

/**
 * The three glibc calls Weft needs, mapped by JNA. {@code cpusetsize} is a {@code size_t}, which is a C
 * {@code long} on every Linux ABI ({@link NativeLong}); the mask is an array of C {@code unsigned long}, which
 * a Java {@code long[]} matches on 64-bit Linux. A failing call throws {@link LastErrorException} carrying
 * errno.
 */
interface LibC extends Library {

    /** errno for an invalid argument; sched_getaffinity answers it when the buffer is smaller than the kernel's mask. */
    int EINVAL = 22;

    /** Writes the affinity mask of thread {@code pid} (0: the caller) into {@code mask}; returns 0. */
    int sched_getaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

    /** Sets the affinity mask of thread {@code pid} (0: the caller); returns 0. */
    int sched_setaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

    /** The CPU the caller runs on now. */
    int sched_getcpu() throws LastErrorException;
}
