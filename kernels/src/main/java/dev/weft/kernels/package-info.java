/**
 * Compute kernels on any {@link java.util.concurrent.ExecutorService}: {@link dev.weft.kernels.Gemm} (BLAS-style
 * DGEMM and SGEMM on row-major arrays) and the {@link dev.weft.kernels.Matrix} it multiplies.
 */
package dev.weft.kernels;
