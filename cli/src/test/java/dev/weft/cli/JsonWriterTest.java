package dev.weft.cli;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonWriterTest {

    @Test
    void value_specialCharacters_escapedAndParsedBack() {
        String nasty = "quote \" backslash \\ slash / newline \n tab \t bell \u0007 del \u007f unicode \u00e9\u2028";
        String json = new JsonWriter().beginObject().field("s", nasty).endObject().toJson();

        assertThat(TestJson.object(json)).containsEntry("s", nasty);
    }

    @Test
    void value_nonFiniteDoubles_writtenAsNull() {
        String json = new JsonWriter().beginArray(true).value(Double.NaN).value(Double.POSITIVE_INFINITY)
                .value(Double.NEGATIVE_INFINITY).value(1.5).value(1e-7).value(-0.0).endArray().toJson();

        assertThat(json.strip()).isEqualTo("[null,null,null,1.5,1.0E-7,-0.0]");
        assertThat(TestJson.list(TestJson.parse(json))).containsExactly(null, null, null, new BigDecimal("1.5"),
                new BigDecimal("1.0E-7"), new BigDecimal("-0.0"));
    }

    @Test
    void beginObject_nestedPrettyAndCompact_parsesToTheSameTree() {
        String json = new JsonWriter().beginObject()
                .name("a").beginArray().beginObject(true).field("x", 1).field("y", true).endObject().endArray()
                .name("b").beginObject().endObject()
                .name("c").beginArray(true).endArray()
                .name("d").nullValue()
                .endObject().toJson();

        Map<String, Object> parsed = TestJson.object(json);
        assertThat(parsed.get("a")).isEqualTo(List.of(Map.of("x", BigDecimal.ONE, "y", true)));
        assertThat(parsed.get("b")).isEqualTo(Map.of());
        assertThat(parsed.get("c")).isEqualTo(List.of());
        assertThat(parsed).containsEntry("d", null);
    }

    @Test
    void value_withoutNameInObject_isRejected() {
        JsonWriter w = new JsonWriter().beginObject();

        assertThatThrownBy(() -> w.value(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toJson_containerLeftOpen_isRejected() {
        JsonWriter w = new JsonWriter().beginArray();

        assertThatThrownBy(w::toJson).isInstanceOf(IllegalStateException.class).hasMessageContaining("left open");
    }

    @Test
    void endArray_whenObjectOpen_isRejected() {
        JsonWriter w = new JsonWriter().beginObject();

        assertThatThrownBy(w::endArray).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parse_invalidJson_isRejectedByTheTestParser() {
        for (String bad : Arrays.asList("[1,]", "{\"a\":NaN}", "[1] x", "{'a':1}", "\"\u0001\"")) {
            assertThatThrownBy(() -> TestJson.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
