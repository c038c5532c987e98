package dev.weft.core;

import dev.weft.WeftRecursiveTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class SmokeTest {
    static final class Fib extends WeftRecursiveTask<Integer> {
        final int n;

        Fib(int n) {
            this.n = n;
        }

        @Override
        protected Integer compute() {
            if (n < 2) {
                return n;
            }
            Fib f1 = new Fib(n - 1);
            f1.fork();
            return new Fib(n - 2).compute() + f1.join();
        }
    }

    @Test
    void submit_manyTasks_allRun() throws Exception {
        try (WorkStealingPool pool = TestPools.parallelism(2)) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                int v = i;
                fs.add(pool.submit(() -> v));
            }
            for (int i = 0; i < fs.size(); i++) {
                assertThat(fs.get(i).get()).isEqualTo(i);
            }
            assertThat(pool.invoke(new Fib(20))).isEqualTo(6765);
        }
    }
}
