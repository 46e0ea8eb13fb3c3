package io.learnpulse.gateway.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import io.learnpulse.gateway.ConfigException;

/**
 * The bearer tokens the gateway accepts, each with its principal. Only SHA-256 digests of the tokens
 * are kept in memory; a presented token is hashed and compared with every known digest in constant
 * time ({@link MessageDigest#isEqual}).
 *
 * <p>Tokens file (Java properties), one group of keys per principal NAME:
 * <pre>
 * token.NAME.sha256  = hex SHA-256 of the token   (or token.NAME.secret = the token itself)
 * token.NAME.role    = admin | instructor | learner
 * token.NAME.cohorts = k1,k2                      (instructor)
 * token.NAME.userId  = u1                         (learner)
 * </pre>
 */
public final class TokenRegistry {

    /** The shortest token accepted (admin token or {@code secret}): 16 characters resist guessing over HTTP. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private record Entry(byte[] digest, Principal principal) {
    }

    private final List<Entry> entries;

    private TokenRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The tokens of the file (if any) plus the admin token (if any). */
    public static TokenRegistry load(Path tokensFile, String adminToken) {
        List<Entry> entries = new ArrayList<>();
        if (tokensFile != null) {
            entries.addAll(readFile(tokensFile));
        }
        if (adminToken != null && !adminToken.isBlank()) {
            entries.add(new Entry(sha256(adminToken), Principal.admin("admin")));
        }
        return new TokenRegistry(entries);
    }

    /** The principal of a presented token, if it is one of ours. */
    Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        Principal found = null;
        for (Entry entry : entries) { // no early exit: the time taken does not tell which entry matched
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The principal named {@code name} (the owner of a webhook), if a token stands for it. */
    public Optional<Principal> principal(String name) {
        return entries.stream().map(Entry::principal).filter(principal -> principal.name().equals(name)).findFirst();
    }

    public int size() {
        return entries.size();
    }

    /** Hex SHA-256 of a token, the form the tokens file stores. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static List<Entry> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read tokens file " + file + ": " + e.getMessage(), e);
        }
        Set<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length != 3 || !parts[0].equals("token")
                    || !Set.of("sha256", "secret", "role", "cohorts", "userId").contains(parts[2])) {
                throw new ConfigException("unknown key " + key + " in tokens file " + file);
            }
            names.add(parts[1]);
        }
        List<Entry> entries = new ArrayList<>();
        for (String name : names) {
            entries.add(entry(file, name, properties));
        }
        return entries;
    }

    private static Entry entry(Path file, String name, Properties properties) {
        String prefix = "token." + name + ".";
        String where = " for token " + name + " in " + file;
        String sha256 = properties.getProperty(prefix + "sha256");
        String secret = properties.getProperty(prefix + "secret");
        byte[] digest;
        if (sha256 != null && secret == null) {
            try {
                digest = HexFormat.of().parseHex(sha256.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("sha256 is not hex" + where);
            }
            if (digest.length != 32) {
                throw new ConfigException("sha256 must be 64 hex digits" + where);
            }
        } else if (secret != null && sha256 == null) {
            if (secret.trim().length() < MIN_TOKEN_LENGTH) {
                throw new ConfigException("secret must be at least " + MIN_TOKEN_LENGTH + " characters" + where);
            }
            digest = sha256(secret.trim());
        } else {
            throw new ConfigException("exactly one of sha256 and secret is needed" + where);
        }
        String roleText = properties.getProperty(prefix + "role", "").trim();
        Role role;
        try {
            role = Role.valueOf(roleText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("role must be admin, instructor or learner, not '" + roleText + "'" + where);
        }
        Set<String> cohorts = new LinkedHashSet<>();
        String cohortText = properties.getProperty(prefix + "cohorts", "");
        Arrays.stream(cohortText.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(cohorts::add);
        String userId = properties.getProperty(prefix + "userId");
        userId = userId == null || userId.isBlank() ? null : userId.trim();
        if (role == Role.INSTRUCTOR && cohorts.isEmpty()) {
            throw new ConfigException("an instructor needs cohorts" + where);
        }
        if (role == Role.LEARNER && userId == null) {
            throw new ConfigException("a learner needs a userId" + where);
        }
        return new Entry(digest, new Principal(name, role, role == Role.INSTRUCTOR ? cohorts : Set.of(),
                role == Role.LEARNER ? userId : null));
    }
}
