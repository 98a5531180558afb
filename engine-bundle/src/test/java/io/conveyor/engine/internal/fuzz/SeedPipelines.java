package io.conveyor.engine.internal.fuzz;

import java.util.List;

/** Valid pipeline files that mutation fuzzing starts from; together they use every section and key. */
final class SeedPipelines {
    static final String FULL = """
            # every section
            [pipeline]
            name = "orders_${REGION:-eu}"
            description = "seed"

            [global]
            log_level = "info"
            plugins = ["demo"]
            max_parallel_tasks = 2
            timeout_seconds = 30

            [global.variables]
            data_dir = "${DATA_DIR}"
            REGION = "eu"

            [error_handling]
            strategy = "retry"
            max_retries = 2
            retry_delay_seconds = 0.5
            [error_handling.dead_letter_queue]
            enabled = true
            path = "errors/${REGION}.jsonl"

            [[stages]]
            id = "orders"
            type = "source.csv"
            inputs = []
            on_error = "continue"
            [stages.config]
            path = "${data_dir}/orders.csv"
            delimiter = ";"
            null_values = ["", "NA"]
            schema = { id = "long", day = "date" }

            [[stages]]
            id = "large"
            type = "transform.filter"
            inputs = ["orders"]
            [stages.config]
            column = "amount"
            operator = ">"
            value = 200

            [[stages]]
            id = "cols"
            type = "plugin.demo.upper"
            inputs = ["large"]
            [stages.config]
            columns = ["id", "amount"]

            [[stages]]
            id = "out"
            type = "sink.json"
            inputs = ["cols"]
            [stages.config]
            path = "out/large.json"
            format = "records"
            """;

    static final String SMALL = """
            [pipeline]
            name = "small"
            [[stages]]
            id = "in"
            type = "source.json"
            inputs = []
            config = { path = "in.jsonl", batch_size = 10 }
            [[stages]]
            id = "show"
            type = "sink.stdout"
            inputs = ["in"]
            config.format = "table"
            """;

    static final List<String> ALL = List.of(FULL, SMALL);

    private SeedPipelines() {
    }
}
