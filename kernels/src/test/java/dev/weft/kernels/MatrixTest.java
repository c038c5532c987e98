package dev.weft.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void random_sameSeed_sameValuesInRange() {
        Matrix a = Matrix.random(30, 40, 42);
        Matrix b = Matrix.random(30, 40, 42);

        assertThat(a.data()).containsExactly(b.data());
        for (double v : a.data()) {
            assertThat(v).isBetween(-1.0, 1.0);
        }
        assertThat(Matrix.random(30, 40, 43).data()).isNotEqualTo(a.data());
    }

    @Test
    void setAndGet_rowMajorLayout() {
        Matrix m = Matrix.zeros(2, 3);

        m.set(1, 2, 5.0);

        assertThat(m.get(1, 2)).isEqualTo(5.0);
        assertThat(m.data()[1 * 3 + 2]).isEqualTo(5.0);
        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.cols()).isEqualTo(3);
    }

    @Test
    void get_outsideTheMatrix_namesIndexAndSize() {
        Matrix m = Matrix.zeros(2, 3);

        assertThatThrownBy(() -> m.get(2, 0))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("(2, 0) is outside this 2x3 matrix");
        assertThatThrownBy(() -> m.set(0, -1, 1.0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void zeros_badSize_isRefused() {
        assertThatThrownBy(() -> Matrix.zeros(-1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matrix size -1x3 is negative: allowed rows >= 0 and cols >= 0");
        assertThatThrownBy(() -> Matrix.zeros(100_000, 100_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit a Java array");
    }

    @Test
    void wrap_sharesTheArrayAndChecksItsLength() {
        double[] data = {1, 2, 3, 4, 5, 6};

        Matrix m = Matrix.wrap(2, 3, data);

        assertThat(m.data()).isSameAs(data);
        assertThat(m.get(1, 0)).isEqualTo(4.0);
        assertThatThrownBy(() -> Matrix.wrap(2, 2, data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("data.length = 6 does not fit a 2x2 matrix: it must be 4");
    }
}
