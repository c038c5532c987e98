package dev.weft.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Human-readable numbers for the text reports. */
final class Units {

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {
    }

    /** {@code 32768 -> "32 KiB"}, {@code 1310720 -> "1.25 MiB"}, {@code -1 -> "unknown"}. */
    static String bytes(long n) {
        if (n < 0) {
            return "unknown";
        }
        int unit = 0;
        double v = n;
        while (v >= 1024 && unit < BINARY.length - 1) {
            v /= 1024;
            unit++;
        }
        return decimal(v, v < 10 ? 2 : 1) + " " + BINARY[unit];
    }

    /** A number with at most {@code places} decimals and no trailing zeros: {@code 1.50 -> "1.5"}. */
    static String decimal(double v, int places) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** A fixed-decimals number for tables: {@code fixed(3.14159, 2) -> "3.14"}; "n/a" when not finite. */
    static String fixed(double v, int places) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + places + "f", v) : "n/a";
    }

    /** {@code 1 -> "1 CPU"}, {@code 2 -> "2 CPUs"}. */
    static String count(long n, String singular) {
        return n + " " + (n == 1 ? singular : singular + "s");
    }
}
