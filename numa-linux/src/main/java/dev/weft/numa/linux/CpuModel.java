package dev.weft.numa.linux;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU model name from {@code proc/cpuinfo}, whose keys differ by architecture: {@code model name} (x86,
 * ia64), {@code cpu} (POWER), {@code Processor} (old ARM kernels), {@code vendor_id} plus the machine type of the
 * {@code processor N:} lines (s390), and {@code CPU implementer}/{@code CPU part} (arm64). Free text is never an
 * error: anything unrecognised is {@code "unknown"}.
 */
final class CpuModel {

    /** Longest model name kept; real ones are under 64 characters. */
    private static final int MAX_LENGTH = 120;

    private CpuModel() {
    }

    static String read(SysfsFiles files) {
        return files.read(files.path("proc/cpuinfo")).map(CpuModel::parse).orElse("unknown");
    }

    static String parse(String cpuinfo) {
        Map<String, String> first = new LinkedHashMap<>();
        String machine = null;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (!value.isEmpty()) {
                first.putIfAbsent(key, value);
            }
            int at = line.indexOf("machine = ");
            if (machine == null && key.startsWith("processor ") && at > 0) {
                machine = line.substring(at + "machine = ".length()).strip();
            }
        }
        for (String key : List.of("model name", "cpu", "Processor")) {
            if (first.containsKey(key)) {
                return printable(first.get(key));
            }
        }
        Optional<String> vendor = Optional.ofNullable(first.getOrDefault("vendor_id", first.get("vendor")));
        if (vendor.isPresent()) {
            return printable(machine == null ? vendor.get() : vendor.get() + " machine " + machine);
        }
        if (first.containsKey("CPU implementer") && first.containsKey("CPU part")) {
            return printable("ARM implementer " + first.get("CPU implementer") + " part " + first.get("CPU part"));
        }
        return "unknown";
    }

    /** Keeps printable characters only, so a model name is safe to print anywhere. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < MAX_LENGTH; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            }
        }
        String out = sb.toString().strip();
        return out.isEmpty() ? "unknown" : out;
    }
}
