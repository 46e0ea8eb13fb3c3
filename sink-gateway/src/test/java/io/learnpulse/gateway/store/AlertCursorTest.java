package io.learnpulse.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The opaque history cursor round-trips and rejects what it did not make. */
class AlertCursorTest {

    @Test
    void roundTripsEvenWithColonsInTheAlertId() {
        AlertCursor cursor = new AlertCursor(1_764_000_000_000L, "a:b:c");
        assertThat(AlertCursor.decode(cursor.encode())).hasValue(cursor);
        assertThat(cursor.encode()).doesNotContain("a:b:c");
    }

    @Test
    void rejectsForeignText() {
        assertThat(AlertCursor.decode("not base64 !")).isEmpty();
        assertThat(AlertCursor.decode("MjoxOmE")).isEmpty(); // "2:1:a", another version
        assertThat(AlertCursor.decode("MTp4OmE")).isEmpty(); // "1:x:a", not a number
        assertThat(AlertCursor.decode("")).isEmpty();
    }
}
