package io.conveyor.plugin.http.paging;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.utils.URIUtils;
import org.apache.hc.core5.net.URIBuilder;

/**
 * Decides which URL to fetch after each page: from a {@code Link: <...>; rel="next"} header,
 * from a next-URL field of the body, or by counting a page number or an offset up until a
 * page comes back empty. Stops after {@code max_pages} pages in every style. Not thread-safe.
 */
public final class Pager {
    /** The pagination styles; {@link #id()} is the option value. */
    public enum Style {
        /** One request. */
        NONE,
        /** Follow the {@code Link} header's {@code rel="next"}. */
        LINK_HEADER,
        /** Follow the URL in the body field {@code next_url_field}. */
        NEXT_URL,
        /** Count {@code page_param} up from {@code page_start}; stop on an empty page. */
        PAGE,
        /** Add each page's record count to {@code offset_param}; stop on an empty page. */
        OFFSET;

        /** The option values, in documentation order. */
        public static final String[] IDS = {"none", "link_header", "next_url", "page", "offset"};

        /** @return the option value */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @param id an option value
         *  @return the style */
        public static Style of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
    private static final Pattern REL = Pattern.compile("(?i)\\brel\\s*=\\s*(\"([^\"]*)\"|[^\\s;,]+)");

    private final Style style;
    private final String baseUrl;
    private final String param;
    private final long start;
    private final long maxPages;
    private final String pageSizeParam;
    private final long pageSize;
    private long position;
    private long pages;
    private boolean cappedByMaxPages;

    /**
     * @param style the style
     * @param baseUrl the first page's URL (query included)
     * @param param the page or offset parameter name (PAGE, OFFSET), else ignored
     * @param start the first page number or offset
     * @param maxPages the most pages to fetch, 0 for no limit
     * @param pageSizeParam the parameter carrying the page size, or null to send none
     * @param pageSize the page size to send
     */
    public Pager(Style style, String baseUrl, String param, long start, long maxPages, String pageSizeParam,
                 long pageSize) {
        this.style = style;
        this.baseUrl = baseUrl;
        this.param = param;
        this.start = start;
        this.maxPages = maxPages;
        this.pageSizeParam = pageSizeParam;
        this.pageSize = pageSize;
        this.position = start;
    }

    /** @return the URL of the first page */
    public String first() {
        pages = 1;
        return counted() ? withPosition() : baseUrl;
    }

    private boolean counted() {
        return style == Style.PAGE || style == Style.OFFSET;
    }

    /**
     * @param currentUrl the page just read
     * @param records how many records it held
     * @param linkHeaders its {@code Link} header values
     * @param bodyNextUrl the next-URL field of its body, or null
     * @return the next page's URL, or null when there is none (or {@code max_pages} is reached)
     * @throws IllegalStateException if the next URL is the page just read (the server loops)
     */
    public String next(String currentUrl, long records, List<String> linkHeaders, String bodyNextUrl) {
        String next;
        switch (style) {
            case LINK_HEADER: next = resolve(currentUrl, nextLink(linkHeaders)); break;
            case NEXT_URL: next = resolve(currentUrl, bodyNextUrl == null || bodyNextUrl.isBlank() ? null : bodyNextUrl); break;
            case PAGE:
                position++;
                next = records == 0 ? null : withPosition();
                break;
            case OFFSET:
                position += records;
                next = records == 0 ? null : withPosition();
                break;
            default: next = null;
        }
        if (next == null) {
            return null;
        }
        if (next.equals(currentUrl)) {
            throw new IllegalStateException("pagination points back to the page just read (" + currentUrl
                    + "); the server's next link does not advance");
        }
        if (maxPages > 0 && pages >= maxPages) {
            cappedByMaxPages = true;
            return null;
        }
        pages++;
        return next;
    }

    /** @return the pages requested so far */
    public long pages() {
        return pages;
    }

    /** @return true if reading stopped at {@code max_pages} while the server had more */
    public boolean cappedByMaxPages() {
        return cappedByMaxPages;
    }

    private String withPosition() {
        try {
            URIBuilder b = new URIBuilder(baseUrl).setParameter(param, Long.toString(position));
            if (pageSizeParam != null) {
                b.setParameter(pageSizeParam, Long.toString(pageSize));
            }
            return b.build().toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot add '" + param + "' to the URL: " + e.getMessage(), e);
        }
    }

    /**
     * @param values the {@code Link} header values
     * @return the target of the link whose {@code rel} includes {@code next}, or null
     */
    static String nextLink(List<String> values) {
        for (String v : values) {
            Matcher m = LINK.matcher(v);
            while (m.find()) {
                Matcher rel = REL.matcher(m.group(2));
                while (rel.find()) {
                    String rels = rel.group(2) != null ? rel.group(2) : rel.group(1);
                    for (String r : rels.trim().split("\\s+")) {
                        if (r.equalsIgnoreCase("next")) {
                            return m.group(1).trim();
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String resolve(String base, String ref) {
        if (ref == null) {
            return null;
        }
        try {
            // URIUtils follows RFC 3986; java.net.URI.resolve mishandles query-only references ("?page=2")
            return URIUtils.resolve(URI.create(base), ref.trim()).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the next page's URL '" + ref + "' is not a valid URL", e);
        }
    }
}
