package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"s\":\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\", \"i\":-42,"
                + " \"big\":123456789012345678901,"
                + " \"d\":1.5e3, \"t\":true, \"f\":false, \"n\":null, \"a\":[1,[],{}], \"o\":{\"k\":\"v\"}} ");

        var expected = new LinkedHashMap<String, Object>();
        expected.put("s", "a\"b\\c/\né\uD83D\uDE00");
        expected.put("i", -42L);
        expected.put("big", new BigDecimal("123456789012345678901"));
        expected.put("d", new BigDecimal("1.5e3"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("a", List.of(1L, List.of(), Map.of()));
        expected.put("o", Map.of("k", "v"));
        assertThat(v).isEqualTo(expected);
    }

    @Test
    void keepsTheServersKeyOrder() {
        @SuppressWarnings("unchecked")
        var map = (Map<String, Object>) Json.parse("{\"z\":1,\"a\":2,\"m\":3}");

        assertThat(map.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void writesCompactAndPretty() {
        var map = new LinkedHashMap<String, Object>();
        map.put("name", "a\"b\n\u0001");
        map.put("list", List.of(1, 2.5, true));
        map.put("none", null);
        map.put("empty", Map.of());

        assertThat(Json.write(map)).isEqualTo("{\"name\":\"a\\\"b\\n\\u0001\",\"list\":[1,2.5,true],\"none\":null,"
                + "\"empty\":{}}");
        assertThat(Json.pretty(List.of(map, List.of()))).isEqualTo("""
                [
                  {
                    "name": "a\\"b\\n\\u0001",
                    "list": [
                      1,
                      2.5,
                      true
                    ],
                    "none": null,
                    "empty": {}
                  },
                  []
                ]""");
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "{a:1}", "01", "1.", "-", "1e", "\"abc", "\"\\x\"",
                "\"\\u12g4\"", "tru", "nul", "[1] 2", "\"tab\there\"", "{\"a\":1,}", "+1", ".5")) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(Json.JsonException.class)
                    .hasMessageStartingWith("malformed JSON at offset ");
        }
    }

    @Test
    void refusesDeepNestingInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(Json.JsonException.class)
                .hasMessageContaining("nested deeper than");
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(ok)).isInstanceOf(List.class);
    }

    @Test
    void refusesToWriteNonFiniteNumbersAndUnknownTypes() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(Json.JsonException.class);
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(Json.JsonException.class);
    }

    @Property
    void stringsRoundTrip(@ForAll String s) {
        assertThat(Json.parse(Json.write(s))).isEqualTo(s);
        assertThat(Json.parse(Json.pretty(List.of(Map.of(s, s))))).isEqualTo(List.of(Map.of(s, s)));
    }

    @Property
    void numbersRoundTrip(@ForAll long n, @ForAll("decimals") BigDecimal d) {
        assertThat(Json.parse(Json.write(n))).isEqualTo(n);
        assertThat(Json.parse(Json.write(d))).isEqualTo(d);
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.bigDecimals().ofScale(3).between(new BigDecimal("-1e12"), new BigDecimal("1e12"));
    }

    @Property
    void garbageIsOnlyAJsonException(@ForAll("jsonish") String junk) {
        try {
            Json.parse(junk);
        } catch (Json.JsonException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.of(Arrays.asList("{", "}", "[", "]", ",", ":", "\"", "\\", "u", "1", "-", ".", "e", "t",
                "true", "null", " ", "\"a\"", "0")).list().ofMaxSize(30).map(l -> String.join("", l));
    }
}
