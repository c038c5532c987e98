package dev.weft.benchmarks;

import dev.weft.WeftRecursiveAction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Adaptive integration, the classic irregular fork/join load (after Doug Lea's {@code Integrate} in the JSR-166
 * loops): the integral of {@code (x^2 + 1) x} over [{@value #FROM}, {@value #TO}] by trapezoids, halving an
 * interval while splitting it changes the area by more than {@value #TOLERANCE}. The curvature grows with x,
 * so the task tree is deeper on the right: about 92,000 tasks of a few flops each, unevenly spread, which
 * keeps thieves busy. One task object per interval on both sides ({@link WeftRecursiveAction} against
 * {@link RecursiveAction}); the result is checked against the closed form once per trial.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar IntegrationBenchmark -rf json
 * -rff benchmarks/results/integration.json}
 */
public class IntegrationBenchmark extends PoolBenchmark {

    /** Lower bound. */
    public static final double FROM = 0;
    /** Upper bound. */
    public static final double TO = 64;
    /** The largest change of area allowed without splitting further. */
    public static final double TOLERANCE = 1e-7;

    /** The pool under test. */
    @Param({Pools.WEFT, Pools.FORKJOIN})
    public String pool;

    @Override
    protected String poolKind() {
        return pool;
    }

    /** Checks the answer once. */
    @Override
    protected void afterOpen() {
        double exact = antiderivative(TO) - antiderivative(FROM);
        double got = integrate();
        if (!(Math.abs(got - exact) <= 1e-8 * Math.abs(exact))) {
            throw new IllegalStateException("integral is " + got + ", expected " + exact);
        }
    }

    /** The whole integral. */
    @Benchmark
    public double integrate() {
        double fl = f(FROM);
        double fr = f(TO);
        double whole = (fl + fr) * (TO - FROM) * 0.5;
        if (weft != null) {
            WeftArea root = new WeftArea(FROM, TO, fl, fr, whole);
            weft.invoke(root);
            return root.area;
        }
        ForkJoinArea root = new ForkJoinArea(FROM, TO, fl, fr, whole);
        forkJoin.invoke(root);
        return root.area;
    }

    static double f(double x) {
        return (x * x + 1.0) * x;
    }

    private static double antiderivative(double x) {
        return x * x * x * x / 4 + x * x / 2;
    }

    /** One interval, Weft side. {@code area} is read after {@code join()}, which orders it. */
    static final class WeftArea extends WeftRecursiveAction {
        private final double l;
        private final double r;
        private final double fl;
        private final double fr;
        private final double a;
        double area;

        WeftArea(double l, double r, double fl, double fr, double a) {
            this.l = l;
            this.r = r;
            this.fl = fl;
            this.fr = fr;
            this.a = a;
        }

        @Override
        protected void compute() {
            double c = (l + r) * 0.5;
            double fc = f(c);
            double al = (fl + fc) * (c - l) * 0.5;
            double ar = (fc + fr) * (r - c) * 0.5;
            double alr = al + ar;
            if (Math.abs(alr - a) <= TOLERANCE) {
                area = alr;
                return;
            }
            WeftArea left = new WeftArea(l, c, fl, fc, al);
            left.fork();
            WeftArea right = new WeftArea(c, r, fc, fr, ar);
            right.compute();
            left.join();
            area = left.area + right.area;
        }
    }

    /** One interval, ForkJoinPool side: the same code. */
    static final class ForkJoinArea extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final double l;
        private final double r;
        private final double fl;
        private final double fr;
        private final double a;
        double area;

        ForkJoinArea(double l, double r, double fl, double fr, double a) {
            this.l = l;
            this.r = r;
            this.fl = fl;
            this.fr = fr;
            this.a = a;
        }

        @Override
        protected void compute() {
            double c = (l + r) * 0.5;
            double fc = f(c);
            double al = (fl + fc) * (c - l) * 0.5;
            double ar = (fc + fr) * (r - c) * 0.5;
            double alr = al + ar;
            if (Math.abs(alr - a) <= TOLERANCE) {
                area = alr;
                return;
            }
            ForkJoinArea left = new ForkJoinArea(l, c, fl, fc, al);
            left.fork();
            ForkJoinArea right = new ForkJoinArea(c, r, fc, fr, ar);
            right.compute();
            left.join();
            area = left.area + right.area;
        }
    }
}
