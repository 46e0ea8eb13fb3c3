package io.learnpulse.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JDBC URL of the start-up log line shows no credentials (issue 11, defect 6). */
class DatabaseTest {

    @Test
    void aLoggedJdbcUrlHasNoCredentials() {
        assertThat(Database.redacted("jdbc:postgresql://db:5432/learnpulse?user=gw&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/learnpulse?user=***&password=***&ssl=***");
        assertThat(Database.redacted("jdbc:postgresql://gw:s3cret@db:5432/learnpulse"))
                .isEqualTo("jdbc:postgresql://***@db:5432/learnpulse");
        assertThat(Database.redacted("jdbc:sqlite:data/gateway/gateway.db")).isEqualTo("jdbc:sqlite:data/gateway/gateway.db");
    }
}
