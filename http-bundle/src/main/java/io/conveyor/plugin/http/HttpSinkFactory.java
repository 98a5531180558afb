package io.conveyor.plugin.http;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.plugin.http.format.BodyFormat;
import org.osgi.service.component.annotations.Component;

/** {@code plugin.http} with inputs: sends records to an HTTP endpoint, one request per batch. */
@Component(service = SinkFactory.class,
        property = {"conveyor.plugin=http", "conveyor.stage.kind=sink", "conveyor.stage.name=http"})
public final class HttpSinkFactory implements SinkFactory {
    static final String RAW_COLUMN = "raw_column";

    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SINK, "http")
            .description("Sends records to an HTTP endpoint, batch_size records per request. Requests are retried"
                    + " on connect errors, 429 and 5xx; the records of a request that still fails go to the"
                    + " dead-letter queue with the status and the start of the response.")
            .option(OptionSpec.string(HttpOptions.URL).required().describe("URL to send to (http or https)"),
                    HttpOptions.method("POST", "PUT", "PATCH", "DELETE"),
                    HttpOptions.format("Body of each request: json (one array of records), jsonl (one record per"
                            + " line), csv (header line + rows) or raw (the text of raw_column, one record per line)"),
                    OptionSpec.integer(HttpOptions.BATCH_SIZE).defaultValue(100L).describe("Records per request"),
                    HttpOptions.HEADERS_SPEC,
                    HttpOptions.TIMEOUT_SPEC,
                    OptionSpec.string(RAW_COLUMN).defaultValue("body").describe("Column sent as the body with"
                            + " format = \"raw\""),
                    HttpOptions.MAX_RETRIES_SPEC,
                    HttpOptions.RETRY_DELAY_SPEC)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig c) throws ConfigException {
        HttpOptions.validateCommon(c);
        HttpOptions.checkUrl(c, HttpOptions.URL, c.getString(HttpOptions.URL));
        HttpOptions.atLeast(c, HttpOptions.BATCH_SIZE, 1);
        if (c.has(RAW_COLUMN) && BodyFormat.of(c.getString(HttpOptions.FORMAT)) != BodyFormat.RAW) {
            throw c.error(RAW_COLUMN, "applies to format = \"raw\" only (format is '" + c.getString(HttpOptions.FORMAT) + "')");
        }
    }

    @Override
    public SinkWriter open(StageConfig config, StageContext context) throws Exception {
        return new HttpSink(config, context);
    }
}
