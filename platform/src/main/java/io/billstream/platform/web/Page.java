package io.billstream.platform.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a list endpoint: the items, where the page is, and how many items match in all. */
public record Page<T>(
        List<T> items,
        @Schema(example = "0", description = "from 0") int page,
        @Schema(example = "20") int size,

        @Schema(example = "1", description = "items matching in all")
        long total) {

    public Page {
        items = List.copyOf(items);
    }
}
