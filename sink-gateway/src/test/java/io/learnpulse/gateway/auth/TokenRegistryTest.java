package io.learnpulse.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.learnpulse.gateway.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens from the tokens file (plain or SHA-256) and the admin token, and their principals. */
class TokenRegistryTest {

    @TempDir
    Path dir;

    @Test
    void authenticatesHashedAndPlainTokensAndTheAdminToken() throws IOException {
        Path file = write("token.alice.sha256 = " + TokenRegistry.hash("alice-secret").toUpperCase() + "\n"
                + "token.alice.role = instructor\n"
                + "token.alice.cohorts = k1, k2\n"
                + "token.u1.secret = learner-u1-secret\n"
                + "token.u1.role = learner\n"
                + "token.u1.userId = u1\n");
        TokenRegistry tokens = TokenRegistry.load(file, "admin-secret-token");

        assertThat(tokens.authenticate("alice-secret")).hasValue(
                new Principal("alice", Role.INSTRUCTOR, Set.of("k1", "k2"), null));
        assertThat(tokens.authenticate("learner-u1-secret")).hasValue(new Principal("u1", Role.LEARNER, Set.of(), "u1"));
        assertThat(tokens.authenticate("admin-secret-token")).hasValue(Principal.admin("admin"));
        assertThat(tokens.authenticate("alice-secret ")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(TokenRegistry.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void refusesIncompleteEntriesWithAOneLineReason() throws IOException {
        assertRefused("token.x.secret = a-long-enough-secret\ntoken.x.role = instructor\n", "an instructor needs cohorts");
        assertRefused("token.x.secret = a-long-enough-secret\ntoken.x.role = learner\n", "a learner needs a userId");
        assertRefused("token.x.secret = a-long-enough-secret\ntoken.x.role = root\n", "role must be");
        assertRefused("token.x.secret = fifteen-chars-x\ntoken.x.role = admin\n", "secret must be at least 16 characters");
        assertRefused("token.x.role = admin\n", "exactly one of sha256 and secret");
        assertRefused("token.x.sha256 = abcd\ntoken.x.role = admin\n", "64 hex digits");
        assertRefused("token.x.sha256 = xyz\ntoken.x.role = admin\n", "not hex");
        assertRefused("token.x.password = s\n", "unknown key token.x.password");
    }

    private void assertRefused(String content, String reason) throws IOException {
        Path file = write(content);
        assertThatThrownBy(() -> TokenRegistry.load(file, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining(reason);
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "tokens", ".properties");
        Files.writeString(file, content);
        return file;
    }
}
