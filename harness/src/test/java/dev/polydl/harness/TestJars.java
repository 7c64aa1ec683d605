package dev.polydl.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Jars of test classes, for child JVMs that must load a class the distribution does not hold. */
public final class TestJars {
    private TestJars() {
    }

    /** A jar with {@code type}'s class file, its nested classes' and the given text resources. */
    public static void write(Path jar, Class<?> type, Map<String, String> resources) throws IOException {
        Path classFile;
        try {
            classFile = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(type.getName().replace('.', '/') + ".class");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String packageFolder = type.getPackageName().replace('.', '/') + "/";
        String binaryName = type.getName().substring(type.getName().lastIndexOf('.') + 1); // Outer$Inner for a nested class
        List<Path> classFiles;
        try (Stream<Path> siblings = Files.list(classFile.getParent())) {
            classFiles = siblings.filter(file -> file.getFileName().toString().equals(binaryName + ".class")
                    || file.getFileName().toString().startsWith(binaryName + "$")).toList();
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path entry : classFiles) {
                out.putNextEntry(new JarEntry(packageFolder + entry.getFileName()));
                Files.copy(entry, out);
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                out.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
