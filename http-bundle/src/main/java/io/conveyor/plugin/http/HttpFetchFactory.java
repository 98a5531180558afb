package io.conveyor.plugin.http;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.plugin.http.template.Template;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** {@code plugin.http.fetch}: one templated request per input record, its parsed response in a new column. */
@Component(service = TransformFactory.class,
        property = {"conveyor.plugin=http", "conveyor.stage.kind=transform", "conveyor.stage.name=fetch"})
public final class HttpFetchFactory implements TransformFactory {
    static final String RESULT_COLUMN = "result_column";
    static final String CONCURRENCY = "concurrency";
    static final String ON_RECORD_ERROR = "on_record_error";
    static final String DEAD_LETTER = "dead_letter";
    static final String FAIL = "fail";
    private static final int MAX_CONCURRENCY = 256;

    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "fetch")
            .description("Enriches each record with an HTTP request built from its fields ({field} placeholders"
                    + " in url and body), at most 'concurrency' requests at a time; the parsed response goes into"
                    + " result_column. Keeps input order.")
            .option(OptionSpec.string(HttpOptions.URL).required().describe("URL template, e.g."
                            + " 'https://api.example.com/users/{user_id}'; values are URL-encoded"),
                    HttpOptions.method("GET", "POST", "PUT", "PATCH", "DELETE"),
                    OptionSpec.string(HttpOptions.BODY).describe("Body template, e.g. '{\"name\": \"{name}\"}';"
                            + " values are JSON-escaped (quotes are not added)"),
                    HttpOptions.HEADERS_SPEC,
                    HttpOptions.format("Format of each response: json (its value), jsonl or csv (a list of records),"
                            + " raw (the text)"),
                    OptionSpec.string(RESULT_COLUMN).defaultValue("response").describe("Column receiving the parsed"
                            + " response (replaced if the input has it); null when the record failed"),
                    OptionSpec.integer(CONCURRENCY).defaultValue(4L).describe("Most requests in flight at once (1.."
                            + MAX_CONCURRENCY + ")"),
                    OptionSpec.string(ON_RECORD_ERROR).defaultValue(DEAD_LETTER).allowed(DEAD_LETTER, FAIL)
                            .describe("When a record's request fails: dead_letter (result null, record to the"
                                    + " dead-letter queue) or fail (the stage fails)"),
                    HttpOptions.TIMEOUT_SPEC,
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
        Template url = template(c, HttpOptions.URL, Template.Escaping.URL);
        HttpOptions.checkUrl(c, HttpOptions.URL, url.renderSample("x"), url.toString());
        template(c, HttpOptions.BODY, Template.Escaping.JSON);
        HttpOptions.atLeast(c, CONCURRENCY, 1);
        if (c.getLong(CONCURRENCY) > MAX_CONCURRENCY) {
            throw c.error(CONCURRENCY, "must be at most " + MAX_CONCURRENCY + ", got " + c.getLong(CONCURRENCY));
        }
        if (c.has(HttpOptions.BODY) && c.getString(HttpOptions.METHOD).equals("GET")) {
            throw c.error(HttpOptions.BODY, "a GET request sends no body; set method = \"POST\" (or PUT, PATCH)");
        }
        if (c.getString(RESULT_COLUMN).isBlank()) {
            throw c.error(RESULT_COLUMN, "must name a column");
        }
    }

    /** @return the parsed template in the option, or null when it is absent */
    static Template template(StageConfig c, String key, Template.Escaping escaping) throws ConfigException {
        String text = c.getString(key, null);
        if (text == null) {
            return null;
        }
        try {
            return Template.parse(text, escaping);
        } catch (IllegalArgumentException e) {
            throw c.error(key, c.mask(e.getMessage()));
        }
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        return new FetchStream(inputs.get(0), config, context);
    }
}
