package dev.weft.it.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test-only JSON parser must accept what is valid and refuse what is not, or the image test proves little. */
class JsonTest {

    @Test
    void parse_nestedDocument() {
        Object v = Json.parse(" {\"provider\": \"linux\", \"nodes\": [{\"id\": 0, \"cpus\": \"0-1\"}],"
                + " \"distances\": [[10, 21.5e1], [-3, 0]], \"quota\": null, \"ok\": true, \"no\": false} \n");

        Map<String, Object> o = Json.object(v);
        assertThat(o).containsKeys("provider", "nodes", "distances", "quota", "ok", "no");
        assertThat(o.get("provider")).isEqualTo("linux");
        assertThat(Json.object(Json.array(o.get("nodes")).get(0))).containsEntry("cpus", "0-1")
                .containsEntry("id", BigDecimal.ZERO);
        assertThat(Json.array(o.get("distances")))
                .containsExactly(List.of(new BigDecimal("10"), new BigDecimal("21.5e1")),
                        List.of(new BigDecimal("-3"), BigDecimal.ZERO));
        assertThat(o.get("quota")).isNull();
        assertThat(o.get("ok")).isEqualTo(Boolean.TRUE);
        assertThat(o.get("no")).isEqualTo(Boolean.FALSE);
    }

    @Test
    void parse_stringEscapes() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\u2603\"")).isEqualTo("a\"b\\c/d\n\té\u2603");
    }

    @Test
    void parse_emptyContainers() {
        assertThat(Json.parse("{}")).isEqualTo(Map.of());
        assertThat(Json.parse("[ ]")).isEqualTo(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{a:1}", "01", "1.", "-", "1e",
            "tru", "nul", "\"open", "\"bad \\x escape\"", "\"\\u12G4\"", "{} {}", "[1]]", "'single'",
            "{\"a\":1,\"a\":2}", "\"tab\tinside\""})
    void parse_invalidInput_isRefusedWithOffset(String text) {
        assertThatThrownBy(() -> Json.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSON at offset ");
    }

    @Test
    void parse_deepNesting_isRefusedNotOverflowed() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nesting of at most");
    }

    @Test
    void member_missing_namesTheKnownMembers() {
        Map<String, Object> o = Json.object(Json.parse("{\"provider\":\"linux\"}"));

        assertThatThrownBy(() -> Json.member(o, "nodes")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"nodes\"").hasMessageContaining("provider");
    }
}
