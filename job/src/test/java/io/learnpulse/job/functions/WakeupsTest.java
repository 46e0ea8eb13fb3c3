package io.learnpulse.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WakeupsTest {
    @Test
    void takesTheLearnersDueByEachWatermarkEarliestFirstAndLeavesTheRest() {
        Wakeups<Object> waiting = new Wakeups<>();
        waiting.add(30, "c");
        waiting.add(10, "a");
        waiting.add(20, "b");
        waiting.add(40, "d");

        List<Object> due = new ArrayList<>();
        while (waiting.hasDue(25)) {
            due.add(waiting.firstTime() + ":" + waiting.pollFirst());
        }

        assertThat(due).containsExactly("10:a", "20:b");
        assertThat(waiting.size()).isEqualTo(2);
        assertThat(waiting.hasDue(29)).isFalse();
        assertThat(waiting.firstTime()).isEqualTo(30);
        assertThat(waiting.pollFirst()).isEqualTo("c");
        assertThat(waiting.pollFirst()).isEqualTo("d");
        assertThat(waiting.size()).isZero();
    }

    /** Against java.util.PriorityQueue over a seeded mix of adds and watermarks, growing past its first arrays. */
    @Test
    void ordersAsAPriorityQueueDoes() {
        Random random = new Random(12);
        Wakeups<Object> waiting = new Wakeups<>();
        PriorityQueue<long[]> reference = new PriorityQueue<>((x, y) -> Long.compare(x[0], y[0]));
        long watermark = 0;
        for (int round = 0; round < 2_000; round++) {
            for (int n = random.nextInt(200); n > 0; n--) {
                long time = watermark + 1 + random.nextInt(5_000);
                long key = random.nextInt(1_000);
                waiting.add(time, key);
                reference.add(new long[] {time, key});
            }
            watermark += random.nextInt(3_000);
            List<Long> taken = new ArrayList<>();
            while (waiting.hasDue(watermark)) {
                long time = waiting.firstTime();
                waiting.pollFirst();
                taken.add(time);
            }
            List<Long> expected = new ArrayList<>();
            while (!reference.isEmpty() && reference.peek()[0] <= watermark) {
                expected.add(reference.poll()[0]);
            }
            assertThat(taken).isEqualTo(expected);
            assertThat(waiting.size()).isEqualTo(reference.size());
        }
    }
}
