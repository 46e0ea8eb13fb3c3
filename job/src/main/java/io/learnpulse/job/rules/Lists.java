package io.learnpulse.job.rules;

import java.util.List;

/** The rules keep the last few values of a run (scores, days) in lists. */
final class Lists {
    private Lists() {}

    /** Drops the oldest values until at most {@code n} are left. */
    static <T> void keepLast(List<T> list, int n) {
        while (list.size() > n) {
            list.remove(0);
        }
    }
}
