package dev.weft.it.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the document {@code weft topology --json} prints: one place that knows its member names, so the tests
 * say what they check rather than how the JSON is laid out.
 *
 * @param root the parsed document
 */
public record TopologyJson(Map<String, Object> root) {

    /**
     * Parses what the CLI printed.
     *
     * @throws IllegalArgumentException when it is not valid JSON
     * @throws AssertionError           when it is valid JSON but not an object
     */
    public static TopologyJson parse(String stdout) {
        return new TopologyJson(Json.object(Json.parse(stdout)));
    }

    /** The name of the provider that produced the topology. */
    public String provider() {
        return (String) Json.member(root, "provider");
    }

    /** Node id to its CPUs in the kernel's cpulist form, in document order. */
    public Map<Integer, String> nodeCpus() {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (Object n : Json.array(Json.member(root, "nodes"))) {
            Map<String, Object> node = Json.object(n);
            out.put(((BigDecimal) Json.member(node, "id")).intValueExact(), (String) Json.member(node, "cpus"));
        }
        return out;
    }

    /** The node distance matrix, rows in node order. */
    public List<List<Integer>> distances() {
        List<List<Integer>> rows = new ArrayList<>();
        for (Object row : Json.array(Json.member(root, "distances"))) {
            List<Integer> r = new ArrayList<>();
            for (Object d : Json.array(row)) {
                r.add(((BigDecimal) d).intValueExact());
            }
            rows.add(r);
        }
        return rows;
    }

    /** The CPUs this process may use, in cpulist form. */
    public String allowedCpus() {
        return (String) Json.member(root, "allowedCpus");
    }
}
