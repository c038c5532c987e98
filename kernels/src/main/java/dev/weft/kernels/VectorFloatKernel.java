package dev.weft.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float micro-kernel on the incubator Vector API: a 6 x 2V tile, V being the lanes of the preferred species
 * (6 x 16 with AVX2, 6 x 32 with AVX-512), held in 12 vector accumulators. Each step of k loads
 * two vectors of packed B, broadcasts 6 elements of packed A and issues 12 fused multiply-adds.
 *
 * <p>Why 6 x 2V: it is the largest tile whose accumulators, two B vectors and a broadcast fit the 16 vector
 * registers of AVX2 (the BLIS Haswell shape). The double kernels, measured on packed panels (kc = 256) on a Zen 4
 * that exposes AVX2: 6x8, 5x8 and 4x8 reach about 37 GFLOPS; 8x8, 12x4 and 4x12 spill and reach 20 to 32.
 *
 * <p>Only {@link KernelSet} names this class, by reflection, after checking that {@code jdk.incubator.vector}
 * is resolved: loading the scalar kernels never touches the incubator module.
 *
 * <p>C2 keeps vectors in registers only when nothing lets them escape, so the accumulators are separate locals
 * (an array of vectors, or a helper method that is not inlined, boxes them: five times slower). The k loop only
 * ever assigns C; updates ({@code beta != 0}) go through {@link #update} on a scratch tile, because a second
 * epilogue that reads C made the JDK 17 C2 compile the loop up to three times slower, measured.
 */
final class VectorFloatKernel implements FloatKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 6;
    private static final int NR = 2 * L;

    /**
     * @throws UnsupportedOperationException when the preferred species has fewer than two lanes (no SIMD here)
     */
    VectorFloatKernel() {
        if (L < 2) {
            throw new UnsupportedOperationException("the preferred float species has " + L + " lane(s): no SIMD");
        }
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void multiply(int kc, float[] a, int aOff, float[] b, int bOff, float alpha, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S);
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        int r0 = cOff;
        int r1 = r0 + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        c00.mul(alpha).intoArray(c, r0);
        c01.mul(alpha).intoArray(c, r0 + L);
        c10.mul(alpha).intoArray(c, r1);
        c11.mul(alpha).intoArray(c, r1 + L);
        c20.mul(alpha).intoArray(c, r2);
        c21.mul(alpha).intoArray(c, r2 + L);
        c30.mul(alpha).intoArray(c, r3);
        c31.mul(alpha).intoArray(c, r3 + L);
        c40.mul(alpha).intoArray(c, r4);
        c41.mul(alpha).intoArray(c, r4 + L);
        c50.mul(alpha).intoArray(c, r5);
        c51.mul(alpha).intoArray(c, r5 + L);
    }

    @Override
    public void update(float[] tile, float alpha, float beta, float[] c, int cOff, int ldc) {
        for (int r = 0, ci = cOff; r < MR; r++, ci += ldc) {
            int t = r * NR;
            FloatVector.fromArray(S, tile, t).mul(alpha).add(FloatVector.fromArray(S, c, ci).mul(beta)).intoArray(c, ci);
            FloatVector.fromArray(S, tile, t + L).mul(alpha).add(FloatVector.fromArray(S, c, ci + L).mul(beta)).intoArray(c, ci + L);
        }
    }
}
