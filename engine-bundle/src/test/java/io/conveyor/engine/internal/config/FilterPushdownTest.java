package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter-before-join rewrite: when a filter moves onto a join's right input, when it stays, and that no row changes. */
class FilterPushdownTest {
    @TempDir
    Path dir;

    @BeforeEach
    void data() throws Exception {
        Random random = new Random(11);
        StringBuilder orders = new StringBuilder("id,user_id,amount,note\n");
        for (int i = 0; i < 20_000; i++) {
            // Some user ids have no user, and several orders share one: matches repeat and go missing.
            orders.append(i).append(',').append(random.nextInt(330)).append(',')
                    .append(random.nextInt(100_000) / 100.0).append(',').append("n").append(random.nextInt(4))
                    .append('\n');
        }
        Files.writeString(dir.resolve("orders.csv"), orders);
        StringBuilder users = new StringBuilder("user_id,name,tier,note\n");
        for (int u = 0; u < 300; u++) {
            // Duplicate users: a left row matches both, in right order.
            int id = u % 290;
            users.append(id).append(",user ").append(u).append(',').append(u % 3 == 0 ? "gold" : "silver")
                    .append(",r").append(u % 5).append('\n');
        }
        Files.writeString(dir.resolve("users.csv"), users);
    }

    private static String plan(String how, String condition) {
        return """
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
                config = { on = ["user_id"], how = "%s" }
                [[stages]]
                id = "gold"
                type = "transform.filter"
                inputs = ["joined"]
                config = { expr = "%s" }
                [[stages]]
                id = "write"
                type = "sink.csv"
                inputs = ["gold"]
                config = { path = "out.csv" }
                """.formatted(how, condition);
    }

    private CompiledPipeline compile(String toml) throws Exception {
        return new RealPlanFixture(dir).compile(toml);
    }

    private RunResult run(CompiledPipeline p) {
        return new RealPlanFixture(dir).run(p);
    }

    private static List<String> ids(CompiledPipeline p) {
        return p.stages().stream().map(CompiledStage::id).toList();
    }

    @Test
    void aFilterOnRightColumnsRunsBeforeTheJoinAndWritesTheSameRows() throws Exception {
        String toml = plan("inner", "tier = 'gold' and name <> 'user 3'");
        CompiledPipeline moved = compile(toml);
        assertEquals(List.of("users"), moved.stage("gold").inputs());
        assertEquals(List.of("orders", "gold"), moved.stage("joined").inputs());
        assertEquals(List.of("joined"), moved.stage("write").inputs());
        assertEquals(List.of("orders", "users", "gold", "joined", "write"), ids(moved));
        assertEquals(List.of("'gold' filters 'users' before the join 'joined': it tests only columns of the inner "
                + "join's right input"), moved.rewrites());
        RunResult r = run(moved);
        String pushed = Files.readString(dir.resolve("out.csv"));
        // The summary counts what ran: the filter saw the users, the join emits only gold rows.
        assertEquals(300, RealPlanFixture.stage(r, "gold").recordsIn());
        long rows = pushed.lines().count() - 1;
        assertEquals(rows, RealPlanFixture.stage(r, "joined").recordsOut());

        CompiledPipeline kept = compile(toml + RealPlanFixture.SECOND_READER_OF_JOINED);
        assertEquals(List.of("joined"), kept.stage("gold").inputs());
        assertEquals(List.of(), kept.rewrites());
        run(kept);
        assertEquals(Files.readString(dir.resolve("out.csv")), pushed);
        // Gold users' orders, more than a few hundred, in left order with repeated matches.
        org.junit.jupiter.api.Assertions.assertTrue(rows > 3000, "rows " + rows);
        assertEquals("id,user_id,amount,note,name,tier,note_right", pushed.lines().findFirst().orElseThrow());
    }

    @Test
    void filtersThatReadTheLeftSideOrFollowAnotherJoinKindStayAfterTheJoin() throws Exception {
        // A left column, the shared key, and a right column renamed for a clash with a left one.
        for (String condition : List.of("tier = 'gold' and amount > 10", "user_id > 5", "note_right = 'r1'",
                "note = 'n1'")) {
            CompiledPipeline p = compile(plan("inner", condition));
            assertEquals(List.of("joined"), p.stage("gold").inputs(), condition);
            assertEquals(List.of("orders", "users"), p.stage("joined").inputs(), condition);
        }
        // A left join keeps unmatched left rows with null right columns, which the filter would then drop.
        for (String how : List.of("left", "right", "full")) {
            CompiledPipeline p = compile(plan(how, "tier = 'gold'"));
            assertEquals(List.of("joined"), p.stage("gold").inputs(), how);
        }
    }

    @Test
    void twoFiltersInARowBothMoveInTheirOrder() throws Exception {
        String toml = plan("inner", "tier = 'gold'").replace("inputs = [\"gold\"]", "inputs = [\"named\"]") + """
                [[stages]]
                id = "named"
                type = "transform.filter"
                inputs = ["gold"]
                config = { column = "name", operator = "!=", value = "user 0" }
                """;
        CompiledPipeline p = compile(toml);
        assertEquals(List.of("users"), p.stage("gold").inputs());
        assertEquals(List.of("gold"), p.stage("named").inputs());
        assertEquals(List.of("orders", "named"), p.stage("joined").inputs());
        assertEquals(List.of("joined"), p.stage("write").inputs());
        run(p);
        String pushed = Files.readString(dir.resolve("out.csv"));
        run(compile(toml + RealPlanFixture.SECOND_READER_OF_JOINED));
        assertEquals(Files.readString(dir.resolve("out.csv")), pushed);
    }
}
