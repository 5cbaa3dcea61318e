package io.github.kcpat.it.support;

import io.github.kcpat.it.hooks.TestHooksResourceProviderFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Packs the test-only hooks provider ({@code it/hooks}, compiled with the tests) into a small JAR for the test
 * servers' {@code providers/}: never part of the shipped JAR. The JAR's modification time is that of its newest class,
 * so unchanged hooks do not make Keycloak rebuild itself.
 */
final class TestHooksJar {

    static final String FILE_NAME = "kcpat-test-hooks.jar";
    private static final String SERVICE = "META-INF/services/org.keycloak.services.resource.RealmResourceProviderFactory";

    private TestHooksJar() {
    }

    /** Writes the JAR to {@code folder} (replacing an older one) and answers its path. */
    static Path writeTo(Path folder) {
        Path classes = testClasses();
        String packagePath = TestHooksResourceProviderFactory.class.getPackageName().replace('.', '/');
        Path jar = folder.resolve(FILE_NAME);
        try (Stream<Path> walk = Files.list(classes.resolve(packagePath))) {
            List<Path> classFiles = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
            FileTime newest = FileTime.fromMillis(0);
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                for (Path classFile : classFiles) {
                    FileTime modified = Files.getLastModifiedTime(classFile);
                    newest = modified.compareTo(newest) > 0 ? modified : newest;
                    out.putNextEntry(entry(classes.relativize(classFile).toString().replace('\\', '/'), modified));
                    out.write(Files.readAllBytes(classFile));
                    out.closeEntry();
                }
                out.putNextEntry(entry(SERVICE, newest));
                out.write(TestHooksResourceProviderFactory.class.getName().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            Files.setLastModifiedTime(jar, newest);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + jar, e);
        }
    }

    private static JarEntry entry(String name, FileTime modified) {
        JarEntry entry = new JarEntry(name);
        entry.setLastModifiedTime(modified);
        return entry;
    }

    private static Path testClasses() {
        try {
            return Path.of(TestHooksResourceProviderFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the compiled test classes", e);
        }
    }
}
