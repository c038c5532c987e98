package dev.weft.kernels;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A dense row-major {@code double} matrix whose leading dimension is its column count: element {@code (i, j)}
 * lives at {@code data()[i * cols() + j]}. Mutable and not thread-safe; the backing array is shared, not copied.
 */
public final class Matrix {

    private final int rows;
    private final int cols;
    private final double[] data;

    private Matrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /**
     * A matrix of zeros.
     *
     * @throws IllegalArgumentException when a dimension is negative or {@code rows * cols} exceeds the largest array
     */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[checkedSize(rows, cols)]);
    }

    /**
     * A matrix of independent values uniform in {@code [-1, 1)}; the same seed gives the same matrix.
     *
     * @throws IllegalArgumentException as {@link #zeros(int, int)}
     */
    public static Matrix random(int rows, int cols, long seed) {
        Matrix m = zeros(rows, cols);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = random.nextDouble(-1.0, 1.0);
        }
        return m;
    }

    /**
     * A matrix backed by {@code data} (not copied), row-major with leading dimension {@code cols}.
     *
     * @throws IllegalArgumentException when a dimension is negative or {@code data.length != rows * cols}
     */
    public static Matrix wrap(int rows, int cols, double[] data) {
        Objects.requireNonNull(data, "data");
        int size = checkedSize(rows, cols);
        if (data.length != size) {
            throw new IllegalArgumentException("data.length = " + data.length + " does not fit a " + rows + "x" + cols
                    + " matrix: it must be " + size);
        }
        return new Matrix(rows, cols, data);
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix size " + rows + "x" + cols + " is negative: allowed rows >= 0 and cols >= 0");
        }
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix size " + rows + "x" + cols + " = " + size
                    + " elements does not fit a Java array: allowed at most " + (Integer.MAX_VALUE - 8));
        }
        return (int) size;
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of columns, which is also the leading dimension of {@link #data()}. */
    public int cols() {
        return cols;
    }

    /**
     * Element {@code (i, j)}.
     *
     * @throws IndexOutOfBoundsException naming the index and the size when {@code (i, j)} is outside the matrix
     */
    public double get(int i, int j) {
        return data[index(i, j)];
    }

    /**
     * Sets element {@code (i, j)}.
     *
     * @throws IndexOutOfBoundsException naming the index and the size when {@code (i, j)} is outside the matrix
     */
    public void set(int i, int j, double v) {
        data[index(i, j)] = v;
    }

    private int index(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside this " + rows + "x" + cols + " matrix");
        }
        return i * cols + j;
    }

    /** The backing array, row-major: changes to it are changes to this matrix. */
    public double[] data() {
        return data;
    }

    @Override
    public String toString() {
        return "Matrix[" + rows + "x" + cols + "]";
    }
}
