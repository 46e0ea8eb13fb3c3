package io.learnpulse.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A private copy of the project's own classes and jars for the bench's processes. The bench runs
 * for many minutes from the modules' {@code target/} directories; a build of the same working tree
 * meanwhile (another terminal, CI on a shared machine) rewrites those jars under the running JVMs
 * and they fail with {@code NoClassDefFoundError}. Entries outside the project (the Maven
 * repository, the JDK) are used where they are.
 */
final class ClasspathSnapshot {
    private ClasspathSnapshot() {}

    /** Copies the project's entries of this JVM's classpath into {@code dir}; returns the classpath to use. */
    static String create(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> entries = new ArrayList<>();
        for (String entry : expanded(System.getProperty("java.class.path"))) {
            Path path = Path.of(entry).toAbsolutePath();
            if (!isProjectBuildOutput(path) || !Files.exists(path)) {
                entries.add(entry);
                continue;
            }
            Path copy = dir.resolve(entries.size() + "-" + path.getFileName());
            if (Files.isDirectory(path)) {
                copyTree(path, copy);
            } else {
                Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            entries.add(copy.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** A build output of some module of a working tree: anything under a {@code target} directory. */
    private static boolean isProjectBuildOutput(Path path) {
        for (Path p = path; p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    /** The classpath's entries, with a manifest-only jar (as surefire and failsafe use) replaced by its Class-Path. */
    private static List<String> expanded(String classpath) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            List<String> manifestPath = manifestClassPath(Path.of(entry));
            if (manifestPath.isEmpty()) {
                entries.add(entry);
            } else {
                entries.addAll(manifestPath);
            }
        }
        return entries;
    }

    private static List<String> manifestClassPath(Path jar) throws IOException {
        List<String> entries = new ArrayList<>();
        if (!jar.toString().endsWith(".jar") || !Files.isRegularFile(jar) || Files.size(jar) > 1_000_000) {
            return entries;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || file.stream().anyMatch(e -> e.getName().endsWith(".class"))) {
                return entries;
            }
            for (String url : classPath.trim().split("\\s+")) {
                URI uri = jar.toUri().resolve(url);
                entries.add(Path.of(uri).toString());
            }
        } catch (IllegalArgumentException e) {
            entries.clear();
        }
        return entries;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
