package io.conveyor.engine.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestHeaderTest {
    @Test
    void quotedValuesKeepTheirCommasAndSemicolons() {
        List<ManifestHeader.Clause> clauses = ManifestHeader.parse(
                "org.slf4j;version=\"[1.7,2)\",io.conveyor.api;version=\"[0.3,0.4)\";resolution:=optional, javax.net");

        assertEquals(3, clauses.size());
        assertEquals(List.of("org.slf4j"), clauses.get(0).paths());
        assertEquals(Map.of("version", "[1.7,2)"), clauses.get(0).attributes());
        assertEquals(List.of("io.conveyor.api"), clauses.get(1).paths());
        assertEquals(Map.of("version", "[0.3,0.4)"), clauses.get(1).attributes());
        assertEquals(Map.of("resolution", "optional"), clauses.get(1).directives());
        assertEquals(List.of("javax.net"), clauses.get(2).paths());
    }

    @Test
    void severalPathsShareOneClauseAndTypedAttributesLoseTheirType() {
        List<ManifestHeader.Clause> clauses = ManifestHeader.parse("a.b;c.d;version:Version=\"1.2\";x=\"say \\\"hi\\\", then go\"");

        assertEquals(1, clauses.size());
        assertEquals(List.of("a.b", "c.d"), clauses.get(0).paths());
        assertEquals(Map.of("version", "1.2", "x", "say \"hi\", then go"), clauses.get(0).attributes());
    }

    @Test
    void filterDirectivesWithEqualsSignsStayWhole() {
        List<ManifestHeader.Clause> clauses = ManifestHeader.parse(
                "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.5.0)(!(version>=2.0.0)))\"");

        assertEquals("(&(osgi.extender=osgi.component)(version>=1.5.0)(!(version>=2.0.0)))",
                clauses.get(0).directives().get("filter"));
    }

    @Test
    void absentOrBlankHeaderHasNoClauses() {
        assertEquals(List.of(), ManifestHeader.parse(null));
        assertEquals(List.of(), ManifestHeader.parse("  "));
    }
}
