package dev.weft.kernels;

/**
 * Argument checks shared by the double and float GEMMs: every message names the value, the operand's shape and
 * what is allowed. Array lengths are passed as ints ({@link #NULL_ARRAY} for a null array) so that one set of
 * checks serves both element types.
 */
final class GemmArgs {

    /** The length passed for a null array. */
    static final int NULL_ARRAY = -1;

    private GemmArgs() {
    }

    /** Checks everything a GEMM call takes apart from the executor. */
    static void check(Transpose ta, Transpose tb, int m, int n, int k,
                      int aLength, int lda, int bLength, int ldb, int cLength, int ldc) {
        if (ta == null || tb == null) {
            throw new IllegalArgumentException((ta == null ? "ta" : "tb") + " is null: allowed "
                    + Transpose.NONE + " or " + Transpose.TRANSPOSE);
        }
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        operand("A", "a", "lda", ta, m, k, aLength, lda);
        operand("B", "b", "ldb", tb, k, n, bLength, ldb);
        operand("C", "c", "ldc", null, m, n, cLength, ldc);
    }

    /** Checks the parallelism argument. */
    static void checkParallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism = " + parallelism + ": allowed 1 or more");
        }
    }

    /** C must not share storage with an input: the kernels read A and B after writing parts of C. */
    static void checkNotAliased(Object a, Object b, Object c) {
        if (c != null && (c == a || c == b)) {
            throw new IllegalArgumentException("c is the same array as " + (c == a ? "a" : "b")
                    + ": C must not overlap the inputs");
        }
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " = " + value + " is negative: allowed " + name + " >= 0");
        }
    }

    /**
     * Checks one operand: {@code op(X)} is {@code rows x cols}; stored row-major it is that shape (NONE) or its
     * transpose (TRANSPOSE), and the leading dimension must cover a stored row. {@code t == null} is C, which has
     * no op.
     */
    private static void operand(String matrix, String array, String ldName, Transpose t,
                                int rows, int cols, int length, int ld) {
        boolean transposed = t == Transpose.TRANSPOSE;
        int storedRows = transposed ? cols : rows;
        int storedCols = transposed ? rows : cols;
        int minLd = Math.max(1, storedCols);
        String shape;
        if (t == null) {
            shape = matrix + " is " + rows + "x" + cols + " row-major";
        } else if (transposed) {
            shape = "op(" + matrix + ") = " + matrix + "^T is " + rows + "x" + cols + ", " + matrix + " is "
                    + storedRows + "x" + storedCols + " row-major";
        } else {
            shape = "op(" + matrix + ") is " + rows + "x" + cols + " row-major";
        }
        if (ld < minLd) {
            throw new IllegalArgumentException(ldName + " = " + ld + " is too small: " + shape + ", so " + ldName
                    + " must be >= " + minLd);
        }
        long needed = storedRows == 0 || storedCols == 0 ? 0 : (long) (storedRows - 1) * ld + storedCols;
        String need = shape + " with " + ldName + " = " + ld + ", so " + array + " needs at least " + needed
                + " elements";
        if (length == NULL_ARRAY) {
            throw new IllegalArgumentException(array + " is null: " + need);
        }
        if (length < needed) {
            throw new IllegalArgumentException(array + " is too short: " + need + ", but " + array + ".length = "
                    + length);
        }
    }
}
