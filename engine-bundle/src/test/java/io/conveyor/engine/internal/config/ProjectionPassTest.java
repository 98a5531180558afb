package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projection rewrite: which CSV sources read fewer columns, which are left alone, and that no row changes. */
class ProjectionPassTest {
    @TempDir
    Path dir;


    @BeforeEach
    void data() throws Exception {
        Random random = new Random(5);
        StringBuilder orders = new StringBuilder("id,user_id,country,amount,note,ts\n");
        for (int i = 0; i < 20_000; i++) {
            orders.append(i).append(',').append(random.nextInt(300)).append(',')
                    .append(List.of("CH", "DE", "GB").get(random.nextInt(3))).append(',')
                    .append(random.nextInt(50) == 0 ? "" : String.valueOf(random.nextInt(100_000) / 100.0)).append(',')
                    .append(random.nextInt(9) == 0 ? "\"call, then leave\"" : "n" + random.nextInt(4)).append(',')
                    .append("2025-01-0").append(1 + random.nextInt(9)).append("T10:00:00Z\n");
        }
        Files.writeString(dir.resolve("orders.csv"), orders);
        StringBuilder users = new StringBuilder("user_id,name,tier,email\n");
        for (int u = 0; u < 300; u++) {
            users.append(u).append(",user ").append(u).append(',').append(u % 3 == 0 ? "gold" : "silver").append(",u")
                    .append(u).append("@example.com\n");
        }
        Files.writeString(dir.resolve("users.csv"), users);
    }

    private static final String JOIN_TOP_N = """
            [pipeline]
            name = "p"
            [[stages]]
            id = "orders"
            type = "source.csv"
            config = { path = "orders.csv" }
            [[stages]]
            id = "users"
            type = "source.csv"
            config = { path = "users.csv" }
            [[stages]]
            id = "joined"
            type = "transform.join"
            inputs = ["orders", "users"]
            config = { on = ["user_id"], how = "inner" }
            [[stages]]
            id = "gold"
            type = "transform.filter"
            inputs = ["joined"]
            config = { expr = "tier = 'gold' and note <> 'n1'" }
            [[stages]]
            id = "ranked"
            type = "transform.sort"
            inputs = ["gold"]
            config = { by = ["amount", "id"], descending = [true, false] }
            [[stages]]
            id = "top"
            type = "transform.limit"
            inputs = ["ranked"]
            config = { count = 500 }
            [[stages]]
            id = "project"
            type = "transform.select"
            inputs = ["top"]
            config = { columns = ["id", "name", "amount"] }
            [[stages]]
            id = "write"
            type = "sink.csv"
            inputs = ["project"]
            config = { path = "top.csv" }
            """;

    /** The same pipeline, with a second sink that writes the orders whole: no source may be narrowed then. */
    /** A second reader of the orders source, which reads it whole. */
    private static final String COPY_OF_ORDERS = RealPlanFixture.copyOf("orders", "copy.csv");
    private static final String ALSO_ALL_ORDERS = COPY_OF_ORDERS + RealPlanFixture.copyOf("users", "copy_users.csv");

    private CompiledPipeline compile(String toml) throws Exception {
        return new RealPlanFixture(dir).compile(toml);
    }

    private void run(CompiledPipeline p) {
        new RealPlanFixture(dir).run(p);
    }

    private static Object columns(CompiledPipeline p, String stage) throws Exception {
        return p.stage(stage).config().has("columns") ? p.stage(stage).config().getList("columns") : null;
    }

    @Test
    void eachSourceReadsOnlyWhatTheJoinFilterSortAndSelectUse() throws Exception {
        CompiledPipeline p = compile(JOIN_TOP_N);
        // File order; the join key, the filter's columns, the sort keys and the selected ones.
        assertEquals(List.of("id", "user_id", "amount", "note"), columns(p, "orders"));
        assertEquals(List.of("user_id", "name", "tier"), columns(p, "users"));
        // What --dry-run prints: the top-N fold, then each narrowed source. (No cut-off is passed
        // up: the empty amounts make the sort's first key a text column, which it does not test.)
        assertEquals(List.of("'ranked' keeps only the first 500 rows of its order, all that 'top' uses (top-N)",
                "'orders' converts only id, user_id, amount, note of its 6 columns: the stages after it use no others",
                "'users' converts only user_id, name, tier of its 4 columns: the stages after it use no others"),
                p.rewrites());
    }

    @Test
    void theNarrowedPlanWritesExactlyTheRowsOfTheWholeOne() throws Exception {
        run(compile(JOIN_TOP_N));
        String narrowed = Files.readString(dir.resolve("top.csv"));
        CompiledPipeline whole = compile(JOIN_TOP_N + ALSO_ALL_ORDERS);
        assertEquals(null, columns(whole, "orders"));
        assertEquals(null, columns(whole, "users"));
        run(whole);
        assertEquals(Files.readString(dir.resolve("top.csv")), narrowed);
        assertEquals(501, narrowed.split("\n").length);
        assertEquals(Files.readString(dir.resolve("orders.csv")).lines().count(),
                Files.readString(dir.resolve("copy.csv")).lines().count());
    }

    @Test
    void aGroupByReadsItsKeysAndAggregatedColumnsOnly() throws Exception {
        String toml = """
                [pipeline]
                name = "g"
                [[stages]]
                id = "orders"
                type = "source.csv"
                config = { path = "orders.csv" }
                [[stages]]
                id = "totals"
                type = "transform.group_by"
                inputs = ["orders"]
                [stages.config]
                by = ["country"]
                aggregations = [
                  { column = "user_id", operation = "sum", output_column = "total" },
                  { operation = "count", output_column = "n" },
                ]
                [[stages]]
                id = "write"
                type = "sink.csv"
                inputs = ["totals"]
                config = { path = "g.csv" }
                """;
        CompiledPipeline p = compile(toml);
        assertEquals(List.of("user_id", "country"), columns(p, "orders"));
        run(p);
        String narrowed = Files.readString(dir.resolve("g.csv"));
        run(compile(toml + COPY_OF_ORDERS));
        assertEquals(Files.readString(dir.resolve("g.csv")), narrowed);
    }

    @Test
    void sourcesAreLeftWholeWhereAStageCannotTellWhatItReads() throws Exception {
        // A stage without ColumnNeeds in the chain reads everything: cast (a row it rejects goes to
        // the dead-letter queue with every column).
        CompiledPipeline cast = compile(JOIN_TOP_N.replace("inputs = [\"joined\"]", "inputs = [\"typed\"]") + """
                [[stages]]
                id = "typed"
                type = "transform.cast"
                inputs = ["joined"]
                config = { columns = { amount = "double" } }
                """);
        assertEquals(null, columns(cast, "orders"));
        assertEquals(null, columns(cast, "users"));
        // A right column named like a left one: leaving either out would change its output name.
        Files.writeString(dir.resolve("users.csv"), "user_id,name,note\n1,a,x\n");
        CompiledPipeline clash = compile(JOIN_TOP_N.replace("tier = 'gold' and ", ""));
        assertEquals(null, columns(clash, "orders"));
        assertEquals(null, columns(clash, "users"));
    }

    @Test
    void aMapReadsWhatItPassesOnThatIsUsedAndEveryColumnItsExpressionsRead() throws Exception {
        String toml = """
                [pipeline]
                name = "m"
                [[stages]]
                id = "orders"
                type = "source.csv"
                config = { path = "orders.csv", null_values = [""] }
                [[stages]]
                id = "computed"
                type = "transform.map"
                inputs = ["orders"]
                config = { columns = { total = "amount * 2", country = "lower(country)", unused = "user_id + 1" } }
                [[stages]]
                id = "project"
                type = "transform.select"
                inputs = ["computed"]
                config = { columns = ["id", "total", "country"] }
                [[stages]]
                id = "write"
                type = "sink.csv"
                inputs = ["project"]
                config = { path = "m.csv" }
                """;
        CompiledPipeline narrowed = compile(toml);
        // country is replaced, but its expression reads it; unused is computed on every batch, so user_id is read.
        assertEquals(List.of("id", "user_id", "country", "amount"), columns(narrowed, "orders"));
        assertTrue(narrowed.rewrites().contains("'orders' converts only id, user_id, country, amount of its 6 columns: "
                + "the stages after it use no others"), narrowed.rewrites().toString());
        run(narrowed);
        String written = Files.readString(dir.resolve("m.csv"));
        assertEquals("id,total,country", written.lines().findFirst().orElseThrow());
        assertEquals(20_001, written.lines().count());
        CompiledPipeline whole = compile(toml + COPY_OF_ORDERS);
        assertEquals(null, columns(whole, "orders"));
        run(whole);
        assertEquals(Files.readString(dir.resolve("m.csv")), written);
    }

    @Test
    void aJsonSourceWhoseWholeInputIsSampledReadsOnlyWhatTheStagesAfterItUse() throws Exception {
        Random random = new Random(3);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            // Keys in varying order, a nested value, a key some lines lack.
            String amount = "\"amount\":" + (random.nextInt(20) == 0 ? "null" : random.nextInt(10_000) / 100.0);
            String head = i % 2 == 0 ? "\"id\":" + i + "," + amount : amount + ",\"id\":" + i;
            lines.append('{').append(head).append(",\"country\":\"").append(List.of("CH", "DE", "GB").get(i % 3))
                    .append("\",\"tags\":[\"a\",{\"b\":").append(i).append("}]")
                    .append(i % 7 == 0 ? "" : ",\"note\":\"n" + (i % 4) + "\"").append("}\n");
        }
        Files.writeString(dir.resolve("orders.jsonl"), lines);
        String toml = """
                [pipeline]
                name = "j"
                [[stages]]
                id = "orders"
                type = "source.json"
                config = { path = "orders.jsonl" }
                [[stages]]
                id = "large"
                type = "transform.filter"
                inputs = ["orders"]
                config = { expr = "amount > 50" }
                [[stages]]
                id = "project"
                type = "transform.select"
                inputs = ["large"]
                config = { columns = ["country", "id"] }
                [[stages]]
                id = "write"
                type = "sink.csv"
                inputs = ["project"]
                config = { path = "j.csv" }
                """;
        CompiledPipeline narrowed = compile(toml);
        assertEquals(List.of("id", "amount", "country"), columns(narrowed, "orders"));
        assertTrue(narrowed.rewrites().contains("'orders' converts only id, amount, country of its 5 columns: "
                + "the stages after it use no others"), narrowed.rewrites().toString());
        run(narrowed);
        String written = Files.readString(dir.resolve("j.csv"));
        assertEquals("country,id", written.lines().findFirst().orElseThrow());
        assertTrue(written.lines().count() > 100, written);
        CompiledPipeline whole = compile(toml + COPY_OF_ORDERS);
        assertEquals(null, columns(whole, "orders"));
        run(whole);
        assertEquals(Files.readString(dir.resolve("j.csv")), written);
    }

    @Test
    void renameUnionAndDistinctPassOnWhatTheStagesAfterThemUse() throws Exception {
        Files.writeString(dir.resolve("more.csv"), "id,country,amount,extra\n900001,CH,1.5,x\n900002,FR,,y\n");
        String toml = """
                [pipeline]
                name = "u"
                [[stages]]
                id = "orders"
                type = "source.csv"
                config = { path = "orders.csv" }
                [[stages]]
                id = "more"
                type = "source.csv"
                config = { path = "more.csv" }
                [[stages]]
                id = "named"
                type = "transform.rename"
                inputs = ["orders"]
                config = { columns = { country = "land", note = "remark" } }
                [[stages]]
                id = "renamed_more"
                type = "transform.rename"
                inputs = ["more"]
                config = { columns = { country = "land" } }
                [[stages]]
                id = "both"
                type = "transform.union"
                inputs = ["named", "renamed_more"]
                [[stages]]
                id = "firsts"
                type = "transform.distinct"
                inputs = ["both"]
                config = { columns = ["land", "remark"] }
                [[stages]]
                id = "picked"
                type = "transform.select"
                inputs = ["firsts"]
                config = { columns = ["id", "land", "amount"] }
                [[stages]]
                id = "write"
                type = "sink.csv"
                inputs = ["picked"]
                config = { path = "u.csv" }
                """;
        CompiledPipeline p = compile(toml);
        // Through the renames (old names, and every column a rename names), the union (what each
        // input has) and the distinct (its key columns).
        assertEquals(List.of("id", "country", "amount", "note"), columns(p, "orders"));
        assertEquals(List.of("id", "country", "amount"), columns(p, "more"));
        run(p);
        String narrowed = Files.readString(dir.resolve("u.csv"));
        run(compile(toml + COPY_OF_ORDERS + RealPlanFixture.copyOf("more", "copy_more.csv")));
        assertEquals(Files.readString(dir.resolve("u.csv")), narrowed);
        // Rows of both inputs, one per (land, remark); the second file has no note, so its remark is null.
        assertTrue(narrowed.contains("\n900001,CH,1.5\n"), narrowed);
        assertTrue(narrowed.lines().count() > 10, narrowed);
        // A distinct over whole rows reads them whole.
        CompiledPipeline whole = compile(toml.replace("config = { columns = [\"land\", \"remark\"] }", ""));
        assertEquals(null, columns(whole, "orders"));
        assertEquals(null, columns(whole, "more"));
    }

    @Test
    void declaredColumnsAreAlwaysReadAndAUsersOwnColumnsOptionIsKept() throws Exception {
        CompiledPipeline declared = compile(JOIN_TOP_N.replace("config = { path = \"orders.csv\" }",
                "config = { path = \"orders.csv\", schema = { ts = \"timestamp\" } }"));
        // A ts that did not convert would reject its row, so it is still read.
        assertEquals(List.of("id", "user_id", "amount", "note", "ts"), columns(declared, "orders"));
        CompiledPipeline own = compile(JOIN_TOP_N.replace("config = { path = \"orders.csv\" }",
                "config = { path = \"orders.csv\", columns = [\"id\", \"user_id\", \"amount\", \"note\", \"country\"] }"));
        assertEquals(List.of("id", "user_id", "amount", "note", "country"), columns(own, "orders"));
        assertFalse(compile(JOIN_TOP_N + ALSO_ALL_ORDERS).stage("orders").config().has("columns"));
    }
}
