package io.conveyor.plugin.http.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagerTest {

    @Test
    void findsTheNextLinkAmongSeveral() {
        assertEquals("https://api.x/items?page=2",
                Pager.nextLink(List.of("<https://api.x/items?page=1>; rel=\"prev\", <https://api.x/items?page=2>; rel=\"next\"")));
        assertEquals("/b", Pager.nextLink(List.of("</a>; rel=first", "</b>; title=\"x\"; rel=\"next last\"")));
        assertEquals("/c", Pager.nextLink(List.of("</c>; REL=Next")));
        assertNull(Pager.nextLink(List.of("</a>; rel=\"prev\"")));
        assertNull(Pager.nextLink(List.of()));
    }

    @Test
    void relativeLinksResolveAgainstThePageAndALoopIsAnError() {
        Pager p = new Pager(Pager.Style.LINK_HEADER, "http://h/api/items", null, 0, 0, null, 0);
        assertEquals("http://h/api/items", p.first());
        assertEquals("http://h/api/items?page=2", p.next("http://h/api/items", 5, List.of("<items?page=2>; rel=next"), null));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.next("http://h/api/items?page=2", 5, List.of("<?page=2>; rel=next"), null));
        assertEquals("pagination points back to the page just read (http://h/api/items?page=2); the server's next link"
                + " does not advance", e.getMessage());
    }

    @Test
    void pageStyleStartsWhereToldAndStopsOnAnEmptyPageOrMaxPages() {
        Pager p = new Pager(Pager.Style.PAGE, "http://h/x?sort=id", "pg", 0, 3, "size", 50);
        assertEquals("http://h/x?sort=id&pg=0&size=50", p.first());
        assertEquals("http://h/x?sort=id&pg=1&size=50", p.next("http://h/x?sort=id&pg=0&size=50", 50, List.of(), null));
        assertEquals("http://h/x?sort=id&pg=2&size=50", p.next("http://h/x?sort=id&pg=1&size=50", 50, List.of(), null));
        assertNull(p.next("http://h/x?sort=id&pg=2&size=50", 50, List.of(), null));
        assertTrue(p.cappedByMaxPages());
        Pager q = new Pager(Pager.Style.PAGE, "http://h/x", "page", 1, 0, null, 0);
        q.first();
        assertNull(q.next("http://h/x?page=1", 0, List.of(), null));
        assertEquals(1, q.pages());
    }
}
