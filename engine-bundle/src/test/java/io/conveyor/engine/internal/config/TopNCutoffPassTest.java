package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top-N cut-off passed up to a join's input: where it goes, where it may not, and that the
 * rows written are the same as when the sort alone drops them.
 */
class TopNCutoffPassTest {
    @TempDir
    Path dir;

    @BeforeEach
    void data() throws Exception {
        // Enough rows for the sort to set its cut-off several times (more than its chunk of 8192
        // beyond the limit), amounts with many ties and empty ones (null: null_values), user ids without a
        // user, and users listed twice, so that one order matches two rows.
        writeOrders("orders.csv", 40_000);
        StringBuilder users = new StringBuilder("user_id,name,tier\n");
        for (int u = 0; u < 300; u++) {
            users.append(u % 290).append(",user ").append(u).append(',').append(u % 3 == 0 ? "gold" : "silver")
                    .append('\n');
        }
        Files.writeString(dir.resolve("users.csv"), users);
    }

    private void writeOrders(String name, int rows) throws Exception {
        Random random = new Random(5);
        StringBuilder orders = new StringBuilder("id,user_id,amount,note\n");
        for (int i = 0; i < rows; i++) {
            String amount = random.nextInt(40) == 0 ? "" : String.valueOf(random.nextInt(2_000) / 4.0);
            orders.append(i).append(',').append(random.nextInt(400)).append(',').append(amount)
                    .append(",n").append(random.nextInt(5)).append('\n');
        }
        Files.writeString(dir.resolve(name), orders);
    }

    /**
     * orders join users, then {@code between} (stages reading "joined", the last one named
     * "last"; empty for none), sort by {@code by} + id with a limit stage of 700 rows, written to out.csv.
     */
    private static String plan(String how, String by, boolean descending, String nulls, String between) {
        String sortInput = between.isEmpty() ? "joined" : "last";
        return """
                [pipeline]
                name = "p"
                [[stages]]
                id = "orders"
                type = "source.csv"
                config = { path = "orders.csv", null_values = [""] }
                [[stages]]
                id = "users"
                type = "source.csv"
                config = { path = "users.csv" }
                [[stages]]
                id = "joined"
                type = "transform.join"
                inputs = ["orders", "users"]
                config = { on = ["user_id"], how = "%s" }
                %s
                [[stages]]
                id = "ranked"
                type = "transform.sort"
                inputs = ["%s"]
                config = { by = ["%s", "id"], descending = [%s, false], nulls = "%s" }
                [[stages]]
                id = "top"
                type = "transform.limit"
                inputs = ["ranked"]
                config = { count = 700 }
                [[stages]]
                id = "write"
                type = "sink.csv"
                inputs = ["top"]
                config = { path = "out.csv" }
                """.formatted(how, between, sortInput, by, descending, nulls);
    }

    /** @return a top-N sort "ranked" of {@code input} by {@code order} (by and descending), written to out.csv */
    private static String topNToOut(String input, String order, int limit) {
        return """
                [[stages]]
                id = "ranked"
                type = "transform.sort"
                inputs = ["%s"]
                config = { %s, limit = %d }
                [[stages]]
                id = "write"
                type = "sink.csv"
                inputs = ["ranked"]
                config = { path = "out.csv" }
                """.formatted(input, order, limit);
    }

    private CompiledPipeline compile(String toml) throws Exception {
        return new RealPlanFixture(dir).compile(toml);
    }

    /** @return what the plan writes to out.csv */
    private String output(CompiledPipeline p) throws Exception {
        return ran(p).written();
    }

    /** A run of a plan and what it wrote to out.csv. */
    private record Ran(RunResult result, String written) {
        /** @return how many rows stage {@code id} emitted */
        long emitted(String id) {
            return RealPlanFixture.stage(result, id).recordsOut();
        }
    }

    private Ran ran(CompiledPipeline p) throws Exception {
        RunResult r = new RealPlanFixture(dir).run(p);
        return new Ran(r, Files.readString(dir.resolve("out.csv")));
    }

    /** @return the plan reading the 200,000 rows of big.csv in batches of 1,000 instead of orders.csv */
    private static String onBigOrders(String toml) {
        return toml.replace("path = \"orders.csv\",", "path = \"big.csv\", batch_size = 1000,");
    }

    private static void assertNoCutoffs(CompiledPipeline p) {
        for (CompiledStage s : p.stages()) {
            assertEquals(List.of(), s.inputCutoffs(), s.id());
        }
    }

    @Test
    void theCutOffReachesTheJoinsInputAndTheSameRowsAreWritten() throws Exception {
        // Many small batches: the source and the join run at most a few batches (their queues)
        // ahead of the sort, so once the sort has its first cut-off most orders are still to come.
        writeOrders("big.csv", 200_000);
        String toml = onBigOrders(plan("inner", "amount", true, "last", ""));
        CompiledPipeline cut = compile(toml);
        assertEquals(List.of(new CompiledStage.InputCutoff("ranked", "amount", true, 0)),
                cut.stage("joined").inputCutoffs());
        assertTrue(cut.rewrites().contains("'ranked' passes its top-N cut-off up to the input of 'joined' (from "
                + "'orders'): rows whose 'amount' sorts after it are dropped as 'orders' reads them, before it "
                + "converts their other columns"), cut.rewrites().toString());
        Ran r = ran(cut);
        String written = r.written();

        CompiledPipeline whole = compile(toml + RealPlanFixture.SECOND_READER_OF_JOINED);
        assertEquals(List.of(), whole.stage("joined").inputCutoffs());
        Ran w = ran(whole);
        assertEquals(w.written(), written);
        assertEquals(701, written.lines().count());
        // Once the sort has its first cut-off (the 700th of its first 8,892 rows, then tighter), the
        // source emits only rows that pass (about a quarter of the file here, most of them before
        // the first cut-off), and the join matches and emits far fewer.
        assertEquals(200_000, w.emitted("orders"));
        long readCut = r.emitted("orders");
        assertTrue(readCut * 2 < 200_000, readCut + " rows emitted by the source with the cut-off");
        long emittedCut = r.emitted("joined");
        long emittedWhole = w.emitted("joined");
        assertTrue(emittedCut * 2 < emittedWhole, emittedCut + " rows emitted with the cut-off, " + emittedWhole
                + " without");
    }

    @Test
    void everyJoinKindThatKeepsLeftRowsDirectionAndNullPlaceWritesTheSameRows() throws Exception {
        for (String how : List.of("inner", "left", "semi", "anti")) {
            for (boolean descending : new boolean[] {true, false}) {
                for (String nulls : List.of("last", "first")) {
                    String toml = plan(how, "amount", descending, nulls, "");
                    String what = how + " descending=" + descending + " nulls " + nulls;
                    CompiledPipeline cut = compile(toml);
                    assertEquals("ranked", cut.stage("joined").inputCutoffs().get(0).from(), what);
                    String written = output(cut);
                    assertEquals(output(compile(toml + RealPlanFixture.SECOND_READER_OF_JOINED)), written, what);
                    assertEquals(701, written.lines().count(), what);
                }
            }
        }
    }

    @Test
    void aSourceWithDeclaredTypesOrAnotherReaderLeavesTheCutToTheJoinsInput() throws Exception {
        String declared = plan("inner", "amount", true, "last", "")
                .replace("null_values = [\"\"] }", "null_values = [\"\"], schema = { note = \"string\" } }");
        String ordersCopied = plan("inner", "amount", true, "last", "")
                + RealPlanFixture.copyOf("orders", "orders_copy.csv");
        String expected = output(compile(plan("inner", "amount", true, "last", "")
                + RealPlanFixture.SECOND_READER_OF_JOINED));
        for (String toml : List.of(declared, ordersCopied)) {
            CompiledPipeline p = compile(toml);
            assertEquals(List.of(new CompiledStage.InputCutoff("ranked", "amount", false, 0)),
                    p.stage("joined").inputCutoffs());
            assertTrue(p.rewrites().stream().anyMatch(w -> w.endsWith("sorts after it are dropped there")),
                    p.rewrites().toString());
            assertEquals(expected, output(p));
        }
        assertEquals(40_001, Files.readString(dir.resolve("orders_copy.csv")).lines().count());
    }

    @Test
    void aSortThatReadsACsvSourceDirectlyHasTheSourceDropRows() throws Exception {
        writeOrders("big.csv", 200_000);
        String toml = """
                [pipeline]
                name = "p"
                [[stages]]
                id = "orders"
                type = "source.csv"
                config = { path = "big.csv", null_values = [""], batch_size = 1000 }
                """ + topNToOut("orders", "by = [\"amount\", \"id\"], descending = [false, true]", 300);
        CompiledPipeline cut = compile(toml);
        assertEquals(List.of(new CompiledStage.InputCutoff("ranked", "amount", true, 0)),
                cut.stage("ranked").inputCutoffs());
        assertTrue(cut.rewrites().contains("'ranked' passes its top-N cut-off to 'orders': rows whose 'amount' sorts "
                + "after it are dropped as 'orders' reads them, before it converts their other columns"),
                cut.rewrites().toString());
        Ran r = ran(cut);
        String written = r.written();
        assertEquals(301, written.lines().count());
        assertTrue(r.emitted("orders") * 2 < 200_000, r.emitted("orders") + " rows emitted by the source");

        // A second reader of the source: nothing is passed up, and the same rows are written.
        CompiledPipeline whole = compile(toml + RealPlanFixture.copyOf("orders", "copy.csv"));
        assertEquals(List.of(), whole.stage("ranked").inputCutoffs());
        assertTrue(whole.rewrites().stream().noneMatch(w -> w.contains("cut-off")), whole.rewrites().toString());
        assertEquals(written, output(whole));
    }

    @Test
    void rowsTheSourceDropsStillTypeTheColumnsOfTheRowsItKeeps() throws Exception {
        // Every "ratio" is a whole number but one, in a row far down the file that the cut-off
        // drops: without the cut-off its batch makes the column double (5 is written 5.0), and so
        // must it with the cut-off, though the source converts that row's fields no more.
        StringBuilder text = new StringBuilder("id,amount,ratio\n");
        Random random = new Random(9);
        for (int i = 0; i < 100_000; i++) {
            boolean top = i >= 10_000 && i < 10_005;
            text.append(i).append(',').append(top ? 5_000 + i : random.nextInt(900)).append(',')
                    .append(i == 90_010 ? "2.5" : "5").append('\n');
        }
        Files.writeString(dir.resolve("mixed.csv"), text);
        String toml = """
                [pipeline]
                name = "p"
                [[stages]]
                id = "orders"
                type = "source.csv"
                config = { path = "mixed.csv", batch_size = 500 }
                """ + topNToOut("orders", "by = [\"amount\"], descending = [true]", 5);
        CompiledPipeline cut = compile(toml);
        assertEquals(List.of(new CompiledStage.InputCutoff("ranked", "amount", true, 0)),
                cut.stage("ranked").inputCutoffs());
        Ran r = ran(cut);
        String written = r.written();
        assertTrue(r.emitted("orders") < 50_000, r.emitted("orders") + " rows emitted by the source");
        assertEquals("id,amount,ratio\n10004,15004,5.0\n10003,15003,5.0\n10002,15002,5.0\n10001,15001,5.0\n"
                + "10000,15000,5.0\n", written);
        assertEquals(written, output(compile(toml + RealPlanFixture.copyOf("orders", "copy.csv"))));
    }

    @Test
    void theCutOffGoesUpThroughFiltersAndSelectsToTheHighestStage() throws Exception {
        String between = """
                [[stages]]
                id = "cheap"
                type = "transform.filter"
                inputs = ["joined"]
                config = { expr = "note <> 'n2'" }
                [[stages]]
                id = "last"
                type = "transform.select"
                inputs = ["cheap"]
                config = { columns = ["id", "amount", "name", "note"] }
                """;
        String toml = plan("left", "amount", true, "last", between);
        CompiledPipeline cut = compile(toml);
        assertEquals("ranked", cut.stage("joined").inputCutoffs().get(0).from());
        assertEquals(List.of(), cut.stage("cheap").inputCutoffs());
        assertEquals(List.of(), cut.stage("last").inputCutoffs());
        String written = output(cut);
        assertEquals(output(compile(toml + RealPlanFixture.SECOND_READER_OF_JOINED)), written);
        assertEquals("id,amount,name,note", written.lines().findFirst().orElseThrow());
    }

    @Test
    void theCutOffGoesUpThroughARenameAndAMapThatLeavesTheKeyAloneUnderTheKeysOldName() throws Exception {
        String between = """
                [[stages]]
                id = "named"
                type = "transform.rename"
                inputs = ["joined"]
                config = { columns = { amount = "price", id = "order_id" } }
                [[stages]]
                id = "last"
                type = "transform.map"
                inputs = ["named"]
                config = { columns = { doubled = "price * 2", note = "upper(note)" } }
                """;
        writeOrders("big.csv", 200_000);
        String toml = onBigOrders(plan("inner", "price", true, "last", between).replace("\"id\"]", "\"order_id\"]"));
        CompiledPipeline cut = compile(toml);
        assertEquals(List.of(new CompiledStage.InputCutoff("ranked", "amount", true, 0)),
                cut.stage("joined").inputCutoffs());
        assertTrue(cut.rewrites().contains("'ranked' passes its top-N cut-off up to the input of 'joined' (from "
                + "'orders'): rows whose 'amount' ('price' at 'ranked') sorts after it are dropped as 'orders' reads them, "
                + "before it converts their other columns"), cut.rewrites().toString());
        Ran r = ran(cut);
        String written = r.written();
        // The source finds the key under its old name: it emits far fewer rows than the file has.
        assertTrue(r.emitted("orders") * 2 < 200_000, r.emitted("orders") + " rows emitted by the source");
        assertEquals(701, written.lines().count());
        assertTrue(written.startsWith("order_id,user_id,price,note,name,tier,doubled\n"), written.substring(0, 80));
        // A second reader of the map's output: nothing is passed up, and the same rows are written.
        CompiledPipeline whole = compile(toml + RealPlanFixture.copyOf("last", "copy.csv"));
        assertNoCutoffs(whole);
        assertEquals(written, output(whole));
    }

    @Test
    void theCutOffGoesUpEveryInputOfAUnionToEachSource() throws Exception {
        writeOrders("big.csv", 200_000);
        writeOrders("more.csv", 50_000);
        String toml = """
                [pipeline]
                name = "p"
                [[stages]]
                id = "a"
                type = "source.csv"
                config = { path = "big.csv", null_values = [""], batch_size = 1000 }
                [[stages]]
                id = "a_kept"
                type = "transform.filter"
                inputs = ["a"]
                config = { expr = "note <> 'n3'" }
                [[stages]]
                id = "b"
                type = "source.csv"
                config = { path = "more.csv", null_values = [""], batch_size = 1000 }
                [[stages]]
                id = "both"
                type = "transform.union"
                inputs = ["a_kept", "b"]
                """ + topNToOut("both", "by = [\"amount\", \"id\"], descending = [true, true]", 400);
        CompiledPipeline cut = compile(toml);
        assertEquals(List.of(new CompiledStage.InputCutoff("ranked", "amount", true, 0)),
                cut.stage("a_kept").inputCutoffs());
        assertEquals(List.of(new CompiledStage.InputCutoff("ranked", "amount", true, 1)),
                cut.stage("both").inputCutoffs());
        assertTrue(cut.rewrites().contains("'ranked' passes its top-N cut-off up to the input of 'both' (from 'b'): "
                + "rows whose 'amount' sorts after it are dropped as 'b' reads them, before it converts their other "
                + "columns"), cut.rewrites().toString());
        Ran r = ran(cut);
        String written = r.written();
        assertEquals(401, written.lines().count());
        assertTrue(r.emitted("a") * 2 < 200_000, r.emitted("a") + " rows emitted by 'a'");
        assertTrue(r.emitted("b") < 50_000, r.emitted("b") + " rows emitted by 'b'");

        CompiledPipeline whole = compile(toml + RealPlanFixture.copyOf("both", "copy.csv"));
        assertNoCutoffs(whole);
        assertEquals(written, output(whole));
        // The copy has every row of the union: the cut-off reached no input of it.
        assertEquals(1 + 200_000 - countNote(dir.resolve("big.csv"), "n3") + 50_000,
                Files.readString(dir.resolve("copy.csv")).lines().count());
    }

    /** @return how many data rows of an orders file have {@code note} */
    private static long countNote(Path file, String note) throws Exception {
        return Files.readString(file).lines().filter(l -> l.endsWith("," + note)).count();
    }

    @Test
    void theCutOffStaysWhereDroppingRowsCouldChangeTheResult() throws Exception {
        // Unmatched right rows depend on every left row.
        for (String how : List.of("right", "full")) {
            assertEquals(List.of(), compile(plan(how, "amount", true, "last", "")).stage("joined").inputCutoffs(), how);
        }
        // A right column as the first key: the join's left input does not carry it.
        assertEquals(List.of(), compile(plan("inner", "name", true, "last", "")).stage("joined").inputCutoffs());
        // A text first key: the sort's cut-off tests no text, so there is nothing to pass up.
        CompiledPipeline text = compile(plan("inner", "note", true, "last", ""));
        assertEquals(List.of(), text.stage("joined").inputCutoffs());
        assertTrue(text.rewrites().stream().noneMatch(w -> w.contains("cut-off")), text.rewrites().toString());
        // Another reader of the join.
        assertEquals(List.of(), compile(plan("inner", "amount", true, "last", "")
                + RealPlanFixture.SECOND_READER_OF_JOINED).stage("joined").inputCutoffs());
        // A limit or a map on the way: which rows they see, or what they compute, matters.
        for (String between : List.of("""
                [[stages]]
                id = "last"
                type = "transform.limit"
                inputs = ["joined"]
                config = { count = 20000 }
                """, """
                [[stages]]
                id = "last"
                type = "transform.map"
                inputs = ["joined"]
                config = { columns = { amount = "amount * 2" } }
                """)) {
            CompiledPipeline p = compile(plan("inner", "amount", true, "last", between));
            assertNoCutoffs(p);
            assertTrue(p.rewrites().stream().noneMatch(w -> w.contains("cut-off")), p.rewrites().toString());
        }
        // A sort without a limit keeps every row, so it has no cut-off.
        CompiledPipeline unlimited = compile(plan("inner", "amount", true, "last", "").replace("""
                [[stages]]
                id = "top"
                type = "transform.limit"
                inputs = ["ranked"]
                config = { count = 700 }
                """, "").replace("inputs = [\"top\"]", "inputs = [\"ranked\"]"));
        assertEquals(List.of(), unlimited.stage("joined").inputCutoffs());
    }
}
