package dev.weft.kernels;

/** Whether a GEMM operand is used as stored or transposed: the {@code op(X)} of {@code C = alpha*op(A)*op(B) + beta*C}. */
public enum Transpose {
    /** {@code op(X) = X}. */
    NONE,
    /** {@code op(X) = X^T}. */
    TRANSPOSE
}
