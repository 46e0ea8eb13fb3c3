package io.learnpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What {@code kubectl kustomize deploy/kubernetes/overlays/NAME} renders: the documents that
 * {@code kubectl apply -k} would send, as YAML trees, looked up by kind and name.
 */
final class RenderedManifests {
    static final Path ROOT = Path.of(System.getProperty("learnpulse.root", "../.."));
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    final String overlay;
    final List<JsonNode> documents;

    private RenderedManifests(String overlay, List<JsonNode> documents) {
        this.overlay = overlay;
        this.documents = documents;
    }

    /** The overlays under deploy/kubernetes/overlays. */
    static Stream<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(KUBERNETES.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static final Map<String, RenderedManifests> RENDERED = new ConcurrentHashMap<>();

    /** An overlay rendered once per test run. */
    static RenderedManifests render(String overlay) throws IOException, InterruptedException {
        RenderedManifests rendered = RENDERED.get(overlay);
        if (rendered == null) {
            rendered = kustomize(overlay);
            RENDERED.put(overlay, rendered);
        }
        return rendered;
    }

    /** Renders an overlay with kubectl's built-in Kustomize (no cluster is contacted). */
    private static RenderedManifests kustomize(String overlay) throws IOException, InterruptedException {
        Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", KUBERNETES.resolve("overlays").resolve(overlay).toString())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!kubectl.waitFor(60, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + overlay + " did not finish within 60 s");
            }
            if (kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + overlay + " exited " + kubectl.exitValue());
            }
            return new RenderedManifests(overlay, parse(Files.readString(output, StandardCharsets.UTF_8)));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /** kubectl (with its built-in Kustomize) is part of the machine image CI runs on: there it must be present. */
    static void assumeKubectl() {
        Assumptions.assumeTrue(kubectlAvailable() || System.getenv("CI") != null,
                "kubectl is not installed: the Kubernetes manifests are not checked");
    }

    private static boolean kubectlAvailable() {
        try {
            Process probe = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> d.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    /** The one resource of a kind. */
    JsonNode single(String kind) {
        List<JsonNode> all = ofKind(kind);
        if (all.size() != 1) {
            throw new AssertionError(overlay + ": expected one " + kind + ", found " + all.size());
        }
        return all.get(0);
    }
}
