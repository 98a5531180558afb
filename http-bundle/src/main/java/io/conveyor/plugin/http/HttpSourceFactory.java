package io.conveyor.plugin.http;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.plugin.http.format.BodyFormat;
import io.conveyor.plugin.http.format.FieldPath;
import io.conveyor.plugin.http.paging.Pager;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code plugin.http} without inputs: reads records from an HTTP endpoint, page by page. */
@Component(service = SourceFactory.class,
        property = {"conveyor.plugin=http", "conveyor.stage.kind=source", "conveyor.stage.name=http"})
public final class HttpSourceFactory implements SourceFactory {
    static final String QUERY = "query";
    static final String RECORDS_PATH = "records_path";
    static final String PAGINATION = "pagination";
    static final String NEXT_URL_FIELD = "next_url_field";
    static final String PAGE_PARAM = "page_param";
    static final String PAGE_START = "page_start";
    static final String OFFSET_PARAM = "offset_param";
    static final String OFFSET_START = "offset_start";
    static final String PAGE_SIZE = "page_size";
    static final String PAGE_SIZE_PARAM = "page_size_param";
    static final String MAX_PAGES = "max_pages";

    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SOURCE, "http")
            .description("Reads records from an HTTP endpoint (JSON, JSON lines, CSV or raw text), following"
                    + " pagination by Link header, next-URL field, page number or offset. Responses are parsed as"
                    + " they arrive, so large bodies stream.")
            .option(OptionSpec.string(HttpOptions.URL).required().describe("URL to read (http or https)"),
                    HttpOptions.method("GET", "POST", "PUT", "PATCH", "DELETE"),
                    HttpOptions.format("Format of the response body: json (array, object, or the array at"
                            + " records_path), jsonl, csv (with header line) or raw (one record with a 'body' column)"),
                    HttpOptions.TIMEOUT_SPEC,
                    HttpOptions.HEADERS_SPEC,
                    OptionSpec.string(HttpOptions.BODY).describe("Request body, for POST, PUT, PATCH or DELETE"),
                    OptionSpec.table(QUERY).describe("Query parameters added to the URL, name = value (URL-encoded)"),
                    OptionSpec.string(RECORDS_PATH).describe("Dotted path to the array of records in a JSON"
                            + " response, e.g. 'data.items'; default: the whole body"),
                    OptionSpec.integer(HttpOptions.BATCH_SIZE).defaultValue(1000L).describe("Records per batch"),
                    OptionSpec.string(PAGINATION).defaultValue("none").allowed(Pager.Style.IDS)
                            .describe("How to find the next page: none, link_header (Link: rel=\"next\"), next_url"
                                    + " (a URL in the body at next_url_field), page (page_param counts up) or offset"
                                    + " (offset_param advances by the records read); page and offset stop on an empty page"),
                    OptionSpec.string(NEXT_URL_FIELD).describe("Dotted path of the next page's URL in a JSON"
                            + " response (pagination = \"next_url\"); null, empty or missing ends"),
                    OptionSpec.string(PAGE_PARAM).defaultValue("page").describe("Query parameter of the page number"
                            + " (pagination = \"page\")"),
                    OptionSpec.integer(PAGE_START).defaultValue(1L).describe("First page number (pagination = \"page\")"),
                    OptionSpec.string(OFFSET_PARAM).defaultValue("offset").describe("Query parameter of the offset"
                            + " (pagination = \"offset\")"),
                    OptionSpec.integer(OFFSET_START).defaultValue(0L).describe("First offset (pagination = \"offset\")"),
                    OptionSpec.integer(PAGE_SIZE).describe("Page size sent in page_size_param (page and offset"
                            + " pagination); default: send none"),
                    OptionSpec.string(PAGE_SIZE_PARAM).defaultValue("limit").describe("Query parameter of the page size"),
                    OptionSpec.integer(MAX_PAGES).describe("Most pages to fetch; default: no limit"),
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
        HttpOptions.atLeast(c, MAX_PAGES, 1);
        HttpOptions.atLeast(c, PAGE_SIZE, 1);
        HttpOptions.atLeast(c, OFFSET_START, 0);
        if (c.has(HttpOptions.BODY) && c.getString(HttpOptions.METHOD).equals("GET")) {
            throw c.error(HttpOptions.BODY, "a GET request sends no body; set method = \"POST\" (or PUT, PATCH)");
        }
        for (Map.Entry<String, Object> e : c.getTable(QUERY).entrySet()) {
            if (e.getValue() == null || e.getValue() instanceof Map || e.getValue() instanceof List) {
                throw c.error(QUERY + "." + e.getKey(), "a query parameter must be a string, number or boolean");
            }
        }
        BodyFormat format = BodyFormat.of(c.getString(HttpOptions.FORMAT));
        path(c, RECORDS_PATH);
        if (c.has(RECORDS_PATH) && format != BodyFormat.JSON) {
            throw c.error(RECORDS_PATH, "applies to format = \"json\" only (format is '" + c.getString(HttpOptions.FORMAT) + "')");
        }
        Pager.Style style = Pager.Style.of(c.getString(PAGINATION));
        requireOnlyWith(c, style, Pager.Style.NEXT_URL, NEXT_URL_FIELD);
        requireOnlyWith(c, style, Pager.Style.PAGE, PAGE_PARAM, PAGE_START);
        requireOnlyWith(c, style, Pager.Style.OFFSET, OFFSET_PARAM, OFFSET_START);
        if (style == Pager.Style.NEXT_URL) {
            if (!c.has(NEXT_URL_FIELD)) {
                throw c.error(PAGINATION, "pagination = \"next_url\" needs next_url_field, the dotted path of the next"
                        + " page's URL in the response (e.g. 'links.next')");
            }
            path(c, NEXT_URL_FIELD);
            if (!c.has(RECORDS_PATH)) {
                throw c.error(PAGINATION, "pagination = \"next_url\" needs records_path too: a body holding a next URL"
                        + " is an object, and records_path says where its records are (e.g. 'data')");
            }
            if (format != BodyFormat.JSON) {
                throw c.error(PAGINATION, "pagination = \"next_url\" reads the next URL from a JSON body; format is '"
                        + c.getString(HttpOptions.FORMAT) + "'");
            }
        }
        boolean counted = style == Pager.Style.PAGE || style == Pager.Style.OFFSET;
        for (String key : List.of(PAGE_SIZE, PAGE_SIZE_PARAM)) {
            if (c.has(key) && !counted) {
                throw c.error(key, "applies to pagination = \"page\" or \"offset\" only (pagination is '" + style.id() + "')");
            }
        }
        if (c.has(PAGE_SIZE_PARAM) && !c.has(PAGE_SIZE)) {
            throw c.error(PAGE_SIZE_PARAM, "is sent only with page_size; set page_size too");
        }
        if (c.has(MAX_PAGES) && style == Pager.Style.NONE) {
            throw c.error(MAX_PAGES, "has no effect without pagination; set pagination or remove max_pages");
        }
    }

    private static void requireOnlyWith(StageConfig c, Pager.Style style, Pager.Style needed, String... keys)
            throws ConfigException {
        for (String key : keys) {
            if (c.has(key) && style != needed) {
                throw c.error(key, "applies to pagination = \"" + needed.id() + "\" only (pagination is '" + style.id() + "')");
            }
        }
    }

    /** @return the dotted path in the option, root when absent */
    static FieldPath path(StageConfig c, String key) throws ConfigException {
        try {
            return FieldPath.parse(c.getString(key, null));
        } catch (IllegalArgumentException e) {
            throw c.error(key, e.getMessage());
        }
    }

    @Override
    public BatchStream open(StageConfig config, StageContext context) throws Exception {
        return new HttpSource(config, context);
    }
}
