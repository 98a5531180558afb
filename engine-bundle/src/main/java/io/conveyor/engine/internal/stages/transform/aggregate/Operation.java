package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The aggregate operations of {@code transform.group_by}. */
enum Operation {
    SUM, AVG, COUNT, COUNT_DISTINCT, MIN, MAX, MEDIAN, STD, VAR, FIRST, LAST;

    /** @return every operation's name as written in a pipeline file */
    static List<String> names() {
        return Arrays.stream(values()).map(Operation::id).toList();
    }

    /** @return the name as written in a pipeline file, e.g. {@code count_distinct} */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the operation of that name, or null */
    static Operation of(String name) {
        for (Operation o : values()) {
            if (o.id().equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** @return true if the operation needs a long or double column */
    boolean numeric() {
        return this == SUM || this == AVG || this == MEDIAN || this == STD || this == VAR;
    }

    /**
     * @param input the input column's type, or null for count(*)
     * @return the type of the result column
     */
    DataType resultType(DataType input) {
        switch (this) {
            case COUNT: case COUNT_DISTINCT: return DataType.LONG;
            case SUM: return input == DataType.LONG ? DataType.LONG : DataType.DOUBLE;
            case AVG: case MEDIAN: case STD: case VAR: return DataType.DOUBLE;
            default: return input;
        }
    }

    /** @return a new accumulator for this operation */
    Accumulator accumulator() {
        switch (this) {
            case COUNT: return new CountAccumulator();
            case COUNT_DISTINCT: return new DistinctCountAccumulator();
            case SUM: return new SumAccumulator();
            case AVG: return new SumAccumulator(true);
            case STD: return new MomentsAccumulator(MomentsAccumulator.Result.STD);
            case VAR: return new MomentsAccumulator(MomentsAccumulator.Result.VAR);
            case MEDIAN: return new MedianAccumulator();
            case MIN: return new PickAccumulator(PickAccumulator.Pick.MIN);
            case MAX: return new PickAccumulator(PickAccumulator.Pick.MAX);
            case FIRST: return new PickAccumulator(PickAccumulator.Pick.FIRST);
            default: return new PickAccumulator(PickAccumulator.Pick.LAST);
        }
    }
}
