package io.conveyor.engine.internal.stages.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.Problem;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.engine.internal.config.CompileException;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.PipelineCompiler;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RecordingPluginLoader;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relational stages as a user writes them: a pipeline file compiled by the real compiler, then run. */
class RelationalPipelineFileTest {
    @TempDir
    Path dir;

    private final PipelineCompiler compiler = new PipelineCompiler(BuiltinStages.standard(),
            new RecordingPluginLoader(), Map.of());

    private RunResult run(String toml) throws Exception {
        CompiledPipeline p = compiler.compile(toml, "p.toml", dir, Map.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunResult r = new PipelineExecutor(new RecordingPluginLoader(),
                new Log(new PrintStream(log, true, StandardCharsets.UTF_8), LogLevel.INFO)).run(p, new RunControl());
        assertEquals(RunStatus.SUCCEEDED, r.status(), () -> r + "\n" + log);
        return r;
    }

    @Test
    void joinSortAndTopN() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,user_id,amount\n1,1,5.0\n2,2,7.5\n3,1,7.5\n4,3,1.0\n5,9,99.0\n");
        Files.writeString(dir.resolve("users.csv"), "user_id,country\n1,DE\n2,FR\n3,DE\n");
        run("""
                [pipeline]
                name = "top"
                [[stages]]
                id = "orders"
                type = "source.csv"
                [stages.config]
                path = "orders.csv"
                [[stages]]
                id = "users"
                type = "source.csv"
                [stages.config]
                path = "users.csv"
                [[stages]]
                id = "joined"
                type = "transform.join"
                inputs = ["orders", "users"]
                [stages.config]
                on = "user_id"
                how = "inner"
                [[stages]]
                id = "ranked"
                type = "transform.sort"
                inputs = ["joined"]
                [stages.config]
                by = ["amount", "id"]
                descending = [true, false]
                [[stages]]
                id = "top"
                type = "transform.limit"
                inputs = ["ranked"]
                [stages.config]
                count = 3
                [[stages]]
                id = "named"
                type = "transform.rename"
                inputs = ["top"]
                [stages.config]
                columns = { amount = "total" }
                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["named"]
                [stages.config]
                path = "top.csv"
                """);
        assertEquals("id,user_id,total,country\n2,2,7.5,FR\n3,1,7.5,DE\n1,1,5.0,DE\n",
                Files.readString(dir.resolve("top.csv")));
    }

    @Test
    void groupByWithAnArrayOfAggregationTables() throws Exception {
        Files.writeString(dir.resolve("sales.csv"), "country,category,amount,quantity\nDE,a,10,1\nFR,a,5,2\n"
                + "DE,a,2,3\nDE,b,1,4\n");
        run("""
                [pipeline]
                name = "agg"
                [[stages]]
                id = "sales"
                type = "source.csv"
                [stages.config]
                path = "sales.csv"
                [[stages]]
                id = "typed"
                type = "transform.cast"
                inputs = ["sales"]
                [stages.config]
                columns = { quantity = "double" }
                [[stages]]
                id = "totals"
                type = "transform.group_by"
                inputs = ["typed"]
                [stages.config]
                by = ["country", "category"]
                aggregations = [
                  { column = "amount", operation = "sum", output_column = "total" },
                  { operation = "count", output_column = "n" },
                  { column = "quantity", operation = "avg", output_column = "avg_qty" },
                ]
                [[stages]]
                id = "unique"
                type = "transform.distinct"
                inputs = ["totals"]
                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["unique"]
                [stages.config]
                path = "totals.csv"
                """);
        assertEquals("country,category,total,n,avg_qty\nDE,a,12,2,2.0\nFR,a,5,1,2.0\nDE,b,1,1,4.0\n",
                Files.readString(dir.resolve("totals.csv")));
    }

    @Test
    void aWrongAggregationIsReportedAtItsPlaceInTheFile() {
        CompileException e = assertThrows(CompileException.class, () -> compiler.compile("""
                [pipeline]
                name = "agg"
                [[stages]]
                id = "sales"
                type = "source.csv"
                [stages.config]
                path = "sales.csv"
                [[stages]]
                id = "totals"
                type = "transform.group_by"
                inputs = ["sales"]
                [stages.config]
                by = "country"
                aggregations = [{ column = "amount", operation = "average" }]
                [[stages]]
                id = "all"
                type = "transform.union"
                inputs = ["sales", "totals"]
                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["all"]
                [stages.config]
                path = "x.csv"
                """, "p.toml", dir, Map.of()));
        List<String> problems = e.problems().stream().map(Problem::toString).toList();
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("unknown operation 'average'; use one of sum, avg, count, count_distinct, min, max, median, std, "
                + "var, first, last", e.problems().get(0).message());
        assertEquals("totals", e.problems().get(0).stageId());
        assertEquals(14, e.problems().get(0).line(), problems::toString);
    }
}
