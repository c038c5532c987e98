package dev.weft.kernels;

import java.util.SplittableRandom;

/** Inputs and comparisons shared by the GEMM tests. */
final class Fixtures {

    /** Tests reach the parallel path for every shape through this threshold (0: always parallel). */
    static final long ALWAYS_PARALLEL = 0;

    private Fixtures() {
    }

    /** The kernels under test: the best this JVM offers, and the scalar ones forced. */
    enum Kernels {
        BEST(KernelSet.best()),
        SCALAR(KernelSet.scalar());

        final KernelSet set;

        Kernels(KernelSet set) {
            this.set = set;
        }

        Gemm gemm() {
            return Gemm.forTesting(set, ALWAYS_PARALLEL);
        }
    }

    /** {@code rows x ld} values uniform in [-1, 1]. */
    static double[] randomDoubles(int rows, int ld, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[Math.max(1, rows * ld)];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-1.0, 1.0);
        }
        return x;
    }

    /** {@code rows x ld} values uniform in [-1, 1]. */
    static float[] randomFloats(int rows, int ld, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[Math.max(1, rows * ld)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1.0, 1.0);
        }
        return x;
    }

    static double[] widen(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    /** {@code max|C - Cref| / max(1, max|Cref|)} over the {@code m x n} elements of C (leading dimension ldc). */
    static double normalizedError(double[] c, double[] ref, int m, int n, int ldc) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int x = i * ldc + j;
                maxDiff = Math.max(maxDiff, Math.abs(c[x] - ref[x]));
                maxRef = Math.max(maxRef, Math.abs(ref[x]));
            }
        }
        return maxDiff / Math.max(1, maxRef);
    }

    /** The same, for a float C against a reference computed in double. */
    static double normalizedError(float[] c, double[] ref, int m, int n, int ldc) {
        return normalizedError(widen(c), ref, m, n, ldc);
    }

    /** The largest relative error of any element, relative to the largest reference magnitude (at least 1e-300). */
    static double relativeError(double[] c, double[] ref, int m, int n, int ldc) {
        double maxDiff = 0;
        double maxRef = 1e-300;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int x = i * ldc + j;
                maxDiff = Math.max(maxDiff, Math.abs(c[x] - ref[x]));
                maxRef = Math.max(maxRef, Math.abs(ref[x]));
            }
        }
        return maxDiff / maxRef;
    }

    /**
     * An executor defined by its {@code execute} alone, for tests of how the kernels treat what an executor does
     * with their helpers; shutting it down does nothing and it never terminates.
     */
    abstract static class ExecuteOnly extends java.util.concurrent.AbstractExecutorService {
        @Override
        public void shutdown() {
        }

        @Override
        public java.util.List<Runnable> shutdownNow() {
            return java.util.List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
            return false;
        }
    }
}
