package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example pipelines run by the real jar: stdout holds only the data, stderr the summary,
 * files land where the pipeline says, exit codes 0/1. Needs the compiler, executor and
 * built-in stages.
 */
class PipelineRunEndToEndTest {
    /** Order ids with amount > 200 in examples/data/orders.csv. */
    private static final List<String> LARGE_ORDERS = List.of("1003", "1004", "1007", "1009", "1010", "1011", "1013",
            "1014", "1016", "1019", "1020", "1021", "1023", "1024", "1027", "1029");
    private static final List<String> US_ORDERS = List.of("1002", "1004", "1007", "1010", "1011", "1014", "1016",
            "1018", "1020", "1023", "1025", "1028", "1029");

    @TempDir
    Path dir;
    private ConveyorProcess conveyor;

    @BeforeEach
    void copyExamples() throws Exception {
        ConveyorProcess.copyExamples(dir, "csv-basics", "variables", "regional-report");
        conveyor = new ConveyorProcess(dir, dir.resolve("tmp"));
    }

    private static List<String> orderIdsIn(String text) {
        Matcher m = Pattern.compile("\\b10(0[1-9]|[12][0-9]|30)\\b").matcher(text);
        return m.results().map(r -> r.group()).distinct().sorted().toList();
    }

    @Test
    void csvBasicsWritesOnlyDataToStdoutAndFansOutToThreeSinks() throws Exception {
        Outcome o = conveyor.run("csv-basics/pipeline.toml");
        assertEquals(0, o.exit(), o::toString);

        assertEquals(LARGE_ORDERS, orderIdsIn(o.stdout()), o::toString);
        assertTrue(o.stdout().contains("order_id"), "the table has a header");
        for (String notData : List.of("INFO", "WARN", "succeeded", "Pipeline", "conveyor:")) {
            assertFalse(o.stdout().contains(notData), () -> "stdout holds only data, found '" + notData + "':\n" + o);
        }

        assertTrue(o.stderr().lines().anyMatch(l -> l.matches("orders\\s+succeeded\\s+0\\s+30\\s.*")), o::toString);
        assertTrue(o.stderr().lines().anyMatch(l -> l.matches("large_orders\\s+succeeded\\s+30\\s+16\\s.*")), o::toString);
        assertTrue(o.stderr().contains("Pipeline 'csv_basics' succeeded in "), o::toString);

        List<String> csv = Files.readAllLines(dir.resolve("out/large_orders.csv"));
        assertEquals(17, csv.size(), () -> "header + 16 rows: " + csv);
        assertEquals("order_id,customer,region,amount", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("1021,\"Nakatomi, Trading\",apac,")), csv::toString);

        String json = Files.readString(dir.resolve("out/large_orders.json"));
        assertEquals(16, Pattern.compile("\"order_id\"").matcher(json).results().count(), json);
        assertTrue(json.contains("Nakatomi, Trading"), json);
        assertEquals(List.of(), conveyor.leftInTmp());
    }

    @Test
    void variablesTakeDefaultsAndVarOverrides() throws Exception {
        Outcome eu = conveyor.run("variables/pipeline.toml");
        assertEquals(0, eu.exit(), eu::toString);
        assertEquals(List.of("1001", "1003", "1006", "1009", "1012", "1017", "1022", "1024", "1030"),
                orderIdsIn(eu.stdout()), eu::toString);

        Outcome us = conveyor.run("variables/pipeline.toml", "--var", "REGION=us");
        assertEquals(0, us.exit(), us::toString);
        assertEquals(US_ORDERS, orderIdsIn(us.stdout()), us::toString);
        assertTrue(us.stdout().contains("1002,\"Smith, Jane\",gadget,"), "CSV on stdout quotes the comma: " + us);

        Outcome env = conveyor.env("REGION", "apac").env("OUTPUT_FORMAT", "jsonl").run("variables/pipeline.toml");
        assertEquals(0, env.exit(), env::toString);
        assertEquals(List.of("1005", "1013", "1015", "1019", "1021", "1026", "1027"), orderIdsIn(env.stdout()),
                env::toString);
        assertTrue(env.stdoutLines().stream().allMatch(l -> l.startsWith("{")), "one JSON object per line: " + env);
    }

    @Test
    void dryRunCompilesButWritesNothing() throws Exception {
        Outcome o = conveyor.run("run", "csv-basics/pipeline.toml", "--dry-run");
        assertEquals(0, o.exit(), o::toString);
        assertEquals("", o.stdout());
        assertTrue(o.stderr().contains("Pipeline 'csv_basics' is valid; dry run, nothing was run."), o::toString);
        // The plan says what the compiler made cheaper.
        assertTrue(o.stderr().contains("Plan rewrites (the results are the same, the work less):\n"
                + "  - 'orders' converts only order_id, customer, region, amount of its 9 columns: the stages after "
                + "it use no others\n"), o::toString);
        assertFalse(Files.exists(dir.resolve("out")), "a dry run writes no file");
    }

    @Test
    void quietRunPrintsDataButNoSummaryAndMetricsJsonHasTheCounters() throws Exception {
        Path metrics = dir.resolve("metrics/run.json");
        Outcome o = conveyor.run("csv-basics/pipeline.toml", "--quiet", "--metrics-json", metrics.toString());
        assertEquals(0, o.exit(), o::toString);
        assertEquals(LARGE_ORDERS, orderIdsIn(o.stdout()));
        assertFalse(o.stderr().contains("succeeded"), o::toString);

        String json = Files.readString(metrics);
        assertTrue(json.contains("\"pipeline\" : \"csv_basics\""), json);
        assertTrue(json.contains("\"status\" : \"succeeded\""), json);
        assertTrue(Pattern.compile("\"id\" : \"large_orders\",\\s*\"type\" : \"transform.filter\",\\s*"
                + "\"status\" : \"succeeded\",\\s*\"records_in\" : 30,\\s*\"records_out\" : 16").matcher(json).find(), json);
    }

    @Test
    void aStageThatFailsAtRunTimeExits1AndNamesIt() throws Exception {
        Files.writeString(dir.resolve("blocker"), "a file where the sink wants a directory");
        Files.writeString(dir.resolve("failing.toml"), """
                [pipeline]
                name = "failing"

                [[stages]]
                id = "orders"
                type = "source.csv"
                inputs = []
                [stages.config]
                path = "data/orders.csv"

                [[stages]]
                id = "write"
                type = "sink.csv"
                inputs = ["orders"]
                [stages.config]
                path = "blocker/orders.csv"
                """);
        Outcome o = conveyor.run("failing.toml");
        assertEquals(1, o.exit(), o::toString);
        assertEquals("", o.stdout());
        assertTrue(o.stderr().lines().anyMatch(l -> l.matches("write\\s+failed\\s.*")), o::toString);
        assertTrue(o.stderr().contains("Pipeline 'failing' failed after "), o::toString);
        assertFalse(o.stderr().contains("\tat "), o::toString);
        assertEquals(List.of(), conveyor.leftInTmp());
    }

    @Test
    void regionalReportFiltersComputesJoinsGroupsAndSorts() throws Exception {
        Outcome o = conveyor.run("regional-report/pipeline.toml");
        assertEquals(0, o.exit(), o::toString);
        // Sums of two-decimal amounts come out exact (compensated summation), dates as dates.
        assertEquals(List.of(
                "region,manager,size,orders,total,largest,avg_quantity,first_order",
                "apac,Mei Tanaka,large,2,2000.0,1500.0,4.0,2026-01-14",
                "apac,Mei Tanaka,medium,3,699.95,250.0,7.333333333333333,2026-01-11",
                "apac,Mei Tanaka,small,2,299.97,150.0,7.5,2026-01-07",
                "eu,Ines Duarte,medium,3,799.94,299.94,2.6666666666666665,2026-01-06",
                "eu,Ines Duarte,small,3,362.47,149.97,6.666666666666667,2026-01-05",
                "us,Sam Okafor,large,5,4000.0,1250.0,29.8,2026-01-06",
                "us,Sam Okafor,medium,4,1524.82,499.9,12.25,2026-01-11",
                "us,Sam Okafor,small,3,249.96,99.98,2.6666666666666665,2026-01-05"),
                Files.readAllLines(dir.resolve("out/regional_report.csv")));
        assertTrue(o.stderr().lines().anyMatch(l -> l.matches("reportable\\s+succeeded\\s+30\\s+25\\s.*")), o::toString);
        assertTrue(o.stdout().contains("| Sam Okafor  |"), o::toString);
    }
}
