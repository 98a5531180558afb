package io.conveyor.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a stage is: its kind, name, description, options, how many inputs it takes, and
 * whether it must hold all its input before producing output (a blocking stage, such as
 * sort). Built with {@link #builder(StageKind, String)}.
 */
public final class StageDescriptor {
    private final StageKind kind;
    private final String name;
    private final String description;
    private final List<OptionSpec> options;
    private final int minInputs;
    private final int maxInputs;
    private final boolean blocking;

    private StageDescriptor(Builder b) {
        this.kind = b.kind;
        this.name = b.name;
        this.description = b.description;
        this.options = List.copyOf(b.options);
        this.minInputs = b.minInputs;
        this.maxInputs = b.maxInputs;
        this.blocking = b.blocking;
    }

    /**
     * @param kind the stage kind
     * @param name the stage name: the part after {@code source.}/{@code transform.}/{@code sink.}
     *             for built-ins, the module name for plugins
     * @return a builder with the kind's usual input counts (source 0, transform 1, sink 1 or more)
     */
    public static Builder builder(StageKind kind, String name) {
        return new Builder(kind, name);
    }

    /** @return the kind */
    public StageKind kind() {
        return kind;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return one or two sentences for {@code conveyor stages} */
    public String description() {
        return description;
    }

    /** @return the options, in the order to document them */
    public List<OptionSpec> options() {
        return options;
    }

    /** @param name an option name
     *  @return its spec, or null if the stage has no such option */
    public OptionSpec option(String name) {
        for (OptionSpec o : options) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** @return the least number of inputs */
    public int minInputs() {
        return minInputs;
    }

    /** @return the most inputs, {@link Integer#MAX_VALUE} for any number */
    public int maxInputs() {
        return maxInputs;
    }

    /** @return true if the stage holds all its input before producing output */
    public boolean isBlocking() {
        return blocking;
    }

    /** Builds a {@link StageDescriptor}. */
    public static final class Builder {
        private final StageKind kind;
        private final String name;
        private String description = "";
        private final List<OptionSpec> options = new ArrayList<>();
        private int minInputs;
        private int maxInputs;
        private boolean blocking;

        private Builder(StageKind kind, String name) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.name = Objects.requireNonNull(name, "name");
            switch (kind) {
                case SOURCE: minInputs = 0; maxInputs = 0; break;
                case TRANSFORM: minInputs = 1; maxInputs = 1; break;
                default: minInputs = 1; maxInputs = Integer.MAX_VALUE;
            }
        }

        /** @param text the description
         *  @return this */
        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** @param specs options to add
         *  @return this */
        public Builder option(OptionSpec... specs) {
            options.addAll(List.of(specs));
            return this;
        }

        /** @param min least inputs
         *  @param max most inputs ({@link Integer#MAX_VALUE} for any)
         *  @return this */
        public Builder inputs(int min, int max) {
            this.minInputs = min;
            this.maxInputs = max;
            return this;
        }

        /** @return this, marked as holding all input before output */
        public Builder blocking() {
            this.blocking = true;
            return this;
        }

        /** @return the descriptor */
        public StageDescriptor build() {
            return new StageDescriptor(this);
        }
    }
}
