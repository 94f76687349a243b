package io.tagwatch.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A from/to range cut into what the store can count cheaply: whole buckets of the coarsest grain
 * allowed in the middle, then finer ones towards each end, and only what is left at the two ends, less
 * than a quarter hour each, counted from the posts. So four weeks in whole hours are about 700 rows,
 * and a cut range costs at most a few hundred rows more, however many posts are stored.
 *
 * @param grain the grain of a piece of counts, or null for a piece counted from the posts
 * @param from  the piece's first millisecond, or null when the range is open at the start
 * @param to    the millisecond after it, or null when open at the end
 */
record Pieces(Grain grain, Long from, Long to) {

    static List<Pieces> of(Long from, Long to, Grain coarsest) {
        List<Pieces> pieces = new ArrayList<>();
        cut(from, to, coarsest.ordinal(), pieces);
        return pieces;
    }

    private static void cut(Long from, Long to, int grain, List<Pieces> pieces) {
        if (grain < 0) {
            pieces.add(new Pieces(null, from, to));
            return;
        }
        Grain g = Grain.values()[grain];
        Long first = from == null ? null : Math.floorDiv(from + g.millis - 1, g.millis) * g.millis;
        Long end = to == null ? null : Math.floorDiv(to, g.millis) * g.millis;
        if (first != null && end != null && first >= end) {
            cut(from, to, grain - 1, pieces);
            return;
        }
        pieces.add(new Pieces(g, first, end));
        if (from != null && first > from) {
            cut(from, first, grain - 1, pieces);
        }
        if (to != null && end < to) {
            cut(end, to, grain - 1, pieces);
        }
    }
}
