package io.conveyor.engine.internal.stages;

import io.conveyor.api.StageFactory;
import io.conveyor.engine.internal.stages.console.StdinSourceFactory;
import io.conveyor.engine.internal.stages.console.StdoutSinkFactory;
import io.conveyor.engine.internal.stages.csv.CsvSinkFactory;
import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import io.conveyor.engine.internal.stages.json.JsonSinkFactory;
import io.conveyor.engine.internal.stages.json.JsonSourceFactory;
import io.conveyor.engine.internal.stages.transform.CastFactory;
import io.conveyor.engine.internal.stages.transform.DistinctFactory;
import io.conveyor.engine.internal.stages.transform.FilterFactory;
import io.conveyor.engine.internal.stages.transform.MapFactory;
import io.conveyor.engine.internal.stages.transform.LimitFactory;
import io.conveyor.engine.internal.stages.transform.RenameFactory;
import io.conveyor.engine.internal.stages.transform.SelectFactory;
import io.conveyor.engine.internal.stages.transform.UnionFactory;
import io.conveyor.engine.internal.stages.transform.aggregate.GroupByFactory;
import io.conveyor.engine.internal.stages.transform.join.JoinFactory;
import io.conveyor.engine.internal.stages.transform.sort.SortFactory;
import io.conveyor.engine.internal.stages.transform.crypto.DecryptFactory;
import io.conveyor.engine.internal.stages.transform.crypto.EncryptFactory;
import io.conveyor.engine.internal.stages.transform.nested.FlattenFactory;
import io.conveyor.engine.internal.stages.transform.nested.JsonExtractFactory;
import io.conveyor.engine.internal.stages.transform.validate.ValidateFactory;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalogue of built-in stages, by full type name ({@code source.csv},
 * {@code transform.filter}, {@code sink.stdout}, ...).
 */
public final class BuiltinStages {
    private final Map<String, StageFactory> byType = new TreeMap<>();

    /** @return the catalogue with every built-in stage */
    public static BuiltinStages standard() {
        return new BuiltinStages()
                .add(new CsvSourceFactory())
                .add(new JsonSourceFactory())
                .add(new StdinSourceFactory())
                .add(new FilterFactory())
                .add(new SelectFactory())
                .add(new MapFactory())
                .add(new RenameFactory())
                .add(new CastFactory())
                .add(new LimitFactory())
                .add(new SortFactory())
                .add(new DistinctFactory())
                .add(new UnionFactory())
                .add(new GroupByFactory())
                .add(new JoinFactory())
                .add(new ValidateFactory())
                .add(new JsonExtractFactory())
                .add(new FlattenFactory())
                .add(new EncryptFactory())
                .add(new DecryptFactory())
                .add(new CsvSinkFactory())
                .add(new JsonSinkFactory())
                .add(new StdoutSinkFactory());
    }

    /**
     * @param factory a built-in factory; its type is {@code kind.name} of its descriptor
     * @return this
     */
    public BuiltinStages add(StageFactory factory) {
        byType.put(factory.descriptor().kind().id() + "." + factory.descriptor().name(), factory);
        return this;
    }

    /** @param type e.g. {@code source.csv}
     *  @return the factory, or null */
    public StageFactory get(String type) {
        return byType.get(type);
    }

    /** @return every built-in, by type, sorted */
    public Map<String, StageFactory> all() {
        return Collections.unmodifiableMap(byType);
    }
}
