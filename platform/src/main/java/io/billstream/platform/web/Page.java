package io.billstream.platform.web;

import java.util.List;

/** One page of a list endpoint: the items, where the page is, and how many items match in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
