package io.conveyor.it.http;

/**
 * The pipeline files the http tests run, in-JVM and through {@code conveyor.jar} alike; each
 * test fills in the http stage's config lines (TOML, sub-tables such as
 * {@code [stages.config.headers]} last).
 */
final class HttpPipelineTexts {
    private HttpPipelineTexts() {
    }

    /**
     * @param sinkType a built-in file sink, e.g. {@code sink.csv}
     * @param path the file it writes
     * @param sourceConfig the http source's config lines
     * @return pipeline {@code api_to_file}: http source {@code api} → file sink {@code out}
     */
    static String sourceInto(String sinkType, String path, String sourceConfig) {
        return """
                [pipeline]
                name = "api_to_file"

                [global]
                plugins = ["http"]

                [[stages]]
                id = "api"
                type = "plugin.http"
                [stages.config]
                %s

                [[stages]]
                id = "out"
                type = "%s"
                inputs = ["api"]
                [stages.config]
                path = "%s"
                """.formatted(sourceConfig.strip(), sinkType, path);
    }

    /**
     * @param sinkConfig the http sink's config lines
     * @param after more TOML after the stages, e.g. {@code [error_handling]}
     * @return pipeline {@code orders_to_api}: {@code orders.csv} → {@code amount > 100} → http sink {@code api}
     */
    static String ordersToHttp(String sinkConfig, String after) {
        return """
                [pipeline]
                name = "orders_to_api"

                [global]
                plugins = ["http"]

                [[stages]]
                id = "orders"
                type = "source.csv"
                [stages.config]
                path = "orders.csv"

                [[stages]]
                id = "large"
                type = "transform.filter"
                inputs = ["orders"]
                [stages.config]
                column = "amount"
                operator = ">"
                value = 100

                [[stages]]
                id = "api"
                type = "plugin.http"
                inputs = ["large"]
                [stages.config]
                %s

                %s
                """.formatted(sinkConfig.strip(), after);
    }
}
