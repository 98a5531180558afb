package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.conveyor.api.RunResult;
import io.conveyor.api.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sort + limit plan rewrite: what it folds, what it leaves alone, and that the rows do not change. */
class TopNFoldTest {
    @TempDir
    Path dir;


    @BeforeEach
    void data() throws Exception {
        // More rows than one top-N chunk, many ties on the first key, empty (null) amounts.
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("id,amount,name\n");
        for (int i = 0; i < 70_000; i++) {
            String amount = random.nextInt(50) == 0 ? "" : String.valueOf(random.nextInt(500) / 4.0);
            csv.append(i).append(',').append(amount).append(",n").append(random.nextInt(7)).append('\n');
        }
        Files.writeString(dir.resolve("in.csv"), csv);
    }

    private static String pipeline(String sortExtra, String limitConfig, boolean alsoWriteSorted) {
        return """
                [pipeline]
                name = "topn"
                [[stages]]
                id = "in"
                type = "source.csv"
                [stages.config]
                path = "in.csv"
                [[stages]]
                id = "ranked"
                type = "transform.sort"
                inputs = ["in"]
                [stages.config]
                by = ["amount", "name"]
                descending = [true, false]
                """ + sortExtra + """

                [[stages]]
                id = "top"
                type = "transform.limit"
                inputs = ["ranked"]
                [stages.config]
                """ + limitConfig + """

                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["top"]
                [stages.config]
                path = "top.csv"
                """ + (alsoWriteSorted ? """
                [[stages]]
                id = "all"
                type = "sink.csv"
                inputs = ["ranked"]
                [stages.config]
                path = "all.csv"
                """ : "");
    }

    private CompiledPipeline compile(String toml) throws Exception {
        return new RealPlanFixture(dir).compile(toml);
    }

    private RunResult run(CompiledPipeline p) {
        return new RealPlanFixture(dir).run(p);
    }

    private static StageResult stage(RunResult r, String id) {
        return RealPlanFixture.stage(r, id);
    }

    @Test
    void aSortReadOnlyByALimitSortsOnlyOffsetPlusCountRows() throws Exception {
        CompiledPipeline p = compile(pipeline("", "count = 40\noffset = 25", false));
        assertEquals(65L, p.stage("ranked").config().getLong("limit"));
        assertEquals(40L, p.stage("top").config().getLong("count"));
        RunResult r = run(p);
        // Both stages are still in the summary: the sort emitted what the limit could use.
        assertEquals(70_000, stage(r, "ranked").recordsIn());
        assertEquals(65, stage(r, "ranked").recordsOut());
        assertEquals(40, stage(r, "top").recordsOut());
        assertEquals(40, stage(r, "out").recordsOut());
    }

    @Test
    void theFoldedPlanWritesTheSameRowsAsAFullSortAndTheOffsetIsRespected() throws Exception {
        CompiledPipeline fused = compile(pipeline("", "count = 40\noffset = 25", false));
        run(fused);
        String fusedRows = Files.readString(dir.resolve("top.csv"));
        // A second reader of the sort keeps it whole: the same limit over the full order.
        CompiledPipeline whole = compile(pipeline("", "count = 40\noffset = 25", true));
        assertFalse(whole.stage("ranked").config().has("limit"));
        RunResult r = run(whole);
        assertEquals(70_000, stage(r, "ranked").recordsOut());
        assertEquals(fusedRows, Files.readString(dir.resolve("top.csv")));
        String[] all = Files.readString(dir.resolve("all.csv")).split("\n");
        String[] top = fusedRows.split("\n");
        assertEquals(41, top.length);
        assertEquals(all[0], top[0]);
        for (int i = 1; i <= 40; i++) {
            assertEquals(all[25 + i], top[i], "row " + i);
        }
    }

    @Test
    void aBatchTheTopNDropsWholeStillWidensTheColumnsOfTheRowsItKeeps() throws Exception {
        // The top rows come first; far down, in a batch of which no row can enter, the only
        // decimal of column "name". The full sort makes the whole column double (5 is written
        // 5.0), and so must the top-N, though it keeps no row of that batch.
        StringBuilder csv = new StringBuilder("id,amount,name\n");
        Random random = new Random(4);
        for (int i = 0; i < 40_000; i++) {
            csv.append(i).append(',').append(i < 5 ? 1_000 + i : random.nextInt(500)).append(',')
                    .append(i == 30_123 ? "2.5" : "5").append('\n');
        }
        Files.writeString(dir.resolve("in.csv"), csv);
        String fusedToml = pipeline("", "count = 5", false).replace("path = \"in.csv\"",
                "path = \"in.csv\"\nbatch_size = 200");
        for (String toml : new String[] {fusedToml, fusedToml + RealPlanFixture.copyOf("in", "copy.csv")}) {
            // With the source's own cut-off (the sort reads it alone), and without (a second reader).
            run(compile(toml));
            assertEquals("id,amount,name\n4,1004,5.0\n3,1003,5.0\n2,1002,5.0\n1,1001,5.0\n0,1000,5.0\n",
                    Files.readString(dir.resolve("top.csv")), toml);
        }
        CompiledPipeline whole = compile(pipeline("", "count = 5", true));
        run(whole);
        assertEquals("id,amount,name\n4,1004,5.0\n3,1003,5.0\n2,1002,5.0\n1,1001,5.0\n0,1000,5.0\n",
                Files.readString(dir.resolve("top.csv")));
    }

    @Test
    void aSmallerLimitOfTheSortItselfIsKeptAndALargerOneLowered() throws Exception {
        assertEquals(10L, compile(pipeline("limit = 10", "count = 40", false)).stage("ranked").config()
                .getLong("limit"));
        assertEquals(40L, compile(pipeline("limit = 5000", "count = 40", false)).stage("ranked").config()
                .getLong("limit"));
    }

    @Test
    void aLimitAfterAnotherStageOrASortWithTwoReadersIsNotFolded() throws Exception {
        String toml = """
                [pipeline]
                name = "two"
                [[stages]]
                id = "in"
                type = "source.csv"
                [stages.config]
                path = "in.csv"
                [[stages]]
                id = "ranked"
                type = "transform.sort"
                inputs = ["in"]
                [stages.config]
                by = "id"
                [[stages]]
                id = "first"
                type = "transform.limit"
                inputs = ["ranked"]
                [stages.config]
                count = 3
                [[stages]]
                id = "second"
                type = "transform.limit"
                inputs = ["ranked"]
                [stages.config]
                count = 7
                [[stages]]
                id = "both"
                type = "transform.union"
                inputs = ["first", "second"]
                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["both"]
                [stages.config]
                path = "out.csv"
                """;
        CompiledPipeline p = compile(toml);
        assertFalse(p.stage("ranked").config().has("limit"));
        RunResult r = run(p);
        assertEquals(10, stage(r, "out").recordsOut());
    }
}
