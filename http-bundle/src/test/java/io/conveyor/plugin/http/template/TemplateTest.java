package io.conveyor.plugin.http.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateTest {

    /** Every value is escaped as the content of a JSON string, nested values too (as their JSON text). */
    @Test
    void jsonBodyBracesAreLiteralAndOnlyNamesArePlaceholders() {
        Template t = Template.parse("{\"user\": {\"id\": {id}, \"tags\": {tags}}, \"empty\": {}}", Template.Escaping.JSON);
        assertEquals(Set.of("id", "tags"), t.fields());
        assertEquals("{\"user\": {\"id\": 5, \"tags\": [\\\"a\\\",\\\"b\\\"]}, \"empty\": {}}",
                t.render(Map.of("id", 5L, "tags", List.of("a", "b"))));
    }

    @Test
    void urlValuesArePercentEncodedAsUtf8() {
        Template t = Template.parse("http://h/{a}/x?b={b}", Template.Escaping.URL);
        assertEquals("http://h/%E2%82%AC%20%2B/x?b=1.5", t.render(Map.of("a", "€ +", "b", 1.5)));
        assertEquals("http://h/x/x?b=x", t.renderSample("x"));
    }

    @Test
    void emptyBracesInAUrlAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Template.parse("http://h/{}", Template.Escaping.URL));
        assertEquals("'{' at column 10 does not start a placeholder; a placeholder is a field name in braces, such as {id}",
                e.getMessage());
    }
}
