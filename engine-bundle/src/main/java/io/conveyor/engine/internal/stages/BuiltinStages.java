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
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The catalogue of built-in stages, by full type name ({@code source.csv},
 * {@code transform.filter}, {@code sink.stdout}, ...).
 *
 * <p>The standard stages are made only when a pipeline (or a listing) asks for one: a run
 * that reads a CSV file and prints it should not pay for loading and initialising twenty
 * other stages (the expression functions behind {@code transform.filter} alone spin some
 * fifty lambda classes). They are made by a {@code switch}, not registered as
 * {@code CsvSourceFactory::new} or {@code CsvSourceFactory.class}: every method reference in a
 * bundle is a class the JVM generates at run time (the class-data archive cannot keep those
 * for bundle class loaders), and a class literal loads the class at once.
 */
public final class BuiltinStages {
    /** The standard types; {@link #makeStandard} has a case for each. */
    private static final List<String> STANDARD = List.of(
            "source.csv", "source.json", "source.stdin",
            "transform.filter", "transform.select", "transform.map", "transform.rename", "transform.cast",
            "transform.limit", "transform.sort", "transform.distinct", "transform.union", "transform.group_by",
            "transform.join", "transform.validate", "transform.json_extract", "transform.flatten",
            "transform.encrypt", "transform.decrypt",
            "sink.csv", "sink.json", "sink.stdout");

    /** Type to factory, or to the {@link Supplier} that makes it until it is first asked for. */
    private final Map<String, Object> byType = new TreeMap<>();

    /** @return the catalogue with every built-in stage */
    public static BuiltinStages standard() {
        BuiltinStages b = new BuiltinStages();
        for (String type : STANDARD) {
            b.byType.put(type, new StandardMaker(type));
        }
        return b;
    }

    /** @return a new factory of a standard type */
    private static StageFactory makeStandard(String type) {
        return switch (type) {
            case "source.csv" -> new CsvSourceFactory();
            case "source.json" -> new JsonSourceFactory();
            case "source.stdin" -> new StdinSourceFactory();
            case "transform.filter" -> new FilterFactory();
            case "transform.select" -> new SelectFactory();
            case "transform.map" -> new MapFactory();
            case "transform.rename" -> new RenameFactory();
            case "transform.cast" -> new CastFactory();
            case "transform.limit" -> new LimitFactory();
            case "transform.sort" -> new SortFactory();
            case "transform.distinct" -> new DistinctFactory();
            case "transform.union" -> new UnionFactory();
            case "transform.group_by" -> new GroupByFactory();
            case "transform.join" -> new JoinFactory();
            case "transform.validate" -> new ValidateFactory();
            case "transform.json_extract" -> new JsonExtractFactory();
            case "transform.flatten" -> new FlattenFactory();
            case "transform.encrypt" -> new EncryptFactory();
            case "transform.decrypt" -> new DecryptFactory();
            case "sink.csv" -> new CsvSinkFactory();
            case "sink.json" -> new JsonSinkFactory();
            case "sink.stdout" -> new StdoutSinkFactory();
            default -> throw new IllegalStateException("built-in stage " + type + " is listed but has no factory");
        };
    }

    /** A class, not a lambda: see the class comment. */
    private static final class StandardMaker implements Supplier<StageFactory> {
        private final String type;

        StandardMaker(String type) {
            this.type = type;
        }

        @Override
        public StageFactory get() {
            return makeStandard(type);
        }
    }

    /**
     * @param factory a built-in factory; its type is {@code kind.name} of its descriptor
     * @return this
     */
    public BuiltinStages add(StageFactory factory) {
        synchronized (byType) {
            byType.put(typeOf(factory), factory);
        }
        return this;
    }

    /**
     * Registers a factory to be made on first use.
     *
     * @param type the factory's type, {@code kind.name} of its descriptor (checked when it is made)
     * @param maker makes the factory, once
     * @return this
     */
    public BuiltinStages add(String type, Supplier<? extends StageFactory> maker) {
        synchronized (byType) {
            byType.put(type, maker);
        }
        return this;
    }

    /** @param type e.g. {@code source.csv}
     *  @return the factory, or null */
    public StageFactory get(String type) {
        synchronized (byType) {
            Object entry = byType.get(type);
            if (entry instanceof Supplier<?> maker) {
                StageFactory made = (StageFactory) maker.get();
                String actual = typeOf(made);
                if (!actual.equals(type)) {
                    throw new IllegalStateException("built-in stage registered as " + type + " describes itself as " + actual);
                }
                byType.put(type, made);
                return made;
            }
            return (StageFactory) entry;
        }
    }

    /**
     * @return every built-in, by type, sorted; listing the types makes no factory, reading a
     *         value makes that one
     */
    public Map<String, StageFactory> all() {
        return new AbstractMap<>() {
            @Override
            public Set<Entry<String, StageFactory>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, StageFactory>> iterator() {
                        Iterator<String> types = types().iterator();
                        return new Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return types.hasNext();
                            }

                            @Override
                            public Entry<String, StageFactory> next() {
                                String type = types.next();
                                return new SimpleImmutableEntry<>(type, BuiltinStages.this.get(type));
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return types().size();
                    }
                };
            }

            @Override
            public Set<String> keySet() {
                return types();
            }

            @Override
            public boolean containsKey(Object key) {
                return types().contains(key);
            }

            @Override
            public StageFactory get(Object key) {
                return key instanceof String type ? BuiltinStages.this.get(type) : null;
            }
        };
    }

    /** @return the registered types, sorted (a snapshot) */
    private Set<String> types() {
        synchronized (byType) {
            return Collections.unmodifiableSet(new TreeSet<>(byType.keySet()));
        }
    }

    private static String typeOf(StageFactory factory) {
        return factory.descriptor().kind().id() + "." + factory.descriptor().name();
    }
}
